/**
 * CSV of one report table: UTF-8 with a BOM (so Excel opens Vietnamese correctly), RFC 4180 quoting,
 * CRLF line ends. Numbers are plain (dot decimal, no grouping); shares are written as percentages
 * with one decimal under a "(%)" heading.
 */
import type { Lang } from './labels.ts';
import { buildReportTable } from './tables.ts';
import type { ReportCell, ReportTableKey } from './tableTypes.ts';
import type { MonthlyReport } from './model.ts';

/** Renders the table `table` (default: summary) of the report as CSV text, BOM included. */
export function renderReportCsv(report: MonthlyReport, table: ReportTableKey = 'summary', lang: Lang = 'vi'): string {
  const t = buildReportTable(report, table, lang);
  const lines = [t.columns.map((c) => quote(c.header)), ...t.rows.map((row) => row.map(csvCell))].map((cells) => cells.join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The CSV text of one cell. */
export function csvCell(cell: ReportCell): string {
  const { value, format } = cell;
  if (value === null) return '';
  if (typeof value === 'string') return quote(defuse(value));
  switch (format) {
    case 'int':
      return String(Math.round(value));
    case 'dec1':
      return fixed(value, 1);
    case 'pct':
      return fixed(value * 100, 1);
    default:
      return String(value);
  }
}

function fixed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  // "-0.0" reads as a negative zero in spreadsheets.
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text starting like a formula is prefixed with an apostrophe so a spreadsheet shows it, not runs it. */
function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * XLSX workbook of the report: one sheet per table with Vietnamese sheet names, a bold frozen header
 * row, number formats ("0", "0.0", "0.0%") and column widths. Written with exceljs's streaming
 * WorkbookWriter (rows are committed as they go), collected into one Buffer.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Lang } from './labels.ts';
import { formatMonth, label, PROSE } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { buildReportTables } from './tables.ts';
import type { CellFormat } from './tableTypes.ts';

/** Excel number formats of the cell formats. */
export const NUMBER_FORMATS: Record<Exclude<CellFormat, 'text'>, string> = { int: '0', dec1: '0.0', pct: '0.0%' };

/** Workbook properties and language. */
export interface XlsxOptions {
  /** Written into the workbook properties (subject). */
  stationName?: string;
  lang?: Lang;
}

/** Renders every table of the report into an .xlsx file's bytes. */
export async function renderReportXlsx(report: MonthlyReport, options: XlsxOptions = {}): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  // The report's own instant, never the wall clock: the same report gives the same workbook properties.
  const at = new Date(Date.parse(report.generatedAt));
  const lang = options.lang ?? 'vi';
  wb.creator = 'Loa';
  wb.created = at;
  wb.modified = at;
  wb.title = `${label(PROSE.docType, lang)} ${label(PROSE.subject, lang, { month: formatMonth(report.month) })}`;
  if (options.stationName) wb.subject = options.stationName;

  for (const table of buildReportTables(report, lang)) {
    const ws = wb.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
    const header = ws.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.commit();
    const totals = new Set(table.totalRows);
    table.rows.forEach((cells, index) => {
      const row = ws.addRow(cells.map((c) => c.value));
      cells.forEach((c, i) => {
        if (c.format !== 'text') row.getCell(i + 1).numFmt = NUMBER_FORMATS[c.format];
      });
      if (totals.has(index)) row.font = { bold: true };
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

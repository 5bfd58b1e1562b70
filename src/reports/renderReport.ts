import type { Lang } from '../i18n/messages.ts';
import type { MonthlyReport } from './model.ts';
import { renderReportCsv } from './renderCsv.ts';
import { renderReportHtml } from './renderHtml.ts';
import { renderReportXlsx } from './renderXlsx.ts';
import type { ReportTableKey } from './tableTypes.ts';

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html';

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  /** e.g. "bao-cao-2026-05.xlsx", or "bao-cao-2026-05-tdp-1-topics.csv". */
  filename: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/** Renders a monthly report in one format (the API and `loa report` both use this). */
export async function renderMonthlyReport(
  report: MonthlyReport,
  opts: { format: ReportFormat; table: ReportTableKey; lang: Lang; stationName: string; zone?: string | undefined },
): Promise<RenderedReport> {
  const base = `bao-cao-${report.month}${opts.zone ? `-${opts.zone}` : ''}`;
  const out = (body: string | Buffer, filename: string): RenderedReport => ({ body, contentType: CONTENT_TYPES[opts.format], filename });
  switch (opts.format) {
    case 'csv':
      return out(renderReportCsv(report, opts.table, opts.lang), `${base}-${opts.table}.csv`);
    case 'xlsx':
      return out(await renderReportXlsx(report, { stationName: opts.stationName, lang: opts.lang }), `${base}.xlsx`);
    case 'html':
      return out(renderReportHtml(report, { stationName: opts.stationName, lang: opts.lang }), `${base}.html`);
    default:
      return out(JSON.stringify(report), `${base}.json`);
  }
}

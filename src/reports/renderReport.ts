import type { Lang } from '../i18n/messages.ts';
import type { MonthlyReport } from './model.ts';
import type { DocumentState } from './narrative.ts';
import { renderReportCsv } from './renderCsv.ts';
import { renderReportDocxOffThread } from './docxThread.ts';
import { renderReportHtml } from './renderHtml.ts';
import { renderReportXlsx } from './renderXlsx.ts';
import type { ReportTableKey } from './tableTypes.ts';

/** Every format, in the order the API and the command line list them. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  /** e.g. "bao-cao-2026-05.xlsx", "bao-cao-2026-05-tdp-1-topics.csv", "bao-cao-2026-05-v2.docx" (a finalized version). */
  filename: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** How to render: the format, the CSV's table, the language, the letterhead and the document state. */
export interface RenderOptions {
  format: ReportFormat;
  table: ReportTableKey;
  lang: Lang;
  stationName: string;
  zone?: string | undefined;
  /** The draft or finalized version; JSON carries it as `document`, HTML and DOCX print its words. */
  document?: DocumentState | undefined;
}

/** Renders a monthly report in one format (the API and `loa report` both use this). */
export async function renderMonthlyReport(report: MonthlyReport, opts: RenderOptions): Promise<RenderedReport> {
  const version = opts.document?.version ? `-v${opts.document.version}` : '';
  const base = `bao-cao-${report.month}${opts.zone ? `-${opts.zone}` : ''}${version}`;
  const out = (body: string | Buffer, filename: string): RenderedReport => ({ body, contentType: CONTENT_TYPES[opts.format], filename });
  const doc = { stationName: opts.stationName, lang: opts.lang, ...(opts.document ? { document: opts.document } : {}) };
  switch (opts.format) {
    case 'csv':
      return out(renderReportCsv(report, opts.table, opts.lang), `${base}-${opts.table}.csv`);
    case 'xlsx':
      return out(await renderReportXlsx(report, { stationName: opts.stationName, lang: opts.lang }), `${base}.xlsx`);
    case 'html':
      return out(renderReportHtml(report, doc), `${base}.html`);
    case 'docx':
      return out(await renderReportDocxOffThread(report, doc), `${base}.docx`);
    default:
      return out(JSON.stringify(opts.document ? { ...report, document: opts.document } : report), `${base}.json`);
  }
}

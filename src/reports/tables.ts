/**
 * The report as flat tables: what CSV (one table), XLSX (one sheet per table) and the HTML report
 * render, so the three formats always carry the same figures under the same headings.
 */
import type { Lang } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import type { ReportTable, ReportTableKey } from './tableTypes.ts';
import { REPORT_TABLES } from './tableTypes.ts';
import { capTables } from './tablesCap.ts';
import { checkTables } from './tablesChecks.ts';
import { deviceTables } from './tablesDevices.ts';
import { figureTables } from './tablesFigures.ts';
import { receptionTables } from './tablesReception.ts';
import { relayTables } from './tablesRelays.ts';

/** Re-exported so callers (the route's schema) need one import. */
export { REPORT_TABLES };
export type { ReportTable, ReportTableKey };

const BUILDERS: Record<ReportTableKey, (report: MonthlyReport, lang: Lang) => ReportTable> = {
  ...figureTables, ...checkTables, ...receptionTables, ...relayTables, ...capTables, ...deviceTables,
};

/** Builds one table of the report in a language. */
export function buildReportTable(report: MonthlyReport, key: ReportTableKey, lang: Lang = 'vi'): ReportTable {
  return BUILDERS[key](report, lang);
}

/** Every table, in sheet order. */
export function buildReportTables(report: MonthlyReport, lang: Lang = 'vi'): ReportTable[] {
  return REPORT_TABLES.map((key) => buildReportTable(report, key, lang));
}

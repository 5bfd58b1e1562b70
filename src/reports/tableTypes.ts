/**
 * The flat-table shape every renderer takes (CSV: one table, XLSX: one sheet per table, HTML: one
 * section per table), with cell helpers.
 */

/** Table keys, in sheet order (the `table=` values of the CSV format). */
export const REPORT_TABLES = [
  'summary', 'zones', 'days', 'kinds', 'topics', 'compliance', 'units', 'ceremonial', 'incidents', 'planned', 'bulletins',
  'relayCuts', 'reception', 'cap', 'capTests', 'devices', 'outages',
] as const;
/** One of REPORT_TABLES. */
export type ReportTableKey = (typeof REPORT_TABLES)[number];

/** How a cell's number is written: integer, one decimal, or a share (0..1) shown as a percentage. */
export type CellFormat = 'text' | 'int' | 'dec1' | 'pct';

/** A value and how to write it. */
export interface ReportCell {
  value: string | number | null;
  format: CellFormat;
}

/** A column heading and its width. */
export interface ReportColumn {
  header: string;
  /** Width in characters (XLSX column width; relative width in HTML). */
  width: number;
}

/** One table of the report, ready for any renderer. */
export interface ReportTable {
  key: ReportTableKey;
  /** Sheet name: at most 31 characters, none of []:*?/\ . */
  sheetName: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Indices of rows that are totals (rendered bold). */
  totalRows: number[];
}

/** A text cell. */
export const text = (value: string | null): ReportCell => ({ value, format: 'text' });
/** An integer cell. */
export const int = (value: number | null): ReportCell => ({ value, format: 'int' });
/** A one-decimal cell (minutes). */
export const dec1 = (value: number | null): ReportCell => ({ value, format: 'dec1' });
/** A share cell (0..1, shown as a percentage). */
export const pct = (value: number | null): ReportCell => ({ value, format: 'pct' });

/** Characters Excel forbids in sheet names. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;

/** A valid sheet name: forbidden characters replaced, at most 31 characters. */
export function sheetName(name: string): string {
  return name.replace(SHEET_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().slice(0, 31);
}

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock, type Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { translate } from '../i18n/messages.ts';
import { createReportDocuments } from '../reports/reportDocuments.ts';
import { REPORT_FORMATS, renderMonthlyReport, type ReportFormat } from '../reports/renderReport.ts';
import { REPORT_TABLES } from '../reports/tables.ts';
import type { ReportTableKey } from '../reports/tableTypes.ts';
import type { Db } from '../storage/db.ts';

const FORMATS: readonly string[] = REPORT_FORMATS;

/**
 * `loa report --month YYYY-MM [--zone Z] [--format json|csv|xlsx|html|docx] [--table T] [--lang vi|en] [--version N] [--out FILE]`:
 * the newest finalized version of the month once there is one (or version N), else the live figures with the draft.
 * `clock` tells which months are in the future (tests pass theirs).
 */
export async function reportCommand(db: Db, args: string[], config: Config, clock: Clock = systemClock): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      month: { type: 'string' }, zone: { type: 'string' }, format: { type: 'string', default: 'json' },
      table: { type: 'string', default: 'summary' }, lang: { type: 'string', default: 'vi' }, version: { type: 'string' }, out: { type: 'string' },
    },
  });
  if (!values.month) throw new Error('usage: loa report --month YYYY-MM [--zone Z] [--format json|csv|xlsx|html|docx] [--table T] [--version N] [--out FILE]');
  const month = values.month;
  if (!FORMATS.includes(values.format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const format = values.format as ReportFormat;
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version >= 1)) throw new Error('--version must be a whole number from 1');
  if (!(REPORT_TABLES as readonly string[]).includes(values.table)) throw new Error(`--table must be one of ${REPORT_TABLES.join(', ')}`);
  if (values.lang !== 'vi' && values.lang !== 'en') throw new Error('--lang must be vi or en');
  const documents = createReportDocuments({ db, tz: config.tz, clock });
  const { report, document } = readOrExplain(() => documents.read({ month, zone: values.zone ?? null }, version));
  const out = await renderMonthlyReport(report, {
    format, table: values.table as ReportTableKey, lang: values.lang, stationName: config.stationName, zone: values.zone, document,
  });
  const file = values.out ?? out.filename;
  writeFileSync(file, out.body);
  return `report written to ${file}`;
}

/** The service's refusals (a month in the future, an unknown zone or version) as the catalogue says them. */
function readOrExplain<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ApiError) throw new Error(translate(err.code, 'vi', err.params), { cause: err });
    throw err;
  }
}

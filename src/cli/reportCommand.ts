import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { buildMonthlyReport } from '../reports/buildMonthlyReport.ts';
import { renderMonthlyReport, type ReportFormat } from '../reports/renderReport.ts';
import { REPORT_TABLES } from '../reports/tables.ts';
import type { ReportTableKey } from '../reports/tableTypes.ts';
import type { Db } from '../storage/db.ts';

const FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx', 'html'];

/** `loa report --month YYYY-MM [--zone Z] [--format json|csv|xlsx|html] [--table T] [--lang vi|en] [--out FILE]`. */
export async function reportCommand(db: Db, args: string[], config: Config): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      month: { type: 'string' }, zone: { type: 'string' }, format: { type: 'string', default: 'json' },
      table: { type: 'string', default: 'summary' }, lang: { type: 'string', default: 'vi' }, out: { type: 'string' },
    },
  });
  if (!values.month) throw new Error('usage: loa report --month YYYY-MM [--zone Z] [--format json|csv|xlsx|html] [--table T] [--out FILE]');
  const format = values.format as ReportFormat;
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  if (!(REPORT_TABLES as readonly string[]).includes(values.table)) throw new Error(`--table must be one of ${REPORT_TABLES.join(', ')}`);
  if (values.lang !== 'vi' && values.lang !== 'en') throw new Error('--lang must be vi or en');
  const report = buildMonthlyReport(db, { month: values.month, zone: values.zone, tz: config.tz, generatedAt: Date.now() });
  const out = await renderMonthlyReport(report, {
    format, table: values.table as ReportTableKey, lang: values.lang, stationName: config.stationName, zone: values.zone,
  });
  const file = values.out ?? out.filename;
  writeFileSync(file, out.body);
  return `report written to ${file}`;
}

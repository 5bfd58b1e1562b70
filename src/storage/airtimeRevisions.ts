/**
 * Which settings revision aired plays were logged under (migrations/0020: airtime_revisions, one entry
 * per row, none for rows logged before it, which belong to revision 0), read for the monthly report:
 * per local day from the summaries or from the log, and row by row for a day that spans a change.
 */
import type { Db } from './db.ts';
import type { AirtimeScope } from './reportQueries.ts';
import { AIRED_SQL, localMsSql, scanSource, withIdRange } from './reportQueries.ts';
import type { DateRange } from './reportSummaries.ts';

/** The revision of a row of `airtime` (aliased `a` or not): 0 when it was logged before revisions existed. */
const REVISION_OF = (table: string) => `ifnull((SELECT revision_id FROM airtime_revisions WHERE airtime_id = ${table}.id), 0)`;

/** [local date, revision] pairs of aired plays over the dates, from the summaries (airtime_day_revisions). */
export function readDayRevisions(db: Db, range: DateRange): [string, number][] {
  return db
    .prepare('SELECT local_date, revision_id FROM airtime_day_revisions WHERE local_date >= @fromDate AND local_date <= @toDate')
    .raw(true)
    .all(range) as [string, number][];
}

/**
 * The one revision every row of a whole-station scope was logged under, or null when they were not all
 * logged under one (or the scope has a zone). Reads only the row ids, not the rows.
 */
export function readSingleRevision(db: Db, scope: AirtimeScope): number | null {
  if (scope.zone !== null) return null;
  const ids = withIdRange(db, scope).idRange;
  if (!ids) return 0;
  const r = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM airtime WHERE id >= @lo AND id <= @hi) AS rows, COUNT(*) AS stamped,
         MIN(revision_id) AS low, MAX(revision_id) AS high
       FROM airtime_revisions WHERE airtime_id >= @lo AND airtime_id <= @hi`,
    )
    .get(ids) as { rows: number; stamped: number; low: number | null; high: number | null };
  if (r.stamped === 0) return 0;
  return r.stamped === r.rows && r.low === r.high ? r.low : null;
}

/** [local epoch day, revision] pairs of the scope's aired plays, read from the log (days by the scope's offsets). */
export function listLoggedDayRevisions(db: Db, scope: AirtimeScope): [number, number][] {
  const scan = scanSource(db, scope);
  if (!scan) return [];
  const local = localMsSql(scope.offsets);
  return db
    .prepare(
      `SELECT DISTINCT ${local.sql} / 86400000, ${REVISION_OF('airtime')}
       FROM ${scan.from} WHERE ${scan.where} AND ${AIRED_SQL}`,
    )
    .raw(true)
    .all({ ...scan.params, ...local.params }) as [number, number][];
}

/** An aired play as a day spanning a change is judged: [zone, window label ('' for none), started_at, topics JSON, revision]. */
export type RevisionPlay = [string, string, number, string, number];

/** The aired plays that started in [fromMs, toMs), optionally of one zone, each with its revision. */
export function listRevisionPlays(db: Db, q: { fromMs: number; toMs: number; zone: string | null }): RevisionPlay[] {
  return db
    .prepare(
      `SELECT zone_id, ifnull(window, ''), started_at, topics, ${REVISION_OF('airtime')}
       FROM airtime
       WHERE ${q.zone === null ? '' : 'zone_id = @zone AND '}started_at >= @fromMs AND started_at < @toMs AND ${AIRED_SQL}`,
    )
    .raw(true)
    .all({ fromMs: q.fromMs, toMs: q.toMs, ...(q.zone === null ? {} : { zone: q.zone }) }) as RevisionPlay[];
}

/**
 * One zone's share of the report summaries (migrations/0005, 0010, 0022), so a zone's report never
 * walks the log: its rows are scattered among every other zone's, about one page read apiece. The
 * per-zone summaries lead with the zone, or have an index on (zone, date), so each read below is one
 * short run. The shapes are those of the station's reads (reportSummaries.ts), so the same pure pass
 * (reports/summaryAggregate.ts) folds them; whether the summaries stand for the log is for the caller
 * to judge (reports/monthSource.ts).
 */
import type { ReceptionGroup } from './airtimeReception.ts';
import type { Db } from './db.ts';
import type { AiredSummary } from './reportQueries.ts';
import type { BulletinDayRow, CellRow, DateRange, ItemFactsRow } from './reportSummaries.ts';
import { unpackDayItems } from './reportSummaries.ts';

/** Local dates of one zone. */
export type ZoneRange = DateRange & { zone: string };

/** The zone's aired plays per date and window over the dates (airtime_day_cells through its zone index). */
export function readZoneCells(db: Db, range: ZoneRange): CellRow[] {
  return db
    .prepare(
      `SELECT local_date, zone_id, window, plays, played_ms, ceremonial_plays, ceremonial_ms FROM airtime_day_cells
       WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate`,
    )
    .raw(true)
    .all(range) as CellRow[];
}

/**
 * Per date (in the order given), the zone's aired plays per item facts as flat triples [facts id,
 * plays, airtime ms, …], as readDayItems gives the station's (each date packed into one string by
 * SQLite, which costs less than a row apiece); plus the item facts they point to.
 */
export function readZoneDayItems(db: Db, q: { zone: string; dates: readonly string[] }): { days: Float64Array[]; facts: ItemFactsRow[] } {
  const packed = db
    .prepare(
      `SELECT local_date, count(*), group_concat(facts_id || ':' || plays || ':' || played_ms) FROM airtime_zone_day_items
       WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate GROUP BY local_date`,
    )
    .raw(true)
    .all({ zone: q.zone, fromDate: q.dates[0] ?? '', toDate: q.dates[q.dates.length - 1] ?? '' }) as [string, number, string][];
  return unpackDayItems(db, q.dates, packed);
}

/** The zone's distinct items aired in a local month ("YYYY-MM"). */
export function countZoneMonthItems(db: Db, q: { month: string; zone: string }): number {
  const row = db.prepare('SELECT items FROM airtime_month_zones WHERE local_month = @month AND zone_id = @zone').get(q) as
    | { items: number }
    | undefined;
  return row?.items ?? 0;
}

/** The zone's bulletin and relay plays per date and item over the dates (airtime_zone_day_bulletins). */
export function readZoneBulletinDays(db: Db, range: ZoneRange): BulletinDayRow[] {
  return db
    .prepare(
      `SELECT level, item_id AS itemId, plays, played_ms AS airtimeMs, first_started_at AS firstStartedAt,
         last_started_at AS lastStartedAt, first_title AS title
       FROM airtime_zone_day_bulletins WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate`,
    )
    .all(range) as BulletinDayRow[];
}

/** One zone's plays not known to be heard over the dates, from airtime_day_reception (through its zone index). */
export function readZoneReception(db: Db, range: ZoneRange): ReceptionGroup[] {
  return db
    .prepare(
      `SELECT zone_id AS zone, heard, SUM(plays) AS plays, SUM(played_ms) AS playedMs FROM airtime_day_reception
       WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate GROUP BY zone_id, heard ORDER BY heard`,
    )
    .all(range) as ReceptionGroup[];
}

/**
 * One zone's headline aggregates of a local month ("YYYY-MM", the comparison month of a zone's report)
 * from the per-zone summaries: cells (plays, airtime, programmes, ceremonial), the zone's distinct
 * items, its incidents, its bulletin and relay plays.
 */
export function summariseZoneMonth(db: Db, scope: { month: string; zone: string }): AiredSummary {
  const range = { fromDate: `${scope.month}-01`, toDate: `${scope.month}-31`, zone: scope.zone };
  const cells = db
    .prepare(
      `SELECT COUNT(CASE WHEN window <> '' THEN 1 END) AS programmes, COALESCE(SUM(plays), 0) AS plays,
         COALESCE(SUM(played_ms), 0) AS airtimeMs, COALESCE(SUM(ceremonial_plays), 0) AS ceremonialPlays,
         COALESCE(SUM(ceremonial_ms), 0) AS ceremonialMs
       FROM airtime_day_cells WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate`,
    )
    .get(range) as Pick<AiredSummary, 'programmes' | 'plays' | 'airtimeMs' | 'ceremonialPlays' | 'ceremonialMs'>;
  const wrong = db
    .prepare(
      `SELECT COALESCE(SUM(CASE WHEN outcome = 'failed' THEN rows END), 0) AS failed,
         COALESCE(SUM(CASE WHEN outcome = 'interrupted' THEN rows END), 0) AS interrupted,
         COALESCE(SUM(CASE WHEN outcome = 'preempted' THEN rows END), 0) AS preempted
       FROM airtime_day_incidents WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate`,
    )
    .get(range) as Pick<AiredSummary, 'failed' | 'interrupted' | 'preempted'>;
  // Levels as the feed files them: emergency (priority or source emergency), else priority; relay apart.
  const bulletins = db
    .prepare(
      `SELECT COALESCE(SUM(CASE WHEN level = 'emergency' THEN plays END), 0) AS emergencyPlays,
         COALESCE(SUM(CASE WHEN level = 'priority' THEN plays END), 0) AS priorityPlays,
         COALESCE(SUM(CASE WHEN level = 'relay' THEN plays END), 0) AS relayPlays
       FROM airtime_zone_day_bulletins WHERE zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate`,
    )
    .get(range) as Pick<AiredSummary, 'emergencyPlays' | 'priorityPlays' | 'relayPlays'>;
  const distinctItems = countZoneMonthItems(db, scope);
  return { ...cells, distinctItems, activeZones: cells.plays > 0 ? 1 : 0, ...wrong, ...bulletins };
}

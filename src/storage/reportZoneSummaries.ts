/**
 * One zone's share of the report summaries (migrations/0005, 0010): its plays not known to be heard
 * and its comparison month's headline, read from the per-zone summary rows so a zone's report does not
 * walk the log for them. What the summaries do not keep per zone (plays per item, bulletin plays) is
 * still read from the zone's own rows (reportQueries.ts).
 */
import type { ReceptionGroup } from './airtimeReception.ts';
import type { Db } from './db.ts';
import { AIRED_SQL } from './reportQueries.ts';
import type { AiredSummary } from './reportQueries.ts';
import type { DateRange } from './reportSummaries.ts';

/**
 * One zone's plays not known to be heard over the dates, from airtime_day_reception (its key leads with
 * the date, so this reads one short run per date, never the log).
 */
export function readZoneReception(db: Db, range: DateRange & { zone: string }): ReceptionGroup[] {
  return db
    .prepare(
      `SELECT zone_id AS zone, heard, SUM(plays) AS plays, SUM(played_ms) AS playedMs FROM airtime_day_reception
       WHERE local_date >= @fromDate AND local_date <= @toDate AND zone_id = @zone GROUP BY zone_id, heard ORDER BY heard`,
    )
    .all(range) as ReceptionGroup[];
}

/**
 * One zone's headline aggregates of a local month ("YYYY-MM", the comparison month of a zone's report)
 * from the per-zone summaries: cells (plays, airtime, programmes, ceremonial), the zone's distinct
 * items, its incidents. Bulletin and relay plays are not summarised per zone: they are counted from
 * the zone's own rows of [fromMs, toMs), and only when the month's bulletin pairs say it had any.
 */
export function summariseZoneMonth(db: Db, scope: { month: string; zone: string; fromMs: number; toMs: number }): AiredSummary {
  const range = { fromDate: `${scope.month}-01`, toDate: `${scope.month}-31`, zone: scope.zone };
  const cells = db
    .prepare(
      `SELECT COUNT(CASE WHEN window <> '' THEN 1 END) AS programmes, COALESCE(SUM(plays), 0) AS plays,
         COALESCE(SUM(played_ms), 0) AS airtimeMs, COALESCE(SUM(ceremonial_plays), 0) AS ceremonialPlays,
         COALESCE(SUM(ceremonial_ms), 0) AS ceremonialMs
       FROM airtime_day_cells WHERE local_date >= @fromDate AND local_date <= @toDate AND zone_id = @zone`,
    )
    .get(range) as Pick<AiredSummary, 'programmes' | 'plays' | 'airtimeMs' | 'ceremonialPlays' | 'ceremonialMs'>;
  const items = db
    .prepare('SELECT items FROM airtime_month_zones WHERE local_month = @month AND zone_id = @zone')
    .get({ month: scope.month, zone: scope.zone }) as { items: number } | undefined;
  const wrong = db
    .prepare(
      `SELECT COALESCE(SUM(CASE WHEN outcome = 'failed' THEN rows END), 0) AS failed,
         COALESCE(SUM(CASE WHEN outcome = 'interrupted' THEN rows END), 0) AS interrupted,
         COALESCE(SUM(CASE WHEN outcome = 'preempted' THEN rows END), 0) AS preempted
       FROM airtime_day_incidents WHERE local_date >= @fromDate AND local_date <= @toDate AND zone_id = @zone`,
    )
    .get(range) as Pick<AiredSummary, 'failed' | 'interrupted' | 'preempted'>;
  const hadBulletins = db
    .prepare('SELECT 1 AS hit FROM airtime_month_bulletin_zones WHERE local_month = @month AND zone_id = @zone LIMIT 1')
    .get({ month: scope.month, zone: scope.zone });
  const bulletins = !hadBulletins
    ? { emergencyPlays: 0, priorityPlays: 0, relayPlays: 0 }
    : (db
        .prepare(
          `SELECT COALESCE(SUM(priority = 'emergency' OR source = 'emergency'), 0) AS emergencyPlays,
             COALESCE(SUM(priority = 'priority' AND source <> 'emergency'), 0) AS priorityPlays,
             COALESCE(SUM(source = 'relay'), 0) AS relayPlays
           FROM airtime WHERE zone_id = @zone AND started_at >= @fromMs AND started_at < @toMs AND ${AIRED_SQL}
             AND (priority <> 'normal' OR source IN ('emergency', 'relay'))`,
        )
        .get({ zone: scope.zone, fromMs: scope.fromMs, toMs: scope.toMs }) as Pick<AiredSummary, 'emergencyPlays' | 'priorityPlays' | 'relayPlays'>);
  return { ...cells, distinctItems: items?.items ?? 0, activeZones: cells.plays > 0 ? 1 : 0, ...wrong, ...bulletins };
}

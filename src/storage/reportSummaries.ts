/**
 * Report figures aggregated in SQL: the comparison month's headline, plan slots per zone, items
 * contributed per unit. The month pass itself is in reportQueries.ts.
 */
import type { Db } from './db.ts';
import type { AirtimeScope } from './reportQueries.ts';
import { AIRED_SQL, localMsSql, scanSource } from './reportQueries.ts';

/** Aggregates of a scope (the previous month's headline): aired figures plus incident counts. */
export interface AiredSummary {
  programmes: number;
  plays: number;
  airtimeMs: number;
  distinctItems: number;
  activeZones: number;
  ceremonialPlays: number;
  ceremonialMs: number;
  emergencyPlays: number;
  priorityPlays: number;
  relayPlays: number;
  failed: number;
  interrupted: number;
  preempted: number;
}

/** Planned slots per zone. */
export interface PlannedGroup {
  zone: string;
  slots: number;
  plannedMs: number;
}

/**
 * Headline aggregates of a scope, computed in SQL (the comparison month): one pass over the aired
 * rows whose DISTINCT counts run on temporary B-trees (programmes as a packed zone␟day␟window key),
 * then one over the few rows that went wrong.
 */
export function summariseAired(db: Db, scope: AirtimeScope): AiredSummary {
  const empty: AiredSummary = {
    programmes: 0, plays: 0, airtimeMs: 0, distinctItems: 0, activeZones: 0, ceremonialPlays: 0, ceremonialMs: 0,
    emergencyPlays: 0, priorityPlays: 0, relayPlays: 0, failed: 0, interrupted: 0, preempted: 0,
  };
  const scan = scanSource(db, scope);
  if (!scan) return empty;
  const local = localMsSql(scope.offsets);
  const aired = db
    .prepare(
      `SELECT COUNT(*) AS plays, COALESCE(SUM(played_ms), 0) AS airtimeMs, COUNT(DISTINCT item_id) AS distinctItems,
         COUNT(DISTINCT zone_id) AS activeZones,
         COUNT(DISTINCT CASE WHEN window IS NOT NULL THEN zone_id || char(31) || (${local.sql} / 86400000) || char(31) || window END) AS programmes,
         COALESCE(SUM(ceremonial), 0) AS ceremonialPlays,
         COALESCE(SUM(CASE WHEN ceremonial = 1 THEN played_ms ELSE 0 END), 0) AS ceremonialMs,
         COALESCE(SUM(priority = 'emergency' OR source = 'emergency'), 0) AS emergencyPlays,
         COALESCE(SUM(priority = 'priority' AND source <> 'emergency'), 0) AS priorityPlays,
         COALESCE(SUM(source = 'relay'), 0) AS relayPlays
       FROM ${scan.from} WHERE ${scan.where} AND ${AIRED_SQL}`,
    )
    .get({ ...scan.params, ...local.params }) as Omit<AiredSummary, 'failed' | 'interrupted' | 'preempted'>;
  const wrong = db
    .prepare(
      `SELECT COALESCE(SUM(outcome = 'failed'), 0) AS failed, COALESCE(SUM(outcome = 'interrupted'), 0) AS interrupted,
         COALESCE(SUM(outcome = 'preempted'), 0) AS preempted
       FROM ${scan.from} WHERE ${scan.where} AND outcome IN ('failed', 'interrupted', 'preempted')`,
    )
    .get(scan.params) as Pick<AiredSummary, 'failed' | 'interrupted' | 'preempted'>;
  return { ...aired, ...wrong };
}

/**
 * Plan slots per zone whose local date lies in [fromDate, toDate]. One zone: its (zone_id, start_ms)
 * index. All zones: one scan that upserts into a small temporary table keyed by zone, i.e. a hash
 * aggregate; GROUP BY would sort every slot (twice the cost at a million slots), and walking the
 * index would fetch every row out of order (four times).
 */
export function listPlannedByZone(db: Db, range: { fromDate: string; toDate: string; zone: string | null }): PlannedGroup[] {
  if (range.zone !== null) {
    return db
      .prepare(
        `SELECT zone_id AS zone, COUNT(*) AS slots, COALESCE(SUM(end_ms - start_ms), 0) AS plannedMs FROM plan_slots
         WHERE zone_id = @zone AND date >= @fromDate AND date <= @toDate GROUP BY zone_id`,
      )
      .all(range) as PlannedGroup[];
  }
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS report_planned_by_zone
       (zone TEXT PRIMARY KEY, slots INTEGER NOT NULL, planned_ms INTEGER NOT NULL) WITHOUT ROWID`,
  );
  try {
    db.exec('DELETE FROM temp.report_planned_by_zone');
    // "AND 1" keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
    db.prepare(
      `INSERT INTO temp.report_planned_by_zone (zone, slots, planned_ms)
       SELECT zone_id, 1, end_ms - start_ms FROM plan_slots NOT INDEXED WHERE date >= @fromDate AND date <= @toDate AND 1
       ON CONFLICT(zone) DO UPDATE SET slots = slots + 1, planned_ms = planned_ms + excluded.planned_ms`,
    ).run({ fromDate: range.fromDate, toDate: range.toDate });
    return db.prepare('SELECT zone, slots, planned_ms AS plannedMs FROM temp.report_planned_by_zone').all() as PlannedGroup[];
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.report_planned_by_zone');
  }
}

/** Items created in [fromMs, toMs) per submitting unit (null unit grouped together). */
export function countItemsCreatedByUnit(db: Db, range: { fromMs: number; toMs: number }): { unit: string | null; items: number }[] {
  return db
    .prepare(
      `SELECT NULLIF(TRIM(unit), '') AS unit, COUNT(*) AS items FROM items
       WHERE created_at >= @fromMs AND created_at < @toMs
       GROUP BY NULLIF(TRIM(unit), '')`,
    )
    .all(range) as { unit: string | null; items: number }[];
}


/**
 * Plays that went out but are not known to have been heard (migrations/0010), per zone: 'no' (receivers
 * 0: the report leaves them out of every other figure and shows them apart) and 'unknown' (receivers
 * NULL: counted as aired, and said so). From the summary kept beside the log, or from the log itself.
 */
import type { Db } from './db.ts';

/** One zone's plays of one kind of reception, with the audio that went out. */
export interface ReceptionGroup {
  zone: string;
  heard: 'no' | 'unknown';
  plays: number;
  playedMs: number;
}

/** Audio went out: the outcomes that air, with some of it played. */
const WENT_OUT_SQL = `outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0`;

/** From the summary (airtime_day_reception) over local dates [fromDate, toDate]. */
export function readReceptionSummary(db: Db, range: { fromDate: string; toDate: string }): ReceptionGroup[] {
  return db
    .prepare(
      `SELECT zone_id AS zone, heard, SUM(plays) AS plays, SUM(played_ms) AS playedMs FROM airtime_day_reception
       WHERE local_date >= @fromDate AND local_date <= @toDate GROUP BY zone_id, heard ORDER BY zone_id, heard`,
    )
    .all(range) as ReceptionGroup[];
}

/** From the log: final rows that started in [fromMs, toMs), optionally of one zone. */
export function summariseReception(db: Db, scope: { fromMs: number; toMs: number; zone: string | null }): ReceptionGroup[] {
  return db
    .prepare(
      `SELECT zone_id AS zone, CASE WHEN receivers IS NULL THEN 'unknown' ELSE 'no' END AS heard,
         COUNT(*) AS plays, SUM(played_ms) AS playedMs
       FROM airtime
       WHERE started_at >= @fromMs AND started_at < @toMs AND (@zone IS NULL OR zone_id = @zone)
         AND ended_at IS NOT NULL AND ${WENT_OUT_SQL} AND ifnull(receivers, 0) = 0
       GROUP BY zone_id, heard ORDER BY zone_id, heard`,
    )
    .all({ fromMs: scope.fromMs, toMs: scope.toMs, zone: scope.zone }) as ReceptionGroup[];
}

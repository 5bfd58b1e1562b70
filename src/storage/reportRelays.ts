/**
 * The relay airings of a period that were cut short, read straight from the airtime log for the
 * monthly report (issue 11: "the report says so"), through partial indexes of relay rows (a handful a
 * day per zone among a million rows a month); the report groups them (reports/relayCuts.ts).
 */
import type { Db } from './db.ts';

/** A final relay row whose outcome is not 'completed' (the fallback or silence stood in, or a bulletin cut it). */
export interface RelayCutRow {
  zoneId: string;
  itemId: string;
  itemTitle: string;
  plannedStart: number | null;
  startedAt: number;
  endedAt: number;
  /** The source's audio actually relayed (relay rows count only that: relayRecord.ts). */
  playedMs: number;
  outcome: 'interrupted' | 'preempted' | 'failed' | 'skipped';
  detail: string | null;
}

/**
 * Relay rows started in [fromMs, toMs) (of one zone when given) that ended other than completed, in
 * start order. The station's are found through airtime_relay_started (migrations/0021); one zone's
 * through airtime_relay_cuts (migrations/0022), which holds only the cut rows, zone first.
 */
export function listRelayCuts(db: Db, scope: { fromMs: number; toMs: number; zone: string | null }): RelayCutRow[] {
  return db
    .prepare(
      `SELECT zone_id AS zoneId, item_id AS itemId, item_title AS itemTitle, planned_start AS plannedStart, started_at AS startedAt,
         ended_at AS endedAt, ifnull(played_ms, 0) AS playedMs, outcome, detail
       FROM airtime
       WHERE ${scope.zone === null ? '' : 'zone_id = @zone AND '}started_at >= @fromMs AND started_at < @toMs
         AND source = 'relay' AND ended_at IS NOT NULL AND outcome <> 'completed'
       ORDER BY started_at, id`,
    )
    .all({ fromMs: scope.fromMs, toMs: scope.toMs, ...(scope.zone === null ? {} : { zone: scope.zone }) }) as RelayCutRow[];
}

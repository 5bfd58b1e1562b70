/**
 * Plan runs (migrations/0023): one row per save of planned slots, naming the station settings
 * revision the plan was computed under, written by replaceSlots (plans.ts) in the transaction of its
 * slots, so a run never exists without its slots nor slots without their run. A slot belongs to the
 * run whose planned_at it carries (unique per run). Never edited.
 */
import type { Db } from './db.ts';

/** Who saved a plan and why; `revisionId` the revision its input was read under (default: the newest). */
export interface RunAuthor {
  revisionId?: number;
  /** The user's id; null for the system, the CLI. */
  by?: string | null;
  /** As shown: a username, 'system', 'cli'. */
  byName?: string;
  /** Why the plan was made: 'plan', 'pin', 'unpin', 'recall', 'replan:nightly', … */
  cause?: string | null;
  /** The run planned every zone of the station (not only some). */
  allZones?: boolean;
}

/** A run as written. */
export interface PlanRunRecord {
  plannedAt: number;
  revisionId: number;
  from: string;
  to: string;
  allZones: boolean;
  zones: string[];
  slots: number;
  relaySlots: number;
  shortfalls: number;
  by: string | null;
  byName: string;
  cause: string | null;
}

/** A run as read back. */
export interface PlanRun extends PlanRunRecord {
  id: number;
}

interface RunRow {
  id: number;
  planned_at: number;
  revision_id: number;
  from_date: string;
  to_date: string;
  all_zones: number;
  zones: string;
  slots: number;
  relay_slots: number;
  shortfalls: number;
  planned_by: string | null;
  planned_by_name: string;
  cause: string | null;
}

const toRun = (r: RunRow): PlanRun => ({
  id: r.id,
  plannedAt: r.planned_at,
  revisionId: r.revision_id,
  from: r.from_date,
  to: r.to_date,
  allZones: r.all_zones === 1,
  zones: JSON.parse(r.zones) as string[],
  slots: r.slots,
  relaySlots: r.relay_slots,
  shortfalls: r.shortfalls,
  by: r.planned_by,
  byName: r.planned_by_name,
  cause: r.cause,
});

/** Writes a run and returns its id. Call it inside the transaction that saves the run's slots. */
export function insertPlanRun(db: Db, run: PlanRunRecord): number {
  const info = db
    .prepare(
      `INSERT INTO plan_runs (planned_at, revision_id, from_date, to_date, all_zones, zones, slots, relay_slots, shortfalls, planned_by, planned_by_name, cause)
       VALUES (@plannedAt, @revisionId, @from, @to, @allZones, @zones, @slots, @relaySlots, @shortfalls, @by, @byName, @cause)`,
    )
    .run({ ...run, allZones: run.allZones ? 1 : 0, zones: JSON.stringify(run.zones) });
  return Number(info.lastInsertRowid);
}

/** `at`, or the first millisecond after it that no run is stamped with (a run's planned_at is unique). */
export function freeRunStamp(db: Db, at: number): number {
  const taken = db.prepare('SELECT 1 FROM plan_runs WHERE planned_at = ?').pluck();
  let stamp = Math.round(at);
  while (taken.get(stamp) !== undefined) stamp++;
  return stamp;
}

/** The slots (item and relay) still saved from a run: those stamped with its planned_at. */
export function countRunSlots(db: Db, run: Pick<PlanRun, 'plannedAt'>): number {
  return (db.prepare('SELECT COUNT(*) FROM plan_slots WHERE planned_at = ?').pluck().get(run.plannedAt) as number);
}

/** The runs made in [fromMs, toMs), newest first, at most `limit`. */
export function listPlanRuns(db: Db, q: { fromMs: number; toMs: number; limit: number }): PlanRun[] {
  const rows = db
    .prepare('SELECT * FROM plan_runs WHERE planned_at >= @fromMs AND planned_at < @toMs ORDER BY id DESC LIMIT @limit')
    .all(q) as RunRow[];
  return rows.map(toRun);
}

/** One run, or undefined. */
export function getPlanRun(db: Db, id: number): PlanRun | undefined {
  const row = db.prepare('SELECT * FROM plan_runs WHERE id = ?').get(id) as RunRow | undefined;
  return row && toRun(row);
}

/**
 * Per zone among `zones`, the newest run that planned it for the local `date` (its range holds the
 * date); a zone no run planned for that date is absent. Reads the newest whole-station run covering
 * the date and the partial runs made after it (only those zone lists are parsed).
 */
export function findLatestRunsForDate(db: Db, date: string, zones: string[]): Map<string, PlanRun> {
  const covering = 'to_date >= @date AND from_date <= @date';
  const whole = db
    .prepare(`SELECT * FROM plan_runs WHERE ${covering} AND all_zones = 1 ORDER BY id DESC LIMIT 1`)
    .get({ date }) as RunRow | undefined;
  const partial = db
    .prepare(`SELECT * FROM plan_runs WHERE ${covering} AND all_zones = 0 AND id > @after ORDER BY id DESC`)
    .all({ date, after: whole?.id ?? -1 }) as RunRow[];
  const wanted = new Set(zones);
  const latest = new Map<string, PlanRun>();
  for (const run of partial.map(toRun)) {
    for (const zone of run.zones) if (wanted.has(zone) && !latest.has(zone)) latest.set(zone, run);
  }
  if (whole) {
    // A whole-station run planned every zone of its time; a zone added since is in its list or not planned by it.
    const run = toRun(whole);
    for (const zone of run.zones) if (wanted.has(zone) && !latest.has(zone)) latest.set(zone, run);
  }
  return latest;
}

import type { Db } from './db.ts';
import type { AiredPlay, Shortfall } from '../domain/plan.ts';
import { freeRunStamp, insertPlanRun, type RunAuthor } from './planRuns.ts';
import { currentRevisionId } from './stationRevisions.ts';

/**
 * A saved item slot: instants in epoch ms. The readers below that return SavedSlot read item slots
 * only; relay slots (migrations/0019) have their own type and reader (listRelaySlots).
 */
export interface SavedSlot {
  id: number;
  zoneId: string;
  date: string;
  startMs: number;
  endMs: number;
  itemId: string;
  window: string;
  reason: string[];
  /** When the plan that saved it was made (epoch ms): the planned_at of its plan run (migrations/0023). */
  plannedAt: number;
}

/** A saved relay slot (tiếp âm): the relay and its source as planned; `window` the one it lies in, or null. */
export interface SavedRelaySlot {
  id: number;
  zoneId: string;
  date: string;
  startMs: number;
  endMs: number;
  relayId: string;
  sourceId: string;
  window: string | null;
  /** When the plan that saved it was made (epoch ms): the planned_at of its plan run. */
  plannedAt: number;
}

interface SlotRow {
  id: number; zone_id: string; date: string; start_ms: number; end_ms: number; item_id: string; window: string; reason: string; planned_at: number;
}
interface RelaySlotRow {
  id: number; zone_id: string; date: string; start_ms: number; end_ms: number; relay_id: string; source_id: string; window: string | null;
  planned_at: number;
}

const toSlot = (r: SlotRow): SavedSlot => ({
  id: r.id, zoneId: r.zone_id, date: r.date, startMs: r.start_ms, endMs: r.end_ms, itemId: r.item_id, window: r.window,
  reason: JSON.parse(r.reason) as string[], plannedAt: r.planned_at,
});
const toRelaySlot = (r: RelaySlotRow): SavedRelaySlot => ({
  id: r.id, zoneId: r.zone_id, date: r.date, startMs: r.start_ms, endMs: r.end_ms, relayId: r.relay_id, sourceId: r.source_id, window: r.window,
  plannedAt: r.planned_at,
});

/**
 * Replaces the zones' programme for the dates from..to from `cutoffMs` on: slots that started before
 * the cut-off are never touched (they are on air or aired). Every shortfall of those zones whose
 * period overlaps from..to (a week begun before `from` included) is replaced by `shortfalls`: a
 * period's shortfalls are only ever said by a plan that judged that period. Item and relay slots
 * alike are replaced; `relaySlots` are the plan's relay slots. One transaction, which also records
 * the save as a plan run (migrations/0023) under `author.revisionId` (default: the newest revision);
 * every slot and shortfall it writes carries the run's planned_at, `at` (1 ms later per earlier run
 * stamped `at`: a run's stamp is unique). A failed save leaves neither run nor rows. Returns the
 * run's id, or null when the save neither removed nor wrote a row (zones without windows, a station
 * without zones): nothing was planned, so no run is recorded.
 */
export function replaceSlots(
  db: Db,
  scope: { zones: string[]; from: string; to: string; cutoffMs: number },
  slots: Omit<SavedSlot, 'id' | 'plannedAt'>[],
  shortfalls: Shortfall[],
  at: number,
  relaySlots: Omit<SavedRelaySlot, 'id' | 'plannedAt'>[] = [],
  author: RunAuthor = {},
): number | null {
  // A slot whose play has begun (its airtime row is written as it starts) stays, even from the
  // cut-off on: the plan is made on the plan worker while the players go on, so one may start
  // between the plan's `now` and its save. The new slots it would overlap are left out (the plan was
  // validated without that play: the next replan counts it). A relay's row names its source as the
  // item (`relay:<source>`, playout/planSource.ts). The cut-off is PLAN_LEAD_MS after the request
  // (scheduling/planService.ts), so a play that begins while a plan of usual length is made is of a
  // slot before it; one that begins later, with its start row still waiting in the airtime journal (the
  // database busy with this save), is not seen here.
  const delSlots = db.prepare(
    `DELETE FROM plan_slots WHERE zone_id = @zone AND date BETWEEN @from AND @to AND start_ms >= @cutoffMs
       AND NOT EXISTS (SELECT 1 FROM airtime a WHERE a.zone_id = plan_slots.zone_id AND a.planned_start = plan_slots.start_ms
         AND a.item_id = CASE plan_slots.kind WHEN 'relay' THEN 'relay:' || plan_slots.source_id ELSE plan_slots.item_id END)`,
  );
  const begun = db.prepare('SELECT start_ms AS startMs, end_ms AS endMs FROM plan_slots WHERE zone_id = @zone AND date BETWEEN @from AND @to AND start_ms >= @cutoffMs');
  const delShort = db.prepare('DELETE FROM shortfalls WHERE zone_id = @zone AND period_end >= @from AND period_start <= @to');
  const insSlot = db.prepare(
    `INSERT INTO plan_slots (zone_id, date, start_ms, end_ms, item_id, window, reason, planned_at)
     VALUES (@zoneId, @date, @startMs, @endMs, @itemId, @window, @reason, @at)`,
  );
  const insRelay = db.prepare(
    `INSERT INTO plan_slots (zone_id, date, start_ms, end_ms, kind, relay_id, source_id, window, planned_at)
     VALUES (@zoneId, @date, @startMs, @endMs, 'relay', @relayId, @sourceId, @window, @at)`,
  );
  const insShort = db.prepare(
    `INSERT INTO shortfalls (zone_id, kind, topic_id, period, period_start, period_end, body, planned_at)
     VALUES (@zone, @kind, @topic, @period, @periodStart, @periodEnd, @body, @at)`,
  );
  return db.transaction(() => {
    let removed = 0;
    const kept = new Map<string, { startMs: number; endMs: number }[]>();
    for (const zone of scope.zones) {
      const q = { zone, from: scope.from, to: scope.to, cutoffMs: scope.cutoffMs };
      removed += delSlots.run(q).changes;
      removed += delShort.run({ zone, from: scope.from, to: scope.to }).changes;
      const left = begun.all(q) as { startMs: number; endMs: number }[];
      if (left.length > 0) kept.set(zone, left);
    }
    const clear = (s: { zoneId: string; startMs: number; endMs: number }) =>
      !kept.get(s.zoneId)?.some((k) => k.startMs < s.endMs && s.startMs < k.endMs);
    if (kept.size > 0) {
      slots = slots.filter(clear);
      relaySlots = relaySlots.filter(clear);
    }
    if (removed === 0 && slots.length + relaySlots.length + shortfalls.length === 0) return null;
    const stamp = freeRunStamp(db, at);
    const runId = insertPlanRun(db, {
      plannedAt: stamp, revisionId: author.revisionId ?? currentRevisionId(db), from: scope.from, to: scope.to,
      allZones: author.allZones ?? false, zones: scope.zones, slots: slots.length, relaySlots: relaySlots.length,
      shortfalls: shortfalls.length, by: author.by ?? null, byName: author.byName ?? 'system', cause: author.cause ?? null,
    });
    for (const s of slots) insSlot.run({ ...s, reason: JSON.stringify(s.reason), at: stamp });
    for (const s of relaySlots) insRelay.run({ ...s, at: stamp });
    for (const s of shortfalls) {
      insShort.run({
        zone: s.zone, kind: s.kind, topic: s.topic ?? null, period: s.period, periodStart: s.periodStart,
        periodEnd: s.periodEnd, body: JSON.stringify(s), at: stamp,
      });
    }
    return runId;
  })();
}

/**
 * The last local date holding a saved slot of a zone of the station, or null (read backwards from
 * the per-day summary, which triggers keep exact; slots of a deleted zone do not count).
 */
export function lastPlannedDate(db: Db): string | null {
  const row = db
    .prepare('SELECT date FROM plan_slot_days WHERE zone_id IN (SELECT id FROM zones) ORDER BY date DESC LIMIT 1')
    .get() as { date: string } | undefined;
  return row?.date ?? null;
}

/** A zone's (or every zone's) item slots overlapping [fromMs, toMs), in order. */
export function listSlots(db: Db, q: { fromMs: number; toMs: number; zone?: string }): SavedSlot[] {
  const rows = q.zone
    ? db.prepare(`SELECT * FROM plan_slots WHERE zone_id = @zone AND end_ms > @fromMs AND start_ms < @toMs AND kind = 'item' ORDER BY start_ms`).all(q)
    : db.prepare(`SELECT * FROM plan_slots WHERE end_ms > @fromMs AND start_ms < @toMs AND kind = 'item' ORDER BY zone_id, start_ms`).all(q);
  return (rows as SlotRow[]).map(toSlot);
}

/** A zone's (or every zone's) relay slots overlapping [fromMs, toMs), in order. */
export function listRelaySlots(db: Db, q: { fromMs: number; toMs: number; zone?: string }): SavedRelaySlot[] {
  const rows = q.zone
    ? db.prepare(`SELECT * FROM plan_slots WHERE zone_id = @zone AND end_ms > @fromMs AND start_ms < @toMs AND kind = 'relay' ORDER BY start_ms`).all(q)
    : db.prepare(`SELECT * FROM plan_slots WHERE end_ms > @fromMs AND start_ms < @toMs AND kind = 'relay' ORDER BY zone_id, start_ms`).all(q);
  return (rows as RelaySlotRow[]).map(toRelaySlot);
}

/**
 * The saved item slots of the zones that started in [fromMs, toMs) and either are still running at
 * `toMs` or have no airtime row (of any outcome) for their planned start that began in
 * [loggedFromMs, toMs); `logged` says which. Matched in the database (migrations/0024), so a month
 * of slots that all aired costs one look-up each, not a read of the month. (The unary + keeps SQLite
 * from walking the zone's rows by start time instead of looking the planned start up.)
 */
export function listSlotsStartedUnlogged(db: Db, q: { zones: string[]; fromMs: number; toMs: number; loggedFromMs: number }): (SavedSlot & { logged: boolean })[] {
  const stmt = db.prepare(
    `SELECT * FROM (
       SELECT s.*, EXISTS (
         SELECT 1 FROM airtime a WHERE a.zone_id = s.zone_id AND a.planned_start = s.start_ms AND a.item_id = s.item_id
           AND +a.started_at >= @loggedFromMs AND +a.started_at < @toMs
       ) AS logged
       FROM plan_slots s WHERE s.zone_id = @zone AND s.start_ms >= @fromMs AND s.start_ms < @toMs AND s.kind = 'item'
     ) WHERE end_ms > @toMs OR logged = 0 ORDER BY start_ms`,
  );
  return q.zones.flatMap((zone) =>
    (stmt.all({ zone, fromMs: q.fromMs, toMs: q.toMs, loggedFromMs: q.loggedFromMs }) as (SlotRow & { logged: number })[]).map((r) => ({ ...toSlot(r), logged: r.logged === 1 })),
  );
}

/** Future slots of an item (for a recall), from `fromMs` on (relay slots name no item). */
export function listItemSlots(db: Db, itemId: string, fromMs: number): SavedSlot[] {
  return (db.prepare('SELECT * FROM plan_slots WHERE item_id = ? AND start_ms >= ? ORDER BY start_ms').all(itemId, fromMs) as SlotRow[]).map(toSlot);
}

/** "zone|date" keys that have at least one saved slot between the dates (for the nightly top-up). */
export function plannedDates(db: Db, from: string, to: string): Set<string> {
  const rows = db.prepare('SELECT DISTINCT zone_id || \'|\' || date AS k FROM plan_slots WHERE date BETWEEN ? AND ?').all(from, to) as { k: string }[];
  return new Set(rows.map((r) => r.k));
}

/** The saved shortfalls (every kind) whose period overlaps from..to, by period, zone and topic. */
export function listShortfalls(db: Db, q: { from: string; to: string; zone?: string }): Shortfall[] {
  const sql = `SELECT body FROM shortfalls WHERE period_start <= @to AND period_end >= @from ${q.zone ? 'AND zone_id = @zone' : ''}
    ORDER BY period_start, zone_id, topic_id, id`;
  return (db.prepare(sql).all(q) as { body: string }[]).map((r) => JSON.parse(r.body) as Shortfall);
}

/**
 * What already aired in [fromMs, toMs) per the airtime log (failed and skipped plays did not air),
 * with the item facts copied at air time.
 */
export function listAiredPlays(db: Db, fromMs: number, toMs: number, zones?: string[]): (AiredPlay & { startMs: number; plannedStart: number | null })[] {
  const rows = db
    .prepare(
      `SELECT zone_id, item_id, topics, ceremonial, started_at, COALESCE(ended_at, heartbeat_at) AS end_at, planned_start
       FROM airtime WHERE started_at >= ? AND started_at < ? AND (outcome IS NULL OR outcome NOT IN ('failed', 'skipped'))`,
    )
    .all(fromMs, toMs) as { zone_id: string; item_id: string; topics: string; ceremonial: number; started_at: number; end_at: number; planned_start: number | null }[];
  const wanted = zones && new Set(zones);
  // A month's rows share a few topic lists: each is parsed once, and its rows share the one array.
  const topicLists = new Map<string, string[]>();
  const topicsOf = (json: string): string[] => {
    let list = topicLists.get(json);
    if (!list) topicLists.set(json, (list = JSON.parse(json) as string[]));
    return list;
  };
  return rows
    .filter((r) => !wanted || wanted.has(r.zone_id))
    .map((r) => ({
      zone: r.zone_id,
      itemId: r.item_id,
      start: new Date(r.started_at).toISOString(),
      end: new Date(r.end_at).toISOString(),
      topics: topicsOf(r.topics),
      ceremonial: r.ceremonial === 1,
      startMs: r.started_at,
      plannedStart: r.planned_start,
    }));
}


export interface PinRecord {
  id: string;
  zoneId: string;
  date: string;
  window: string;
  itemId: string;
  kind: 'pin' | 'exclude';
  createdBy: string | null;
  createdAt: number;
}

export function insertPin(db: Db, p: PinRecord): void {
  db.prepare(
    `INSERT INTO pins (id, zone_id, date, window, item_id, kind, created_by, created_at)
     VALUES (@id, @zoneId, @date, @window, @itemId, @kind, @createdBy, @createdAt)`,
  ).run(p);
}

export function deletePin(db: Db, id: string): PinRecord | undefined {
  const row = listPinRows(db, 'WHERE id = @id', { id })[0];
  if (row) db.prepare('DELETE FROM pins WHERE id = ?').run(id);
  return row;
}

export function listPins(db: Db, from: string, to: string): PinRecord[] {
  return listPinRows(db, 'WHERE date BETWEEN @from AND @to', { from, to });
}

function listPinRows(db: Db, where: string, params: Record<string, string>): PinRecord[] {
  const rows = db.prepare(`SELECT * FROM pins ${where} ORDER BY date, zone_id, created_at`).all(params) as {
    id: string; zone_id: string; date: string; window: string; item_id: string; kind: 'pin' | 'exclude'; created_by: string | null; created_at: number;
  }[];
  return rows.map((r) => ({
    id: r.id, zoneId: r.zone_id, date: r.date, window: r.window, itemId: r.item_id, kind: r.kind, createdBy: r.created_by, createdAt: r.created_at,
  }));
}

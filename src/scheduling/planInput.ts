import type { AiredPlay, PlanInput, PlanRelay, PlannableItem } from '../domain/plan.ts';
import { addDays, formatInstant, weekStart, zonedInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { getItem, listItemsInStatus, type ItemRecord } from '../storage/items.ts';
import { listAiredPlays, listPins, listSlotsStartedUnlogged } from '../storage/plans.ts';
import { getPolicy, listTopics, listZones } from '../storage/station.ts';
import { listRelaySources, listRelays } from '../storage/relays.ts';

/** How much earlier than its planned start a play may have begun and still be found in the log. */
const EARLY_START_SLACK_MS = 3_600_000;

const iso = (ms: number | null, tz: string) => (ms === null ? null : formatInstant(ms, tz));

/** Library items as the planner sees them. */
export function plannable(items: ItemRecord[], tz: string): PlannableItem[] {
  return items
    .filter((i) => i.durationMs !== null && i.durationMs > 0)
    .map((i) => ({
      id: i.id, title: i.title, kind: i.kind, topics: i.topics, ceremonial: i.ceremonial, priority: i.priority,
      status: i.status, durationMs: i.durationMs!, validFrom: iso(i.validFrom, tz), validUntil: iso(i.validUntil, tz),
      approvedAt: iso(i.approvedAt, tz), createdAt: formatInstant(i.createdAt, tz),
      // Only items the operator ordered carry an order: an unordered station plans as before.
      ...(i.priorityOrder != null && { priorityOrder: i.priorityOrder }),
    }));
}

/**
 * The first local date whose plays count for a plan starting on `from`: the earliest of the first
 * day of its month, the Monday of its week and the day before it (the repeat gap and the plays per
 * day reach across midnight, even when `from` is a Monday and the 1st).
 */
export function historyStart(from: string): string {
  return [`${from.slice(0, 7)}-01`, weekStart(from), addDays(from, -1)].sort()[0]!;
}

/**
 * What counts as aired before `nowMs` for the periods a plan from `from` touches: the airtime log
 * from historyStart(from) (failed and skipped plays did not air), plus every saved slot of that
 * span that started before now and has no log row (no playout was running, or the play is just
 * starting): counted as aired, the conservative side for maxima, gaps and the ceremonial cap.
 */
export function listHistory(db: Db, tz: string, from: string, nowMs: number, zones: string[]): AiredPlay[] {
  const historyFromMs = zonedInstant(historyStart(from), 0, tz);
  const aired: AiredPlay[] = [];
  const byPlannedStart = new Map<string, AiredPlay>();
  for (const a of listAiredPlays(db, historyFromMs, nowMs)) {
    // A relay's airtime ("relay:<source>") is no library item's play: it counts toward no limit or share.
    if (a.itemId.startsWith(RELAY_ITEM_PREFIX)) continue;
    const play = { zone: a.zone, itemId: a.itemId, start: a.start, end: a.end, topics: a.topics, ceremonial: a.ceremonial };
    aired.push(play);
    if (a.plannedStart !== null) byPlannedStart.set(`${a.zone}|${a.itemId}|${a.plannedStart}`, play);
  }
  const items = new Map<string, ItemRecord | undefined>();
  // Only the slots still running and those with no log row come back: the others are in the log already.
  for (const s of listSlotsStartedUnlogged(db, { zones, fromMs: historyFromMs, toMs: nowMs, loggedFromMs: historyFromMs - EARLY_START_SLACK_MS })) {
    const play = byPlannedStart.get(`${s.zoneId}|${s.itemId}|${s.startMs}`);
    if (play) {
      // An open log row ends at its last heartbeat: the zone stays busy until the slot's end.
      if (s.endMs > nowMs) play.end = formatInstant(Math.max(s.endMs, Date.parse(play.end)), tz);
      continue;
    }
    if (s.logged) continue;
    if (!items.has(s.itemId)) items.set(s.itemId, getItem(db, s.itemId));
    const item = items.get(s.itemId);
    aired.push({
      zone: s.zoneId, itemId: s.itemId, start: formatInstant(s.startMs, tz), end: formatInstant(s.endMs, tz),
      topics: item?.topics ?? [], ceremonial: item?.ceremonial ?? false,
    });
  }
  return aired;
}

/** The prefix of a relay airing's item id in the airtime log (ProgrammeEntry.itemId "relay:<sourceId>"). */
const RELAY_ITEM_PREFIX = 'relay:';

/** The station's relays as the planner reads them (a relay's source named). */
export function planRelays(db: Db): PlanRelay[] {
  const names = new Map(listRelaySources(db).map((s) => [s.id, s.name] as const));
  return listRelays(db).map((r) => ({
    id: r.id, source: r.source, sourceName: names.get(r.source) ?? r.source, zones: r.zones, days: r.days, start: r.start, end: r.end,
  }));
}

/** The planner's input for dates from..to as of `nowMs`, from what the database holds. */
export function buildPlanInput(db: Db, q: { tz: string; from: string; to: string; zones?: string[]; nowMs: number }): PlanInput {
  const { tz, from, to, zones, nowMs } = q;
  const pinRows = listPins(db, from, to);
  const stationZones = listZones(db);
  return {
    station: { tz, zones: stationZones, topics: listTopics(db), policy: getPolicy(db), relays: planRelays(db) },
    items: plannable(listItemsInStatus(db, ['approved']), tz),
    aired: listHistory(db, tz, from, nowMs, stationZones.map((z) => z.id)),
    from,
    to,
    now: formatInstant(nowMs, tz),
    pins: pinRows.filter((p) => p.kind === 'pin').map((p) => ({ zone: p.zoneId, date: p.date, window: p.window, itemId: p.itemId })),
    exclusions: pinRows.filter((p) => p.kind === 'exclude').map((p) => ({ zone: p.zoneId, date: p.date, itemId: p.itemId })),
    ...(zones && { zones }),
  };
}

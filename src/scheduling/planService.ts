import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { AiredPlay, PlanInput, PlannableItem, Shortfall, Slot } from '../domain/plan.ts';
import { addDays, formatInstant, localDate, monthOf, parseInstant, weekStart, zonedInstant } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import { planRange } from '../planner/plan.ts';
import { validatePlan } from '../planner/validate.ts';
import type { Db } from '../storage/db.ts';
import { getItem, listItemsInStatus, type ItemRecord } from '../storage/items.ts';
import { listAiredPlays, listItemSlots, listPins, listSlots, replaceSlots } from '../storage/plans.ts';
import { getPolicy, listTopics, listZones } from '../storage/station.ts';
import type { StationEvents } from '../stationEvents.ts';

export interface PlanOutcome {
  from: string;
  to: string;
  slots: Slot[];
  shortfalls: Shortfall[];
  rejectedPins: { pin: { zone: string; date: string; window: string; itemId: string }; reason: string }[];
}

const iso = (ms: number | null, tz: string) => (ms === null ? null : formatInstant(ms, tz));

/** Library items as the planner sees them. */
function plannable(items: ItemRecord[], tz: string): PlannableItem[] {
  return items
    .filter((i) => i.durationMs !== null && i.durationMs > 0)
    .map((i) => ({
      id: i.id, title: i.title, kind: i.kind, topics: i.topics, ceremonial: i.ceremonial, priority: i.priority,
      status: i.status, durationMs: i.durationMs!, validFrom: iso(i.validFrom, tz), validUntil: iso(i.validUntil, tz),
      approvedAt: iso(i.approvedAt, tz), createdAt: formatInstant(i.createdAt, tz),
    }));
}

/**
 * Runs the pure planner over what the database holds, checks the result with the independent
 * validator, and saves it per zone and day. Slots that have started are never touched.
 */
export function createPlanService(deps: { db: Db; clock: Clock; tz: string; log: Logger; events: StationEvents }) {
  const { db, clock, tz, log, events } = deps;

  /** Assembles the planner's input for dates from..to, as of now. */
  function buildInput(from: string, to: string, zones: string[] | undefined, nowMs: number): PlanInput {
    const station = { tz, zones: listZones(db), topics: listTopics(db), policy: getPolicy(db) };
    const historyFrom = zonedInstant([`${monthOf(from)}-01`, weekStart(from)].sort()[0]!, 0, tz);
    const logs = listAiredPlays(db, historyFrom, nowMs);
    const logged = new Set(logs.map((a) => `${a.zone}|${a.itemId}|${a.plannedStart}`));
    const aired: AiredPlay[] = logs.map((a) => ({ zone: a.zone, itemId: a.itemId, start: a.start, end: a.end, topics: a.topics, ceremonial: a.ceremonial }));
    // A slot on air now may not be in the log yet (no playout running, or it just began): count it.
    let effectiveNow = nowMs;
    for (const s of listSlots(db, { fromMs: nowMs, toMs: nowMs + 1 })) {
      if (s.startMs >= nowMs) continue;
      effectiveNow = Math.max(effectiveNow, s.endMs);
      if (logged.has(`${s.zoneId}|${s.itemId}|${s.startMs}`)) continue;
      const item = getItem(db, s.itemId);
      aired.push({
        zone: s.zoneId, itemId: s.itemId, start: formatInstant(s.startMs, tz), end: formatInstant(s.endMs, tz),
        topics: item?.topics ?? [], ceremonial: item?.ceremonial ?? false,
      });
    }
    const pinRows = listPins(db, from, to);
    return {
      station,
      items: plannable(listItemsInStatus(db, ['approved']), tz),
      aired,
      from,
      to,
      now: formatInstant(effectiveNow, tz),
      pins: pinRows.filter((p) => p.kind === 'pin').map((p) => ({ zone: p.zoneId, date: p.date, window: p.window, itemId: p.itemId })),
      exclusions: pinRows.filter((p) => p.kind === 'exclude').map((p) => ({ zone: p.zoneId, date: p.date, itemId: p.itemId })),
      ...(zones && { zones }),
    };
  }

  /** Plans dates from..to (clamped to today onward). With `save`, replaces the saved programme. */
  function plan(req: { from: string; to: string; zones?: string[] }, save: boolean): PlanOutcome {
    const nowMs = clock.now();
    const today = localDate(nowMs, tz);
    if (req.to < req.from) throw new ApiError(400, 'validation-failed', { details: `body.to: ${req.to} is before from ${req.from}` }, [{ field: 'body.to', problem: 'before from' }]);
    if (req.to < today) throw new ApiError(400, 'validation-failed', { details: `body.to: ${req.to} is in the past (today is ${today})` }, [{ field: 'body.to', problem: 'in the past' }]);
    const from = req.from < today ? today : req.from;
    const known = new Set(listZones(db).map((z) => z.id));
    req.zones?.forEach((z, i) => {
      if (!known.has(z)) throw new ApiError(400, 'unknown-zone', { id: z }, { field: `body.zones[${i}]` });
    });
    const input = buildInput(from, req.to, req.zones, nowMs);
    const result = planRange(input);
    const violations = validatePlan(input, result.slots);
    if (violations.length) {
      // The planner broke a hard rule: a bug. Keep the old programme rather than air a wrong one.
      log.error({ violations: violations.slice(0, 20), count: violations.length }, 'planner produced an invalid plan; not saved');
      throw new Error(`the planner produced ${violations.length} rule violation(s); the previous programme is kept`);
    }
    if (save) {
      const zonesPlanned = req.zones ? [...new Set(result.slots.map((s) => s.zone).concat(req.zones))] : [...known];
      replaceSlots(
        db,
        { zones: zonesPlanned, from, to: req.to, cutoffMs: parseInstant(input.now)! },
        result.slots.map((s) => {
          const startMs = parseInstant(s.start)!;
          return { zoneId: s.zone, date: localDate(startMs, tz), startMs, endMs: parseInstant(s.end)!, itemId: s.itemId, window: s.window, reason: s.reason };
        }),
        result.shortfalls,
        nowMs,
      );
      events.emit('plan:saved', { zones: zonesPlanned, from, to: req.to, shortfalls: result.shortfalls.length });
    }
    return { from, to: req.to, ...result };
  }

  return {
    plan,

    /** Keeps today and the next horizonDays − 1 days planned. */
    planHorizon(): PlanOutcome {
      const today = localDate(clock.now(), tz);
      return plan({ from: today, to: addDays(today, getPolicy(db).horizonDays - 1) }, true);
    },

    /**
     * Thu hồi: after an item stops being schedulable, re-plans every future day it was on and lists,
     * per removed slot, what now airs at that time in that zone.
     */
    recall(itemId: string): { zone: string; start: string; replacedBy: { itemId: string; start: string } | null }[] {
      const nowMs = clock.now();
      const removed = listItemSlots(db, itemId, nowMs);
      if (removed.length === 0) return [];
      const dates = removed.map((s) => s.date).sort();
      const zones = [...new Set(removed.map((s) => s.zoneId))];
      plan({ from: dates[0]!, to: dates.at(-1)!, zones }, true);
      return removed.map((old) => {
        const now = listSlots(db, { fromMs: old.startMs, toMs: old.endMs, zone: old.zoneId })[0];
        return {
          zone: old.zoneId,
          start: formatInstant(old.startMs, tz),
          replacedBy: now ? { itemId: now.itemId, start: formatInstant(now.startMs, tz) } : null,
        };
      });
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;

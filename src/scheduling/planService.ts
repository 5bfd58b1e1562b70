import type { Logger } from 'pino';
import { createAuditLog, type AuditActor } from '../audit/auditLog.ts';
import type { Clock } from '../clock.ts';
import type { PlanInput, PlanResult, RelaySlot, Shortfall, Slot } from '../domain/plan.ts';
import { addDays, formatInstant, isLocalDate, isoWeekday, localDate, parseInstant } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import { buildProgrammes } from '../planner/programmes.ts';
import { planRange } from '../planner/plan.ts';
import { validatePlan } from '../planner/validate.ts';
import type { Db } from '../storage/db.ts';
import { deletePin, insertPin, lastPlannedDate, listItemSlots, listSlots, replaceSlots, type PinRecord } from '../storage/plans.ts';
import { getPolicy, listZones } from '../storage/station.ts';
import { currentRevisionId } from '../storage/stationRevisions.ts';
import { findUserById } from '../storage/users.ts';
import { getItem } from '../storage/items.ts';
import type { Lang } from '../i18n/messages.ts';
import type { StationEvents } from '../stationEvents.ts';
import { buildPlanInput } from './planInput.ts';
import { describePinRefusal, type RefusalNames } from './pinRefusal.ts';

export interface PlanOutcome {
  /** The dates actually planned: from today to the Sunday ending the horizon's (or the request's) last week. */
  from: string;
  to: string;
  /** With POST /api/plan (and `loa plan`): the dates asked for; `slots` and `shortfalls` are theirs. */
  requested?: { from: string; to: string };
  slots: Slot[];
  /** The relays' airings (tiếp âm) of the same dates. */
  relaySlots: RelaySlot[];
  shortfalls: Shortfall[];
  rejectedPins: { pin: { zone: string; date: string; window: string; itemId: string }; reason: string }[];
  /**
   * The station settings revision the plan was computed under, and the plan run that saved it
   * (null for a dry run, or a save that changed no row: nothing was planned): GET /api/schedule compares
   * the revision with the one in force later.
   */
  run: { id: number | null; revision: number };
}

/** What a replan asks for beyond the whole horizon: a later last date, or only some zones. */
export interface ReplanRequest {
  /** Plan at least through this date (the range still runs to the Sunday of its ISO week). */
  to?: string;
  /** Only these zones (and the members of the shared programmes they belong to). */
  zones?: string[];
  /** Who asked (recorded on the plan run; default the system). */
  by?: AuditActor;
  /** Why, recorded on the plan run: 'plan', 'pin', 'replan:nightly', … */
  cause?: string;
}

/**
 * A replan leaves the programme of the next few seconds as saved: its new slots begin at least this
 * long after it is asked for. The plan is made, saved and handed to the players within that time, so
 * a new slot reaches its player before it is due and plays from its first word (one that arrives
 * after its start is cut in at the clock's position: playout/airing.ts), and a slot that begins while
 * the plan is made is the saved one. Saved slots starting before then count as planned.
 */
export const PLAN_LEAD_MS = 5000;

/** A checked plan, ready to save as it is. */
interface CheckedPlan {
  from: string;
  to: string;
  /** When it was asked for (the plan run's stamp). */
  askedAtMs: number;
  /** What it plans from: askedAtMs + PLAN_LEAD_MS; saved slots starting earlier are kept. */
  nowMs: number;
  /** Every zone whose saved programme from..to the plan replaces. */
  zones: string[];
  /** The plan covers every zone of the station. */
  allZones: boolean;
  /** The station settings revision the input was read under. */
  revisionId: number;
  input: PlanInput;
  result: PlanResult;
}

/** The Sunday ending the ISO week of a date. */
const weekEnd = (date: string) => addDays(date, 7 - isoWeekday(date));

/** A pin as its audit row shows it. */
const pinView = (p: PinRecord) => ({ kind: p.kind, zone: p.zoneId, date: p.date, window: p.window || null, itemId: p.itemId });

const badDate = (field: string, problem: string, value: string) =>
  new ApiError(400, 'validation-failed', { details: `${field}: ${value} ${problem}` }, [{ field, problem }]);

/**
 * Runs the pure planner over what the database holds, checks the result with the independent
 * validator, and saves it. Every replan is whole (decisions §8): from now to the Sunday ending the
 * week of the horizon's last day (or of a later date asked for, or of the last saved slot), so the
 * planner and the validator see every saved and aired play of each week and month it touches, and
 * no saved slot is left after the range unjudged. Slots that have started, or start within
 * PLAN_LEAD_MS of the request, are never touched.
 */
export function createPlanService(deps: { db: Db; clock: Clock; tz: string; log: Logger; events: StationEvents }) {
  const { db, clock, tz, log, events } = deps;
  const audit = createAuditLog({ db, clock });
  /** Titles and zone names for a refused pin's sentence (ids when gone). */
  const refusalNames = (): RefusalNames => {
    const zones = new Map(listZones(db).map((z) => [z.id, z.name]));
    return { itemTitle: (id) => getItem(db, id)?.title ?? id, zoneName: (id) => zones.get(id) ?? id };
  };

  /** The plan run's author fields of an audit actor: a user by id and username as audit rows name them. */
  const runAuthor = (actor: AuditActor = 'system', cause?: string) => {
    if (typeof actor === 'string') return { by: null, byName: actor, cause: cause ?? null };
    const name = actor.username ?? (actor.id === null ? undefined : findUserById(db, actor.id)?.username);
    return { by: actor.id, byName: name ?? actor.id ?? 'system', cause: cause ?? null };
  };

  /** Plans and validates the whole range as of now; throws (the old programme stays) on a broken rule. */
  function check(req: ReplanRequest): CheckedPlan {
    const askedAtMs = clock.now();
    const nowMs = askedAtMs + PLAN_LEAD_MS;
    const from = localDate(nowMs, tz);
    const horizonEnd = addDays(from, getPolicy(db).horizonDays - 1);
    const last = [horizonEnd, req.to ?? horizonEnd, lastPlannedDate(db) ?? horizonEnd].sort().at(-1)!;
    const to = weekEnd(last);
    const allZones = listZones(db);
    const known = new Set(allZones.map((z) => z.id));
    req.zones?.forEach((z, i) => {
      if (!known.has(z)) throw new ApiError(400, 'unknown-zone', { id: z }, { field: `body.zones[${i}]` });
    });
    // A listed zone brings the other members of its shared programme (a group plays one programme);
    // other zones are independent of it (every rule counts per zone), so they are left as saved.
    const zones = req.zones
      ? [...new Set([...req.zones, ...buildProgrammes(allZones, req.zones).flatMap((p) => p.members.map((m) => m.id))])]
      : [...known];
    // One read transaction (a snapshot: the daemon's thread may write meanwhile): the settings the
    // planner sees are this revision's.
    const { revisionId, input } = db.transaction(() => ({
      revisionId: currentRevisionId(db),
      input: buildPlanInput(db, { tz, from, to, nowMs, ...(req.zones && { zones }) }),
    })).deferred();
    const result = planRange(input);
    // The validator sees exactly what will be saved (result.slots, result.relaySlots) plus input.aired:
    // the log and the saved slots already started, from the start of the earliest week and month
    // touched; pins and exclusions are checked too (a refused pin must say why).
    const violations = validatePlan(input, result.slots, result.rejectedPins, result.relaySlots);
    if (violations.length) {
      // The planner broke a hard rule: a bug. Keep the old programme rather than air a wrong one.
      log.error({ violations: violations.slice(0, 20), count: violations.length }, 'planner produced an invalid plan; not saved');
      throw new Error(`the planner produced ${violations.length} rule violation(s); the previous programme is kept`);
    }
    return { from, to, askedAtMs, nowMs, zones, allZones: !req.zones, revisionId, input, result };
  }

  /**
   * Saves a checked plan: replaces the zones' slots from its `now` on and the shortfalls of every
   * period it judged, recorded as one plan run by `req`'s author; `audited` writes the audit row of
   * the change that asked for it, in the same transaction. Returns the run's id (null: the save
   * changed no row, e.g. a station without zones, and no run is recorded).
   */
  function save(p: CheckedPlan, req: Pick<ReplanRequest, 'by' | 'cause'>, audited?: (p: CheckedPlan) => void): number | null {
    const runId = db.transaction(() => {
      const id = saveSlots(p, req);
      audited?.(p);
      return id;
    })();
    events.emit('plan:saved', { zones: p.zones, from: p.from, to: p.to, shortfalls: p.result.shortfalls.length });
    return runId;
  }

  function saveSlots(p: CheckedPlan, req: Pick<ReplanRequest, 'by' | 'cause'>): number | null {
    return replaceSlots(
      db,
      { zones: p.zones, from: p.from, to: p.to, cutoffMs: p.nowMs },
      p.result.slots.map((s) => {
        const startMs = parseInstant(s.start)!;
        return { zoneId: s.zone, date: localDate(startMs, tz), startMs, endMs: parseInstant(s.end)!, itemId: s.itemId, window: s.window, reason: s.reason };
      }),
      p.result.shortfalls,
      p.askedAtMs,
      p.result.relaySlots.map((s) => {
        const startMs = parseInstant(s.start)!;
        return { zoneId: s.zone, date: localDate(startMs, tz), startMs, endMs: parseInstant(s.end)!, relayId: s.relayId, sourceId: s.source, window: s.window };
      }),
      { revisionId: p.revisionId, allZones: p.allZones, ...runAuthor(req.by, req.cause) },
    );
  }

  /**
   * The one replan: whole, from today to the end of the last week touched; saved (as a plan run by
   * `req.by`, for `req.cause`) unless `doSave` is false.
   */
  function replan(req: ReplanRequest = {}, doSave = true, audited?: (p: CheckedPlan) => void): PlanOutcome {
    const checked = check(req);
    const runId = doSave ? save(checked, req, audited) : null;
    return { from: checked.from, to: checked.to, ...checked.result, run: { id: runId, revision: checked.revisionId } };
  }

  return {
    replan,

    /**
     * POST /api/plan and `loa plan`: an operator asks for dates from..to. The replan is still whole
     * (from today, through the Sunday ending `to`'s week or the horizon's, whichever is later); the
     * answer gives the range planned, and the slots and shortfalls of the dates asked for. A saved
     * plan is audited as `plan.run` (who asked, the dates asked and planned, the zones); a dry run
     * changes nothing and is not.
     */
    plan(req: { from: string; to: string; zones?: string[] }, doSave: boolean, actor: AuditActor): PlanOutcome {
      if (!isLocalDate(req.from)) throw badDate('body.from', 'is not a date YYYY-MM-DD', req.from);
      if (!isLocalDate(req.to)) throw badDate('body.to', 'is not a date YYYY-MM-DD', req.to);
      const today = localDate(clock.now(), tz);
      if (req.to < req.from) throw badDate('body.to', `is before from ${req.from}`, req.to);
      if (req.to < today) throw badDate('body.to', `is in the past (today is ${today})`, req.to);
      const from = req.from < today ? today : req.from;
      const audited = (p: CheckedPlan) => audit.record(actor, 'plan.run', { type: 'plan' }, null, {
        requested: { from, to: req.to }, planned: { from: p.from, to: p.to }, zones: req.zones ? p.zones : null,
        slots: p.result.slots.length, shortfalls: p.result.shortfalls.length,
      }, { zones: req.zones ? p.zones : [] });
      const outcome = replan({ to: req.to, ...(req.zones && { zones: req.zones }), by: actor, cause: 'plan' }, doSave, audited);
      const dayOf = (iso: string) => localDate(parseInstant(iso)!, tz);
      return {
        ...outcome,
        requested: { from, to: req.to },
        slots: outcome.slots.filter((s) => dayOf(s.start) >= from && dayOf(s.start) <= req.to),
        relaySlots: outcome.relaySlots.filter((s) => dayOf(s.start) >= from && dayOf(s.start) <= req.to),
        shortfalls: outcome.shortfalls.filter((s) => s.periodEnd >= from && s.periodStart <= req.to),
      };
    },

    /**
     * Adds a pin or an exclusion and replans whole (through the pin's week at least). A pin the
     * planner refuses is removed again and nothing is saved (409 'pin-refused' with the rule it
     * would break, said in `lang`); otherwise the plan that accepted it is the one saved.
     */
    addPin(pin: PinRecord, lang: Lang = 'vi', actor?: AuditActor): PlanOutcome {
      const today = localDate(clock.now(), tz);
      if (pin.date < today) throw badDate('body.date', `is in the past (today is ${today})`, pin.date);
      insertPin(db, pin);
      try {
        const checked = check({ to: pin.date });
        const refused = checked.result.rejectedPins.find(
          (r) => r.pin.zone === pin.zoneId && r.pin.date === pin.date && r.pin.itemId === pin.itemId && r.pin.window === pin.window,
        );
        if (pin.kind === 'pin' && refused) {
          const { rule, text } = describePinRefusal(refused.reason, refusalNames(), lang);
          throw new ApiError(409, 'pin-refused', { reason: text }, { rule });
        }
        const by: AuditActor = actor ?? (pin.createdBy ? { id: pin.createdBy } : 'system');
        const runId = save(checked, { by, cause: pin.kind }, () => audit.record(
          by, pin.kind === 'pin' ? 'pin.add' : 'exclusion.add', { type: 'pin', id: pin.id },
          null, pinView(pin), { zones: [pin.zoneId] },
        ));
        return { from: checked.from, to: checked.to, ...checked.result, run: { id: runId, revision: checked.revisionId } };
      } catch (err) {
        deletePin(db, pin.id);
        throw err;
      }
    },

    /** Removes a pin or exclusion (audited); one for today or later replans whole. Undefined when there is none. */
    removePin(id: string, actor: AuditActor): PinRecord | undefined {
      const pin = db.transaction(() => {
        const removed = deletePin(db, id);
        if (removed) {
          audit.record(actor, removed.kind === 'pin' ? 'pin.remove' : 'exclusion.remove', { type: 'pin', id }, pinView(removed), null, { zones: [removed.zoneId] });
        }
        return removed;
      })();
      if (pin && pin.date >= localDate(clock.now(), tz)) replan({ by: actor, cause: pin.kind === 'pin' ? 'unpin' : 'unexclude' });
      return pin;
    },

    /**
     * Thu hồi: after an item stops being schedulable, replans whole and lists, per removed future
     * slot, what now airs at that time in that zone.
     */
    recall(itemId: string, actor: AuditActor = 'system'): { zone: string; start: string; replacedBy: { itemId: string; start: string } | null }[] {
      const removed = listItemSlots(db, itemId, clock.now());
      if (removed.length === 0) return [];
      replan({ by: actor, cause: 'recall' });
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

/**
 * The planner: a pure function from stations, library, history, pins and exclusions to slots,
 * shortfalls and rejected pins. Deterministic; reads no clock (`now` is an input).
 *
 * Zone groups: members of a group with identical windows share one programme, planned once and
 * emitted for every enabled member; `input.zones` selects programmes, so listing one member plans
 * (and emits) its whole shared programme. Pins and exclusions on any member apply to the programme.
 */
import type { PlanInput, PlanResult, Shortfall, Slot } from '../domain/plan.ts';
import type { PlannedSlot, PlanContext } from './state.ts';
import type { PendingPin, RejectedPin } from './pins.ts';
import type { Programme, WindowInstance } from './calendar.ts';
import type { EmptyFinding, WindowOutcome } from './emptyWindows.ts';
import { isLocalDate, parseInstant, zonedInstant } from '../domain/time.ts';
import { dateOfDayIndex, dayIndex, instantFormatter } from '../domain/fastTime.ts';
import { buildLibrary } from './library.ts';
import { DayClock, buildProgrammes } from './calendar.ts';
import { parseAiredByZone } from './history.ts';
import { ProgrammeScratch, ProgrammeState } from './state.ts';
import { holdPinRoom, resolveOrders } from './pins.ts';
import { setDailyTargets } from './targets.ts';
import { fillWindow } from './fill.ts';
import { collectShortfalls } from './shortfalls.ts';
import { ReasonCatalogue } from './reasons.ts';
import { emptyShortfalls, noteEmptyWindows } from './emptyWindows.ts';

const DEFAULT_TZ = 'Asia/Ho_Chi_Minh';
const NO_PINS: PendingPin[] = [];

/** Plans local dates `from`..`to` (inclusive) for the selected zones; never throws on business conditions. */
export function planRange(input: PlanInput): PlanResult {
  const ctx = buildContext(input);
  const programmes = buildProgrammes(input.station.zones, input.zones);
  const rejectedPins: RejectedPin[] = [];
  const orders = resolveOrders(
    input.pins ?? [],
    input.exclusions ?? [],
    input.station.zones,
    programmes,
    ctx.library,
    ctx,
    rejectedPins,
  );

  const slots: Slot[] = [];
  const shortfalls: Shortfall[] = [];
  for (const programme of programmes) {
    const st = new ProgrammeState(ctx, programme);
    const programmeOrders = orders.get(programme);
    const empties: EmptyFinding[] = [];
    const outcomes: WindowOutcome[] = [];
    holdPinRoom(st, programmeOrders);
    for (let day = ctx.fromDay; day <= ctx.toDay; day++) {
      st.beginDay(day, programmeOrders?.excluded.get(day), programmeOrders?.pinnedItems.get(day));
      setDailyTargets(st, day);
      outcomes.length = 0;
      for (const window of peakFirst(st.calendar.on(day), day)) {
        const pins = programmeOrders?.pins.get(`${day}|${window.def.startSec}`) ?? NO_PINS;
        const usable = fillWindow(st, window, pins, (p, reason) => {
          rejectedPins.push({ pin: p.pin, reason });
          for (const twin of p.duplicates) rejectedPins.push({ pin: twin, reason });
        });
        if (usable) outcomes.push({ window, empty: st.windowContent === 0, cause: st.windowCauses.dominant() });
      }
      noteEmptyWindows(st, outcomes, empties);
    }
    // Windows were planned peak first: the slots go out in time order.
    st.slots.sort((a, b) => a.startMs - b.startMs);
    emitSlots(programme, st.slots, ctx, slots);
    for (const s of collectShortfalls(st, programmeOrders)) shortfalls.push(s);
    for (const s of emptyShortfalls(st, empties)) shortfalls.push(s);
  }
  return { slots, shortfalls, rejectedPins };
}

/**
 * The order a day's windows are planned in: peak windows first (seed 000 §4: "ưu tiên khung giờ có
 * nhiều người nghe"), starting from a different one each day so that morning and evening take turns
 * at being served first; then the non-peak windows in time order, which take what is left.
 */
function peakFirst(windows: WindowInstance[], day: number): WindowInstance[] {
  const peak = windows.filter((w) => w.peak);
  if (peak.length === 0) return windows;
  const shift = ((day % peak.length) + peak.length) % peak.length;
  const ordered = [...peak.slice(shift), ...peak.slice(0, shift)];
  for (const w of windows) if (!w.peak) ordered.push(w);
  return ordered;
}

function buildContext(input: PlanInput): PlanContext {
  const { station } = input;
  const nowMs = parseInstant(input.now);
  if (nowMs === null) throw new Error(`planRange: now "${input.now}" is not an ISO 8601 instant with offset`);
  if (!isLocalDate(input.from) || !isLocalDate(input.to)) {
    throw new Error(`planRange: from "${input.from}" and to "${input.to}" must be dates YYYY-MM-DD`);
  }
  const tz = station.tz || DEFAULT_TZ;
  const library = buildLibrary(input);
  return {
    tz,
    nowMs,
    fromDay: dayIndex(input.from),
    toDay: dayIndex(input.to),
    gapMs: station.policy.gapBetweenItemsMs,
    repeatGapMs: station.policy.minRepeatGapMinutes * 60_000,
    maxPlaysPerDay: station.policy.maxPlaysPerItemPerDay,
    // The planner aims under the planned share, a margin below the hard cap (decisions §8).
    ceremonialShare: Math.min(station.policy.ceremonialPlanShare, station.policy.ceremonialMaxShare),
    ceremonialCap: station.policy.ceremonialMaxShare,
    topics: station.topics,
    library,
    airedByZone: parseAiredByZone(input.aired, library, tz),
    reasons: new ReasonCatalogue(),
    scratch: new ProgrammeScratch(library, station.topics.length),
    dayClock: new DayClock(tz),
    // Slots start at `now` or later and end by the day after `to` (a window may end at 24:00).
    instantText: instantTexts(tz, Math.floor(nowMs / 1000) * 1000, zonedInstant(dateOfDayIndex(dayIndex(input.to) + 2), 0, tz)),
  };
}

/**
 * One Slot per member and planned slot; members share the instant, label and reason instances, and
 * so do programmes: a city's slots hold a few distinct instants many times over (every zone whose
 * window opens at 05:30 starts a slot then), so each instant's text is made once per plan.
 */
function emitSlots(programme: Programme, planned: PlannedSlot[], ctx: PlanContext, out: Slot[]): void {
  const text = ctx.instantText;
  const starts = planned.map((s) => text(s.startMs));
  // A slot usually ends where the next starts (no gap): reuse that string.
  const ends = planned.map((s, k) => (planned[k + 1]?.startMs === s.endMs ? starts[k + 1]! : text(s.endMs)));
  for (const member of programme.members) {
    for (let k = 0; k < planned.length; k++) {
      const s = planned[k]!;
      out.push({ zone: member.id, start: starts[k]!, end: ends[k]!, itemId: s.item.id, window: s.window.def.label, reason: s.reason });
    }
  }
}

/**
 * formatInstant in the station's zone, each instant formatted once per plan. Instants on a whole
 * second of [baseMs, endMs) are kept in an array indexed by that second (a map of hundreds of
 * thousands of entries costs more than the formatting it saves); others are formatted each time.
 */
function instantTexts(tz: string, baseMs: number, endMs: number): (ms: number) => string {
  const format = instantFormatter(tz);
  const seconds = Math.max(0, Math.ceil((endMs - baseMs) / 1000));
  const made: (string | undefined)[] = new Array<string | undefined>(seconds).fill(undefined);
  return (ms) => {
    const second = (ms - baseMs) / 1000;
    if (!(second >= 0 && second < seconds) || !Number.isInteger(second)) return format(ms);
    return (made[second] ??= format(ms));
  };
}

/**
 * The planner: a pure function from stations, library, history, pins and exclusions to slots,
 * shortfalls and rejected pins. Deterministic; reads no clock (`now` is an input).
 *
 * Zone groups: members of a group with identical windows share one programme, planned once and
 * emitted for every enabled member; `input.zones` selects programmes, so listing one member plans
 * (and emits) its whole shared programme. Pins and exclusions on any member apply to the programme.
 * Relays are fixed events: their slots come out as they are, and items are planned around them.
 */
import type { PlanInput, PlanResult, RelaySlot, Shortfall } from '../domain/plan.ts';
import type { PlanContext } from './context.ts';
import type { PendingPin, RejectedPin } from './pins.ts';
import type { EmptyFinding } from './emptyWindows.ts';
import { isLocalDate, parseInstant } from '../domain/time.ts';
import { dayIndex } from '../domain/fastTime.ts';
import { SlotStore, instantTexts } from './slotStore.ts';
import { buildLibrary } from './library.ts';
import { DayClock } from './calendar.ts';
import { buildProgrammes, relayDefsOf } from './programmes.ts';
import { AiredReader, airedRowsByZone } from './history.ts';
import { ProgrammeScratch } from './context.ts';
import { ProgrammeState } from './state.ts';
import { holdPinRoom, resolveOrders } from './pins.ts';
import { setDailyTargets } from './targets.ts';
import { ruleScopesOf } from './counters.ts';
import { planDay } from './day.ts';
import { collectShortfalls } from './shortfalls.ts';
import { ReasonCatalogue } from './reasons.ts';
import { emptyShortfalls, noteEmptyWindows } from './emptyWindows.ts';
import { addRelaySlots } from './relaySlots.ts';

const DEFAULT_TZ = 'Asia/Ho_Chi_Minh';

/** Plans local dates `from`..`to` (inclusive) for the selected zones; never throws on business conditions. */
export function planRange(input: PlanInput): PlanResult {
  const ctx = buildContext(input);
  const programmes = buildProgrammes(input.station.zones, input.zones, relayDefsOf(input.station.relays));
  const rejectedPins: RejectedPin[] = [];
  const rejectPin = (p: PendingPin, reason: string) => {
    rejectedPins.push({ pin: p.pin, reason });
    for (const twin of p.duplicates) rejectedPins.push({ pin: twin, reason });
  };
  const orders = resolveOrders(
    input.pins ?? [],
    input.exclusions ?? [],
    input.station.zones,
    programmes,
    ctx.library,
    ctx,
    rejectedPins,
  );

  const store = new SlotStore(ctx.fromDay, ctx.toDay);
  const shortfalls: Shortfall[] = [];
  const relaySlots: RelaySlot[] = [];
  for (const programme of programmes) {
    const st = new ProgrammeState(ctx, programme);
    const programmeOrders = orders.get(programme);
    const empties: EmptyFinding[] = [];
    holdPinRoom(st, programmeOrders);
    for (let day = ctx.fromDay; day <= ctx.toDay; day++) {
      st.beginDay(day, programmeOrders?.excluded.get(day), programmeOrders?.pinnedItems.get(day));
      setDailyTargets(st, day);
      noteEmptyWindows(st, planDay(st, day, programmeOrders, rejectPin), empties);
    }
    store.keep(programme, st.slots);
    addRelaySlots(programme, st.calendar, ctx, relaySlots);
    for (const s of collectShortfalls(st, programmeOrders)) shortfalls.push(s);
    for (const s of emptyShortfalls(st, empties)) shortfalls.push(s);
  }
  const { library, reasons, instantText } = ctx;
  const slots = store.slots({ ids: library.items.map((item) => item.id), durations: library.durations, reasons: reasons.arrays, instantText });
  return { slots, relaySlots, shortfalls, rejectedPins };
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
    ruleScopes: ruleScopesOf(station.topics),
    library,
    airedRows: airedRowsByZone(input.aired),
    airedReader: new AiredReader(library, tz),
    reasons: new ReasonCatalogue(),
    scratch: new ProgrammeScratch(library, station.topics.length, station.policy.maxPlaysPerItemPerDay),
    dayClock: new DayClock(tz),
    // Slots start at `now` or later.
    instantText: instantTexts(tz, Math.floor(nowMs / 1000) * 1000),
  };
}

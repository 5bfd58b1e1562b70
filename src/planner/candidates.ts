/**
 * Item eligibility: `refusalOf` says why an item cannot start at an instant, or OK, and how long
 * a refusal lasts (the window, the day). The rotation order lives in rotation.ts.
 */
import type { ItemRecord } from './library.ts';
import type { ProgrammeState } from './state.ts';
import type { PeriodCell } from './counters.ts';
import { priorityShare, roomUnderMax } from './counters.ts';
import { RANK_PRIORITY } from './library.ts';

/** Why an item may not be placed at an instant (0 = it may). */
export const Refusal = {
  ok: 0,
  fit: 1,
  notYetValid: 2,
  expired: 3,
  excluded: 4,
  reservedForPin: 5,
  oncePerWindow: 6,
  perDay: 7,
  repeatGap: 8,
  topicMax: 9,
  ceremonial: 10,
  weekSpread: 11,
  /** A priority item has had half a capped period's max (its own limit, not its topic's). */
  priorityShare: 12,
} as const;
export type Refusal = (typeof Refusal)[keyof typeof Refusal];

/**
 * Who asks: pins skip the pin reservation and the week spread; fill honours the week spread of
 * every capped week rule; a target honours it for the rules of other topics than its own, so that
 * serving one topic does not use up another topic's week early.
 */
export type PickMode = 'pin' | 'target' | 'fill';

/**
 * The first hard rule (or planning policy) that stops `item` from starting at `startMs`. On
 * topicMax and weekSpread, `st.blockingCell` is the rule period that refused it.
 * The order matters for the shortfall diagnosis: what no repeat can lift (validity, the operator's
 * orders, a rule's max, the ceremonial cap) is asked before the item's own repeat limits, so a
 * topic whose max has run out is blamed on the max, not on the repeat gap of its items.
 * A pin (`pinOrder` = its position in the operator's list) sees only the room held for pins listed
 * before it: of two pins competing for one max, the first listed wins.
 */
export function refusalOf(
  st: ProgrammeState,
  i: number,
  startMs: number,
  limitMs: number,
  mode: PickMode,
  servedTopic = -1,
  pinOrder = -1,
): Refusal {
  // Item facts come from the library's flat arrays: this runs for every item a walk weighs.
  const library = st.ctx.library;
  const durationMs = library.durations[i]!;
  const endMs = startMs + durationMs;
  if (endMs > limitMs) return Refusal.fit;
  if (startMs < library.validFroms[i]!) return Refusal.notYetValid;
  if (endMs > library.validUntils[i]!) return Refusal.expired;
  if (st.excludedToday?.has(i)) return Refusal.excluded;
  if (mode !== 'pin' && st.reservedToday?.has(i)) return Refusal.reservedForPin;
  const { topicStart, topicList } = library;
  const priorityFill = mode === 'fill' && library.ranks[i] === RANK_PRIORITY;
  for (let k = topicStart[i]!; k < topicStart[i + 1]!; k++) {
    const t = topicList[k]!;
    const tracks = st.tracksByTopic[t]!;
    for (let c = 0; c < tracks.length; c++) {
      const cell = tracks[c]!.today;
      if (cell === null) continue;
      const room = mode === 'pin' ? roomForPin(cell, pinOrder) : roomUnderMax(cell);
      if (room < 1) {
        st.blockingCell = cell;
        return Refusal.topicMax;
      }
      if (mode !== 'pin' && t !== servedTopic && cell.planned >= cell.fillCap) {
        st.blockingCell = cell;
        return Refusal.weekSpread;
      }
      if (priorityFill && (cell.priorityPlays?.get(i) ?? 0) >= priorityShare(cell)) {
        st.blockingCell = cell;
        return Refusal.priorityShare;
      }
    }
  }
  if (library.ceremonialFlags[i] && !st.ledger.allows(i, durationMs)) return Refusal.ceremonial;
  const win = st.window;
  if (st.windowStamp[i] === st.windowSeq || st.history.hasStartIn(i, win.startMs, win.endMs)) {
    return Refusal.oncePerWindow;
  }
  const plannedToday = st.dayStamp[i] === st.day ? st.dayCount[i]! : 0;
  if (plannedToday + st.history.dayCount(i, st.day) >= st.ctx.maxPlaysPerDay) return Refusal.perDay;
  const gap = st.ctx.repeatGapMs;
  if (st.plannedNear(i, startMs, gap) || st.history.hasStartBetween(i, startMs - gap, startMs + gap)) {
    return Refusal.repeatGap;
  }
  return Refusal.ok;
}

/** Room under the max for a pin: only pins listed before it hold room against it. */
function roomForPin(cell: PeriodCell, pinOrder: number): number {
  let held = 0;
  for (const order of cell.heldBy) if (order < pinOrder) held++;
  return cell.track.max - cell.airedMax - cell.planned - held;
}

/** True when a jingle may open or close the window at that instant (rule 2, fit, rule 4, exclusions). */
export function jingleFits(st: ProgrammeState, jingle: ItemRecord, startMs: number, limitMs: number): boolean {
  const endMs = startMs + jingle.durationMs;
  if (endMs > limitMs || startMs < jingle.validFrom || endMs > jingle.validUntil) return false;
  // An operator may take the jingle off a day like any item.
  if (st.excludedToday?.has(jingle.index)) return false;
  for (const t of jingle.topics) {
    for (const track of st.tracksByTopic[t]!) if (track.today !== null && roomUnderMax(track.today) < 1) return false;
  }
  return true;
}

/**
 * Refusals of fill that cannot lift before the day ends: the item is parked for the day. (A max's
 * room only shrinks as the day goes on; the rare pin refused later may free some, which fill then
 * leaves unused: a missed chance, never a broken rule.)
 */
export function lastsForDay(code: Refusal): boolean {
  return (
    code === Refusal.perDay ||
    code === Refusal.topicMax ||
    code === Refusal.weekSpread ||
    code === Refusal.priorityShare ||
    code === Refusal.excluded ||
    code === Refusal.reservedForPin
  );
}

/** Refusals that cannot lift before the window ends, so a scan may pass the item for good. */
export function lastsForWindow(code: Refusal): boolean {
  return code !== Refusal.repeatGap && code !== Refusal.ceremonial && code !== Refusal.notYetValid;
}

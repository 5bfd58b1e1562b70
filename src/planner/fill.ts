/**
 * Filling one window instance of a programme, front to back with no holes:
 * opening jingle, then per priority rank (priority, normal) its pins, the topic targets
 * it can serve and rotation fill, then the closing jingle. Time left over stays silent.
 * Ceremonial content is the last resort (seed 000: "giảm tối đa"): it fills only what no other item
 * can at that moment.
 */
import type { WindowInstance } from './calendar.ts';
import type { ProgrammeState } from './state.ts';
import type { PendingPin } from './pins.ts';
import type { PeriodCell } from './counters.ts';
import { RANK_COUNT, RANK_PRIORITY, rotationList, topicBit } from './library.ts';
import { Refusal, jingleFits, lastsForDay, lastsForWindow, refusalOf } from './candidates.ts';
import type { RotationList } from './rotationList.ts';
import { releasePinRoom } from './pins.ts';
import { describeRefusal } from './reasons.ts';
import { serveTargets } from './serveTargets.ts';
import { keepOperatorOrder } from './operatorOrder.ts';
import { CauseTally } from './causes.ts';

const NO_DEMANDS: PeriodCell[] = [];

/** Called for a pin that cannot be placed. */
export type RejectPin = (pin: PendingPin, reason: string) => void;

/** A window instance being filled: what its ranks share, and where it was left (day.ts fills a day in two passes). */
export interface WindowFill {
  window: WindowInstance;
  /** The window's pins, by rank. */
  pending: PendingPin[];
  /** Room kept for the closing jingle (0 when it cannot go). */
  closingRoom: number;
  /** Its window number, cursor, content, targets and refusal tally when it was left for another window. */
  seq: number;
  cursor: number;
  content: number;
  demands: PeriodCell[];
  causes: CauseTally | null;
}

/**
 * Plans one window instance of the programme (pins of that window included). False when the
 * window is over, or fully aired, at planning time (nothing could be planned in it).
 */
export function fillWindow(st: ProgrammeState, window: WindowInstance, pins: PendingPin[], reject: RejectPin): boolean {
  const fill = openWindow(st, window, pins, reject);
  if (!fill) return false;
  for (let rank = 0; rank < RANK_COUNT; rank++) fillRank(st, fill, rank, reject);
  closeWindow(st, fill);
  return true;
}

/**
 * Begins a window instance: its opening jingle, the room its closing jingle needs. Null (its pins
 * rejected) when the window is over, or fully aired, at planning time.
 */
export function openWindow(st: ProgrammeState, window: WindowInstance, pins: PendingPin[], reject: RejectPin): WindowFill | null {
  const { ctx } = st;
  const start = Math.max(window.startMs, ctx.nowMs, st.history.freeFrom(window.startMs, window.endMs, ctx.gapMs));
  if (start >= window.endMs) {
    for (const p of pins) rejectPin(p, 'the window is already over, or fully aired, at planning time', reject);
    return null;
  }
  st.beginWindow(window, start);

  const { openingJingle: opening, closingJingle: closing } = ctx.library;
  // A window already under way was opened before: its jingle is not repeated mid-window. Nor is it
  // played after a relay that cut the window (`opens`), nor the closing one before it (`closes`).
  if (opening && window.opens && start === window.startMs && jingleFits(st, opening, st.cursor, window.endMs)) {
    st.place(opening, ctx.reasons.jingleOpen, true);
  }
  const closingRoom =
    closing && window.closes && closing.durationMs <= window.endMs - st.cursor && closing.validFrom <= window.endMs - closing.durationMs
      ? ctx.gapMs + closing.durationMs
      : 0;

  const pending = pins.length > 1 ? [...pins].sort((a, b) => a.item.rank - b.item.rank) : pins;
  return { window, pending, closingRoom, seq: 0, cursor: 0, content: 0, demands: NO_DEMANDS, causes: null };
}

/**
 * Fills the window with one rank's content: its pins, the topic targets it can serve, rotation
 * fill; priority items then in the operator's order (operatorOrder.ts).
 */
export function fillRank(st: ProgrammeState, fill: WindowFill, rank: number, reject: RejectPin): void {
  const { ctx } = st;
  const { window, pending } = fill;
  for (const p of pending) {
    if (p.item.rank !== rank) continue;
    releasePinRoom(p);
    const code = refusalOf(st, p.item.index, st.cursor, window.endMs, 'pin', -1, p.order);
    if (code === Refusal.ok) st.place(p.item, ctx.reasons.pin);
    else rejectPin(p, describeRefusal(code, p.item, st.cursor, ctx), reject);
  }
  const afterPins = st.slots.length;
  const limit = contentLimit(st, pending.length > 0 ? pending.filter((p) => p.item.rank > rank) : pending, fill.closingRoom);
  serveTargets(st, rank, limit);
  fillFromRotation(st, rank, limit);
  if (rank === RANK_PRIORITY && ctx.library.priorityOrdered) keepOperatorOrder(st, afterPins);
}

/** Ends the window: its closing jingle; an empty window's refusals gain those of the items parked today. */
export function closeWindow(st: ProgrammeState, fill: WindowFill): void {
  const closing = st.ctx.library.closingJingle;
  if (closing && fill.window.closes && jingleFits(st, closing, st.cursor, fill.window.endMs)) st.place(closing, st.ctx.reasons.jingleClose, true);
  // Items parked earlier today were not walked here, yet they too kept this window empty.
  if (st.windowContent === 0) st.windowCauses.addTally(st.parkedCauses);
}

/** Leaves the window for another, keeping where it stands (resumeFill comes back to it). */
export function suspendFill(st: ProgrammeState, fill: WindowFill): void {
  fill.seq = st.windowSeq;
  fill.cursor = st.cursor;
  fill.content = st.windowContent;
  fill.demands = st.demands.slice(0, st.demandCount);
  // Refusals are tallied only while the window is empty: a window with content needs none kept.
  if (st.windowContent === 0) (fill.causes ??= new CauseTally()).addTally(st.windowCauses);
}

/** Comes back to a window left by suspendFill. */
export function resumeFill(st: ProgrammeState, fill: WindowFill): void {
  st.resumeWindow(fill.window, fill.seq, fill.cursor, fill.content, fill.demands);
  st.windowCauses.clear();
  if (fill.causes) st.windowCauses.addTally(fill.causes);
}

function rejectPin(p: PendingPin, reason: string, reject: RejectPin): void {
  releasePinRoom(p);
  reject(p, reason);
}

/**
 * The latest end for content of the current rank: later-rank pins (each ending no later than its
 * item's validity) and the closing jingle must still fit after it, each after a gap.
 */
function contentLimit(st: ProgrammeState, laterPins: PendingPin[], closingRoom: number): number {
  const { gapMs } = st.ctx;
  const window = st.window;
  let tail = 0;
  let limit = Infinity;
  for (const p of laterPins) {
    // A pin that cannot fit even in an empty remainder will be rejected anyway: it holds nothing.
    if (p.item.durationMs > window.endMs - st.cursor) continue;
    tail += gapMs + p.item.durationMs;
    if (p.item.validUntil - tail >= st.cursor) limit = Math.min(limit, p.item.validUntil - tail);
  }
  return Math.min(limit, window.endMs - tail - closingRoom);
}

/**
 * Fills with items of `rank` in rotation order. Walks the list once per window; items refused for a
 * reason that may lift later in the window (repeat gap, validity start) are kept aside and retried
 * before walking further, so the rotation order is kept. Ceremonial items rotate in a list of their
 * own and are tried only when nothing else can be placed. While the window holds no content, every
 * refusal is tallied: an empty peak window is explained by them.
 */
function fillFromRotation(st: ProgrammeState, rank: number, limit: number): void {
  const { durations, validFroms, topicMasks, exactMasks } = st.ctx.library;
  const list = st.lists[rotationList(rank, false)]!;
  const ceremonial = st.lists[rotationList(rank, true)]!;
  const shortestMs = Math.min(list.shortestMs, ceremonial.shortestMs);
  let retry: number[] | null = null;
  // Ceremonial items refused for the rest of the window are marked with this walk's number.
  const walk = ++st.walkSeq;
  let node = list.first();
  let shortWalk = false;
  while (limit - st.cursor >= shortestMs) {
    const tally = st.windowContent === 0 ? st.windowCauses : null;
    let picked = -1;
    for (let k = 0; retry !== null && k < retry.length && picked < 0; k++) {
      const i = retry[k]!;
      if (i < 0) continue;
      const code = refusalOf(st, i, st.cursor, limit, 'fill');
      if (code === Refusal.ok) picked = i;
      if (code === Refusal.ok || lastsForWindow(code)) retry[k] = -1;
    }
    const room = limit - st.cursor;
    // Once the window holds content (no refusal is tallied any more) and only short items can fit,
    // step from short item to short item: the longer ones would only be passed by.
    if (!shortWalk && tally === null && room < list.shortLimitMs) {
      shortWalk = true;
      node = list.shortFrom(node);
    }
    while (picked < 0 && node >= 0) {
      const i = node;
      node = shortWalk ? list.afterShort(i) : list.after(i);
      // The window only shrinks: an item too long now is too long for the rest of it.
      if (durations[i]! > room) {
        tally?.addRefusal(Refusal.fit);
        continue;
      }
      // A topic whose max or day's share is used up bars all its items for the day: no need to ask.
      let code = (topicMasks[i]! & st.barredTopicMask) === 0 ? Refusal.ok : barredTopic(st, i, exactMasks);
      if (code === Refusal.ok) {
        code = refusalOf(st, i, st.cursor, limit, 'fill');
        if (code === Refusal.topicMax || code === Refusal.weekSpread) barTopic(st, st.blockingCell!.track.topic, code);
      }
      if (code === Refusal.ok) picked = i;
      else {
        tally?.addRefusal(code);
        // Planning runs forward day by day: an item expired now stays expired for this programme.
        if (code === Refusal.expired) list.remove(i);
        else if (lastsForDay(code)) park(st, list, i, code);
        // Not valid yet, and not before the window's content must end: no use retrying it here.
        else if (code === Refusal.notYetValid && validFroms[i]! + durations[i]! > limit) continue;
        else if (!lastsForWindow(code)) (retry ??= []).push(i);
      }
    }
    if (picked < 0 && ceremonial.first() >= 0) picked = pickCeremonial(st, ceremonial, walk, limit, tally);
    if (picked < 0) break;
    st.place(st.ctx.library.items[picked]!, st.ctx.reasons.fill);
  }
}

/**
 * The refusal of a topic of the item barred for the day, or OK. With exact topic masks a barred
 * bit is a barred topic: its code (topicMax or weekSpread) is not looked up, as both count as the
 * same cause of refusal and last for the day alike.
 */
function barredTopic(st: ProgrammeState, i: number, exactMasks: boolean): Refusal {
  if (exactMasks) return Refusal.topicMax;
  const { topicStart, topicList } = st.ctx.library;
  for (let k = topicStart[i]!; k < topicStart[i + 1]!; k++) {
    const t = topicList[k]!;
    if (st.topicBarredDay[t] === st.day) return st.topicBarredCode[t] as Refusal;
  }
  return Refusal.ok;
}

/** Bars a topic from fill for the rest of the day (its max, or its share of a week max, is used up). */
function barTopic(st: ProgrammeState, topic: number, code: Refusal): void {
  st.topicBarredDay[topic] = st.day;
  st.topicBarredCode[topic] = code;
  st.barredTopicMask |= topicBit(topic);
}

/**
 * Parks an item for the rest of the day. Its refusal is remembered: when a later window of the day
 * stays empty, the parked items still count toward its explanation.
 */
function park(st: ProgrammeState, list: RotationList, i: number, code: Refusal): void {
  list.park(i);
  st.parkedCauses.addRefusal(code);
}

/** The first ceremonial item, in rotation order, that may go at the cursor now, or −1. */
function pickCeremonial(st: ProgrammeState, list: RotationList, walk: number, limit: number, tally: ProgrammeState['windowCauses'] | null): number {
  if (!st.ledger.allowsByCount()) {
    tally?.addRefusal(Refusal.ceremonial);
    return -1;
  }
  const tried = st.walkStamp;
  for (let i = list.first(); i >= 0; i = list.after(i)) {
    if (tried[i] === walk) continue;
    const code = refusalOf(st, i, st.cursor, limit, 'fill');
    if (code === Refusal.ok) {
      tried[i] = walk;
      return i;
    }
    tally?.addRefusal(code);
    if (lastsForWindow(code)) tried[i] = walk;
  }
  return -1;
}

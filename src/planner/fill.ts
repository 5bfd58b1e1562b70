/**
 * Filling one window instance of a programme, front to back with no holes:
 * opening jingle, then per priority rank (emergency, priority, normal) its pins, the topic targets
 * it can serve and rotation fill, then the closing jingle. Time left over stays silent.
 */
import type { WindowInstance } from './calendar.ts';
import type { ItemRecord } from './library.ts';
import type { ProgrammeState } from './state.ts';
import type { PendingPin } from './pins.ts';
import type { PeriodCell } from './counters.ts';
import { RANK_COUNT } from './library.ts';
import { Refusal, jingleFits, lastsForWindow, refusalOf } from './candidates.ts';
import { FAIL_CEREMONIAL, FAIL_MAX, FAIL_REPEAT, FAIL_SPACE, FAIL_VALIDITY, noteBlocker, roomUnderMax } from './counters.ts';
import { releasePinRoom } from './pins.ts';
import { describeRefusal } from './reasons.ts';

/** Called for a pin that cannot be placed. */
export type RejectPin = (pin: PendingPin, reason: string) => void;

/** Plans one window instance of the programme (pins of that window included). */
export function fillWindow(st: ProgrammeState, window: WindowInstance, pins: PendingPin[], reject: RejectPin): void {
  const { ctx } = st;
  const start = Math.max(window.startMs, ctx.nowMs, st.history.freeFrom(window.startMs, window.endMs, ctx.gapMs));
  if (start >= window.endMs) {
    for (const p of pins) rejectPin(p, 'the window is already over, or fully aired, at planning time', reject);
    return;
  }
  st.beginWindow(window, start);

  const { openingJingle: opening, closingJingle: closing } = ctx.library;
  // A window already under way was opened before: its jingle is not repeated mid-window.
  if (opening && start === window.startMs && jingleFits(st, opening, st.cursor, window.endMs)) {
    st.place(opening, ctx.reasons.jingleOpen, true);
  }
  const closingRoom =
    closing && closing.durationMs <= window.endMs - st.cursor && closing.validFrom <= window.endMs - closing.durationMs
      ? ctx.gapMs + closing.durationMs
      : 0;

  const pending = pins.length > 1 ? [...pins].sort((a, b) => a.item.rank - b.item.rank) : pins;
  for (let rank = 0; rank < RANK_COUNT; rank++) {
    for (const p of pending) {
      if (p.item.rank !== rank) continue;
      releasePinRoom(p);
      const code = refusalOf(st, p.item, st.cursor, window.endMs, 'pin');
      if (code === Refusal.ok) st.place(p.item, ctx.reasons.pin);
      else rejectPin(p, describeRefusal(code, p.item, st.cursor, ctx), reject);
    }
    const limit = contentLimit(st, pending.length > 0 ? pending.filter((p) => p.item.rank > rank) : pending, closingRoom);
    serveTargets(st, rank, limit);
    fillFromRotation(st, rank, limit);
  }

  if (closing && jingleFits(st, closing, st.cursor, window.endMs)) st.place(closing, ctx.reasons.jingleClose, true);
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

function failureBit(code: Refusal): number {
  switch (code) {
    case Refusal.fit:
      return FAIL_SPACE;
    case Refusal.oncePerWindow:
    case Refusal.perDay:
    case Refusal.repeatGap:
    case Refusal.reservedForPin:
      return FAIL_REPEAT;
    case Refusal.topicMax:
    case Refusal.weekSpread:
      return FAIL_MAX;
    case Refusal.ceremonial:
      return FAIL_CEREMONIAL;
    case Refusal.notYetValid:
    case Refusal.expired:
      return FAIL_VALIDITY;
    default:
      return 0;
  }
}

/** Places items of `rank` for the topic targets the window counts for, best-ranked item first. */
function serveTargets(st: ProgrammeState, rank: number, limit: number): void {
  const { items } = st.ctx.library;
  const lists = st.topicLists;
  for (const cell of st.demands) {
    const { track } = cell;
    const topic = track.topic;
    if (lists.first(topic, rank) < 0) continue;
    while (cell.planned < cell.target) {
      // Cheap exits before a scan: no room under the target's own max, or no item short enough.
      if (roomUnderMax(cell) < 1) {
        noteBlocker(cell, cell);
        break;
      }
      if (st.cursor + lists.shortestMs(topic, rank) > limit) {
        cell.failures |= FAIL_SPACE;
        break;
      }
      let best: ItemRecord | null = null;
      let failures = 0;
      // The rule periods whose max refused an item in this scan, one entry per refusal.
      let blockers: PeriodCell[] | null = null;
      for (let m = lists.first(topic, rank); m >= 0 && !best; m = lists.after(m)) {
        const item = items[lists.item(m)]!;
        const code = refusalOf(st, item, st.cursor, limit, 'target', topic);
        if (code === Refusal.ok) best = item;
        else {
          failures |= failureBit(code);
          if (code === Refusal.topicMax || code === Refusal.weekSpread) (blockers ??= []).push(st.blockingCell!);
        }
      }
      if (!best) {
        cell.failures |= failures;
        if (blockers) for (const b of blockers) noteBlocker(cell, b);
        break;
      }
      st.place(best, st.ctx.reasons.topic(track.topicId));
    }
  }
}

/**
 * Fills with items of `rank` in rotation order. Walks the list once per window; items refused for a
 * reason that may lift later in the window (repeat gap, ceremonial share, validity start) are kept
 * aside and retried before walking further, so the rotation order is kept.
 */
function fillFromRotation(st: ProgrammeState, rank: number, limit: number): void {
  const { items } = st.ctx.library;
  const list = st.lists[rank]!;
  const retry: number[] = [];
  let node = list.first();
  while (limit - st.cursor >= list.shortestMs) {
    let picked = -1;
    const ceremonialPossible = st.ledger.allowsByCount();
    for (let k = 0; k < retry.length && picked < 0; k++) {
      const i = retry[k]!;
      if (i < 0) continue;
      const item = items[i]!;
      if (item.ceremonial && !ceremonialPossible) continue;
      const code = refusalOf(st, item, st.cursor, limit, 'fill');
      if (code === Refusal.ok) picked = i;
      if (code === Refusal.ok || lastsForWindow(code)) retry[k] = -1;
    }
    while (picked < 0 && node >= 0) {
      const i = node;
      node = list.after(i);
      const item = items[i]!;
      const code =
        item.ceremonial && !ceremonialPossible ? Refusal.ceremonial : refusalOf(st, item, st.cursor, limit, 'fill');
      if (code === Refusal.ok) picked = i;
      // Planning runs forward in time: an item expired now stays expired for this programme.
      else if (code === Refusal.expired) list.remove(i);
      else if (!lastsForWindow(code)) retry.push(i);
    }
    if (picked < 0) break;
    st.place(items[picked]!, st.ctx.reasons.fill);
  }
}

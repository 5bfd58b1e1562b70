/**
 * Planning one day of a programme: the order its windows are filled in.
 *
 * Normal content goes to the peak windows first (seed 000 §4: "ưu tiên khung giờ có nhiều người
 * nghe"), starting from a different one each day so that morning and evening take turns at being
 * served first; then the non-peak windows in time order, which take what is left.
 *
 * Priority items go first in the next peak window, then the next windows (decisions §4): on a day
 * when some priority item is valid, the day is filled in two passes. The first fills every window with its priority
 * content, the peak windows in time order and then the others; the second comes back to each window
 * in the order above for the rest of its content. Other days are one pass.
 */
import type { WindowInstance } from './calendar.ts';
import type { ProgrammeState } from './state.ts';
import type { PendingPin, ProgrammeOrders } from './pins.ts';
import type { WindowOutcome } from './emptyWindows.ts';
import type { RejectPin, WindowFill } from './fill.ts';
import type { Library } from './library.ts';
import { RANK_COUNT, RANK_PRIORITY } from './library.ts';
import { closeWindow, fillRank, fillWindow, openWindow, resumeFill, suspendFill } from './fill.ts';
import { releasePinRoom } from './pins.ts';

const NO_PINS: PendingPin[] = [];

/** Plans the day's windows; says how each usable one ended, in the order they were planned. */
export function planDay(st: ProgrammeState, day: number, orders: ProgrammeOrders | undefined, reject: RejectPin): WindowOutcome[] {
  const windows = st.calendar.on(day);
  const pinsOf =
    orders && st.programme.relays.length > 0
      ? pinsAroundRelays(st, day, windows, orders, reject)
      : (window: WindowInstance) => orders?.pins.get(`${day}|${window.def.startSec}`) ?? NO_PINS;
  const outcomes: WindowOutcome[] = [];
  const outcomeOf = (window: WindowInstance): WindowOutcome => ({ window, empty: st.windowContent === 0, cause: st.windowCauses.dominant() });

  if (!priorityValidDuring(st.ctx.library, windows)) {
    for (const window of peakFirst(windows, day)) {
      if (fillWindow(st, window, pinsOf(window), reject)) outcomes.push(outcomeOf(window));
    }
    return outcomes;
  }

  const open = new Map<WindowInstance, WindowFill>();
  for (const window of priorityFirst(windows)) {
    const fill = openWindow(st, window, pinsOf(window), reject);
    if (!fill) continue;
    fillRank(st, fill, RANK_PRIORITY, reject);
    suspendFill(st, fill);
    open.set(window, fill);
  }
  for (const window of peakFirst(windows, day)) {
    const fill = open.get(window);
    if (!fill) continue;
    resumeFill(st, fill);
    for (let rank = RANK_PRIORITY + 1; rank < RANK_COUNT; rank++) fillRank(st, fill, rank, reject);
    closeWindow(st, fill);
    outcomes.push(outcomeOf(window));
  }
  return outcomes;
}

/**
 * The order a day's windows are planned in for normal content: peak windows first, starting from
 * a different one each day; then the non-peak windows in time order.
 */
export function peakFirst(windows: WindowInstance[], day: number): WindowInstance[] {
  const peak = windows.filter((w) => w.peak);
  if (peak.length === 0) return windows;
  const shift = ((day % peak.length) + peak.length) % peak.length;
  const ordered = [...peak.slice(shift), ...peak.slice(0, shift)];
  for (const w of windows) if (!w.peak) ordered.push(w);
  return ordered;
}

/** True when some schedulable priority item is valid at some instant of the day's windows. */
function priorityValidDuring(library: Library, windows: WindowInstance[]): boolean {
  if (windows.length === 0) return false;
  // The windows of a day are sorted by start and never overlap: the last one ends last.
  const from = windows[0]!.startMs;
  const to = windows[windows.length - 1]!.endMs;
  for (const item of library.freshFirstByRank[RANK_PRIORITY]!) if (item.validFrom < to && item.validUntil > from) return true;
  return false;
}

/** The order for priority content: the peak windows in time order, then the others in time order. */
function priorityFirst(windows: WindowInstance[]): WindowInstance[] {
  return [...windows.filter((w) => w.peak), ...windows.filter((w) => !w.peak)];
}

/**
 * Pins on a day that relays cut windows of: a window's pins go to one of its parts, the first with
 * room for them all (else the longest), so no pin is planned twice; the pins of a window a relay
 * covers whole are rejected (there is no time of it left to air them in).
 */
function pinsAroundRelays(
  st: ProgrammeState,
  day: number,
  windows: WindowInstance[],
  orders: ProgrammeOrders,
  reject: RejectPin,
): (window: WindowInstance) => PendingPin[] {
  const chosen = new Map<number, WindowInstance>();
  const { gapMs, nowMs } = st.ctx;
  // The time a part still has: a part over at planning time has none (it is chosen only when all are).
  const room = (x: WindowInstance) => x.endMs - Math.max(x.startMs, nowMs);
  for (const w of windows) {
    const pins = orders.pins.get(`${day}|${w.def.startSec}`);
    if (!pins) continue;
    const needMs = pins.reduce((sum, p) => sum + p.item.durationMs + gapMs, 0);
    const best = chosen.get(w.def.startSec);
    if (!best || (room(best) < needMs && room(w) > room(best))) chosen.set(w.def.startSec, w);
  }
  for (const [key, pins] of orders.pins) {
    const [pinDay, startSec] = key.split('|').map(Number);
    if (pinDay !== day || chosen.has(startSec!)) continue;
    for (const p of pins) {
      releasePinRoom(p);
      reject(p, 'the window is taken by a relay that day');
    }
  }
  return (window) => (chosen.get(window.def.startSec) === window ? orders.pins.get(`${day}|${window.def.startSec}`)! : NO_PINS);
}

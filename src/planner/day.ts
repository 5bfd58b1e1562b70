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
  // (No closures made per day here: under tsx each one made also has its name defined at run time.)
  const relayPins = orders && st.programme.relays.length > 0 ? pinsAroundRelays(st, day, windows, orders, reject) : null;
  const outcomes: WindowOutcome[] = [];

  if (!priorityValidDuring(st.ctx.library, windows)) {
    for (const window of peakFirst(windows, day)) {
      if (fillWindow(st, window, pinsOf(day, window, orders, relayPins), reject)) outcomes.push(outcomeOf(st, window));
    }
    return outcomes;
  }

  const open = new Map<WindowInstance, WindowFill>();
  for (const window of priorityFirst(windows)) {
    const fill = openWindow(st, window, pinsOf(day, window, orders, relayPins), reject);
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
    outcomes.push(outcomeOf(st, window));
  }
  return outcomes;
}

/** The window's pins: those pinsAroundRelays gave it on a day relays cut, else the orders'. */
function pinsOf(day: number, window: WindowInstance, orders: ProgrammeOrders | undefined, relayPins: ((w: WindowInstance) => PendingPin[]) | null): PendingPin[] {
  if (relayPins) return relayPins(window);
  // Most programmes have no pins: no key text is made for them.
  return orders && orders.pins.size > 0 ? (orders.pins.get(`${day}|${window.def.startSec}`) ?? NO_PINS) : NO_PINS;
}

/** How the window just planned ended. */
function outcomeOf(st: ProgrammeState, window: WindowInstance): WindowOutcome {
  return { window, empty: st.windowContent === 0, cause: st.windowCauses.dominant() };
}

/**
 * The order a day's windows are planned in for normal content: peak windows first, starting from
 * a different one each day; then the non-peak windows in time order.
 */
export function peakFirst(windows: WindowInstance[], day: number): WindowInstance[] {
  let peaks = 0;
  for (const w of windows) if (w.peak) peaks++;
  if (peaks === 0) return windows;
  const shift = ((day % peaks) + peaks) % peaks;
  // One array per day (no filtered and sliced copies): the peak windows from the shift-th on,
  // those before it, then the non-peak ones.
  const ordered: WindowInstance[] = [];
  let p = 0;
  for (const w of windows) if (w.peak && p++ >= shift) ordered.push(w);
  p = 0;
  for (const w of windows) if (w.peak && p++ < shift) ordered.push(w);
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
  const ordered: WindowInstance[] = [];
  for (const w of windows) if (w.peak) ordered.push(w);
  for (const w of windows) if (!w.peak) ordered.push(w);
  return ordered;
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

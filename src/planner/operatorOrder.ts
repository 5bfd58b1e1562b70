/**
 * The operator's order of priority items within a window (issue 10, "Priority"). Which priority
 * items a window takes is the rotation's choice, fair across windows (decisions §4: several
 * priority items of one topic still rotate); the ones it took then air in the operator's order.
 */
import type { ProgrammeState } from './state.ts';

/**
 * Puts the slots placed in the current window from slot `from` on (a rank's content after its
 * pins: every slot of the run is the item it was placed as, one after the other with the gap
 * between) in the operator's order: items with an order first, by it; the others after them, as
 * they were placed. The run keeps its first start and its length, so nothing after it moves. When
 * the new order would start an item outside its validity or within the repeat gap of another play
 * of it, the run stays as placed: the operator's order never breaks a hard rule.
 */
export function keepOperatorOrder(st: ProgrammeState, from: number): void {
  const slots = st.slots;
  const count = slots.length - from;
  if (count < 2) return;
  const { priorityOrders, durations, validFroms, validUntils } = st.ctx.library;
  const placed = Array.from({ length: count }, (_, k) => from + k);
  const orderOf = (k: number) => priorityOrders[slots.items[k]!]!;
  // Array sort is stable: items without an order (and equal orders) keep their placed order.
  const order = [...placed].sort((a, b) => {
    const oa = orderOf(a);
    const ob = orderOf(b);
    return oa === ob ? 0 : oa < ob ? -1 : 1;
  });
  if (order.every((k, n) => k === placed[n])) return;

  const { gapMs, repeatGapMs } = st.ctx;
  const starts = new Float64Array(count);
  let cursor = slots.starts[from]!;
  for (let n = 0; n < count; n++) {
    const k = order[n]!;
    const i = slots.items[k]!;
    const startMs = cursor;
    cursor += durations[i]! + gapMs;
    if (startMs < validFroms[i]! || startMs + durations[i]! > validUntils[i]!) return;
    const ownMs = slots.starts[k]!;
    if (repeatGapMs > 0 && startMs !== ownMs) {
      if (st.plannedNear(i, startMs, repeatGapMs, ownMs)) return;
      if (st.history.hasStartBetween(i, startMs - repeatGapMs, startMs + repeatGapMs)) return;
    }
    starts[n] = startMs;
  }

  const items = order.map((k) => slots.items[k]!);
  const reasons = order.map((k) => slots.reasons[k]!);
  const oldStarts = order.map((k) => slots.starts[k]!);
  for (let n = 0; n < count; n++) {
    const k = from + n;
    slots.items[k] = items[n]!;
    slots.reasons[k] = reasons[n]!;
    slots.starts[k] = starts[n]!;
    st.movePlannedStart(items[n]!, oldStarts[n]!, starts[n]!);
  }
}

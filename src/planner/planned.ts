/**
 * The slots placed for one programme, in flat arrays: one instance serves programme after
 * programme. Once a programme is planned its slots go to the plan's SlotStore (slotStore.ts).
 */
import type { WindowInstance } from './calendar.ts';

/** Slots in the order they were placed; the slots of one window instance are placed together. */
export class PlannedSlots {
  length = 0;
  items = new Int32Array(1024);
  starts = new Float64Array(1024);
  /** Reason numbers (ReasonCatalogue). */
  reasons = new Int32Array(1024);
  readonly windows: WindowInstance[] = [];
  /** Where each window instance's run of slots begins: runStarts[0 .. runCount). */
  private readonly runStarts: number[] = [];
  private runCount = 0;
  private order = new Int32Array(1024);

  /** Empties the list for the next programme (its arrays keep their room: entries are overwritten). */
  clear(): void {
    this.length = 0;
    this.runCount = 0;
  }

  push(item: number, startMs: number, window: WindowInstance, reason: number): void {
    const k = this.length;
    if (k === this.items.length) this.grow();
    if (k === 0 || this.windows[k - 1] !== window) setAt(this.runStarts, this.runCount++, k);
    this.items[k] = item;
    this.starts[k] = startMs;
    this.reasons[k] = reason;
    setAt(this.windows, k, window);
    this.length = k + 1;
  }

  /**
   * Slot indexes by start, as a stable sort would order them (a day's windows are planned peak
   * first, not in time order). The runs of the window instances are each in time order: put the
   * runs in order of their first start, and check that this orders every slot strictly (it does
   * unless windows overlap); else sort the slots themselves.
   */
  timeOrder(): Int32Array {
    const n = this.length;
    if (this.order.length < n) this.order = new Int32Array(this.items.length);
    const { order, starts, runStarts } = this;
    const runs = this.runCount;
    // Insertion sort of the runs by first start: a day's few windows are nearly in order.
    const sorted = new Int32Array(runs);
    for (let run = 1; run < runs; run++) sorted[run] = run;
    for (let a = 1; a < runs; a++) {
      const run = sorted[a]!;
      let b = a - 1;
      while (b >= 0 && starts[runStarts[sorted[b]!]!]! > starts[runStarts[run]!]!) {
        sorted[b + 1] = sorted[b]!;
        b--;
      }
      sorted[b + 1] = run;
    }
    let r = 0;
    for (const run of sorted) {
      const end = run + 1 < runs ? runStarts[run + 1]! : n;
      for (let k = runStarts[run]!; k < end; k++) order[r++] = k;
    }
    for (let q = 1; q < n; q++) {
      if (!(starts[order[q]!]! > starts[order[q - 1]!]!)) return this.sortedByStart();
    }
    return order;
  }

  /** Every slot index sorted by start, placement order among equal starts. */
  private sortedByStart(): Int32Array {
    const { starts } = this;
    const sorted = Array.from({ length: this.length }, (_, k) => k).sort((a, b) => starts[a]! - starts[b]! || a - b);
    this.order.set(sorted);
    return this.order;
  }

  private grow(): void {
    const size = this.items.length * 2;
    this.items = grown(this.items, new Int32Array(size));
    this.starts = grown(this.starts, new Float64Array(size));
    this.reasons = grown(this.reasons, new Int32Array(size));
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Writes entry k of an array used as a buffer (k at most its length: it grows by one at a time). */
export function setAt<T>(array: T[], k: number, value: T): void {
  if (k < array.length) array[k] = value;
  else array.push(value);
}

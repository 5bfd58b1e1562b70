import type { Clock } from '../../src/clock.ts';

/**
 * A fake clock for a month of simulated time: timers in a binary heap (50 zone players re-arm a tick
 * every ~157 ms, so the shared test clock's scan of every timer per step would dominate the run).
 * `advanceTo` fires every timer due, in order, each at the instant it asked for; `jumpTo` steps the
 * clock as NTP or an operator would: timers due meanwhile fire once, late, at the new time.
 */
export interface FastClock extends Clock {
  advanceTo(ms: number): void;
  jumpTo(ms: number): void;
  /** Timers armed and not cancelled (what a leak of timers would show). */
  pending(): number;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  live: boolean;
}

export function fastClock(start: number): FastClock {
  let now = start;
  let seq = 0;
  let live = 0;
  const heap: Timer[] = [];
  const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

  function push(t: Timer): void {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  function pop(): Timer | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Fires timers due by `until`; each sees `at(timer)` when `stepped`, else the clock as it is. */
  function fire(until: number, stepped: boolean): void {
    for (;;) {
      const top = heap[0];
      if (!top || top.at > until) return;
      pop();
      if (!top.live) continue;
      top.live = false;
      live--;
      if (stepped) now = Math.max(now, top.at);
      top.fn();
    }
  }

  return {
    now: () => now,
    at(atMs, fn) {
      const t: Timer = { at: atMs, seq: ++seq, fn, live: true };
      live++;
      push(t);
      return () => {
        if (t.live) {
          t.live = false;
          live--;
        }
      };
    },
    advanceTo(ms) {
      fire(ms, true);
      now = Math.max(now, ms);
    },
    jumpTo(ms) {
      now = Math.max(now, ms);
      fire(now, false);
    },
    pending: () => live,
  };
}

import type { Clock } from '../../src/clock.ts';

/** A clock tests move by hand: `const c = fakeClock('2026-05-18T05:29:58+07:00'); c.advance(2000)`. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(iso: string | number): void;
}

export function fakeClock(start: string | number): FakeClock {
  let now = typeof start === 'number' ? start : Date.parse(start);
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void; seq: number }>();
  const fire = () => {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at || a[1].seq - b[1].seq)[0];
      if (!due) return;
      timers.delete(due[0]);
      due[1].fn();
    }
  };
  return {
    now: () => now,
    at(atMs, fn) {
      const id = ++seq;
      timers.set(id, { at: atMs, fn, seq: id });
      return () => void timers.delete(id);
    },
    advance(ms) {
      // Step through due timers in order so each sees the time it was scheduled for.
      const target = now + ms;
      for (;;) {
        const next = [...timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!next) break;
        now = Math.max(now, next.at);
        fire();
      }
      now = target;
      fire();
    },
    set(t) {
      now = typeof t === 'number' ? t : Date.parse(t);
      fire();
    },
  };
}

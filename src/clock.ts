/** The only way code reads wall time or waits for it: inject a Clock; tests use test/support/fakeClock.ts. */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  now(): number;
  /** Runs `fn` once the clock reaches `atMs` (immediately-ish if already past). Returns a cancel function. */
  at(atMs: number, fn: () => void): () => void;
}

/** Long waits are chunked because Node's timers overflow above 2^31 − 1 ms (~24.8 days). */
const MAX_TIMER_MS = 2_147_000_000;

export const systemClock: Clock = {
  now: () => Date.now(),
  at(atMs, fn) {
    let handle: NodeJS.Timeout;
    const arm = () => {
      const wait = atMs - Date.now();
      if (wait > MAX_TIMER_MS) handle = setTimeout(arm, MAX_TIMER_MS);
      else handle = setTimeout(fn, Math.max(0, wait));
    };
    arm();
    return () => clearTimeout(handle);
  },
};

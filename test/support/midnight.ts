/**
 * For end-to-end tests that must use the real clock (a spawned daemon, real audio) and build a
 * station window from it: a window is a time of day within one local date, so one that would run
 * past local midnight cannot be written. Waiting until the next `spanMs` fit in one day makes such a
 * test unable to break in the minutes before midnight, without changing what it checks.
 */
import { localDate } from '../../src/domain/time.ts';

export interface MidnightDeps {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves at once when `spanMs` from now is still the same local date in `tz`; otherwise waits
 * until the date has changed (at most `spanMs`). Returns how long it waited.
 */
export async function clearOfMidnight(tz: string, spanMs: number, deps: MidnightDeps = {}): Promise<number> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const start = now();
  const today = localDate(start, tz);
  if (localDate(start + spanMs, tz) === today) return 0;
  while (localDate(now(), tz) === today) await sleep(200);
  return now() - start;
}

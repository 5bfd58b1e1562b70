/**
 * Login backoff per (user, address), decisions §11: from the 5th failure, each further attempt
 * waits 30 s, then 1, 2, 4… minutes, at most 15. The count starts again after 15 quiet minutes (a
 * sliding 15-minute count would forget the first failures while the waits grow, and never reach the
 * cap). Keyed by the pair, so nobody can lock the admin out of the station PC by failing from
 * elsewhere. Memory only: a restart forgives.
 */
const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 4;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Bounds memory under a flood of invented names: the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface Failures {
  count: number;
  last: number;
}

export interface LoginLimiter {
  /** Milliseconds this pair must still wait before it may try again; 0 when it may try now. */
  waitMs(username: string, address: string, now: number): number;
  /** Records a wrong password (or unknown name) for the pair. */
  failed(username: string, address: string, now: number): void;
  /** A successful login clears the pair's failures. */
  succeeded(username: string, address: string): void;
}

export function createLoginLimiter(): LoginLimiter {
  const entries = new Map<string, Failures>();
  const keyOf = (username: string, address: string) => `${username.trim().toLowerCase()}\u0000${address}`;
  const live = (f: Failures | undefined, now: number) => (f && now - f.last < WINDOW_MS ? f : undefined);

  return {
    waitMs(username, address, now) {
      const f = live(entries.get(keyOf(username, address)), now);
      if (!f || f.count <= FREE_FAILURES) return 0;
      const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (f.count - FREE_FAILURES - 1));
      return Math.max(0, f.last + wait - now);
    },
    failed(username, address, now) {
      const key = keyOf(username, address);
      const f = { count: (live(entries.get(key), now)?.count ?? 0) + 1, last: now };
      entries.delete(key);
      entries.set(key, f);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    },
    succeeded(username, address) {
      entries.delete(keyOf(username, address));
    },
  };
}

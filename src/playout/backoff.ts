/** Reconnect timing shared by the outputs that retry on their own (icecast push, RTP's ffmpeg). */

/** Retry delays doubling from initialMs up to maxMs. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (0-based): doubling from initialMs, capped at maxMs, with
 * ±20 % jitter so outputs that lost the same head-end do not all knock again in the same instant.
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.min(backoff.maxMs, Math.round(base * (0.8 + 0.4 * random())));
}

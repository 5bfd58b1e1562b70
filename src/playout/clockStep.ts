import type { Logger } from 'pino';
import { realign, type Airing } from './airing.ts';
import type { StreamGrid } from './streamGrid.ts';

/** A tick this much before its time means the wall clock was set back (timers never fire early). */
const BACKWARD_JUMP_MS = 50;

/**
 * A wall-clock step (NTP, manual set) re-anchors the stream instead of bursting or stalling it. A
 * forward step past the end of the airing's audio ends it: returned, for the player to close as
 * interrupted. Backward, finished entries stay finished (the player's queue remembers them).
 */
export function absorbClockStep(grid: StreamGrid, airing: Airing | null, now: number, forwardMs: number, log: Logger): { airing: Airing; detail: string } | null {
  const late = grid.jump(now, forwardMs, BACKWARD_JUMP_MS);
  if (late === 0) return null;
  log.warn({ jumpMs: late }, late > 0 ? 'clock jumped forward' : 'clock jumped backward');
  grid.reset(now);
  return airing && !realign(airing, now, late) ? { airing, detail: `clock jumped forward ${Math.round(late)} ms` } : null;
}

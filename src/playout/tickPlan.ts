import { EARLY_TOLERANCE_MS } from './airing.ts';
import type { Airing } from './airing.ts';
import type { ProgrammeQueue } from './programme.ts';
import type { StreamGrid } from './streamGrid.ts';

/**
 * Frames per write in steady state (~209 ms): one socket write per listener per tick instead of one
 * per 313-byte frame is what keeps the HTTP mount's CPU per listener near icecast's (at 1,000
 * listeners on one zone, 6 frames cost 1.31× icecast2's CPU per listener on one machine, 8 frames
 * 0.96–1.00×: docs/streaming-performance.md). A frame may so go out up to TICK_FRAMES − 1 frames (~183 ms)
 * after it is due, except an entry's first frame: a tick is always planned for it, so a programme
 * starts on time.
 */
export const TICK_FRAMES = 8;

/**
 * A tick also takes the frames due within this much after it: timers fire up to ~1 ms early by
 * Date.now(), and without it half the batches left their last frame to the next tick, which cost a
 * write per listener more (docs/streaming-performance.md).
 */
export const TICK_SLACK_MS = 2;

/**
 * When a player's next tick runs: when TICK_FRAMES more frames are due, or sooner at the slot where
 * an entry starts or the airing one ends, so a programme's first frame (and idle() after its last)
 * goes out on time. The tick writes every frame due by then (less the send-ahead) as one batch; a time
 * already past runs it at once.
 */
export function nextTickAt(grid: StreamGrid, airing: Airing | null, queue: ProgrammeQueue, now: number, sendAheadMs: number): number {
  const regular = grid.dueAfter(TICK_FRAMES - 1);
  // An airing with no frame out yet (a preempting bulletin) starts at the very next slot.
  // A live source still growing has no known end: the regular ticks find it when it comes.
  const end = !airing ? Infinity : airing.written === 0 ? grid.due() : airing.frames.live && !airing.frames.live.ended() ? Infinity
    : grid.dueAfter(airing.frames.frameCount - airing.next);
  return Math.min(regular, end, nextStartDue(grid, airing, queue, now, regular)) - sendAheadMs;
}

/** When the first frame of the next entry starting after the frames written so far is due, if by `until`. */
function nextStartDue(grid: StreamGrid, airing: Airing | null, queue: ProgrammeQueue, now: number, until: number): number {
  const written = grid.dueAfter(-1);
  for (const e of queue.startingBefore(until + EARLY_TOLERANCE_MS, now)) {
    // Entries that should have started already (late audio, dead air) go out with the regular ticks.
    if (e.startMs - EARLY_TOLERANCE_MS > written && e.key !== airing?.entry.key) return grid.firstDueFrom(e.startMs - EARLY_TOLERANCE_MS);
  }
  return Infinity;
}

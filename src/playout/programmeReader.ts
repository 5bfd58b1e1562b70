import type { Logger } from 'pino';
import type { DeadAirWatch } from './deadAir.ts';
import type { EntryAudio } from './frameSource.ts';
import type { ProgrammeQueue, ProgrammeSource } from './programme.ts';

/** Never go back to the source sooner than this after it failed. */
const SOURCE_RETRY_MS = 30_000;

/** What a reader needs from its player. */
export interface ProgrammeReaderOptions {
  playerId: string;
  source: ProgrammeSource;
  queue: ProgrammeQueue;
  audio: EntryAudio;
  deadAir: DeadAirWatch;
  log: Logger;
  lookaheadMs: number;
  prefetchMs: number;
}

/**
 * Keeps a player's queue filled from its programme source (the look-ahead, re-read when half is used
 * or on reload) and the audio of what starts soon loaded, so an entry's first frame is never late.
 */
export class ProgrammeReader {
  private nextFetchAt = 0;

  constructor(private readonly o: ProgrammeReaderOptions) {}

  /** Replaces the queue with the source's entries from `from` on; a failing source keeps the current plan. */
  fetch(from: number): void {
    const { queue } = this.o;
    try {
      queue.replace(this.o.source.entriesBetween(this.o.playerId, from, from + this.o.lookaheadMs), from);
    } catch (err) {
      this.o.log.error({ err }, 'programme source failed; keeping the current plan');
      this.nextFetchAt = from + SOURCE_RETRY_MS;
      return;
    }
    this.nextFetchAt = from + this.o.lookaheadMs / 2;
    this.o.audio.keepOnly(queue.keys());
    this.o.deadAir.clear(queue.keys());
  }

  /** Re-reads the source when the look-ahead is half used, then loads the audio of entries starting soon. */
  keepUp(now: number, airingKey: string | undefined): void {
    if (now >= this.nextFetchAt) this.fetch(now);
    this.prefetch(now, airingKey);
  }

  /** Starts loading the audio of every unfinished entry starting within the prefetch time (a suspended one included). */
  prefetch(now: number, airingKey: string | undefined): void {
    for (const entry of this.o.queue.startingBefore(now + this.o.prefetchMs, now)) {
      if (entry.key !== airingKey) this.o.audio.request(entry.key, entry.audioPath);
    }
  }
}

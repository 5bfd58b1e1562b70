/**
 * A live broadcast waiting for the air in one zone player: unless it may take the air at once (an
 * emergency over a programme), it waits for the current item to end (decisions §4, never mid-item);
 * cut by a bulletin it waits for the bulletin, and then comes back at what is live by then, not where
 * it was cut (a live voice is not replayed).
 */
import type { FrameSource } from './frameSource.ts';
import type { ProgrammeEntry } from './programme.ts';

/** The broadcast to put on air, from its frame `first`. */
export interface LiveReturn {
  entry: ProgrammeEntry;
  frames: FrameSource;
  first: number;
}

export class LiveWait {
  private waiting: { entry: ProgrammeEntry; frames: FrameSource; fromEdge: boolean } | null = null;

  /** True while a broadcast waits. */
  get pending(): boolean {
    return this.waiting !== null;
  }

  /** Holds a broadcast not yet on air (it starts from its beginning). */
  beforeStart(entry: ProgrammeEntry, frames: FrameSource): void {
    this.waiting = { entry, frames, fromEdge: false };
  }

  /** Holds a broadcast that was cut (it comes back at what is live then). */
  afterCut(entry: ProgrammeEntry, frames: FrameSource): void {
    this.waiting = { entry, frames, fromEdge: true };
  }

  clear(): void {
    this.waiting = null;
  }

  /** Takes the waiting broadcast off the wait: where it goes on air from, or null when it ended meanwhile with nothing left to air. */
  take(): LiveReturn | null {
    const w = this.waiting;
    this.waiting = null;
    if (!w || (w.frames.live?.ended() && (w.fromEdge || w.frames.frameCount === 0))) return null;
    return { entry: w.entry, frames: w.frames, first: w.fromEdge ? w.frames.frameCount : 0 };
  }
}

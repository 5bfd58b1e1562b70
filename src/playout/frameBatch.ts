import type { Airing } from './airing.ts';
import type { OutputFanout } from './outputFanout.ts';

/**
 * The frames of one tick not yet handed to the outputs, written as one Buffer. A batch never holds
 * two airings (finishing one flushes first), so the outputs can say exactly who received each play.
 */
export class FrameBatch {
  private frames: Buffer[] = [];
  private airing: Airing | null = null;

  constructor(private readonly outputs: OutputFanout) {}

  /** Adds a frame; `airing` when it is one of that airing's (silence otherwise). */
  push(frame: Buffer, airing: Airing | null): void {
    this.frames.push(frame);
    if (airing) this.airing = airing;
  }

  /** Hands the frames to the outputs, noting who carried the airing among them. */
  flush(): void {
    const { frames, airing } = this;
    if (frames.length === 0) return;
    this.frames = [];
    this.airing = null;
    this.outputs.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames), airing?.reception);
  }

  /** Drops what is not written yet (a tick that failed). */
  clear(): void {
    this.frames = [];
    this.airing = null;
  }
}

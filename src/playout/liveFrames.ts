import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { FRAME_MS } from './airing.ts';
import type { FrameSource } from './frameSource.ts';
import { FrameSplitter } from './frameSplitter.ts';

/**
 * The frames of a live source (a live broadcast, later a relay) as they arrive: canonical MP3 frames
 * (ffmpeg transcodes the source into them) appended to a list that zone players read from like a file
 * that keeps growing. A player that catches up with it airs silence until more comes (an underrun),
 * and finishes the airing once the source has ended and it has aired every frame. Every frame is also
 * written to `recordTo`, so the broadcast is kept as an item afterwards.
 */
export class LiveFrames implements FrameSource {
  readonly path: string;
  private readonly frames: Buffer[] = [];
  private readonly splitter = new FrameSplitter();
  private done = false;
  private size = 0;
  private readonly recording: WriteStream | null;

  constructor(path: string, recordTo: string | null) {
    this.path = path;
    this.recording = recordTo ? createWriteStream(recordTo) : null;
  }

  /** The source's frames so far. */
  get frameCount(): number {
    return this.frames.length;
  }

  get durationMs(): number {
    return Math.round(this.frames.length * FRAME_MS);
  }

  get bytes(): number {
    return this.size;
  }

  /** Marks this source as live: players wait for more frames instead of ending the airing. */
  readonly live = { ended: (): boolean => this.done };

  frame(i: number): Buffer {
    const f = this.frames[i];
    if (!f) throw new RangeError(`${this.path}: no frame ${i} of ${this.frames.length} yet`);
    return f;
  }

  /** Appends the whole frames in `chunk` (MP3 bytes cut anywhere); a partial frame waits for the next chunk. */
  push(chunk: Buffer): void {
    for (const frame of this.splitter.push(chunk)) {
      this.frames.push(frame);
      this.size += frame.length;
      this.recording?.write(frame);
    }
  }

  /** Reads a stream of MP3 bytes to its end; the source has ended then (resolves when the recording is on disk). */
  async consume(stream: Readable): Promise<void> {
    try {
      for await (const chunk of stream) this.push(chunk as Buffer);
    } finally {
      this.done = true;
      await new Promise<void>((resolve) => (this.recording ? this.recording.end(resolve) : resolve()));
    }
  }
}

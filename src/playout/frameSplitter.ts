import { parseFrameHeader } from '../library/mp3Frames.ts';

/** Cuts a byte stream of MP3 into whole frames; a partial frame waits for the next chunk. */
export class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    let at = 0;
    for (;;) {
      const h = parseFrameHeader(this.pending, at);
      if (!h) {
        if (this.pending.length - at < 4) break;
        at++; // not a frame header: look for the next one
        continue;
      }
      if (at + h.frameBytes > this.pending.length) break;
      out.push(Buffer.from(this.pending.subarray(at, at + h.frameBytes)));
      at += h.frameBytes;
    }
    this.pending = this.pending.subarray(at);
    return out;
  }
}

import type { FrameSource } from '../playout/frameSource.ts';
import type { SourceStop } from './sourceStop.ts';

/** What went out in a slot of a relay: the source, the fallback item, or silence. */
export type AiredKind = 'source' | 'fallback' | 'silence';

/**
 * A stretch of a relay's slots [from, to) of one kind. A source stretch's `why` says why the source
 * stopped (null: it aired to the stretch's end because the relay ended there); a fallback or silence
 * stretch's `why` says why the source was not on air.
 */
export interface RelaySegment {
  kind: AiredKind;
  from: number;
  to: number;
  why: SourceStop | null;
}

/** Slot kinds as kept per slot (Uint8Array): 0 not decided yet. */
const SOURCE = 1;
const UNDERRUN = 2;
const FALLBACK = 3;
const SILENCE = 4;

/** What aired in a range of slots: counts per kind and the segments clipped to the range. */
export interface MixSummary {
  from: number;
  to: number;
  /** Slots of source audio (what was really relayed). */
  source: number;
  /** Slots of silence while the connected source lagged (counted in its segment, not as relayed). */
  underrun: number;
  fallback: number;
  silence: number;
  segments: RelaySegment[];
}

/** Options of a RelayMix; frame counts are in canonical frames (26.1 ms each). */
export interface MixOptions {
  totalFrames: number;
  silenceFrame: Buffer;
  /**
   * Source frames kept queued: the relay's latency behind the live edge. Whatever more is queued when
   * the source takes the air (a burst of buffered audio on connect) is dropped; later, a queue that
   * never fell below targetFrames + slackFrames over a window (a source running fast, a delay spike
   * gone) is brought back to it, while bursty delivery that is on time on average is left alone.
   */
  targetFrames: number;
  /** Frames queued before the source takes the air (again) from the fallback. */
  resumeFrames: number;
  /** Slots over which the queue's low-water mark is judged (default 383, ~10 s). */
  windowFrames?: number;
  /** Excess tolerated before trimming (default 8, ~200 ms). */
  slackFrames?: number;
  /** Decided frames remembered for players reading a little behind (default ~52 s). */
  keepFrames?: number;
}

/**
 * The frame-by-frame decisions of one relay airing, pure (no clock, no IO): slot i (0-based) gets the
 * next queued source frame while the source delivers; when it is down or silent, the fallback item
 * from its top (looped) or silence; when the connected source lags, silence (an underrun). Each slot is
 * decided once, in order, and remembered, so every player airing the relay gets the same frames.
 */
export class RelayMix {
  private queue: Buffer[] = [];
  private head = 0;
  private available = false;
  private stop: SourceStop = { reason: 'connecting', message: 'waiting for the source to answer' };
  private fallback: FrameSource | null = null;
  private fallbackAt = 0;
  private next = 0;
  private readonly memo: Buffer[] = [];
  private memoBase = 0;
  private readonly kinds: Uint8Array;
  private readonly segmentList: RelaySegment[] = [];
  private readonly keep: number;
  private lowWater = Infinity;
  private sinceCheck = 0;
  /** Source frames dropped to stay near the live edge. */
  dropped = 0;

  constructor(private readonly o: MixOptions) {
    this.kinds = new Uint8Array(o.totalFrames);
    this.keep = o.keepFrames ?? 2000;
  }

  /** The fallback item's frames, once loaded (until then the fallback is silence). */
  setFallback(frames: FrameSource | null): void {
    this.fallback = frames && frames.frameCount > 0 ? frames : null;
  }

  /** A frame of source audio arrived (a minute's worth more than the target is dropped: nobody airs it). */
  push(frame: Buffer): void {
    this.queue.push(frame);
    if (this.queued() > this.o.targetFrames + 2300) this.trim(this.o.targetFrames);
  }

  /** The source delivers audio: it takes the air once resumeFrames are queued. */
  sourceUp(): void {
    this.available = true;
  }

  /**
   * The source stopped delivering (or a retry failed). Frames already queued still air (the last
   * words of a source that ended) unless `discard` (a silent source's frames are silence).
   */
  sourceDown(stop: SourceStop, discard: boolean): void {
    // The cause is the first failure since the source last delivered: a retry refused while the
    // ended source's last frames still air does not rename why it went off the air.
    if (this.available || this.stop.reason === 'connecting') this.stop = stop;
    this.available = false;
    if (discard) this.trim(0);
  }

  /** Slots decided so far (the next slot to decide). */
  decided(): number {
    return this.next;
  }

  /** Decides every slot up to `slot` included (capped at the relay's last). */
  decideThrough(slot: number): void {
    const last = Math.min(slot, this.o.totalFrames - 1);
    while (this.next <= last) this.decideNext();
  }

  /** The frame of slot `i`, deciding it (and those before) if needed; silence for a slot long forgotten. */
  frame(i: number): Buffer {
    if (i < 0 || i >= this.o.totalFrames) throw new RangeError(`relay: no frame ${i} of ${this.o.totalFrames}`);
    this.decideThrough(i);
    return this.memo[i - this.memoBase] ?? this.o.silenceFrame;
  }

  /** The segments so far, in order (the last one still open while slots are decided). */
  segments(): RelaySegment[] {
    return this.segmentList.map((s) => ({ ...s }));
  }

  /** What aired in slots [from, to) (undecided slots count as nothing). */
  summarize(from: number, to: number): MixSummary {
    const lo = Math.max(0, from);
    const hi = Math.min(this.o.totalFrames, to);
    const sum: MixSummary = { from: lo, to: hi, source: 0, underrun: 0, fallback: 0, silence: 0, segments: [] };
    for (let i = lo; i < hi; i++) {
      const k = this.kinds[i];
      if (k === SOURCE) sum.source++;
      else if (k === UNDERRUN) sum.underrun++;
      else if (k === FALLBACK) sum.fallback++;
      else if (k === SILENCE) sum.silence++;
    }
    for (const s of this.segmentList) {
      if (s.to > lo && s.from < hi) sum.segments.push({ ...s, from: Math.max(s.from, lo), to: Math.min(s.to, hi) });
    }
    return sum;
  }

  private queued(): number {
    return this.queue.length - this.head;
  }

  private trim(keep: number): void {
    const drop = Math.max(0, this.queued() - keep);
    this.dropped += drop;
    this.queue = this.queue.slice(this.head + drop);
    this.head = 0;
  }

  /** Once a window: a queue that stayed above the target (plus slack) all along is brought back to it. */
  private keepNearEdge(): void {
    this.lowWater = Math.min(this.lowWater, this.queued());
    if (++this.sinceCheck < (this.o.windowFrames ?? 383)) return;
    if (this.lowWater > this.o.targetFrames + (this.o.slackFrames ?? 8)) this.trim(this.queued() - (this.lowWater - this.o.targetFrames));
    this.lowWater = Infinity;
    this.sinceCheck = 0;
  }

  private take(): Buffer {
    const f = this.queue[this.head++]!;
    if (this.head > 512) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return f;
  }

  private decideNext(): void {
    const slot = this.next++;
    const current = this.segmentList.at(-1);
    let frame: Buffer;
    let kind: number;
    if (current?.kind === 'source' && (this.queued() > 0 || this.available)) {
      this.keepNearEdge();
      kind = this.queued() > 0 ? SOURCE : UNDERRUN;
      frame = kind === SOURCE ? this.take() : this.o.silenceFrame;
    } else if (this.available && this.queued() >= this.o.resumeFrames) {
      this.open('source', slot, null);
      this.trim(this.o.targetFrames); // the live edge, not the burst of past audio a connection brings
      this.lowWater = Infinity;
      this.sinceCheck = 0;
      kind = SOURCE;
      frame = this.take();
    } else {
      // The initial wait for the source is silence; once it failed, the fallback stands in for it.
      const useFallback = this.stop.reason !== 'connecting' && this.fallback !== null;
      const wanted = useFallback ? 'fallback' : 'silence';
      // A stretch keeps the cause that took the source off the air (later retries failing do not split
      // it, nor restart the fallback); only the initial wait gives way to the reason it failed.
      if (current?.kind !== wanted || (current.why?.reason === 'connecting' && this.stop.reason !== 'connecting')) {
        if (current?.kind === 'source') current.why = this.stop;
        if (current?.kind !== 'fallback') this.fallbackAt = 0;
        this.open(wanted, slot, this.stop);
      }
      kind = useFallback ? FALLBACK : SILENCE;
      frame = useFallback ? this.fallback!.frame(this.fallbackAt++ % this.fallback!.frameCount) : this.o.silenceFrame;
    }
    this.kinds[slot] = kind;
    this.segmentList.at(-1)!.to = slot + 1;
    this.memo.push(frame);
    if (this.memo.length > this.keep + 256) {
      // Forgotten in chunks: a splice per slot would move the whole memo 38 times a second.
      const drop = this.memo.length - this.keep;
      this.memo.splice(0, drop);
      this.memoBase += drop;
    }
  }

  private open(kind: AiredKind, slot: number, why: SourceStop | null): void {
    this.segmentList.push({ kind, from: slot, to: slot, why });
  }
}

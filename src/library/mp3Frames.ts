/**
 * MPEG-1/2/2.5 Layer III frame headers, parsed in pure code: the library measures canonical files
 * with it and playout uses the index to seek and to join items frame by frame.
 */

/** One decoded 4-byte frame header. */
export interface Mp3FrameHeader {
  /** MPEG version: 1, 2 or 2.5. */
  version: 1 | 2 | 2.5;
  bitrateKbps: number;
  sampleRate: number;
  channels: 1 | 2;
  /** True when a 16-bit CRC follows the header. */
  crc: boolean;
  padding: boolean;
  /** Whole frame length in bytes, header included. */
  frameBytes: number;
  samplesPerFrame: 1152 | 576;
  /** Playing time of the frame in microseconds (not an integer: 1152 / 44100 s = 26122.45 µs). */
  durationUs: number;
}

/** Where every audio frame of a buffer starts, and how long the whole thing plays. */
export interface Mp3FrameIndex {
  /** Byte offset of each audio frame. */
  offsets: Uint32Array;
  /** Byte length of each audio frame. */
  sizes: Uint16Array;
  frameCount: number;
  /** Stream parameters, taken from the first frame; frames that disagree are treated as garbage. */
  version: 1 | 2 | 2.5 | null;
  sampleRate: number;
  channels: number;
  samplesPerFrame: number;
  /** Duration of one frame (every frame of the index has the same one). */
  frameDurationUs: number;
  durationMs: number;
  /** Bytes that belong to no frame: tags, garbage, a partial last frame. */
  skippedBytes: number;
  /** True when the first frame was a Xing/Info/VBRI header frame (silent metadata), left out of the index. */
  hadInfoFrame: boolean;
}

// Layer III bitrates in kbps by bitrate index; index 0 ("free format") and 15 are not supported.
const KBPS_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const KBPS_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<1 | 2 | 2.5, readonly number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/** Parses the Layer III frame header at `offset`; null when those 4 bytes are not a valid header. */
export function parseFrameHeader(buf: Uint8Array, offset: number): Mp3FrameHeader | null {
  if (offset < 0 || offset + 4 > buf.length) return null;
  const b0 = buf[offset] ?? 0;
  const b1 = buf[offset + 1] ?? 0;
  const b2 = buf[offset + 2] ?? 0;
  const b3 = buf[offset + 3] ?? 0;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;

  const versionBits = (b1 >> 3) & 3;
  if (versionBits === 1) return null; // reserved
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  if (((b1 >> 1) & 3) !== 1) return null; // not Layer III
  const crc = (b1 & 1) === 0;

  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  if ((b3 & 3) === 2) return null; // reserved emphasis: a common false sync

  const bitrateKbps = (version === 1 ? KBPS_V1 : KBPS_V2)[bitrateIndex] ?? 0;
  const sampleRate = RATES[version][rateIndex] ?? 0;
  const padding = ((b2 >> 1) & 1) === 1;
  const samplesPerFrame = version === 1 ? 1152 : 576;
  // Layer III: bytes = samples/8 × bitrate / rate (+1 padding byte).
  const frameBytes = Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + (padding ? 1 : 0);
  return {
    version,
    bitrateKbps,
    sampleRate,
    channels: b3 >> 6 === 3 ? 1 : 2,
    crc,
    padding,
    frameBytes,
    samplesPerFrame,
    durationUs: (samplesPerFrame * 1_000_000) / sampleRate,
  };
}

/** Size of an ID3v2 tag starting at `offset` (header, body and footer), or 0 when there is none. */
export function id3v2Size(buf: Uint8Array, offset: number): number {
  if (offset + 10 > buf.length) return 0;
  if (buf[offset] !== 0x49 || buf[offset + 1] !== 0x44 || buf[offset + 2] !== 0x33) return 0; // "ID3"
  const sizeBytes = [buf[offset + 6] ?? 0, buf[offset + 7] ?? 0, buf[offset + 8] ?? 0, buf[offset + 9] ?? 0];
  if (sizeBytes.some((b) => b & 0x80)) return 0; // a syncsafe integer never sets the top bit
  const body = sizeBytes.reduce((acc, b) => (acc << 7) | b, 0);
  const footer = ((buf[offset + 5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + body + footer;
}

/**
 * Indexes the Layer III frames of `buf`: skips ID3v2 tags at the start, and resynchronises over
 * garbage by requiring two consecutive consistent headers before trusting a sync word again.
 * A partial frame at the end is not counted.
 */
export function indexFrames(buf: Uint8Array): Mp3FrameIndex {
  const offsets = new GrowableArray(Uint32Array, Math.max(16, Math.ceil(buf.length / 300)));
  const sizes = new GrowableArray(Uint16Array, offsets.capacity);
  let pos = 0;
  let skipped = 0;
  for (let tag = id3v2Size(buf, pos); tag > 0; tag = id3v2Size(buf, pos)) {
    pos += tag;
    skipped += tag;
  }

  let ref: Mp3FrameHeader | null = null;
  let inChain = false; // the previous accepted frame ended exactly at `pos`
  let hadInfoFrame = false;
  while (pos + 4 <= buf.length) {
    const h = parseFrameHeader(buf, pos);
    const end = h ? pos + h.frameBytes : 0;
    if (!h || (ref && !sameStream(h, ref)) || end > buf.length || (!inChain && !confirmed(buf, h, end))) {
      inChain = false;
      pos += 1;
      skipped += 1;
      continue;
    }
    if (!ref) {
      ref = h;
      if (isInfoFrame(buf, pos, h)) {
        hadInfoFrame = true;
        skipped += h.frameBytes;
        pos = end;
        inChain = true;
        continue;
      }
    }
    offsets.push(pos);
    sizes.push(h.frameBytes);
    pos = end;
    inChain = true;
  }
  skipped += buf.length - pos;

  const frameCount = offsets.length;
  const frameDurationUs = ref ? ref.durationUs : 0;
  return {
    offsets: offsets.toArray(),
    sizes: sizes.toArray(),
    frameCount,
    version: ref?.version ?? null,
    sampleRate: ref?.sampleRate ?? 0,
    channels: ref?.channels ?? 0,
    samplesPerFrame: ref?.samplesPerFrame ?? 0,
    frameDurationUs,
    durationMs: ref ? Math.round((frameCount * ref.samplesPerFrame * 1000) / ref.sampleRate) : 0,
    skippedBytes: skipped,
    hadInfoFrame,
  };
}

/** Playing time of an MP3 buffer in milliseconds, counted from its frames. */
export function durationMsOfMp3(buf: Uint8Array): number {
  return indexFrames(buf).durationMs;
}

/** Index of the frame playing at `ms` from the start (clamped to the frame count), for seeking. */
export function frameAtMs(index: Mp3FrameIndex, ms: number): number {
  if (index.frameDurationUs <= 0 || ms <= 0) return 0;
  return Math.min(index.frameCount, Math.floor((ms * 1000) / index.frameDurationUs));
}

/** Frames of one stream share version and sample rate (bitrate and channel mode may vary). */
function sameStream(a: Mp3FrameHeader, b: Mp3FrameHeader): boolean {
  return a.version === b.version && a.sampleRate === b.sampleRate;
}

/** Outside a chain, a sync word counts only if a consistent header follows it, or the buffer ends there. */
function confirmed(buf: Uint8Array, h: Mp3FrameHeader, end: number): boolean {
  if (end === buf.length) return true;
  const next = parseFrameHeader(buf, end);
  return next !== null && sameStream(next, h);
}

/** Xing/Info (LAME) and VBRI headers sit in the first frame, which then carries no audio. */
function isInfoFrame(buf: Uint8Array, pos: number, h: Mp3FrameHeader): boolean {
  const sideInfo = h.version === 1 ? (h.channels === 1 ? 17 : 32) : h.channels === 1 ? 9 : 17;
  const xingAt = pos + 4 + (h.crc ? 2 : 0) + sideInfo;
  const tag = ascii(buf, xingAt, 4);
  return tag === 'Xing' || tag === 'Info' || ascii(buf, pos + 36, 4) === 'VBRI';
}

function ascii(buf: Uint8Array, at: number, len: number): string {
  if (at + len > buf.length) return '';
  return String.fromCharCode(...buf.subarray(at, at + len));
}

type TypedArrayCtor<T> = new (length: number) => T;

/** Append-only typed array that doubles its storage; avoids a JS number[] per frame for hour-long files. */
class GrowableArray<T extends Uint32Array | Uint16Array> {
  private data: T;
  length = 0;
  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initial: number,
  ) {
    this.data = new ctor(initial);
  }
  get capacity(): number {
    return this.data.length;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.ctor(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

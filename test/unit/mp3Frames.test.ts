// mp3Frames: header parsing on hand-built bytes, indexing with tags, garbage and partial frames,
// and agreement with ffprobe on files LAME really encoded.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationMsOfMp3, frameAtMs, id3v2Size, indexFrames, parseFrameHeader } from '../../src/library/mp3Frames.ts';
import * as mk from '../support/makeAudio.ts';

const execFileAsync = promisify(execFile);

// MPEG-1 Layer III, no CRC, 96 kbps, 44.1 kHz, mono: 313 bytes (314 with padding).
const V1_96K_MONO = [0xff, 0xfb, 0x70, 0xc4];
const V1_96K_MONO_PADDED = [0xff, 0xfb, 0x72, 0xc4];

/** A frame: the 4 header bytes, then filler up to the frame's length. */
function frame(header: number[], filler = 0x55): Buffer {
  const h = parseFrameHeader(Uint8Array.from(header), 0);
  if (!h) throw new Error('test bug: invalid header');
  const buf = Buffer.alloc(h.frameBytes, filler);
  Buffer.from(header).copy(buf);
  return buf;
}

/** An ID3v2.4 tag with `bodyBytes` of zero padding. */
function id3(bodyBytes: number): Buffer {
  const size = [21, 14, 7, 0].map((shift) => (bodyBytes >> shift) & 0x7f);
  return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, ...size]), Buffer.alloc(bodyBytes)]);
}

describe('parseFrameHeader', () => {
  it('reads MPEG-1 Layer III', () => {
    expect(parseFrameHeader(Uint8Array.from(V1_96K_MONO), 0)).toEqual({
      version: 1, bitrateKbps: 96, sampleRate: 44100, channels: 1, crc: false, padding: false,
      frameBytes: 313, samplesPerFrame: 1152, durationUs: (1152 * 1e6) / 44100,
    });
    expect(parseFrameHeader(Uint8Array.from(V1_96K_MONO_PADDED), 0)).toMatchObject({ padding: true, frameBytes: 314 });
    // 320 kbps, 48 kHz, joint stereo, with CRC: 144 × 320000 / 48000 = 960
    expect(parseFrameHeader(Uint8Array.from([0xff, 0xfa, 0xe4, 0x44]), 0)).toMatchObject({
      version: 1, bitrateKbps: 320, sampleRate: 48000, channels: 2, crc: true, frameBytes: 960,
    });
  });

  it('reads MPEG-2 and MPEG-2.5 Layer III', () => {
    // MPEG-2, 64 kbps, 22.05 kHz, stereo: 72 × 64000 / 22050 = 208
    expect(parseFrameHeader(Uint8Array.from([0xff, 0xf3, 0x80, 0x44]), 0)).toMatchObject({
      version: 2, bitrateKbps: 64, sampleRate: 22050, channels: 2, frameBytes: 208, samplesPerFrame: 576,
    });
    // MPEG-2.5, 8 kbps, 12 kHz, mono: 72 × 8000 / 12000 = 48
    expect(parseFrameHeader(Uint8Array.from([0xff, 0xe3, 0x14, 0xc0]), 0)).toMatchObject({
      version: 2.5, bitrateKbps: 8, sampleRate: 12000, channels: 1, frameBytes: 48, durationUs: 48_000,
    });
  });

  it('reads at an offset', () => {
    expect(parseFrameHeader(Uint8Array.from([0, 0, ...V1_96K_MONO]), 2)?.frameBytes).toBe(313);
  });

  it.each([
    ['no sync word', [0xfe, 0xfb, 0x70, 0xc4]],
    ['reserved version', [0xff, 0xeb, 0x70, 0xc4]],
    ['Layer I', [0xff, 0xff, 0x70, 0xc4]],
    ['Layer II', [0xff, 0xfd, 0x70, 0xc4]],
    ['free-format bitrate', [0xff, 0xfb, 0x00, 0xc4]],
    ['bitrate index 15', [0xff, 0xfb, 0xf0, 0xc4]],
    ['reserved sample rate', [0xff, 0xfb, 0x7c, 0xc4]],
    ['reserved emphasis', [0xff, 0xfb, 0x70, 0xc6]],
    ['too few bytes', [0xff, 0xfb, 0x70]],
  ])('rejects %s', (_label, bytes) => {
    expect(parseFrameHeader(Uint8Array.from(bytes), 0)).toBeNull();
  });

  it('rejects offsets outside the buffer', () => {
    expect(parseFrameHeader(Uint8Array.from(V1_96K_MONO), 1)).toBeNull();
    expect(parseFrameHeader(Uint8Array.from(V1_96K_MONO), -1)).toBeNull();
  });
});

describe('id3v2Size', () => {
  it('measures a tag with its syncsafe size, plus a footer when flagged', () => {
    expect(id3v2Size(id3(300), 0)).toBe(310);
    const withFooter = id3(20);
    withFooter[5] = 0x10;
    expect(id3v2Size(withFooter, 0)).toBe(40);
    expect(id3v2Size(Buffer.from(V1_96K_MONO), 0)).toBe(0);
  });
});

describe('indexFrames', () => {
  it('skips a leading ID3v2 tag and indexes every frame', () => {
    const frames = [frame(V1_96K_MONO), frame(V1_96K_MONO_PADDED), frame(V1_96K_MONO)];
    const buf = Buffer.concat([id3(100), ...frames]);
    const index = indexFrames(buf);
    expect(Array.from(index.offsets)).toEqual([110, 423, 737]);
    expect(Array.from(index.sizes)).toEqual([313, 314, 313]);
    expect(index).toMatchObject({ frameCount: 3, sampleRate: 44100, channels: 1, skippedBytes: 110, hadInfoFrame: false });
    expect(index.durationMs).toBe(Math.round((3 * 1152 * 1000) / 44100));
  });

  it('resyncs over garbage, ignoring a false sync word inside it, and drops a partial last frame', () => {
    const garbage = Buffer.from([1, 2, 3, 0xff, 0xfb, 0x70, 0xc4, 9, 9, 9, 0xff, 0x00, 7]);
    const f = frame(V1_96K_MONO);
    const buf = Buffer.concat([f, f, garbage, f, f, f, f.subarray(0, 100)]);
    const index = indexFrames(buf);
    expect(index.frameCount).toBe(5);
    expect(Array.from(index.offsets)).toEqual([0, 313, 626 + garbage.length, 939 + garbage.length, 1252 + garbage.length]);
    expect(index.skippedBytes).toBe(garbage.length + 100);
    expect(durationMsOfMp3(buf)).toBe(Math.round((5 * 1152 * 1000) / 44100));
  });

  it('treats frames of another sample rate as garbage', () => {
    const other = frame([0xff, 0xfb, 0x74, 0xc4]); // same bitrate at 48 kHz
    const f = frame(V1_96K_MONO);
    const index = indexFrames(Buffer.concat([f, f, other, other, f]));
    expect(index.frameCount).toBe(3);
    expect(index.skippedBytes).toBe(2 * other.length);
  });

  it('leaves a Xing/Info header frame out of the audio frames', () => {
    const info = frame(V1_96K_MONO, 0);
    info.write('Info', 4 + 17, 'latin1'); // after the 17 bytes of MPEG-1 mono side info
    const index = indexFrames(Buffer.concat([info, frame(V1_96K_MONO), frame(V1_96K_MONO)]));
    expect(index).toMatchObject({ frameCount: 2, hadInfoFrame: true, skippedBytes: 313 });
    expect(Array.from(index.offsets)).toEqual([313, 626]);
  });

  it('finds nothing in noise, a lone sync word or an empty buffer', () => {
    expect(indexFrames(mk.pseudoRandomBytes(50_000, 42)).frameCount).toBeLessThan(3);
    expect(indexFrames(Buffer.from([0xff, 0xfb, 0x70, 0xc4, 0, 0, 0])).frameCount).toBe(0);
    expect(indexFrames(new Uint8Array(0))).toMatchObject({ frameCount: 0, durationMs: 0, version: null });
  });

  it('accepts a single frame that fills the buffer exactly', () => {
    expect(indexFrames(frame(V1_96K_MONO)).frameCount).toBe(1);
  });
});

describe('frameAtMs', () => {
  it('maps a time to the frame playing then, clamped to the index', () => {
    const f = frame(V1_96K_MONO);
    const index = indexFrames(Buffer.concat(Array.from({ length: 100 }, () => f)));
    expect(frameAtMs(index, 0)).toBe(0);
    expect(frameAtMs(index, 1000)).toBe(38); // 1 s / 26.122 ms
    expect(frameAtMs(index, 60_000)).toBe(100);
    expect(frameAtMs(index, -5)).toBe(0);
  });
});

describe('real files encoded by LAME', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mk.makeTempDir('loa-mp3frames-');
  });
  afterAll(async () => {
    await mk.removeDir(dir);
  });

  async function packetCount(file: string): Promise<number> {
    const { stdout } = await execFileAsync(mk.ffprobeCli(), [
      '-v', 'error', '-count_packets', '-select_streams', 'a:0',
      '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file,
    ]);
    return Number(stdout.trim());
  }

  it('counts the frames ffprobe counts in a bare CBR file and matches its duration', async () => {
    const file = await mk.makeTone(dir, {
      seconds: 10, format: 'mp3', name: 'bare.mp3', mp3: { bitrateKbps: 96, xing: false, id3: false },
    });
    const index = indexFrames(await readFile(file));
    expect(index).toMatchObject({ skippedBytes: 0, hadInfoFrame: false, sampleRate: 44100, channels: 1, version: 1 });
    expect(index.frameCount).toBe(await packetCount(file));
    // 10 s plus LAME's encoder delay and final padding: at most two frames more.
    expect(index.durationMs).toBeGreaterThanOrEqual(10_000);
    expect(index.durationMs).toBeLessThanOrEqual(10_000 + 53);
  });

  it('skips the ID3v2 tag and Xing frame ffmpeg writes by default', async () => {
    const file = await mk.makeSpeechLike(dir, { seconds: 6, format: 'mp3', name: 'tagged.mp3', mp3: { bitrateKbps: 128 } });
    const buf = await readFile(file);
    const index = indexFrames(buf);
    expect(id3v2Size(buf, 0)).toBeGreaterThan(0);
    expect(index).toMatchObject({ hadInfoFrame: true, sampleRate: 48000, channels: 2 });
    expect(index.offsets[0]).toBeGreaterThan(id3v2Size(buf, 0));
    expect(index.frameCount).toBe(await packetCount(file));
  });

  it('reads MPEG-2 files (22.05 kHz)', async () => {
    const file = await mk.makeTone(dir, {
      seconds: 4, format: 'mp3', name: 'mpeg2.mp3', sampleRate: 22050, mp3: { bitrateKbps: 48, xing: false, id3: false },
    });
    const index = indexFrames(await readFile(file));
    expect(index).toMatchObject({ version: 2, sampleRate: 22050, samplesPerFrame: 576 });
    expect(index.frameCount).toBe(await packetCount(file));
  });
});

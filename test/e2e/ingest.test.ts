// End-to-end ingest with the real ffmpeg: good uploads become canonical MP3s at -16 LUFS, bad ones
// are refused with the right code, and nothing is left behind in the temp or audio directories.
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audioPath, listStoredHashes } from '../../src/library/audioStore.ts';
import { IngestError } from '../../src/library/errors.ts';
import type { IngestErrorCode } from '../../src/library/errors.ts';
import { resolveFfmpeg } from '../../src/library/ffmpegBinary.ts';
import type { FfmpegBinaries } from '../../src/library/ffmpegBinary.ts';
import { ingestFile } from '../../src/library/ingestFile.ts';
import type { IngestOptions } from '../../src/library/ingestFile.ts';
import { durationMsOfMp3, indexFrames, parseFrameHeader } from '../../src/library/mp3Frames.ts';
import { probeAudio } from '../../src/library/probe.ts';
import * as bad from '../support/badAudio.ts';
import * as mk from '../support/makeAudio.ts';

const execFileAsync = promisify(execFile);

let bins: FfmpegBinaries;
let root: string;
const fixtures = new Map<string, string>();
/** A fixture made in beforeAll; throws for a name that was not made (never an empty path that might be refused "correctly"). */
const fx = (name: string): string => {
  const file = fixtures.get(name);
  if (!file) throw new Error(`no fixture named ${name}`);
  return file;
};
let audioDir: string;
let tmpDir: string;
let testNo = 0;

beforeAll(async () => {
  bins = await resolveFfmpeg(process.env);
  root = await mk.makeTempDir('loa-ingest-e2e-');
  const src = path.join(root, 'fixtures');
  await mkdir(src);
  const made = await Promise.all([
    mk.makeTone(src, { seconds: 12 }),
    mk.makeSpeechLike(src, { seconds: 15 }),
    mk.makeSpeechLike(src, { seconds: 12, format: 'mp3', name: 'speech.mp3', seed: 3 }),
    mk.makeSpeechLike(src, { seconds: 12, format: 'ogg', name: 'speech.ogg', seed: 5 }),
    mk.makeTone(src, { seconds: 10, freq: 1000, format: 'flac', sampleRate: 22050 }),
    mk.makeSilence(src, { seconds: 60 }),
    mk.makePngNamedMp3(src),
    mk.makeEmptyFile(src),
    mk.makeTruncatedMp3(src, { seconds: 20, keepFraction: 0.5, xing: true }),
    mk.makeTruncatedMp3(src, { seconds: 20, keepFraction: 0.5, xing: false }),
    mk.makeMp3ThenGarbage(src, { keepBytes: 2000, garbageBytes: 300_000, name: 'header-then-random.mp3' }),
    mk.makeMp3ThenGarbage(src, { keepBytes: 150_000, garbageBytes: 100_000, name: 'garbage-tail.mp3' }),
    mk.makeTone(src, { seconds: 5, name: 'wave-named.mp3' }),
    bad.makeVideoOnly(src, 'matroska'),
    bad.makeVideoOnly(src, 'mp4'),
    bad.makeWavHugeDataChunk(src, { realSeconds: 0.05, name: 'huge-chunk-tiny.wav' }),
    bad.makeWavHugeDataChunk(src, { realSeconds: 2, name: 'huge-chunk-2s.wav' }),
    bad.makeId3HugeMp3(src),
    bad.makeDecompressionBomb(src, { seconds: 3 * 3600, declaresDuration: true }),
    bad.makeDecompressionBomb(src, { seconds: 3 * 3600, declaresDuration: false }),
  ]);
  const names = [
    'tone', 'speechWav', 'speechMp3', 'speechOgg', 'toneFlac', 'silence',
    'png', 'empty', 'truncXing', 'truncCbr', 'headerRandom', 'garbageTail',
    'wavNamedMp3', 'videoMkv', 'videoMp4', 'hugeChunkTiny', 'hugeChunk2s', 'id3Huge', 'bomb', 'bombNoDuration',
  ];
  expect(made).toHaveLength(names.length);
  names.forEach((n, i) => fixtures.set(n, made[i]!));
  fixtures.set('truncFlac', await bad.makeCutCopy(fx('toneFlac'), 0.5, 'truncated.flac'));
  fixtures.set('truncOgg', await bad.makeCutCopy(fx('speechOgg'), 0.5, 'truncated.ogg'));
});

afterAll(async () => {
  if (root) await mk.removeDir(root);
});

beforeEach(async () => {
  testNo += 1;
  audioDir = path.join(root, `audio-${testNo}`);
  tmpDir = path.join(root, `tmp-${testNo}`);
  await mkdir(tmpDir, { recursive: true });
});

function options(extra: Partial<IngestOptions> = {}): IngestOptions {
  return {
    bins, audioDir, tmpDir,
    targetLufs: -16, truePeakDb: -1.5, bitrateKbps: 96, sampleRate: 44100, maxDurationMs: 60 * 60_000,
    ...extra,
  };
}

/** A pino logger whose records land in an array, with a hook to react to each as it is written. */
function captureLog(onRecord?: (r: { msg: string }) => void): { log: pino.Logger; records: Array<{ msg: string }> } {
  const records: Array<{ msg: string }> = [];
  // pino writes synchronously to a plain { write } destination, so onRecord runs inside the log call.
  const destination = {
    write(line: string): void {
      const r = JSON.parse(line) as { msg: string };
      records.push(r);
      onRecord?.(r);
    },
  };
  return { log: pino({ level: 'debug' }, destination), records };
}

interface OutputInfo {
  codec: string;
  channels: number;
  sampleRate: number;
  bitRate: number;
  durationMs: number;
}

async function ffprobe(file: string): Promise<OutputInfo> {
  const { stdout } = await execFileAsync(mk.ffprobeCli(), [
    '-v', 'error', '-print_format', 'json',
    '-show_entries', 'stream=codec_name,channels,sample_rate,bit_rate:format=duration', file,
  ]);
  const j = JSON.parse(stdout) as { streams: Array<Record<string, string | number>>; format: { duration: string } };
  const s = j.streams[0] ?? {};
  return {
    codec: String(s.codec_name), channels: Number(s.channels), sampleRate: Number(s.sample_rate),
    bitRate: Number(s.bit_rate), durationMs: Number(j.format.duration) * 1000,
  };
}

/** Integrated loudness of `file` measured independently with the ebur128 filter. */
async function measureLufs(file: string): Promise<number> {
  const stderr = await mk.runFfmpegCli(['-nostats', '-i', file, '-af', 'ebur128', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const m = /I:\s+(-?\d+(?:\.\d+)?) LUFS/.exec(summary);
  if (!m?.[1]) throw new Error(`no ebur128 summary in:\n${stderr.slice(-500)}`);
  return Number(m[1]);
}

/** Nothing but stored audio in audioDir, nothing at all in tmpDir. */
async function expectNoLeftovers(): Promise<void> {
  expect(await readdir(tmpDir)).toEqual([]);
  const top = await readdir(audioDir).catch(() => [] as string[]);
  let files = 0;
  for (const shard of top) {
    expect(shard).toMatch(/^[0-9a-f]{2}$/);
    for (const name of await readdir(path.join(audioDir, shard))) {
      expect(name).toMatch(/^[0-9a-f]{64}\.mp3$/);
      files += 1;
    }
  }
  expect(listStoredHashes(audioDir)).toHaveLength(files);
}

async function expectRefused(file: string, code: IngestErrorCode, opts: IngestOptions = options()): Promise<IngestError> {
  const err: unknown = await ingestFile(file, opts).then(
    () => new Error(`${path.basename(file)} was accepted`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  const ie = err as IngestError;
  expect({ file: path.basename(file), code: ie.code }).toEqual({ file: path.basename(file), code });
  expect(ie.serverFault).toBe(code === 'ffmpeg-failed');
  await expectNoLeftovers();
  return ie;
}

describe('ingestFile: good uploads become canonical MP3s', () => {
  it.each([
    ['tone 440 Hz, mono 44.1 kHz WAV, 12 s', 'tone', 12_000],
    ['speech-like, stereo 48 kHz WAV, 15 s', 'speechWav', 15_000],
    ['speech-like, MP3 128k with ID3 and Xing, 12 s', 'speechMp3', 12_000],
    ['speech-like, Ogg, 12 s', 'speechOgg', 12_000],
    ['tone 1 kHz, FLAC 22.05 kHz, 10 s', 'toneFlac', 10_000],
  ])('%s', async (_label, key, sourceMs) => {
    const result = await ingestFile(fx(key), options());

    const file = audioPath(audioDir, result.sha256);
    expect(path.join(audioDir, result.relPath)).toBe(file);
    const out = await ffprobe(file);
    expect(out).toMatchObject({ codec: 'mp3', channels: 1, sampleRate: 44100 });
    expect(Math.abs(out.bitRate - 96_000)).toBeLessThanOrEqual(1000);

    // Bare CBR frames: no ID3, no Xing, every frame at 96 kbps.
    const bytes = await readFile(file);
    const index = indexFrames(bytes);
    expect(index).toMatchObject({ skippedBytes: 0, hadInfoFrame: false, sampleRate: 44100, channels: 1 });
    const rates = new Set(Array.from(index.offsets, (o) => parseFrameHeader(bytes, o)?.bitrateKbps));
    expect([...rates]).toEqual([96]);

    expect(Math.abs(result.durationMs - sourceMs)).toBeLessThanOrEqual(100);
    expect(Math.abs(result.durationMs - out.durationMs)).toBeLessThanOrEqual(30);
    expect(Math.abs(result.source.durationMs - sourceMs)).toBeLessThanOrEqual(100);

    expect(Math.abs((await measureLufs(file)) + 16)).toBeLessThanOrEqual(1);
    expect(Math.abs((result.loudnessAfter.integratedLufs ?? 0) + 16)).toBeLessThanOrEqual(1);
    expect(result.loudnessAfter.truePeakDb ?? 0).toBeLessThanOrEqual(-1.5 + 0.1);
    expect(result.loudnessBefore.integratedLufs).toBeLessThan(-19);
    await expectNoLeftovers();
  });

  it('reports the source as it arrived', async () => {
    const result = await ingestFile(fx('speechWav'), options());
    expect(result.source).toMatchObject({ formatName: 'wav', codec: 'pcm_s16le', sampleRate: 48000, channels: 2 });
  });

  it('stores identical audio once', async () => {
    const a = await ingestFile(fx('tone'), options());
    const b = await ingestFile(fx('tone'), options());
    expect(b.sha256).toBe(a.sha256);
    expect(listStoredHashes(audioDir)).toEqual([a.sha256]);
    await expectNoLeftovers();
  });

  it('ingests the whole frames of an MP3 cut mid-frame that declares no duration', async () => {
    const kept = durationMsOfMp3(await readFile(fx('truncCbr')));
    expect(kept).toBeGreaterThan(9_000);
    expect(kept).toBeLessThan(11_000);
    const result = await ingestFile(fx('truncCbr'), options());
    expect(Math.abs(result.durationMs - kept)).toBeLessThanOrEqual(100);
    await expectNoLeftovers();
  });

  it.each([
    ['a WAV named .mp3 (content is sniffed, not the name)', 'wavNamedMp3', 5_000],
    ['a WAV declaring a 4 GB data chunk: only the 2 s present', 'hugeChunk2s', 2_000],
    ['an Ogg cut in half: the whole pages before the cut (Ogg declares no total)', 'truncOgg', null],
  ] as const)('accepts %s', async (_label, key, sourceMs) => {
    const result = await ingestFile(fx(key), options({ maxDurationMs: 60 * 60_000 }));
    if (sourceMs === null) {
      expect(result.durationMs).toBeGreaterThan(3_000);
      expect(result.durationMs).toBeLessThan(9_000);
    } else {
      expect(Math.abs(result.durationMs - sourceMs)).toBeLessThanOrEqual(100);
    }
    await expectNoLeftovers();
  }, 30_000);

  it('probes without ffprobe by parsing `ffmpeg -i`', async () => {
    const noProbe = { ...bins, ffprobePath: null };
    expect(await probeAudio(noProbe, fx('speechWav'))).toMatchObject({
      formatName: 'wav', codec: 'pcm_s16le', sampleRate: 48000, channels: 2, durationMs: 15_000, durationIsEstimate: false,
    });
    await expect(probeAudio(noProbe, fx('png'))).rejects.toMatchObject({ code: 'not-audio' });
    const result = await ingestFile(fx('tone'), options({ bins: noProbe }));
    expect(Math.abs(result.durationMs - 12_000)).toBeLessThanOrEqual(100);
  });
});

describe('ingestFile: bad uploads are refused with the right code', () => {
  it.each([
    ['a zero-byte file', 'empty', 'empty', 'Tệp rỗng'],
    ['a PNG named .mp3', 'png', 'not-audio', 'Tệp không phải âm thanh'],
    ['60 s of digital silence', 'silence', 'silent', 'Âm thanh im lặng hoàn toàn'],
    ['an MP3 header followed by random bytes', 'headerRandom', 'corrupt', 'Tệp âm thanh bị hỏng hoặc bị cắt cụt'],
    ['an MP3 whose tail is garbage', 'garbageTail', 'corrupt', 'Tệp âm thanh bị hỏng hoặc bị cắt cụt'],
    ['an MP3 cut in half whose Xing header declares 20 s', 'truncXing', 'corrupt', 'Tệp âm thanh bị hỏng hoặc bị cắt cụt'],
    ['a FLAC cut in half (STREAMINFO declares 10 s)', 'truncFlac', 'corrupt', 'Tệp âm thanh bị hỏng hoặc bị cắt cụt'],
    ['a Matroska file with only a video stream', 'videoMkv', 'not-audio', 'Tệp không phải âm thanh'],
    ['an MP4 file with only a video stream', 'videoMp4', 'not-audio', 'Tệp không phải âm thanh'],
    ['a WAV declaring a 4 GB data chunk with 50 ms of it (under one 400 ms loudness block)', 'hugeChunkTiny', 'silent', 'Âm thanh im lặng hoàn toàn'],
    ['an ID3v2 tag declaring 200 MB before a 3 s MP3', 'id3Huge', 'corrupt', 'Tệp âm thanh bị hỏng hoặc bị cắt cụt'],
    ['a 1 MB FLAC that declares 3 hours', 'bomb', 'too-long', 'Âm thanh dài 180 phút, vượt giới hạn 60 phút'],
  ] as const)('%s', async (_label, key, code, messageVi) => {
    const err = await expectRefused(fx(key), code);
    expect(err.messageVi).toBe(messageVi);
  });

  it('refuses audio over the duration limit before decoding it', async () => {
    const { log, records } = captureLog();
    const err = await expectRefused(fx('tone'), 'too-long', options({ maxDurationMs: 5_000, log }));
    expect(err.messageVi).toBe('Âm thanh dài 12 giây, vượt giới hạn 5 giây');
    expect(err.message).toBe('The audio is 12 s long, over the 5 s limit');
    expect(records.some((r) => r.msg === 'ffmpeg started')).toBe(false);
  });

  it('stops decoding a bomb that declares no duration a second past the limit', async () => {
    const { log, records } = captureLog();
    const err = await expectRefused(fx('bombNoDuration'), 'too-long', options({ maxDurationMs: 60_000, log }));
    expect(err.messageVi).toBe('Âm thanh dài hơn giới hạn 1 phút');
    // Three hours decode in minutes; being cut at 61 s is what keeps this test within its timeout.
    expect(err.params).toEqual({ durationMs: 61_000, maxDurationMs: 60_000, durationIsLowerBound: true });
    expect(records.filter((r) => r.msg === 'ffmpeg started')).toHaveLength(1);
  }, 30_000);

  it('blames the server when ffmpeg cannot run', async () => {
    const broken = { ...bins, ffmpegPath: path.join(root, 'no-such-ffmpeg') };
    const err = await expectRefused(fx('tone'), 'ffmpeg-failed', options({ bins: broken }));
    expect(err.messageVi).toBe('Lỗi máy chủ khi xử lý âm thanh, vui lòng thử lại sau');
    expect(err.cause).toBeInstanceOf(Error);
  });
});

describe('ingestFile: abort', () => {
  it('kills ffmpeg during the transcode and leaves nothing behind', async () => {
    const controller = new AbortController();
    let starts = 0;
    const { log } = captureLog((r) => {
      if (r.msg === 'ffmpeg started' && ++starts === 2) controller.abort();
    });
    const err: unknown = await ingestFile(fx('speechWav'), options({ log, signal: controller.signal })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(starts).toBe(2);
    await expectNoLeftovers();
    expect(listStoredHashes(audioDir)).toEqual([]);
  });

  it('does not start when already aborted', async () => {
    const err: unknown = await ingestFile(fx('tone'), options({ signal: AbortSignal.abort() })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
  });
});

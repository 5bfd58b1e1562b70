/**
 * Real audio fixtures made with ffmpeg in a temporary directory: tones, speech-like noise, silence,
 * and the damaged or misnamed files that ingest must refuse.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Containers the helpers can write. */
export type FixtureFormat = 'wav' | 'mp3' | 'ogg' | 'flac';

/** Encoding knobs shared by the generators. */
export interface EncodeOptions {
  /** File name inside the directory; defaults to a descriptive one. */
  name?: string;
  format?: FixtureFormat;
  sampleRate?: number;
  channels?: number;
  /** MP3 only: bitrate, and whether to write the Xing/LAME frame and the ID3v2 tag (ffmpeg's defaults: yes). */
  mp3?: { bitrateKbps?: number; xing?: boolean; id3?: boolean };
}

/** The ffmpeg the tests use: FFMPEG_PATH, else the one on PATH. */
export function ffmpegCli(): string {
  return process.env.FFMPEG_PATH ?? 'ffmpeg';
}

/** The ffprobe the tests use: FFPROBE_PATH, else the one on PATH. */
export function ffprobeCli(): string {
  return process.env.FFPROBE_PATH ?? 'ffprobe';
}

/** Runs ffmpeg with `args` (quiet, non-interactive); resolves with its stderr. */
export async function runFfmpegCli(args: string[]): Promise<string> {
  const { stderr } = await execFileAsync(ffmpegCli(), ['-hide_banner', '-nostdin', '-y', ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stderr;
}

/** A fresh temporary directory. */
export function makeTempDir(prefix = 'loa-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a directory made by makeTempDir. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

let oggCodec: Promise<string> | null = null;

/** The best codec this ffmpeg can put in an Ogg file: libvorbis, else libopus, else flac. */
export function oggAudioCodec(): Promise<string> {
  oggCodec ??= execFileAsync(ffmpegCli(), ['-hide_banner', '-encoders']).then(({ stdout }) => {
    const has = (name: string): boolean => new RegExp(`^\\s*A\\S*\\s+${name}\\s`, 'm').test(stdout);
    return ['libvorbis', 'libopus', 'flac'].find(has) ?? 'flac';
  });
  return oggCodec;
}

/** A sine tone (amplitude 1/8, about -21 LUFS at 440 Hz). */
export function makeTone(dir: string, opts: EncodeOptions & { freq?: number; seconds: number }): Promise<string> {
  const freq = opts.freq ?? 440;
  const format = opts.format ?? 'wav';
  const name = opts.name ?? `tone-${freq}hz-${opts.seconds}s.${format}`;
  return encode(dir, name, `sine=frequency=${freq}:sample_rate=${opts.sampleRate ?? 44100}:duration=${opts.seconds}`, opts);
}

/**
 * Speech-like noise: pink noise band-limited to the telephone band (300–3400 Hz), modulated at a
 * 4 Hz syllable rate and cut into 2.8 s phrases with 0.7 s pauses, at about -28 LUFS.
 * Defaults to a stereo 48 kHz WAV, the typical export of a recorder or editor.
 */
export function makeSpeechLike(dir: string, opts: EncodeOptions & { seconds: number; seed?: number }): Promise<string> {
  const format = opts.format ?? 'wav';
  const sampleRate = opts.sampleRate ?? 48000;
  const name = opts.name ?? `speech-${opts.seconds}s.${format}`;
  const source =
    `anoisesrc=color=pink:sample_rate=${sampleRate}:amplitude=0.5:seed=${opts.seed ?? 7}:duration=${opts.seconds},` +
    `highpass=f=300,lowpass=f=3400,tremolo=f=4:d=0.8,` +
    `volume='if(lt(mod(t,3.5),2.8),1,0.05)':eval=frame`;
  return encode(dir, name, source, { channels: 2, sampleRate, ...opts, format });
}

/** Digital silence (anullsrc), 60 s unless told otherwise. */
export function makeSilence(dir: string, opts: EncodeOptions & { seconds?: number } = {}): Promise<string> {
  const seconds = opts.seconds ?? 60;
  const format = opts.format ?? 'wav';
  const sampleRate = opts.sampleRate ?? 44100;
  return encode(dir, opts.name ?? `silence-${seconds}s.${format}`, `anullsrc=r=${sampleRate}:cl=mono:d=${seconds}`, opts);
}

/** A real PNG picture saved under an audio name. */
export async function makePngNamedMp3(dir: string, name = 'picture.mp3'): Promise<string> {
  const file = path.join(dir, name);
  await runFfmpegCli(['-f', 'lavfi', '-i', 'color=c=red:s=64x64', '-frames:v', '1', '-c:v', 'png', '-f', 'image2', file]);
  return file;
}

/** A zero-byte file. */
export async function makeEmptyFile(dir: string, name = 'empty.mp3'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, new Uint8Array(0));
  return file;
}

/**
 * The first `keepFraction` of an MP3 of speech-like noise, cut mid-frame (as an interrupted copy
 * leaves it). With `xing` the file still declares the full duration in its Xing/LAME frame.
 */
export async function makeTruncatedMp3(
  dir: string,
  opts: { seconds: number; keepFraction: number; xing: boolean; name?: string },
): Promise<string> {
  const whole = await makeSpeechLike(dir, {
    seconds: opts.seconds,
    format: 'mp3',
    name: `whole-${opts.xing ? 'xing' : 'cbr'}-${opts.seconds}s.mp3`,
    mp3: { bitrateKbps: 128, xing: opts.xing },
  });
  const bytes = await readFile(whole);
  // +137 puts the cut inside a frame rather than on a boundary.
  const cut = Math.floor(bytes.length * opts.keepFraction) + 137;
  const file = path.join(dir, opts.name ?? `truncated-${opts.xing ? 'xing' : 'cbr'}.mp3`);
  await writeFile(file, bytes.subarray(0, cut));
  return file;
}

/** A valid MP3 start (its first `keepBytes`), followed by `garbageBytes` of deterministic noise. */
export async function makeMp3ThenGarbage(
  dir: string,
  opts: { keepBytes: number; garbageBytes: number; name: string; seed?: number },
): Promise<string> {
  const whole = await makeSpeechLike(dir, { seconds: 20, format: 'mp3', name: `whole-for-${opts.name}`, mp3: { xing: false } });
  const bytes = await readFile(whole);
  const file = path.join(dir, opts.name);
  await writeFile(file, Buffer.concat([bytes.subarray(0, opts.keepBytes), pseudoRandomBytes(opts.garbageBytes, opts.seed ?? 1)]));
  return file;
}

/** Reproducible "random" bytes (xorshift32), so a garbage fixture is the same on every run. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

async function encode(dir: string, name: string, lavfiSource: string, opts: EncodeOptions): Promise<string> {
  const file = path.join(dir, name);
  const format = opts.format ?? 'wav';
  const args = ['-f', 'lavfi', '-i', lavfiSource, '-ac', String(opts.channels ?? 1)];
  if (opts.sampleRate) args.push('-ar', String(opts.sampleRate));
  switch (format) {
    case 'wav':
      args.push('-c:a', 'pcm_s16le', '-f', 'wav');
      break;
    case 'flac':
      args.push('-c:a', 'flac', '-f', 'flac');
      break;
    case 'ogg': {
      const codec = await oggAudioCodec();
      // libopus only takes 48 kHz (and a few lower rates); the later -ar wins over any earlier one.
      args.push('-c:a', codec, ...(codec === 'libopus' ? ['-ar', '48000'] : []), '-f', 'ogg');
      break;
    }
    case 'mp3': {
      const mp3 = opts.mp3 ?? {};
      args.push('-c:a', 'libmp3lame', '-b:a', `${mp3.bitrateKbps ?? 128}k`);
      if (mp3.xing === false) args.push('-write_xing', '0');
      if (mp3.id3 === false) args.push('-id3v2_version', '0');
      args.push('-f', 'mp3');
      break;
    }
  }
  await runFfmpegCli([...args, file]);
  return file;
}

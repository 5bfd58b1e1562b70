import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { indexFrames } from '../../src/library/mp3Frames.ts';

/** ffmpeg for tests: FFMPEG_PATH when set, else the one on PATH (Debian's /usr/bin/ffmpeg on CI). */
export const TEST_FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';

/** A canonical MP3 item holding one sine tone. */
export interface ToneItem {
  freq: number;
  path: string;
  frameCount: number;
  durationMs: number;
}

/**
 * Encodes each tone as canonical audio (MP3 CBR mono 44.1 kHz 96 kbps, no Xing frame, no ID3),
 * as ingest would, into `dir`; durations come from the frame index like the library's.
 */
export async function buildToneItems(dir: string, tones: { freq: number; seconds: number }[]): Promise<ToneItem[]> {
  return Promise.all(
    tones.map(async ({ freq, seconds }) => {
      const path = join(dir, `tone-${freq}.mp3`);
      await run(TEST_FFMPEG, [
        '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
        '-f', 'lavfi', '-i', `sine=frequency=${freq}:sample_rate=44100:duration=${seconds}`,
        '-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '96k',
        '-write_xing', '0', '-id3v2_version', '0', path,
      ]);
      const index = indexFrames(await readFile(path));
      return { freq, path, frameCount: index.frameCount, durationMs: index.durationMs };
    }),
  );
}

/** Decodes an MP3 file to mono 16-bit PCM at `rate` Hz with the same ffmpeg settings the stream client uses. */
export async function decodePcm(path: string, rate: number): Promise<Int16Array> {
  const out = await run(TEST_FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', path, '-f', 's16le', '-ac', '1', '-ar', String(rate), '-']);
  return pcmOf(out);
}

/** Little-endian s16 bytes as samples (copies, so any byte offset works). */
export function pcmOf(bytes: Buffer): Int16Array {
  const n = Math.floor(bytes.length / 2);
  const pcm = new Int16Array(n);
  for (let i = 0; i < n; i++) pcm[i] = bytes.readInt16LE(i * 2);
  return pcm;
}

/** Index of the first sample whose magnitude reaches `threshold`, from `from` on; -1 when none. */
export function onsetIndex(pcm: Int16Array, threshold: number, from = 0): number {
  for (let i = from; i < pcm.length; i++) if (Math.abs(pcm[i] ?? 0) >= threshold) return i;
  return -1;
}

/** Index of the last sample at or above `threshold` before `before`; -1 when none. */
export function lastLoudIndex(pcm: Int16Array, threshold: number, before = pcm.length): number {
  for (let i = before - 1; i >= 0; i--) if (Math.abs(pcm[i] ?? 0) >= threshold) return i;
  return -1;
}

/**
 * Labels each block of `blockSize` samples with the candidate frequency that holds most of its energy
 * (Goertzel power against the block's total), 'silence' below `minRms`, or 'mixed' when none dominates.
 */
export function dominantTones(pcm: Int16Array, rate: number, blockSize: number, freqs: number[], minRms = 300): (number | 'silence' | 'mixed')[] {
  const labels: (number | 'silence' | 'mixed')[] = [];
  for (let start = 0; start + blockSize <= pcm.length; start += blockSize) {
    const block = pcm.subarray(start, start + blockSize);
    let energy = 0;
    for (const s of block) energy += s * s;
    if (Math.sqrt(energy / blockSize) < minRms) {
      labels.push('silence');
      continue;
    }
    // Goertzel power |X(f)|² relates to time-domain energy by Parseval: a pure tone gives ≈ N/2 × energy.
    const shares = freqs.map((f) => (2 * goertzelPower(block, rate, f)) / (blockSize * energy));
    const best = shares.reduce((bi, s, i) => (s > (shares[bi] ?? 0) ? i : bi), 0);
    labels.push((shares[best] ?? 0) > 0.6 ? (freqs[best] as number) : 'mixed');
  }
  return labels;
}

function goertzelPower(block: Int16Array, rate: number, freq: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / rate);
  let s1 = 0;
  let s2 = 0;
  for (const x of block) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

function run(file: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr.toString('utf8').trim()}`, { cause: err }));
      else resolve(stdout);
    });
  });
}

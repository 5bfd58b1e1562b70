import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { ffmpegCli } from './makeAudio.ts';

/**
 * Finding test tones in received audio: decode a stream or file to 16-bit mono PCM with ffmpeg, then
 * say per block which of the known frequencies dominates (Goertzel), and collapse that into runs;
 * or find where the sound starts and stops.
 */

/** One stretch of consecutive blocks dominated by the same tone. */
export interface ToneRun {
  freq: number;
  blocks: number;
}

/** What a block holds: one of the candidate frequencies, silence, or a mixture where none dominates. */
export type BlockLabel = number | 'silence' | 'mixed';

/** Fraction (0–1) of the block's energy that sits at `freq`: ~1 for a pure tone, ~0 when absent. */
export function toneShare(samples: Int16Array, sampleRate: number, freq: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  // Goertzel power |X(f)|² relates to time-domain energy by Parseval: a pure tone gives ≈ N/2 × energy.
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return energy === 0 ? 0 : power / ((energy * n) / 2);
}

/**
 * Labels each block of `blockSize` samples: 'silence' below `minRms` (~-40 dBFS by default: silence or
 * the encoder's noise floor, whatever its spectrum), else the first of `freqs` holding more than
 * `minShare` of the block's energy, else 'mixed'. Tones spaced by multiples of sampleRate/blockSize
 * are orthogonal over a block, so no two of them can both hold over half of it.
 */
export function blockLabels(
  samples: Int16Array,
  sampleRate: number,
  blockSize: number,
  freqs: number[],
  { minRms = 300, minShare = 0.5 }: { minRms?: number; minShare?: number } = {},
): BlockLabel[] {
  const labels: BlockLabel[] = [];
  for (let at = 0; at + blockSize <= samples.length; at += blockSize) {
    const block = samples.subarray(at, at + blockSize);
    let sum = 0;
    for (const x of block) sum += x * x;
    if (Math.sqrt(sum / blockSize) < minRms) {
      labels.push('silence');
      continue;
    }
    labels.push(freqs.find((f) => toneShare(block, sampleRate, f) > minShare) ?? 'mixed');
  }
  return labels;
}

/** Per block of `blockMs` of s16le PCM, the frequency of `freqs` holding over half the energy, or null (silence, mixture). */
export function dominantTones(pcm: Buffer, sampleRate: number, freqs: number[], blockMs = 100): (number | null)[] {
  const size = Math.round((sampleRate * blockMs) / 1000);
  return blockLabels(pcmOf(pcm), sampleRate, size, freqs).map((l) => (typeof l === 'number' ? l : null));
}

/** Runs of the same tone at least `minBlocks` long, in order (silence and short blips dropped). */
export function toneRuns(labels: (number | null)[], minBlocks: number): ToneRun[] {
  const runs: ToneRun[] = [];
  let current: ToneRun | null = null;
  for (const label of labels) {
    if (current !== null && label === current.freq) {
      current.blocks++;
      continue;
    }
    if (current !== null && current.blocks >= minBlocks) runs.push(current);
    current = label === null ? null : { freq: label, blocks: 1 };
  }
  if (current !== null && current.blocks >= minBlocks) runs.push(current);
  return runs;
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

/** ffmpeg arguments decoding `inputArgs` to s16le mono PCM at `sampleRate` on stdout. */
function pcmArgs(inputArgs: string[], sampleRate: number): string[] {
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', ...inputArgs, '-vn', '-f', 's16le', '-ac', '1', '-ar', String(sampleRate), '-'];
}

/** Decodes an audio file to mono 16-bit PCM at `sampleRate` Hz, as the capturing clients do. */
export function decodePcm(path: string, sampleRate: number): Promise<Int16Array> {
  const args = pcmArgs(['-i', path], sampleRate);
  return new Promise((resolve, reject) => {
    execFile(ffmpegCli(), args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`ffmpeg ${args.join(' ')} failed: ${stderr.toString('utf8').trim()}`, { cause: err }));
      else resolve(pcmOf(stdout));
    });
  });
}

/** A running ffmpeg decoding some input to s16le mono PCM on its stdout. */
export interface PcmCapture {
  /** PCM bytes received so far. */
  bytes(): number;
  /** Everything decoded so far, while ffmpeg keeps running. */
  snapshot(): Buffer;
  /** Stops ffmpeg and returns everything it decoded. */
  stop(): Promise<Buffer>;
}

/** Starts `ffmpeg <inputArgs> -f s16le -ac 1 -ar <rate> -` and collects its output. */
export function capturePcm(ffmpegPath: string, inputArgs: string[], sampleRate = 8000): PcmCapture {
  const args = pcmArgs(inputArgs, sampleRate);
  const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let total = 0;
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    chunks.push(d);
    total += d.length;
  });
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = once(child, 'close');
  return {
    bytes: () => total,
    snapshot: () => Buffer.concat(chunks),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (total === 0 && stderr !== '') throw new Error(`ffmpeg ${args.join(' ')} decoded nothing: ${stderr}`);
      return Buffer.concat(chunks);
    },
  };
}

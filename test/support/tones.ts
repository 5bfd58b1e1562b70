import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Finding test tones in received audio: decode a stream to 16-bit mono PCM with ffmpeg, then say
 * per block which of the known frequencies dominates (Goertzel), and collapse that into runs.
 */

/** One stretch of consecutive blocks dominated by the same tone. */
export interface ToneRun {
  freq: number;
  blocks: number;
}

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
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return energy === 0 ? 0 : power / ((energy * n) / 2);
}

/** Per block of `blockMs`, the frequency of `freqs` holding over half the energy, or null (silence, mixture). */
export function dominantTones(pcm: Buffer, sampleRate: number, freqs: number[], blockMs = 100): (number | null)[] {
  // Int16Array needs an even byte offset; copy when the Buffer sits at an odd one.
  const even = pcm.byteOffset % 2 === 0 ? pcm : Buffer.from(Uint8Array.prototype.slice.call(pcm));
  const all = new Int16Array(even.buffer, even.byteOffset, Math.floor(even.length / 2));
  const size = Math.round((sampleRate * blockMs) / 1000);
  const labels: (number | null)[] = [];
  for (let at = 0; at + size <= all.length; at += size) {
    const block = all.subarray(at, at + size);
    let sum = 0;
    for (const x of block) sum += x * x;
    // Below ~-40 dBFS is silence (or the encoder's noise floor), whatever its spectrum.
    if (Math.sqrt(sum / size) < 300) {
      labels.push(null);
      continue;
    }
    const best = freqs.find((f) => toneShare(block, sampleRate, f) > 0.5);
    labels.push(best ?? null);
  }
  return labels;
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
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', ...inputArgs, '-vn', '-f', 's16le', '-ac', '1', '-ar', String(sampleRate), '-'];
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

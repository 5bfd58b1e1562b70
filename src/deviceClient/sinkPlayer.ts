/**
 * Plays one cached file to the device's sink: a sound card (ALSA or PulseAudio, through ffmpeg) in
 * production, or raw PCM (s16le, 44.1 kHz, mono) to a file or a pipe for tests (decisions §10).
 * ffmpeg decodes the file ahead of the slot into memory; at the slot the client itself hands the PCM
 * to the sink at the pace of the audio (a little ahead, as a sound card's buffer would hold it), so
 * the first samples leave at the slot itself, not after a decoder's start-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';

/** Where audio goes: a sound card ffmpeg opens itself, or a stream the client writes PCM to. */
export type Sink = { kind: 'card'; format: 'alsa' | 'pulse'; device: string } | { kind: 'pcm'; stream: Writable; name: string };

/** "-" (stdout), "alsa[:DEVICE]", "pulse[:DEVICE]", or a file path (raw PCM appended). */
export function parseSink(text: string, stdout: Writable): Sink {
  const card = /^(alsa|pulse)(?::(.+))?$/.exec(text);
  if (card) return { kind: 'card', format: card[1] as 'alsa' | 'pulse', device: card[2] ?? 'default' };
  if (text === '-') return { kind: 'pcm', stream: stdout, name: 'stdout' };
  return { kind: 'pcm', stream: createWriteStream(text, { flags: 'a' }), name: text };
}

export type PlayOutcome = 'completed' | 'interrupted' | 'failed';

export interface PreparedPlay {
  /** Starts the audio now, `skipMs` into it (a late start joins mid-item). */
  start(skipMs?: number): void;
  /** Cuts it (or drops it before it started): its outcome is 'interrupted'. */
  stop(): void;
  /** Resolves when the audio has all been handed over and its time has passed: how it ended and when. */
  readonly done: Promise<{ outcome: PlayOutcome; endedAt: number; detail: string | null }>;
}

/** PCM s16le mono 44.1 kHz. */
export const PCM_BYTES_PER_MS = 88.2;
/** How often more PCM is handed over, and how far ahead of the audio's time (a sound card's buffer). */
const STEP_MS = 40;
const AHEAD_MS = 200;

const PCM_ARGS = ['-f', 's16le', '-ac', '1', '-ar', '44100'];

/** Decodes the file now and, for a sound card, opens it; call start() at the slot. */
export function preparePlay(opts: { ffmpegPath: string; sink: Sink; file: string; clock: Clock; log: Logger }): PreparedPlay {
  const { clock } = opts;
  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  let decoded: 'running' | 'ok' | 'failed' = 'running';
  let problem = '';
  const decoder = spawn(opts.ffmpegPath, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', opts.file, ...PCM_ARGS, 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  decoder.stdout.on('data', (c: Buffer) => {
    chunks.push(c);
    decodedBytes += c.length;
  });
  decoder.stderr.on('data', (c: Buffer) => (problem = (problem + c.toString()).slice(-2000)));
  decoder.on('error', (err) => ((decoded = 'failed'), (problem = err.message)));
  decoder.on('close', (code) => {
    if (decoded === 'running') decoded = code === 0 ? 'ok' : 'failed';
    if (code !== 0 && !problem) problem = `ffmpeg exited ${code}`;
  });

  let card: ChildProcess | null = null;
  let target: Writable;
  if (opts.sink.kind === 'card') {
    card = spawn(opts.ffmpegPath, ['-hide_banner', '-loglevel', 'error', ...PCM_ARGS, '-i', 'pipe:0', '-f', opts.sink.format, opts.sink.device], { stdio: ['pipe', 'ignore', 'pipe'] });
    card.on('error', (err) => opts.log.error({ err }, 'sound card output failed'));
    card.stdin!.on('error', () => undefined);
    target = card.stdin!;
  } else {
    target = opts.sink.stream;
  }

  let finish: (r: { outcome: PlayOutcome; endedAt: number; detail: string | null }) => void = () => undefined;
  const done = new Promise<{ outcome: PlayOutcome; endedAt: number; detail: string | null }>((resolve) => (finish = resolve));
  let ended = false;
  let cancelStep: (() => void) | null = null;
  const end = (outcome: PlayOutcome, detail: string | null) => {
    if (ended) return;
    ended = true;
    cancelStep?.();
    if (decoded === 'running') decoder.kill('SIGTERM');
    card?.stdin?.end();
    finish({ outcome, endedAt: clock.now(), detail });
  };

  /** The PCM from byte `from` to byte `to` of what has been decoded. */
  const slice = (from: number, to: number): Buffer => {
    const parts: Buffer[] = [];
    let at = 0;
    for (const c of chunks) {
      const a = Math.max(from, at);
      const b = Math.min(to, at + c.length);
      if (a < b) parts.push(c.subarray(a - at, b - at));
      at += c.length;
      if (at >= to) break;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  };

  return {
    start(skipMs = 0) {
      if (ended) return;
      const startedAt = clock.now();
      const startByte = Math.floor((Math.max(0, skipMs) * PCM_BYTES_PER_MS) / 2) * 2;
      let sent = startByte;
      const step = () => {
        if (ended) return;
        if (decoded === 'failed') return end('failed', problem.trim() || 'the file could not be decoded');
        const elapsed = clock.now() - startedAt;
        const due = Math.min(decodedBytes, startByte + Math.floor(((elapsed + AHEAD_MS) * PCM_BYTES_PER_MS) / 2) * 2);
        if (due > sent) {
          target.write(slice(sent, due));
          sent = due;
        }
        // Done once everything decoded is handed over and its time has gone by.
        if (decoded === 'ok' && sent >= decodedBytes && elapsed >= (decodedBytes - startByte) / PCM_BYTES_PER_MS) return end('completed', null);
        cancelStep = clock.at(clock.now() + STEP_MS, step);
      };
      step();
    },
    stop() {
      end('interrupted', null);
    },
    done,
  };
}

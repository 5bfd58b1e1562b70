import { spawn } from 'node:child_process';
import type { RelaySource } from '../domain/relay.ts';
import { FrameSplitter } from '../playout/frameSplitter.ts';
import { probeSource } from './sourceProbe.ts';
import { classifyExit, hidePasswords, type SourceStop } from './sourceStop.ts';

/** What a pull tells its feed, as it happens. */
export interface PullHandlers {
  /** Canonical MP3 frames (MPEG-1 Layer III, 44.1 kHz mono 96 kbps CBR, self-contained), in order. */
  frames(frames: Buffer[]): void;
  /** The source has been silent for its silence limit (ffmpeg's silencedetect). */
  silent(): void;
  /** Sound again after a silence. */
  sound(): void;
  /** The pull ended on its own (not by stop()): why. Called once. */
  exited(stop: SourceStop): void;
}

/** One running pull of a source; stop() ends it without calling exited(). */
export interface SourcePull {
  stop(): void;
  /** The last lines ffmpeg wrote (for the log when the pull is given up). */
  lastWords?(): string;
}

/** Starts pulling a source (see createFfmpegPull); injected so the feed's logic is tested without ffmpeg. */
export type StartPull = (source: RelaySource, handlers: PullHandlers) => SourcePull;

/** Level under which audio counts as silence (the encoder's noise floor of a silent source sits far below). */
const SILENCE_DB = -50;

/** ffmpeg's demuxer for a stream's Content-Type. */
const FORMAT_OF: Record<string, string> = {
  'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/mpeg3': 'mp3', 'audio/x-mpeg': 'mp3',
  'audio/aac': 'aac', 'audio/aacp': 'aac', 'audio/x-aac': 'aac', 'audio/ogg': 'ogg', 'application/ogg': 'ogg',
};

/** The demuxer for a Content-Type, or null to let ffmpeg probe. */
export function formatOf(contentType: string | null): string | null {
  return FORMAT_OF[(contentType ?? '').split(';')[0]!.trim().toLowerCase()] ?? null;
}

/**
 * ffmpeg's arguments for pulling `source` and transcoding it to canonical frames on stdout, with
 * silencedetect reporting on stderr when the audio stays under SILENCE_DB for the source's limit.
 * `format`: the container the stream's Content-Type names: ffmpeg reads it at once instead of probing
 * (probing an Icecast mount joined mid-stream can stall for seconds). `-reservoir 0`: every frame
 * decodes on its own, so the feed may drop frames (to stay near the live edge) or switch to the
 * fallback between any two without a glitch.
 */
export function pullArgs(source: RelaySource, silenceLimitMs: number, format: string | null = null): string[] {
  const seconds = Math.max(0.5, silenceLimitMs / 1000);
  const input = source.kind === 'hls'
    ? ['-probesize', '262144', '-analyzeduration', '2000000']
    : ['-icy', '0', ...(format ? ['-f', format] : ['-probesize', '65536'])];
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    // A read that waits longer than the silence limit fails the pull (the feed's watchdog would anyway).
    '-rw_timeout', String(Math.round(seconds * 1_000_000)), '-user_agent', 'Loa relay',
    ...input, '-i', source.url,
    '-vn', '-af', `silencedetect=noise=${SILENCE_DB}dB:duration=${seconds}`,
    '-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '96k', '-reservoir', '0',
    '-write_xing', '0', '-id3v2_version', '0', '-flush_packets', '1', '-f', 'mp3', 'pipe:1',
  ];
}

/**
 * A StartPull over ffmpeg at `ffmpegPath` (one process per pull; killed on stop). An http source is
 * first looked at (sourceProbe.ts): a refusal or an error status fails the pull at once, with the
 * reason, and its Content-Type tells ffmpeg the container.
 */
export function createFfmpegPull(ffmpegPath: string): StartPull {
  return (source, handlers) => {
    const state = { stopped: false, run: null as SourcePull | null };
    const look = source.kind === 'http' ? probeSource(source, { timeoutMs: Math.max(1000, source.silenceLimitMs), maxBytes: 1 }) : Promise.resolve(null);
    void look.then((seen) => {
      if (state.stopped) return;
      if (seen && !seen.reachable) {
        state.stopped = true;
        const status = /^HTTP (\d{3})$/.exec(seen.error ?? '');
        return handlers.exited(status
          ? { reason: 'http-status', status: Number(status[1]), message: `the server answered ${seen.error}` }
          : { reason: 'unreachable', message: seen.error ?? 'unreachable' });
      }
      state.run = runFfmpeg(ffmpegPath, pullArgs(source, source.silenceLimitMs, formatOf(seen?.contentType ?? null)), handlers);
    });
    return {
      lastWords: () => state.run?.lastWords?.() ?? '',
      stop() {
        state.stopped = true;
        state.run?.stop();
      },
    };
  };
}

/** Runs one ffmpeg pull: its frames, silences and exit to `handlers`. */
function runFfmpeg(ffmpegPath: string, args: string[], handlers: PullHandlers): SourcePull {
  const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const splitter = new FrameSplitter();
  let stderr = '';
  let line = '';
  let stopped = false;
  let hadAudio = false;
  child.stdout.on('data', (chunk: Buffer) => {
    const frames = splitter.push(chunk);
    if (frames.length === 0 || stopped) return;
    hadAudio = true;
    handlers.frames(frames);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderr = (stderr + text).slice(-4000);
    line += text;
    const lines = line.split(/\r?\n|\r/);
    line = lines.pop() ?? '';
    for (const l of lines) {
      if (stopped) return;
      if (l.includes('silence_start:')) handlers.silent();
      else if (l.includes('silence_end:')) handlers.sound();
    }
  });
  child.on('error', (err) => {
    // spawn failed (no ffmpeg): reported once, as the close that follows would be.
    if (stopped) return;
    stopped = true;
    handlers.exited({ reason: 'ffmpeg-error', message: `ffmpeg could not start: ${err.message}` });
  });
  child.on('close', (code) => {
    if (stopped) return;
    stopped = true;
    handlers.exited(classifyExit(code, stderr, hadAudio));
  });
  return {
    lastWords: () => hidePasswords(stderr.split('\n').filter((l) => l.trim() !== '').slice(-4).join(' | ')),
    stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGKILL'); // nothing of its output is wanted any more: no need to let it flush
    },
  };
}

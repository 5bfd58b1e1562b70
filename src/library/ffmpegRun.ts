/**
 * Running one ffmpeg command through fluent-ffmpeg: abortable, with its stderr reduced to what
 * ingest needs (a tail for diagnostics, a count of error-level lines, the last decoded timestamp).
 */
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import type { FfmpegCommand } from 'fluent-ffmpeg';
import type { Logger } from 'pino';
import type { FfmpegBinaries } from './ffmpegBinary.ts';

/** What ingest learns from ffmpeg's stderr. */
export interface FfmpegRunResult {
  /** The last lines of stderr (the loudnorm JSON is printed last, so it is always in here). */
  tail: string[];
  /** Lines logged at error level or worse; with `repeat` logging each occurrence counts. */
  errorLines: number;
  /** The last `time=` of ffmpeg's progress report: how much audio was actually decoded. */
  lastTimeMs: number | null;
}

/** ffmpeg could not be started, exited non-zero or was killed (not by our abort). */
export class FfmpegRunError extends Error {
  override readonly name = 'FfmpegRunError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    /** True when the process never ran (binary missing, not executable). */
    readonly spawnFailed: boolean,
    readonly result: FfmpegRunResult,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

/** Options of one run. */
export interface RunFfmpegOptions {
  signal?: AbortSignal | undefined;
  log?: Logger | undefined;
  /** How many stderr lines to keep. */
  tailLines?: number;
}

const DEFAULT_TAIL_LINES = 64;

// `level` prefixes each line with its severity so errors can be counted without guessing at wording
// that changes between ffmpeg versions; `repeat` stops ffmpeg folding identical lines into
// "Last message repeated N times", which would hide how many packets were damaged.
const COMMON_INPUT_OPTIONS = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'repeat+level+info'];

const ERROR_LINE = /^(?:\[[^\]]*\] )?\[(?:error|fatal|panic)\] /;
const TIME_FIELD = /\btime=(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/;

/**
 * Runs ffmpeg on `input` with options added by `configure`, resolving when it exits 0. Rejects with
 * FfmpegRunError on failure, or with `signal.reason` when aborted (ffmpeg is killed).
 */
export async function runFfmpeg(
  bins: FfmpegBinaries,
  input: string,
  configure: (cmd: FfmpegCommand) => FfmpegCommand,
  opts: RunFfmpegOptions = {},
): Promise<FfmpegRunResult> {
  const { signal, log } = opts;
  const tailLines = opts.tailLines ?? DEFAULT_TAIL_LINES;
  signal?.throwIfAborted();

  const result: FfmpegRunResult = { tail: [], errorLines: 0, lastTimeMs: null };
  // fluent-ffmpeg 2.1.3 throws an uncaught TypeError (and never settles) when spawn itself fails,
  // e.g. the binary vanished in an upgrade after boot; checking first turns that into a clean error.
  try {
    await access(bins.ffmpegPath, fsConstants.X_OK);
  } catch (err) {
    throw new FfmpegRunError(`cannot run ${bins.ffmpegPath}: ${(err as Error).message}`, null, true, result, err);
  }
  signal?.throwIfAborted();
  return new Promise<FfmpegRunResult>((resolve, reject) => {
    // fluent-ffmpeg keeps the path in a module-wide cache; setting it on every command keeps the
    // binary chosen at boot, whatever else in the process touched that cache.
    const cmd = configure(ffmpeg(input).setFfmpegPath(bins.ffmpegPath).inputOptions(COMMON_INPUT_OPTIONS));
    let started = false;
    let abortRequested = false;

    const onAbort = (): void => {
      abortRequested = true;
      // Before spawn there is no process yet: the 'start' handler kills it as soon as it exists.
      if (started) cmd.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => signal?.removeEventListener('abort', onAbort);

    cmd.on('start', (commandLine: string) => {
      started = true;
      log?.debug({ commandLine }, 'ffmpeg started');
      if (abortRequested) cmd.kill('SIGKILL');
    });
    cmd.on('stderr', (line: string) => {
      result.tail.push(line);
      if (result.tail.length > tailLines) result.tail.shift();
      if (ERROR_LINE.test(line)) result.errorLines += 1;
      const t = TIME_FIELD.exec(line);
      if (t) result.lastTimeMs = parseTimeMs(t);
    });
    cmd.on('end', () => {
      settle();
      resolve(result);
    });
    cmd.on('error', (err: Error) => {
      settle();
      if (abortRequested && signal) {
        reject(signal.reason);
        return;
      }
      const spawnFailed = !started || (err as NodeJS.ErrnoException).code !== undefined;
      const exit = /exited with code (\d+)/.exec(err.message);
      const exitCode = exit?.[1] ? Number(exit[1]) : null;
      const what = spawnFailed ? `could not run ${bins.ffmpegPath}` : `ffmpeg failed on ${input}`;
      reject(new FfmpegRunError(`${what}: ${err.message}`, exitCode, spawnFailed, result, err));
    });
    cmd.run();
  });
}

function parseTimeMs(m: RegExpExecArray): number {
  const [, sign, h, min, s] = m;
  const ms = Math.round((Number(h) * 3600 + Number(min) * 60 + Number(s)) * 1000);
  return sign === '-' ? -ms : ms;
}

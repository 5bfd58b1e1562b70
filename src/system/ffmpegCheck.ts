/**
 * The ffmpeg health check: runs the ffmpeg resolved at start-up with `-version`, as ingest and
 * playout will, so a binary removed or broken since start shows up before the next upload fails.
 */
import { stat } from 'node:fs/promises';
import type { Clock } from '../clock.ts';
import { checkBinary, type VersionCheck } from '../library/ffmpegBinary.ts';
import type { CheckResult, HealthCheck } from './health.ts';

export interface FfmpegCheckOptions {
  /** The binary found at start-up, and where it came from. */
  path: string;
  source: string;
  clock: Clock;
  /** Kills a `-version` that takes longer (default 5 s). */
  timeoutMs?: number;
  /** How long an answer is reused, so frequent health polls do not each spawn ffmpeg (default 30 s). */
  cacheMs?: number;
  /** How long a failing answer is reused (default 5 s): a repaired ffmpeg shows up quickly. */
  failureCacheMs?: number;
  /** Runs `-version`; defaults to the same check as start-up. */
  runVersion?: (path: string, timeoutMs: number) => Promise<VersionCheck>;
}

/**
 * A check that runs `<path> -version` at most once per `cacheMs` (failures once per `failureCacheMs`);
 * polls arriving while it runs share the one run.
 */
export function createFfmpegCheck(opts: FfmpegCheckOptions): HealthCheck {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const cacheMs = opts.cacheMs ?? 30_000;
  const failureCacheMs = opts.failureCacheMs ?? 5_000;
  const runVersion = opts.runVersion ?? ((p: string, t: number) => checkBinary(p, 'ffmpeg', t));
  let cached: { result: CheckResult; at: number } | null = null;
  let running: Promise<CheckResult> | null = null;

  const check = async (): Promise<CheckResult> => {
    const checkedAt = opts.clock.now();
    const answer = await runVersion(opts.path, timeoutMs);
    const details = { path: opts.path, source: opts.source, checkedAt: new Date(checkedAt).toISOString() };
    if (answer.ok) return { ok: true, details: { ...details, version: answer.version } };
    const missing = !(await exists(opts.path));
    return {
      ok: false,
      problems: [
        missing
          ? { code: 'health-ffmpeg-missing', params: { path: opts.path } }
          : { code: 'health-ffmpeg-failed', params: { path: opts.path, reason: answer.why } },
      ],
      details,
    };
  };

  return () => {
    if (cached) {
      const age = opts.clock.now() - cached.at;
      if (age >= 0 && age < (cached.result.ok ? cacheMs : failureCacheMs)) return cached.result;
    }
    running ??= check()
      .then((result) => {
        cached = { result, at: opts.clock.now() };
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
}

/** Whether anything is at `p` (one there that will not run is 'failed', with the reason, not 'missing'). */
async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

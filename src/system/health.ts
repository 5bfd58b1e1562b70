/**
 * The daemon's health: named checks, each answering ok or failing with a catalogue sentence, run
 * together for `/healthz`. Any part of the daemon adds its own check with `health.register()`.
 */
import type { MessageCode } from '../i18n/messages.ts';

/** What is wrong, as a catalogue code and its parameters (rendered in the client's language). */
export interface HealthProblem {
  code: MessageCode;
  params?: Record<string, string | number>;
}

/** One check's answer: ok, or failing with one or more problems; `details` are figures shown either way. */
export type CheckResult =
  | { ok: true; details?: Record<string, unknown> }
  | { ok: false; problems: [HealthProblem, ...HealthProblem[]]; details?: Record<string, unknown> };

/** A check; it may be async. A check that throws or takes longer than the timeout counts as failing. */
export type HealthCheck = () => CheckResult | Promise<CheckResult>;

/** Every check's answer, in registration order. */
export interface HealthReport {
  ok: boolean;
  checks: { name: string; result: CheckResult }[];
}

export interface Health {
  /**
   * Adds the check `name`, or replaces the one of that name (tests use this to inject a fake
   * statfs, say). Returns a function that undoes it: removes the check, or puts back the one it replaced.
   */
  register(name: string, check: HealthCheck): () => void;
  /** The registered names, in order. */
  names(): string[];
  /** Runs every check at once; never throws. */
  run(): Promise<HealthReport>;
}

export interface HealthOptions {
  /** A check that has not answered by then is failing (default 10 s; ffmpeg's own timeout is shorter). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** A registry of health checks, starting with `checks`. */
export function createHealth(checks: Record<string, HealthCheck> = {}, opts: HealthOptions = {}): Health {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const registered = new Map<string, HealthCheck>(Object.entries(checks));
  return {
    register(name, check) {
      const replaced = registered.get(name);
      registered.set(name, check);
      return () => {
        if (registered.get(name) !== check) return;
        if (replaced) registered.set(name, replaced);
        else registered.delete(name);
      };
    },
    names: () => [...registered.keys()],
    async run() {
      const entries = [...registered.entries()];
      const results = await Promise.all(entries.map(([name, check]) => runOne(name, check, timeoutMs)));
      const report = entries.map(([name], i) => ({ name, result: results[i]! }));
      return { ok: report.every((c) => c.result.ok), checks: report };
    },
  };
}

async function runOne(name: string, check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, problems: [{ code: 'health-check-failed', params: { name, reason: `no answer within ${timeoutMs} ms` } }] }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timedOut]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [{ code: 'health-check-failed', params: { name, reason } }] };
  } finally {
    clearTimeout(timer);
  }
}

/** "1.5 GB", "820 MB": free space as an operator reads it (decimal units, like `df -H`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/**
 * The plan service on a worker thread (planWorker.ts), as the daemon uses it. A month-end replan
 * of a large station takes seconds of reading, planning, validating and saving; on the daemon's own
 * thread every zone's frames waited that long (a listener heard the gap, and a wait over 2 s is
 * taken for a clock step: the players skip ahead). The worker has its own database connection, so
 * the daemon's thread only sends the request and re-emits `plan:saved` when the answer comes. One
 * request runs at a time, in the order asked; each is planned as of the daemon's clock when asked.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { ApiError } from '../errors.ts';
import type { StationEventMap, StationEvents } from '../stationEvents.ts';
import type { PlanOutcome, PlanService } from './planService.ts';

/** The plan service's calls the daemon makes, each answered when the worker has done it. */
type Served = 'plan' | 'addPin' | 'removePin' | 'recall';
export type PlanRunner = {
  [K in Served]: (...args: Parameters<PlanService[K]>) => Promise<ReturnType<PlanService[K]>>;
} & {
  /** The whole replan (planService.replan), saved; answered with its counts (the slots stay in the worker). */
  replan(req?: Parameters<PlanService['replan']>[0]): Promise<ReplanSummary>;
  /** Waits for the request under way, then stops the worker (later requests are refused). */
  close(): Promise<void>;
};

/** What a replan did, as the scheduler logs it. */
export interface ReplanSummary {
  from: string;
  to: string;
  slots: number;
  shortfalls: number;
  run: PlanOutcome['run'];
}

/** What the worker starts with. */
export interface PlanWorkerData {
  dbFile: string;
  tz: string;
  logLevel: string;
}

/** One call, as sent to the worker. */
export interface PlanRequest {
  id: number;
  method: Served | 'replan';
  args: unknown[];
  nowMs: number;
}

/** The worker's answer to a call (with the plans it saved), or one of its log lines. */
export type PlanReply =
  | { id: number; ok: true; value: unknown; saved: StationEventMap['plan:saved'][0][] }
  | {
      id: number;
      ok: false;
      error: { message: string; api?: Pick<ApiError, 'statusCode' | 'code' | 'params' | 'details' | 'headers'> };
      saved: StationEventMap['plan:saved'][0][];
    }
  | { log: string };

/** How long stopping waits for the call under way before ending the worker anyway. */
const CLOSE_WAIT_MS = 30_000;

export function startPlanRunner(deps: { dbFile: string; tz: string; clock: Clock; events: StationEvents; log: Logger }): PlanRunner {
  const { clock, events, log } = deps;
  const data: PlanWorkerData = { dbFile: deps.dbFile, tz: deps.tz, logLevel: log.level };
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closing: Promise<void> | null = null;

  /** The worker, started on first use and again after one died (its requests failed with it). */
  const current = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('./planWorkerBoot.mjs', import.meta.url), { workerData: data });
    w.on('message', (m: PlanReply) => onReply(m));
    w.on('error', (err) => log.error({ err }, 'the plan worker failed'));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new Error(`the plan worker stopped (exit code ${code}); the previous programme stays`));
      }
    });
    return (worker = w);
  };

  const onReply = (m: PlanReply) => {
    if ('log' in m) return forwardLog(log, m.log);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    for (const e of m.saved) events.emit('plan:saved', e);
    if (m.ok) p.resolve(m.value);
    else if (m.error.api) {
      const { statusCode, code, params, details, headers } = m.error.api;
      p.reject(new ApiError(statusCode, code, params, details, headers));
    } else p.reject(new Error(m.error.message));
  };

  /**
   * Calls wait here and go to the worker one at a time, each with the clock read as it is sent: a
   * call queued behind a long replan is planned as of when its turn comes, not when it was asked.
   */
  const queue: { method: PlanRequest['method']; args: unknown[]; resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  /** The call under way settles it (null: none is); close() waits for `underway`. */
  let busy: (() => void) | null = null;
  let underway: Promise<void> = Promise.resolve();
  const pump = () => {
    if (busy || queue.length === 0) return;
    const next = queue.shift()!;
    const id = nextId++;
    underway = new Promise<void>((settle) => (busy = settle));
    const finish = () => {
      busy?.();
      busy = null;
      pump();
    };
    pending.set(id, { resolve: (v) => (next.resolve(v), finish()), reject: (e) => (next.reject(e), finish()) });
    try {
      current().postMessage({ id, method: next.method, args: next.args, nowMs: clock.now() } satisfies PlanRequest);
    } catch (err) {
      pending.delete(id);
      next.reject(err as Error);
      finish();
    }
  };
  const call = <T>(method: PlanRequest['method'], args: unknown[]): Promise<T> => {
    if (closing) return Promise.reject(new Error('the daemon is stopping: no plan is made now'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ method, args, resolve: resolve as (v: unknown) => void, reject });
      pump();
    });
  };

  return {
    replan: (req = {}) => call('replan', [req]),
    plan: (...args) => call('plan', args),
    addPin: (...args) => call('addPin', args),
    removePin: (...args) => call('removePin', args),
    recall: (...args) => call('recall', args),
    close() {
      closing ??= (async () => {
        // The call under way finishes (a save is one transaction either way); those waiting are not made.
        for (const q of queue.splice(0)) q.reject(new Error('the daemon is stopping: no plan is made now'));
        await Promise.race([underway, new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
        const w = worker;
        if (!w) return; // none was started, or it died (its calls failed with it)
        const exited = new Promise((r) => w.once('exit', r));
        if (busy) void w.terminate(); // stuck: its transaction is rolled back with its connection
        else w.postMessage('close');
        await exited;
      })();
      return closing;
    },
  };
}

/** A log line of the worker (pino JSON) written through the daemon's logger, at its level. */
function forwardLog(log: Logger, line: string): void {
  try {
    const { level, msg, ...rest } = JSON.parse(line) as { level: number; msg?: string } & Record<string, unknown>;
    for (const k of ['time', 'pid', 'hostname']) delete rest[k];
    const name = log.levels.labels[level] as 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'fatal' | undefined;
    log[name ?? 'info'](rest, msg ?? '');
  } catch {
    log.info({ line }, 'plan worker');
  }
}

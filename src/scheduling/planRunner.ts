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

/**
 * Worker threads start without tsx's loader (the daemon runs TypeScript through it, bin/loa.js):
 * the thread registers it, then loads the worker's module.
 */
const BOOT = (url: string) => `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;

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
    const w = new Worker(BOOT(new URL('./planWorker.ts', import.meta.url).href), { eval: true, workerData: data });
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

  /** The calls sent and not yet answered (close() waits for them). */
  const inFlight = new Set<Promise<unknown>>();
  const call = <T>(method: PlanRequest['method'], args: unknown[]): Promise<T> => {
    if (closing) return Promise.reject(new Error('the daemon is stopping: no plan is made now'));
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      current().postMessage({ id, method, args, nowMs: clock.now() } satisfies PlanRequest);
    });
    const settled = answer.then(() => undefined, () => undefined).finally(() => inFlight.delete(settled));
    inFlight.add(settled);
    return answer;
  };

  return {
    replan: (req = {}) => call('replan', [req]),
    plan: (...args) => call('plan', args),
    addPin: (...args) => call('addPin', args),
    removePin: (...args) => call('removePin', args),
    recall: (...args) => call('recall', args),
    close() {
      closing ??= (async () => {
        // The calls under way finish (a save is one transaction either way); then the thread ends.
        await Promise.all(inFlight);
        const w = worker;
        if (!w) return;
        const exited = new Promise((r) => w.once('exit', r));
        w.postMessage('close');
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

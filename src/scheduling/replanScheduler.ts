import cron from 'node-cron';
import type { Logger } from 'pino';
import type { StationEvents } from '../stationEvents.ts';
import type { PlanRunner } from './planRunner.ts';

/**
 * Keeps the horizon planned: nightly (node-cron, station time zone), once at start, and shortly after
 * anything that changes what may air (approve, reject, archive, zone/topic/policy edits).
 * Bursts of changes are debounced into one re-plan. Each is the plan service's whole replan: from
 * now to the Sunday ending the horizon's last week, every zone. A replan runs on the plan worker
 * (planRunner.ts); a change that comes while one runs asks for another after it, which then sees it.
 */
/** A replan that failed is tried again after this long. */
const RETRY_MS = 5 * 60_000;

export function startReplanScheduler(deps: { plans: Pick<PlanRunner, 'replan'>; events: StationEvents; log: Logger; tz: string; debounceMs?: number; nightly?: string }) {
  const { plans, events, log } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  /** Why another replan is wanted once the running one ends (null: none is). */
  let again: string | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const replan = (why: string): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = why;
      return running;
    }
    running = (async () => {
      try {
        const result = await plans.replan({ cause: `replan:${why}` });
        if (retry) clearTimeout(retry);
        retry = null;
        log.info({ why, from: result.from, to: result.to, slots: result.slots, shortfalls: result.shortfalls }, 'programme re-planned');
      } catch (err) {
        log.error({ err, why }, 're-planning failed; the previous programme stays');
        // Tried again later, unless a change asks for a replan sooner (the worker may have died).
        if (!stopped && again === null) {
          retry ??= setTimeout(() => {
            retry = null;
            void replan('retry');
          }, RETRY_MS);
          retry.unref();
        }
      } finally {
        running = null;
      }
      if (again !== null) {
        const next = again;
        again = null;
        await replan(next);
      }
    })();
    return running;
  };
  const soon = (why: string) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void replan(why);
    }, deps.debounceMs ?? 2000);
  };

  const onItem = ({ from, to }: { from: string | null; to: string }) => {
    if (from === 'approved' || to === 'approved') soon('item');
  };
  const onStation = () => soon('station');
  events.on('item:changed', onItem);
  events.on('station:changed', onStation);
  // 00:05 nightly replans from the new day (through a new Sunday once the horizon enters a new week). Expiry needs no timer: the planner never places an item
  // beyond its validUntil, so a plan made before an item expires is already right after it.
  const nightly = cron.schedule(deps.nightly ?? '5 0 * * *', () => void replan('nightly'), { timezone: deps.tz });
  const started = replan('start');

  return {
    /** Settles when the replan at start (and any asked for meanwhile) has ended. */
    started,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      void nightly.stop();
      events.off('item:changed', onItem);
      events.off('station:changed', onStation);
    },
  };
}

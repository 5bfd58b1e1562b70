import cron from 'node-cron';
import type { Logger } from 'pino';
import type { StationEvents } from '../stationEvents.ts';
import type { PlanService } from './planService.ts';

/**
 * Keeps the horizon planned: nightly (node-cron, station time zone), once at start, and shortly after
 * anything that changes what may air (approve, reject, archive, zone/topic/policy edits).
 * Bursts of changes are debounced into one re-plan. Each is the plan service's whole replan: from
 * now to the Sunday ending the horizon's last week, every zone.
 */
export function startReplanScheduler(deps: { plans: PlanService; events: StationEvents; log: Logger; tz: string; debounceMs?: number; nightly?: string }) {
  const { plans, events, log } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  const replan = (why: string) => {
    if (running) return;
    running = true;
    try {
      const result = plans.replan({ cause: `replan:${why}` });
      log.info({ why, from: result.from, to: result.to, slots: result.slots.length, shortfalls: result.shortfalls.length }, 'programme re-planned');
    } catch (err) {
      log.error({ err, why }, 're-planning failed; the previous programme stays');
    } finally {
      running = false;
    }
  };
  const soon = (why: string) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      replan(why);
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
  const nightly = cron.schedule(deps.nightly ?? '5 0 * * *', () => replan('nightly'), { timezone: deps.tz });
  replan('start');

  return {
    /** Runs a pending debounced re-plan now (tests, shutdown). */
    flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        replan('flush');
      }
    },
    stop() {
      if (timer) clearTimeout(timer);
      void nightly.stop();
      events.off('item:changed', onItem);
      events.off('station:changed', onStation);
    },
  };
}

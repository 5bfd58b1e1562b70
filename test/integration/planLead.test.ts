/**
 * A replan leaves the next PLAN_LEAD_MS as saved (src/scheduling/planService.ts): its new slots begin
 * that long after it is asked for at the earliest, so they reach the players before they are due and
 * an item starts from its first word; a saved slot due within that time is the one that airs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Zone } from '../../src/domain/station.ts';
import { PLAN_LEAD_MS } from '../../src/scheduling/planService.ts';
import { insertItem } from '../../src/storage/items.ts';
import { listSlots } from '../../src/storage/plans.ts';
import { upsertZone } from '../../src/storage/station.ts';
import { approvedItem } from '../support/approvedItem.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const DAY = '2026-05-18';
const at = (time: string) => Date.parse(`${DAY}T${time}+07:00`);
const ALL = [1, 2, 3, 4, 5, 6, 7];

let open: TestDaemon | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** A daemon on a fake clock at `now`, zones and three approved 5-minute items written straight to the DB. */
async function station(now: string, zones: { id: string; start: string }[]) {
  const clock = fakeClock(`${DAY}T${now}+07:00`);
  const t = await startTestDaemon({ clock });
  open = t;
  for (const z of zones) upsertZone(t.daemon.db, Zone.parse({ id: z.id, name: z.id, windows: [{ days: ALL, start: z.start, end: '06:30', peak: true }] }), clock.now());
  for (const id of ['a', 'b', 'c']) insertItem(t.daemon.db, approvedItem(id, 5, at('00:00:00') - 86_400_000));
  const op = await t.login('admin', ADMIN_PASSWORD);
  const plan = async () => {
    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/plan', headers: bearer(op), payload: { from: DAY, to: DAY } });
    expect(res.statusCode).toBe(200);
  };
  const saved = (zone: string) => listSlots(t.daemon.db, { fromMs: at('00:00:00'), toMs: at('23:59:59'), zone });
  return { clock, plan, saved };
}

describe('the plan lead', () => {
  it('starts the first new slot of an open window PLAN_LEAD_MS after the request, not at it', async () => {
    const s = await station('05:40:00', [{ id: 'tdp-1', start: '05:30' }]);
    await s.plan();
    expect(PLAN_LEAD_MS).toBe(5000);
    expect(s.saved('tdp-1')[0]!.startMs).toBe(at('05:40:05'));
  });

  it('keeps a saved slot due within the lead, and replaces the ones after it', async () => {
    const s = await station('05:00:00', [{ id: 'tdp-1', start: '05:30' }]);
    await s.plan();
    const [first, second] = s.saved('tdp-1');
    expect(first!.startMs).toBe(at('05:30:00'));
    // 05:29:57: the 05:30 slot is due in 3 s, inside the lead; it stays the slot of that plan.
    s.clock.set(`${DAY}T05:29:57+07:00`);
    await s.plan();
    const [kept, next] = s.saved('tdp-1');
    expect(kept).toEqual(first);
    expect(next!.startMs).toBe(second!.startMs);
    expect(next!.plannedAt).toBeGreaterThan(first!.plannedAt);
    // Saved as of the request: the run is stamped when it was asked for, not when its slots begin.
    expect(next!.plannedAt).toBe(at('05:29:57'));
  });
});

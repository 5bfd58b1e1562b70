/**
 * Plans are made on the plan worker (src/scheduling/planRunner.ts), not on the daemon's thread: while
 * a large replan runs, the daemon goes on answering (and its zones' frames go on flowing, which
 * `npm run bench:replan` times at a listener). Order, not time, is what is checked here: the
 * health checks sent every 10 ms while POST /api/plan runs are answered before it is. On the
 * daemon's thread (before the worker) none could be until the replan ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDate } from '../../src/domain/time.ts';
import { listSlots } from '../../src/storage/plans.ts';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ZONES = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the plan worker', () => {
  let t: TestDaemon;
  let base: string;
  let auth: { authorization: string };
  const today = localDate(Date.now(), TZ);

  beforeAll(async () => {
    t = await startTestDaemon({ listen: true });
    base = `http://127.0.0.1:${(t.daemon.app.server.address() as { port: number }).port}`;
    auth = { authorization: `Bearer ${await t.login('admin', ADMIN_PASSWORD)}` };
    const put = async (url: string, payload: object) => {
      const res = await t.daemon.app.inject({ method: 'PUT', url, headers: auth, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    await put('/api/policy', { horizonDays: 28, maxPlaysPerItemPerDay: 3, minRepeatGapMinutes: 60 });
    // Nothing airs today (the windows skip today's weekday): the items need no audio for this test.
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== isoWeekday(today));
    const windows = [
      { days, start: '05:30', end: '07:30', peak: true },
      { days, start: '16:30', end: '19:30', peak: true },
    ];
    for (let z = 1; z <= ZONES; z++) await put(`/api/zones/tdp-${z}`, { name: `Tổ dân phố ${z}`, windows });
    const insert = t.daemon.db.prepare(
      `INSERT INTO items (id, title, kind, topics, ceremonial, unit, priority, status, duration_ms, created_at, updated_at, approved_at)
       VALUES (?, ?, 'tin', '[]', 0, NULL, 'normal', 'approved', ?, 0, 0, 0)`,
    );
    for (let i = 0; i < 120; i++) insert.run(`item-${i}`, `Tin ${i}`, 60_000 + (i % 5) * 30_000);
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers other requests while POST /api/plan makes and saves four weeks of twelve zones', async () => {
    let planned = false;
    const plan = fetch(`${base}/api/plan`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ from: today, to: addDays(today, 27) }),
    }).then(async (res) => {
      planned = true;
      return { status: res.status, body: (await res.json()) as { slots: unknown[]; run: { id: number | null } } };
    });
    let answeredDuring = 0;
    while (!planned) {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      if (!planned) answeredDuring++;
      await sleep(10);
    }
    const { status, body } = await plan;
    expect(status).toBe(200);
    expect(body.run.id).not.toBeNull();
    // The slots answered (the dates asked for) are saved, with those to the end of the last week.
    const saved = listSlots(t.daemon.db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    expect(body.slots.length).toBeGreaterThan(ZONES * 20 * 60);
    expect(saved.length).toBeGreaterThanOrEqual(body.slots.length);
    // A replan this size takes hundreds of ms; on the daemon's thread at most the first check or two got in.
    expect(answeredDuring, `health checks answered during the replan`).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('refuses a pin the planner cannot place with the reason, as the worker said it (409)', async () => {
    const day = addDays(today, 1);
    const res = await t.daemon.app.inject({
      method: 'POST', url: '/api/pins', headers: auth,
      payload: { kind: 'pin', zone: 'tdp-1', date: day, window: '23:00', itemId: 'item-1' },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect((res.json() as { code: string }).code).toBe('pin-refused');
  });
});

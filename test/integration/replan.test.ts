/**
 * Replans judge whole periods (issue 8, decisions §8): a pin, an unpin, a recall and POST /api/plan
 * all replan from now to the Sunday ending the last week touched, every zone; the planner and the
 * validator see the saved and aired plays of those weeks and months; shortfalls are replaced only
 * by a plan that judged their period; history reaches the day before the range.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanResult, Shortfall, Slot } from '../../src/domain/plan.ts';
import { Topic, Zone } from '../../src/domain/station.ts';
import { formatInstant, zonedInstant } from '../../src/domain/time.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { buildPlanInput } from '../../src/scheduling/planInput.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { migrate, openDatabase, type Db } from '../../src/storage/db.ts';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { listShortfalls, listSlots, replaceSlots, type SavedSlot } from '../../src/storage/plans.ts';
import { upsertTopic, upsertZone } from '../../src/storage/station.ts';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { approvedItem } from '../support/approvedItem.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const MONDAY = '2026-05-18';
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+07:00`);
const ALL = [1, 2, 3, 4, 5, 6, 7];
const PEAKS = [
  { days: ALL, start: '05:30', end: '06:30', peak: true },
  { days: ALL, start: '17:00', end: '18:00', peak: true },
];

/** An approved library item written straight to the DB (planning needs no audio file). */
const approved = (id: string, minutes: number, extra: Partial<ItemRecord> = {}) => approvedItem(id, minutes, at('2026-05-10', '09:00'), extra);

interface Harness {
  t: TestDaemon;
  clock: FakeClock;
  op: string;
  db: Db;
  call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Saved slots whose start lies in the local dates from..to, every zone. */
  saved(from: string, to: string, zone?: string): SavedSlot[];
}

let open: TestDaemon[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});

/** A daemon on a fake clock; station records go straight to the DB (no change event, no background replan). */
async function station(nowIso: string, zones: object[], topics: object[], items: ItemRecord[]): Promise<Harness> {
  const clock = fakeClock(nowIso);
  const t = await startTestDaemon({ clock });
  open.push(t);
  const { db } = t.daemon;
  const stamp = Date.parse(nowIso);
  for (const z of zones) upsertZone(db, Zone.parse(z), stamp);
  for (const topic of topics) upsertTopic(db, Topic.parse(topic), stamp);
  for (const item of items) insertItem(db, item);
  const op = await t.login('admin', ADMIN_PASSWORD);
  return {
    t, clock, op, db,
    call: (method, url, payload) => t.daemon.app.inject({ method, url, headers: bearer(op), ...(payload && { payload }) }),
    saved: (from, to, zone) =>
      listSlots(db, { fromMs: zonedInstant(from, 0, TZ), toMs: zonedInstant(to, 86_400, TZ), ...(zone && { zone }) })
        .filter((s) => s.startMs >= zonedInstant(from, 0, TZ)),
  };
}

const plays = (slots: SavedSlot[], itemIds: string[]) => slots.filter((s) => itemIds.includes(s.itemId)).length;
const key = (s: SavedSlot | Slot) => ('zoneId' in s ? `${s.zoneId}|${formatInstant(s.startMs, TZ)}|${s.itemId}` : `${s.zone}|${s.start}|${s.itemId}`);
const shortKey = (s: Shortfall) => `${s.zone}|${s.kind}|${s.topic}|${s.period}|${s.reason}|${s.wanted}|${s.planned}`;

/** What a whole replan made now would give (a dry run), to compare with what is saved. */
async function dryRun(h: Harness, from: string, to: string) {
  const res = await h.call('POST', '/api/plan', { from, to, dryRun: true });
  expect(res.statusCode).toBe(200);
  return json<{ from: string; to: string; slots: Slot[]; shortfalls: Shortfall[]; rejectedPins: PlanResult['rejectedPins'] }>(res);
}

describe('replans judge whole periods', () => {
  it('a pin on Saturday made on Monday keeps the week within the topic weekly max', async () => {
    const topicItems = ['dh1', 'dh2', 'dh3', 'dh4'];
    const h = await station(
      `${MONDAY}T00:00:00+07:00`,
      [{ id: 'tdp-1', name: 'Tổ dân phố 1', windows: PEAKS }],
      [{ id: 'dai-hoi', name: 'Đại hội XIV', rules: [{ per: 'week', min: 5, max: 5 }] }],
      [...topicItems.map((id) => approved(id, 4, { topics: ['dai-hoi'] })), ...[1, 2, 3, 4, 5, 6].map((i) => approved(`fill${i}`, 5))],
    );
    const plan = await h.call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' });
    expect(plan.statusCode).toBe(200);
    expect(plays(h.saved(MONDAY, '2026-05-24'), topicItems)).toBeLessThanOrEqual(5);

    const pin = await h.call('POST', '/api/pins', { zone: 'tdp-1', date: '2026-05-23', window: '17:00', itemId: 'dh1' });
    expect(pin.statusCode).toBe(201);
    const week = h.saved(MONDAY, '2026-05-24');
    expect(plays(week, topicItems)).toBeLessThanOrEqual(5);
    const saturday = week.filter((s) => s.date === '2026-05-23' && s.window === '17:00-18:00');
    expect(saturday.find((s) => s.itemId === 'dh1')?.reason).toContain('pin');
    // The saved week is what a whole plan made now gives.
    const whole = await dryRun(h, MONDAY, '2026-05-24');
    expect(week.map(key).sort()).toEqual(whole.slots.map(key).sort());
  });

  it('deleting a pin replans the remaining week whole and recomputes its shortfalls', async () => {
    const h = await station(
      `${MONDAY}T00:00:00+07:00`,
      [{ id: 'tdp-1', name: 'Tổ dân phố 1', windows: PEAKS }],
      [
        { id: 'an-ninh', name: 'An ninh trật tự', rules: [{ per: 'week', min: 3, max: 3 }] },
        { id: 'moi-truong', name: 'Môi trường', rules: [{ per: 'week', min: 1 }] },
      ],
      [approved('an1', 4, { topics: ['an-ninh'] }), ...[1, 2, 3, 4, 5, 6].map((i) => approved(`fill${i}`, 5))],
    );
    expect((await h.call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' })).statusCode).toBe(200);
    const pin = await h.call('POST', '/api/pins', { zone: 'tdp-1', date: '2026-05-20', window: '17:00', itemId: 'an1' });
    expect(pin.statusCode).toBe(201);
    const pinId = json<{ pin: { id: string } }>(pin).pin.id;

    expect((await h.call('DELETE', `/api/pins/${pinId}`)).statusCode).toBe(204);
    const week = h.saved(MONDAY, '2026-05-24');
    expect(plays(week, ['an1'])).toBeLessThanOrEqual(3);
    const whole = await dryRun(h, MONDAY, '2026-05-24');
    expect(week.map(key).sort()).toEqual(whole.slots.map(key).sort());
    // The week's shortfalls are those of the whole plan: recomputed, not just deleted, none stale.
    const stored = listShortfalls(h.db, { from: MONDAY, to: '2026-05-24' });
    expect(stored.map(shortKey).sort()).toEqual(whole.shortfalls.map(shortKey).sort());
    expect(stored.some((s) => s.topic === 'moi-truong' && s.period === '2026-W21' && s.reason === 'no-approved-item')).toBe(true);
  });

  it('a recall replaces the item and leaves the rest of the week valid', async () => {
    const h = await station(
      `${MONDAY}T00:00:00+07:00`,
      [{ id: 'tdp-1', name: 'Tổ dân phố 1', windows: PEAKS }],
      [{ id: 'dai-hoi', name: 'Đại hội XIV', rules: [{ per: 'week', min: 5, max: 5 }] }],
      [
        approved('dh1', 4, { topics: ['dai-hoi'], validUntil: at('2026-05-21', '23:59') }),
        approved('dh2', 4, { topics: ['dai-hoi'] }),
        approved('dh3', 4, { topics: ['dai-hoi'] }),
        ...[1, 2, 3, 4, 5, 6].map((i) => approved(`fill${i}`, 5)),
      ],
    );
    // Pins made on Monday: dh1 on Tuesday, the other two at the weekend.
    for (const [date, itemId] of [['2026-05-19', 'dh1'], ['2026-05-23', 'dh2'], ['2026-05-24', 'dh3']] as const) {
      expect((await h.call('POST', '/api/pins', { zone: 'tdp-1', date, window: '17:00', itemId })).statusCode).toBe(201);
    }
    expect(plays(h.saved(MONDAY, '2026-05-24'), ['dh1'])).toBeGreaterThan(0);

    const reviewer = await h.t.userToken('kiemduyet', 'reviewer');
    const res = await h.t.daemon.app.inject({ method: 'POST', url: '/api/items/dh1/reject', headers: bearer(reviewer), payload: { note: 'Thu hồi' } });
    expect(res.statusCode).toBe(200);
    expect(json<{ recall: unknown[] }>(res).recall.length).toBeGreaterThan(0);

    const week = h.saved(MONDAY, '2026-05-24');
    expect(plays(week, ['dh1'])).toBe(0);
    expect(plays(week, ['dh1', 'dh2', 'dh3'])).toBeLessThanOrEqual(5);
    const whole = await dryRun(h, MONDAY, '2026-05-24');
    expect(week.map(key).sort()).toEqual(whole.slots.map(key).sort());
    // The independent validator finds nothing wrong with the saved week (the pin of the recalled item is refused).
    expect(whole.rejectedPins).toEqual([expect.objectContaining({ pin: expect.objectContaining({ itemId: 'dh1' }) })]);
    const input = buildPlanInput(h.db, { tz: TZ, from: MONDAY, to: '2026-05-24', nowMs: at(MONDAY, '00:00') });
    const asSlots: Slot[] = week.map((s) => ({
      zone: s.zoneId, start: formatInstant(s.startMs, TZ), end: formatInstant(s.endMs, TZ), itemId: s.itemId, window: s.window, reason: s.reason,
    }));
    expect(validatePlan(input, asSlots, whole.rejectedPins)).toEqual([]);
  });

  it('plans from today to the end of the week, answers the range planned, and leaves nothing saved after it', async () => {
    const h = await station(
      '2026-05-20T10:00:00+07:00', // a Wednesday
      [
        { id: 'tdp-1', name: 'Tổ dân phố 1', windows: PEAKS },
        { id: 'g-1', name: 'Thôn 1', group: 'khu', windows: PEAKS },
        { id: 'g-2', name: 'Thôn 2', group: 'khu', windows: PEAKS },
      ],
      [],
      [1, 2, 3, 4, 5, 6].map((i) => approved(`fill${i}`, 5)),
    );
    // Friday alone asked: planned from today through Sunday of the horizon's last week (Tue 26 → Sun 31).
    const friday = json<{ from: string; to: string; requested: { from: string; to: string }; slots: Slot[] }>(
      await h.call('POST', '/api/plan', { from: '2026-05-22', to: '2026-05-22' }),
    );
    expect(friday).toMatchObject({ from: '2026-05-20', to: '2026-05-31', requested: { from: '2026-05-22', to: '2026-05-22' } });
    expect(friday.slots.length).toBeGreaterThan(0);
    expect(friday.slots.every((s) => s.start.startsWith('2026-05-22'))).toBe(true);
    expect(h.saved('2026-05-20', '2026-05-20').every((s) => s.startMs >= at('2026-05-20', '10:00'))).toBe(true);
    expect(h.saved('2026-05-20', '2026-05-31').length).toBeGreaterThan(friday.slots.length);

    // An operator plans further ahead: through the Sunday of 10 June's week.
    const long = json<{ to: string }>(await h.call('POST', '/api/plan', { from: '2026-05-20', to: '2026-06-10' }));
    expect(long.to).toBe('2026-06-14');
    // A later, shorter replan (nightly, a pin) keeps that programme and judges it whole: nothing is
    // left after its range, and nothing is cut.
    const pin = await h.call('POST', '/api/pins', { zone: 'tdp-1', date: '2026-05-21', window: '05:30', itemId: 'fill1' });
    expect(pin.statusCode).toBe(201);
    const short = json<{ to: string }>(await h.call('POST', '/api/plan', { from: '2026-05-20', to: '2026-05-20' }));
    expect(short.to).toBe('2026-06-14');
    expect(h.saved('2026-06-15', '2026-12-31')).toEqual([]);
    expect(h.saved('2026-06-14', '2026-06-14', 'tdp-1').length).toBeGreaterThan(0);

    // Planning one member of a group replans the group's shared programme, no slot twice.
    const before = h.saved('2026-05-20', '2026-06-14', 'tdp-1').map(key);
    expect((await h.call('POST', '/api/plan', { from: '2026-05-20', to: '2026-05-24', zones: ['g-1'] })).statusCode).toBe(200);
    const g1 = h.saved('2026-05-20', '2026-06-14', 'g-1');
    const g2 = h.saved('2026-05-20', '2026-06-14', 'g-2');
    expect(g1.length).toBeGreaterThan(0);
    expect(g1.map((s) => s.startMs)).toEqual(g2.map((s) => s.startMs));
    expect(new Set(g1.map((s) => s.startMs)).size).toBe(g1.length);
    expect(h.saved('2026-05-20', '2026-06-14', 'tdp-1').map(key)).toEqual(before);
  });
});

describe('history for a replan', () => {
  it('a replan during a play keeps it, plans around it, and replaces every later slot of every zone', async () => {
    const fills = [1, 2, 3, 4, 5, 6].map((i) => approved(`fill${i}`, 5));
    const h = await station(
      `${MONDAY}T00:00:00+07:00`,
      [
        { id: 'tdp-1', name: 'Tổ dân phố 1', windows: [{ days: ALL, start: '05:30', end: '06:30', peak: true }] },
        { id: 'tdp-2', name: 'Tổ dân phố 2', windows: [{ days: ALL, start: '05:30', end: '06:30', peak: true }] },
        { id: 'tdp-3', name: 'Tổ dân phố 3', windows: [{ days: ALL, start: '05:33', end: '06:30', peak: true }] },
      ],
      [],
      fills,
    );
    expect((await h.call('POST', '/api/plan', { from: MONDAY, to: MONDAY })).statusCode).toBe(200);
    const first = (zone: string) => h.saved(MONDAY, MONDAY, zone)[0]!;
    const onAir1 = first('tdp-1');
    const onAir2 = first('tdp-2');
    expect(onAir1.startMs).toBe(at(MONDAY, '05:30'));
    // 05:32: tdp-1's first play is on air with an open log row (last heartbeat 05:32); tdp-2's has
    // no log (no playout), tdp-3's first slot (05:33) has not started.
    const recorder = createAirtimeRecorder(h.db, TZ);
    const item = { title: 'Tin', kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal' };
    recorder.recordStart({ zoneId: 'tdp-1', entry: { itemId: onAir1.itemId, startMs: onAir1.startMs, window: onAir1.window, source: 'plan', item }, startedAt: onAir1.startMs, outputs: [] });
    h.clock.set(`${MONDAY}T05:32:00+07:00`);
    expect((await h.call('POST', '/api/plan', { from: MONDAY, to: MONDAY })).statusCode).toBe(200);

    for (const [zone, onAir] of [['tdp-1', onAir1], ['tdp-2', onAir2]] as const) {
      const day = h.saved(MONDAY, MONDAY, zone);
      expect(day[0]).toEqual(onAir);
      expect(day[1]!.startMs).toBeGreaterThanOrEqual(onAir.endMs);
    }
    for (const zone of ['tdp-1', 'tdp-2', 'tdp-3']) {
      const day = h.saved(MONDAY, MONDAY, zone);
      for (let k = 1; k < day.length; k++) expect(day[k]!.startMs, zone).toBeGreaterThanOrEqual(day[k - 1]!.endMs);
    }
  });


  it('loads the day before a range that starts on a Monday and the 1st (repeat gap across midnight)', async () => {
    const windows = [
      { days: ALL, start: '00:00', end: '01:00', peak: true },
      { days: ALL, start: '23:00', end: '24:00', peak: true },
    ];
    const h = await station(
      '2026-06-01T00:00:00+07:00', // Monday 1 June
      ['tdp-1', 'tdp-2', 'tdp-3'].map((id) => ({ id, name: id, windows })),
      [],
      [approved('x', 5)],
    );
    const yesterday = at('2026-05-31', '23:30');
    const item = { title: 'Tin x', kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal' };
    const recorder = createAirtimeRecorder(h.db, TZ);
    // tdp-1: x aired at 23:30 yesterday. tdp-2: x was planned at 23:30 and nothing logged it (no
    // playout): counted as aired. tdp-3: x was planned and logged as failed: it did not air.
    const aired = recorder.recordStart({ zoneId: 'tdp-1', entry: { itemId: 'x', startMs: yesterday, window: '23:00-24:00', source: 'plan', item }, startedAt: yesterday, outputs: [] });
    recorder.recordEnd(aired, { endedAt: yesterday + 300_000, playedMs: 300_000, outcome: 'completed', detail: null, outputs: [] });
    const failed = recorder.recordStart({ zoneId: 'tdp-3', entry: { itemId: 'x', startMs: yesterday, window: '23:00-24:00', source: 'plan', item }, startedAt: yesterday, outputs: [] });
    recorder.recordEnd(failed, { endedAt: yesterday + 1000, playedMs: 0, outcome: 'failed', detail: 'no audio', outputs: [] });
    for (const zoneId of ['tdp-2', 'tdp-3']) {
      replaceSlots(h.db, { zones: [zoneId], from: '2026-05-31', to: '2026-05-31', cutoffMs: yesterday - 1 }, [
        { zoneId, date: '2026-05-31', startMs: yesterday, endMs: yesterday + 300_000, itemId: 'x', window: '23:00-24:00', reason: ['fill'] },
      ], [], yesterday - 1);
    }

    const res = await h.call('POST', '/api/plan', { from: '2026-06-01', to: '2026-06-01' });
    expect(res.statusCode).toBe(200);
    const gapEnd = at('2026-06-01', '01:30'); // 23:30 + 120 min
    const early = (zone: string) => h.saved('2026-06-01', '2026-06-01', zone).filter((s) => s.itemId === 'x' && s.startMs < gapEnd);
    expect(early('tdp-1')).toEqual([]);
    expect(early('tdp-2')).toEqual([]);
    expect(early('tdp-3').length).toBeGreaterThan(0);
  });
});

describe('migration 0006: shortfall kinds', () => {
  it('keeps the old shortfalls and stores an empty window or day without a topic', () => {
    const real = join(import.meta.dirname, '..', '..', 'migrations');
    const dir = mkdtempSync(join(tmpdir(), 'loa-mig-'));
    try {
      for (const f of readdirSync(real).filter((f) => f < '0006')) copyFileSync(join(real, f), join(dir, f));
      const db = openDatabase(':memory:', dir);
      const old: Shortfall = {
        kind: 'topic-below-target', zone: 'tdp-1', topic: 'dai-hoi', ruleIndex: 0, per: 'week', period: '2026-W21',
        periodStart: '2026-05-18', periodEnd: '2026-05-24', wanted: 3, planned: 1, reason: 'repeat-limits', message: { vi: 'v', en: 'e' },
      };
      db.prepare(`INSERT INTO shortfalls (zone_id, topic_id, period, period_start, period_end, body, planned_at)
        VALUES ('tdp-1', 'dai-hoi', '2026-W21', '2026-05-18', '2026-05-24', ?, 1)`).run(JSON.stringify(old));
      expect(migrate(db, real)).toContain(6);
      expect(db.prepare('SELECT kind, topic_id FROM shortfalls').all()).toEqual([{ kind: 'topic-below-target', topic_id: 'dai-hoi' }]);

      const empty: Shortfall = {
        kind: 'empty-window', zone: 'tdp-1', topic: null, ruleIndex: null, window: '17:00-17:30', per: 'day', period: '2026-05-19',
        periodStart: '2026-05-19', periodEnd: '2026-05-19', wanted: 1, planned: 0, reason: 'windows-too-short', message: { vi: 'v', en: 'e' },
      };
      const day: Shortfall = { ...empty, kind: 'empty-day', window: undefined, period: '2026-05-20', periodStart: '2026-05-20', periodEnd: '2026-05-20' };
      // A plan of 19–24 May replaces what was said of the week (begun on the 18th) and of its days.
      replaceSlots(db, { zones: ['tdp-1'], from: '2026-05-19', to: '2026-05-24', cutoffMs: 0 }, [], [empty, day], 2);
      expect(db.prepare('SELECT kind, topic_id FROM shortfalls ORDER BY id').all()).toEqual([
        { kind: 'empty-window', topic_id: null },
        { kind: 'empty-day', topic_id: null },
      ]);
      expect(listShortfalls(db, { from: '2026-05-18', to: '2026-05-24' }).map((s) => s.kind)).toEqual(['empty-window', 'empty-day']);
      expect(() => db.prepare(`INSERT INTO shortfalls (zone_id, kind, period, period_start, period_end, body, planned_at)
        VALUES ('tdp-1', 'bogus', 'p', 'a', 'b', '{}', 1)`).run()).toThrow(/CHECK/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

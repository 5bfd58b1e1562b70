import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { listPins, listShortfalls, listSlots } from '../../src/storage/plans.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { approvedItem } from '../support/approvedItem.ts';

const NOW = Date.parse('2026-05-18T00:00:00+07:00'); // a Monday

const approved = (id: string, minutes: number, extra: Partial<ItemRecord> = {}) => approvedItem(id, minutes, NOW - 1000, extra);

describe('zones, topics and planning through the API', () => {
  let t: TestDaemon;
  let op: string;
  const put = (url: string, payload: unknown) => t.daemon.app.inject({ method: 'PUT', url, headers: bearer(op), payload: payload as object });

  beforeAll(async () => {
    t = await startTestDaemon({ clock: fakeClock(NOW) });
    op = await t.login('admin', ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it('refuses impossible zones and topics with 400 naming the field', async () => {
    const endBeforeStart = await put('/api/zones/tdp-1', { name: 'TDP 1', windows: [{ days: [1], start: '06:00', end: '05:30' }] });
    expect(endBeforeStart.statusCode).toBe(400);
    expect(json(endBeforeStart).details).toEqual([expect.objectContaining({ field: 'body.windows.0.end' })]);
    const overlap = await put('/api/zones/tdp-1', {
      name: 'TDP 1',
      windows: [{ days: [1, 2], start: '05:30', end: '06:15' }, { days: [2], start: '06:00', end: '06:30' }],
    });
    expect(json(overlap).details).toEqual([expect.objectContaining({ field: 'body.windows.1' })]);
    const badDays = await put('/api/zones/tdp-1', { name: 'TDP 1', windows: [{ days: [0, 8], start: '25:00', end: '06:00' }] });
    const fields = (json(badDays).details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.windows.0.days.0', 'body.windows.0.days.1', 'body.windows.0.start']));
    const minMax = await put('/api/topics/dai-hoi-xiv', { name: 'Đại hội XIV', rules: [{ per: 'week', min: 5, max: 3 }] });
    expect(json(minMax).details).toEqual([expect.objectContaining({ field: 'body.rules.0.min' })]);
    const unknownZone = await put('/api/topics/dai-hoi-xiv', { name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, zones: ['tdp-99'] }] });
    expect(unknownZone.statusCode).toBe(400);
    expect(json(unknownZone).message).toContain('tdp-99');
    const zones = json<{ zones: unknown[] }>(await t.daemon.app.inject({ url: '/api/zones', headers: bearer(op) }));
    expect(zones.zones).toEqual([]);
  });

  it('plans a week, shows the programme with reasons, and explains shortfalls', async () => {
    const windows = [
      { days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:00', peak: true },
      { days: [1, 2, 3, 4, 5, 6, 7], start: '17:00', end: '17:30', peak: true },
    ];
    expect((await put('/api/zones/tdp-1', { name: 'Tổ dân phố 1', windows })).statusCode).toBe(200);
    expect((await put('/api/zones/tdp-2', { name: 'Tổ dân phố 2', windows })).statusCode).toBe(200);
    expect((await put('/api/topics/dai-hoi-xiv', { name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, max: 2, peakOnly: true }] })).statusCode).toBe(200);
    expect((await put('/api/topics/an-ninh', { name: 'An ninh trật tự', rules: [{ per: 'week', min: 2 }] })).statusCode).toBe(200);
    for (let i = 0; i < 12; i++) insertItem(t.daemon.db, approved(`itm_fill${i}`, 3));
    insertItem(t.daemon.db, approved('itm_dh1', 4, { topics: ['dai-hoi-xiv'] }));
    insertItem(t.daemon.db, approved('itm_dh2', 4, { topics: ['dai-hoi-xiv'] }));

    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/plan', headers: bearer(op), payload: { from: '2026-05-18', to: '2026-05-24' } });
    expect(res.statusCode).toBe(200);
    const plan = json<{ slots: { zone: string; start: string }[]; shortfalls: { topic: string; reason: string; message: { vi: string } }[] }>(res);
    expect(plan.slots.length).toBeGreaterThan(50);
    expect(plan.slots.every((s) => s.start.endsWith('+07:00'))).toBe(true);
    // No approved item carries "an-ninh": one shortfall per zone for the week, with the true reason.
    const anNinh = plan.shortfalls.filter((s) => s.topic === 'an-ninh');
    expect(anNinh).toHaveLength(2);
    expect(anNinh[0]!.reason).toBe('no-approved-item');
    expect(anNinh[0]!.message.vi).toContain('An ninh trật tự');

    const schedule = json<{ slots: { window: string; title: string; reasonText: string; start: string }[] }>(
      await t.daemon.app.inject({ url: '/api/schedule?zone=tdp-1&date=2026-05-18', headers: bearer(op) }),
    );
    expect(schedule.slots[0]!.start).toBe('2026-05-18T05:30:00+07:00');
    expect(schedule.slots.some((s) => s.reasonText.includes('Đại hội XIV'))).toBe(true);
    const stored = json<{ shortfalls: unknown[] }>(await t.daemon.app.inject({ url: '/api/shortfalls?from=2026-05-18&to=2026-05-24', headers: bearer(op) }));
    expect(stored.shortfalls).toHaveLength(plan.shortfalls.length);
    // Planning again from mid-week replaces what was said of that week; nothing piles up.
    await t.daemon.app.inject({ method: 'POST', url: '/api/plan', headers: bearer(op), payload: { from: '2026-05-20', to: '2026-05-24' } });
    const again = json<{ shortfalls: { zone: string; topic: string; period: string }[] }>(
      await t.daemon.app.inject({ url: '/api/shortfalls?from=2026-05-18&to=2026-05-24', headers: bearer(op) }),
    );
    const keys = again.shortfalls.map((s) => `${s.zone}|${s.topic}|${s.period}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps a pin across re-planning and refuses one that breaks a hard rule', async () => {
    const pin = await t.daemon.app.inject({
      method: 'POST', url: '/api/pins', headers: bearer(op),
      payload: { zone: 'tdp-2', date: '2026-05-19', window: '17:00', itemId: 'itm_fill7' },
    });
    expect(pin.statusCode).toBe(201);
    await t.daemon.app.inject({ method: 'POST', url: '/api/plan', headers: bearer(op), payload: { from: '2026-05-18', to: '2026-05-24' } });
    const evening = json<{ slots: { itemId: string; window: string; reason: string[] }[] }>(
      await t.daemon.app.inject({ url: '/api/schedule?zone=tdp-2&date=2026-05-19', headers: bearer(op) }),
    ).slots.filter((s) => s.window === '17:00-17:30');
    expect(evening.find((s) => s.itemId === 'itm_fill7')?.reason).toContain('pin');

    insertItem(t.daemon.db, approved('itm_long', 45));
    const tooLong = await t.daemon.app.inject({
      method: 'POST', url: '/api/pins', headers: bearer(op),
      payload: { zone: 'tdp-2', date: '2026-05-19', window: '05:30', itemId: 'itm_long' },
    });
    expect(tooLong.statusCode).toBe(409);
    const pins = json<{ pins: unknown[] }>(await t.daemon.app.inject({ url: '/api/pins?from=2026-05-18&to=2026-05-24', headers: bearer(op) }));
    expect(pins.pins).toHaveLength(1);
  });

  it('recalls a rejected item from every future slot and says what replaced it', async () => {
    const reviewer = await t.userToken('kiemduyet', 'reviewer');
    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/items/itm_dh1/reject', headers: bearer(reviewer), payload: { note: 'Thu hồi: sai thông tin' } });
    expect(res.statusCode).toBe(200);
    const body = json<{ status: string; recall: { zone: string; replacedBy: { itemId: string } | null }[] }>(res);
    expect(body.status).toBe('rejected');
    expect(body.recall.length).toBeGreaterThan(0);
    expect(body.recall.every((r) => r.replacedBy?.itemId !== 'itm_dh1')).toBe(true);
    const week = await t.daemon.app.inject({ url: '/api/schedule?zone=tdp-1&date=2026-05-20', headers: bearer(op) });
    expect(json<{ slots: { itemId: string }[] }>(week).slots.some((s) => s.itemId === 'itm_dh1')).toBe(false);
  });

  it('refuses an impossible date on every route with 400 naming the field, and changes nothing', async () => {
    const db = t.daemon.db;
    const everything = () => ({
      slots: listSlots(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }),
      shortfalls: listShortfalls(db, { from: '0000-01-01', to: '9999-12-31' }),
      pins: listPins(db, '0000-01-01', '9999-12-31'),
    });
    const before = everything();
    expect(before.slots.length).toBeGreaterThan(0);
    const cases: [string, string, object | undefined, string][] = [
      ['POST', '/api/plan', { from: '2026-02-30', to: '2026-05-24' }, 'body.from'],
      ['POST', '/api/plan', { from: '2026-05-18', to: '2026-02-30', dryRun: true }, 'body.to'],
      ['POST', '/api/pins', { zone: 'tdp-1', date: '2026-02-30', window: '05:30', itemId: 'itm_fill1' }, 'body.date'],
      ['POST', '/api/pins', { zone: 'tdp-1', date: '2026-02-30', itemId: 'itm_fill1', kind: 'exclude' }, 'body.date'],
      ['GET', '/api/schedule?zone=tdp-1&date=2026-02-30', undefined, 'querystring.date'],
      ['GET', '/api/shortfalls?from=2026-02-30&to=2026-05-24', undefined, 'querystring.from'],
      ['GET', '/api/pins?from=2026-05-18&to=2026-02-30', undefined, 'querystring.to'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await t.daemon.app.inject({ method: method as 'GET' | 'POST', url, headers: bearer(op), ...(payload && { payload }) });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(json<{ details: { field: string }[] }>(res).details, `${method} ${url}`).toEqual([expect.objectContaining({ field })]);
    }
    expect(everything()).toEqual(before);
  });

  it('refuses planning the past and unknown zones', async () => {
    const past = await t.daemon.app.inject({ method: 'POST', url: '/api/plan', headers: bearer(op), payload: { from: '2026-05-01', to: '2026-05-02' } });
    expect(past.statusCode).toBe(400);
    const unknown = await t.daemon.app.inject({ method: 'POST', url: '/api/plan', headers: bearer(op), payload: { from: '2026-05-18', to: '2026-05-18', zones: ['nope'] } });
    expect(unknown.statusCode).toBe(400);
    const pastPin = await t.daemon.app.inject({ method: 'POST', url: '/api/pins', headers: bearer(op), payload: { zone: 'tdp-1', date: '2026-05-17', window: '05:30', itemId: 'itm_fill1' } });
    expect(pastPin.statusCode).toBe(400);
    expect(json(pastPin).details).toEqual([expect.objectContaining({ field: 'body.date' })]);
  });
});

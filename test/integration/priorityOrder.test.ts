/**
 * The operator's order of priority items through the API (issue 10 "Priority"): read it, change it
 * (only with plan:run, only approved priority items, each once), see it audited, and see the
 * replan it triggers air the items in that order in GET /api/schedule.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import type { AuditEntry } from '../support/auditEntry.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const NOW = Date.parse('2026-05-18T00:00:00+07:00'); // a Monday
const DAY = '2026-05-18';

/** An approved library item written straight to the DB (planning needs no audio file). */
function libraryItem(id: string, extra: Partial<ItemRecord> = {}): ItemRecord {
  return {
    id, title: `Tin ${id}`, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null,
    validUntil: null, note: null, status: 'approved', failureReason: null, durationMs: 60_000, audioSha256: null,
    originalName: null, loudnessBefore: null, loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null,
    reviewedAt: NOW - 1000, reviewNote: null, approvedAt: NOW - 1000, createdAt: NOW - 2000, updatedAt: NOW - 1000, ...extra,
  };
}
/** Approved priority items p1, p2, p3, approved in that order (so p3 is the freshest). */
const priority = (id: string, hoursAgo: number) => libraryItem(id, { priority: 'priority', approvedAt: NOW - hoursAgo * 3_600_000 });

interface Entry { id: string; title: string; durationMs: number; validFrom: string | null; validUntil: string | null; order: number | null; expired: boolean }

let t: TestDaemon;
const tokens = {} as Record<'admin' | 'operator' | 'reviewer' | 'submitter', string>;

function call(who: keyof typeof tokens, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return t.daemon.app.inject({ ...opts, headers: { ...bearer(tokens[who]), ...opts.headers } });
}
const putOrder = (items: unknown, who: keyof typeof tokens = 'operator') => call(who, { method: 'PUT', url: '/api/priority-order', payload: { items } });
const getOrder = async () => json<{ items: Entry[] }>(await call('operator', { url: '/api/priority-order' })).items;

/** The item ids of the zone's first window on DAY, as GET /api/schedule shows them. */
async function firstWindow(): Promise<string[]> {
  const res = await call('operator', { url: `/api/schedule?zone=tdp-1&date=${DAY}` });
  expect(res.statusCode).toBe(200);
  return json<{ slots: { itemId: string; window: string }[] }>(res).slots.filter((s) => s.window === '05:30-05:45').map((s) => s.itemId);
}

beforeAll(async () => {
  t = await startTestDaemon({ clock: fakeClock(NOW) });
  tokens.admin = await t.login('admin', ADMIN_PASSWORD);
  tokens.operator = await t.userToken('vanhanh', 'operator');
  tokens.reviewer = await t.userToken('kiemduyet', 'reviewer');
  tokens.submitter = await t.userToken('congan', 'submitter', 'Công an phường');
  const zone = { name: 'Tổ dân phố 1', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '05:45', peak: true }] };
  expect((await call('admin', { method: 'PUT', url: '/api/zones/tdp-1', payload: zone })).statusCode).toBe(200);
  insertItem(t.daemon.db, libraryItem('n1'));
  insertItem(t.daemon.db, libraryItem('n2'));
  insertItem(t.daemon.db, priority('p1', 30));
  insertItem(t.daemon.db, priority('p2', 20));
  insertItem(t.daemon.db, priority('p3', 10));
  insertItem(t.daemon.db, libraryItem('p-expired', { priority: 'priority', validUntil: NOW - 60_000 }));
  insertItem(t.daemon.db, libraryItem('p-pending', { priority: 'priority', status: 'pending', approvedAt: null }));
});
afterAll(() => t?.close());

describe('the priority order', () => {
  it('lists the approved priority items as the planner takes them, and plans them so', async () => {
    const items = await getOrder();
    expect(items.map((i) => i.id)).toEqual(['p-expired', 'p3', 'p2', 'p1']);
    expect(items.find((i) => i.id === 'p3')).toEqual({
      id: 'p3', title: 'Tin p3', durationMs: 60_000, validFrom: null, validUntil: null, order: null, expired: false,
    });
    expect(items.find((i) => i.id === 'p-expired')).toMatchObject({ expired: true, validUntil: '2026-05-17T23:59:00+07:00' });
    const plan = await call('operator', { method: 'POST', url: '/api/plan', payload: { from: DAY, to: DAY } });
    expect(plan.statusCode).toBe(200);
    expect(await firstWindow()).toEqual(['p3', 'p2', 'p1', 'n1', 'n2']);
  });

  it('refuses what is not an approved priority item, or an item listed twice, naming the entry; nothing changes', async () => {
    for (const [bad, index] of [[['p1', 'n1'], 1], [['p-pending'], 0], [['p1', 'p2', 'no-such-item'], 2]] as const) {
      const res = await putOrder(bad);
      expect(res.statusCode).toBe(400);
      expect(json(res)).toMatchObject({ code: 'priority-order-not-priority', details: [{ field: `body.items.${index}` }] });
      expect(json<{ message: string }>(res).message).toContain(`items[${index}]`);
    }
    const twice = await putOrder(['p1', 'p2', 'p1']);
    expect(twice.statusCode).toBe(400);
    expect(json(twice)).toMatchObject({ code: 'priority-order-duplicate', details: [{ field: 'body.items.2' }] });
    expect(json<{ message: string }>(twice).message).toContain('items[0]');
    const english = await call('operator', { method: 'PUT', url: '/api/priority-order', payload: { items: ['n1'] }, headers: { 'accept-language': 'en' } });
    expect(json<{ message: string }>(english).message).toMatch(/^Entry items\[0\] \("n1"\) is not an approved priority item/);
    expect((await putOrder('p1')).statusCode).toBe(400);
    expect((await putOrder([''])).statusCode).toBe(400);
    expect((await getOrder()).map((i) => i.order)).toEqual([null, null, null, null]);
  });

  it('is read by those who see the schedule and changed only with plan:run', async () => {
    expect((await call('reviewer', { url: '/api/priority-order' })).statusCode).toBe(200);
    expect((await call('submitter', { url: '/api/priority-order' })).statusCode).toBe(403);
    expect((await putOrder(['p1'], 'reviewer')).statusCode).toBe(403);
    expect((await putOrder(['p1'], 'submitter')).statusCode).toBe(403);
    expect((await t.daemon.app.inject({ method: 'PUT', url: '/api/priority-order', payload: { items: ['p1'] } })).statusCode).toBe(401);
    expect((await getOrder()).map((i) => i.order)).toEqual([null, null, null, null]);
  });

  it('saves a new order, audits it, and the replan airs the items in that order', async () => {
    const res = await putOrder(['p1', 'p3', 'p2']);
    expect(res.statusCode).toBe(200);
    const expected = [['p1', 1], ['p3', 2], ['p2', 3], ['p-expired', null]];
    expect(json<{ items: Entry[] }>(res).items.map((i) => [i.id, i.order])).toEqual(expected);
    expect((await getOrder()).map((i) => [i.id, i.order])).toEqual(expected);

    const audit = json<{ entries: AuditEntry[] }>(await call('admin', { url: '/api/audit?action=priority.order' })).entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'vanhanh', action: 'priority.order', before: { items: [] }, after: { items: ['p1', 'p3', 'p2'] } });

    // The change replans as any station change does (debounced): the window's head follows the new order.
    await expect.poll(async () => (await firstWindow()).slice(0, 3), { timeout: 15_000, interval: 200 }).toEqual(['p1', 'p3', 'p2']);

    expect((await putOrder(['p2'])).statusCode).toBe(200);
    expect((await getOrder()).map((i) => [i.id, i.order])).toEqual([['p2', 1], ['p-expired', null], ['p3', null], ['p1', null]]);
    await expect.poll(async () => (await firstWindow()).slice(0, 3), { timeout: 15_000, interval: 200 }).toEqual(['p2', 'p3', 'p1']);
  });
});

/**
 * GET /api/station/revisions: the record of station settings revisions over real HTTP handling (inject)
 * — who changed what and when, newest first, paged, in the caller's language; who may read it.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionView } from '../../src/station/stationService.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const clock = fakeClock('2026-12-01T09:00:00+07:00');
let t: TestDaemon;
const tokens = {} as Record<'admin' | 'reviewer' | 'operator' | 'unit', string>;
const window = (start: string, end: string, peak: boolean) => ({ days: [1, 2, 3, 4, 5, 6, 7], start, end, peak });
// Disabled: no player runs for them.
const zone = (name: string, peakMorning = true) => ({ name, enabled: false, windows: [window('05:30', '06:30', peakMorning), window('17:00', '18:00', !peakMorning)] });

function call(who: keyof typeof tokens, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return t.daemon.app.inject({ ...opts, headers: { ...bearer(tokens[who]), ...opts.headers } });
}
const list = async (query = '', lang = 'vi') => {
  const res = await call('reviewer', { url: `/api/station/revisions${query}`, headers: { 'accept-language': lang } });
  expect(res.statusCode).toBe(200);
  return json<{ revisions: RevisionView[]; next: number | null }>(res);
};

beforeAll(async () => {
  t = await startTestDaemon({ clock, env: { LOA_PLAYOUT: 'false' } });
  tokens.admin = await t.login('admin', ADMIN_PASSWORD);
  tokens.reviewer = await t.userToken('kiemduyet', 'reviewer');
  tokens.operator = await t.userToken('vanhanh', 'operator');
  tokens.unit = await t.userToken('congan', 'submitter', 'Công an phường');
  for (const [method, url, payload] of [
    ['PUT', '/api/zones/tdp-1', zone('Tổ dân phố 1')],
    ['PUT', '/api/zones/tdp-2', zone('Tổ dân phố 2')],
    ['PUT', '/api/topics/dai-hoi-xiv', { name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, peakOnly: true }] }],
  ] as const) {
    expect((await call('operator', { method, url, payload })).statusCode).toBe(200);
    clock.advance(60_000);
  }
  // The peak moves to the evening in tdp-1; the rule owes two plays a day.
  expect((await call('operator', { method: 'PUT', url: '/api/zones/tdp-1', payload: zone('Tổ dân phố 1', false) })).statusCode).toBe(200);
  clock.advance(60_000);
  const rules = [{ per: 'day', min: 2, peakOnly: true }];
  expect((await call('admin', { method: 'PUT', url: '/api/topics/dai-hoi-xiv', payload: { name: 'Đại hội XIV', rules } })).statusCode).toBe(200);
  // Saving the same again changes nothing: no revision.
  expect((await call('admin', { method: 'PUT', url: '/api/topics/dai-hoi-xiv', payload: { name: 'Đại hội XIV', rules } })).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('GET /api/station/revisions', () => {
  it('lists every change newest first: who, when, what in a few words', async () => {
    const { revisions, next } = await list();
    expect(next).toBeNull();
    expect(revisions.map((r) => [r.id, r.createdBy, r.createdAt, r.summary])).toEqual([
      [5, 'admin', '2026-12-01T09:04:00+07:00', 'chủ đề dai-hoi-xiv: chỉ tiêu'],
      [4, 'vanhanh', '2026-12-01T09:03:00+07:00', 'vùng loa tdp-1: khung giờ'],
      [3, 'vanhanh', '2026-12-01T09:02:00+07:00', 'chủ đề dai-hoi-xiv: thêm'],
      [2, 'vanhanh', '2026-12-01T09:01:00+07:00', 'vùng loa tdp-2: thêm'],
      [1, 'vanhanh', '2026-12-01T09:00:00+07:00', 'vùng loa tdp-1: thêm'],
      [0, 'migration', expect.any(String), 'cài đặt ban đầu'],
    ]);
    expect(revisions[1]!.changes).toEqual([{ what: 'zone', id: 'tdp-1', change: 'changed', fields: ['windows'] }]);
    expect((await list('', 'en')).revisions[0]!.summary).toBe('topic dai-hoi-xiv: rules');
  });

  it('pages with limit and before, each page telling what its oldest changed', async () => {
    const first = await list('?limit=2');
    expect(first.revisions.map((r) => r.id)).toEqual([5, 4]);
    expect(first.next).toBe(4);
    const second = await list(`?limit=2&before=${first.next}`);
    expect(second.revisions.map((r) => [r.id, r.summary])).toEqual([[3, 'chủ đề dai-hoi-xiv: thêm'], [2, 'vùng loa tdp-2: thêm']]);
    const last = await list(`?limit=2&before=${second.next}`);
    expect(last.revisions.map((r) => r.id)).toEqual([1, 0]);
    expect(last.next).toBeNull();
  });

  it('is read by those who read the station; a bad page is a 400 naming the field', async () => {
    expect((await call('operator', { url: '/api/station/revisions' })).statusCode).toBe(200);
    expect((await call('unit', { url: '/api/station/revisions' })).statusCode).toBe(403);
    expect((await t.daemon.app.inject({ url: '/api/station/revisions' })).statusCode).toBe(401);
    const bad = await call('reviewer', { url: '/api/station/revisions?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('limit');
  });
});

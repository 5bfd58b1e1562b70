/**
 * The audit log (issue 12, Security; decisions §12) through the real daemon: every kind of change
 * leaves exactly one row saying who, what, on what, before and after, and no secret — the passwords,
 * stream key and Icecast password this test sets are searched for in the rows themselves.
 */
import { readFileSync } from 'node:fs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../support/auditEntry.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, json, multipart, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const STREAM_KEY = 'khoa-rieng-tdp-a-2026';
const ICECAST_PASSWORD = 'matkhau-icecast-77';
const ZONE_A = {
  name: 'Tổ dân phố A', group: 'khu-a',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '07:00', peak: true }],
  outputs: [{ type: 'http', key: STREAM_KEY }, { type: 'icecast', url: `icecast://source:${ICECAST_PASSWORD}@127.0.0.1:8000/tdp-a` }],
};

let t: TestDaemon;
let fixtures: string;
let tone: Buffer;
const tokens = {} as Record<'admin' | 'reviewer' | 'operator' | 'unit', string>;
const ids = {} as Record<'reviewer' | 'operator' | 'unit', string>;
const clock = fakeClock('2026-12-03T09:00:00+07:00');

beforeAll(async () => {
  t = await startTestDaemon({ clock, env: { LOA_PLAYOUT: 'false' } });
  fixtures = await makeTempDir();
  tone = readFileSync(await makeTone(fixtures, { seconds: 3, format: 'mp3' }));
  tokens.admin = await t.login('admin', ADMIN_PASSWORD);
  tokens.reviewer = await t.userToken('kiemduyet', 'reviewer');
  tokens.operator = await t.userToken('vanhanh', 'operator');
  tokens.unit = await t.userToken('congan', 'submitter', 'Công an phường');
  const users = json<{ users: { id: string; username: string }[] }>(await call('admin', { url: '/api/users' })).users;
  for (const [key, name] of [['reviewer', 'kiemduyet'], ['operator', 'vanhanh'], ['unit', 'congan']] as const) {
    ids[key] = users.find((u) => u.username === name)!.id;
  }
});
afterAll(async () => {
  await t?.close();
  if (fixtures) await removeDir(fixtures);
});

function call(who: keyof typeof tokens, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return t.daemon.app.inject({ ...opts, headers: { ...bearer(tokens[who]), ...opts.headers } });
}
const lastId = () => (t.daemon.db.prepare('SELECT coalesce(max(id), 0) AS id FROM audit').get() as { id: number }).id;

/** The rows the API shows after `since`, oldest first. */
async function rowsAfter(since: number): Promise<AuditEntry[]> {
  const res = await call('admin', { url: '/api/audit?limit=500' });
  expect(res.statusCode).toBe(200);
  return json<{ entries: AuditEntry[] }>(res).entries.filter((e) => e.id > since).reverse();
}

/** Runs a change and returns the one audit row it left (failing when it left none or several). */
async function onlyRowOf(change: () => Promise<unknown>): Promise<AuditEntry> {
  const since = lastId();
  await change();
  const rows = await rowsAfter(since);
  expect(rows.map((r) => r.action)).toHaveLength(1);
  return rows[0]!;
}

/** The raw row as stored, to search for secrets in every column. */
const storedRow = (id: number) => JSON.stringify(t.daemon.db.prepare('SELECT * FROM audit WHERE id = ?').get(id));

async function expectStatus(res: Promise<LightMyRequestResponse>, status: number): Promise<LightMyRequestResponse> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

async function waitProcessed(id: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const item = json<{ status: string }>(await call('admin', { url: `/api/items/${id}` }));
    if (item.status !== 'processing') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('ingest did not finish');
}

async function upload(who: keyof typeof tokens, title: string): Promise<string> {
  const body = multipart({ title, kind: 'tin' }, { name: 'tin.mp3', data: tone });
  const res = await expectStatus(call(who, { method: 'POST', url: '/api/items', headers: body.headers, payload: body.payload }), 202);
  return json<{ id: string }>(res).id;
}

const lastHistoryId = async (itemId: string) =>
  json<{ events: { id: number }[] }>(await call('admin', { url: `/api/items/${itemId}/history` })).events.at(-1)!.id;

describe('the audit log records every change once', () => {
  let itemId: string;

  it('items: upload, edit, approve, reject, replace audio, archive — each one row pointing at the item history', async () => {
    let row = await onlyRowOf(async () => {
      itemId = await upload('unit', 'Tin cảnh giác lừa đảo');
      await waitProcessed(itemId); // ingest changes the status but is no one's change: no row of its own
    });
    expect(row).toMatchObject({ actor: 'congan', actorId: ids.unit, action: 'item.upload', target: `item:${itemId}`, before: null });
    expect(row.after).toMatchObject({ title: 'Tin cảnh giác lừa đảo', status: 'processing', unit: 'Công an phường' });
    expect(row.at).toBe('2026-12-03T09:00:00+07:00');

    clock.advance(60_000);
    row = await onlyRowOf(() => expectStatus(call('unit', { method: 'PATCH', url: `/api/items/${itemId}`, payload: { title: 'Tin cảnh giác lừa đảo qua mạng' } }), 200));
    expect(row).toMatchObject({ actor: 'congan', action: 'item.edit', before: { title: 'Tin cảnh giác lừa đảo' }, after: { title: 'Tin cảnh giác lừa đảo qua mạng' } });
    expect(row.itemEventId).toBe(await lastHistoryId(itemId));

    row = await onlyRowOf(() => expectStatus(call('reviewer', { method: 'POST', url: `/api/items/${itemId}/approve`, payload: {} }), 200));
    expect(row).toMatchObject({ actor: 'kiemduyet', action: 'item.approve', before: { status: 'pending' }, after: { status: 'approved' } });
    expect(row.itemEventId).toBe(await lastHistoryId(itemId));

    row = await onlyRowOf(() => expectStatus(call('reviewer', { method: 'POST', url: `/api/items/${itemId}/reject`, payload: { note: 'Sai số điện thoại' } }), 200));
    expect(row).toMatchObject({ action: 'item.reject', before: { status: 'approved', reviewNote: null }, after: { status: 'rejected', reviewNote: 'Sai số điện thoại' } });

    row = await onlyRowOf(async () => {
      const body = multipart({}, { name: 'ban-moi.mp3', data: tone });
      await expectStatus(call('operator', { method: 'PATCH', url: `/api/items/${itemId}`, headers: body.headers, payload: body.payload }), 200);
      await waitProcessed(itemId);
    });
    expect(row).toMatchObject({ actor: 'vanhanh', action: 'item.replace-audio', before: { status: 'rejected', originalName: 'tin.mp3' }, after: { status: 'processing', originalName: 'ban-moi.mp3' } });

    await expectStatus(call('reviewer', { method: 'POST', url: `/api/items/${itemId}/approve`, payload: {} }), 200);
    const archivedId = await upload('operator', 'Tin cũ');
    await waitProcessed(archivedId);
    row = await onlyRowOf(() => expectStatus(call('operator', { method: 'DELETE', url: `/api/items/${archivedId}` }), 200));
    expect(row).toMatchObject({ actor: 'vanhanh', action: 'item.archive', target: `item:${archivedId}`, before: { status: 'pending' }, after: { status: 'archived' } });
    expect(row.itemEventId).toBe(await lastHistoryId(archivedId));
  });

  it('says when the admin approved their own upload (four-eyes waived)', async () => {
    const own = await upload('admin', 'Thông báo của trạm');
    await waitProcessed(own);
    const row = await onlyRowOf(() => expectStatus(call('admin', { method: 'POST', url: `/api/items/${own}/approve`, payload: {} }), 200));
    expect(row).toMatchObject({ actor: 'admin', action: 'item.approve', after: { status: 'approved', selfApproved: true } });
  });

  it('zones, topics, policy: put and delete with before and after, stream key and Icecast password hidden', async () => {
    let row = await onlyRowOf(() => expectStatus(call('operator', { method: 'PUT', url: '/api/zones/tdp-a', payload: ZONE_A }), 200));
    expect(row).toMatchObject({ actor: 'vanhanh', action: 'zone.put', target: 'zone:tdp-a', before: null });
    expect(row.after!.outputs).toEqual([
      { type: 'http', key: '***', hasKey: true, idle: 'silence' },
      { type: 'icecast', url: 'icecast://source:***@127.0.0.1:8000/tdp-a' },
    ]);
    expect(storedRow(row.id)).not.toContain(STREAM_KEY);
    expect(storedRow(row.id)).not.toContain(ICECAST_PASSWORD);

    await expectStatus(call('operator', { method: 'PUT', url: '/api/zones/tdp-b', payload: { ...ZONE_A, name: 'Tổ dân phố B', outputs: [{ type: 'http' }] } }), 200);

    const zoneC = { name: 'Tổ dân phố C', windows: ZONE_A.windows, outputs: [{ type: 'http', key: STREAM_KEY }] };
    await expectStatus(call('operator', { method: 'PUT', url: '/api/zones/tdp-c', payload: zoneC }), 200);
    const later = [{ days: [1, 2, 3, 4, 5], start: '17:00', end: '18:00', peak: true }];
    row = await onlyRowOf(() => expectStatus(call('operator', { method: 'PUT', url: '/api/zones/tdp-c', payload: { ...zoneC, windows: later } }), 200));
    // Only what changed: the windows, not the name or outputs sent again.
    expect(row.before).toEqual({ windows: ZONE_A.windows });
    expect(row.after).toEqual({ windows: later });
    row = await onlyRowOf(() => expectStatus(call('admin', { method: 'DELETE', url: '/api/zones/tdp-c' }), 204));
    expect(row).toMatchObject({ actor: 'admin', action: 'zone.delete', target: 'zone:tdp-c', after: null, before: { name: 'Tổ dân phố C' } });
    expect(storedRow(row.id)).not.toContain(STREAM_KEY);

    row = await onlyRowOf(() => expectStatus(call('operator', { method: 'PUT', url: '/api/topics/an-ninh', payload: { name: 'An ninh trật tự' } }), 200));
    expect(row).toMatchObject({ action: 'topic.put', target: 'topic:an-ninh', before: null, after: { id: 'an-ninh', name: 'An ninh trật tự', rules: [] } });
    row = await onlyRowOf(() => expectStatus(call('operator', { method: 'DELETE', url: '/api/topics/an-ninh' }), 204));
    expect(row).toMatchObject({ action: 'topic.delete', target: 'topic:an-ninh', before: { name: 'An ninh trật tự' }, after: null });

    const policy = json(await call('admin', { url: '/api/policy' }));
    row = await onlyRowOf(() => expectStatus(call('operator', { method: 'PUT', url: '/api/policy', payload: { ...policy, maxPlaysPerItemPerDay: 3 } }), 200));
    expect(row).toMatchObject({ action: 'policy.put', target: 'policy', before: { maxPlaysPerItemPerDay: 2 }, after: { maxPlaysPerItemPerDay: 3 } });
  });

  it('plan runs, pins, exclusions and play now: who asked, what, and every zone it reached', async () => {
    let row = await onlyRowOf(() => expectStatus(call('operator', { method: 'POST', url: '/api/plan', payload: { from: '2026-12-03', to: '2026-12-05', zones: ['tdp-a'] } }), 200));
    expect(row).toMatchObject({ actor: 'vanhanh', action: 'plan.run', target: 'plan', zones: ['tdp-a', 'tdp-b'] });
    expect(row.after).toMatchObject({ requested: { from: '2026-12-03', to: '2026-12-05' }, planned: { from: '2026-12-03', to: '2026-12-13' } });
    // A dry run changes nothing and leaves no row.
    const since = lastId();
    await expectStatus(call('operator', { method: 'POST', url: '/api/plan', payload: { from: '2026-12-03', to: '2026-12-05', dryRun: true } }), 200);
    expect(await rowsAfter(since)).toEqual([]);

    let pinId = '';
    row = await onlyRowOf(async () => {
      const res = await expectStatus(call('operator', { method: 'POST', url: '/api/pins', payload: { zone: 'tdp-a', date: '2026-12-04', window: '06:00', itemId } }), 201);
      pinId = json<{ pin: { id: string } }>(res).pin.id;
    });
    expect(row).toMatchObject({ action: 'pin.add', target: `pin:${pinId}`, zones: ['tdp-a'], before: null, after: { kind: 'pin', zone: 'tdp-a', date: '2026-12-04', window: '06:00', itemId } });
    row = await onlyRowOf(() => expectStatus(call('admin', { method: 'DELETE', url: `/api/pins/${pinId}` }), 204));
    expect(row).toMatchObject({ actor: 'admin', action: 'pin.remove', target: `pin:${pinId}`, before: { kind: 'pin', itemId }, after: null });

    row = await onlyRowOf(async () => {
      const res = await expectStatus(call('operator', { method: 'POST', url: '/api/pins', payload: { zone: 'tdp-b', date: '2026-12-05', itemId, kind: 'exclude' } }), 201);
      pinId = json<{ pin: { id: string } }>(res).pin.id;
    });
    expect(row).toMatchObject({ action: 'exclusion.add', after: { kind: 'exclude', zone: 'tdp-b', window: null } });
    row = await onlyRowOf(() => expectStatus(call('operator', { method: 'DELETE', url: `/api/pins/${pinId}` }), 204));
    expect(row.action).toBe('exclusion.remove');

    row = await onlyRowOf(() => expectStatus(call('operator', {
      method: 'POST', url: '/api/programmes', payload: { zones: ['tdp-a'], items: [itemId], at: '2026-12-03T10:30:00+07:00', outsideWindows: true },
    }), 201));
    // tdp-b shares tdp-a's group, so it hears the play too: the row says so (decisions §3).
    expect(row).toMatchObject({ actor: 'vanhanh', action: 'programme.play', target: 'programme', zones: ['tdp-a', 'tdp-b'] });
    expect(row.after).toMatchObject({ zones: ['tdp-a'], reached: ['tdp-a', 'tdp-b'], items: [{ id: itemId }], start: '2026-12-03T10:30:00+07:00' });
  });

  it('users: add, password reset, revoke — never the password itself', async () => {
    const password = 'mat-khau-rat-bi-mat-1';
    let userId = '';
    let row = await onlyRowOf(async () => {
      const res = await expectStatus(call('admin', { method: 'POST', url: '/api/users', payload: { username: 'totruong', role: 'operator', password } }), 201);
      userId = json<{ id: string }>(res).id;
    });
    expect(row).toMatchObject({ actor: 'admin', action: 'user.add', target: `user:${userId}`, before: null, after: { username: 'totruong', role: 'operator', unit: null } });
    expect(storedRow(row.id)).not.toContain(password);

    const reset = 'mat-khau-moi-bi-mat-2';
    row = await onlyRowOf(() => expectStatus(call('admin', { method: 'POST', url: `/api/users/${userId}/password`, payload: { password: reset } }), 200));
    expect(row).toMatchObject({ action: 'user.password-reset', target: `user:${userId}`, after: { username: 'totruong', revokedTokens: 0 } });
    expect(storedRow(row.id)).not.toContain(reset);

    row = await onlyRowOf(() => expectStatus(call('admin', { method: 'POST', url: `/api/users/${userId}/revoke` }), 200));
    expect(row).toMatchObject({ action: 'user.revoke', target: `user:${userId}`, after: { revokedTokens: 0 } });
  });

  it('logins and failed logins: who and from where, never the password', async () => {
    const login = (username: string, password: string, status: number) =>
      expectStatus(t.daemon.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: '10.1.2.3' }), status);
    let row = await onlyRowOf(() => login('kiemduyet', 'kiemduyet-password', 200));
    expect(row).toMatchObject({ actor: 'kiemduyet', actorId: ids.reviewer, action: 'auth.login', target: `user:${ids.reviewer}`, address: '10.1.2.3', after: { kind: 'api' } });

    const wrong = 'doan-sai-mat-khau-9';
    row = await onlyRowOf(() => login('kiemduyet', wrong, 401));
    expect(row).toMatchObject({ actor: 'kiemduyet', action: 'auth.login-failed', target: `user:${ids.reviewer}`, address: '10.1.2.3', after: { reason: 'wrong-password' } });
    expect(storedRow(row.id)).not.toContain(wrong);

    row = await onlyRowOf(() => login('khong-ai', wrong, 401));
    expect(row).toMatchObject({ actor: 'khong-ai', actorId: null, target: 'user', after: { reason: 'unknown-user' } });
    // A password typed into the name field is not kept either.
    row = await onlyRowOf(() => login('Mật khẩu của tôi!', wrong, 401));
    expect(row.actor).toBe('?');
    expect(storedRow(row.id)).not.toContain('Mật khẩu');
  });
});

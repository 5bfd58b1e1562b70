/**
 * Reading the audit log: GET /api/audit's filters (and a 400 for each bad one), who may read it,
 * that the table refuses UPDATE and DELETE, and the `loa` command line's changes (actor "cli") landing
 * in the log of a running daemon.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/time.ts';
import type { AuditEntry } from '../support/auditEntry.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const run = promisify(execFile);
const clock = fakeClock('2026-12-01T09:00:00+07:00');
const DAY = 86_400_000;
let t: TestDaemon;
const tokens = {} as Record<'admin' | 'reviewer' | 'operator' | 'unit', string>;
let operatorId = '';

// Disabled zones: no player runs for them, so moving the fake clock by days stays quick.
const zone = (name: string) => ({ name, enabled: false, windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '07:00', peak: true }] });

beforeAll(async () => {
  t = await startTestDaemon({ clock, env: { LOA_PLAYOUT: 'false' } });
  tokens.admin = await t.login('admin', ADMIN_PASSWORD);
  tokens.reviewer = await t.userToken('kiemduyet', 'reviewer');
  tokens.operator = await t.userToken('vanhanh', 'operator');
  tokens.unit = await t.userToken('congan', 'submitter', 'Công an phường');
  operatorId = json<{ id: string }>(await call('operator', { url: '/api/auth/me' })).id;
  // Day 1 (2026-12-01): the operator sets up two zones and a topic.
  await call('operator', { method: 'PUT', url: '/api/zones/tdp-1', payload: zone('Tổ dân phố 1') });
  await call('operator', { method: 'PUT', url: '/api/zones/tdp-2', payload: zone('Tổ dân phố 2') });
  await call('operator', { method: 'PUT', url: '/api/topics/an-ninh', payload: { name: 'An ninh trật tự' } });
  // Day 2: the admin renames a zone and plans tdp-1 only.
  clock.advance(DAY);
  await call('admin', { method: 'PUT', url: '/api/zones/tdp-2', payload: zone('Tổ dân phố số 2') });
  await call('admin', { method: 'POST', url: '/api/plan', payload: { from: '2026-12-02', to: '2026-12-02', zones: ['tdp-1'] } });
  // Day 3: the operator removes the topic.
  clock.advance(DAY);
  await call('operator', { method: 'DELETE', url: '/api/topics/an-ninh' });
});
afterAll(() => t?.close());

function call(who: keyof typeof tokens, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return t.daemon.app.inject({ ...opts, headers: { ...bearer(tokens[who]), ...opts.headers } });
}
async function audit(query: string, who: keyof typeof tokens = 'admin'): Promise<{ total: number; entries: AuditEntry[] }> {
  const res = await call(who, { url: `/api/audit?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
}
const actionsOf = (r: { entries: AuditEntry[] }) => r.entries.map((e) => e.action);

describe('GET /api/audit', () => {
  it('lists newest first, instants in station time', async () => {
    const all = await audit('limit=500');
    expect(all.total).toBe(all.entries.length);
    const times = all.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.entries[0]).toMatchObject({ action: 'topic.delete', at: '2026-12-03T09:00:00+07:00' });
  });

  it('filters by actor (name or id), action (one or all of a noun) and target', async () => {
    const byName = await audit('actor=VANHANH&action=zone.put');
    expect(byName.entries.map((e) => e.target)).toEqual(['zone:tdp-2', 'zone:tdp-1']);
    expect((await audit(`actor=${operatorId}&action=zone.put`)).total).toBe(2);
    expect(actionsOf(await audit('actor=vanhanh&action=topic'))).toEqual(['topic.delete', 'topic.put']);
    expect((await audit('action=auth.login')).entries.every((e) => e.action === 'auth.login')).toBe(true);
    expect((await audit('actor=nobody-at-all')).total).toBe(0);

    // zone:tdp-1 finds the zone's own rows and the plan run that reached it; tdp-2 was not planned.
    expect(actionsOf(await audit('target=zone:tdp-1'))).toEqual(['plan.run', 'zone.put']);
    expect(actionsOf(await audit('target=zone:tdp-2'))).toEqual(['zone.put', 'zone.put']);
    expect((await audit('target=zone')).total).toBe(3);
    expect((await audit('target=policy')).total).toBe(0);
  });

  it('filters by station days or instants, and pages', async () => {
    expect(actionsOf(await audit('from=2026-12-02&to=2026-12-02'))).toEqual(['plan.run', 'zone.put']);
    expect(actionsOf(await audit('from=2026-12-03'))).toEqual(['topic.delete']);
    expect((await audit('to=2026-11-30')).total).toBe(0);
    const instants = await audit(`from=${encodeURIComponent('2026-12-02T09:00:00+07:00')}&to=${encodeURIComponent('2026-12-03T02:00:00Z')}`);
    expect(actionsOf(instants)).toEqual(['topic.delete', 'plan.run', 'zone.put']);

    const all = await audit('limit=500');
    const page = await audit('limit=2&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.entries.map((e) => e.id)).toEqual(all.entries.slice(1, 3).map((e) => e.id));
  });

  it('answers a bad filter with a 400 naming it', async () => {
    const bad: [string, string][] = [
      ['from=h%C3%B4m-qua', 'querystring.from'],
      ['from=2026-02-30', 'querystring.from'],
      ['from=2026-12-03&to=2026-12-01', 'querystring.to'],
      ['action=item.explode', 'querystring.action'],
      ['target=planet:1', 'querystring.target'],
      ['target=zone:', 'querystring.target'],
      ['limit=0', 'querystring.limit'],
      ['limit=501', 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['actor=', 'querystring.actor'],
      ['actr=admin', 'querystring'],
    ];
    for (const [query, field] of bad) {
      const res = await call('admin', { url: `/api/audit?${query}`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, query).toBe(400);
      const body = json<{ code: string; details: { field: string }[] }>(res);
      expect(body.code, query).toBe('validation-failed');
      expect(body.details.map((d) => d.field), query).toContain(field);
    }
  });

  it('is read by the admin and reviewers; operators and units get 403, no token 401', async () => {
    expect((await call('reviewer', { url: '/api/audit' })).statusCode).toBe(200);
    expect((await call('operator', { url: '/api/audit' })).statusCode).toBe(403);
    expect((await call('unit', { url: '/api/audit' })).statusCode).toBe(403);
    expect((await t.daemon.app.inject({ url: '/api/audit' })).statusCode).toBe(401);
  });
});

describe('the audit table', () => {
  it('refuses UPDATE and DELETE, of its rows and of their zones', () => {
    const db = t.daemon.db;
    const count = () => (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
    const before = count();
    expect(() => db.prepare("UPDATE audit SET actor_name = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_zones SET zone_id = 'tdp-9'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_zones').run()).toThrow(/append-only/);
    expect(count()).toBe(before);
    expect((db.prepare('SELECT count(*) AS n FROM audit WHERE actor_name = ?').get('vanhanh') as { n: number }).n).toBeGreaterThan(0);
  });
});

describe('the command line', () => {
  const loa = (...args: string[]) =>
    run(process.execPath, ['bin/loa.js', ...args], {
      env: cleanEnv({ LOA_DATA_DIR: t.config.dataDir, LOA_AUDIO_DIR: t.config.audioDir, LOA_PASSWORD: 'mat-khau-dong-lenh-1' }),
    });
  const cliRows = async () => (await audit('actor=cli&limit=500')).entries.reverse();

  it('records each change it makes with the actor "cli", never a password', { timeout: 120_000 }, async () => {
    const file = join(t.dir, 'station.yaml');
    writeFileSync(file, [
      'zones:',
      '  - id: tdp-1',
      '    name: Tổ dân phố 1',
      '    enabled: false',
      '    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: "06:00", end: "07:00", peak: true }]',
      '  - id: tdp-3',
      '    name: Tổ dân phố 3',
      '    outputs: [{ type: icecast, url: "icecast://source:mat-khau-icecast-cli@10.0.0.5:8000/tdp-3" }]',
      '',
    ].join('\n'));
    await loa('apply', file);
    // tdp-1 is as it was: only tdp-3 changed.
    let rows = await cliRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'cli', actorId: null, action: 'zone.put', target: 'zone:tdp-3', before: null, note: `loa apply ${file}` });
    expect(JSON.stringify(rows[0])).not.toContain('mat-khau-icecast-cli');
    await loa('apply', file);
    expect(await cliRows()).toHaveLength(1);

    const today = localDate(Date.now(), t.config.tz);
    await loa('plan', '--from', today, '--to', today, '--zone', 'tdp-3');
    await loa('plan', '--from', today, '--to', today, '--dry-run');
    await loa('users', 'add', 'totruong', '--role', 'operator');
    // A password changed on the command line ends the sessions made with the old one, as the API's reset does.
    const oldToken = await t.login('totruong', 'mat-khau-dong-lenh-1');
    await loa('users', 'passwd', 'totruong');
    expect((await t.daemon.app.inject({ url: '/api/auth/me', headers: bearer(oldToken) })).statusCode).toBe(401);
    await loa('tokens', 'revoke', '--user', 'kiemduyet');
    await loa('demo', 'remove');
    rows = (await cliRows()).slice(1);
    expect(rows.map((r) => r.action)).toEqual(['plan.run', 'user.add', 'user.password-reset', 'user.revoke', 'demo.remove']);
    expect(rows[0]).toMatchObject({ target: 'plan', zones: ['tdp-3'], after: { requested: { from: today, to: today } } });
    expect(rows[1]).toMatchObject({ after: { username: 'totruong', role: 'operator' } });
    expect(rows[2]).toMatchObject({ after: { username: 'totruong', revokedTokens: 1 } });
    expect(rows[3]).toMatchObject({ after: { username: 'kiemduyet', revokedTokens: 1 } });
    const stored = JSON.stringify(t.daemon.db.prepare("SELECT * FROM audit WHERE actor_name = 'cli'").all());
    expect(stored).not.toContain('mat-khau-dong-lenh-1');
  });
});

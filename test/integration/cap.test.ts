/**
 * CAP 1.2 alerts end to end (issue 10, decisions §6–§7): real CAP documents posted over HTTP, audio
 * fetched from a local HTTP server and ingested by ffmpeg, speech by espeak-ng, a feed served over
 * HTTP; the emergency service is a recording stand-in injected through createCapService's options.
 * The real daemon checks the route's access rules, a token scoped cap:post, and the zones' area codes.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Zone } from '../../src/domain/station.ts';
import { migrate, openDatabase } from '../../src/storage/db.ts';
import { getItem } from '../../src/storage/items.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { startCapStack, type CapStack } from './capStack.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const MIGRATIONS = join(import.meta.dirname, '..', '..', 'migrations');

interface Outcome { alertId: string; state: string; level: string | null; delivery: string | null; zones: string[]; reached: string[]; itemId: string | null; bulletinId: string | null; reason: string | null; replaced: string[]; cancelled: string[]; duplicate: boolean }
interface Shown { state: string; via: string; journey: { step: string; detail: Record<string, unknown> }[] }

/** A local HTTP server for audio, feeds and CAP documents; counts what was asked. */
async function serve(files: Map<string, { body: Buffer | string; type: string }>) {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const file = files.get(path);
    if (!file) return void res.writeHead(404).end('not here');
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('CAP alerts through POST /api/cap and a feed (recording emergency service)', () => {
  let s: CapStack;
  let dir: string;
  let http: Awaited<ReturnType<typeof serve>>;
  const files = new Map<string, { body: Buffer | string; type: string }>();
  let tone: Buffer;

  const local = (name: string) => fixture(name).replaceAll('http://loa-test.invalid', http.base);
  const post = (xml: string, token = s.adminToken, type = 'application/cap+xml') =>
    s.app.inject({ method: 'POST', url: '/api/cap', headers: { ...bearer(token), 'content-type': type }, payload: xml });
  const shown = async (id: string) => json<Shown>(await s.app.inject({ url: `/api/cap/alerts/${id}`, headers: bearer(s.adminToken) }));
  const steps = async (id: string) => (await shown(id)).journey.map((j) => j.step);
  const audited = (id: string) => (s.db.prepare("SELECT action, actor_name AS actor FROM audit WHERE target_type = 'cap' AND target_id = ? ORDER BY id").all(id) as { action: string; actor: string }[]);

  beforeAll(async () => {
    dir = await makeTempDir();
    tone = readFileSync(await makeTone(dir, { seconds: 3, format: 'mp3' }));
    http = await serve(files);
    files.set('/audio/canh-bao-lu.mp3', { body: tone, type: 'audio/mpeg' });
    s = await startCapStack(join(dir, 'stack'), fakeClock('2026-10-12T08:00:00+07:00'));
    const zone = (id: string, areaCodes: string[], testAlerts = false) => s.station.putZone(Zone.parse({ id, name: `Tổ dân phố ${id}`, areaCodes, testAlerts }), 'system');
    zone('tdp-1', ['20194']);
    zone('tdp-2', ['20197'], true);
    zone('tdp-3', ['20200']);
  });
  afterAll(async () => {
    await s?.close();
    await http?.close();
    await removeDir(dir);
  });

  let first: Outcome, update: Outcome, flood: Outcome;

  it('airs an emergency storm warning as a bulletin on the zones its geocodes name, until it expires', async () => {
    const res = await post(fixture('storm-alert.xml'));
    expect(res.statusCode).toBe(201);
    first = json<Outcome>(res);
    expect(first).toMatchObject({ state: 'active', level: 'emergency', delivery: 'bulletin', zones: ['tdp-1', 'tdp-2'], reached: ['tdp-1', 'tdp-2'], bulletinId: 'kc_1', duplicate: false });
    const [call] = s.emergency.triggers();
    expect(call!.by).toMatchObject({ username: 'admin', role: 'admin' });
    expect(call!.req).toMatchObject({
      zones: ['tdp-1', 'tdp-2'], origin: { kind: 'cap', alertId: first.alertId },
      repeat: { everyMinutes: 120, onTheHour: true, until: '2026-10-12T13:00:00.000Z' },
      title: 'CAP: Bão số 5 sắp đổ bộ, gió giật cấp 12',
    });
    // No audio resource: the Vietnamese info's words, for the bulletin's speech.
    expect(call!.req.text).toMatch(/^Bão số 5 sắp đổ bộ, gió giật cấp 12\.\nHồi 7 giờ sáng nay[\s\S]*theo hướng dẫn của chính quyền phường\.$/);
    expect(await steps(first.alertId)).toEqual(['received', 'mapped', 'aired']);
    expect(audited(first.alertId)).toEqual([
      { action: 'cap.receive', actor: 'admin' }, { action: 'cap.map', actor: 'admin' }, { action: 'cap.air', actor: 'admin' },
    ]);
  });

  it('answers a duplicate as before and airs nothing twice (the same sent written with another offset too)', async () => {
    const again = await post(fixture('storm-alert.xml'));
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual({ ...first, duplicate: true });
    const utc = fixture('storm-alert.xml').replace('<sent>2026-10-12T07:55:00+07:00</sent>', '<sent>2026-10-12T00:55:00-00:00</sent>');
    const both = await Promise.all([post(utc), post(utc)]);
    expect(both.map((r) => [r.statusCode, json<Outcome>(r).alertId, json<Outcome>(r).duplicate])).toEqual([[201, first.alertId, true], [201, first.alertId, true]]);
    expect(s.emergency.triggers()).toHaveLength(1);
    expect(s.db.prepare('SELECT count(*) AS n FROM cap_alerts').get()).toEqual({ n: 1 });
  });

  it('replaces the alert an Update references: the old bulletin cancelled first, the new one triggered', async () => {
    const res = await post(fixture('storm-update.xml'));
    expect(res.statusCode).toBe(201);
    update = json<Outcome>(res);
    expect(update).toMatchObject({ state: 'active', level: 'emergency', replaced: [first.alertId], bulletinId: 'kc_2' });
    expect(s.emergency.calls.slice(1).map((c) => [c.op, c.id])).toEqual([['cancel', 'kc_1'], ['trigger', 'kc_2']]);
    expect((await shown(first.alertId)).state).toBe('replaced');
    expect(await steps(first.alertId)).toEqual(['received', 'mapped', 'aired', 'replaced']);
    expect(await steps(update.alertId)).toEqual(['received', 'mapped', 'aired', 'updated']);
  });

  it('stops the alert a Cancel references', async () => {
    const res = await post(fixture('storm-cancel.xml'));
    expect(res.statusCode).toBe(201);
    expect(json<Outcome>(res)).toMatchObject({ state: 'applied', cancelled: [update.alertId] });
    expect(s.emergency.calls.at(-1)).toMatchObject({ op: 'cancel', id: 'kc_2' });
    expect((await shown(update.alertId)).state).toBe('cancelled');
    expect(audited(update.alertId).at(-1)).toEqual({ action: 'cap.cancel', actor: 'admin' });
  });

  it('accepts an alert for an area that maps to no zone (202), logs it, airs it nowhere', async () => {
    const before = s.emergency.calls.length;
    const res = await post(fixture('other-ward.xml'), s.adminToken, 'application/xml');
    expect(res.statusCode).toBe(202);
    const out = json<Outcome>(res);
    expect(out).toMatchObject({ state: 'logged', reason: 'no-zone', level: 'emergency', zones: [], bulletinId: null });
    expect(s.emergency.calls).toHaveLength(before);
    const journey = (await shown(out.alertId)).journey;
    expect(journey.map((j) => j.step)).toEqual(['received', 'mapped', 'logged']);
    expect(journey[1]!.detail).toMatchObject({ geocodes: ['20974'], zones: [], unmatched: ['20974'] });
  });

  it('airs an Exercise only on the zone that takes test alerts', async () => {
    const res = await post(fixture('drill.xml'), s.adminToken, 'text/xml');
    expect(res.statusCode).toBe(201);
    expect(json<Outcome>(res)).toMatchObject({ delivery: 'bulletin', zones: ['tdp-2'] });
    expect(s.emergency.triggers().at(-1)!.req.zones).toEqual(['tdp-2']);
  });

  it('refuses an invalid document with a 400 naming each element, and keeps nothing', async () => {
    const count = () => s.db.prepare('SELECT count(*) AS n FROM cap_alerts').get();
    const before = count();
    const res = await post(fixture('bad.xml'));
    expect(res.statusCode).toBe(400);
    const body = json<{ code: string; message: string; details: { field: string; problem: string }[] }>(res);
    expect(body.code).toBe('cap-invalid');
    expect(body.details.map((d) => d.field)).toEqual(['alert/sent', 'alert/info[1]/urgency', 'alert/info[1]/severity', 'alert/info[1]/area[1]/geocode[1]/value']);
    expect(body.message).toMatch(/^Bản tin CAP 1\.2 không hợp lệ: alert\/sent/);
    const asJson = await s.app.inject({ method: 'POST', url: '/api/cap', headers: bearer(s.adminToken), payload: { alert: 1 } });
    expect([asJson.statusCode, json<{ code: string }>(asJson).code]).toEqual([415, 'cap-not-xml']);
    expect(count()).toEqual(before);
  });

  it('fetches a resource over HTTP and ingests it: a priority item approved by its sender, valid until it expires', async () => {
    const res = await post(local('flood-priority.xml'));
    expect(res.statusCode).toBe(201);
    const out = (flood = json<Outcome>(res));
    expect(out).toMatchObject({ level: 'priority', delivery: 'library', zones: ['tdp-3'], bulletinId: null });
    const item = getItem(s.db, out.itemId!)!;
    expect(item).toMatchObject({
      status: 'approved', priority: 'priority', kind: 'thong-bao', title: 'CAP: Cảnh báo lũ trên sông Hàn', originalName: 'canh-bao-lu.mp3',
      unit: 'Ban Chỉ huy phòng chống thiên tai thành phố Đà Nẵng', submittedBy: s.admin.id, reviewedBy: s.admin.id,
      validUntil: Date.parse('2026-10-13T18:00:00+07:00'),
    });
    expect(item.durationMs).toBeGreaterThan(2900);
    expect(item.durationMs).toBeLessThan(3200);
    expect(http.hits.get('/audio/canh-bao-lu.mp3')).toBe(1);
  });

  it('decodes embedded audio (derefUri) the same way', async () => {
    const embedded = fixture('flood-priority.xml')
      .replace('PCTT-DN-2026-LU-012', 'PCTT-DN-2026-LU-013')
      .replace(/<uri>.*<\/uri>/, `<derefUri>${tone.toString('base64')}</derefUri>`);
    const res = await post(embedded);
    expect(res.statusCode).toBe(201);
    const item = getItem(s.db, json<Outcome>(res).itemId!)!;
    expect(item).toMatchObject({ status: 'approved', priority: 'priority' });
    expect(item.durationMs).toBeGreaterThan(2900);
  });

  it('archives the library item of a priority alert its Update replaces', async () => {
    const updated = fixture('flood-priority.xml')
      .replace('PCTT-DN-2026-LU-012', 'PCTT-DN-2026-LU-015')
      .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType><references>pctt@danang.gov.vn,PCTT-DN-2026-LU-012,2026-10-12T07:50:00+07:00</references>')
      .replace(/<uri>.*<\/uri>/, `<derefUri>${tone.toString('base64')}</derefUri>`);
    const res = await post(updated);
    expect(res.statusCode).toBe(201);
    expect(json<Outcome>(res)).toMatchObject({ replaced: [flood.alertId], delivery: 'library' });
    expect(getItem(s.db, flood.itemId!)!.status).toBe('archived');
    expect(getItem(s.db, json<Outcome>(res).itemId!)!.status).toBe('approved');
    expect(await steps(flood.alertId)).toEqual(['received', 'mapped', 'aired', 'replaced']);

    // Only an alert's own sender may cancel it: another sender's Cancel stops nothing (202).
    const foreign = fixture('storm-cancel.xml')
      .replace('KTTV-2026-BAO05-003', 'KTTV-2026-HUY-LU')
      .replace(/<references>.*<\/references>/, '<references>pctt@danang.gov.vn,PCTT-DN-2026-LU-015,2026-10-12T07:50:00+07:00</references>');
    const refused = await post(foreign);
    expect(refused.statusCode).toBe(202);
    expect(json<Outcome>(refused)).toMatchObject({ state: 'applied', cancelled: [], reason: 'references-nothing-on-air' });
    expect((await shown(json<Outcome>(res).alertId)).state).toBe('active');
  });

  it('reads the text with the speech engine when a priority alert has no audio', async () => {
    const spoken = fixture('flood-priority.xml').replace('PCTT-DN-2026-LU-012', 'PCTT-DN-2026-LU-014').replace(/<resource>[\s\S]*<\/resource>/, '');
    const res = await post(spoken);
    expect(res.statusCode).toBe(201);
    const item = getItem(s.db, json<Outcome>(res).itemId!)!;
    expect(item).toMatchObject({ status: 'approved', priority: 'priority', originalName: 'tts.wav' });
    expect(item.durationMs).toBeGreaterThan(1000);
  });

  it('logs as failed (422) an alert whose audio cannot be fetched and that has no text to read', async () => {
    const res = await post(local('no-audio.xml'));
    expect(res.statusCode).toBe(422);
    const body = json<{ code: string; message: string; details: Outcome }>(res);
    expect(body.code).toBe('cap-audio-failed');
    expect(body.details).toMatchObject({ state: 'failed' });
    const journey = (await shown(body.details.alertId)).journey;
    expect(journey.map((j) => j.step)).toEqual(['received', 'mapped', 'failed']);
    expect(JSON.stringify(journey[2]!.detail)).toMatch(/answered 404/);
    expect((await post(local('no-audio.xml'))).statusCode).toBe(422);
  });

  it('polls an Atom feed served over HTTP: its alert airs once, and ends when it expires', async () => {
    files.set('/feed.atom', { body: fixture('feed.atom.xml'), type: 'application/atom+xml' });
    files.set('/cap/sat-lo-dat.xml', { body: fixture('landslide-alert.xml'), type: 'application/cap+xml' });
    const put = await s.app.inject({ method: 'PUT', url: '/api/cap/feeds', headers: bearer(s.adminToken), payload: { feeds: [{ url: `${http.base}/feed.atom`, everySeconds: 60 }] } });
    expect(put.statusCode).toBe(200);
    const triggered = s.emergency.triggers().length;
    s.clock.advance(0);
    await s.feeds.idle();
    s.clock.advance(60_000);
    await s.feeds.idle();
    expect(http.hits.get('/feed.atom')).toBe(2);
    expect(http.hits.get('/cap/sat-lo-dat.xml')).toBe(1);
    const fromFeed = s.emergency.triggers().slice(triggered);
    expect(fromFeed.map((c) => c.req.zones)).toEqual([['tdp-3']]);
    const alertId = (fromFeed[0]!.req.origin as { alertId: string }).alertId;
    expect(await shown(alertId)).toMatchObject({ state: 'active', via: 'feed' });
    const feedList = json<{ feeds: { url: string; failures: number; lastOkAt: string | null }[] }>(await s.app.inject({ url: '/api/cap/feeds', headers: bearer(s.adminToken) }));
    expect(feedList.feeds).toEqual([expect.objectContaining({ url: `${http.base}/feed.atom`, everySeconds: 60, failures: 0, lastOkAt: expect.any(String) })]);

    s.clock.set('2026-10-12T18:00:00+07:00');
    await s.feeds.idle();
    await new Promise((r) => setImmediate(r));
    expect(await shown(alertId)).toMatchObject({ state: 'expired' });
    expect(s.emergency.calls.at(-1)).toMatchObject({ op: 'cancel', id: fromFeed[0]!.id });
    expect(audited(alertId).at(-1)).toEqual({ action: 'cap.expire', actor: 'system' });
    await s.app.inject({ method: 'PUT', url: '/api/cap/feeds', headers: bearer(s.adminToken), payload: { feeds: [] } });
  });

  it('lists the alerts newest first with their journeys; a reviewer may read, not post', async () => {
    const list = json<{ total: number; alerts: { identifier: string; journey: unknown[] }[] }>(await s.app.inject({ url: '/api/cap?limit=3', headers: bearer(s.reviewerToken) }));
    expect(list.total).toBeGreaterThanOrEqual(9);
    expect(list.alerts).toHaveLength(3);
    expect(list.alerts.every((a) => a.journey.length >= 2)).toBe(true);
    expect((await post(fixture('other-ward.xml'), s.reviewerToken)).statusCode).toBe(403);
  });
});

describe('CAP on the daemon: access, tokens, settings, zones with area codes', () => {
  let t: TestDaemon;
  let admin: string;
  beforeAll(async () => {
    t = await startTestDaemon({ clock: fakeClock('2026-10-12T08:00:00+07:00'), env: { LOA_PLAYOUT: 'false' } });
    admin = await t.login('admin', ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());
  const post = (xml: string, token: string) => t.daemon.app.inject({ method: 'POST', url: '/api/cap', headers: { ...bearer(token), 'content-type': 'application/cap+xml' }, payload: xml });

  it('lets only the admin, or a token scoped cap:post, post an alert; the scoped token does nothing else', async () => {
    const reviewer = await t.userToken('kiemduyet', 'reviewer');
    const operator = await t.userToken('vanhanh', 'operator');
    expect((await post(fixture('other-ward.xml'), reviewer)).statusCode).toBe(403);
    expect((await post(fixture('other-ward.xml'), operator)).statusCode).toBe(403);
    expect((await t.daemon.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(reviewer), payload: { label: 'x', scopes: ['cap:post'] } })).statusCode).toBe(400);
    const issued = await t.daemon.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(admin), payload: { label: 'Nguồn cảnh báo tỉnh', scopes: ['cap:post'] } });
    expect(issued.statusCode).toBe(201);
    const feedToken = json<{ token: string }>(issued).token;
    const res = await post(fixture('other-ward.xml'), feedToken);
    expect(res.statusCode).toBe(202);
    expect(json<Outcome>(res)).toMatchObject({ state: 'logged', reason: 'no-zone' });
    expect((await t.daemon.app.inject({ url: '/api/cap', headers: bearer(feedToken) })).statusCode).toBe(403);
    const read = json<{ alerts: { receivedBy: string; journey: { step: string }[] }[] }>(await t.daemon.app.inject({ url: '/api/cap', headers: bearer(operator) }));
    expect(read.alerts[0]).toMatchObject({ receivedBy: 'admin', journey: [{ step: 'received' }, { step: 'mapped' }, { step: 'logged' }] });
    expect((await t.daemon.app.inject({ method: 'PUT', url: '/api/cap/feeds', headers: bearer(operator), payload: { feeds: [] } })).statusCode).toBe(403);
  });

  it('refuses a feed that is not http(s) and a level table with an unknown urgency, naming the field', async () => {
    const feeds = await t.daemon.app.inject({ method: 'PUT', url: '/api/cap/feeds', headers: bearer(admin), payload: { feeds: [{ url: 'ftp://canhbao.test/feed', everySeconds: 60 }] } });
    expect(feeds.statusCode).toBe(400);
    expect(json<{ details: { field: string; problem: string }[] }>(feeds).details).toEqual([{ field: 'body.feeds.0.url', problem: 'phải là địa chỉ bắt đầu bằng http:// hoặc https://' }]);
    const policy = await t.daemon.app.inject({ method: 'PUT', url: '/api/cap/policy', headers: bearer(admin), payload: { levels: { Immediate: { Moderate: 'emergency' } }, repeat: null } });
    expect(policy.statusCode).toBe(200);
    expect(json<{ levels: Record<string, Record<string, string>>; repeat: null }>(policy)).toMatchObject({ levels: { Immediate: { Moderate: 'emergency', Extreme: 'emergency' } }, repeat: null });
    expect((await t.daemon.app.inject({ method: 'PUT', url: '/api/cap/policy', headers: bearer(admin), payload: { levels: { Soon: {} } } })).statusCode).toBe(400);
  });

  it('takes areaCode as a one-element areaCodes list, and testAlerts, on a zone', async () => {
    const res = await t.daemon.app.inject({ method: 'PUT', url: '/api/zones/tdp-1', headers: bearer(admin), payload: { name: 'Tổ dân phố 1', areaCode: '20194', testAlerts: true } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ areaCodes: ['20194'], testAlerts: true });
    const bad = await t.daemon.app.inject({ method: 'PUT', url: '/api/zones/tdp-1', headers: bearer(admin), payload: { name: 'Tổ dân phố 1', areaCodes: ['20194', '20 195'] } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ details: { field: string }[] }>(bad).details.map((d) => d.field)).toEqual(['body.areaCodes.1']);
  });
});

describe('migration 0014', () => {
  it('turns a zone\'s single area code into a one-element list', async () => {
    const dir = await makeTempDir();
    try {
      const before = join(dir, 'migrations');
      mkdirSync(before);
      for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{4}_/.test(f) && Number(f.slice(0, 4)) < 14)) copyFileSync(join(MIGRATIONS, f), join(before, f));
      const db = openDatabase(join(dir, 'old.sqlite'), before);
      db.prepare("INSERT INTO zones (id, name, area_code, updated_at) VALUES ('tdp-1', 'Tổ 1', ' 20194 ', 0), ('tdp-2', 'Tổ 2', NULL, 0)").run();
      migrate(db, MIGRATIONS);
      expect(db.prepare('SELECT id, area_codes, test_alerts FROM zones ORDER BY id').all()).toEqual([
        { id: 'tdp-1', area_codes: '["20194"]', test_alerts: 0 },
        { id: 'tdp-2', area_codes: '[]', test_alerts: 0 },
      ]);
      db.close();
    } finally {
      await removeDir(dir);
    }
  });
});

/**
 * Head-ends as devices (issue 14, decisions §1, §2, §10): the registry and its keys, last seen and
 * online/offline on a fake clock, the store-and-forward feed with its ETag, its audio, and play
 * reports reaching the airtime log once.
 */
import { createHash } from 'node:crypto';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAudio } from '../../src/library/audioStore.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import type { StationEventMap } from '../../src/stationEvents.ts';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const NOW = '2026-05-18T09:00:00+07:00';
const ALL = [1, 2, 3, 4, 5, 6, 7];
type DeviceState = StationEventMap['device:state'][0];

interface Harness {
  t: TestDaemon;
  clock: FakeClock;
  admin: string;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  states: DeviceState[];
}

const open: TestDaemon[] = [];
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

async function harness(env: Record<string, string> = {}, listen = false): Promise<Harness> {
  const clock = fakeClock(NOW);
  const t = await startTestDaemon({ clock, env: { LOA_PLAYOUT: 'false', ...env }, listen });
  open.push(t);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  const states: DeviceState[] = [];
  t.daemon.events.on('device:state', (e) => states.push(e));
  return {
    t, clock, admin, states,
    call: (method, url, payload, headers = {}) =>
      t.daemon.app.inject({ method, url, headers: { ...bearer(admin), ...headers }, ...(payload !== undefined && { payload: payload as object }) }),
  };
}

/** A zone through the API: windows 10:00–11:00 every day, an HTTP mount. */
async function putZone(h: Harness, id: string, extra: object = {}) {
  const res = await h.call('PUT', `/api/zones/${id}`, {
    name: `Tổ dân phố ${id}`, windows: [{ days: ALL, start: '10:00', end: '11:00', peak: true }], outputs: [{ type: 'http', idle: 'silence' }], ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function putDevice(h: Harness, id: string, body: object) {
  const res = await h.call('PUT', `/api/devices/${id}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { key: string; state: string; reaches: string[] };
}

/** An approved item with real bytes in the audio store (a feed names files, it does not play them). */
async function addItem(h: Harness, id: string, minutes = 1): Promise<ItemRecord & { bytes: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-dev-'));
  const bytes = Buffer.from(`ID3 audio of ${id} `.repeat(200));
  writeFileSync(join(dir, 'a.mp3'), bytes);
  const { sha256 } = await storeAudio(h.t.config.audioDir, join(dir, 'a.mp3'));
  rmSync(dir, { recursive: true, force: true });
  const t0 = Date.parse('2026-05-10T09:00:00+07:00');
  const item: ItemRecord = {
    id, title: `Tin ${id}`, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null,
    validUntil: null, note: null, status: 'approved', failureReason: null, durationMs: minutes * 60_000, audioSha256: sha256,
    originalName: null, loudnessBefore: null, loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null,
    reviewedAt: t0, reviewNote: null, approvedAt: t0, createdAt: t0 - 1000, updatedAt: t0,
  };
  insertItem(h.t.daemon.db, item);
  return { ...item, bytes };
}

interface FeedBody {
  device: string;
  zone: string;
  zones: string[];
  entries: { start: string; end: string; durationMs: number; itemId: string; title: string; source: string; audioUrl: string; size: number; sha256: string }[];
  gaps: { reason: string }[];
}

const feed = (h: Harness, id: string, key: string, headers: Record<string, string> = {}) =>
  h.t.daemon.app.inject({ url: `/api/devices/${id}/feed?key=${encodeURIComponent(key)}`, headers });

describe('the device registry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await putZone(h, 'tdp-1');
    await putZone(h, 'tdp-2', { group: 'phuong' });
    await putZone(h, 'tdp-3', { group: 'phuong' });
  });

  it('registers a device with a key shown once, stored hashed, and hidden on every read', async () => {
    const created = await putDevice(h, 'cum-1', { name: 'Cụm loa chợ', zone: 'tdp-1', kind: 'download', location: { lat: 16.06, lon: 108.22 }, note: 'cột điện 12' });
    expect(created.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const read = (await h.call('GET', '/api/devices/cum-1')).json();
    expect(read).toMatchObject({ id: 'cum-1', name: 'Cụm loa chợ', zone: 'tdp-1', kind: 'download', key: '***', hasKey: true, location: { lat: 16.06, lon: 108.22 }, note: 'cột điện 12', state: 'offline', alarm: true, lastSeenAt: null });
    const row = h.t.daemon.db.prepare('SELECT * FROM devices WHERE id = ?').get('cum-1') as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    // Sent back as it was read: the key stays, no new one is shown.
    const again = await h.call('PUT', '/api/devices/cum-1', { ...read, name: 'Cụm loa chợ mới' });
    expect(again.statusCode).toBe(200);
    expect(again.json().key).toBe('***');
    expect((await feed(h, 'cum-1', created.key)).statusCode).toBe(200);
    const list = (await h.call('GET', '/api/devices')).json() as { offlineAfterSeconds: number; devices: { id: string }[] };
    expect(list.offlineAfterSeconds).toBe(180);
    expect(list.devices.map((d) => d.id)).toEqual(['cum-1']);
  });

  it('refuses an unknown zone and a reserved id by field, leaving nothing behind', async () => {
    const unknown = await h.call('PUT', '/api/devices/cum-x', { name: 'X', zone: 'khong-co', kind: 'stream' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0].field).toBe('body.zone');
    const reserved = await h.call('PUT', '/api/devices/health', { name: 'X', zone: 'tdp-1', kind: 'stream' });
    expect(reserved.statusCode).toBe(400);
    const badKind = await h.call('PUT', '/api/devices/cum-x', { name: 'X', zone: 'tdp-1', kind: 'bluetooth' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().details[0].field).toBe('body.kind');
    expect((await h.call('GET', '/api/devices/cum-x')).statusCode).toBe(404);
  });

  it('a device of a group member carries the group\'s shared programme, and says so', async () => {
    const created = await putDevice(h, 'cum-g', { name: 'Cụm nhóm', zone: 'tdp-3', kind: 'download' });
    expect(created.reaches).toEqual(['tdp-2', 'tdp-3']);
    const body = (await feed(h, 'cum-g', created.key)).json() as FeedBody;
    expect(body.zones).toEqual(['tdp-2', 'tdp-3']);
  });

  it('rotates a key: the old one stops at once, the new one is shown once', async () => {
    const created = await putDevice(h, 'cum-r', { name: 'Cụm xoay khóa', zone: 'tdp-1', kind: 'download' });
    const rotated = await h.call('POST', '/api/devices/cum-r/key');
    expect(rotated.statusCode).toBe(200);
    const { key } = rotated.json() as { key: string };
    expect(key).not.toBe(created.key);
    expect((await feed(h, 'cum-r', created.key)).statusCode).toBe(401);
    expect((await feed(h, 'cum-r', key)).statusCode).toBe(200);
    expect((await h.call('GET', '/api/devices/cum-r')).json().key).toBe('***');
    expect((await h.call('POST', '/api/devices/nope/key')).statusCode).toBe(404);
  });

  it('lets reviewers look and only operators and the admin change; units see nothing', async () => {
    const reviewer = await h.t.userToken('kiem-duyet', 'reviewer');
    const operator = await h.t.userToken('van-hanh', 'operator');
    const unit = await h.t.userToken('cong-an', 'submitter', 'Công an phường');
    const as = (token: string, method: 'GET' | 'PUT', url: string, payload?: object) => h.t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
    expect((await as(reviewer, 'GET', '/api/devices')).statusCode).toBe(200);
    expect((await as(reviewer, 'PUT', '/api/devices/cum-9', { name: 'X', zone: 'tdp-1', kind: 'rtp' })).statusCode).toBe(403);
    expect((await as(unit, 'GET', '/api/devices')).statusCode).toBe(403);
    expect((await as(operator, 'PUT', '/api/devices/cum-9', { name: 'X', zone: 'tdp-1', kind: 'rtp' })).statusCode).toBe(201);
  });

  it('deletes a device: its key opens nothing afterwards', async () => {
    const created = await putDevice(h, 'cum-d', { name: 'Cụm bỏ', zone: 'tdp-1', kind: 'download' });
    expect((await h.call('DELETE', '/api/devices/cum-d')).statusCode).toBe(204);
    expect((await h.call('DELETE', '/api/devices/cum-d')).statusCode).toBe(404);
    expect((await feed(h, 'cum-d', created.key)).statusCode).toBe(401);
    // Every change is in the audit log with who and what; the key never is.
    const audit = await h.call('GET', '/api/audit?target=device:cum-d');
    expect((audit.json() as { entries: { action: string; actor: string }[] }).entries.map((e) => [e.action, e.actor])).toEqual([['device.delete', 'admin'], ['device.put', 'admin']]);
    expect(audit.body).not.toContain(created.key);
  });

  it('answers a wrong key, a missing key and an unknown device with the same 401', async () => {
    const a = await putDevice(h, 'cum-a', { name: 'A', zone: 'tdp-1', kind: 'download' });
    const answers = [
      await h.t.daemon.app.inject({ url: '/api/devices/cum-a/feed' }),
      await feed(h, 'cum-a', 'wrong-key-0000'),
      await feed(h, 'khong-co', 'wrong-key-0000'),
      await feed(h, 'khong-co', a.key),
      await feed(h, 'cum-1', a.key), // another device's key
      await h.t.daemon.app.inject({ url: `/api/devices/khong-co/audio/${'0'.repeat(64)}.mp3?key=x` }),
      await h.t.daemon.app.inject({ method: 'POST', url: '/api/devices/khong-co/played?key=x', payload: [{ itemId: 'i', start: NOW, end: NOW, outcome: 'completed' }] }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ statusCode: 401, code: 'device-key', message: 'Sai hoặc thiếu khóa thiết bị (?key= hoặc tiêu đề X-Stream-Key).' });
    }
    // The header works as the query does.
    expect((await h.t.daemon.app.inject({ url: '/api/devices/cum-a/feed', headers: { 'x-stream-key': a.key } })).statusCode).toBe(200);
  });
});

describe('last seen and online/offline', () => {
  it('a download device is seen by its feed polls and goes offline after the silence; rtp devices are not monitored', async () => {
    const h = await harness({ LOA_DEVICE_OFFLINE_SECONDS: '180' });
    await putZone(h, 'tdp-1');
    const d = await putDevice(h, 'cum-1', { name: 'Cụm 1', zone: 'tdp-1', kind: 'download' });
    const rtp = await putDevice(h, 'cum-rtp', { name: 'Loa RTP', zone: 'tdp-1', kind: 'rtp' });
    expect(rtp.state).toBe('not-monitored');
    const metric = async (name: string) => (await h.t.daemon.app.inject({ url: '/metrics' })).body.split('\n').filter((l) => l.startsWith(name));

    expect((await feed(h, 'cum-1', d.key)).statusCode).toBe(200);
    expect(h.states).toEqual([{ device: 'cum-1', name: 'Cụm 1', zone: 'tdp-1', kind: 'download', state: 'online', at: Date.parse(NOW), lastSeenAt: Date.parse(NOW) }]);
    const seen = (await h.call('GET', '/api/devices/cum-1')).json();
    expect(seen).toMatchObject({ state: 'online', alarm: false, lastSeenAt: '2026-05-18T09:00:00+07:00', lastSeenVia: 'feed' });
    expect(await metric('loa_device_online{')).toEqual(['loa_device_online{device="cum-1",zone="tdp-1",kind="download"} 1']);

    h.clock.advance(179_000);
    expect((await h.call('GET', '/api/devices/cum-1')).json().state).toBe('online');
    h.clock.advance(16_000);
    const after = (await h.call('GET', '/api/devices/cum-1')).json();
    expect(after).toMatchObject({ state: 'offline', alarm: true, stateSince: '2026-05-18T09:03:00+07:00', lastSeenAt: '2026-05-18T09:00:00+07:00' });
    expect(h.states.map((s) => `${s.device} ${s.state}`)).toEqual(['cum-1 online', 'cum-1 offline']);
    expect(await metric('loa_device_online{')).toEqual(['loa_device_online{device="cum-1",zone="tdp-1",kind="download"} 0']);
    expect(await metric('loa_devices_offline{')).toEqual(['loa_devices_offline{zone="tdp-1"} 1']);
    const health = (await h.call('GET', '/api/devices/health')).json();
    expect(health).toMatchObject({ offlineAfterSeconds: 180, alarms: 1, zones: [{ zone: 'tdp-1', devices: 2, online: 0, offline: 1, notMonitored: 1 }] });

    // A play report brings it back at once; the outage is stored for the month's figures.
    h.clock.advance(60_000);
    await h.t.daemon.app.inject({ method: 'POST', url: `/api/devices/cum-1/played?key=${d.key}`, payload: [{ itemId: 'x', start: NOW, end: NOW, outcome: 'completed' }] });
    expect((await h.call('GET', '/api/devices/cum-1')).json()).toMatchObject({ state: 'online', lastSeenVia: 'report' });
    const uptime = h.t.daemon.devices.uptime({ fromMs: Date.parse(NOW), toMs: h.clock.now() + 60_000 });
    expect(uptime).toEqual([{
      deviceId: 'cum-1', zoneId: 'tdp-1', onlineMs: 180_000 + 60_000, offlineMs: 75_000, monitoredMs: 315_000, removed: false,
      outages: [{ fromMs: Date.parse('2026-05-18T09:03:00+07:00'), toMs: Date.parse('2026-05-18T09:04:15+07:00'), open: false }],
    }]);
    expect(h.states.filter((s) => s.device === 'cum-rtp')).toEqual([]);
  });

  it('a stream device is seen while its connection stays open, and goes offline after the silence once it hangs up', async () => {
    const h = await harness({ LOA_PLAYOUT: 'true' }, true);
    // Both zones keep a shared key of their own: a device key opens its zone's stream beside it.
    await putZone(h, 'tdp-1', { outputs: [{ type: 'http', idle: 'silence', key: 'khoa-chung-tdp-1' }] });
    await putZone(h, 'tdp-2', { outputs: [{ type: 'http', idle: 'silence', key: 'khoa-chung-tdp-2' }] });
    const d = await putDevice(h, 'cum-s', { name: 'Cụm luồng', zone: 'tdp-1', kind: 'stream' });
    await waitFor(() => h.t.daemon.app.inject({ url: '/api/health/zones', headers: bearer(h.admin) }).then((r) => r.json().zones.length === 2));
    const port = (h.t.daemon.app.server.address() as AddressInfo).port;
    const pull = (path: string) => new Promise<IncomingMessage>((resolve, reject) => httpGet(`http://127.0.0.1:${port}${path}`, resolve).on('error', reject));

    // Its key opens its own zone's stream only; another zone and an unknown one answer as a wrong key does.
    for (const path of [`/stream/tdp-2.mp3?key=${d.key}`, `/stream/khong-co.mp3?key=${d.key}`, '/stream/tdp-1.mp3?key=wrong-key-1234']) {
      const res = await pull(path);
      expect(res.statusCode, path).toBe(401);
      res.resume();
    }
    const shared = await pull('/stream/tdp-1.mp3?key=khoa-chung-tdp-1&monitor=1');
    expect(shared.statusCode).toBe(200);
    shared.destroy();
    expect((await h.call('GET', '/api/devices/cum-s')).json()).toMatchObject({ state: 'offline', lastSeenAt: null });
    const res = await pull(`/stream/tdp-1.mp3?key=${encodeURIComponent(d.key)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect((await h.call('GET', '/api/devices/cum-s')).json()).toMatchObject({ state: 'online', lastSeenVia: 'stream', streams: 1 });
    // Ten minutes connected: never judged silent.
    h.clock.advance(600_000);
    expect((await h.call('GET', '/api/devices/cum-s')).json()).toMatchObject({ state: 'online', lastSeenAt: '2026-05-18T09:10:00+07:00' });
    res.destroy();
    await waitFor(async () => (await h.call('GET', '/api/devices/cum-s')).json().streams === 0);
    h.clock.advance(170_000);
    expect((await h.call('GET', '/api/devices/cum-s')).json().state).toBe('online');
    h.clock.advance(25_000);
    expect((await h.call('GET', '/api/devices/cum-s')).json()).toMatchObject({ state: 'offline', stateSince: '2026-05-18T09:13:00+07:00' });
    expect(h.states.map((s) => s.state)).toEqual(['online', 'offline']);
  });
});

/** Polls `check` (real time) until it holds; for what the HTTP server does on its own sockets. */
async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the feed', () => {
  let h: Harness;
  let key: string;
  let items: Awaited<ReturnType<typeof addItem>>[];
  beforeAll(async () => {
    h = await harness();
    await putZone(h, 'tdp-1');
    items = [await addItem(h, 'tin-a'), await addItem(h, 'tin-b'), await addItem(h, 'tin-c')];
    key = (await putDevice(h, 'cum-1', { name: 'Cụm 1', zone: 'tdp-1', kind: 'download' })).key;
    expect((await h.call('POST', '/api/plan', { from: '2026-05-18', to: '2026-05-20' })).statusCode).toBe(200);
  });

  it('gives today\'s and the next days\' programme with content-addressed audio', async () => {
    const res = await feed(h, 'cum-1', key);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as FeedBody;
    expect(body.entries.length).toBeGreaterThan(3);
    const days = new Set(body.entries.map((e) => e.start.slice(0, 10)));
    expect(days).toEqual(new Set(['2026-05-18', '2026-05-19', '2026-05-20']));
    const first = body.entries[0]!;
    const item = items.find((i) => i.id === first.itemId)!;
    expect(first).toMatchObject({ durationMs: 60_000, title: item.title, source: 'plan', size: item.bytes.length, sha256: item.audioSha256 });
    expect(first.start).toMatch(/^2026-05-18T10:00:00\+07:00$/);
    expect(first.audioUrl).toBe(`/api/devices/cum-1/audio/${item.audioSha256}.mp3`);
  });

  it('holds its ETag while nothing changes (304), and changes it on a hand-made programme and on a replan', async () => {
    const first = await feed(h, 'cum-1', key);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await feed(h, 'cum-1', key, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    h.clock.advance(60_000);
    expect((await feed(h, 'cum-1', key)).headers.etag).toBe(etag);

    // A hand-made programme at 10:30 takes the place of the planned slot there.
    const played = await h.call('POST', '/api/programmes', { zones: ['tdp-1'], items: ['tin-c'], at: '2026-05-18T10:30:00+07:00' });
    expect(played.statusCode, played.body).toBe(201);
    const bumped = await feed(h, 'cum-1', key, { 'if-none-match': etag });
    expect(bumped.statusCode).toBe(200);
    expect(bumped.headers.etag).not.toBe(etag);
    const entries = (bumped.json() as FeedBody).entries.filter((e) => e.start.startsWith('2026-05-18T10:30'));
    expect(entries.map((e) => [e.itemId, e.source])).toEqual([['tin-c', 'programme']]);

    // A replan after a new item changes the programme, and the feed with it.
    const etag2 = bumped.headers.etag as string;
    await addItem(h, 'tin-d');
    expect((await h.call('POST', '/api/plan', { from: '2026-05-18', to: '2026-05-20' })).statusCode).toBe(200);
    const replanned = await feed(h, 'cum-1', key, { 'if-none-match': etag2 });
    expect(replanned.statusCode).toBe(200);
    expect((replanned.json() as FeedBody).entries.some((e) => e.itemId === 'tin-d')).toBe(true);
  });

  it('is an M3U8 playlist with absolute URLs carrying the key', async () => {
    for (const url of [`/api/devices/cum-1/feed?format=m3u8&key=${key}`, `/api/devices/cum-1/feed.m3u8?key=${key}`]) {
      const res = await h.t.daemon.app.inject({ url, headers: { host: 'loa.local:8080' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/vnd\.apple\.mpegurl/);
      const lines = res.body.trim().split('\n');
      expect(lines[0]).toBe('#EXTM3U');
      const i = lines.findIndex((l) => l.startsWith('#EXTINF:'));
      expect(lines[i - 1]).toMatch(/^#EXT-X-PROGRAM-DATE-TIME:2026-05-18T10:00:00\+07:00$/);
      expect(lines[i]).toMatch(/^#EXTINF:60\.000,Tin tin-/);
      expect(lines[i + 1]).toMatch(new RegExp(`^http://loa\\.local:8080/api/devices/cum-1/audio/[0-9a-f]{64}\\.mp3\\?key=${key}$`));
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
  });

  it('serves the audio it gave with ranges and immutable caching, and nothing else', async () => {
    const body = (await feed(h, 'cum-1', key)).json() as FeedBody;
    const entry = body.entries[0]!;
    const item = items.find((i) => i.id === entry.itemId)!;
    const whole = await h.t.daemon.app.inject({ url: `${entry.audioUrl}?key=${key}` });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/mpeg');
    expect(whole.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(whole.rawPayload.equals(item.bytes)).toBe(true);
    expect(createHash('sha256').update(whole.rawPayload).digest('hex')).toBe(entry.sha256);
    const part = await h.t.daemon.app.inject({ url: entry.audioUrl, headers: { 'x-stream-key': key, range: 'bytes=10-19' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(item.bytes.subarray(10, 20))).toBe(true);
    // Audio no feed gave this device: not served even with a good key.
    const other = await addItem(h, 'tin-khong-giao');
    expect((await h.t.daemon.app.inject({ url: `/api/devices/cum-1/audio/${other.audioSha256}.mp3?key=${key}` })).statusCode).toBe(404);
    expect((await h.t.daemon.app.inject({ url: `${entry.audioUrl}?key=wrong-key-000` })).statusCode).toBe(401);
    expect(readFileSync(join(h.t.config.audioDir, entry.sha256.slice(0, 2), `${entry.sha256}.mp3`)).equals(item.bytes)).toBe(true);
  });
});

describe('play reports', () => {
  let h: Harness;
  let key: string;
  let entries: FeedBody['entries'];
  const played = (payload: unknown, k = key) => h.t.daemon.app.inject({ method: 'POST', url: `/api/devices/cum-1/played?key=${k}`, payload: payload as object });
  const airtime = async () =>
    ((await h.call('GET', '/api/airtime?from=2026-05-18&to=2026-05-20')).json() as { rows: { zone: string; itemId: string; plannedStart: string; outcome: string; receivers: number; carriers: { output: string; kind: string }[]; startedAt: string }[] }).rows;
  beforeAll(async () => {
    h = await harness();
    await putZone(h, 'tdp-1');
    for (const id of ['tin-a', 'tin-b', 'tin-c']) await addItem(h, id);
    key = (await putDevice(h, 'cum-1', { name: 'Cụm 1', zone: 'tdp-1', kind: 'download' })).key;
    expect((await h.call('POST', '/api/plan', { from: '2026-05-18', to: '2026-05-20' })).statusCode).toBe(200);
    entries = ((await feed(h, 'cum-1', key)).json() as FeedBody).entries;
    h.clock.set('2026-05-18T12:00:00+07:00');
  });

  const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  it('accepts a play of a given entry and logs it once for the zone, the device as its carrier', async () => {
    const e = entries[0]!;
    const report = { itemId: e.itemId, start: shifted(e.start, 1200), end: shifted(e.end, 1200), outcome: 'completed' };
    const res = await played([report]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: [{ index: 0, itemId: e.itemId, start: report.start, slotStart: e.start, duplicate: false, heard: true, airtime: 'created' }], refused: [] });
    const rows = (await airtime()).filter((r) => r.plannedStart === e.start);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ zone: 'tdp-1', itemId: e.itemId, outcome: 'completed', receivers: 1, carriers: [{ output: 'device:cum-1', kind: 'device', receivers: 1 }] });
    // The same report again (a retry after a lost answer): accepted as a duplicate, nothing counts twice.
    const retry = await played([report, { ...report, start: shifted(e.start, 60_000) }]);
    expect(retry.json().accepted.map((a: { duplicate: boolean }) => a.duplicate)).toEqual([true, true]);
    expect((await airtime()).filter((r) => r.plannedStart === e.start)).toHaveLength(1);
  });

  it('judges each report on its own: items never given and times off their slot are refused with the reason', async () => {
    const e = entries[1]!;
    const res = await played([
      { itemId: e.itemId, start: e.start, end: e.end, outcome: 'completed' },
      { itemId: 'tin-khong-co', start: e.start, end: e.end, outcome: 'completed' },
      { itemId: e.itemId, start: shifted(e.start, 6 * 60_000), end: shifted(e.end, 6 * 60_000), outcome: 'completed' },
      { itemId: e.itemId, start: e.end, end: e.start, outcome: 'completed' },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accepted: { index: number }[]; refused: { index: number; reason: string; message: string }[] };
    expect(body.accepted.map((a) => a.index)).toEqual([0]);
    expect(body.refused.map((r) => [r.index, r.reason])).toEqual([[1, 'device-play-not-given'], [2, 'device-play-off-slot'], [3, 'device-play-times']]);
    expect(body.refused[0]!.message).toContain('chưa từng giao tin bài này');
    const none = await played([{ itemId: 'tin-khong-co', start: e.start, end: e.end, outcome: 'completed' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'device-plays-refused', details: [{ field: 'body.0', reason: 'device-play-not-given' }] });
    const bad = await played([{ itemId: e.itemId, start: 'hôm qua', end: e.end, outcome: 'completed' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toMatch(/^body\.0\.start/);
  });

  it('attaches to the row of a play Loa aired itself, once it has ended, and the report counts it as heard', async () => {
    const e = entries[2]!;
    const startMs = Date.parse(e.start);
    const recorder = createAirtimeRecorder(h.t.daemon.db, 'Asia/Ho_Chi_Minh');
    const rowId = recorder.recordStart({
      zoneId: 'tdp-1', startedAt: startMs, outputs: ['http:/stream/tdp-1'],
      entry: { itemId: e.itemId, startMs, window: '10:00-11:00', source: 'plan', item: { title: e.title, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal' } },
    });
    const report = await played([{ itemId: e.itemId, start: e.start, end: e.end, outcome: 'completed' }]);
    expect(report.json().accepted[0].airtime).toBe('waiting');
    // Loa's play ends with nobody on its stream; the next device check settles the report onto it.
    recorder.recordEnd(rowId, { endedAt: Date.parse(e.end), playedMs: 60_000, outcome: 'completed', detail: null, outputs: ['http:/stream/tdp-1'], receivers: 0, carriers: [] });
    h.clock.advance(16_000);
    const rows = (await airtime()).filter((r) => r.plannedStart === e.start);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'completed', receivers: 1, carriers: [{ output: 'device:cum-1', kind: 'device', receivers: 1 }] });
    // The month's figures count it as heard now (no longer "aired to no receiver").
    const reception = h.t.daemon.db.prepare("SELECT * FROM airtime_day_reception WHERE heard = 'no'").all();
    expect(reception).toEqual([]);
    const cells = h.t.daemon.db.prepare('SELECT plays FROM airtime_day_cells WHERE local_date = ?').all('2026-05-18') as { plays: number }[];
    expect(cells.reduce((n, c) => n + c.plays, 0)).toBe(3);
    // A final row still refuses any other change.
    expect(() => h.t.daemon.db.prepare('UPDATE airtime SET outcome = ? WHERE id = ?').run('failed', rowId)).toThrow(/final/);
  });
});

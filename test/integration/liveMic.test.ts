/**
 * «Phát trực tiếp» from the admin page's microphone, as the daemon sees it (issue 11): a ticket from
 * `POST /api/live/sessions`, then a WebSocket carrying WebM/Opus chunks as MediaRecorder sends them
 * (made by ffmpeg here, sent in real time). A plain client of the zone's stream hears the programme,
 * then the microphone's tone, then the programme again; the item, the airtime log and the audit log
 * keep it. A priority broadcast waits for the item on air. Every refusal: role, zones, busy zones,
 * tickets, a foreign page, CSRF.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { localDate } from '../../src/domain/time.ts';
import type { MicServerMessage } from '../../src/live/micConnection.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { listItems } from '../../src/storage/items.ts';
import { apiClient } from '../support/apiClient.ts';
import { connectFrameClient, type FrameClient } from '../support/frameClient.ts';
import { makeTempDir, makeTone, removeDir, runFfmpegCli } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { blockLabels, decodePcm, toneRuns, type ToneRun } from '../support/tones.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const PROGRAMME_HZ = 440;
const MIC_HZ = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Mic {
  ws: WebSocket;
  messages: MicServerMessage[];
  /** Resolves with the first message of that type (already received or to come). */
  next<T extends MicServerMessage['type']>(type: T): Promise<Extract<MicServerMessage, { type: T }>>;
  closed: Promise<{ code: number; reason: string }>;
}
type Refused = { status: number; code: string | undefined };

let t: TestDaemon;
let base: string;
let port: number;
let dir: string;
let admin: ReturnType<typeof apiClient>;
let speaker: ReturnType<typeof apiClient>;
let speakerToken: string;
let webm: Buffer;
let longItem: string;
let shortItem: string;

/** Opens the microphone's socket as a Node client would (bearer), or says how the handshake was refused. */
function openMic(ticket: string | null, opts: { token: string; origin?: string }): Promise<Mic | Refused> {
  const url = `ws://127.0.0.1:${port}/api/live/broadcast${ticket === null ? '' : `?ticket=${encodeURIComponent(ticket)}`}`;
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${opts.token}` }, ...(opts.origin && { origin: opts.origin }) });
  const messages: MicServerMessage[] = [];
  const waiting: { type: string; resolve(m: MicServerMessage): void }[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const m = JSON.parse(data.toString()) as MicServerMessage;
    messages.push(m);
    for (const w of waiting.filter((x) => x.type === m.type)) w.resolve(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({
      ws, messages, closed,
      next: (type) => new Promise((res) => {
        const got = messages.find((m) => m.type === type);
        if (got) res(got as never);
        else waiting.push({ type, resolve: res as (m: MicServerMessage) => void });
      }),
    }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body || '{}') as { code?: string }).code }));
    });
    ws.on('error', reject);
  });
}
const isMic = (x: Mic | Refused): x is Mic => 'ws' in x;

async function ticketFor(client: ReturnType<typeof apiClient>, zones: string[], level: 'priority' | 'emergency') {
  const res = await client.call<{ ticket: string; zones: string[] }>('POST', '/api/live/sessions', { zones, level });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Sends the recording as MediaRecorder would: a chunk every 100 ms, then the stop message. */
async function speak(mic: Mic, bytes: Buffer, seconds: number): Promise<void> {
  const chunk = Math.ceil(bytes.length / (seconds * 10));
  for (let at = 0; at < bytes.length; at += chunk) {
    mic.ws.send(bytes.subarray(at, at + chunk));
    await sleep(100);
  }
  mic.ws.send(JSON.stringify({ type: 'stop' }));
}

/** The tones a client heard, in order (runs of at least 300 ms; silence between them dropped). */
async function tonesHeard(client: FrameClient, name: string): Promise<ToneRun[]> {
  const file = join(dir, `${name}.mp3`);
  await writeFile(file, Buffer.concat(client.frames().map((f) => f.frame)));
  const labels = blockLabels(await decodePcm(file, 8000), 8000, 800, [PROGRAMME_HZ, MIC_HZ]).map((l) => (typeof l === 'number' ? l : null));
  return toneRuns(labels, 3);
}

/** Waits until the client has heard `seconds` more of non-silent audio than it had. */
async function hearsSound(client: FrameClient, silence: Buffer, seconds: number): Promise<void> {
  const loud = () => client.frames().filter((f) => !f.frame.equals(silence)).length;
  const wanted = loud() + Math.round(seconds * 38);
  await expect.poll(loud, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(wanted);
}

beforeAll(async () => {
  t = await startTestDaemon({ listen: true });
  port = (t.daemon.app.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  dir = await makeTempDir();
  admin = apiClient(base);
  await admin.login('admin', ADMIN_PASSWORD);
  speakerToken = await t.userToken('chu-tich', 'reviewer');
  speaker = apiClient(base);
  await speaker.login('chu-tich', 'chu-tich-password');
  for (const id of ['tdp-a', 'tdp-b']) expect((await admin.call('PUT', `/api/zones/${id}`, { name: `Tổ dân phố ${id.slice(-1).toUpperCase()}`, windows: [] })).status).toBe(200);
  longItem = (await admin.uploadApproved(await makeTone(dir, { freq: PROGRAMME_HZ, seconds: 20, name: 'programme.wav' }), { title: 'Chương trình dài' })).id;
  shortItem = (await admin.uploadApproved(await makeTone(dir, { freq: PROGRAMME_HZ, seconds: 3, name: 'short.wav' }), { title: 'Tin ngắn' })).id;
  // What Chromium's MediaRecorder sends: live WebM (no cues, clusters of ~100 ms) with Opus inside.
  const file = join(dir, 'mic.webm');
  await runFfmpegCli(['-f', 'lavfi', '-i', `sine=frequency=${MIC_HZ}:duration=3`, '-ac', '1', '-c:a', 'libopus', '-b:a', '48k', '-live', '1', '-cluster_time_limit', '100', '-f', 'webm', file]);
  webm = await readFile(file);
}, 90_000);
afterAll(async () => {
  await t?.close();
  if (dir) await removeDir(dir);
});

describe('live broadcast from the admin page microphone', () => {
  it('airs the chunks at emergency level, cutting the programme, which resumes after; keeps the item and logs it', async () => {
    const client = connectFrameClient(port, '/stream/tdp-a?monitor=1');
    expect(await client.ready).toBe(200);
    await expect.poll(() => client.frames().length, { timeout: 10_000 }).toBeGreaterThan(5);
    const silence = client.frames()[0]!.frame;
    expect((await admin.call('POST', '/api/programmes', { items: [longItem], zones: ['tdp-a'], outsideWindows: true })).status).toBe(201);
    await hearsSound(client, silence, 1.5);

    const { ticket, zones } = await ticketFor(speaker, ['tdp-a'], 'emergency');
    expect(zones).toEqual(['tdp-a']);
    const mic = await openMic(ticket, { token: speakerToken, origin: base });
    if (!isMic(mic)) throw new Error(`refused: ${JSON.stringify(mic)}`);
    expect(await mic.next('ready')).toEqual({ type: 'ready', zones: ['tdp-a'] });
    const speaking = speak(mic, webm, 3);
    expect((await mic.next('on-air')).zones).toEqual(['tdp-a']);

    // While it speaks the zone is taken: a second broadcast is refused at its ticket, and at its socket
    // when its ticket came before.
    const busy = await speaker.call<{ code: string; message: string }>('POST', '/api/live/sessions', { zones: ['tdp-a'], level: 'priority' });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'live-zone-busy', message: 'Đang có buổi phát trực tiếp trên Tổ dân phố A; hãy chờ buổi đó kết thúc rồi thử lại.' });
    await speaking;
    const ended = await mic.next('ended');
    expect(ended).toMatchObject({ reached: ['tdp-a'], title: 'Phát trực tiếp từ trang quản trị — chu-tich' });
    expect(Math.abs(ended.durationMs - 3000)).toBeLessThan(400);
    expect((await mic.closed).code).toBe(1000);

    // The programme comes back where it would be now, and a listener heard: programme, microphone, programme.
    await hearsSound(client, silence, 1.5);
    client.close();
    const runs = await tonesHeard(client, 'tdp-a');
    expect(runs.map((r) => r.freq), JSON.stringify(runs)).toEqual([PROGRAMME_HZ, MIC_HZ, PROGRAMME_HZ]);
    expect(runs[1]!.blocks).toBeGreaterThanOrEqual(25); // ~30 blocks of 100 ms: the 3 s spoken, none of it lost

    const date = localDate(Date.now(), TZ);
    type Row = { itemId: string; kind: string; outcome: string | null; source: string; playedMs: number | null };
    let rows: Row[] = [];
    await expect.poll(async () => {
      rows = (await admin.call<{ rows: Row[] }>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-a&format=json`)).body.rows;
      return rows.find((r) => r.kind === 'truc-tiep')?.outcome;
    }, { timeout: 10_000 }).toBe('completed');
    expect(rows.find((r) => r.kind === 'truc-tiep')).toMatchObject({ itemId: ended.itemId, source: 'emergency' });
    expect(rows.find((r) => r.itemId === longItem)?.outcome).toBe('preempted');

    const item = (await admin.call<Record<string, unknown>>('GET', `/api/items/${ended.itemId}`)).body;
    expect(item).toMatchObject({ kind: 'truc-tiep', status: 'approved', submittedByName: 'chu-tich', title: 'Phát trực tiếp từ trang quản trị — chu-tich' });
    expect(item.note).toContain('người nói: chu-tich');
    expect((await fetch(`${base}/api/items/${ended.itemId}/audio`, { headers: { authorization: `Bearer ${speakerToken}` } })).status).toBe(200);
    const audit = (await admin.call<{ entries: { actor: string; targetId: string; after: Record<string, unknown> }[] }>('GET', '/api/audit?action=live.broadcast')).body.entries;
    expect(audit[0]).toMatchObject({ actor: 'chu-tich', targetId: 'browser', after: { item: ended.itemId, origin: 'browser', level: 'emergency', reached: ['tdp-a'] } });
  }, 90_000);

  it('waits for the item on air at priority level, telling the page it is queued, then airs whole', async () => {
    const client = connectFrameClient(port, '/stream/tdp-b?monitor=1');
    expect(await client.ready).toBe(200);
    await expect.poll(() => client.frames().length, { timeout: 10_000 }).toBeGreaterThan(5);
    const silence = client.frames()[0]!.frame;
    expect((await admin.call('POST', '/api/programmes', { items: [shortItem], zones: ['tdp-b'], outsideWindows: true })).status).toBe(201);
    await hearsSound(client, silence, 0.5);

    const mic = await openMic((await ticketFor(speaker, ['tdp-b'], 'priority')).ticket, { token: speakerToken });
    if (!isMic(mic)) throw new Error(`refused: ${JSON.stringify(mic)}`);
    await mic.next('ready');
    await speak(mic, webm, 3);
    const ended = await mic.next('ended');
    expect(mic.messages.map((m) => m.type)).toEqual(['ready', 'queued', 'on-air', 'ended']);
    // It airs to its end after the item (its last frames went out when its row is closed).
    const date = localDate(Date.now(), TZ);
    type Row = { itemId: string; outcome: string | null; source: string };
    let rows: Row[] = [];
    await expect.poll(async () => {
      rows = (await admin.call<{ rows: Row[] }>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-b&format=json`)).body.rows;
      return rows.find((r) => r.itemId === ended.itemId)?.outcome;
    }, { timeout: 15_000 }).toBe('completed');
    expect(rows.find((r) => r.itemId === ended.itemId)?.source).toBe('programme');
    expect(rows.find((r) => r.itemId === shortItem)?.outcome).toBe('completed'); // never cut mid-item
    await expect.poll(() => client.frames().at(-1)!.frame.equals(silence), { timeout: 5_000 }).toBe(true);
    client.close();
    const runs = await tonesHeard(client, 'tdp-b');
    expect(runs.map((r) => r.freq), JSON.stringify(runs)).toEqual([PROGRAMME_HZ, MIC_HZ]);
    expect(runs[1]!.blocks).toBeGreaterThanOrEqual(25);
  }, 60_000);

  it('refuses a role without live:broadcast, bad zones and levels, missing, bad, used and foreign tickets, a foreign page, and a cookie without CSRF', async () => {
    const operatorToken = await t.userToken('van-hanh', 'operator');
    const operator = apiClient(base);
    await operator.login('van-hanh', 'van-hanh-password');
    expect((await operator.call('POST', '/api/live/sessions', { zones: ['tdp-a'], level: 'priority' })).status).toBe(403);
    expect(await openMic('x', { token: operatorToken })).toEqual({ status: 403, code: 'forbidden' });

    const bad = await speaker.call<{ details: { field: string }[] }>('POST', '/api/live/sessions', { zones: ['tdp-a', 'khong-co'], level: 'priority' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(['body.zones[1]']);
    const empty = await speaker.call<{ details: { field: string }[] }>('POST', '/api/live/sessions', { zones: [], level: 'priority' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.details)).toContain('zones');
    const loud = await speaker.call<{ details: { field: string }[] }>('POST', '/api/live/sessions', { zones: ['tdp-a'], level: 'loud' });
    expect(loud.status).toBe(400);
    expect(JSON.stringify(loud.body.details)).toContain('level');

    expect((await openMic(null, { token: speakerToken }) as Refused).status).toBe(400);
    expect(await openMic('made-up', { token: speakerToken })).toEqual({ status: 403, code: 'live-ticket-invalid' });
    const adminTicket = (await ticketFor(admin, ['tdp-a'], 'priority')).ticket;
    expect(await openMic(adminTicket, { token: speakerToken })).toEqual({ status: 403, code: 'live-ticket-invalid' });

    // A page of another site is refused before its ticket is looked at; the daemon's own page gets through once.
    const { ticket } = await ticketFor(speaker, ['tdp-a'], 'priority');
    const later = (await ticketFor(speaker, ['tdp-a'], 'emergency')).ticket; // the zone is free yet
    expect(await openMic(ticket, { token: speakerToken, origin: 'http://evil.example' })).toEqual({ status: 403, code: 'live-origin-refused' });
    const mic = await openMic(ticket, { token: speakerToken, origin: base });
    if (!isMic(mic)) throw new Error(`refused: ${JSON.stringify(mic)}`);
    await mic.next('ready');
    expect(await openMic(ticket, { token: speakerToken })).toEqual({ status: 403, code: 'live-ticket-invalid' }); // used
    // Two tickets for one zone: the second socket is told the zone is taken, in words, and closed.
    const second = await openMic(later, { token: speakerToken });
    if (!isMic(second)) throw new Error(`refused: ${JSON.stringify(second)}`);
    expect(await second.next('error')).toMatchObject({ code: 'live-zone-busy', message: expect.stringContaining('Tổ dân phố A') });
    expect((await second.closed).code).toBe(4409);
    // Leaving before any audio gives the zone back.
    mic.ws.close();
    await mic.closed;
    await expect.poll(async () => (await speaker.call('POST', '/api/live/sessions', { zones: ['tdp-a'], level: 'priority' })).status).toBe(201);

    // The admin page's way: the session cookie, whose POST needs the CSRF token.
    const login = await fetch(`${base}/api/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chu-tich', password: 'chu-tich-password' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const post = (headers: Record<string, string>) => fetch(`${base}/api/live/sessions`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ zones: ['*'], level: 'priority' }),
    });
    expect((await post({})).status).toBe(403);
    const withToken = await post({ 'x-csrf-token': csrfToken });
    expect(withToken.status).toBe(201);
    const browserTicket = ((await withToken.json()) as { ticket: string }).ticket;
    const browser = new WebSocket(`ws://127.0.0.1:${port}/api/live/broadcast?ticket=${browserTicket}`, { headers: { cookie }, origin: base });
    const first = await new Promise<MicServerMessage>((resolve, reject) => {
      browser.once('message', (d) => resolve(JSON.parse(d.toString()) as MicServerMessage));
      browser.once('error', reject);
    });
    expect(first).toEqual({ type: 'ready', zones: ['tdp-a', 'tdp-b'] });
    browser.close();
    await expect.poll(async () => (await speaker.call('POST', '/api/live/sessions', { zones: ['*'], level: 'priority' })).status).toBe(201);
  }, 60_000);
  // Last: it stops the daemon.
  it('ends a broadcast under way when the daemon stops, and keeps its recording', async () => {
    const mic = await openMic((await ticketFor(speaker, ['tdp-a'], 'emergency')).ticket, { token: speakerToken });
    if (!isMic(mic)) throw new Error(`refused: ${JSON.stringify(mic)}`);
    await mic.next('ready');
    const half = webm.subarray(0, Math.floor(webm.length / 2));
    for (let at = 0; at < half.length; at += 1000, await sleep(100)) mic.ws.send(half.subarray(at, at + 1000));
    await mic.next('on-air');
    const stopping = t.daemon.stop();
    expect((await mic.closed).code).toBe(1006); // cut, not a goodbye: the page says the connection was lost
    await stopping;
    const db = openDatabase(join(t.config.dataDir, 'loa.sqlite'));
    try {
      const kept = listItems(db, { kind: 'truc-tiep', limit: 10, offset: 0 }).items[0]!;
      expect(kept).toMatchObject({ status: 'approved', submittedBy: expect.any(String) });
      expect(kept.durationMs).toBeGreaterThan(1000);
    } finally {
      db.close();
    }
  }, 30_000);
});

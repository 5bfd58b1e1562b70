import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import { systemClock } from '../../src/clock.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { listAirtime } from '../../src/storage/airtimeQueries.ts';
import type { Db } from '../../src/storage/db.ts';
import { createFrameLoader } from '../../src/playout/frameSource.ts';
import { createHttpMount } from '../../src/playout/httpMount.ts';
import type { HttpMount, HttpMountOptions } from '../../src/playout/httpMount.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { encodeSilenceFrame } from '../../src/playout/silence.ts';
import { createZonePlayer, FRAME_MS } from '../../src/playout/zonePlayer.ts';
import type { ZonePlayer } from '../../src/playout/zonePlayer.ts';
import { registerStreamRoutes } from '../../src/http/routes/stream.ts';
import { ffmpegCli } from '../support/makeAudio.ts';
import { backToBack, makeToneSources, toneEntry } from '../support/toneProgramme.ts';
import type { ToneSource } from '../support/toneProgramme.ts';
import { blockLabels, decodePcm, lastLoudIndex, onsetIndex, pcmOf } from '../support/tones.ts';

const RATE = 8000; // the client decodes to 8 kHz: plenty for 440–880 Hz and 1/8 ms resolution
const SAMPLES_PER_MS = RATE / 1000;
const LOUD = 1000; // ffmpeg's sine is at 1/8 full scale (~4096); decoded silence is exactly 0
const log = pino({ level: 'silent' });

let dir: string;
let tones: ToneSource[];
let silenceFrame: Buffer;
let db: Db;
let app: FastifyInstance;
let base: string;
const mounts = new Map<string, HttpMount>();
const players: ZonePlayer[] = [];
const programmes = new Map<string, ProgrammeEntry[]>();

function zone(id: string, mode: HttpMountOptions['idle'], key?: string): { mount: HttpMount; player: ZonePlayer } {
  const mount = createHttpMount({ zoneId: id, name: `Tổ dân phố ${id}`, idle: mode, key, silenceFrame, clock: systemClock, log });
  const player = createZonePlayer({
    id,
    zones: [id],
    source: { entriesBetween: (pid, from, to) => (programmes.get(pid) ?? []).filter((e) => e.endMs > from && e.startMs < to) },
    outputs: new Map([[id, [mount]]]),
    airtime: createAirtimeRecorder(db),
    clock: systemClock,
    log,
    silenceFrame,
    loadFrames: createFrameLoader(),
  });
  mounts.set(id, mount);
  players.push(player);
  return { mount, player };
}

/**
 * When the first frame the client received was due (T0). Sample s of the client's PCM holds stream
 * content due at T0 + s/8 ms: the stream is paced in real time, so position in it is airing time.
 * T0 is bounded from the arrival times: the PCM up to sample n needs stream frame k = ceil(n/(8F)) − 1,
 * which the server cannot send before T0 + k·F, so T0 ≤ arrival − k·F for every chunk; the smallest
 * bound is kept. Every lateness computed from it is therefore an over-estimate, never an under-
 * estimate: by the smallest delivery delay, and in practice by about one frame more, because ffmpeg's
 * MP3 demuxer reads 1024-byte packets and so decodes frame k only once bytes of frame k+1 have come.
 */
function streamOrigin(arrivals: { at: number; samples: number }[]): number {
  return Math.min(...arrivals.map((a) => a.at - (Math.ceil(a.samples / (SAMPLES_PER_MS * FRAME_MS)) - 1) * FRAME_MS));
}

function request(path: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(`${base}${path}`, { headers }, resolve).on('error', reject));
}

async function bodyOf(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return text;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loa-stream-'));
  [tones, silenceFrame] = await Promise.all([
    makeToneSources(dir, [440, 660, 880], 3),
    encodeSilenceFrame(ffmpegCli()),
  ]);
  db = openDatabase(':memory:');
  zone('z', 'silence');
  zone('zc', 'close');
  zone('zk', 'silence', 'khoa-bi-mat-123');
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerStreamRoutes(app, { mounts: (id) => mounts.get(id) });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  await Promise.all(players.map((p) => p.start()));
});

afterAll(async () => {
  await Promise.all(players.map((p) => p.stop()));
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /stream/:zone (real network, real ffmpeg)', () => {
  it('airs three tones in order, on time and back to back, to an ffmpeg client', async () => {
    const { mount, player } = { mount: mounts.get('z')!, player: players[0]! };
    // The client: ffmpeg pulls the mount and decodes to raw PCM; -flush_packets makes it hand each
    // decoded packet over at once, so arrival times mean something.
    const client = spawn(ffmpegCli(), [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-i', `${base}/stream/z`,
      '-f', 's16le', '-ac', '1', '-ar', String(RATE), '-flush_packets', '1', '-',
    ]);
    const chunks: Buffer[] = [];
    const arrivals: { at: number; samples: number }[] = [];
    let samples = 0;
    let wanted = Infinity;
    let enough: () => void = () => {};
    const received = new Promise<void>((resolve) => (enough = resolve));
    client.stdout.on('data', (chunk: Buffer) => {
      const at = Date.now();
      chunks.push(chunk);
      samples += chunk.length / 2;
      arrivals.push({ at, samples });
      if (samples >= wanted) enough();
    });
    await once(mount.events, 'listener:added');
    const serverLate: number[] = [];
    player.on('item:started', (e) => serverLate.push(e.lateMs));

    const slotStart = Date.now() + 1500;
    const programme = backToBack(tones, slotStart);
    programmes.set('z', programme);
    player.reload();
    const last = programme.at(-1)!;
    await once(player, 'idle'); // right after the last tone ends
    // Wait (on data events) until the client has decoded 300 ms past the end of the programme.
    wanted = (last.endMs + 300 - streamOrigin(arrivals)) * SAMPLES_PER_MS;
    if (samples >= wanted) enough();
    await received;
    client.kill('SIGTERM');
    await once(client, 'close');

    const pcm = pcmOf(Buffer.concat(chunks));
    // Order: the dominant tone of each 100 ms block, runs collapsed.
    const labels = blockLabels(pcm, RATE, 800, [440, 660, 880], { minShare: 0.6 }).filter((l) => l !== 'mixed');
    const runs = labels.filter((l, i) => l !== labels[i - 1]);
    expect(runs).toEqual(['silence', 440, 660, 880, 'silence']);

    const t0 = streamOrigin(arrivals);
    // Each item decoded alone gives the reference: where its tone starts and stops inside its own
    // frames (encoder/decoder delays), found with the same threshold on the same decoder.
    const alone = await Promise.all(tones.map((t) => decodePcm(t.path, RATE)));
    const lateness: number[] = [];
    const gaps: number[] = [];
    let from = 0;
    for (const [i, e] of programme.entries()) {
      const ref = alone[i]!;
      const onset = onsetIndex(pcm, LOUD, from);
      const itemStartAt = t0 + (onset - onsetIndex(ref, LOUD)) / SAMPLES_PER_MS;
      lateness.push(itemStartAt - e.startMs);
      if (i > 0) {
        // Silence between the previous tone's last loud sample and this onset, beyond what the two
        // items carry themselves (the previous one's tail after its tone, this one's lead-in).
        const prev = alone[i - 1]!;
        const prevEnd = lastLoudIndex(pcm, LOUD, onset);
        const expected = tones[i - 1]!.frameCount * FRAME_MS * SAMPLES_PER_MS - lastLoudIndex(prev, LOUD) + onsetIndex(ref, LOUD);
        gaps.push((onset - prevEnd - expected) / SAMPLES_PER_MS);
      }
      from = onset + (lastLoudIndex(ref, LOUD) - onsetIndex(ref, LOUD)) + SAMPLES_PER_MS; // past this tone
    }
    const firstPcm = arrivals[0]!;
    console.info(
      `stream e2e: first PCM ${firstPcm.samples} samples ${firstPcm.at - t0} ms after T0; ` +
        `delivery slack ${Math.min(...arrivals.map((a) => a.at - t0 - a.samples / SAMPLES_PER_MS)).toFixed(1)} ms`,
    );
    console.info(`stream e2e: server-side lateMs ${serverLate.map((l) => l.toFixed(1)).join(', ')}`);
    console.info(`stream e2e: lateness ms ${lateness.map((l) => l.toFixed(1)).join(', ')}; extra gap ms ${gaps.map((g) => g.toFixed(1)).join(', ')}`);
    for (const l of lateness) {
      expect(l).toBeLessThanOrEqual(100);
      expect(l).toBeGreaterThanOrEqual(-5);
    }
    for (const g of gaps) {
      expect(g).toBeLessThanOrEqual(60);
      expect(g).toBeGreaterThanOrEqual(-2);
    }
    const rows = listAirtime(db, { fromMs: slotStart - 1000, toMs: last.endMs + 1000, zone: 'z' });
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['tone-440:completed', 'tone-660:completed', 'tone-880:completed']);
  });

  it('answers with Icecast-style headers and an unchunked MP3 body that starts on a frame boundary', async () => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.write('GET /stream/z HTTP/1.1\r\nHost: loa\r\n\r\n');
    let raw = Buffer.alloc(0);
    for await (const chunk of socket) {
      raw = Buffer.concat([raw, chunk as Buffer]);
      const end = raw.indexOf('\r\n\r\n');
      if (end >= 0 && raw.length >= end + 4 + 3 * silenceFrame.length) break;
    }
    socket.destroy();
    const end = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, end).toString('latin1');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\ncontent-type: audio\/mpeg\r\n/i);
    expect(head).toMatch(/\r\nicy-br: 96\r\n/i);
    expect(head).toMatch(/\r\nicy-sr: 44100\r\n/i);
    expect(head).toMatch(/\r\nicy-pub: 0\r\n/i);
    expect(head).toMatch(/\r\ncache-control: no-cache, no-store\r\n/i);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    expect(head).not.toMatch(/transfer-encoding/i);
    // The zone's Vietnamese name arrives as UTF-8 bytes.
    expect(Buffer.from(/icy-name: ([^\r]*)/i.exec(head)![1]!, 'latin1').toString('utf8')).toBe('Tổ dân phố z');
    // Idle between programmes ('silence' mode): whole silent frames, the first one right after the headers.
    const body = raw.subarray(end + 4);
    expect(body.subarray(0, silenceFrame.length).equals(silenceFrame)).toBe(true);
  });

  it('answers an unknown zone as it answers a wrong key (401, decisions §1: nothing tells that a zone exists), in Vietnamese and English', async () => {
    const res = await request('/stream/khong-co');
    expect(res.statusCode).toBe(401);
    const { code, message } = JSON.parse(await bodyOf(res)) as { code: string; message: string };
    expect(code).toBe('stream-denied');
    expect(message).toContain('sai hoặc thiếu khóa luồng');
    expect(message).toContain('missing or wrong stream key');
    const wrongKey = await request('/stream/zk?key=doan-mo-1234');
    expect(JSON.parse(await bodyOf(wrongKey))).toEqual(JSON.parse(JSON.stringify({ statusCode: 401, code, message })));
  });

  it('asks for the stream key when the zone has one (query or header)', async () => {
    const denied = await request('/stream/zk');
    expect(denied.statusCode).toBe(401);
    expect(await bodyOf(denied)).toMatch(/khóa luồng.*stream key/i);
    const wrong = await request('/stream/zk?key=doan-mo-1234');
    expect(wrong.statusCode).toBe(401);
    wrong.resume();
    const mount = mounts.get('zk')!;
    for (const res of [await request('/stream/zk?key=khoa-bi-mat-123'), await request('/stream/zk', { 'X-Stream-Key': 'khoa-bi-mat-123' })]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('audio/mpeg');
      const [chunk] = (await once(res, 'data')) as [Buffer];
      expect(chunk.length).toBeGreaterThan(0);
      res.destroy();
      await once(mount.events, 'listener:removed');
    }
    expect(mount.health().listeners).toBe(0);
  });

  it("'close' mode: turns listeners away between programmes and ends them when the programme ends", async () => {
    const mount = mounts.get('zc')!;
    const player = players[1]!;
    const idleRes = await request('/stream/zc');
    expect(idleRes.statusCode).toBe(503);
    expect(idleRes.headers['retry-after']).toBe('5');
    idleRes.resume();

    const tone = tones[1]!;
    programmes.set('zc', [toneEntry(tone, Date.now() + 300, 0)]);
    player.reload();
    await once(player, 'item:started');
    const res = await request('/stream/zc');
    expect(res.statusCode).toBe(200);
    expect(mount.health()).toMatchObject({ state: 'up', listeners: 1 });
    let bytes = 0;
    res.on('data', (c: Buffer) => (bytes += c.length));
    const [ended] = await Promise.all([once(res, 'end').then(() => Date.now()), once(player, 'idle')]);
    const endMs = programmes.get('zc')![0]!.endMs;
    expect(ended).toBeGreaterThanOrEqual(endMs - 50);
    expect(ended).toBeLessThan(endMs + 1000);
    expect(bytes).toBeGreaterThan(2 * 12_000); // ≥ 2 s of 96 kbps audio
    expect(mount.health()).toMatchObject({ state: 'idle', listeners: 0 });
    const after = await request('/stream/zc');
    expect(after.statusCode).toBe(503);
    after.resume();
  });

  it('drops a listener that stops reading instead of buffering for it; the others keep the stream', async () => {
    const mount = createHttpMount({ zoneId: 'slow', name: 'slow', idle: 'silence', silenceFrame, clock: systemClock, log, maxBufferedBytes: 64 * 1024 });
    mounts.set('slow', mount);
    await mount.start();
    const reader = await request('/stream/slow');
    let read = 0;
    reader.on('data', (c: Buffer) => (read += c.length));
    const stuck = await request('/stream/slow');
    stuck.pause();
    stuck.socket.pause();
    const dropped = once(mount.events, 'listener:removed');
    const block = Buffer.alloc(256 * 1024, 0x55);
    // Far faster than real time, so the kernel's socket buffers fill and the stuck one backs up.
    for (let i = 0; i < 200 && mount.listeners() === 2; i++) {
      mount.write(block);
      await new Promise((r) => setImmediate(r));
    }
    const [removed] = (await dropped) as [{ reason: string }];
    expect(removed.reason).toBe('slow');
    expect(mount.listeners()).toBe(1);
    expect(mount.health().lastError).toMatch(/dropped/);
    expect(read).toBeGreaterThan(0);
    await mount.stop();
    stuck.destroy();
  });
});

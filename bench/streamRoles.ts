// The processes of the streaming bench (bench/stream.bench.ts starts each as a child, so the CPU of
// each side is measured alone):
//   serve-loa      zone players + HTTP mounts behind the real GET /stream/:zone route (fastify)
//   feed-icecast   zone players + icecast pushes, one mount per zone
//   listen         raw-socket listeners that count bytes and judge who fell behind real time; they
//                  report (RESULT) when a line arrives on stdin, or after `seconds` at the latest
// Usage: node --import tsx bench/streamRoles.ts <role> '<json options>'; prints READY / CONNECTED / RESULT lines.
import net from 'node:net';
import { createInterface } from 'node:readline';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import { systemClock } from '../src/clock.ts';
import { registerStreamRoutes } from '../src/http/routes/stream.ts';
import { createFrameLoader } from '../src/playout/frameSource.ts';
import type { FrameSource } from '../src/playout/frameSource.ts';
import { createHttpMount } from '../src/playout/httpMount.ts';
import type { HttpMount } from '../src/playout/httpMount.ts';
import { createIcecastPush } from '../src/playout/icecastPush.ts';
import type { OutputDriver } from '../src/playout/output.ts';
import type { ProgrammeEntry, ProgrammeSource } from '../src/playout/programme.ts';
import { encodeSilenceFrame } from '../src/playout/silence.ts';
import { createZonePlayer } from '../src/playout/zonePlayer.ts';
import type { ZonePlayer } from '../src/playout/zonePlayer.ts';

/** What a serving role needs: the zones to play and the audio they loop. */
export interface ServeOptions {
  zones: string[];
  audio: string;
  ffmpeg: string;
  port: number;
  /** feed-icecast only. */
  sourcePassword?: string;
}

/** What the listen role needs: where to connect and how long to measure. */
export interface ListenOptions {
  port: number;
  paths: string[];
  perPath: number;
  seconds: number;
  bitrateKbps: number;
}

/** What the listen role reports on its RESULT line. */
export interface ListenResult {
  listeners: number;
  failed: number;
  behind: number;
  minRatio: number;
  medianRatio: number;
  measuredSeconds: number;
}

/** Listeners waiting for their response headers at once. */
const MAX_CONNECTING = 8;

/** The programme every zone plays: the audio file back to back for 20 minutes. */
function loopProgramme(src: FrameSource, from: number): ProgrammeSource {
  const entries: ProgrammeEntry[] = [];
  for (let at = from, i = 0; at < from + 20 * 60_000; at += src.durationMs, i++) {
    entries.push({
      key: `bench:${i}`,
      itemId: 'bench',
      startMs: at,
      endMs: at + src.durationMs,
      window: 'bench',
      source: 'programme',
      audioPath: src.path,
      durationMs: src.durationMs,
      item: { title: 'Bench', kind: 'khac', topics: [], ceremonial: false, unit: null, priority: 'normal' },
    });
  }
  return { entriesBetween: (_id, fromMs, toMs) => entries.filter((e) => e.endMs > fromMs && e.startMs < toMs) };
}

async function startPlayers(opts: ServeOptions, outputsOf: (zone: string, silence: Buffer) => OutputDriver[]): Promise<ZonePlayer[]> {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const silenceFrame = await encodeSilenceFrame(opts.ffmpeg);
  const loadFrames = createFrameLoader();
  const src = await loadFrames(opts.audio);
  const programme = loopProgramme(src, Date.now() + 1000);
  let rowId = 0;
  const players = opts.zones.map((zone) =>
    createZonePlayer({
      id: zone,
      zones: [zone],
      source: programme,
      outputs: new Map([[zone, outputsOf(zone, silenceFrame)]]),
      airtime: { recordStart: () => ++rowId, heartbeat: () => {}, recordEnd: () => {}, alreadyAired: () => false },
      clock: systemClock,
      log,
      silenceFrame,
      loadFrames,
    }),
  );
  for (const p of players) await p.start();
  return players;
}

async function serveLoa(opts: ServeOptions): Promise<void> {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const mounts = new Map<string, HttpMount>();
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerStreamRoutes(app, { mounts: (id) => mounts.get(id) });
  await app.listen({ port: opts.port, host: '127.0.0.1', backlog: 4096 });
  await startPlayers(opts, (zone, silenceFrame) => {
    const mount = createHttpMount({ zoneId: zone, name: `Tổ ${zone}`, idle: 'silence', silenceFrame, clock: systemClock, log });
    mounts.set(zone, mount);
    return [mount];
  });
  console.log('READY');
}

async function feedIcecast(opts: ServeOptions): Promise<void> {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const pushes: OutputDriver[] = [];
  await startPlayers(opts, (zone, silenceFrame) => {
    const url = `icecast://source:${opts.sourcePassword ?? ''}@127.0.0.1:${opts.port}/${zone}`;
    const push = createIcecastPush({ url, name: `Tổ ${zone}`, clock: systemClock, log, backoff: { initialMs: 1000, maxMs: 30_000 }, silenceFrame });
    pushes.push(push);
    return [push];
  });
  // Ready once every mount carries programme audio.
  while (!pushes.every((p) => p.health().state === 'up')) await new Promise((r) => setTimeout(r, 100));
  console.log('READY');
}

interface Listener {
  bytes: number;
  /** Response headers read (or the request failed): the listener no longer counts as connecting. */
  answered: boolean;
  /** When its first audio byte came. */
  firstAt: number | null;
  failed: string | null;
  socket: net.Socket;
}

function connectListener(port: number, path: string): Listener {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const l: Listener = { bytes: 0, answered: false, firstAt: null, failed: null, socket };
  const count = (n: number) => {
    if (n === 0) return;
    l.firstAt ??= performance.now();
    l.bytes += n;
  };
  let head: Buffer | null = Buffer.alloc(0);
  socket.on('connect', () => socket.write(`GET ${path} HTTP/1.0\r\nHost: 127.0.0.1\r\nUser-Agent: loa-bench\r\n\r\n`));
  socket.on('data', (d: Buffer) => {
    if (head === null) {
      count(d.length);
      return;
    }
    head = Buffer.concat([head, d]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, end))?.[1];
    l.answered = true;
    if (status !== '200') {
      l.failed = `HTTP ${status ?? '?'}`;
      socket.destroy();
      return;
    }
    count(head.length - end - 4);
    head = null;
  });
  socket.on('error', (err) => {
    l.failed ??= err.message;
    l.answered = true;
  });
  socket.on('close', () => {
    l.failed ??= l.firstAt === null ? 'closed before audio' : null;
    l.answered = true;
  });
  return l;
}

async function listen(opts: ListenOptions): Promise<void> {
  const listeners: Listener[] = [];
  // A few connecting at a time, round-robin over the mounts: icecast's accept queue is short, and a
  // real city's devices do not all connect in the same millisecond either.
  for (let i = 0; i < opts.perPath; i++) {
    for (const path of opts.paths) {
      while (listeners.filter((l) => !l.answered).length >= MAX_CONNECTING) await new Promise((r) => setTimeout(r, 2));
      listeners.push(connectListener(opts.port, path));
    }
  }
  const deadline = performance.now() + 20_000;
  while (listeners.some((l) => l.firstAt === null && l.failed === null) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const start = performance.now();
  console.log(`CONNECTED ${JSON.stringify({ connected: listeners.filter((l) => l.firstAt !== null).length })}`);
  // The bench asks for the result when its measurement ends (a line on stdin); `seconds` is a backstop.
  await new Promise<void>((resolve) => {
    setTimeout(resolve, opts.seconds * 1000);
    createInterface({ input: process.stdin }).once('line', () => resolve());
  });
  const now = performance.now();
  const bytesPerMs = (opts.bitrateKbps * 1000) / 8 / 1000;
  const ratios = listeners.map((l) => (l.firstAt === null || l.failed !== null ? 0 : l.bytes / (bytesPerMs * (now - l.firstAt))));
  const sorted = [...ratios].sort((a, b) => a - b);
  const result: ListenResult = {
    listeners: listeners.length,
    failed: listeners.filter((l) => l.firstAt === null || l.failed !== null).length,
    behind: ratios.filter((r) => r < 0.95).length,
    minRatio: sorted[0] ?? 0,
    medianRatio: sorted[Math.floor(sorted.length / 2)] ?? 0,
    measuredSeconds: (now - start) / 1000,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  for (const l of listeners) l.socket.destroy();
  process.exit(0);
}

// Exit through process.exit so `node --cpu-prof` (for digging into a result) writes its profile.
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

const [role, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as ServeOptions & ListenOptions;
const roles: Record<string, (o: ServeOptions & ListenOptions) => Promise<void>> = {
  'serve-loa': serveLoa,
  'feed-icecast': feedIcecast,
  listen,
};
const run = role === undefined ? undefined : roles[role];
if (run === undefined) {
  console.error(`unknown role "${role ?? ''}": use serve-loa, feed-icecast or listen`);
  process.exit(2);
}
run(options).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

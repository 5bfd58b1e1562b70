import pino from 'pino';
import type { Clock } from '../../src/clock.ts';
import { openDatabase } from '../../src/storage/db.ts';
import type { Db } from '../../src/storage/db.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { listAirtime } from '../../src/storage/airtimeQueries.ts';
import type { AirtimeRow } from '../../src/storage/airtime.ts';
import type { FrameSource } from '../../src/playout/frameSource.ts';
import type { OutputDriver, OutputHealth } from '../../src/playout/output.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { createZonePlayer, FRAME_MS, TICK_FRAMES } from '../../src/playout/zonePlayer.ts';
import type { ZonePlayer, ZonePlayerOptions } from '../../src/playout/zonePlayer.ts';
import type { ItemEndedEvent } from '../../src/playout/playoutEvents.ts';
import { fakeClock } from './fakeClock.ts';

/**
 * A zone player on a fake clock with synthetic audio and outputs that record what they were given,
 * for the zone player's unit tests (test/unit/zonePlayer.*.test.ts).
 */

// Synthetic audio: every frame is 8 bytes naming its item and index ("A0000012"), so what the
// outputs received can be read back frame by frame with the time it was written.
const FRAME_BYTES = 8;
export const SILENCE = Buffer.from('--------');
export const T0 = Date.parse('2026-05-18T05:29:58+07:00');
export const START = Date.parse('2026-05-18T05:30:00+07:00');
export const log = pino({ level: 'silent' });

/** `frames` synthetic frames of item `label`, at /audio/<label>.mp3. */
export function audio(label: string, frames: number): FrameSource {
  return {
    path: `/audio/${label}.mp3`,
    frameCount: frames,
    durationMs: Math.round(frames * FRAME_MS),
    bytes: frames * FRAME_BYTES,
    frame: (i) => Buffer.from(`${label}${String(i).padStart(FRAME_BYTES - 1, '0')}`),
  };
}

/** A planned entry airing item `label` (`frames` long) from `startMs`; `extra` overrides any field. */
export function entry(label: string, frames: number, startMs: number, extra: Partial<ProgrammeEntry> = {}): ProgrammeEntry {
  const durationMs = Math.round(frames * FRAME_MS);
  return {
    key: `slot:${label}`,
    itemId: `item-${label}`,
    startMs,
    endMs: startMs + durationMs,
    window: '05:30-06:30',
    source: 'plan',
    audioPath: `/audio/${label}.mp3`,
    durationMs,
    item: { title: `Tin ${label}`, kind: 'tin', topics: ['dai-hoi-xiv'], ceremonial: false, unit: null, priority: 'normal' },
    ...extra,
  };
}

/** A frame an output received, and when. */
export interface Written {
  at: number;
  frame: string;
}

/** Most a frame may go out after it is due: the rest of its tick's batch. */
export const BATCH_LAG_MS = (TICK_FRAMES - 1) * FRAME_MS;

/** An OutputDriver that remembers every frame and when it was written; its health is the test's to set. */
export function captureOutput(clock: Clock, name = 'capture') {
  const frames: Written[] = [];
  const idles: number[] = [];
  /** Every write() as it came: the Buffer itself and when. */
  const writes: { at: number; buf: Buffer }[] = [];
  /** Frames and idle() calls in the order the output saw them. */
  const sequence: string[] = [];
  let health: OutputHealth = { name, state: 'up', listeners: null, lastError: null, lastErrorAt: null, bytesSent: 0 };
  const driver: OutputDriver = {
    name,
    async start() {},
    async stop() {},
    write(buf) {
      writes.push({ at: clock.now(), buf });
      for (let o = 0; o < buf.length; o += FRAME_BYTES) {
        frames.push({ at: clock.now(), frame: buf.subarray(o, o + FRAME_BYTES).toString() });
        sequence.push(buf.subarray(o, o + FRAME_BYTES).toString());
      }
    },
    idle: () => {
      idles.push(clock.now());
      sequence.push('IDLE');
    },
    health: () => health,
  };
  const of = (label: string) => frames.filter((f) => f.frame.startsWith(label));
  const setHealth = (h: Partial<OutputHealth>) => void (health = { ...health, ...h });
  return { driver, frames, idles, writes, sequence, of, first: (label: string) => of(label)[0], setHealth };
}

/** The frame number inside its item of a written frame. */
export function indexOf(w: Written | undefined): number {
  return Number(w?.frame.slice(1));
}

/** What a test's player is built from; everything but the entries has a default. */
export interface Setup {
  clock?: Clock & { advance(ms: number): void };
  db?: Db;
  entries: ProgrammeEntry[];
  files?: FrameSource[];
  zones?: string[];
  start?: number;
  /** Each zone's outputs; by default one capture (`out`) shared by every zone. */
  outputs?: Map<string, OutputDriver[]>;
  options?: Partial<ZonePlayerOptions>;
}

/** Builds player 'p1' over a programme the test may replace (`programme.entries`), with its airtime log in `db`. */
export function setup(s: Setup) {
  const clock = s.clock ?? fakeClock(s.start ?? T0);
  const db = s.db ?? openDatabase(':memory:');
  const out = captureOutput(clock);
  const files = new Map((s.files ?? []).map((f) => [f.path, f]));
  const programme = { entries: s.entries };
  const player = createZonePlayer({
    id: 'p1',
    zones: s.zones ?? ['tdp-1'],
    source: { entriesBetween: (_id, from, to) => programme.entries.filter((e) => e.endMs > from && e.startMs < to) },
    // One capture for every zone (the fan-out writes a driver once even when zones share it).
    outputs: s.outputs ?? new Map((s.zones ?? ['tdp-1']).map((z) => [z, [out.driver]])),
    airtime: createAirtimeRecorder(db),
    clock,
    log,
    silenceFrame: SILENCE,
    loadFrames: (path) => {
      const f = files.get(path);
      if (!f) throw new Error(`ENOENT: no such file ${path}`);
      return f;
    },
    ...s.options,
  });
  const ended: ItemEndedEvent[] = [];
  player.on('item:ended', (e) => ended.push(e));
  const rows = (): AirtimeRow[] => listAirtime(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
  return { clock, db, out, player, programme, ended, rows };
}

/** Starts the player, then lets `ms` pass on its clock. */
export async function started(player: ZonePlayer, clock: { advance(ms: number): void }, ms: number): Promise<void> {
  await player.start();
  clock.advance(ms);
}

/**
 * A wall clock that can be stepped while timers keep their delays, as with the system clock (Node's
 * timers run on a monotonic clock): what a backward NTP step looks like to the player.
 */
export function steppableClock(start: number) {
  const mono = fakeClock(start);
  let offset = 0;
  return {
    now: () => mono.now() + offset,
    at: (atMs: number, fn: () => void) => mono.at(atMs - offset, fn),
    advance: (ms: number) => mono.advance(ms),
    step: (ms: number) => void (offset += ms),
  };
}

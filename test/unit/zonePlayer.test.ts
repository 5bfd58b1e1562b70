import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Clock } from '../../src/clock.ts';
import { openDatabase } from '../../src/storage/db.ts';
import type { Db } from '../../src/storage/db.ts';
import { closeInterrupted, createAirtimeRecorder, listAirtime } from '../../src/storage/airtime.ts';
import type { AirtimeRow } from '../../src/storage/airtime.ts';
import { createFrameLoader } from '../../src/playout/frameSource.ts';
import type { FrameSource } from '../../src/playout/frameSource.ts';
import type { OutputDriver, OutputHealth } from '../../src/playout/output.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { createZonePlayer, FRAME_MS, TICK_FRAMES } from '../../src/playout/zonePlayer.ts';
import type { ZonePlayer, ZonePlayerOptions } from '../../src/playout/zonePlayer.ts';
import type { ItemEndedEvent, SilenceAlarmEvent } from '../../src/playout/playoutEvents.ts';
import { fakeClock } from '../support/fakeClock.ts';
import type { FakeClock } from '../support/fakeClock.ts';

// Synthetic audio: every frame is 8 bytes naming its item and index ("A0000012"), so what the
// outputs received can be read back frame by frame with the time it was written.
const FRAME_BYTES = 8;
const SILENCE = Buffer.from('--------');
const T0 = Date.parse('2026-05-18T05:29:58+07:00');
const START = Date.parse('2026-05-18T05:30:00+07:00');
const log = pino({ level: 'silent' });

function audio(label: string, frames: number): FrameSource {
  return {
    path: `/audio/${label}.mp3`,
    frameCount: frames,
    durationMs: Math.round(frames * FRAME_MS),
    bytes: frames * FRAME_BYTES,
    frame: (i) => Buffer.from(`${label}${String(i).padStart(FRAME_BYTES - 1, '0')}`),
  };
}

function entry(label: string, frames: number, startMs: number, extra: Partial<ProgrammeEntry> = {}): ProgrammeEntry {
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

interface Written {
  at: number;
  frame: string;
}

/** Most a frame may go out after it is due: the rest of its tick's batch. */
const BATCH_LAG_MS = (TICK_FRAMES - 1) * FRAME_MS;

/** An OutputDriver that remembers every frame and when it was written; its health is the test's to set. */
function captureOutput(clock: Clock, name = 'capture') {
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

function indexOf(w: Written | undefined): number {
  return Number(w?.frame.slice(1));
}

interface Setup {
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

function setup(s: Setup) {
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

async function started(player: ZonePlayer, clock: { advance(ms: number): void }, ms: number): Promise<void> {
  await player.start();
  clock.advance(ms);
}

describe('zone player', () => {
  it('plays entries in order, back to back, each starting within 100 ms and paced in real time', async () => {
    const a = entry('A', 40, START);
    const b = entry('B', 30, a.endMs);
    const c = entry('C', 20, b.endMs + 2000);
    const t = setup({ entries: [c, a, b], files: [audio('A', 40), audio('B', 30), audio('C', 20)], zones: ['tdp-1', 'tdp-2'] });
    await started(t.player, t.clock, 10_000);

    const items = t.out.frames.filter((f) => f.frame !== SILENCE.toString()).map((f) => f.frame);
    expect(items).toEqual([
      ...Array.from({ length: 40 }, (_, i) => audio('A', 40).frame(i).toString()),
      ...Array.from({ length: 30 }, (_, i) => audio('B', 30).frame(i).toString()),
      ...Array.from({ length: 20 }, (_, i) => audio('C', 20).frame(i).toString()),
    ]);
    for (const e of [a, b, c]) {
      const first = t.out.first(e.key.slice(5));
      expect(first!.at).toBeGreaterThanOrEqual(e.startMs - 1);
      expect(first!.at).toBeLessThanOrEqual(e.startMs + 100);
      // A tick is planned at every entry's first frame: it goes out in its own slot, not with a later batch.
      expect(first!.at - e.startMs).toBeLessThan(FRAME_MS + 1);
      // Frame n is due at start + n × 26.122 ms (real-time pacing, no drift across the item): it goes
      // out no earlier than that, and at most the rest of its ~104 ms batch later.
      for (const [n, w] of t.out.of(e.key.slice(5)).entries()) {
        const due = first!.at + n * FRAME_MS;
        expect(w.at).toBeGreaterThan(due - 0.001);
        expect(w.at).toBeLessThan(due + BATCH_LAG_MS + 0.001);
      }
    }
    // A and B are back to back: not one silent frame between them.
    const aLast = t.out.frames.indexOf(t.out.of('A').at(-1)!);
    expect(t.out.frames[aLast + 1]!.frame).toBe(audio('B', 30).frame(0).toString());
    // One completed row per zone per item, facts copied.
    const rows = t.rows();
    expect(rows.map((r) => `${r.zoneId}:${r.itemId}:${r.outcome}`).sort()).toEqual(
      ['tdp-1:item-A:completed', 'tdp-1:item-B:completed', 'tdp-1:item-C:completed', 'tdp-2:item-A:completed', 'tdp-2:item-B:completed', 'tdp-2:item-C:completed'],
    );
    const rowA = rows.find((r) => r.itemId === 'item-A')!;
    expect(rowA).toMatchObject({ itemTitle: 'Tin A', topics: ['dai-hoi-xiv'], plannedStart: START, window: '05:30-06:30', outputs: ['capture'] });
    expect(rowA.playedMs).toBe(Math.round(40 * FRAME_MS));
    // The 2 s gap before C is inside the window: idle() only at start-up and after the last entry.
    expect(t.out.idles).toHaveLength(2);
    expect(t.out.idles[0]).toBe(T0);
    expect(t.out.idles[1]! - c.endMs).toBeLessThan(FRAME_MS + 1);
    expect(rowA.endedAt! - rowA.startedAt).toBe(Math.round(40 * FRAME_MS));
  });

  it('writes the first frame no earlier than the send-ahead before its start', async () => {
    const a = entry('A', 10, START);
    const t = setup({ entries: [a], files: [audio('A', 10)], options: { sendAheadMs: 250 } });
    await started(t.player, t.clock, 4000);
    const first = t.out.first('A')!;
    expect(first.at).toBeGreaterThanOrEqual(START - 250 - 1);
    expect(first.at).toBeLessThanOrEqual(START + 100);
    expect(t.rows()[0]!.startedAt - START).toBeLessThan(FRAME_MS + 1);
  });

  it('writes silence between windows, calls idle() once per pause, and keeps pace', async () => {
    const a = entry('A', 20, START);
    const b = entry('B', 20, START + 30_000, { window: '17:00-18:00' });
    const t = setup({ entries: [a, b], files: [audio('A', 20), audio('B', 20)] });
    const idle: number[] = [];
    t.player.on('idle', (e) => idle.push(e.at));
    await started(t.player, t.clock, 40_000);
    // Idle at start (nothing on), right after A (the next entry is another window), and after B.
    expect(t.out.idles).toHaveLength(3);
    expect(idle).toEqual(t.out.idles);
    expect(idle[0]).toBe(T0);
    expect(idle[1]! - (a.startMs + 20 * FRAME_MS)).toBeLessThan(FRAME_MS + 1);
    expect(idle[2]! - (b.startMs + 20 * FRAME_MS)).toBeLessThan(FRAME_MS + 1);
    // Silence keeps flowing at real-time pace: ~38 frames a second over the whole 40 s (less at most
    // the frames of the batch not yet due to go out).
    expect(t.out.frames.length).toBeGreaterThanOrEqual(Math.floor(40_000 / FRAME_MS) - (TICK_FRAMES - 1));
    expect(t.out.frames.length).toBeLessThanOrEqual(Math.ceil(40_000 / FRAME_MS) + 1);
  });

  it('tells outputs it is idle only after the programme\'s last frames, even when frames go out in a batch', async () => {
    const a = entry('A', 40, START);
    const t = setup({ entries: [a], files: [audio('A', 40)] });
    await started(t.player, t.clock, 2000 + 30 * FRAME_MS);
    // The event loop stalls for 600 ms (below a clock jump): the late tick catches up in one batch
    // holding A's last frames and the silence after it.
    const clock = t.clock as FakeClock;
    clock.set(clock.now() + 600);
    const batch = t.out.frames.filter((f) => f.at === clock.now());
    expect(batch.length).toBeGreaterThan(20);
    expect(batch.some((f) => f.frame === audio('A', 40).frame(39).toString())).toBe(true);
    const lastA = t.out.sequence.lastIndexOf(audio('A', 40).frame(39).toString());
    expect(t.out.sequence.indexOf('IDLE', 1)).toBeGreaterThan(lastA);
    // Caught up, not skipped: every frame of A went out once.
    expect(t.out.of('A').map(indexOf)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('cuts into the entry under way at the right frame when started late', async () => {
    const a = entry('A', 800, START); // ~20.9 s
    const b = entry('B', 40, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('A', 800), audio('B', 40)], start: START + 10_000 });
    await started(t.player, t.clock, 15_000);
    const first = t.out.first('A')!;
    expect(first.at).toBe(START + 10_000);
    expect(Math.abs(indexOf(first) - 10_000 / FRAME_MS)).toBeLessThanOrEqual(1);
    // Nothing after it shifts: B still starts on time.
    expect(t.out.first('B')!.at - b.startMs).toBeGreaterThanOrEqual(-1);
    expect(t.out.first('B')!.at - b.startMs).toBeLessThan(FRAME_MS + 1);
    const rowA = t.rows().find((r) => r.itemId === 'item-A')!;
    expect(rowA).toMatchObject({ outcome: 'completed', plannedStart: START, startedAt: START + 10_000 });
    expect(Math.abs(rowA.playedMs! - (a.durationMs - 10_000))).toBeLessThan(30);
  });

  it('a new plan replaces the remaining entries whole; the airing entry finishes', async () => {
    const a = entry('A', 200, START);
    const b = entry('B', 40, a.endMs);
    const c = entry('C', 40, b.endMs);
    const d = entry('D', 40, a.endMs);
    const t = setup({ entries: [a, b, c], files: [audio('A', 200), audio('B', 40), audio('C', 40), audio('D', 40)] });
    await started(t.player, t.clock, 4000); // A under way
    t.programme.entries = [d]; // the new plan no longer even lists A
    t.player.reload();
    t.clock.advance(10_000);
    expect(t.out.of('A')).toHaveLength(200);
    expect(t.out.of('B')).toHaveLength(0);
    expect(t.out.of('C')).toHaveLength(0);
    expect(t.out.of('D')).toHaveLength(40);
    expect(t.out.first('D')!.at - d.startMs).toBeLessThan(FRAME_MS + 1);
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:completed', 'item-D:completed']);
  });

  it('preempt() cuts the airing item (logged preempted), airs the bulletin, then the schedule resumes', async () => {
    const a = entry('A', 400, START); // ~10.4 s
    const b = entry('B', 400, a.endMs);
    const e = entry('E', 100, START + 3000, { key: 'emergency:1', source: 'emergency', window: null });
    const t = setup({ entries: [a, b], files: [audio('A', 400), audio('B', 400), audio('E', 100)] });
    await started(t.player, t.clock, 5000); // 3 s into A
    await t.player.preempt(e);
    const cutAt = t.clock.now();
    t.clock.advance(20_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:preempted', 'item-E:completed', 'item-B:completed']);
    expect(rows[0]!.detail).toContain('emergency:1');
    expect(rows[0]!.playedMs).toBeGreaterThan(2900);
    expect(rows[0]!.playedMs).toBeLessThan(3100);
    // The bulletin goes out whole from its first frame on the very next frame slot.
    expect(indexOf(t.out.first('E'))).toBe(0);
    expect(t.out.first('E')!.at - cutAt).toBeLessThan(FRAME_MS);
    expect(t.out.of('E')).toHaveLength(100);
    // A is not resumed; B, already under way when the bulletin ended, is cut in at its position.
    const lastA = t.out.of('A').at(-1)!;
    expect(lastA.at).toBeLessThan(t.out.first('E')!.at);
    const firstB = t.out.first('B')!;
    expect(Math.abs(indexOf(firstB) - (firstB.at - b.startMs) / FRAME_MS)).toBeLessThanOrEqual(1);
  });

  it('logs a missing audio file as failed, airs silence for its slot and raises the dead-air alarm', async () => {
    const a = entry('A', 150, START); // ~3.9 s, its file is missing
    const b = entry('B', 40, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('B', 40)] });
    const alarms: SilenceAlarmEvent[] = [];
    t.player.on('silence-alarm', (e) => alarms.push(e));
    await started(t.player, t.clock, 10_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:failed', 'item-B:completed']);
    expect(rows[0]!.detail).toMatch(/ENOENT/);
    expect(rows[0]!.playedMs).toBe(0);
    expect(t.ended[0]).toMatchObject({ outcome: 'failed' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ reason: 'failed', entry: { key: 'slot:A' } });
    // Silence through A's slot, then B on time; idle() was not called inside the window.
    const inSlot = t.out.frames.filter((f) => f.at >= START && f.at < a.endMs - 1);
    expect(inSlot.every((f) => f.frame === SILENCE.toString())).toBe(true);
    expect(t.out.first('B')!.at - b.startMs).toBeLessThan(FRAME_MS + 1);
    expect(t.out.idles.filter((at) => at >= START && at < b.endMs)).toEqual([]);
  });

  it('survives a crash: closeInterrupted ends the open row at its last heartbeat, the restart cuts in, nothing counts twice', async () => {
    const db = openDatabase(':memory:');
    const a = entry('A', 1200, START); // ~31 s
    const files = [audio('A', 1200)];
    const first = setup({ db, entries: [a], files, options: { heartbeatMs: 5000 } });
    await started(first.player, first.clock, 2000 + 12_300); // 12.3 s into A, heartbeats at 5 and 10 s
    const open = first.rows()[0]!;
    expect(open.endedAt).toBeNull();
    expect(open.heartbeatAt - open.startedAt).toBeGreaterThanOrEqual(10_000);
    expect(open.heartbeatAt - open.startedAt).toBeLessThan(10_100);
    // kill -9: the first player's clock never moves again; the daemon comes back 2 s later.
    expect(closeInterrupted(db)).toBe(1);
    const second = setup({ db, entries: [a], files, start: START + 14_300 });
    await started(second.player, second.clock, 20_000);
    const [r1, r2] = second.rows();
    expect(r1).toMatchObject({ outcome: 'interrupted', endedAt: open.heartbeatAt, playedMs: open.heartbeatAt - open.startedAt });
    expect(r2).toMatchObject({ outcome: 'completed', startedAt: START + 14_300, plannedStart: START });
    expect(r1!.endedAt!).toBeLessThanOrEqual(r2!.startedAt);
    expect(r1!.playedMs! + r2!.playedMs!).toBeLessThanOrEqual(a.durationMs);
    expect(Math.abs(indexOf(second.out.first('A')) - 14_300 / FRAME_MS)).toBeLessThanOrEqual(1);
    // A second start-up repair finds nothing left to close: final rows are never touched again.
    expect(closeInterrupted(db)).toBe(0);
    expect(() => db.prepare('UPDATE airtime SET played_ms = 1 WHERE id = ?').run(r1!.id)).toThrow(/final/);
  });

  it('does not replay or re-log an entry already completed when restarted inside its slot', async () => {
    const db = openDatabase(':memory:');
    // The slot is longer than the audio (the planner rounded up): restarting in the tail must not replay it.
    const a = { ...entry('A', 100, START), durationMs: 10_000, endMs: START + 10_000 };
    const files = [audio('A', 100)];
    const first = setup({ db, entries: [a], files });
    await started(first.player, first.clock, 2000 + 5000);
    await first.player.stop();
    const second = setup({ db, entries: [a], files, start: START + 7000 });
    await started(second.player, second.clock, 5000);
    expect(second.out.of('A')).toHaveLength(0);
    expect(second.rows().map((r) => r.outcome)).toEqual(['completed']);
  });

  it('re-evaluates after the clock jumps forward: cuts in at the new position, no burst', async () => {
    const a = entry('A', 1200, START); // ~31 s
    const b = entry('B', 400, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('A', 1200), audio('B', 400)] });
    await started(t.player, t.clock, 2000 + 5000);
    const before = t.out.frames.length;
    (t.clock as FakeClock).set(START + 30_000);
    const jumpWrites = t.out.frames.length - before;
    expect(jumpWrites).toBeLessThanOrEqual(2);
    const resumed = t.out.frames[before]!;
    expect(Math.abs(indexOf(resumed) - 30_000 / FRAME_MS)).toBeLessThanOrEqual(1);
    // Jump again, past the end of A and into B.
    t.clock.advance(100);
    (t.clock as FakeClock).set(b.startMs + 5000);
    t.clock.advance(20_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:interrupted', 'item-B:completed']);
    expect(rows[0]!.detail).toMatch(/clock jumped forward/);
    expect(Math.abs(indexOf(t.out.first('B')) - 5000 / FRAME_MS)).toBeLessThanOrEqual(1);
  });

  it('does not replay finished entries when the clock steps back', async () => {
    const clock = steppableClock(T0);
    const a = entry('A', 100, START);
    const b = entry('B', 400, a.endMs);
    const t = setup({ clock, entries: [a, b], files: [audio('A', 100), audio('B', 400)] });
    await started(t.player, clock, 2000 + 100 * FRAME_MS + 2000); // 2 s into B
    clock.step(-5000); // back into A's slot
    clock.advance(15_000);
    expect(t.out.of('A')).toHaveLength(100);
    const bIdx = t.out.of('B').map(indexOf);
    expect(bIdx).toEqual(Array.from({ length: 400 }, (_, i) => i)); // B neither restarted nor skipped
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:completed', 'item-B:completed']);
  });

  it('keeps playing to the other outputs when one output throws', async () => {
    const a = entry('A', 40, START);
    const t = setup({ entries: [a], files: [audio('A', 40)] });
    const broken: OutputDriver = { ...t.out.driver, name: 'broken', write: () => { throw new Error('socket gone'); }, idle: () => { throw new Error('nope'); } };
    const player = createZonePlayer({
      id: 'p2', zones: ['tdp-9'], source: { entriesBetween: () => [a] }, outputs: new Map([['tdp-9', [broken, t.out.driver]]]),
      airtime: createAirtimeRecorder(t.db), clock: t.clock, log, silenceFrame: SILENCE, loadFrames: () => audio('A', 40),
    });
    await started(player, t.clock, 5000);
    expect(t.out.of('A')).toHaveLength(40);
    expect(t.rows().map((r) => r.outcome)).toEqual(['completed']);
  });

  it('loads audio ahead; audio that is late to load is dead air, then cut in at its position', async () => {
    const a = entry('A', 40, START);
    const b = entry('B', 400, a.endMs + 5000);
    let release: (f: FrameSource) => void = () => {};
    const slow = new Promise<FrameSource>((resolve) => (release = resolve));
    const loaded: string[] = [];
    const t = setup({
      entries: [a, b],
      options: {
        prefetchMs: 2500,
        loadFrames: (path) => {
          loaded.push(path);
          return path.endsWith('A.mp3') ? Promise.resolve(audio('A', 40)) : slow;
        },
      },
    });
    const alarms: SilenceAlarmEvent[] = [];
    t.player.on('silence-alarm', (e) => alarms.push(e));
    await t.player.start();
    expect(loaded).toEqual(['/audio/A.mp3']); // B is not wanted yet
    t.clock.advance(2000 + 1000);
    expect(t.out.first('A')!.at - START).toBeLessThan(FRAME_MS + 1);
    expect(loaded).toEqual(['/audio/A.mp3']);
    t.clock.advance(3000);
    expect(loaded).toEqual(['/audio/A.mp3', '/audio/B.mp3']);
    t.clock.advance(b.startMs + 3000 - t.clock.now());
    expect(t.out.of('B')).toHaveLength(0);
    expect(alarms).toMatchObject([{ reason: 'loading', entry: { key: 'slot:B' } }]);
    release(audio('B', 400));
    await Promise.resolve();
    t.clock.advance(1000);
    const firstB = t.out.first('B')!;
    // Cut in at the frame of the slot it went out in: that slot was due at most a batch before it was written.
    expect(indexOf(firstB)).toBeGreaterThanOrEqual(Math.floor((firstB.at - BATCH_LAG_MS - b.startMs) / FRAME_MS) - 1);
    expect(indexOf(firstB)).toBeLessThanOrEqual(Math.ceil((firstB.at - b.startMs) / FRAME_MS) + 1);
    // Already late, it goes out with the next regular batch.
    expect(firstB.at - (b.startMs + 3000)).toBeLessThan(TICK_FRAMES * FRAME_MS + 1);
  });

  it('writes one Buffer per ~100 ms tick, the same Buffer to every output', async () => {
    const clock = fakeClock(T0);
    const one = captureOutput(clock, 'one');
    const two = captureOutput(clock, 'two');
    const a = entry('A', 400, START);
    const t = setup({ clock, entries: [a], files: [audio('A', 400)], outputs: new Map([['tdp-1', [one.driver, two.driver]]]) });
    await started(t.player, clock, 14_000);
    const frames = one.frames.length;
    // ~38 frames a second in ~10 writes a second (a few more where entries start and end).
    expect(frames).toBeGreaterThan(Math.floor(14_000 / FRAME_MS) - TICK_FRAMES);
    expect(one.writes.length).toBeLessThanOrEqual(Math.ceil(frames / TICK_FRAMES) + 4);
    expect(one.writes.length).toBe(two.writes.length);
    for (const [i, w] of one.writes.entries()) expect(two.writes[i]!.buf).toBe(w.buf);
    // Consecutive writes of the steady state are one tick apart.
    const gaps = one.writes.slice(1).map((w, i) => w.at - one.writes[i]!.at);
    expect(Math.max(...gaps)).toBeLessThan(TICK_FRAMES * FRAME_MS + 0.001);
  });

  it("logs a play no output carried as 'failed', naming each output and its last error", async () => {
    const clock = fakeClock(T0);
    const push = captureOutput(clock, 'icecast://127.0.0.1:8000/tdp-1');
    const refused = 'cannot reach 127.0.0.1:8000: connection refused (is icecast running?)';
    push.setHealth({ state: 'down', lastError: refused });
    const rtp = captureOutput(clock, 'rtp://239.0.0.1:5004');
    rtp.setHealth({ state: 'connecting' });
    const a = entry('A', 80, START);
    const t = setup({ clock, entries: [a], files: [audio('A', 80)], outputs: new Map([['tdp-1', [push.driver, rtp.driver]]]) });
    await started(t.player, clock, 6000);
    // The frames were offered all the same: an output retries on its own and may come back mid-item.
    expect(push.of('A')).toHaveLength(80);
    const [row] = t.rows();
    expect(row).toMatchObject({ itemId: 'item-A', outcome: 'failed', outputs: [], playedMs: Math.round(80 * FRAME_MS) });
    expect(row!.detail).toBe(`no output carried it — icecast://127.0.0.1:8000/tdp-1: ${refused}; rtp://239.0.0.1:5004: was connecting`);
    expect(t.ended).toMatchObject([{ outcome: 'failed', zones: ['tdp-1'], detail: row!.detail }]);
  });

  it("one output of two up: 'completed', listing only the one that carried it", async () => {
    const clock = fakeClock(T0);
    const push = captureOutput(clock, 'icecast://127.0.0.1:8000/tdp-1');
    push.setHealth({ state: 'down', lastError: 'cannot reach 127.0.0.1:8000: connection refused (is icecast running?)' });
    const rtp = captureOutput(clock, 'rtp://239.0.0.1:5004');
    const a = entry('A', 80, START);
    const b = entry('B', 80, a.endMs);
    const files = [audio('A', 80), audio('B', 80), audio('C', 40)];
    const t = setup({ clock, entries: [a, b], files, outputs: new Map([['tdp-1', [push.driver, rtp.driver]]]) });
    await started(t.player, clock, 2000 + 40 * FRAME_MS);
    // The head-end comes back half-way through A: from then on it carries A, and all of B.
    push.setHealth({ state: 'up', lastError: null });
    clock.advance(8000);
    expect(t.rows().map((r) => [r.itemId, r.outcome, r.detail, r.outputs])).toEqual([
      ['item-A', 'completed', null, ['icecast://127.0.0.1:8000/tdp-1', 'rtp://239.0.0.1:5004']],
      ['item-B', 'completed', null, ['icecast://127.0.0.1:8000/tdp-1', 'rtp://239.0.0.1:5004']],
    ]);
    rtp.setHealth({ state: 'down', lastError: 'ffmpeg exited 1' });
    const c = entry('C', 40, clock.now() + 1000);
    t.programme.entries = [c];
    t.player.reload();
    clock.advance(5000);
    expect(t.rows().at(-1)).toMatchObject({ itemId: 'item-C', outcome: 'completed', outputs: ['icecast://127.0.0.1:8000/tdp-1'] });
  });

  it('judges each zone of a group by its own outputs; a mount carries and records its listeners', async () => {
    const clock = fakeClock(T0);
    const mount = captureOutput(clock, 'http:/stream/tdp-1');
    // Between programmes a mount is 'idle'; the player's silence still reaches its devices.
    mount.setHealth({ state: 'idle', listeners: 3 });
    const push = captureOutput(clock, 'icecast://127.0.0.1:8000/tdp-2');
    push.setHealth({ state: 'down', lastError: 'mount /tdp-2 is already in use by another source (icecast 403: Mountpoint in use)' });
    const a = entry('A', 80, START);
    const t = setup({
      clock, zones: ['tdp-1', 'tdp-2'], entries: [a], files: [audio('A', 80)],
      outputs: new Map([['tdp-1', [mount.driver]], ['tdp-2', [push.driver]]]),
    });
    await started(t.player, clock, 6000);
    const rows = t.rows();
    expect(rows.map((r) => [r.zoneId, r.outcome, r.outputs])).toEqual([
      ['tdp-1', 'completed', ['http:/stream/tdp-1 (3 listeners)']],
      ['tdp-2', 'failed', []],
    ]);
    expect(rows[1]!.detail).toMatch(/^no output carried it — icecast:\/\/127\.0\.0\.1:8000\/tdp-2: mount \/tdp-2 is already in use/);
    // One event per outcome, each naming its zones.
    expect(t.ended.map((e) => [e.zones, e.outcome])).toEqual([[['tdp-1'], 'completed'], [['tdp-2'], 'failed']]);
  });

  it('rejects outputs for a zone the player does not serve', () => {
    expect(() => setup({ entries: [], zones: ['tdp-1'], outputs: new Map([['tdp-9', []]]) })).toThrow(/zone tdp-9, which is not one of its zones/);
  });

  it('reports what is playing, where in it, and what is next', async () => {
    const a = entry('A', 400, START);
    const b = entry('B', 40, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('A', 400), audio('B', 40)] });
    await started(t.player, t.clock, 2000 + 4000);
    const np = t.player.nowPlaying();
    expect(np.entry?.key).toBe('slot:A');
    expect(Math.abs(np.positionMs - 4000)).toBeLessThan(FRAME_MS + 1);
    expect(np.next?.key).toBe('slot:B');
  });
});

describe('frame loader', () => {
  // MPEG-1 Layer III, 96 kbps, 44.1 kHz, no padding: 313-byte frames; the last header byte sets the channels.
  const mp3 = (frames: number, mono = true) =>
    Buffer.concat(Array.from({ length: frames }, () => Buffer.concat([Buffer.from([0xff, 0xfb, 0x70, mono ? 0xc4 : 0x04]), Buffer.alloc(309)])));

  it('indexes canonical frames, reads each path once, and does not cache failures', async () => {
    const reads: string[] = [];
    const files = new Map([['/a.mp3', mp3(10)], ['/stereo.mp3', mp3(10, false)]]);
    const load = createFrameLoader({
      read: async (path) => {
        reads.push(path);
        const f = files.get(path);
        if (!f) throw new Error('ENOENT');
        return f;
      },
    });
    const [a1, a2] = await Promise.all([load('/a.mp3'), load('/a.mp3')]);
    expect(a1).toBe(a2);
    expect(a1.frameCount).toBe(10);
    expect(a1.frame(3).length).toBe(313);
    expect(a1.durationMs).toBe(Math.round(10 * FRAME_MS));
    await load('/a.mp3');
    expect(reads).toEqual(['/a.mp3']);
    await expect(load('/stereo.mp3')).rejects.toThrow(/not canonical/);
    await expect(load('/missing.mp3')).rejects.toThrow(/cannot read audio \/missing\.mp3: ENOENT/);
    files.set('/missing.mp3', mp3(2));
    expect((await load('/missing.mp3')).frameCount).toBe(2);
  });

  it('evicts the least recently used files beyond its byte budget', async () => {
    const reads: string[] = [];
    const load = createFrameLoader({ maxBytes: 2 * 313 * 10, read: async (path) => (reads.push(path), mp3(10)) });
    await load('/1');
    await load('/2');
    await load('/1'); // now /2 is the oldest
    await load('/3');
    await load('/1');
    await load('/2');
    expect(reads).toEqual(['/1', '/2', '/3', '/2']);
  });
});

/**
 * A wall clock that can be stepped while timers keep their delays, as with the system clock (Node's
 * timers run on a monotonic clock): what a backward NTP step looks like to the player.
 */
function steppableClock(start: number) {
  const mono = fakeClock(start);
  let offset = 0;
  return {
    now: () => mono.now() + offset,
    at: (atMs: number, fn: () => void) => mono.at(atMs - offset, fn),
    advance: (ms: number) => mono.advance(ms),
    step: (ms: number) => void (offset += ms),
  };
}

/**
 * The soak (issue 12, decisions §11): a simulated month of a 50-zone station on the real daemon
 * (src/daemon.ts through test/support/testDaemon.ts) with a fast clock. Every zone has an HTTP mount
 * (no device connected: nothing to pace a fast clock against) and two 5-minute windows a day; the
 * library is 60 short tones ingested through the real upload path, 12 of them approved during the
 * month. Each night at 00:05 the station replans (POST /api/plan: the same whole replan the nightly
 * job runs; that job's timer is node-cron on the wall clock, which a fake clock cannot drive); at noon
 * approvals arrive (and replan, through the daemon's own debounced replanner); operators pin items; a
 * zone's window is edited and restored; emergencies are triggered (repeated, on every zone, at night,
 * one replaced by a newer one) and one is cancelled mid-word.
 *
 * What is simulated, and how: the players tick frame by frame through every window and every
 * bulletin (a minute before to two after), writing every frame to their mounts. Between those stretches
 * nothing is due, and the clock steps forward instead of ticking (the players absorb it as a clock
 * step: src/playout/clockStep.ts); the driver checks that no play is on air before each step.
 *
 * Afterwards the airtime log must match the programme exactly (programmeMatch.ts) and the heap, after
 * a forced GC at the end of each simulated day, must be flat: the last day's within 10% of day 2's.
 * Run with `npm run test:soak` (vitest.soak.config.ts); LOA_SOAK_DAYS shortens it for a try.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAirtime } from '../../src/storage/airtimeQueries.ts';
import { getItem } from '../../src/storage/items.ts';
import { listSlots } from '../../src/storage/plans.ts';
import { listProgrammeEntries } from '../../src/storage/programmes.ts';
import { makeTempDir, removeDir } from '../support/makeAudio.ts';
import { startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { fastClock, type FastClock } from './fastClock.ts';
import { matchProgramme, type BulletinAiring, type ProgrammeMatch } from './programmeMatch.ts';
import { soakCalendar, type SoakAction, type SoakDay } from './soakCalendar.ts';
import {
  expectStatus, FIRST_DATE, libraryPlan, local, setUpStation, soakApi, uploadLibrary, ZONES, type SoakApi,
} from './soakStation.ts';

const DAYS = Number(process.env.LOA_SOAK_DAYS ?? 30);
/** Simulated time per step while ticking: the event loop turns between steps (audio loads, replans). */
const STEP_MS = 1000;
/** Decisions §11: the heap after the last day within this share of the heap after day 2. */
const HEAP_GROWTH = 0.1;

const gc = (globalThis as { gc?: () => void }).gc;
const turn = () => new Promise<void>((r) => setImmediate(r));
/** A file read in flight (a player loading an item's audio, 30 s before its slot). */
const reading = () => process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq'));
/** Most real time a step waits for reads to finish (a loaded machine can take this long for a file). */
const READ_WAIT_MS = 5000;

interface DayFigures { day: number; date: string; heapMb: number; rows: number; timers: number; replanSeconds: number; seconds: number }

describe('soak: a month of a 50-zone station', () => {
  let t: TestDaemon;
  let clock: FastClock;
  let api: SoakApi;
  let dir: string;
  let ids: Map<string, string>;
  const emergencies = new Map<string, string>();
  const figures: DayFigures[] = [];
  let match: ProgrammeMatch;
  let started = 0;
  /** How long the day's nightly replan took (real time). */
  let replanSeconds = 0;
  let runSeconds = 0;

  /** Open rows: something is on air (the clock must not step over it). */
  const onAir = () => listAirtime(t.daemon.db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, outcome: 'airing', limit: 5 });

  async function stepTo(ms: number): Promise<void> {
    if (ms <= clock.now()) return;
    const open = onAir();
    if (open.length > 0) throw new Error(`a play is on air at the step to ${new Date(ms).toISOString()}: ${JSON.stringify(open[0])}`);
    clock.jumpTo(ms);
    await turn();
  }

  /**
   * Ticks frame by frame to `ms`. Between steps the event loop turns until no file read is pending: a
   * simulated second is long enough for a read in real life, and a starved read would make an item
   * miss its slot for the simulation's sake (seen on a loaded machine before this wait).
   */
  async function tickTo(ms: number): Promise<void> {
    while (clock.now() < ms) {
      clock.advanceTo(Math.min(clock.now() + STEP_MS, ms));
      await turn();
      const deadline = performance.now() + READ_WAIT_MS;
      while (reading() && performance.now() < deadline) await turn();
    }
  }

  /** Resolves once the daemon saved a plan after `act` (its replanner debounces changes by 2 s of real time). */
  async function replanned(act: () => Promise<void>): Promise<void> {
    const saved = once(t.daemon.events, 'plan:saved', { signal: AbortSignal.timeout(30_000) });
    await act();
    await saved;
  }

  async function perform(day: SoakDay, action: SoakAction): Promise<void> {
    switch (action.kind) {
      case 'nightly': {
        await api.relogin();
        const before = performance.now();
        expectStatus(await api.call('operator', 'POST', '/api/plan', { from: day.date, to: day.date }), 200, 'nightly replan');
        replanSeconds = (performance.now() - before) / 1000;
        return;
      }
      case 'approve':
        return replanned(async () => {
          expectStatus(await api.call('reviewer', 'POST', `/api/items/${ids.get(action.itemKey)}/approve`, {}), 200, `approve ${action.itemKey}`);
        });
      case 'pin': {
        const body = { zone: action.zone, date: action.date, window: action.window, itemId: ids.get(action.itemKey) };
        expectStatus(await api.call('operator', 'POST', '/api/pins', body), 201, `pin ${action.itemKey}`);
        return;
      }
      case 'edit-zone':
        return replanned(async () => {
          const zone = { name: `Tổ dân phố ${action.zone}`, windows: action.windows, outputs: [{ type: 'http', idle: 'silence' }] };
          expectStatus(await api.call('admin', 'PUT', `/api/zones/${action.zone}`, zone), 200, `edit ${action.zone}`);
        });
      case 'emergency': {
        const body = { itemId: ids.get(action.itemKey), zones: action.zones, ...(action.repeat && { repeat: action.repeat }) };
        const res = expectStatus(await api.call('reviewer', 'POST', '/api/emergency', body), 201, `emergency ${action.name}`);
        emergencies.set(action.name, (res.json() as { id: string }).id);
        return;
      }
      case 'cancel':
        expectStatus(await api.call('reviewer', 'DELETE', `/api/emergency/${emergencies.get(action.name)}`), 200, `cancel ${action.name}`);
        return;
      case 'heap': {
        const rows = listAirtime(t.daemon.db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: -1 }).length;
        gc?.();
        gc?.();
        const seconds = (performance.now() - started) / 1000;
        const f = { day: day.index + 1, date: day.date, heapMb: process.memoryUsage().heapUsed / 1048576, rows, timers: clock.pending(), replanSeconds, seconds };
        figures.push(f);
        console.info(`soak day ${f.day} (${f.date}): heap ${f.heapMb.toFixed(1)} MB after GC, ${f.rows} airtime rows, ${f.timers} timers armed, nightly replan ${f.replanSeconds.toFixed(1)} s, ${f.seconds.toFixed(0)} s run`);
      }
    }
  }

  /** One day: events outside the ticked stretches are stepped to; inside them the clock ticks up to each. */
  async function runDay(day: SoakDay): Promise<void> {
    const pending = [...day.events];
    const due = (before: number) => (pending[0] && pending[0].atMs < before ? pending.shift() : undefined);
    for (const [from, to] of day.ticked) {
      for (let e = due(from); e; e = due(from)) {
        await stepTo(e.atMs);
        await perform(day, e.action);
      }
      await stepTo(from);
      for (let e = due(to); e; e = due(to)) {
        await tickTo(e.atMs);
        await perform(day, e.action);
      }
      await tickTo(to);
    }
    for (let e = pending.shift(); e; e = pending.shift()) {
      await stepTo(e.atMs);
      await perform(day, e.action);
    }
  }

  beforeAll(async () => {
    expect(gc, 'run with --expose-gc (vitest.soak.config.ts)').toBeTypeOf('function');
    // Set up the evening before the month: nothing is due then (the day's windows are over).
    clock = fastClock(local(FIRST_DATE, '00:00') - 4 * 3_600_000);
    t = await startTestDaemon({ clock });
    dir = await makeTempDir('loa-soak-');
    api = await soakApi(t);
    await setUpStation(api);
    const library = libraryPlan();
    ids = await uploadLibrary(t, api, dir, library);
    await replanned(async () => {
      for (const item of library.filter((i) => i.approveDay === null)) {
        expectStatus(await api.call('reviewer', 'POST', `/api/items/${ids.get(item.key)}/approve`, {}), 200, `approve ${item.key}`);
      }
    });
    started = performance.now();
    for (const day of soakCalendar(FIRST_DATE, DAYS, library)) await runDay(day);
    runSeconds = (performance.now() - started) / 1000;
    console.info(`soak: ${DAYS} simulated days in ${runSeconds.toFixed(0)} s`);

    const untilMs = local(FIRST_DATE, '00:00') + DAYS * 86_400_000;
    const rows = listAirtime(t.daemon.db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: -1 });
    const slots = listSlots(t.daemon.db, { fromMs: local(FIRST_DATE, '00:00'), toMs: untilMs });
    const bulletins: BulletinAiring[] = listProgrammeEntries(t.daemon.db, ZONES, 0, untilMs)
      .filter((p) => p.emergencyId !== null)
      .map((p) => ({ zoneId: p.zoneId, startMs: p.startMs, endMs: p.endMs, itemId: p.itemId, emergencyId: p.emergencyId! }));
    const durations = new Map<string, number>();
    const durationOf = (id: string) => {
      if (!durations.has(id)) durations.set(id, getItem(t.daemon.db, id)?.durationMs ?? Number.NaN);
      return durations.get(id)!;
    };
    match = matchProgramme({ rows, slots, bulletins, durationOf, untilMs });
    console.info(`soak: ${JSON.stringify({ ...match, problems: match.problems.length })}`);
  }, 60 * 60_000);

  afterAll(async () => {
    await t?.close();
    if (dir) await removeDir(dir);
  });

  it('logs every due programme entry exactly once, as the programme had it; nothing else', () => {
    expect(match.problems).toEqual([]);
    // The month really happened: every zone aired both windows every day, and the bulletins cut in.
    expect(match.slots).toBeGreaterThan(ZONES.length * DAYS * 2 * 20);
    expect(match.rows).toBeGreaterThanOrEqual(match.slots);
    if (DAYS >= 30) {
      expect(match.bulletinAirings).toBeGreaterThan(100);
      expect(match.slotsCut + match.slotsCovered).toBeGreaterThan(50);
      expect(match.bulletinsCancelled).toBe(3 * 11);
      expect(match.bulletinsPreempted).toBe(2 * 3);
    }
  });

  it('keeps the heap flat: after the last day within 10% of day 2 (after a forced GC)', () => {
    expect(figures).toHaveLength(DAYS);
    const day2 = figures[1]!.heapMb;
    const last = figures.at(-1)!.heapMb;
    console.info(`soak heap: day 2 ${day2.toFixed(1)} MB, day ${figures.length} ${last.toFixed(1)} MB (${(((last - day2) / day2) * 100).toFixed(1)}%)`);
    expect(last).toBeLessThanOrEqual(day2 * (1 + HEAP_GROWTH));
    // No timers pile up either: the players, the journal and the services re-arm, never accumulate.
    expect(figures.at(-1)!.timers).toBeLessThanOrEqual(figures[1]!.timers + 10);
  });
});

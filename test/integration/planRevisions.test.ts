/**
 * Plans name the station settings revision they were made under (issue 12, migrations/0023): every
 * save of the programme is a plan run in the transaction of its slots; GET /api/schedule says which
 * revision a day was planned under and whether the settings changed since; GET /api/plan/runs lists
 * the runs. A save that dies half-way leaves neither a run nor slots of it.
 */
import { mkdtempSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { planCommand } from '../../src/cli/planCommand.ts';
import { Zone } from '../../src/domain/station.ts';
import { addDays, localDate } from '../../src/domain/time.ts';
import { createPlanService } from '../../src/scheduling/planService.ts';
import { migrate, openDatabase, type Db } from '../../src/storage/db.ts';
import { insertItem } from '../../src/storage/items.ts';
import { countRunSlots, getPlanRun } from '../../src/storage/planRuns.ts';
import { listSlots, replaceSlots } from '../../src/storage/plans.ts';
import { upsertZone } from '../../src/storage/station.ts';
import { StationEvents } from '../../src/stationEvents.ts';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { approvedItem } from '../support/approvedItem.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const MONDAY = '2026-05-18';
const NOW = `${MONDAY}T00:00:00+07:00`;
const ALL = [1, 2, 3, 4, 5, 6, 7];
const PEAKS = [
  { days: ALL, start: '05:30', end: '06:30', peak: true },
  { days: ALL, start: '17:00', end: '18:00', peak: true },
];
const stamp = Date.parse(NOW);

const approved = (id: string, minutes: number) => approvedItem(id, minutes, Date.parse('2026-05-10T09:00:00+07:00'));

/** Two zones and eight items, written straight to the DB (each zone write makes a settings revision). */
function seedStation(db: Db): void {
  upsertZone(db, Zone.parse({ id: 'tdp-1', name: 'Tổ dân phố 1', windows: PEAKS }), stamp);
  upsertZone(db, Zone.parse({ id: 'tdp-2', name: 'Tổ dân phố 2', windows: PEAKS }), stamp);
  for (let i = 1; i <= 8; i++) insertItem(db, approved(`fill${i}`, 5));
}

interface Planning {
  plannedUnder: number | null;
  currentRevision: number;
  settingsChanged: boolean;
  runs: { id: number; revision: number; cause: string | null; by: { name: string } }[];
}
interface Run { id: number; revision: number; settingsChanged: boolean; cause: string | null; by: { id: string | null; name: string }; slots: number; zones: string[]; allZones: boolean; from: string; to: string }

let open: TestDaemon[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});

async function daemon(): Promise<{ t: TestDaemon; db: Db; clock: FakeClock; call: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => Promise<LightMyRequestResponse> }> {
  const clock = fakeClock(NOW);
  const t = await startTestDaemon({ clock });
  open.push(t);
  const op = await t.login('admin', ADMIN_PASSWORD);
  return { t, db: t.daemon.db, clock, call: (method, url, payload) => t.daemon.app.inject({ method, url, headers: bearer(op), ...(payload && { payload }) }) };
}

const planningOf = async (res: Promise<LightMyRequestResponse>) => {
  const r = await res;
  expect(r.statusCode).toBe(200);
  return json<{ planning: Planning; slots: unknown[] }>(r);
};
const runsOf = async (res: Promise<LightMyRequestResponse>) => {
  const r = await res;
  expect(r.statusCode).toBe(200);
  return json<{ currentRevision: number; runs: Run[] }>(r).runs;
};
/** The slots still saved from a run (a slot carries its run's planned_at, unique per run). */
const slotRunIds = (db: Db, runId: number) => countRunSlots(db, getPlanRun(db, runId)!);
const stampOf = (db: Db, runId: number) => getPlanRun(db, runId)!.plannedAt;
const countRuns = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM plan_runs').get() as { n: number }).n;

describe('plans and the settings revision they were made under', () => {
  it('a plan made, then a zone\'s window changed: the schedule says planned under N, settings now N+1, until a replan', async () => {
    const { db, call } = await daemon();
    seedStation(db);
    expect((await call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' })).statusCode).toBe(200);

    const before = await planningOf(call('GET', '/api/schedule?zone=tdp-1&date=2026-05-20'));
    expect(before.slots.length).toBeGreaterThan(0);
    const n = before.planning.currentRevision;
    expect(before.planning).toMatchObject({ plannedUnder: n, settingsChanged: false });
    expect(before.planning.runs).toEqual([expect.objectContaining({ revision: n, cause: 'plan', by: expect.objectContaining({ name: 'admin' }) })]);

    // The evening window moves; written straight to the DB: a new revision, no change event, so no background replan.
    upsertZone(db, Zone.parse({ id: 'tdp-1', name: 'Tổ dân phố 1', windows: [PEAKS[0], { days: ALL, start: '18:00', end: '19:00', peak: true }] }), stamp + 60_000);
    const changed = await planningOf(call('GET', '/api/schedule?zone=tdp-1&date=2026-05-20'));
    expect(changed.planning).toMatchObject({ plannedUnder: n, currentRevision: n + 1, settingsChanged: true });
    // The whole-station answer says so too (every zone's programme was planned under N).
    expect((await planningOf(call('GET', '/api/schedule?date=2026-05-20'))).planning).toMatchObject({ plannedUnder: n, currentRevision: n + 1, settingsChanged: true });
    const listed = await runsOf(call('GET', `/api/plan/runs?from=${MONDAY}&to=${MONDAY}`));
    expect(listed.find((r) => r.cause === 'plan')).toMatchObject({ revision: n, settingsChanged: true, allZones: true, zones: ['tdp-1', 'tdp-2'] });

    expect((await call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' })).statusCode).toBe(200);
    const replanned = await planningOf(call('GET', '/api/schedule?zone=tdp-1&date=2026-05-20'));
    expect(replanned.planning).toMatchObject({ plannedUnder: n + 1, currentRevision: n + 1, settingsChanged: false });
    const [newest] = await runsOf(call('GET', `/api/plan/runs?from=${MONDAY}&to=${MONDAY}`));
    expect(newest).toMatchObject({ revision: n + 1, settingsChanged: false, cause: 'plan' });
    // Every slot the run saved names it: as many rows as it says it saved, and they are the day's slots now.
    expect(slotRunIds(db, newest!.id)).toBe(newest!.slots);
    expect(new Set(listSlots(db, { fromMs: stamp, toMs: stamp + 7 * 86_400_000 }).map((s) => s.plannedAt))).toEqual(new Set([stampOf(db, newest!.id)]));
    // Both plans were made at the same (fake) instant: their runs' stamps still differ, so their slots never mix.
    const first = listed.find((r) => r.cause === 'plan')!;
    expect(stampOf(db, newest!.id)).toBe(stampOf(db, first.id) + 1);
    expect(slotRunIds(db, first.id)).toBe(0);
  });

  it('a zone edited through the API is replanned by the scheduler, which records its own run under the new revision', async () => {
    const { db, call } = await daemon();
    seedStation(db);
    expect((await call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' })).statusCode).toBe(200);
    const n = (await planningOf(call('GET', '/api/schedule?zone=tdp-2&date=2026-05-19'))).planning.currentRevision;
    const edit = await call('PUT', '/api/zones/tdp-2', { name: 'Tổ dân phố 2', windows: [PEAKS[0]] });
    expect(edit.statusCode).toBe(200);
    // The scheduler replans a short debounce after the change event: wait for its run, not for a time.
    await vi.waitFor(async () => {
      const runs = await runsOf(call('GET', `/api/plan/runs?from=${MONDAY}&to=${MONDAY}`));
      expect(runs[0]).toMatchObject({ cause: 'replan:station', revision: n + 1, by: { id: null, name: 'system' } });
    }, { timeout: 30_000, interval: 200 });
    expect((await planningOf(call('GET', '/api/schedule?zone=tdp-2&date=2026-05-19'))).planning)
      .toMatchObject({ plannedUnder: n + 1, currentRevision: n + 1, settingsChanged: false });
  });

  it('a replan after a pin records its own run, and the pinned day\'s slots are traceable to it', async () => {
    const { db, clock, call } = await daemon();
    seedStation(db);
    expect((await call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' })).statusCode).toBe(200);
    const [planRun] = await runsOf(call('GET', `/api/plan/runs?from=${MONDAY}&to=${MONDAY}`));
    clock.advance(60_000);
    const pin = await call('POST', '/api/pins', { zone: 'tdp-1', date: '2026-05-21', window: '17:00', itemId: 'fill3' });
    expect(pin.statusCode).toBe(201);

    const runs = await runsOf(call('GET', `/api/plan/runs?from=${MONDAY}&to=${MONDAY}`));
    const pinRun = runs[0]!;
    expect(pinRun.id).toBeGreaterThan(planRun!.id);
    expect(pinRun).toMatchObject({ cause: 'pin', by: { name: 'admin' }, allZones: true, from: MONDAY });
    expect(pinRun.by.id).not.toBeNull();
    expect(slotRunIds(db, pinRun.id)).toBe(pinRun.slots);
    const day = listSlots(db, { fromMs: Date.parse('2026-05-21T00:00:00+07:00'), toMs: Date.parse('2026-05-22T00:00:00+07:00'), zone: 'tdp-1' });
    expect(day.find((s) => s.itemId === 'fill3' && s.reason.includes('pin'))?.plannedAt).toBe(stampOf(db, pinRun.id));
    expect(day.every((s) => s.plannedAt === stampOf(db, pinRun.id))).toBe(true);
    // The plan run before it is still listed (history), its slots from the pin's moment on replaced.
    expect(runs.map((r) => r.id)).toContain(planRun!.id);
    expect(slotRunIds(db, planRun!.id)).toBe(0);
  });

  it('a recall (an item archived) records its replan as the user who archived it', async () => {
    const { db, clock, call } = await daemon();
    seedStation(db);
    expect((await call('POST', '/api/plan', { from: MONDAY, to: '2026-05-24' })).statusCode).toBe(200);
    clock.advance(60_000);
    const archived = await call('DELETE', '/api/items/fill2');
    expect(archived.statusCode).toBe(200);
    const [recallRun] = await runsOf(call('GET', `/api/plan/runs?from=${MONDAY}&to=${MONDAY}`));
    expect(recallRun).toMatchObject({ cause: 'recall', by: { name: 'admin' } });
    expect(recallRun!.by.id).not.toBeNull();
  });

  it('lists runs by the dates they were made, and refuses a range that ends before it starts', async () => {
    const { call } = await daemon();
    expect(await runsOf(call('GET', '/api/plan/runs?from=2026-05-01&to=2026-05-17'))).toEqual([]);
    const backwards = await call('GET', `/api/plan/runs?from=${MONDAY}&to=2026-05-17`);
    expect(backwards.statusCode).toBe(400);
    expect(json(backwards).details).toEqual([expect.objectContaining({ field: 'querystring.to' })]);
    expect((await call('GET', '/api/plan/runs?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
  });
});

describe('a save that dies half-way', () => {
  const memoryStation = () => {
    const db = openDatabase(':memory:');
    seedStation(db);
    const clock = fakeClock(NOW);
    const plans = createPlanService({ db, clock, tz: TZ, log: pino({ level: 'silent' }), events: new StationEvents() });
    return { db, clock, plans };
  };
  const snapshot = (db: Db) => ({
    runs: db.prepare('SELECT * FROM plan_runs ORDER BY id').all(),
    slots: db.prepare('SELECT id, planned_at FROM plan_slots ORDER BY id').all(),
    shortfalls: db.prepare('SELECT id, planned_at FROM shortfalls ORDER BY id').all(),
  });

  it('leaves no run without its slots and the previous programme as it was (the service path)', async () => {
    const { db, clock, plans } = memoryStation();
    const first = plans.replan({ cause: 'test' });
    expect(first.run.id).not.toBeNull();
    const saved = snapshot(db);
    expect(saved.slots.length).toBeGreaterThan(20);
    clock.advance(60_000);
    // The save "crashes" after its 10th slot: the statement aborts, the transaction is rolled back.
    db.exec(`CREATE TEMP TRIGGER crash_mid_save AFTER INSERT ON main.plan_slots
      WHEN (SELECT COUNT(*) FROM main.plan_slots WHERE planned_at = NEW.planned_at) >= 10
      BEGIN SELECT RAISE(ABORT, 'simulated crash mid-save'); END`);
    expect(() => plans.replan({ cause: 'test' })).toThrow(/simulated crash/);
    expect(snapshot(db)).toEqual(saved);
    db.exec('DROP TRIGGER crash_mid_save');
    const second = plans.replan({ cause: 'test' });
    expect(countRuns(db)).toBe(saved.runs.length + 1);
    expect(slotRunIds(db, second.run.id!)).toBe(second.slots.length);
  });

  it('records no run for a save that changes nothing (a station without zones)', () => {
    const db = openDatabase(':memory:');
    const plans = createPlanService({ db, clock: fakeClock(NOW), tz: TZ, log: pino({ level: 'silent' }), events: new StationEvents() });
    expect(plans.replan({ cause: 'test' }).run).toEqual({ id: null, revision: 0 });
    expect(countRuns(db)).toBe(0);
  });

  it('leaves no run when a slot fails to insert (the storage path)', () => {
    const { db } = memoryStation();
    const at = Date.parse('2026-05-19T05:30:00+07:00');
    const slot = (itemId: string, i: number) => ({ zoneId: 'tdp-1', date: '2026-05-19', startMs: at + i * 300_000, endMs: at + (i + 1) * 300_000, itemId, window: '05:30-06:30', reason: ['fill'] });
    const runId = replaceSlots(db, { zones: ['tdp-1'], from: '2026-05-19', to: '2026-05-19', cutoffMs: stamp }, [slot('fill1', 0), slot('fill2', 1)], [], stamp);
    const saved = snapshot(db);
    // The third slot names an item that does not exist: the foreign key stops the save mid-way.
    expect(() => replaceSlots(db, { zones: ['tdp-1'], from: '2026-05-19', to: '2026-05-19', cutoffMs: stamp },
      [slot('fill3', 0), slot('fill4', 1), slot('no-such-item', 2)], [], stamp + 1)).toThrow(/FOREIGN KEY/);
    expect(snapshot(db)).toEqual(saved);
    expect(runId).not.toBeNull();
    expect(slotRunIds(db, runId!)).toBe(2);
  });
});

describe('other ways of saving a plan', () => {
  it('`loa plan` records its run as the CLI', async () => {
    const { t, db } = await daemon();
    seedStation(db);
    // The CLI plans on the system clock: from its today (one more day, so midnight between the two reads cannot matter).
    const today = localDate(Date.now(), TZ);
    const printed = planCommand(db, ['--from', today, '--to', addDays(today, 1)], t.config);
    const run = db.prepare("SELECT * FROM plan_runs WHERE planned_by_name = 'cli'").get() as { cause: string; all_zones: number; slots: number; id: number; revision_id: number } | undefined;
    expect(run).toMatchObject({ cause: 'plan', all_zones: 1 });
    expect(run!.slots).toBeGreaterThan(0);
    expect(slotRunIds(db, run!.id)).toBe(run!.slots);
    expect(run!.revision_id).toBe((db.prepare('SELECT MAX(id) AS id FROM station_revisions').get() as { id: number }).id);
    // The operator at the terminal is told which run it was and under which settings.
    expect(printed).toContain(`đã lưu: lần lập lịch #${run!.id}; theo cấu hình phiên bản ${run!.revision_id}`);
  });

  it('the migration gives slots saved before it one run per save, under the revision in force then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-mig-'));
    try {
      const migrations = join(import.meta.dirname, '..', '..', 'migrations');
      for (const f of readdirSync(migrations)) if (f < '0023') copyFileSync(join(migrations, f), join(dir, f));
      const db = openDatabase(':memory:', dir);
      seedStation(db);
      const ins = db.prepare(`INSERT INTO plan_slots (zone_id, date, start_ms, end_ms, item_id, window, reason, planned_at)
        VALUES (@zone, @date, @start, @start + 300000, 'fill1', '05:30-06:30', '[]', @at)`);
      const at = Date.parse('2026-05-19T05:30:00+07:00');
      ins.run({ zone: 'tdp-1', date: '2026-05-19', start: at, at: 1000 });
      ins.run({ zone: 'tdp-2', date: '2026-05-20', start: at + 86_400_000, at: 1000 });
      ins.run({ zone: 'tdp-1', date: '2026-05-21', start: at + 2 * 86_400_000, at: stamp + 1000 });
      const newest = (db.prepare('SELECT MAX(id) AS id FROM station_revisions').get() as { id: number }).id;
      copyFileSync(join(migrations, '0023_plan_revisions.sql'), join(dir, '0023_plan_revisions.sql'));
      expect(migrate(db, dir)).toEqual([23]);
      const runs = (db.prepare('SELECT planned_at, revision_id, from_date, to_date, zones, slots, planned_by_name, cause FROM plan_runs ORDER BY id').all() as { zones: string }[])
        .map((r) => ({ ...r, zones: (JSON.parse(r.zones) as string[]).sort() }));
      // The first save (1 s after 1970) came before any revision: revision 0 (decisions §11); the second
      // after the zones were written (revisions made at `stamp`): the newest of those.
      expect(newest).toBeGreaterThan(0);
      expect(runs).toEqual([
        { planned_at: 1000, revision_id: 0, from_date: '2026-05-19', to_date: '2026-05-20', zones: ['tdp-1', 'tdp-2'], slots: 2, planned_by_name: 'migration', cause: 'before-runs' },
        { planned_at: stamp + 1000, revision_id: newest, from_date: '2026-05-21', to_date: '2026-05-21', zones: ['tdp-1'], slots: 1, planned_by_name: 'migration', cause: 'before-runs' },
      ]);
      const traced = db.prepare('SELECT COUNT(*) FROM plan_slots s WHERE EXISTS (SELECT 1 FROM plan_runs r WHERE r.planned_at = s.planned_at)').pluck().get();
      expect(traced).toBe(3);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * One zone's monthly report read from the summaries (migrations/0022: per-zone day items and
 * bulletins, zone indexes on the others) against the same report read from the log, byte for byte:
 * random logs over three zones with relay and bulletin rows, rows a download device's report makes
 * heard afterwards, and a settings revision made part-way through the month; the per-zone summaries
 * are what the report reads (change them and the report changes); and the migration's backfill of a
 * log written before it equals what the triggers build.
 */
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Topic, Zone } from '../../src/domain/station.ts';
import { addDays, localDate, zonedInstant } from '../../src/domain/time.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { summariesCover } from '../../src/reports/monthSource.ts';
import { monthPeriod, previousMonth } from '../../src/reports/period.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { AirtimeOutcome } from '../../src/storage/airtime.ts';
import type { Db } from '../../src/storage/db.ts';
import { migrate, openDatabase } from '../../src/storage/db.ts';
import { settleDevicePlay } from '../../src/storage/deviceReports.ts';
import { listRelayCuts } from '../../src/storage/reportRelays.ts';
import { upsertTopic, upsertZone } from '../../src/storage/station.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_TZ } from '../support/airtimeFixture.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const ZONES = ['z-1', 'z-2', 'z-3'] as const;
const WINDOWS = ['05:30-06:15', '10:00-10:30', '17:00-17:45'];
const GENERATED_AT = Date.parse('2026-08-01T08:00:00Z');

const zoneReport = (db: Db, zone: string, month: string, tz: string) => buildMonthlyReport(db, { month, zone, tz, generatedAt: GENERATED_AT });

/** The summaries stand for the log over a zone report's two periods: the month's scan range and the previous month. */
function covered(db: Db, month: string, tz: string): boolean {
  const p = monthPeriod(month, tz);
  const prev = monthPeriod(previousMonth(month), tz);
  return summariesCover(db, p.scanFrom, p.scanTo, tz) && summariesCover(db, prev.from, prev.to, tz);
}

/** An open row without a local date in each period: the report must then read the log for both. */
function addUndatedRows(db: Db, month: string, tz: string): void {
  const insert = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, started_at, heartbeat_at)
     VALUES ('z-1', 'undated', 'Undated', 'tin', @at, @at)`,
  );
  for (const m of [month, previousMonth(month)]) insert.run({ at: zonedInstant(`${m}-15`, 12 * 3600, tz) });
}

const rowArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  item: fc.constantFrom('a', 'b', 'c', 'd'),
  title: fc.constantFrom('T1', 'T2'),
  kind: fc.constantFrom('tin', 'bai'),
  topics: fc.oneof(fc.subarray(['t1', 't2', 't3']), fc.constant(['t1', 't1'])).map((t): string[] => [...t]),
  ceremonial: fc.boolean(),
  unit: fc.constantFrom(null, 'Công an phường', ' '),
  priority: fc.constantFrom('normal', 'normal', 'priority', 'emergency'),
  source: fc.constantFrom('plan', 'plan', 'programme', 'emergency', 'relay', 'relay'),
  window: fc.constantFrom(null, '', ...WINDOWS),
  // A day from 3 days before the previous month to 10 days after the month, and a local time there,
  // often on a window's edge (peak tests of unlabelled plays).
  day: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 31, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 75 }) }),
  second: fc.oneof(
    fc.constantFrom(5.5, 6.25, 10, 10.5, 17, 17.75).chain((h) => fc.integer({ min: -1, max: 1 }).map((d) => h * 3600 + d)),
    fc.integer({ min: 0, max: 86_399 }),
  ),
  playedMs: fc.constantFrom(0, 1000, 45_000, 120_000),
  outcome: fc.constantFrom<AirtimeOutcome | null>('completed', 'completed', 'completed', 'interrupted', 'preempted', 'failed', 'skipped', null),
  // Reception: unknown (null), nobody (0) or heard; a device's report may make the row heard afterwards.
  receivers: fc.constantFrom<number | null>(null, 0, 0, 1, 2),
  deviceHeard: fc.boolean(),
  how: fc.constantFrom('insert-final', 'start-end'),
});

type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** z-1's windows with the peak flags of a revision: before the change the morning is peak, after it the midday. */
const zoneOf = (id: string, revised: boolean) =>
  Zone.parse({
    id,
    name: id,
    windows: WINDOWS.map((w, i) => ({
      days: [1, 2, 3, 4, 5, 6, 7], start: w.slice(0, 5), end: w.slice(6),
      peak: id === 'z-1' && revised ? i === 1 : i !== Number(id.slice(2)) - 1,
    })),
  });

/**
 * A log of `rows` in `tz` around `month`: z-1's peak windows change (a new settings revision) once
 * `changeAt` rows are written, so days logged on both sides of it span two revisions. Each row starts
 * its index in ms after its second, so no two plays of a zone share an instant (a bulletin's first
 * title is then one play's). Rows a device heard are settled through the device-report path.
 */
function randomLog(tz: string, month: string, rows: readonly RowSpec[], changeAt: number, migrationsDir?: string): Db {
  const db = openDatabase(':memory:', migrationsDir);
  if (migrationsDir === undefined) seedStation(db);
  const rec = createAirtimeRecorder(db, tz);
  const insertFinal = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source, window,
       planned_start, started_at, heartbeat_at, ended_at, played_ms, outcome, outputs, receivers, carriers, local_date)
     VALUES (@zone, @item, @title, @kind, @topics, @ceremonial, @unit, @priority, @source, @window,
       @at, @at, @at, @at + 1, @playedMs, @outcome, '["http"]', @receivers, @carriers, @localDate)`,
  );
  const origin = addDays(`${previousMonth(month)}-01`, -3);
  const heardLater: { zone: string; item: string; at: number }[] = [];
  rows.forEach((r, i) => {
    if (i === changeAt && migrationsDir === undefined) upsertZone(db, zoneOf('z-1', true), zonedInstant(addDays(origin, 45), 0, tz));
    const at = zonedInstant(addDays(origin, r.day), r.second, tz) + i;
    const carriers = r.receivers === null ? null : JSON.stringify(r.receivers > 0 ? [{ output: 'http', kind: 'http', receivers: r.receivers }] : []);
    if (r.how === 'insert-final' && r.outcome !== null) {
      insertFinal.run({ ...r, topics: JSON.stringify(r.topics), ceremonial: r.ceremonial ? 1 : 0, at, carriers, localDate: localDate(at, tz) });
    } else {
      const id = rec.recordStart({
        zoneId: r.zone, startedAt: at, outputs: ['http'],
        entry: { itemId: r.item, startMs: at, window: r.window, source: r.source as 'plan',
          item: { title: r.title, kind: r.kind, topics: r.topics, ceremonial: r.ceremonial, unit: r.unit, priority: r.priority } },
      });
      if (r.outcome === null) return;
      rec.recordEnd(id, {
        endedAt: at + Math.max(r.playedMs, 1), playedMs: r.playedMs, outcome: r.outcome, detail: null, outputs: ['http'],
        receivers: r.receivers, carriers: r.receivers === null ? null : JSON.parse(carriers!),
      });
    }
    if (r.deviceHeard && r.outcome !== null) heardLater.push({ zone: r.zone, item: r.item, at });
  });
  for (const h of heardLater) {
    settleDevicePlay(db, {
      deviceId: 'loa-1', itemId: h.item, slotStartMs: h.at, slotEndMs: h.at + 120_000, zoneId: h.zone, startedAt: h.at,
      endedAt: h.at + 120_000, outcome: 'completed', heard: true, reportedAt: h.at + 200_000, settled: false, airtimeId: null,
    }, { now: h.at + 200_000, tz });
  }
  return db;
}

function seedStation(db: Db): void {
  for (const id of ZONES) upsertZone(db, zoneOf(id, false), 0);
  upsertTopic(db, Topic.parse({ id: 't1', name: 't1', rules: [{ per: 'week', min: 2, max: 4 }, { per: 'day', min: 1, max: 1, peakOnly: true }] }), 0);
  upsertTopic(db, Topic.parse({ id: 't2', name: 't2', rules: [{ per: 'day', min: 1, max: 1, peakOnly: true, zones: ['z-2'] }] }), 0);
}

const SCENARIOS = [
  { tz: 'Asia/Ho_Chi_Minh', month: '2026-05' },
  { tz: 'Europe/Berlin', month: '2026-03' }, // summer time from 29 March: two offsets in the scan range
] as const;

/**
 * Plays of the peak-only topic t1 in z-1 on one day: two in the morning window before the change (peak
 * then), one at midday after it (peak then). Judged each by its own revision they count 3; by either
 * revision alone 2 or 1. The second was sent to nobody and is made heard by a device's report.
 */
const peakRow = (window: string, second: number, receivers: number | null): RowSpec => ({
  zone: 'z-1', item: 'a', title: 'T1', kind: 'tin', topics: ['t1'], ceremonial: false, unit: null, priority: 'normal',
  source: 'plan', window, day: 45, second, playedMs: 1000, outcome: 'completed', receivers, deviceHeard: receivers === 0, how: 'insert-final',
});
const CHANGE_DAY: RowSpec[] = [peakRow(WINDOWS[0]!, 19_900, 1), peakRow(WINDOWS[0]!, 20_000, 0), peakRow(WINDOWS[1]!, 36_200, null)];

describe("one zone's report from the summaries against the log, random logs", () => {
  it.each(SCENARIOS)('$tz, $month: every figure of every zone\'s report, summaries or log', ({ tz, month }) => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 0, maxLength: 60 }), fc.nat(), (rows, n) => {
        const db = randomLog(tz, month, rows, rows.length === 0 ? 0 : n % rows.length);
        expect(covered(db, month, tz)).toBe(true);
        const fromSummaries = ZONES.map((z) => JSON.stringify(zoneReport(db, z, month, tz)));
        addUndatedRows(db, month, tz);
        expect(covered(db, month, tz)).toBe(false);
        // The same JSON, byte for byte (key order included).
        expect(ZONES.map((z) => JSON.stringify(zoneReport(db, z, month, tz)))).toEqual(fromSummaries);
        // A zone's relay airings cut short (read through their own index) are the station's of that zone.
        const p = monthPeriod(month, tz);
        const cuts = listRelayCuts(db, { fromMs: p.fromMs, toMs: p.toMs, zone: null });
        for (const z of ZONES) expect(listRelayCuts(db, { fromMs: p.fromMs, toMs: p.toMs, zone: z })).toEqual(cuts.filter((c) => c.zoneId === z));
      }),
      { numRuns: 40, examples: [[CHANGE_DAY, 2]] },
    );
  });

  it('the settings-change example spans two revisions on one day, each play judged by its own', () => {
    const db = randomLog('Asia/Ho_Chi_Minh', '2026-05', CHANGE_DAY, 2);
    const revisions = db.prepare('SELECT revision_id AS r, COUNT(*) AS n FROM airtime_revisions GROUP BY r ORDER BY r').all() as { n: number }[];
    expect(revisions.map((r) => r.n)).toEqual([2, 1]);
    const r = zoneReport(db, 'z-1', '2026-05', 'Asia/Ho_Chi_Minh');
    // Three plays aired: the one sent to nobody was made heard by the device's report.
    expect(r.headline.plays).toBe(3);
    const daily = r.topics.find((t) => t.topic === 't1')!.rules.find((rule) => rule.per === 'day')!;
    expect(daily.byZone[0]!.overMax).toEqual([expect.objectContaining({ period: '2026-05-13', count: 3 })]);
  });
});

describe("one zone's report reads the per-zone summaries", () => {
  it('its kinds, units and topics come from airtime_zone_day_items, its bulletins from airtime_zone_day_bulletins', () => {
    const db = buildAirtimeFixture();
    const report = () => buildMonthlyReport(db, { month: '2026-05', zone: 'tdp-1', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    const before = report();
    expect(before.bulletins.items.length + before.relays.items.length).toBeGreaterThan(0);
    // Summaries that no longer match the log show which one a report read (the triggers never allow this).
    db.prepare("UPDATE airtime_zone_day_items SET plays = plays + 1000 WHERE zone_id = 'tdp-1' AND local_date LIKE '2026-05-%'").run();
    db.prepare("UPDATE airtime_zone_day_bulletins SET plays = plays + 1000 WHERE zone_id = 'tdp-1' AND local_date LIKE '2026-05-%'").run();
    const after = report();
    const kindPlays = (r: typeof before) => r.byKind.reduce((n, k) => n + k.plays, 0);
    expect(kindPlays(after)).toBeGreaterThanOrEqual(kindPlays(before) + 1000);
    const listed = (r: typeof before) => [...r.bulletins.items, ...r.relays.items].reduce((n, b) => n + b.plays, 0);
    expect(listed(after)).toBeGreaterThanOrEqual(listed(before) + 1000);
    // The headline's plays come from the cells, which were left alone.
    expect(after.headline.plays).toBe(before.headline.plays);
  });

  it('reads the zone summaries, and the relay rows cut short, through indexes that lead with the zone', () => {
    const db = buildAirtimeFixture();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ zone: 'tdp-1', fromDate: '2026-05-01', toDate: '2026-05-31' }) as { detail: string }[])
      .map((p) => p.detail).join('; ');
    const range = "zone_id = @zone AND local_date >= @fromDate AND local_date <= @toDate";
    expect(plan(`SELECT * FROM airtime_day_cells WHERE ${range}`)).toMatch(/USING (COVERING )?INDEX airtime_day_cells_zone/);
    expect(plan(`SELECT * FROM airtime_day_topics WHERE ${range}`)).toMatch(/USING (COVERING )?INDEX airtime_day_topics_zone/);
    expect(plan(`SELECT * FROM airtime_day_incidents WHERE ${range}`)).toMatch(/USING (COVERING )?INDEX airtime_day_incidents_zone/);
    expect(plan(`SELECT * FROM airtime_zone_day_items WHERE ${range}`)).toMatch(/USING PRIMARY KEY \(zone_id=\? AND local_date>\? AND local_date<\?\)/);
    expect(plan(`SELECT * FROM airtime_zone_day_bulletins WHERE ${range}`)).toMatch(/USING PRIMARY KEY \(zone_id=\? AND local_date>\? AND local_date<\?\)/);
    const cuts = "zone_id = 'tdp-1' AND started_at >= 0 AND started_at < 1 AND source = 'relay' AND ended_at IS NOT NULL AND outcome <> 'completed'";
    expect(plan(`SELECT * FROM airtime WHERE ${cuts}`)).toMatch(/USING INDEX airtime_relay_cuts/);
  });
});

describe('migration 0022', () => {
  it('backfills the per-zone summaries of a log written before it as its triggers build them', () => {
    const tz = 'Asia/Ho_Chi_Minh';
    const rows = fc.sample(rowArb, { numRuns: 300, seed: 22 }).map((r) => ({ ...r, deviceHeard: false }));
    const dir = mkdtempSync(join(tmpdir(), 'loa-mig22-'));
    try {
      for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{4}_/.test(f) && Number(f.slice(0, 4)) <= 21)) copyFileSync(join(MIGRATIONS, f), join(dir, f));
      const old = randomLog(tz, '2026-05', rows, -1, dir);
      expect(old.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'airtime_zone_day_items'").get()).toEqual({ n: 0 });
      migrate(old);
      const live = randomLog(tz, '2026-05', rows, -1);
      const table = (db: Db, name: string) => db.prepare(`SELECT * FROM ${name} ORDER BY 1, 2, 3, 4`).all();
      // Facts ids may be numbered differently: compare the items by their facts.
      const items = (db: Db) =>
        db.prepare(
          `SELECT zone_id, local_date, f.item_id, f.kind, f.unit, f.topics, plays, played_ms FROM airtime_zone_day_items z
           JOIN airtime_item_facts f ON f.id = z.facts_id ORDER BY 1, 2, 3, 4, 5, 6`,
        ).all();
      expect(items(old).length).toBeGreaterThan(50);
      expect(items(old)).toEqual(items(live));
      expect(table(old, 'airtime_zone_day_bulletins').length).toBeGreaterThan(10);
      expect(table(old, 'airtime_zone_day_bulletins')).toEqual(table(live, 'airtime_zone_day_bulletins'));
      old.close();
      live.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

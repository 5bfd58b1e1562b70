/**
 * The report summaries (migrations/0005) against the log they summarise: the whole-station report read
 * from the summaries equals the one read from the log, whichever way rows became final; the summaries
 * are trusted only where they date rows as the report's time zone does; plan counts stay exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Topic, Zone } from '../../src/domain/station.ts';
import { addDays, localDate, zonedInstant } from '../../src/domain/time.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { summariesCover } from '../../src/reports/monthSource.ts';
import { monthPeriod, previousMonth } from '../../src/reports/period.ts';
import { closeInterrupted, createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { AirtimeOutcome } from '../../src/storage/airtime.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { replaceSlots } from '../../src/storage/plans.ts';
import { listPlannedByZone } from '../../src/storage/reportSummaries.ts';
import { upsertTopic, upsertZone } from '../../src/storage/station.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_TZ } from '../support/airtimeFixture.ts';

const report = (db: Db, month: string, tz = FIXTURE_TZ) => buildMonthlyReport(db, { month, tz, generatedAt: FIXTURE_GENERATED_AT });

/** Covers the whole-station report's two periods: the month's scan range and the previous month. */
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

describe('report summaries', () => {
  it('the fixture reads the same from the summaries whether its rows were logged live or inserted final', () => {
    const live = buildAirtimeFixture();
    const imported = buildAirtimeFixture('final-rows');
    expect(covered(live, '2026-05', FIXTURE_TZ)).toBe(true);
    expect(covered(imported, '2026-05', FIXTURE_TZ)).toBe(true);
    expect(report(imported, '2026-05')).toEqual(report(live, '2026-05'));
    expect(report(imported, '2026-04')).toEqual(report(live, '2026-04'));
    addUndatedRows(live, '2026-05', FIXTURE_TZ);
    expect(covered(live, '2026-05', FIXTURE_TZ)).toBe(false);
    expect(JSON.stringify(report(live, '2026-05'))).toBe(JSON.stringify(report(imported, '2026-05')));
  });

  it("a zone's report reads the same from the summaries as from the log, for every zone and both months", () => {
    const db = buildAirtimeFixture();
    const zones = ['tdp-1', 'tdp-2', 'tdp-3', 'tdp-9'];
    const zoneReport = (zone: string, month: string) => buildMonthlyReport(db, { month, zone, tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    expect(covered(db, '2026-05', FIXTURE_TZ)).toBe(true);
    const fromSummaries = zones.flatMap((z) => ['2026-05', '2026-06'].map((m) => JSON.stringify(zoneReport(z, m))));
    addUndatedRows(db, '2026-05', FIXTURE_TZ);
    addUndatedRows(db, '2026-06', FIXTURE_TZ);
    expect(covered(db, '2026-05', FIXTURE_TZ)).toBe(false);
    const fromLog = zones.flatMap((z) => ['2026-05', '2026-06'].map((m) => JSON.stringify(zoneReport(z, m))));
    expect(fromSummaries).toEqual(fromLog);
    // The fixture's zones aired in May: the comparison is not between empty reports.
    expect(JSON.parse(fromSummaries[0]!)).toMatchObject({ headline: { plays: expect.any(Number) } });
    expect((JSON.parse(fromSummaries[0]!) as { headline: { plays: number } }).headline.plays).toBeGreaterThan(0);
  });

  it("a zone's report takes its reception and its comparison month from the summaries, not the log", () => {
    const db = buildAirtimeFixture();
    const zoneReport = () => buildMonthlyReport(db, { month: '2026-05', zone: 'tdp-1', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    const before = zoneReport();
    // Summaries that no longer match the log show which one a report read (the triggers never allow this).
    db.prepare("UPDATE airtime_day_reception SET plays = plays + 1000 WHERE zone_id = 'tdp-1' AND local_date LIKE '2026-05-%'").run();
    db.prepare("UPDATE airtime_day_cells SET plays = plays + 1000 WHERE zone_id = 'tdp-1' AND local_date LIKE '2026-04-%'").run();
    const after = zoneReport();
    const receptionPlays = (r: typeof before) => r.reception.totals.unheardPlays + r.reception.totals.unknownPlays;
    expect(db.prepare("SELECT COUNT(*) AS n FROM airtime_day_reception WHERE zone_id = 'tdp-1' AND local_date LIKE '2026-05-%'").get()).not.toEqual({ n: 0 });
    expect(receptionPlays(after)).toBeGreaterThanOrEqual(receptionPlays(before) + 1000);
    expect(after.previous.headline.plays).toBeGreaterThanOrEqual(before.previous.headline.plays + 1000);
    expect(after.headline).toEqual(before.headline);
  });

  it('are trusted only where they date rows as the report time zone does', () => {
    const db = buildAirtimeFixture();
    const may = monthPeriod('2026-05', FIXTURE_TZ);
    expect(summariesCover(db, may.scanFrom, may.scanTo, 'Asia/Bangkok')).toBe(true); // same offset all year
    expect(summariesCover(db, may.scanFrom, may.scanTo, 'Europe/Berlin')).toBe(false); // 00:05 on 1 May is 30 April there
    expect(summariesCover(db, may.scanFrom, may.scanTo, 'Asia/Tokyo')).toBe(false); // 23:55 on 31 May is 1 June there
    expect(summariesCover(db, '2025-01-01', '2025-01-31', 'Europe/Berlin')).toBe(true); // nothing dated near it
    // The log answers in Berlin: 00:05 on 1 May (+07:00) is April there, 00:10 on 1 June is May.
    expect(report(db, '2026-05', 'Europe/Berlin').relays.items[0]).toMatchObject({ plays: 4, firstStartedAt: '2026-05-25T12:00:00+02:00' });
  });

  it('keep final rows: deleting one is refused, an open row may go', () => {
    const db = openDatabase(':memory:');
    const rec = createAirtimeRecorder(db, 'Europe/Berlin');
    const entry = { itemId: 'x', startMs: Date.parse('2026-03-29T00:30:00+01:00'), window: null, source: 'plan' as const,
      item: { title: 'X', kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal' } };
    const done = rec.recordStart({ zoneId: 'z-1', entry, startedAt: entry.startMs, outputs: [] });
    rec.recordEnd(done, { endedAt: entry.startMs + 1000, playedMs: 1000, outcome: 'completed', detail: null, outputs: [] });
    const open = rec.recordStart({ zoneId: 'z-1', entry, startedAt: entry.startMs + 2000, outputs: [] });
    expect(db.prepare('SELECT local_date AS d FROM airtime WHERE id = ?').get(done)).toEqual({ d: '2026-03-29' });
    expect(() => db.prepare('DELETE FROM airtime WHERE id = ?').run(done)).toThrow(/kept/);
    expect(db.prepare('DELETE FROM airtime WHERE id = ?').run(open).changes).toBe(1);
  });

  it('count plan slots per zone exactly through replacements and edits', () => {
    const db = buildAirtimeFixture();
    const slot = (zoneId: string, date: string, startMs: number, minutes: number) =>
      ({ zoneId, date, startMs, endMs: startMs + minutes * 60_000, itemId: 'tin-1', window: '05:30-06:15', reason: [] });
    const start = zonedInstant('2026-05-04', 5.5 * 3600, FIXTURE_TZ);
    // tdp-1 on 4 May from 05:40: its 5 later slots go, 3 new ones come; tdp-3 gets one on 31 May.
    replaceSlots(db, { zones: ['tdp-1'], from: '2026-05-04', to: '2026-05-04', cutoffMs: start + 10 * 60_000 },
      [slot('tdp-1', '2026-05-04', start + 20 * 60_000, 7), slot('tdp-1', '2026-05-04', start + 30 * 60_000, 7),
        slot('tdp-1', '2026-05-04', start + 40 * 60_000, 7), slot('tdp-3', '2026-05-31', start, 3)], [], 0);
    db.prepare("UPDATE plan_slots SET date = '2026-06-01' WHERE zone_id = 'tdp-2' AND start_ms = (SELECT MIN(start_ms) FROM plan_slots WHERE zone_id = 'tdp-2')").run();
    const direct = db
      .prepare(
        `SELECT zone_id AS zone, COUNT(*) AS slots, SUM(end_ms - start_ms) AS plannedMs FROM plan_slots
         WHERE date BETWEEN '2026-05-01' AND '2026-05-31' GROUP BY zone_id ORDER BY zone_id`,
      )
      .all();
    const counted = listPlannedByZone(db, { fromDate: '2026-05-01', toDate: '2026-05-31', zone: null }).sort((a, b) => a.zone.localeCompare(b.zone));
    expect(counted).toEqual(direct);
    expect(counted.map((p) => [p.zone, p.slots])).toEqual([['tdp-1', 18], ['tdp-2', 14], ['tdp-3', 5]]);
    expect(listPlannedByZone(db, { fromDate: '2026-05-01', toDate: '2026-05-31', zone: 'tdp-3' })).toEqual([{ zone: 'tdp-3', slots: 5, plannedMs: 900_000 }]);
  });
});

// ---- Random logs: the summaries against the log ----

const WINDOWS = ['05:30-06:15', '10:00-10:30', '17:00-17:45'];
const SCENARIOS = [
  { tz: 'Asia/Ho_Chi_Minh', month: '2026-05' },
  { tz: 'Europe/Berlin', month: '2026-03' }, // summer time from 29 March: two offsets in the scan range
] as const;

const rowArb = fc.record({
  zone: fc.constantFrom('z-1', 'z-2', 'z-3'),
  item: fc.constantFrom('a', 'b', 'c', 'd'),
  title: fc.constantFrom('T1', 'T2'),
  kind: fc.constantFrom('tin', 'bai'),
  topics: fc.oneof(
    fc.subarray(['t1', 't2', 't3', 't1']).map((t) => JSON.stringify(t)),
    fc.constantFrom('not json', '{"t1":1}', '["t2", 3, "t2"]'),
  ),
  ceremonial: fc.boolean(),
  unit: fc.constantFrom(null, 'Công an phường', ' '),
  priority: fc.constantFrom('normal', 'normal', 'priority', 'emergency'),
  source: fc.constantFrom('plan', 'plan', 'programme', 'emergency', 'relay'),
  window: fc.constantFrom(null, '', ...WINDOWS, '06:00-06:30'),
  // A day from 3 days before the previous month to 10 days after the month, and a local time there,
  // often on a window's edge (peak tests of unlabelled plays).
  day: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 31, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 75 }) }),
  second: fc.oneof(
    fc.constantFrom(5.5, 6.25, 10, 10.5, 17, 17.75).chain((h) => fc.integer({ min: -1, max: 1 }).map((d) => h * 3600 + d)),
    fc.integer({ min: 0, max: 86_399 }),
  ),
  playedMs: fc.constantFrom(0, 1000, 45_000, 120_000),
  outcome: fc.constantFrom<AirtimeOutcome | null>('completed', 'completed', 'interrupted', 'preempted', 'failed', 'skipped', null),
  outputs: fc.constantFrom<string[]>([], ['http'], ['http', 'rtp://239.0.0.1:5004']),
  how: fc.constantFrom('insert-final', 'start-end', 'crash'),
});

type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function randomLog(tz: string, month: string, rows: RowSpec[]): Db {
  const db = openDatabase(':memory:');
  const days = [1, 2, 3, 4, 5, 6, 7];
  for (const id of ['z-1', 'z-2', 'z-3']) {
    const off = Number(id.slice(2)) - 1;
    upsertZone(db, Zone.parse({ id, name: id, windows: WINDOWS.map((w, i) => ({ days, start: w.slice(0, 5), end: w.slice(6), peak: i !== off })) }), 0);
  }
  upsertTopic(db, Topic.parse({ id: 't1', name: 't1', rules: [{ per: 'week', min: 2, max: 4 }, { per: 'day', min: 1, max: 1, peakOnly: true }] }), 0);
  upsertTopic(db, Topic.parse({ id: 't2', name: 't2', rules: [{ per: 'day', min: 1, max: 1, peakOnly: true, zones: ['z-2'] }] }), 0);
  const rec = createAirtimeRecorder(db, tz);
  const insertFinal = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source, window,
       started_at, heartbeat_at, ended_at, played_ms, outcome, outputs, local_date)
     VALUES (@zone, @item, @title, @kind, @topics, @ceremonial, @unit, @priority, @source, @window,
       @at, @at, @at + 1, @playedMs, @outcome, @outputs, @localDate)`,
  );
  const origin = addDays(`${previousMonth(month)}-01`, -3);
  const log = (r: RowSpec): void => {
    const at = zonedInstant(addDays(origin, r.day), r.second, tz);
    if (r.how === 'insert-final' && r.outcome !== null) {
      insertFinal.run({ ...r, ceremonial: r.ceremonial ? 1 : 0, at, outputs: JSON.stringify(r.outputs), localDate: localDate(at, tz) });
      return;
    }
    const topics = ((): string[] => {
      try {
        const v: unknown = JSON.parse(r.topics);
        return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
      } catch {
        return [];
      }
    })();
    const id = rec.recordStart({
      zoneId: r.zone, startedAt: at, outputs: r.outputs,
      entry: { itemId: r.item, startMs: at, window: r.window, source: r.source as 'plan',
        item: { title: r.title, kind: r.kind, topics, ceremonial: r.ceremonial, unit: r.unit, priority: r.priority } },
    });
    if (r.how === 'start-end' && r.outcome !== null) {
      rec.recordEnd(id, { endedAt: at + Math.max(r.playedMs, 1), playedMs: r.playedMs, outcome: r.outcome, detail: null, outputs: r.outputs });
    } else if (r.how === 'crash') {
      rec.heartbeat([id], at + r.playedMs);
    }
  };
  // Rows left open by a "crash" end at their last heartbeat, as at start-up; then the others, some left open.
  rows.filter((r) => r.how === 'crash').forEach(log);
  closeInterrupted(db);
  rows.filter((r) => r.how !== 'crash').forEach(log);
  return db;
}

/**
 * Unlabelled plays of a peak-only topic one second either side of the edges of z-1's peak window
 * 10:00-10:30, and one labelled '' (no label either) at the start of z-2's peak window 05:30-06:15.
 */
const edge = (zone: RowSpec['zone'], window: RowSpec['window'], day: number, second: number): RowSpec => ({
  zone, window, day, second, item: 'a', title: 'T1', kind: 'tin', topics: '["t1"]', ceremonial: false, unit: null,
  priority: 'normal', source: 'plan', playedMs: 1000, outcome: 'completed', outputs: [], how: 'insert-final',
});
const EDGES: RowSpec[] = [
  ...[36_000 - 1, 36_000, 37_800 - 1, 37_800].map((second, i) => edge('z-1', null, 40 + i, second)),
  edge('z-2', '', 45, 19_800),
];

describe('report summaries against the log, random logs', () => {
  it.each(SCENARIOS)('$tz, $month: every figure of the report, summaries or log', ({ tz, month }) => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 0, maxLength: 60 }), (rows) => {
        const db = randomLog(tz, month, rows);
        expect(covered(db, month, tz)).toBe(true);
        const fromSummaries = report(db, month, tz);
        addUndatedRows(db, month, tz);
        expect(covered(db, month, tz)).toBe(false);
        // The same JSON, byte for byte (key order included).
        expect(JSON.stringify(fromSummaries)).toBe(JSON.stringify(report(db, month, tz)));
      }),
      { numRuns: 60, examples: [[EDGES]] },
    );
  });
});

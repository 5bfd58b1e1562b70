/**
 * The monthly report judges each play, each required period and the ceremonial cap by the station
 * settings in force at the time (issue 12, migrations/0020), never by today's: a month logged under
 * settings A reads the same after the peak window moves and a rule changes (B); the next month is
 * judged by B; a month spanning a change judges each period by its own rule and, on the day of the
 * change, each play by the revision it was logged under. Real write path: the station service on a
 * fake clock and the airtime recorder, in the order things happened.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Policy, Topic, Zone } from '../../src/domain/station.ts';
import { datesInRange, zonedInstant } from '../../src/domain/time.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import type { MonthlyReport } from '../../src/reports/model.ts';
import { createStationService } from '../../src/station/stationService.ts';
import { StationEvents } from '../../src/stationEvents.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { savePolicy, upsertTopic, upsertZone } from '../../src/storage/station.ts';
import { fakeClock } from '../support/fakeClock.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const MORNING = { start: '05:30', end: '06:30' };
const EVENING = { start: '17:00', end: '18:00' };
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const zone = (morningPeak: boolean, eveningPeak: boolean) =>
  Zone.parse({
    id: 'tdp-1',
    name: 'Tổ dân phố số 1',
    windows: [
      { days: everyDay, ...MORNING, peak: morningPeak },
      { days: everyDay, ...EVENING, peak: eveningPeak },
    ],
  });
const topic = (min: number) => Topic.parse({ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: [{ per: 'day', min, peakOnly: true }] });
const at = (date: string, time: string) => zonedInstant(date, Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60, TZ);

const clock = fakeClock('2026-04-20T08:00:00+07:00');
let db: Db;
let log: (date: string, time: string, window: typeof MORNING, ceremonial?: boolean) => void;
let service: ReturnType<typeof createStationService>;
const admin = { id: null, username: 'admin' } as const;
const report = (month: string, zoneId?: string): MonthlyReport =>
  buildMonthlyReport(db, { month, tz: TZ, generatedAt: at('2026-08-01', '08:00'), ...(zoneId ? { zone: zoneId } : {}) });
/** Compliance of the one rule version(s): [min, required, met, missed periods with their counts]. */
const compliance = (r: MonthlyReport) =>
  r.topics.find((t) => t.topic === 'dai-hoi-xiv')!.rules.map((rule) => ({
    min: rule.min,
    required: rule.required,
    met: rule.met,
    missed: rule.byZone.flatMap((z) => z.missed.map((p) => `${p.period}:${p.count}`)),
  }));

beforeAll(() => {
  db = openDatabase(':memory:');
  service = createStationService({ db, clock, events: new StationEvents(), tz: TZ });
  const recorder = createAirtimeRecorder(db, TZ);
  log = (date, time, window, ceremonial = false) => {
    const startedAt = at(date, time);
    clock.set(startedAt);
    const entry = {
      itemId: ceremonial ? 'le-1' : 'tin-1', startMs: startedAt, window: `${window.start}-${window.end}`, source: 'plan' as const,
      item: { title: 'Tin', kind: 'tin', topics: ceremonial ? [] : ['dai-hoi-xiv'], ceremonial, unit: null, priority: 'normal' },
    };
    const id = recorder.recordStart({ zoneId: 'tdp-1', entry, startedAt, outputs: ['http:/stream/tdp-1.mp3'] });
    recorder.recordEnd(id, {
      endedAt: startedAt + 120_000, playedMs: 120_000, outcome: 'completed', detail: null, outputs: ['http:/stream/tdp-1.mp3'],
      receivers: 1, carriers: [{ output: 'http:/stream/tdp-1.mp3', kind: 'http', receivers: 1 }],
    });
  };

  // Settings A: the morning window is peak; one Đại hội XIV play a day in peak windows; cap 20%.
  service.putZone(zone(true, false), admin);
  service.putTopic(topic(1), admin);
  service.putPolicy(Policy.parse({ ceremonialMaxShare: 0.2 }), admin);
  // May: every day a play in the morning and one in the evening; a ceremonial play on 1–3 May.
  for (const d of datesInRange('2026-05-01', '2026-05-31')) {
    log(d, '05:35', MORNING);
    log(d, '17:05', EVENING);
    if (d <= '2026-05-03') log(d, '17:20', EVENING, true);
  }
});

describe('a past month is judged by the settings of its time', () => {
  let mayUnderA: MonthlyReport;
  let mayZoneUnderA: MonthlyReport;

  it('May under A: every day met (the morning play is in the peak window), cap 20%', () => {
    mayUnderA = report('2026-05');
    mayZoneUnderA = report('2026-05', 'tdp-1');
    expect(compliance(mayUnderA)).toEqual([{ min: 1, required: 31, met: 31, missed: [] }]);
    expect(mayUnderA.ceremonial.maxShare).toBe(0.2);
    expect(mayUnderA.headline.plays).toBe(65);
  });

  it('moving the peak window to the evening, owing two plays a day and lowering the cap (B, 1 June) leaves May as it was', () => {
    clock.set(at('2026-06-01', '00:00'));
    service.putZone(zone(false, true), admin);
    service.putTopic(topic(2), admin);
    service.putPolicy(Policy.parse({ ceremonialMaxShare: 0.03 }), admin);
    // June: the same plays, 1–10 June.
    for (const d of datesInRange('2026-06-01', '2026-06-10')) {
      log(d, '05:35', MORNING);
      log(d, '17:05', EVENING);
    }
    // Today's code would judge May by B: the evening play alone in peak windows, two owed, 0 of 31 met.
    expect(report('2026-05')).toEqual(mayUnderA);
    expect(report('2026-05', 'tdp-1')).toEqual(mayZoneUnderA);
  });

  it('June is judged by B: one play a day in the (evening) peak window, two owed, the cap at 3%', () => {
    const june = report('2026-06');
    const missed = datesInRange('2026-06-01', '2026-06-30').map((d) => `${d}:${d <= '2026-06-10' ? 1 : 0}`);
    expect(compliance(june)).toEqual([{ min: 2, required: 30, met: 0, missed }]);
    expect(june.ceremonial.maxShare).toBe(0.03);
    expect(compliance(report('2026-06', 'tdp-1'))).toEqual(compliance(june));
  });

  it('a month spanning a change: each period by the rule in force when it ended, each play of the day of the change by its own revision', () => {
    // July 1–14 under B; on 15 July at noon C: the morning window is peak again (the evening not), one play a day owed.
    for (const d of datesInRange('2026-07-01', '2026-07-14')) {
      log(d, '05:35', MORNING);
      log(d, '17:05', EVENING);
    }
    log('2026-07-15', '05:35', MORNING);
    clock.set(at('2026-07-15', '12:00'));
    service.putZone(zone(true, false), admin);
    service.putTopic(topic(1), admin);
    log('2026-07-15', '17:05', EVENING);
    for (const d of datesInRange('2026-07-16', '2026-07-20')) {
      log(d, '05:35', MORNING);
      log(d, '17:05', EVENING);
    }
    const july = report('2026-07');
    const days = (from: string, to: string, count: (d: string) => number) => datesInRange(from, to).map((d) => `${d}:${count(d)}`);
    expect(compliance(july)).toEqual([
      // B judged 1–14 July: only the evening play in a peak window, two owed.
      { min: 2, required: 14, met: 0, missed: days('2026-07-01', '2026-07-14', () => 1) },
      // C judged 15–31 July. On the 15th the morning play (logged under B) and the evening one (under C) were
      // both outside the peak windows of their time: 0, where judging the whole day by either revision says 1.
      { min: 1, required: 17, met: 5, missed: [...days('2026-07-15', '2026-07-15', () => 0), ...days('2026-07-21', '2026-07-31', () => 0)] },
    ]);
    // The one-zone report reads the log itself: the same judgement.
    expect(compliance(report('2026-07', 'tdp-1'))).toEqual(compliance(july));
    // So does the whole station's once a row without a local date keeps the summaries from standing for the log.
    insertUndated(db, '2026-07-25');
    expect(compliance(report('2026-07'))).toEqual(compliance(july));
    // And June, finished before C, stays as B judged it.
    expect(compliance(report('2026-06'))[0]).toMatchObject({ min: 2, met: 0 });
  });
});

describe('an upgraded database: rows logged before the migration belong to revision 0, the settings at migration', () => {
  it('a database at migration 0019 with a month of airtime, migrated: its report is unchanged by later edits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-revisions-'));
    try {
      const upTo19 = join(dir, 'migrations');
      mkdirSync(upTo19);
      for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{4}_/.test(f) && Number(f.slice(0, 4)) <= 19)) copyFileSync(join(MIGRATIONS, f), join(upTo19, f));
      const file = join(dir, 'loa.sqlite');
      const old = openDatabase(file, upTo19);
      expect(old.pragma('user_version', { simple: true })).toBe(19);
      // Settings A as a 0019 daemon wrote them, and May logged under them.
      old.prepare('INSERT INTO zones (id, name, windows, updated_at) VALUES (@id, @name, @windows, 0)')
        .run({ id: 'tdp-1', name: 'Tổ dân phố số 1', windows: JSON.stringify(zone(true, false).windows) });
      old.prepare('INSERT INTO topics (id, name, rules, updated_at) VALUES (@id, @name, @rules, 0)')
        .run({ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: JSON.stringify(topic(1).rules) });
      old.prepare('INSERT INTO policy (id, body, updated_at) VALUES (1, @body, 0)').run({ body: JSON.stringify(Policy.parse({ ceremonialMaxShare: 0.2 })) });
      logMay(old);
      // A skipped row without a local date: the whole station's May is read from the log itself too.
      insertUndated(old, '2026-05-20');
      old.close();

      const upgraded = openDatabase(file);
      expect(upgraded.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(20);
      expect(upgraded.prepare('SELECT COUNT(*) AS n FROM airtime_revisions').get()).toEqual({ n: 0 });
      const may = () => buildMonthlyReport(upgraded, { month: '2026-05', tz: TZ, generatedAt: at('2026-08-01', '08:00') });
      const before = may();
      // The same as a database that had revisions all along, with A written before May.
      const fresh = openDatabase(':memory:');
      upsertZone(fresh, zone(true, false), at('2026-04-20', '08:00'));
      upsertTopic(fresh, topic(1), at('2026-04-20', '08:00'));
      savePolicy(fresh, Policy.parse({ ceremonialMaxShare: 0.2 }), at('2026-04-20', '08:00'));
      logMay(fresh);
      insertUndated(fresh, '2026-05-20');
      expect(before).toEqual(buildMonthlyReport(fresh, { month: '2026-05', tz: TZ, generatedAt: at('2026-08-01', '08:00') }));
      expect(compliance(before)).toEqual([{ min: 1, required: 31, met: 31, missed: [] }]);
      // B on 1 June: May stays as revision 0 judged it, from the summaries and from the log.
      upsertZone(upgraded, zone(false, true), at('2026-06-01', '00:00'));
      upsertTopic(upgraded, topic(2), at('2026-06-01', '00:00'));
      expect(may()).toEqual(before);
      expect(compliance(buildMonthlyReport(upgraded, { month: '2026-05', zone: 'tdp-1', tz: TZ, generatedAt: 0 }))).toEqual(compliance(before));
      upgraded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A skipped row (no play, one incident) that carries no local date, so no summary counts it. */
function insertUndated(target: Db, date: string): void {
  target
    .prepare(
      `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, started_at, heartbeat_at, ended_at, played_ms, outcome)
       VALUES ('tdp-1', 'tin-1', 'Tin', 'tin', @at, @at, @at, 0, 'skipped')`,
    )
    .run({ at: at(date, '12:00') });
}

/** May as in the first scenario, written straight through a recorder on `target`. */
function logMay(target: Db): void {
  const recorder = createAirtimeRecorder(target, TZ);
  for (const d of datesInRange('2026-05-01', '2026-05-31')) {
    for (const [time, window] of [['05:35', MORNING], ['17:05', EVENING]] as const) {
      const startedAt = at(d, time);
      const entry = {
        itemId: 'tin-1', startMs: startedAt, window: `${window.start}-${window.end}`, source: 'plan' as const,
        item: { title: 'Tin', kind: 'tin', topics: ['dai-hoi-xiv'], ceremonial: false, unit: null, priority: 'normal' },
      };
      const id = recorder.recordStart({ zoneId: 'tdp-1', entry, startedAt, outputs: [] });
      recorder.recordEnd(id, { endedAt: startedAt + 120_000, playedMs: 120_000, outcome: 'completed', detail: null, outputs: [] });
    }
  }
}

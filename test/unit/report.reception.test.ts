/**
 * The monthly report by heard plays (decisions §2, migrations/0010): a play that went out to no
 * receiver is in no figure and no target but the reception section; a play whose receivers are
 * unknown (logged before Loa counted them) is counted, and said so; the summaries and the log agree.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Topic, Zone } from '../../src/domain/station.ts';
import { zonedInstant } from '../../src/domain/time.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { MonthlyReport } from '../../src/reports/model.ts';
import { renderReportCsv } from '../../src/reports/renderCsv.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { listAirtime } from '../../src/storage/airtimeQueries.ts';
import type { AirtimeCarrier } from '../../src/storage/airtime.ts';
import { migrate, openDatabase } from '../../src/storage/db.ts';
import type { Db } from '../../src/storage/db.ts';
import { upsertTopic, upsertZone } from '../../src/storage/station.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const MIGRATIONS = join(import.meta.dirname, '..', '..', 'migrations');
const at = (date: string, time: string) => zonedInstant(date, Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60, TZ);
const GENERATED = at('2026-07-01', '08:00');

/** Two zones with a morning peak window, and a topic owed once a day in each. */
function station(db: Db): void {
  const t0 = at('2026-01-01', '00:00');
  const windows = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:15', peak: true }];
  upsertZone(db, Zone.parse({ id: 'tdp-1', name: 'Tổ dân phố số 1', windows }), t0);
  upsertZone(db, Zone.parse({ id: 'tdp-2', name: 'Tổ dân phố số 2', windows }), t0);
  upsertTopic(db, Topic.parse({ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, from: '2026-06-01', to: '2026-06-03' }] }), t0);
}

const HTTP = (n: number): AirtimeCarrier[] => [{ output: 'http:/stream/x', kind: 'http', receivers: n }];

/**
 * One 60 s play of the topic at 05:30 on `date` in `zone`: heard by `receivers` (0: by nobody), or with
 * receivers unknown (a writer that does not count them, as every writer before migrations/0010).
 */
function play(db: Db, zone: string, date: string, receivers: number | 'unknown'): void {
  const rec = createAirtimeRecorder(db, TZ);
  const startedAt = at(date, '05:30');
  const item = { title: `Tin ${date}`, kind: 'tin', topics: ['dai-hoi-xiv'], ceremonial: false, unit: null, priority: 'normal' };
  const id = rec.recordStart({ zoneId: zone, startedAt, outputs: ['http:/stream/x'], entry: { itemId: `tin-${date}`, startMs: startedAt, window: '05:30-06:15', source: 'plan', item } });
  const counted = receivers === 'unknown' ? {} : { receivers, carriers: receivers > 0 ? HTTP(receivers) : [] };
  rec.recordEnd(id, { endedAt: startedAt + 60_000, playedMs: 60_000, outcome: 'completed', detail: null, outputs: ['http:/stream/x'], ...counted });
}

/** tdp-1: heard on 1 June, to nobody on 2 June, unknown on 3 June; tdp-2: heard on all three days. */
function june(db: Db): void {
  play(db, 'tdp-1', '2026-06-01', 2);
  play(db, 'tdp-1', '2026-06-02', 0);
  play(db, 'tdp-1', '2026-06-03', 'unknown');
  for (const d of ['2026-06-01', '2026-06-02', '2026-06-03']) play(db, 'tdp-2', d, 1);
}

const report = (db: Db, zone?: string) => buildMonthlyReport(db, { month: '2026-06', tz: TZ, generatedAt: GENERATED, ...(zone ? { zone } : {}) });

describe('monthly report: heard plays', () => {
  const db = openDatabase(':memory:');
  station(db);
  june(db);
  const whole = report(db);

  it('counts heard plays and plays with receivers unknown; a play to nobody is in no figure', () => {
    expect(MonthlyReport.parse(whole)).toEqual(whole);
    expect(whole.headline).toMatchObject({ plays: 5, airtimeMs: 300_000, programmes: 5 });
    expect(whole.byZone.map((z) => [z.zone, z.plays])).toEqual([['tdp-1', 2], ['tdp-2', 3]]);
    expect(whole.planned.zones.map((z) => [z.zone, z.airedPlays])).toEqual([['tdp-1', 2], ['tdp-2', 3]]);
    expect(whole.topics.find((t) => t.topic === 'dai-hoi-xiv')).toMatchObject({ plays: 5 });
  });

  it('judges the targets by heard plays: the day tdp-1 aired to nobody is missed', () => {
    const rule = whole.topics.find((t) => t.topic === 'dai-hoi-xiv')!.rules[0]!;
    expect(rule.byZone.map((z) => [z.zone, z.met, z.required, z.missed.map((m) => m.period)])).toEqual([
      ['tdp-1', 2, 3, ['2026-06-02']],
      ['tdp-2', 3, 3, []],
    ]);
  });

  it('shows the plays to nobody apart, and the plays with receivers unknown, per zone', () => {
    expect(whole.reception).toEqual({
      totals: { unheardPlays: 1, unheardMs: 60_000, unheardMinutes: 1, unknownPlays: 1, unknownMs: 60_000, unknownMinutes: 1 },
      byZone: [{ zone: 'tdp-1', name: 'Tổ dân phố số 1', unheardPlays: 1, unheardMs: 60_000, unheardMinutes: 1, unknownPlays: 1, unknownMs: 60_000, unknownMinutes: 1 }],
    });
    const csv = renderReportCsv(whole, 'reception').split('\r\n');
    expect(csv[0]).toBe('\uFEFFKhu vực (Tổ dân phố),Lượt phát nhưng không có thiết bị nhận (không tính),Phút không có thiết bị nhận,Lượt không rõ thiết bị nhận (vẫn tính),Phút không rõ thiết bị nhận');
    expect(csv.slice(1, 3)).toEqual(['Tổ dân phố số 1,1,1.0,1,1.0', 'Tổng cộng,1,1.0,1,1.0']);
  });

  it('gives the same figures from the log (one zone) as from the summaries (the whole station)', () => {
    const one = report(db, 'tdp-1');
    expect(one.reception).toEqual(whole.reception);
    expect(one.byZone).toEqual([whole.byZone[0]]);
    expect(one.topics[0]!.rules[0]!.byZone).toEqual([whole.topics[0]!.rules[0]!.byZone[0]]);
  });
});

describe('migration 0010: rows logged before receivers were counted', () => {
  it('leaves them unknown (never heard, never unheard): counted as before, and said so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-migrations-'));
    try {
      for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{4}_/.test(f) && Number(f.slice(0, 4)) < 10)) copyFileSync(join(MIGRATIONS, f), join(dir, f));
      const db = openDatabase(':memory:', dir);
      const startedAt = at('2026-06-01', '05:30');
      // As the recorder wrote rows then: no receivers column at all.
      db.prepare(
        `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, source, window, planned_start, started_at, heartbeat_at,
           ended_at, played_ms, outcome, outputs, local_date)
         VALUES ('tdp-1', 'tin-cu', 'Tin cũ', 'tin', '["dai-hoi-xiv"]', 'plan', '05:30-06:15', @s, @s, @s, @e, 60000, 'completed',
           '["http:/stream/tdp-1 (0 listeners)"]', '2026-06-01')`,
      ).run({ s: startedAt, e: startedAt + 60_000 });
      expect(migrate(db)).toContain(10);
      station(db); // written by today's code, so once today's schema is in place
      expect(listAirtime(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).toMatchObject([{ itemId: 'tin-cu', receivers: null, carriers: null }]);
      // Rows written from now on say who got them, and the old one is still final.
      play(db, 'tdp-1', '2026-06-02', 0);
      expect(() => db.prepare('UPDATE airtime SET receivers = 1 WHERE item_id = ?').run('tin-cu')).toThrow(/final/);
      const r = report(db);
      expect(r.headline.plays).toBe(1);
      expect(r.reception.totals).toMatchObject({ unheardPlays: 1, unknownPlays: 1 });
      expect(report(db, 'tdp-1').reception).toEqual(r.reception);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

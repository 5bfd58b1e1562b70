/**
 * Every figure of the fixture's May 2026 report, checked against values worked out by hand from the
 * rows in test/support/airtimeFixture.ts (row names r1…, s1…, t1…, p1… refer to the comments there).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { MonthlyReport } from '../../src/reports/model.ts';
import type { Db } from '../../src/storage/db.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_TZ } from '../support/airtimeFixture.ts';

const MIN = 60_000;
let db: Db;
let may: MonthlyReport;

beforeAll(() => {
  db = buildAirtimeFixture();
  may = buildMonthlyReport(db, { month: '2026-05', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
});

const week = (w: string, from: string, to: string) => ({ week: w, from, to });
const pc = (period: string, from: string, to: string, count: number) => ({ period, from, to, count });

describe('monthly report: whole station, May 2026', () => {
  it('parses with its own schema and carries the period', () => {
    expect(MonthlyReport.parse(may)).toEqual(may);
    expect(may.version).toBe(1);
    expect(may.month).toBe('2026-05');
    expect(may.zone).toBeNull();
    expect(may.tz).toBe('Asia/Ho_Chi_Minh');
    expect(may.generatedAt).toBe('2026-06-01T08:00:00+07:00');
    expect(may.period).toEqual({
      from: '2026-05-01',
      to: '2026-05-31',
      days: 31,
      weeks: [
        week('2026-W18', '2026-05-01', '2026-05-03'),
        week('2026-W19', '2026-05-04', '2026-05-10'),
        week('2026-W20', '2026-05-11', '2026-05-17'),
        week('2026-W21', '2026-05-18', '2026-05-24'),
        week('2026-W22', '2026-05-25', '2026-05-31'),
      ],
    });
  });

  it('headline: aired = completed/interrupted/preempted with audio; programmes need a window label', () => {
    expect(may.headline).toEqual({
      programmes: 27, // tdp-1 13, tdp-2 12, tdp-3 2
      plays: 43, // 23 + 17 + 3; r18/s9/t4 failed, r22 skipped, r25 open, the 1 June relay excluded
      airtimeMs: 7_185_000,
      minutes: 119.8, // 119.75
      distinctItems: 8,
      activeZones: 3,
      ceremonialPlays: 5,
      ceremonialMs: 765_000,
      ceremonialPlayShare: 5 / 43,
      ceremonialAirtimeShare: 765 / 7185,
      emergencyPlays: 3,
      priorityPlays: 2,
      relayPlays: 4,
      failed: 3,
      interruptions: 3, // r10, s18 interrupted + r20 preempted
    });
  });

  it('by zone (all zones of the station, numeric order)', () => {
    expect(may.byZone).toEqual([
      { zone: 'tdp-1', name: 'Tổ dân phố số 1', programmes: 13, plays: 23, airtimeMs: 3_645_000, minutes: 60.8, distinctItems: 8 },
      { zone: 'tdp-2', name: 'Tổ dân phố số 2', programmes: 12, plays: 17, airtimeMs: 3_030_000, minutes: 50.5, distinctItems: 7 },
      { zone: 'tdp-3', name: 'Thôn Đông', programmes: 2, plays: 3, airtimeMs: 510_000, minutes: 8.5, distinctItems: 3 },
      { zone: 'tdp-9', name: 'Tổ dân phố số 9 (đã ngừng)', programmes: 0, plays: 0, airtimeMs: 0, minutes: 0, distinctItems: 0 },
    ]);
  });

  it('by day: every day of the month, local dates (00:05 on 1 May and 23:55 on 31 May count)', () => {
    expect(may.byDay).toHaveLength(31);
    expect(may.byDay[0]!.weekday).toBe(5); // Friday
    expect(may.byDay[30]!.weekday).toBe(7);
    // [day, programmes, plays, seconds, distinct items]
    const expected: [number, number, number, number, number][] = [
      [1, 0, 1, 300, 1], [2, 1, 1, 120, 1], [4, 2, 4, 450, 3], [5, 1, 3, 390, 3], [6, 1, 2, 420, 2], [7, 1, 1, 120, 1],
      [8, 1, 1, 120, 1], [11, 1, 2, 420, 2], [12, 2, 2, 420, 2], [13, 1, 2, 120, 2], [14, 1, 2, 420, 2], [18, 3, 4, 480, 1],
      [19, 2, 3, 600, 3], [20, 3, 4, 660, 2], [21, 1, 4, 255, 3], [22, 1, 1, 120, 1], [23, 1, 1, 120, 1], [25, 1, 1, 600, 1],
      [27, 1, 1, 600, 1], [28, 1, 1, 120, 1], [29, 1, 1, 90, 1], [31, 0, 1, 240, 1],
    ];
    const active = new Map(expected.map((e) => [e[0], e]));
    for (const d of may.byDay) {
      const n = Number(d.date.slice(8));
      const [, programmes, plays, seconds, items] = active.get(n) ?? [n, 0, 0, 0, 0];
      expect({ date: d.date, programmes: d.programmes, plays: d.plays, airtimeMs: d.airtimeMs, distinctItems: d.distinctItems }).toEqual({
        date: `2026-05-${String(n).padStart(2, '0')}`,
        programmes,
        plays,
        airtimeMs: seconds * 1000,
        distinctItems: items,
      });
      expect(d.minutes).toBe(Math.round((seconds / 60) * 10) / 10);
    }
  });

  it('by kind, in catalogue order', () => {
    const total = 7_185_000;
    expect(may.byKind).toEqual([
      { kind: 'tin', plays: 24, airtimeMs: 2_985_000, minutes: 49.8, distinctItems: 2, airtimeShare: 2_985_000 / total },
      { kind: 'bai', plays: 4, airtimeMs: 840_000, minutes: 14, distinctItems: 1, airtimeShare: 840_000 / total },
      { kind: 'phong-su', plays: 4, airtimeMs: 1_200_000, minutes: 20, distinctItems: 1, airtimeShare: 1_200_000 / total },
      { kind: 'thong-bao', plays: 5, airtimeMs: 360_000, minutes: 6, distinctItems: 2, airtimeShare: 360_000 / total },
      { kind: 'nhac-hieu', plays: 2, airtimeMs: 60_000, minutes: 1, distinctItems: 1, airtimeShare: 60_000 / total },
      { kind: 'khac', plays: 4, airtimeMs: 1_740_000, minutes: 29, distinctItems: 1, airtimeShare: 1_740_000 / total },
      { kind: 'truc-tiep', plays: 0, airtimeMs: 0, minutes: 0, distinctItems: 0, airtimeShare: 0 },
    ]);
  });

  it('topics: plays, minutes and weekly airtime (a play counts for each of its topics)', () => {
    expect(may.topics.map((t) => t.topic)).toEqual(['an-ninh-trat-tu', 'cai-cach-hanh-chinh', 'dai-hoi-xiv', 'moi-truong']);
    const w = (plays: number[], seconds: number[]) =>
      may.period.weeks.map((s, i) => ({ ...s, plays: plays[i], airtimeMs: seconds[i]! * 1000, minutes: seconds[i]! / 60 }));
    const [anNinh, caiCach, daiHoi, moiTruong] = may.topics;
    expect(anNinh).toEqual({
      topic: 'an-ninh-trat-tu', name: 'An ninh trật tự', plays: 4, airtimeMs: 1_200_000, minutes: 20, distinctItems: 1,
      weeks: w([0, 0, 2, 2, 0], [0, 0, 600, 600, 0]), rules: [],
    });
    expect({ ...caiCach, rules: undefined }).toEqual({
      topic: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính', plays: 4, airtimeMs: 840_000, minutes: 14, distinctItems: 1,
      weeks: w([0, 2, 1, 0, 1], [0, 480, 240, 0, 120]), rules: undefined,
    });
    expect({ ...daiHoi, rules: undefined }).toEqual({
      topic: 'dai-hoi-xiv', name: 'Đại hội XIV của Đảng', plays: 23, airtimeMs: 3_420_000, minutes: 57, distinctItems: 2,
      weeks: w([1, 5, 5, 12, 0], [120, 600, 900, 1800, 0]), rules: undefined,
    });
    expect(moiTruong).toEqual({
      topic: 'moi-truong', name: 'Bảo vệ môi trường', plays: 0, airtimeMs: 0, minutes: 0, distinctItems: 0,
      weeks: w([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]), rules: [],
    });
  });

  it('weekly rule: owned ISO weeks W19–W22 per enabled zone, missed and over-max listed', () => {
    const rule = may.topics[2]!.rules[0]!;
    const W19 = ['2026-W19', '2026-05-04', '2026-05-10'] as const;
    const W20 = ['2026-W20', '2026-05-11', '2026-05-17'] as const;
    const W21 = ['2026-W21', '2026-05-18', '2026-05-24'] as const;
    const W22 = ['2026-W22', '2026-05-25', '2026-05-31'] as const;
    expect(rule).toEqual({
      ruleIndex: 0, per: 'week', min: 3, max: 5, peakOnly: false, from: null, to: null, ruleZones: null,
      required: 12,
      met: 4,
      byZone: [
        // r1 (2 May) belongs to W18, which April owns; W21 has r12, r12b, r13, r15, r16, r17.
        { zone: 'tdp-1', name: 'Tổ dân phố số 1', required: 4, met: 2, missed: [pc(...W19, 2), pc(...W22, 0)], overMax: [pc(...W21, 6)] },
        { zone: 'tdp-2', name: 'Tổ dân phố số 2', required: 4, met: 2, missed: [pc(...W20, 0), pc(...W22, 0)], overMax: [pc(...W21, 6)] },
        {
          zone: 'tdp-3', name: 'Thôn Đông', required: 4, met: 0,
          missed: [pc(...W19, 0), pc(...W20, 2), pc(...W21, 0), pc(...W22, 0)], overMax: [],
        },
      ],
    });
  });

  it('peak-only daily rule: a non-peak window misses the day; an unlabelled play at 17:10 counts as peak', () => {
    expect(may.topics[2]!.rules[1]).toEqual({
      ruleIndex: 1, per: 'day', min: 1, max: 2, peakOnly: true, from: '2026-05-18', to: '2026-05-20', ruleZones: ['tdp-1'],
      required: 3,
      met: 2,
      byZone: [{
        zone: 'tdp-1', name: 'Tổ dân phố số 1', required: 3, met: 2,
        missed: [pc('2026-05-19', '2026-05-19', '2026-05-19', 0)],
        overMax: [pc('2026-05-20', '2026-05-20', '2026-05-20', 3)],
      }],
    });
  });

  it('zone-limited weekly rule; an interrupted play with audio still counts', () => {
    expect(may.topics[1]!.rules).toEqual([{
      ruleIndex: 0, per: 'week', min: 1, max: null, peakOnly: false, from: null, to: null, ruleZones: ['tdp-2'],
      required: 4,
      met: 3,
      byZone: [{
        zone: 'tdp-2', name: 'Tổ dân phố số 2', required: 4, met: 3,
        missed: [pc('2026-W21', '2026-05-18', '2026-05-24', 0)], overMax: [],
      }],
    }]);
  });

  it('units: contributed from items created in May (local), the rest from aired rows', () => {
    const u = (unit: string | null, contributed: number, distinctItemsAired: number, plays: number, seconds: number, minutes: number) =>
      ({ unit, contributed, distinctItemsAired, plays, airtimeMs: seconds * 1000, minutes });
    expect(may.units).toEqual([
      u('Ban Chỉ huy quân sự phường', 1, 1, 3, 180, 3),
      u('Công an phường', 2, 1, 4, 1200, 20), // ps-1 and bai-2; tin-3 was created 1 June 00:30
      u('Phòng Văn hóa - Xã hội', 0, 1, 19, 2220, 37),
      u('Trạm Y tế phường', 1, 1, 2, 180, 3),
      u('Trung tâm Phục vụ hành chính công', 1, 1, 4, 840, 14),
      u('Ủy ban MTTQ Việt Nam phường', 1, 0, 0, 0, 0), // created 31 May 23:30
      u('Văn phòng HĐND - UBND', 1, 1, 5, 765, 12.8),
      u(null, 0, 2, 6, 1800, 30),
    ]);
  });

  it('ceremonial share: flagged in tdp-1 (4/23 plays, 585/3645 s), not overall', () => {
    const s = (ceremonialPlays: number, plays: number, cs: number, ts: number, flagged: boolean) => ({
      ceremonialPlays, plays, playShare: plays ? ceremonialPlays / plays : 0,
      ceremonialMs: cs * 1000, airtimeMs: ts * 1000, airtimeShare: ts ? cs / ts : 0, flagged,
    });
    expect(may.ceremonial).toEqual({
      maxShare: 0.15,
      overall: s(5, 43, 765, 7185, false),
      byZone: [
        { zone: 'tdp-1', name: 'Tổ dân phố số 1', ...s(4, 23, 585, 3645, true) },
        { zone: 'tdp-2', name: 'Tổ dân phố số 2', ...s(1, 17, 180, 3030, false) },
        { zone: 'tdp-3', name: 'Thôn Đông', ...s(0, 3, 0, 510, false) },
        { zone: 'tdp-9', name: 'Tổ dân phố số 9 (đã ngừng)', ...s(0, 0, 0, 0, false) },
      ],
    });
  });

  it('bulletins and relays', () => {
    expect(may.bulletins).toEqual({
      emergencyPlays: 3,
      priorityPlays: 2,
      items: [
        { itemId: 'kc-1', title: 'Khẩn cấp: cảnh báo mưa lớn, ngập úng', level: 'emergency', plays: 3, airtimeMs: 180_000, minutes: 3, zones: 2,
          firstStartedAt: '2026-05-13T17:01:00+07:00', lastStartedAt: '2026-05-21T14:00:00+07:00' },
        { itemId: 'tb-1', title: 'Thông báo lịch tiêm chủng mở rộng', level: 'priority', plays: 2, airtimeMs: 180_000, minutes: 3, zones: 2,
          firstStartedAt: '2026-05-21T05:30:00+07:00', lastStartedAt: '2026-05-29T06:00:00+07:00' },
      ],
    });
    expect(may.relays).toEqual({
      plays: 4, airtimeMs: 1_740_000, minutes: 29,
      items: [{ itemId: 'rl-1', title: 'Tiếp âm Thời sự Đài Tiếng nói Việt Nam', level: 'relay', plays: 4, airtimeMs: 1_740_000, minutes: 29,
        zones: 2, firstStartedAt: '2026-05-01T00:05:00+07:00', lastStartedAt: '2026-05-31T23:55:00+07:00' }],
    });
  });

  it('incidents per zone and per output ("—" when the row lists none)', () => {
    expect(may.incidents).toEqual({
      totals: { failed: 3, interrupted: 2, preempted: 1, skipped: 1 },
      byZone: [
        { zone: 'tdp-1', name: 'Tổ dân phố số 1', failed: 1, interrupted: 1, preempted: 1, skipped: 1, outputs: [
          { output: 'http', failed: 0, interrupted: 1, preempted: 1 },
          { output: 'rtp://239.0.0.1:5004', failed: 0, interrupted: 1, preempted: 1 },
          { output: '—', failed: 1, interrupted: 0, preempted: 0 },
        ] },
        { zone: 'tdp-2', name: 'Tổ dân phố số 2', failed: 1, interrupted: 1, preempted: 0, skipped: 0, outputs: [
          { output: 'icecast://10.0.0.5:8000/tdp-2', failed: 1, interrupted: 1, preempted: 0 },
        ] },
        { zone: 'tdp-3', name: 'Thôn Đông', failed: 1, interrupted: 0, preempted: 0, skipped: 0, outputs: [
          { output: 'http', failed: 1, interrupted: 0, preempted: 0 },
        ] },
      ],
    });
  });

  it('previous month (April) and the comparison', () => {
    expect(may.previous).toEqual({
      month: '2026-04',
      headline: {
        programmes: 3, plays: 5, airtimeMs: 840_000, minutes: 14, distinctItems: 3, activeZones: 2,
        ceremonialPlays: 1, ceremonialMs: 180_000, ceremonialPlayShare: 0.2, ceremonialAirtimeShare: 180 / 840,
        emergencyPlays: 0, priorityPlays: 0, relayPlays: 1, failed: 1, interruptions: 0,
      },
    });
    const c = (metric: string, current: number, previous: number, delta: number, change: number | null) => ({ metric, current, previous, delta, change });
    expect(may.comparison).toEqual([
      c('programmes', 27, 3, 24, 8),
      c('plays', 43, 5, 38, 38 / 5),
      c('distinctItems', 8, 3, 5, 5 / 3),
      c('minutes', 119.8, 14, 105.8, 6_345_000 / 840_000),
      c('activeZones', 3, 2, 1, 0.5),
      c('ceremonialPlays', 5, 1, 4, 4),
      c('ceremonialPlayShare', 5 / 43, 0.2, 5 / 43 - 0.2, (5 / 43 - 0.2) / 0.2),
      c('ceremonialAirtimeShare', 765 / 7185, 180 / 840, 765 / 7185 - 180 / 840, (765 / 7185 - 180 / 840) / (180 / 840)),
      c('emergencyPlays', 3, 0, 3, null),
      c('priorityPlays', 2, 0, 2, null),
      c('relayPlays', 4, 1, 3, 3),
      c('failed', 3, 1, 2, 2),
      c('interruptions', 3, 0, 3, null),
    ]);
  });

  it('the previous-month headline (SQL path) equals the April report headline (streamed path)', () => {
    const april = buildMonthlyReport(db, { month: '2026-04', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    expect(april.headline).toEqual(may.previous.headline);
  });

  it('planned vs aired: plan slots dated in May against aired plays', () => {
    const p = (zone: string, name: string, slots: number, ps: number, plays: number, as: number, diffMinutes: number) => ({
      zone, name, plannedSlots: slots, plannedMs: ps * 1000, plannedMinutes: ps / 60, airedPlays: plays, airedMs: as * 1000,
      airedMinutes: Math.round((as / 60) * 10) / 10, diffPlays: plays - slots, diffMinutes,
    });
    expect(may.planned.zones).toEqual([
      p('tdp-1', 'Tổ dân phố số 1', 20, 2400, 23, 3645, 20.8),
      p('tdp-2', 'Tổ dân phố số 2', 15, 1800, 17, 3030, 20.5),
      p('tdp-3', 'Thôn Đông', 4, 720, 3, 510, -3.5),
      p('tdp-9', 'Tổ dân phố số 9 (đã ngừng)', 0, 0, 0, 0, 0),
    ]);
    expect(may.planned.totals).toEqual({
      plannedSlots: 39, plannedMs: 4_920_000, plannedMinutes: 82, airedPlays: 43, airedMs: 7_185_000, airedMinutes: 119.8,
      diffPlays: 4, diffMinutes: 37.8,
    });
    expect(may.planned.totals.airedMs).toBe(may.headline.airtimeMs);
    expect(may.headline.minutes * MIN).toBeCloseTo(may.headline.airtimeMs, -4);
  });
});

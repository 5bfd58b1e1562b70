/**
 * A small station with a hand-checkable airtime log for May 2026 (and some April rows for the
 * comparison and for ISO week 18, which April owns but which ends on 3 May).
 *
 * Zones: tdp-1 (05:30-06:15 peak, 10:00-10:30 not peak Mon–Fri, 17:00-17:45 peak),
 *        tdp-2 (05:30-06:15 peak, 17:00-17:45 peak), tdp-3 (06:00-06:30 peak Mon–Fri),
 *        tdp-9 disabled, never aired.
 * Topics: dai-hoi-xiv (week ≥3 ≤5 all zones; day ≥1 ≤2 peakOnly 18–20 May tdp-1),
 *         cai-cach-hanh-chinh (week ≥1, tdp-2 only), an-ninh-trat-tu and moi-truong (no rules).
 * May 2026: Fri 1 … Sun 31; owned ISO weeks W19 (4–10), W20 (11–17), W21 (18–24), W22 (25–31).
 * The expected figures are worked out by hand in test/unit/report.model.test.ts.
 */
import { Zone } from '../../src/domain/station.ts';
import { Policy, Topic } from '../../src/domain/station.ts';
import { zonedInstant } from '../../src/domain/time.ts';
import type { ItemKind, Priority } from '../../src/domain/item.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { AirtimeOutcome } from '../../src/storage/airtime.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { insertItem } from '../../src/storage/items.ts';
import { savePolicy, upsertTopic, upsertZone } from '../../src/storage/station.ts';

export const FIXTURE_TZ = 'Asia/Ho_Chi_Minh';
export const FIXTURE_MONTH = '2026-05';
export const FIXTURE_STATION = 'Đài truyền thanh phường Hải Dương';
/** 1 June 2026, 08:00 station time. */
export const FIXTURE_GENERATED_AT = Date.parse('2026-06-01T08:00:00+07:00');

const at = (date: string, time: string): number => {
  const [h = '0', m = '0'] = time.split(':');
  return zonedInstant(date, Number(h) * 3600 + Number(m) * 60, FIXTURE_TZ);
};

const A = '05:30-06:15';
const B = '10:00-10:30';
const C = '17:00-17:45';
const T3 = '06:00-06:30';
const H1 = ['http', 'rtp://239.0.0.1:5004'];
const IC2 = ['icecast://10.0.0.5:8000/tdp-2'];

interface FixtureItem {
  id: string;
  title: string;
  kind: ItemKind;
  topics: string[];
  ceremonial?: boolean;
  unit: string | null;
  priority?: Priority;
  created: [string, string];
}

export const FIXTURE_ITEMS: FixtureItem[] = [
  { id: 'tin-1', title: 'Đại hội XIV: những dấu mốc', kind: 'tin', topics: ['dai-hoi-xiv'], unit: 'Phòng Văn hóa - Xã hội', created: ['2026-03-20', '09:00'] },
  { id: 'bai-1', title: 'Cải cách hành chính: dịch vụ công trực tuyến', kind: 'bai', topics: ['cai-cach-hanh-chinh'], unit: 'Trung tâm Phục vụ hành chính công', created: ['2026-05-02', '09:00'] },
  { id: 'ps-1', title: 'Phóng sự: Giữ bình yên khu phố', kind: 'phong-su', topics: ['an-ninh-trat-tu', 'dai-hoi-xiv'], unit: 'Công an phường', created: ['2026-05-05', '09:00'] },
  { id: 'tb-1', title: 'Thông báo lịch tiêm chủng mở rộng', kind: 'thong-bao', topics: [], unit: 'Trạm Y tế phường', priority: 'priority', created: ['2026-05-10', '09:00'] },
  { id: 'nh-1', title: 'Nhạc hiệu Đài truyền thanh phường', kind: 'nhac-hieu', topics: [], unit: null, created: ['2026-01-05', '09:00'] },
  { id: 'le-1', title: 'Hội nghị sơ kết công tác quý I', kind: 'tin', topics: [], ceremonial: true, unit: 'Văn phòng HĐND - UBND', created: ['2026-05-03', '09:00'] },
  { id: 'kc-1', title: 'Khẩn cấp: cảnh báo mưa lớn, ngập úng', kind: 'thong-bao', topics: [], unit: 'Ban Chỉ huy quân sự phường', priority: 'priority', created: ['2026-05-13', '16:50'] },
  { id: 'rl-1', title: 'Tiếp âm Thời sự Đài Tiếng nói Việt Nam', kind: 'khac', topics: [], unit: null, created: ['2026-01-05', '09:00'] },
  { id: 'bai-2', title: 'Bài: Phòng chống lừa đảo qua mạng', kind: 'bai', topics: ['an-ninh-trat-tu'], unit: 'Công an phường', created: ['2026-05-12', '09:00'] },
  { id: 'tin-2', title: 'Tin: Mặt trận Tổ quốc phường ra quân', kind: 'tin', topics: [], unit: 'Ủy ban MTTQ Việt Nam phường', created: ['2026-05-31', '23:30'] },
  { id: 'tin-3', title: 'Tin: tuần tra đêm', kind: 'tin', topics: [], unit: 'Công an phường', created: ['2026-06-01', '00:30'] },
];

/** [zone, date, time, window label, item, played seconds, outcome (null: still open), source, outputs]. */
type RowSpec = [string, string, string, string | null, string, number, AirtimeOutcome | null, ('plan' | 'programme' | 'emergency' | 'relay')?, string[]?];

export const FIXTURE_ROWS: RowSpec[] = [
  // tdp-1, May
  ['tdp-1', '2026-05-02', '05:30', A, 'tin-1', 120, 'completed'], // r1: W18 (April's week)
  ['tdp-1', '2026-05-04', '05:30', A, 'nh-1', 30, 'completed'], // r2
  ['tdp-1', '2026-05-04', '05:31', A, 'tin-1', 120, 'completed'], // r3
  ['tdp-1', '2026-05-04', '05:34', A, 'le-1', 180, 'completed'], // r4
  ['tdp-1', '2026-05-04', '17:00', C, 'tin-1', 120, 'completed'], // r5
  ['tdp-1', '2026-05-06', '05:30', A, 'bai-1', 240, 'completed'], // r6
  ['tdp-1', '2026-05-06', '05:35', A, 'le-1', 180, 'completed'], // r7
  ['tdp-1', '2026-05-12', '05:30', A, 'tin-1', 120, 'completed'], // r8
  ['tdp-1', '2026-05-12', '10:00', B, 'ps-1', 300, 'completed'], // r9
  ['tdp-1', '2026-05-13', '17:00', C, 'tin-1', 60, 'interrupted'], // r10
  ['tdp-1', '2026-05-13', '17:01', C, 'kc-1', 60, 'completed', 'emergency'], // r11
  ['tdp-1', '2026-05-18', '05:30', A, 'tin-1', 120, 'completed'], // r12
  ['tdp-1', '2026-05-18', '17:10', null, 'tin-1', 120, 'completed', 'programme'], // r12b: no label, 17:10 is in peak C
  ['tdp-1', '2026-05-19', '10:00', B, 'tin-1', 120, 'completed'], // r13: not peak → 19 May missed
  ['tdp-1', '2026-05-19', '10:05', B, 'le-1', 180, 'completed'], // r14
  ['tdp-1', '2026-05-20', '05:30', A, 'tin-1', 120, 'completed'], // r15
  ['tdp-1', '2026-05-20', '05:33', A, 'ps-1', 300, 'completed'], // r16
  ['tdp-1', '2026-05-20', '17:00', C, 'tin-1', 120, 'completed'], // r17
  ['tdp-1', '2026-05-20', '17:03', C, 'le-1', 0, 'failed', 'plan', []], // r18
  ['tdp-1', '2026-05-21', '05:30', A, 'tb-1', 90, 'completed'], // r19
  ['tdp-1', '2026-05-21', '05:32', A, 'le-1', 45, 'preempted'], // r20
  ['tdp-1', '2026-05-21', '14:00', null, 'kc-1', 60, 'completed', 'emergency'], // r21
  ['tdp-1', '2026-05-25', '05:30', A, 'tin-1', 0, 'skipped'], // r22
  ['tdp-1', '2026-05-25', '17:00', C, 'rl-1', 600, 'completed', 'relay'], // r23
  ['tdp-1', '2026-05-31', '23:55', null, 'rl-1', 240, 'completed', 'relay'], // r24
  ['tdp-1', '2026-05-31', '17:00', C, 'tin-1', 0, null], // r25: still open
  ['tdp-1', '2026-06-01', '00:10', null, 'rl-1', 300, 'completed', 'relay'], // June
  // tdp-2, May
  ['tdp-2', '2026-05-01', '00:05', null, 'rl-1', 300, 'completed', 'relay'], // s1
  ['tdp-2', '2026-05-05', '05:30', A, 'nh-1', 30, 'completed'], // s2
  ['tdp-2', '2026-05-05', '05:31', A, 'bai-1', 240, 'completed'], // s3
  ['tdp-2', '2026-05-05', '05:35', A, 'tin-1', 120, 'completed'], // s4
  ['tdp-2', '2026-05-07', '17:00', C, 'tin-1', 120, 'completed'], // s5
  ['tdp-2', '2026-05-08', '17:00', C, 'tin-1', 120, 'completed'], // s6
  ['tdp-2', '2026-05-14', '05:30', A, 'bai-1', 240, 'completed'], // s7
  ['tdp-2', '2026-05-14', '05:34', A, 'le-1', 180, 'completed'], // s8
  ['tdp-2', '2026-05-15', '17:00', C, 'tin-1', 0, 'failed'], // s9
  ['tdp-2', '2026-05-18', '05:30', A, 'tin-1', 120, 'completed'], // s10
  ['tdp-2', '2026-05-18', '17:00', C, 'tin-1', 120, 'completed'], // s11
  ['tdp-2', '2026-05-19', '05:30', A, 'ps-1', 300, 'completed'], // s12
  ['tdp-2', '2026-05-20', '05:30', A, 'tin-1', 120, 'completed'], // s13
  ['tdp-2', '2026-05-21', '14:00', null, 'kc-1', 60, 'completed', 'emergency'], // s14
  ['tdp-2', '2026-05-22', '17:00', C, 'tin-1', 120, 'completed'], // s15
  ['tdp-2', '2026-05-23', '05:30', A, 'tin-1', 120, 'completed'], // s16
  ['tdp-2', '2026-05-27', '05:30', A, 'rl-1', 600, 'completed', 'relay'], // s17
  ['tdp-2', '2026-05-28', '05:30', A, 'bai-1', 120, 'interrupted'], // s18
  // tdp-3, May
  ['tdp-3', '2026-05-11', '06:00', T3, 'tin-1', 120, 'completed'], // t1
  ['tdp-3', '2026-05-11', '06:02', T3, 'ps-1', 300, 'completed'], // t2
  ['tdp-3', '2026-05-29', '06:00', T3, 'tb-1', 90, 'completed'], // t3
  ['tdp-3', '2026-05-29', '06:02', T3, 'le-1', 0, 'failed'], // t4
  // April
  ['tdp-1', '2026-04-06', '05:30', A, 'tin-1', 120, 'completed'], // p1
  ['tdp-1', '2026-04-06', '05:32', A, 'le-1', 180, 'completed'], // p2
  ['tdp-2', '2026-04-15', '17:00', C, 'tin-1', 120, 'completed'], // p3
  ['tdp-2', '2026-04-15', '17:02', C, 'nh-1', 0, 'failed'], // p4
  ['tdp-1', '2026-04-28', '05:30', A, 'tin-1', 120, 'completed'], // p5: W18
  ['tdp-1', '2026-04-30', '23:55', null, 'rl-1', 300, 'completed', 'relay'], // p6
];

/** [zone, date, number of slots, seconds each]; slots on 30 April and 1 June lie outside May. */
export const FIXTURE_PLAN: [string, string, number, number][] = [
  ['tdp-1', '2026-05-04', 10, 120],
  ['tdp-1', '2026-05-20', 10, 120],
  ['tdp-2', '2026-05-05', 15, 120],
  ['tdp-3', '2026-05-11', 4, 180],
  ['tdp-1', '2026-04-30', 1, 120],
  ['tdp-1', '2026-06-01', 1, 120],
];

const OUTPUTS: Record<string, string[]> = { 'tdp-1': H1, 'tdp-2': IC2, 'tdp-3': ['http'] };

/**
 * How the fixture's rows reach the log: through the recorder as the daemon writes them (a row opens,
 * then ends), or inserted already final in one statement each (as an import or the report bench does).
 * Either way the summary triggers see them; open rows stay open.
 */
export type FixtureLogging = 'recorder' | 'final-rows';

/** A fresh in-memory database holding the fixture. */
export function buildAirtimeFixture(logging: FixtureLogging = 'recorder'): Db {
  const db = openDatabase(':memory:');
  const t0 = at('2026-01-01', '00:00');
  const everyDay = [1, 2, 3, 4, 5, 6, 7];
  const zones = [
    { id: 'tdp-1', name: 'Tổ dân phố số 1', windows: [
      { days: everyDay, start: '05:30', end: '06:15', peak: true },
      { days: [1, 2, 3, 4, 5], start: '10:00', end: '10:30', peak: false },
      { days: everyDay, start: '17:00', end: '17:45', peak: true },
    ] },
    { id: 'tdp-2', name: 'Tổ dân phố số 2', windows: [
      { days: everyDay, start: '05:30', end: '06:15', peak: true },
      { days: everyDay, start: '17:00', end: '17:45', peak: true },
    ] },
    { id: 'tdp-3', name: 'Thôn Đông', windows: [{ days: [1, 2, 3, 4, 5], start: '06:00', end: '06:30', peak: true }] },
    { id: 'tdp-9', name: 'Tổ dân phố số 9 (đã ngừng)', enabled: false, windows: [] },
  ];
  for (const z of zones) upsertZone(db, Zone.parse(z), t0);
  const topics = [
    { id: 'dai-hoi-xiv', name: 'Đại hội XIV của Đảng', rules: [
      { per: 'week', min: 3, max: 5 },
      { per: 'day', min: 1, max: 2, peakOnly: true, from: '2026-05-18', to: '2026-05-20', zones: ['tdp-1'] },
    ] },
    { id: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính', rules: [{ per: 'week', min: 1, zones: ['tdp-2'] }] },
    { id: 'an-ninh-trat-tu', name: 'An ninh trật tự', rules: [] },
    { id: 'moi-truong', name: 'Bảo vệ môi trường', rules: [] },
  ];
  for (const t of topics) upsertTopic(db, Topic.parse(t), t0);
  savePolicy(db, Policy.parse({ ceremonialMaxShare: 0.15 }), t0);

  for (const it of FIXTURE_ITEMS) {
    const created = at(...it.created);
    insertItem(db, {
      id: it.id, title: it.title, kind: it.kind, topics: it.topics, ceremonial: it.ceremonial ?? false, unit: it.unit,
      priority: it.priority ?? 'normal', validFrom: null, validUntil: null, note: null, status: 'approved',
      failureReason: null, durationMs: 120_000, audioSha256: null, originalName: null, loudnessBefore: null,
      loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null, reviewedAt: null, reviewNote: null,
      approvedAt: created, createdAt: created, updatedAt: created,
    });
  }

  const recorder = createAirtimeRecorder(db, FIXTURE_TZ);
  const insertFinal = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source, window,
       planned_start, started_at, heartbeat_at, ended_at, played_ms, outcome, outputs, local_date)
     VALUES (@zone, @itemId, @title, @kind, @topics, @ceremonial, @unit, @priority, @source, @window,
       @startedAt, @startedAt, @endedAt, @endedAt, @playedMs, @outcome, @outputs, @localDate)`,
  );
  const byId = new Map(FIXTURE_ITEMS.map((i) => [i.id, i]));
  for (const [zone, date, time, window, itemId, seconds, outcome, source = 'plan', outputs] of FIXTURE_ROWS) {
    const it = byId.get(itemId)!;
    const startedAt = at(date, time);
    const carried = outputs ?? OUTPUTS[zone] ?? [];
    const endedAt = startedAt + Math.max(seconds * 1000, 500);
    if (logging === 'final-rows' && outcome !== null) {
      insertFinal.run({
        zone, itemId, title: it.title, kind: it.kind, topics: JSON.stringify(it.topics), ceremonial: it.ceremonial ? 1 : 0,
        unit: it.unit, priority: it.priority ?? 'normal', source, window, startedAt, endedAt, playedMs: seconds * 1000, outcome,
        outputs: JSON.stringify(carried), localDate: date,
      });
      continue;
    }
    const id = recorder.recordStart({
      zoneId: zone,
      startedAt,
      outputs: carried,
      entry: {
        itemId, startMs: startedAt, window, source,
        item: { title: it.title, kind: it.kind, topics: it.topics, ceremonial: it.ceremonial ?? false, unit: it.unit, priority: it.priority ?? 'normal' },
      },
    });
    if (outcome === null) continue;
    recorder.recordEnd(id, { endedAt, playedMs: seconds * 1000, outcome, detail: null, outputs: carried });
  }

  // plan_slots has no storage module yet; the fixture writes its rows directly.
  const slot = db.prepare(
    `INSERT INTO plan_slots (zone_id, date, start_ms, end_ms, item_id, window, reason, planned_at)
     VALUES (@zone, @date, @start, @end, 'tin-1', @window, '[]', @plannedAt)`,
  );
  for (const [zone, date, count, seconds] of FIXTURE_PLAN) {
    for (let i = 0; i < count; i++) {
      const start = at(date, '05:30') + i * seconds * 1000;
      slot.run({ zone, date, start, end: start + seconds * 1000, window: A, plannedAt: t0 });
    }
  }
  return db;
}

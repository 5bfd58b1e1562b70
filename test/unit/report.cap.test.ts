/**
 * The CAP part of the monthly report's bulletin section (issue 10) on a fixture database written the
 * way the CAP service writes it (alerts and their journeys, bulletins with their airings as programme
 * entries, the airtime rows the zone players log): a storm alert aired then replaced by an Update, the
 * Update cancelled, an alert mapped to no zone, a priority alert in the library until it expired, one
 * that failed, an Exercise aired on the test zone and a Test that found none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Zone } from '../../src/domain/station.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { buildReportOutline } from '../../src/reports/documentOutline.ts';
import { MonthlyReport } from '../../src/reports/model.ts';
import { renderReportCsv } from '../../src/reports/renderCsv.ts';
import { suggestDifficulties } from '../../src/reports/suggestions.ts';
import { describeJourney } from '../../src/reports/tablesCap.ts';
import { appendCapStep, insertCapAlert, type CapAlertRecord, type CapStep } from '../../src/storage/capAlerts.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { insertEmergency } from '../../src/storage/emergencies.ts';
import { insertItem } from '../../src/storage/items.ts';
import { insertProgrammeEntries } from '../../src/storage/programmes.ts';
import { upsertZone } from '../../src/storage/station.ts';
import { insertUser } from '../../src/storage/users.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ms = (local: string) => Date.parse(`${local}+07:00`);
const NOV_2 = ms('2026-11-02T08:00:00');
const MIN = 60_000;

let db: Db;

beforeAll(() => {
  db = openDatabase(':memory:');
  const t0 = ms('2026-01-01T00:00:00');
  for (const z of [
    { id: 'tdp-1', name: 'Tổ dân phố số 1', areaCodes: ['20194'] },
    { id: 'tdp-2', name: 'Tổ dân phố số 2', areaCodes: ['20197'], testAlerts: true },
    { id: 'tdp-3', name: 'Thôn Đông', areaCodes: ['20200'] },
  ]) upsertZone(db, Zone.parse({ ...z, windows: [] }), t0);
  insertUser(db, { id: 'usr_cap', username: 'cap-feed', passwordHash: 'x', role: 'admin', unit: null, disabled: false, createdAt: t0 });
  for (const [id, title, priority] of [
    ['itm-bao', 'CAP: Bão số 5 sắp đổ bộ', 'normal'], ['itm-bao-2', 'CAP: Bão số 5 đổi hướng', 'normal'],
    ['itm-dien-tap', 'CAP: Đây là bản tin diễn tập', 'normal'], ['itm-lu', 'CAP: Cảnh báo lũ trên sông Hàn', 'priority'],
  ] as const) {
    insertItem(db, {
      id, title, kind: 'thong-bao', topics: [], ceremonial: false, unit: null, priority, validFrom: null, validUntil: null, note: null,
      status: 'approved', failureReason: null, durationMs: 60_000, audioSha256: null, originalName: null, loudnessBefore: null,
      loudnessAfter: null, incomingPath: null, submittedBy: 'usr_cap', reviewedBy: 'usr_cap', reviewedAt: t0, reviewNote: null,
      approvedAt: t0, createdAt: t0, updatedAt: t0,
    });
  }

  const alert = (a: Partial<CapAlertRecord> & Pick<CapAlertRecord, 'id' | 'identifier' | 'sender' | 'status' | 'msgType' | 'state'>, received: string) => {
    insertCapAlert(db, {
      sent: `${received}+07:00`, sentAt: ms(received), event: null, headline: null, language: 'vi-VN', urgency: 'Immediate', severity: 'Extreme',
      level: 'emergency', zones: [], reason: null, itemId: null, bulletinId: null, expiresAt: null, via: 'api', feedUrl: null,
      receivedBy: 'usr_cap', receivedAt: ms(received), httpStatus: 201, answer: {}, xml: '<alert/>', ...a,
    });
  };
  const step = (id: string, s: CapStep, at: string, detail: Record<string, unknown> = {}) => appendCapStep(db, id, s, ms(at), detail);
  /** A bulletin and its airings as the emergency service writes them. */
  const bulletin = (id: string, itemId: string, zones: string[], starts: string[], alertId: string) => {
    insertEmergency(db, {
      id, itemId, zones, reached: zones, repeat: null, origin: { kind: 'cap', alertId }, state: 'finished', createdBy: 'usr_cap',
      createdAt: ms(starts[0]!), lastEndMs: ms(starts.at(-1)!) + MIN, endedAt: null, endedBy: null,
    });
    insertProgrammeEntries(db, zones.flatMap((zoneId) => starts.map((s) => ({ zoneId, startMs: ms(s), endMs: ms(s) + MIN, itemId, source: 'emergency' as const, emergencyId: id }))), 'usr_cap', ms(starts[0]!));
  };
  const insertRow = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, priority, source, planned_start, started_at, heartbeat_at, ended_at,
       played_ms, outcome, outputs, receivers, carriers, local_date)
     VALUES (@zone, @itemId, 'x', 'thong-bao', @priority, @source, @planned, @started, @ended, @ended, @played, @outcome, '[]', @receivers,
       CASE WHEN @receivers IS NULL THEN NULL ELSE '[]' END, substr(@day, 1, 10))`,
  );
  /** An airtime row as a zone player logs it: planned start, actual start, played seconds, outcome, receivers. */
  const aired = (zone: string, itemId: string, source: string, planned: string, started: string, seconds: number, outcome: string, receivers: number | null) =>
    insertRow.run({ zone, itemId, priority: source === 'plan' ? 'priority' : 'normal', source, planned: ms(planned), started: ms(started), ended: ms(started) + seconds * 1000, played: seconds * 1000, outcome, receivers, day: started });

  const KTTV = 'canhbao@kttv.gov.vn';
  // September's alert is not October's.
  alert({ id: 'cap_sep', identifier: 'KTTV-2026-BAO04-001', sender: KTTV, status: 'Actual', msgType: 'Alert', state: 'expired' }, '2026-09-30T23:00:00');
  step('cap_sep', 'received', '2026-09-30T23:00:00', { via: 'api' });

  // The storm: aired as a bulletin on two zones, heard in one (the other's play reached no receiver), replaced 35 minutes later.
  alert({ id: 'cap_1', identifier: 'KTTV-2026-BAO05-001', sender: KTTV, status: 'Actual', msgType: 'Alert', state: 'replaced', event: 'Bão số 5',
    headline: 'Bão số 5 sắp đổ bộ, gió giật cấp 12', zones: ['tdp-1', 'tdp-2'], itemId: 'itm-bao', bulletinId: 'kc_1' }, '2026-10-12T07:56:00');
  step('cap_1', 'received', '2026-10-12T07:56:00', { via: 'api' });
  step('cap_1', 'mapped', '2026-10-12T07:56:00', { zones: ['tdp-1', 'tdp-2'], unmatched: [], airsOn: ['tdp-1', 'tdp-2'], delivery: 'bulletin' });
  bulletin('kc_1', 'itm-bao', ['tdp-1', 'tdp-2'], ['2026-10-12T07:56:05'], 'cap_1');
  step('cap_1', 'aired', '2026-10-12T07:56:05', { delivery: 'bulletin', bulletinId: 'kc_1', reached: ['tdp-1', 'tdp-2'] });
  aired('tdp-1', 'itm-bao', 'emergency', '2026-10-12T07:56:05', '2026-10-12T07:56:05', 60, 'completed', 2);
  aired('tdp-2', 'itm-bao', 'emergency', '2026-10-12T07:56:05', '2026-10-12T07:56:05', 60, 'completed', 0);
  // The same item aired again by hand later (another bulletin): not this alert's.
  aired('tdp-1', 'itm-bao', 'emergency', '2026-10-12T15:00:00', '2026-10-12T15:00:00', 60, 'completed', 1);

  // The Update: replaces the storm, airs at 08:31 and 10:00 (cut at 10:00 and resumed), cancelled at 11:00.
  alert({ id: 'cap_2', identifier: 'KTTV-2026-BAO05-002', sender: KTTV, status: 'Actual', msgType: 'Update', state: 'cancelled', event: 'Bão số 5',
    headline: 'Bão số 5 đổi hướng', zones: ['tdp-1', 'tdp-2'], itemId: 'itm-bao-2', bulletinId: 'kc_2', via: 'feed' }, '2026-10-12T08:31:00');
  step('cap_2', 'received', '2026-10-12T08:31:00', { via: 'feed' });
  step('cap_2', 'mapped', '2026-10-12T08:31:00', { zones: ['tdp-1', 'tdp-2'], unmatched: ['20999'], airsOn: ['tdp-1', 'tdp-2'], delivery: 'bulletin' });
  step('cap_1', 'replaced', '2026-10-12T08:31:02', { by: 'cap_2', bulletinId: 'kc_1' });
  bulletin('kc_2', 'itm-bao-2', ['tdp-1', 'tdp-2'], ['2026-10-12T08:31:05', '2026-10-12T10:00:00'], 'cap_2');
  step('cap_2', 'aired', '2026-10-12T08:31:05', { delivery: 'bulletin', bulletinId: 'kc_2', reached: ['tdp-1', 'tdp-2'] });
  step('cap_2', 'updated', '2026-10-12T08:31:05', { replaces: ['cap_1'] });
  aired('tdp-1', 'itm-bao-2', 'emergency', '2026-10-12T08:31:05', '2026-10-12T08:31:05', 60, 'completed', 1);
  aired('tdp-2', 'itm-bao-2', 'emergency', '2026-10-12T08:31:05', '2026-10-12T08:31:05', 60, 'completed', null); // receivers unknown: counted
  aired('tdp-1', 'itm-bao-2', 'emergency', '2026-10-12T10:00:00', '2026-10-12T10:00:00', 30, 'preempted', 1);
  aired('tdp-1', 'itm-bao-2', 'emergency', '2026-10-12T10:00:00', '2026-10-12T10:05:00', 30, 'completed', 1);
  aired('tdp-2', 'itm-bao-2', 'emergency', '2026-10-12T10:00:00', '2026-10-12T10:00:00', 0, 'failed', 0);

  // The Cancel of the Update.
  alert({ id: 'cap_3', identifier: 'KTTV-2026-BAO05-003', sender: KTTV, status: 'Actual', msgType: 'Cancel', state: 'applied', level: null,
    headline: 'Kết thúc cảnh báo bão số 5' }, '2026-10-12T11:00:00');
  step('cap_3', 'received', '2026-10-12T11:00:00', { via: 'api' });
  step('cap_2', 'cancelled', '2026-10-12T11:00:01', { by: 'cap_3', bulletinId: 'kc_2' });
  step('cap_3', 'logged', '2026-10-12T11:00:01', { cancelled: ['cap_2'], reason: null });

  // Another province's commune: mapped to no zone, logged.
  alert({ id: 'cap_4', identifier: 'PCTT-QNA-2026-0042', sender: 'pctt@quangnam.gov.vn', status: 'Actual', msgType: 'Alert', state: 'logged',
    event: 'Sạt lở đất', reason: 'no-zone' }, '2026-10-12T09:00:00');
  step('cap_4', 'received', '2026-10-12T09:00:00', { via: 'api' });
  step('cap_4', 'mapped', '2026-10-12T09:00:00', { zones: [], unmatched: ['20974'] });
  step('cap_4', 'logged', '2026-10-12T09:00:00', { reason: 'no-zone', replaced: [] });

  // A priority flood warning in the library until it expired; a play after its expiry is not its.
  alert({ id: 'cap_7', identifier: 'PCTT-DN-2026-LU-012', sender: 'pctt@danang.gov.vn', status: 'Actual', msgType: 'Alert', state: 'expired',
    level: 'priority', event: 'Lũ', headline: 'Cảnh báo lũ trên sông Hàn', zones: ['tdp-3'], itemId: 'itm-lu' }, '2026-10-12T09:30:00');
  step('cap_7', 'received', '2026-10-12T09:30:00', { via: 'api' });
  step('cap_7', 'mapped', '2026-10-12T09:30:00', { zones: ['tdp-3'], unmatched: [], airsOn: ['tdp-3'], delivery: 'library' });
  step('cap_7', 'aired', '2026-10-12T09:31:00', { delivery: 'library', itemId: 'itm-lu', reached: ['tdp-3'] });
  aired('tdp-3', 'itm-lu', 'plan', '2026-10-12T17:00:00', '2026-10-12T17:00:00', 60, 'completed', 1);
  aired('tdp-3', 'itm-lu', 'plan', '2026-10-13T05:30:00', '2026-10-13T05:30:00', 60, 'completed', 3);
  step('cap_7', 'expired', '2026-10-13T18:00:00', { itemId: 'itm-lu' });
  aired('tdp-3', 'itm-lu', 'plan', '2026-10-14T05:30:00', '2026-10-14T05:30:00', 60, 'completed', 1);

  // No audio and no speech engine: failed.
  alert({ id: 'cap_8', identifier: 'KTTV-2026-LOC-001', sender: KTTV, status: 'Actual', msgType: 'Alert', state: 'failed', event: 'Lốc xoáy',
    zones: ['tdp-1'], reason: 'the station has no speech engine' }, '2026-10-20T12:00:00');
  step('cap_8', 'received', '2026-10-20T12:00:00', { via: 'api' });
  step('cap_8', 'mapped', '2026-10-20T12:00:00', { zones: ['tdp-1'], unmatched: [], airsOn: ['tdp-1'], delivery: 'bulletin' });
  step('cap_8', 'failed', '2026-10-20T12:00:01', { code: 'cap-no-speech' });

  // An Exercise: aired as a bulletin on the zone that takes test alerts only.
  alert({ id: 'cap_5', identifier: 'PCTT-DN-2026-DIENTAP-01', sender: 'pctt@danang.gov.vn', status: 'Exercise', msgType: 'Alert', state: 'expired',
    event: 'Diễn tập sơ tán', headline: 'Đây là bản tin diễn tập', zones: ['tdp-2'], itemId: 'itm-dien-tap', bulletinId: 'kc_3' }, '2026-10-12T07:58:00');
  step('cap_5', 'received', '2026-10-12T07:58:00', { via: 'api' });
  step('cap_5', 'mapped', '2026-10-12T07:58:00', { zones: ['tdp-1', 'tdp-2'], unmatched: [], airsOn: ['tdp-2'], delivery: 'bulletin', test: true });
  bulletin('kc_3', 'itm-dien-tap', ['tdp-2'], ['2026-10-12T07:58:05'], 'cap_5');
  step('cap_5', 'aired', '2026-10-12T07:58:05', { delivery: 'bulletin', bulletinId: 'kc_3', reached: ['tdp-2'] });
  aired('tdp-2', 'itm-dien-tap', 'emergency', '2026-10-12T07:58:05', '2026-10-12T07:58:05', 60, 'completed', 1);
  step('cap_5', 'expired', '2026-10-12T20:00:00', {});

  // A Test for a zone that takes no test alerts: logged.
  alert({ id: 'cap_6', identifier: 'KTTV-TEST-0001', sender: KTTV, status: 'Test', msgType: 'Alert', state: 'logged', reason: 'no-test-zone' }, '2026-10-25T09:00:00');
  step('cap_6', 'received', '2026-10-25T09:00:00', { via: 'api' });
  step('cap_6', 'mapped', '2026-10-25T09:00:00', { zones: ['tdp-1'], unmatched: [] });
  step('cap_6', 'logged', '2026-10-25T09:00:00', { reason: 'no-test-zone', replaced: [] });
});

const october = (zone?: string) => buildMonthlyReport(db, { month: '2026-10', ...(zone ? { zone } : {}), tz: TZ, generatedAt: NOV_2 });

describe('CAP alerts in the bulletin section', () => {
  it('lists the Actual alerts received in the month, oldest first, the Exercise and Test apart', () => {
    const cap = october().cap!;
    expect(cap.alerts.map((a) => a.identifier)).toEqual([
      'KTTV-2026-BAO05-001', 'KTTV-2026-BAO05-002', 'PCTT-QNA-2026-0042', 'PCTT-DN-2026-LU-012', 'KTTV-2026-BAO05-003', 'KTTV-2026-LOC-001',
    ]);
    expect(cap.tests.map((a) => [a.identifier, a.status])).toEqual([['PCTT-DN-2026-DIENTAP-01', 'Exercise'], ['KTTV-TEST-0001', 'Test']]);
  });

  it('counts the heard plays each alert produced through its bulletin or its library item', () => {
    const cap = october().cap!;
    const plays = Object.fromEntries([...cap.alerts, ...cap.tests].map((a) => [a.identifier, [a.plays, a.unheardPlays, a.zonesHeard]]));
    expect(plays).toEqual({
      // Heard in tdp-1; tdp-2's play reached no receiver; the same item's later bulletin is not this alert's.
      'KTTV-2026-BAO05-001': [1, 1, 1],
      // 08:31 in both zones (unknown receivers count), 10:00 cut and resumed in tdp-1 (two rows), tdp-2's 10:00 failed.
      'KTTV-2026-BAO05-002': [4, 0, 2],
      'PCTT-QNA-2026-0042': [0, 0, 0],
      // Two plays before it expired; the one after is not counted.
      'PCTT-DN-2026-LU-012': [2, 0, 1],
      'KTTV-2026-BAO05-003': [0, 0, 0],
      'KTTV-2026-LOC-001': [0, 0, 0],
      'PCTT-DN-2026-DIENTAP-01': [1, 0, 1],
      'KTTV-TEST-0001': [0, 0, 0],
    });
    expect(cap.totals).toEqual({ received: 6, aired: 3, logged: 2, failed: 1, plays: 7, unheardPlays: 1, tests: 2, testPlays: 1 });
  });

  it('keeps each journey: received, mapped, aired or logged and why, updated, replaced, cancelled, expired, failed', () => {
    const byId = new Map([...october().cap!.alerts, ...october().cap!.tests].map((a) => [a.identifier, a]));
    expect(byId.get('KTTV-2026-BAO05-002')).toMatchObject({
      level: 'emergency', delivery: 'bulletin', state: 'cancelled', via: 'feed', receivedAt: '2026-10-12T08:31:00+07:00',
      zones: [{ zone: 'tdp-1', name: 'Tổ dân phố số 1' }, { zone: 'tdp-2', name: 'Tổ dân phố số 2' }],
      journey: [
        { step: 'received', at: '2026-10-12T08:31:00+07:00', via: 'feed' },
        { step: 'mapped', at: '2026-10-12T08:31:00+07:00', zones: [{ zone: 'tdp-1', name: 'Tổ dân phố số 1' }, { zone: 'tdp-2', name: 'Tổ dân phố số 2' }], unmatched: ['20999'], delivery: 'bulletin' },
        { step: 'aired', at: '2026-10-12T08:31:05+07:00', delivery: 'bulletin' },
        { step: 'updated', at: '2026-10-12T08:31:05+07:00', refs: ['KTTV-2026-BAO05-001'] },
        { step: 'cancelled', at: '2026-10-12T11:00:01+07:00', refs: ['KTTV-2026-BAO05-003'] },
      ],
    });
    const vi = (id: string) => describeJourney(byId.get(id)!, 'vi');
    expect(vi('KTTV-2026-BAO05-002')).toBe(
      'nhận lúc 12/10 08:31 (nguồn cấp) → ứng với Tổ dân phố số 1, Tổ dân phố số 2 (mã không khớp: 20999) → phát khẩn cấp lúc 12/10 08:31 tại 2 khu vực → thay thế KTTV-2026-BAO05-001 → bị hủy bởi KTTV-2026-BAO05-003 lúc 12/10 11:00',
    );
    expect(vi('KTTV-2026-BAO05-001')).toContain('→ được thay thế bởi KTTV-2026-BAO05-002 lúc 12/10 08:31');
    expect(vi('PCTT-QNA-2026-0042')).toBe('nhận lúc 12/10 09:00 → không ứng với khu vực nào (mã không khớp: 20974) → chỉ ghi nhận: mã địa bàn không ứng với khu vực nào');
    expect(vi('KTTV-2026-BAO05-003')).toBe('nhận lúc 12/10 11:00 → hủy KTTV-2026-BAO05-002');
    expect(vi('PCTT-DN-2026-LU-012')).toBe('nhận lúc 12/10 09:30 → ứng với Thôn Đông → đưa vào phát ưu tiên lúc 12/10 09:31 → hết hạn lúc 13/10 18:00');
    expect(vi('KTTV-2026-LOC-001')).toBe('nhận lúc 20/10 12:00 → ứng với Tổ dân phố số 1 → không phát được: không có bộ đọc văn bản');
    expect(vi('PCTT-DN-2026-DIENTAP-01')).toContain('→ ứng với Tổ dân phố số 2 → phát khẩn cấp lúc 12/10 07:58 tại 1 khu vực → hết hạn lúc 12/10 20:00');
    expect(vi('KTTV-TEST-0001')).toBe('nhận lúc 25/10 09:00 → ứng với Tổ dân phố số 1 → chỉ ghi nhận: không khu vực nào nhận cảnh báo thử');
    expect(describeJourney(byId.get('PCTT-QNA-2026-0042')!, 'en')).toBe('received 12/10 09:00 → mapped to no zone (unmatched codes: 20974) → logged: its geocodes name no zone');
  });

  it('narrows to the zone asked for: the alerts that concern it and the plays heard there', () => {
    expect(october('tdp-3').cap!.alerts.map((a) => [a.identifier, a.plays])).toEqual([['PCTT-DN-2026-LU-012', 2]]);
    const two = october('tdp-2').cap!;
    expect(two.alerts.map((a) => [a.identifier, a.plays, a.unheardPlays])).toEqual([['KTTV-2026-BAO05-001', 0, 1], ['KTTV-2026-BAO05-002', 1, 0]]);
    expect(two.tests.map((a) => [a.identifier, a.plays])).toEqual([['PCTT-DN-2026-DIENTAP-01', 1]]);
  });

  it('renders the tables, the totals sentence, and survives the stored JSON of a finalized version', () => {
    const report = october();
    expect(MonthlyReport.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const cap = lines(renderReportCsv(report, 'cap'));
    expect(cap[0]).toBe('Nhận lúc,Nơi gửi,Số hiệu cảnh báo,"Sự kiện, tiêu đề",Loại bản tin,Mức,Khu vực,Diễn biến,Tình trạng,Lượt phát có thiết bị nhận');
    expect(cap).toHaveLength(1 + 6);
    expect(cap[1]).toBe(
      '12/10/2026 07:56,canhbao@kttv.gov.vn,KTTV-2026-BAO05-001,"Bão số 5: Bão số 5 sắp đổ bộ, gió giật cấp 12",Cảnh báo,Khẩn cấp,"Tổ dân phố số 1, Tổ dân phố số 2",' +
        '"nhận lúc 12/10 07:56 → ứng với Tổ dân phố số 1, Tổ dân phố số 2 → phát khẩn cấp lúc 12/10 07:56 tại 2 khu vực → ' +
        'được thay thế bởi KTTV-2026-BAO05-002 lúc 12/10 08:31",Đã được thay thế,1',
    );
    const tests = lines(renderReportCsv(report, 'capTests'));
    expect(tests[0]).toContain('Trạng thái CAP');
    expect(tests[1]).toContain(',Diễn tập,Cảnh báo,Khẩn cấp,Tổ dân phố số 2,');
    const text = buildReportOutline(report, { stationName: 'Đài phường' }).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(text).toContain(
      'Trong tháng nhận 6 cảnh báo CAP chính thức: 3 cảnh báo được phát, 2 cảnh báo chỉ ghi nhận (không phát), 1 cảnh báo không phát được; tổng cộng 7 lượt phát có thiết bị nhận.',
    );
    expect(text).toContain('Ngoài ra nhận 2 cảnh báo diễn tập, thử nghiệm (1 lượt phát tại khu vực nhận cảnh báo thử), liệt kê riêng.');
    const november = buildMonthlyReport(db, { month: '2026-11', tz: TZ, generatedAt: NOV_2 });
    expect(november.cap).toEqual({ totals: { received: 0, aired: 0, logged: 0, failed: 0, plays: 0, unheardPlays: 0, tests: 0, testPlays: 0 }, alerts: [], tests: [] });
    expect(buildReportOutline(november, { stationName: 'Đài phường' }).blocks.some((b) => b.kind === 'paragraph' && b.text === 'Trong tháng không nhận được cảnh báo CAP nào.')).toBe(true);
  });

  it('suggests the alerts that could not air as a difficulty', () => {
    const suggestions = suggestDifficulties({ report: october(), shortfalls: [], enabledZones: new Set(['tdp-1', 'tdp-2', 'tdp-3']), ceremonialPlanShare: 0.12, lang: 'en' });
    expect(suggestions.find((s) => s.key === 'cap-failed')?.text).toBe('CAP alerts that could not air (1): KTTV-2026-LOC-001 (no speech engine).');
  });
});

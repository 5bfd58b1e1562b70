/**
 * The monthly report's devices section (issue 14) on a fixture database: devices made and deleted the
 * way the API does (registry + audit row), state changes as presence records them, outages that cross
 * the month's boundaries, a device removed in the month, one never online, one not monitored, one
 * renamed and moved after the month, one known only from its state history; then its tables and lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/auditLog.ts';
import { createDeviceRegistry } from '../../src/devices/deviceRegistry.ts';
import type { DeviceBody } from '../../src/devices/device.ts';
import { Zone } from '../../src/domain/station.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { buildReportOutline } from '../../src/reports/documentOutline.ts';
import { MonthlyReport } from '../../src/reports/model.ts';
import { renderReportCsv } from '../../src/reports/renderCsv.ts';
import { suggestDifficulties } from '../../src/reports/suggestions.ts';
import { buildReportTable } from '../../src/reports/tables.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { insertDevicePlay } from '../../src/storage/deviceReports.ts';
import { recordDeviceState, type DeviceRecord, type DeviceStateChange } from '../../src/storage/devices.ts';
import { listZones, upsertZone } from '../../src/storage/station.ts';
import { fakeClock } from '../support/fakeClock.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ms = (local: string) => Date.parse(`${local}+07:00`);
const HOUR = 3_600_000;
const JUNE_1 = ms('2026-06-01T08:00:00');

let db: Db;

/** What the audit log keeps of a device (as src/http/routes/devices.ts records it). */
const facts = (d: DeviceRecord) => ({ name: d.name, zone: d.zoneId, kind: d.kind, location: d.location, note: d.note });

beforeAll(() => {
  db = openDatabase(':memory:');
  const clock = fakeClock('2026-01-01T00:00:00+07:00');
  for (const z of [
    { id: 'tdp-1', name: 'Tổ dân phố số 1' },
    { id: 'tdp-2', name: 'Tổ dân phố số 2' },
    { id: 'tdp-3', name: 'Thôn Đông' },
    { id: 'tdp-9', name: 'Tổ dân phố số 9 (đã ngừng)', enabled: false },
  ]) upsertZone(db, Zone.parse({ ...z, windows: [] }), clock.now());
  const registry = createDeviceRegistry({ db, clock, zones: () => listZones(db) });
  const audit = createAuditLog({ db, clock });
  /** PUT /api/devices/:id: the registry's change and its audit row. */
  const put = (id: string, body: DeviceBody, at: string, audited = true) => {
    clock.set(ms(at));
    const before = registry.get(id);
    const { device } = registry.put(id, body);
    if (audited) audit.record('system', 'device.put', { type: 'device', id }, before ? facts(before) : null, facts(device), { zones: [device.zoneId] });
  };
  /** DELETE /api/devices/:id. */
  const remove = (id: string, at: string) => {
    clock.set(ms(at));
    const before = registry.get(id)!;
    registry.remove(id);
    audit.record('system', 'device.delete', { type: 'device', id }, facts(before), null, { zones: [before.zoneId] });
  };
  /** What presence records when a device calls in or falls silent. */
  const state = (id: string, zone: string, s: DeviceStateChange, at: string) => recordDeviceState(db, { deviceId: id, zoneId: zone, state: s, at: ms(at) });

  // Online all May but for an outage carried over from April (2 h in May) and one open at the month's end (4 h).
  put('cl-1', { name: 'Cụm loa đầu ngõ', zone: 'tdp-1', kind: 'stream' }, '2026-04-20T10:00:00');
  state('cl-1', 'tdp-1', 'online', '2026-04-20T10:05:00');
  state('cl-1', 'tdp-1', 'offline', '2026-04-30T22:00:00');
  state('cl-1', 'tdp-1', 'online', '2026-05-01T02:00:00');
  state('cl-1', 'tdp-1', 'offline', '2026-05-31T20:00:00');
  state('cl-1', 'tdp-1', 'online', '2026-06-01T06:00:00');
  // Registered on 10 May and never online: one outage, still open.
  put('cl-2', { name: 'Cụm loa nhà văn hóa', zone: 'tdp-1', kind: 'download' }, '2026-05-10T08:00:00');
  // 12 h offline; reports three plays in May (two heard) and one in April; renamed and moved in June.
  put('cl-3', { name: 'Cụm loa chợ', zone: 'tdp-2', kind: 'download' }, '2026-04-01T08:00:00');
  state('cl-3', 'tdp-2', 'online', '2026-04-01T08:01:00');
  state('cl-3', 'tdp-2', 'offline', '2026-05-15T10:00:00');
  state('cl-3', 'tdp-2', 'online', '2026-05-15T22:00:00');
  put('cl-3', { name: 'Cụm loa chợ mới', zone: 'tdp-3', kind: 'download' }, '2026-06-05T09:00:00');
  for (const [slot, heard] of [['2026-04-30T17:00:00', true], ['2026-05-02T05:30:00', true], ['2026-05-03T05:30:00', false], ['2026-05-04T05:30:00', true]] as const) {
    insertDevicePlay(db, {
      deviceId: 'cl-3', itemId: 'tin-1', slotStartMs: ms(slot), slotEndMs: ms(slot) + 120_000, zoneId: 'tdp-2', startedAt: ms(slot),
      endedAt: ms(slot) + 120_000, outcome: heard ? 'completed' : 'failed', heard, reportedAt: ms(slot) + 200_000,
    });
  }
  // Offline from 18 May, removed on 20 May.
  put('cl-4', { name: 'Cụm loa tổ 2', zone: 'tdp-2', kind: 'stream' }, '2026-04-10T08:00:00');
  state('cl-4', 'tdp-2', 'online', '2026-04-10T08:00:30');
  state('cl-4', 'tdp-2', 'offline', '2026-05-18T06:00:00');
  remove('cl-4', '2026-05-20T12:00:00');
  // RTP: never reaches Loa, not monitored; made without an audit row (today's record stands in).
  put('cl-5', { name: 'Cụm loa RTP', zone: 'tdp-2', kind: 'rtp' }, '2026-03-01T08:00:00', false);
  // Removed in April, registered in June: not May's.
  put('cl-6', { name: 'Cụm loa cũ', zone: 'tdp-1', kind: 'stream' }, '2026-04-01T08:00:00');
  remove('cl-6', '2026-04-25T08:00:00');
  put('cl-7', { name: 'Cụm loa mới', zone: 'tdp-1', kind: 'stream' }, '2026-06-02T08:00:00');
  // Known only from its state history (its device row and audit rows are gone): 23 h online, 1 h offline.
  state('cl-8', 'tdp-1', 'offline', '2026-05-03T00:00:00');
  state('cl-8', 'tdp-1', 'online', '2026-05-03T01:00:00');
  state('cl-8', 'tdp-1', 'removed', '2026-05-04T00:00:00');
});

const may = () => buildMonthlyReport(db, { month: '2026-05', tz: TZ, generatedAt: JUNE_1 });

describe('devices section', () => {
  it('lists each cluster of May as it was then, with hours online and offline and its outages', () => {
    const section = may().devices!;
    expect(section.zones.map((z) => [z.zone, z.name, z.devices.map((d) => d.id)])).toEqual([
      ['tdp-1', 'Tổ dân phố số 1', ['cl-8', 'cl-1', 'cl-2']],
      ['tdp-2', 'Tổ dân phố số 2', ['cl-3', 'cl-5', 'cl-4']],
    ]);
    const byId = new Map(section.zones.flatMap((z) => z.devices).map((d) => [d.id, d]));
    expect(byId.get('cl-1')).toMatchObject({
      name: 'Cụm loa đầu ngõ', kind: 'stream', monitored: true, removed: false, onlineMs: 738 * HOUR, offlineMs: 6 * HOUR,
      onlineHours: 738, offlineHours: 6, working: true, registeredHours: 744,
      outages: [
        { from: '2026-05-01T00:00:00+07:00', to: '2026-05-01T02:00:00+07:00', open: false, durationMs: 2 * HOUR, hours: 2 },
        { from: '2026-05-31T20:00:00+07:00', to: '2026-06-01T00:00:00+07:00', open: true, durationMs: 4 * HOUR, hours: 4 },
      ],
    });
    expect(byId.get('cl-1')!.onlineShare).toBeCloseTo(738 / 744, 12);
    expect(byId.get('cl-2')).toMatchObject({
      onlineMs: 0, offlineMs: 520 * HOUR, onlineShare: 0, working: false, registeredHours: 520,
      outages: [{ from: '2026-05-10T08:00:00+07:00', to: '2026-06-01T00:00:00+07:00', open: true, hours: 520 }],
    });
    // Renamed and moved in June: May's report keeps its May name and zone.
    expect(byId.get('cl-3')).toMatchObject({ name: 'Cụm loa chợ', kind: 'download', offlineHours: 12, working: true, reportedPlays: 3, reportedHeard: 2 });
    expect(byId.get('cl-4')).toMatchObject({
      removed: true, removedAt: '2026-05-20T12:00:00+07:00', onlineHours: 414, offlineHours: 54, working: false, registeredHours: 468,
      outages: [{ from: '2026-05-18T06:00:00+07:00', to: '2026-05-20T12:00:00+07:00', open: false, hours: 54 }],
    });
    expect(byId.get('cl-5')).toMatchObject({ kind: 'rtp', monitored: false, working: null, onlineShare: null, outages: [], registeredHours: 744 });
    expect(byId.get('cl-8')).toMatchObject({ name: 'cl-8', kind: null, monitored: true, removed: true, removedAt: null, onlineHours: 23, working: true });
  });

  it('totals the ward: working clusters (online ≥ 95% of their monitored time), clusters with outages, zones with none', () => {
    const section = may().devices!;
    expect(section.workingShare).toBe(0.95);
    expect(section.totals).toEqual({
      clusters: 6, monitored: 5, notMonitored: 1, working: 3, withOutages: 5, outages: 6, removed: 2,
      onlineMs: 1907 * HOUR, offlineMs: 593 * HOUR, onlineHours: 1907, offlineHours: 593, reportedPlays: 3,
    });
    expect(section.zones.find((z) => z.zone === 'tdp-2')).toMatchObject({ clusters: 3, monitored: 2, working: 1, withOutages: 2, outages: 2, removed: 1 });
    expect(section.zonesWithout).toEqual([{ zone: 'tdp-3', name: 'Thôn Đông' }]);
  });

  it('narrows to the zone asked for, and counts the current month only up to the report', () => {
    const two = buildMonthlyReport(db, { month: '2026-05', zone: 'tdp-2', tz: TZ, generatedAt: JUNE_1 }).devices!;
    expect(two.zones.map((z) => z.zone)).toEqual(['tdp-2']);
    expect(two.totals.clusters).toBe(3);
    expect(two.zonesWithout).toEqual([]);
    // 1 June at noon: cl-1 was offline 00:00–06:00 and online since, not a whole month of either.
    const june = buildMonthlyReport(db, { month: '2026-06', tz: TZ, generatedAt: ms('2026-06-01T12:00:00') }).devices!;
    const cl1 = june.zones.flatMap((z) => z.devices).find((d) => d.id === 'cl-1')!;
    expect([cl1.onlineHours, cl1.offlineHours, cl1.registeredHours]).toEqual([6, 6, 12]);
    expect(cl1.outages).toEqual([{ from: '2026-06-01T00:00:00+07:00', to: '2026-06-01T06:00:00+07:00', open: false, durationMs: 6 * HOUR, hours: 6 }]);
  });

  it('says in one line that a month had no cluster registered', () => {
    const feb = buildMonthlyReport(db, { month: '2026-02', tz: TZ, generatedAt: JUNE_1 });
    expect(feb.devices).toMatchObject({ totals: { clusters: 0 }, zones: [], zonesWithout: [] });
    expect(buildReportTable(feb, 'devices').rows).toEqual([[{ value: 'Trong tháng chưa có cụm loa nào được đăng ký trên hệ thống.', format: 'text' }]]);
    const blocks = buildReportOutline(feb, { stationName: 'Đài phường' }).blocks;
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === '8. Cụm loa và tình trạng hoạt động');
    expect(blocks[at + 1]).toEqual({ kind: 'paragraph', text: 'Trong tháng chưa có cụm loa nào được đăng ký trên hệ thống.' });
    expect(blocks[at + 2]).toMatchObject({ kind: 'heading', level: 1 });
  });

  it('survives the JSON a finalized version is stored as, and a version stored before devices were reported', () => {
    const report = may();
    expect(MonthlyReport.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    const { devices: _d, cap: _c, ...old } = report;
    const parsed = MonthlyReport.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.devices).toBeUndefined();
    const headings = buildReportOutline(parsed, { stationName: 'Đài phường' }).blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).not.toContain('8. Cụm loa và tình trạng hoạt động');
    expect(buildReportTable(parsed, 'devices').rows).toEqual([]);
  });
});

describe('devices tables and words', () => {
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

  it('has a row per cluster, a row per zone with several, and a total of working clusters', () => {
    const csv = lines(renderReportCsv(may(), 'devices'));
    expect(csv[0]).toBe(
      'Khu vực (Tổ dân phố),Mã cụm loa,Tên cụm loa,Cách nhận,Được giám sát,Giờ trực tuyến,Giờ mất kết nối,Tỷ lệ trực tuyến (%),Hoạt động tốt (≥ 95%),Số lần mất kết nối,Lượt phát thiết bị báo về,Ghi chú',
    );
    expect(csv).toContain('Tổ dân phố số 1,cl-1,Cụm loa đầu ngõ,Nhận luồng trực tiếp,Có,738.0,6.0,99.2,Có,2,0,');
    expect(csv).toContain('Tổ dân phố số 1,cl-2,Cụm loa nhà văn hóa,"Tải về, phát theo lịch",Có,0.0,520.0,0.0,Không,1,0,');
    expect(csv).toContain('Tổ dân phố số 2,cl-4,Cụm loa tổ 2,Nhận luồng trực tiếp,Có,414.0,54.0,88.5,Không,1,0,Đã gỡ lúc 20/05/2026 12:00');
    expect(csv).toContain('Tổ dân phố số 2,cl-5,Cụm loa RTP,RTP,Không,,,,—,,0,Không giám sát được');
    expect(csv).toContain('Tổ dân phố số 2,,3 cụm loa,,2,1146.0,66.0,94.6,1,2,3,');
    expect(csv.at(-1)).toBe('Tổng cộng,,6 cụm loa,,5,1907.0,593.0,76.3,3,6,3,');
    const outages = lines(renderReportCsv(may(), 'outages'));
    expect(outages[0]).toBe('Khu vực (Tổ dân phố),Mã cụm loa,Tên cụm loa,Mất kết nối từ,Đến,Số giờ,Chưa khắc phục khi hết kỳ');
    expect(outages).toContain('Tổ dân phố số 1,cl-1,Cụm loa đầu ngõ,31/05/2026 20:00,01/06/2026 00:00,4.0,Có');
    expect(outages).toHaveLength(1 + 6);
  });

  it('says the totals in a sentence before the tables, in Vietnamese and in English', () => {
    const report = may();
    const text = (lang: 'vi' | 'en') => buildReportOutline(report, { stationName: 'Đài phường', lang }).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(text('vi')).toContain(
      'Trong tháng có 6 cụm loa được đăng ký (5 cụm được giám sát trực tuyến, 1 cụm không giám sát được); 3/5 cụm được giám sát hoạt động tốt (trực tuyến từ 95,0% thời gian trở lên); 5 cụm bị mất kết nối, tổng cộng 6 lần, 593,0 giờ.',
    );
    expect(text('vi')).toContain('Khu vực chưa đăng ký cụm loa: Thôn Đông.');
    expect(text('vi')).toContain('Các cụm loa tải về, phát theo lịch đã báo về 3 lượt phát.');
    expect(text('en')).toContain(
      '6 loudspeaker clusters were registered in the month (5 monitored, 1 not monitored); 3 of 5 monitored clusters were working (online at least 95.0% of the time); 5 clusters went offline, 6 outages, 593.0 hours in all.',
    );
  });

  it('suggests the clusters that were not working as a difficulty, worst first', () => {
    const suggestions = suggestDifficulties({ report: may(), shortfalls: [], enabledZones: new Set(['tdp-1', 'tdp-2', 'tdp-3']), ceremonialPlanShare: 0.12, lang: 'vi' });
    expect(suggestions.find((s) => s.key === 'devices')?.text).toBe(
      '2/5 cụm loa được giám sát chưa hoạt động tốt (trực tuyến dưới 95,0% thời gian): Cụm loa nhà văn hóa (Tổ dân phố số 1, trực tuyến 0,0%), Cụm loa tổ 2 (Tổ dân phố số 2, trực tuyến 88,5%); cần kiểm tra thiết bị và đường truyền.',
    );
  });
});

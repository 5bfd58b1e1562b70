/**
 * The monthly report's devices section and the CAP alerts of its bulletin section through the real
 * daemon's HTTP API (issues 14 and 10): clusters registered, polled, silent and deleted through
 * /api/devices on a fake clock (online and offline as presence judges them), real CAP 1.2 documents
 * posted to /api/cap (embedded audio ingested by ffmpeg, bulletins triggered), the bulletins' airings
 * logged as a zone player logs them; then October's report as JSON, CSV tables, XLSX and DOCX, and
 * finalized: later changes do not move the frozen sections.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../src/reports/model.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap');
const clock = fakeClock('2026-09-28T09:00:00+07:00');
let t: TestDaemon;
let dir: string;
let tone: string;
let stormId: string;
let stormBulletin: string;

/** Sessions end after hours: a fresh admin token after each jump of the clock. */
const admin = () => t.login('admin', ADMIN_PASSWORD);
const at = (local: string) => clock.set(`${local}+07:00`);
const api = async (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.daemon.app.inject({ method, url, headers: { ...bearer(await admin()), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const cap = (xml: string) => api('POST', '/api/cap', xml, { 'content-type': 'application/cap+xml' });
/** A fixture alert with its audio embedded (so it airs without a speech engine). */
const withAudio = (name: string) =>
  readFileSync(join(FIXTURES, name), 'utf8').replace(
    '    <area>',
    `    <resource><resourceDesc>Bản tin (ghi âm)</resourceDesc><mimeType>audio/mpeg</mimeType><derefUri>${tone}</derefUri></resource>\n    <area>`,
  );

/** Logs every airing of a bulletin that has started by now, as the zone players would: heard in `heard`, to no receiver elsewhere. */
function logAirings(bulletinId: string, heard: string[]) {
  const recorder = createAirtimeRecorder(t.daemon.db, TZ);
  const entries = t.daemon.db
    .prepare('SELECT zone_id AS zoneId, start_ms AS startMs, end_ms AS endMs, item_id AS itemId FROM programme_entries WHERE emergency_id = ? AND start_ms <= ? ORDER BY start_ms, zone_id')
    .all(bulletinId, clock.now()) as { zoneId: string; startMs: number; endMs: number; itemId: string }[];
  for (const e of entries) {
    const item = { title: 'CAP', kind: 'thong-bao', topics: [], ceremonial: false, unit: null, priority: 'normal' };
    const id = recorder.recordStart({ zoneId: e.zoneId, startedAt: e.startMs, outputs: ['http'], entry: { itemId: e.itemId, startMs: e.startMs, window: null, source: 'emergency', item } });
    const receivers = heard.includes(e.zoneId) ? 1 : 0;
    recorder.recordEnd(id, { endedAt: e.endMs, playedMs: e.endMs - e.startMs, outcome: 'completed', detail: null, outputs: ['http'], receivers, carriers: [] });
  }
  return entries;
}

beforeAll(async () => {
  dir = await makeTempDir();
  tone = readFileSync(await makeTone(dir, { seconds: 3, format: 'mp3' })).toString('base64');
  t = await startTestDaemon({ clock, env: { LOA_PLAYOUT: 'false', LOA_TTS_COMMAND: '' } });
  for (const [id, name, areaCodes, testAlerts] of [
    ['tdp-1', 'Tổ dân phố số 1', ['20194'], false], ['tdp-2', 'Tổ dân phố số 2', ['20197'], true], ['tdp-3', 'Thôn Đông', ['20200'], false],
  ] as const) {
    const res = await api('PUT', `/api/zones/${id}`, { name, areaCodes, testAlerts, windows: [] });
    expect(res.statusCode, res.body).toBe(200);
  }
  // 28 September: four clusters registered; the two download ones call in.
  const keys: Record<string, string> = {};
  for (const [id, name, zone, kind] of [
    ['cum-cho', 'Cụm loa chợ', 'tdp-1', 'download'], ['cum-dinh', 'Cụm loa đình làng', 'tdp-2', 'stream'],
    ['cum-rtp', 'Cụm loa RTP nhà văn hóa', 'tdp-2', 'rtp'], ['cum-cu', 'Cụm loa cũ', 'tdp-1', 'download'],
  ] as const) {
    const res = await api('PUT', `/api/devices/${id}`, { name, zone, kind });
    expect(res.statusCode, res.body).toBe(201);
    keys[id] = (res.json() as { key: string }).key;
  }
  const poll = async (id: string) => expect((await t.daemon.app.inject({ url: `/api/devices/${id}/feed?key=${encodeURIComponent(keys[id]!)}` })).statusCode).toBe(200);
  await poll('cum-cho');
  await poll('cum-cu');
  // 5 October: the check finds both silent since 28 September (offline from 09:03 then); cum-cho calls in again.
  at('2026-10-05T08:00:00');
  await poll('cum-cho');
  // 8 October: cum-cho silent again since 08:00 on the 5th; cum-cu is deleted.
  at('2026-10-08T10:00:00');
  expect((await api('DELETE', '/api/devices/cum-cu')).statusCode).toBe(204);

  // 12 October: a storm warning airs as a bulletin on tdp-1 and tdp-2; an alert for another province; a drill on the test zone.
  at('2026-10-12T07:56:00');
  const storm = await cap(withAudio('storm-alert.xml'));
  expect(storm.statusCode, storm.body).toBe(201);
  ({ alertId: stormId, bulletinId: stormBulletin } = storm.json() as { alertId: string; bulletinId: string });
  expect((await cap(readFileSync(join(FIXTURES, 'other-ward.xml'), 'utf8'))).statusCode).toBe(202);
  const drill = await cap(withAudio('drill.xml'));
  expect(drill.statusCode, drill.body).toBe(201);
  logAirings((drill.json() as { bulletinId: string }).bulletinId, ['tdp-2']);
  // 11:00: its airings so far were heard in tdp-1 only; then the storm is cancelled.
  at('2026-10-12T11:00:00');
  logAirings(stormBulletin, ['tdp-1']);
  const cancel = readFileSync(join(FIXTURES, 'storm-cancel.xml'), 'utf8').replace(
    /<references>.*<\/references>/,
    '<references>canhbao@kttv.gov.vn,KTTV-2026-BAO05-001,2026-10-12T07:55:00+07:00</references>',
  );
  expect((await cap(cancel)).statusCode).toBe(201);

  // 1 November: cum-cho is renamed; the report is read on 2 November.
  at('2026-11-01T10:00:00');
  expect((await api('PUT', '/api/devices/cum-cho', { name: 'Cụm loa chợ (đã thay)', zone: 'tdp-1', kind: 'download' })).statusCode).toBe(200);
  at('2026-11-02T08:00:00');
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) await removeDir(dir);
});

const october = async (query = '') => {
  const res = await api('GET', `/api/reports/monthly?month=2026-10${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('October through GET /api/reports/monthly', () => {
  it('JSON: the clusters as they were in October, with their outages; the ward has no working cluster', async () => {
    const report = (await october()).json() as MonthlyReport;
    const devices = report.devices!;
    expect(devices.zones.map((z) => [z.zone, z.devices.map((d) => [d.id, d.name])])).toEqual([
      ['tdp-1', [['cum-cho', 'Cụm loa chợ'], ['cum-cu', 'Cụm loa cũ']]],
      ['tdp-2', [['cum-dinh', 'Cụm loa đình làng'], ['cum-rtp', 'Cụm loa RTP nhà văn hóa']]],
    ]);
    const byId = new Map(devices.zones.flatMap((z) => z.devices).map((d) => [d.id, d]));
    expect(byId.get('cum-cho')!.outages).toEqual([
      { from: '2026-10-01T00:00:00+07:00', to: '2026-10-05T08:00:00+07:00', open: false, durationMs: 104 * 3_600_000, hours: 104 },
      { from: '2026-10-05T08:03:00+07:00', to: '2026-11-01T00:00:00+07:00', open: true, durationMs: (26 * 24 + 15) * 3_600_000 + 57 * 60_000, hours: 640 },
    ]);
    expect(byId.get('cum-cho')!.onlineMs).toBe(3 * 60_000);
    expect(byId.get('cum-cu')).toMatchObject({ removed: true, removedAt: '2026-10-08T10:00:00+07:00', offlineHours: 178, outages: [{ open: false }] });
    expect(byId.get('cum-dinh')).toMatchObject({ kind: 'stream', offlineHours: 744, working: false, outages: [{ open: true }] });
    expect(byId.get('cum-rtp')).toMatchObject({ kind: 'rtp', monitored: false, working: null });
    expect(devices.totals).toMatchObject({ clusters: 4, monitored: 3, notMonitored: 1, working: 0, withOutages: 3, outages: 4, removed: 1 });
    expect(devices.zonesWithout).toEqual([{ zone: 'tdp-3', name: 'Thôn Đông' }]);
  });

  it('JSON: the CAP alerts with their journeys and heard plays, the drill apart', async () => {
    const report = (await october()).json() as MonthlyReport;
    const alerts = report.cap!.alerts;
    expect(alerts.map((a) => [a.identifier, a.state])).toEqual([
      ['KTTV-2026-BAO05-001', 'cancelled'], ['PCTT-QNA-2026-0042', 'logged'], ['KTTV-2026-BAO05-003', 'applied'],
    ]);
    const storm = alerts.find((a) => a.id === stormId)!;
    expect(storm).toMatchObject({ level: 'emergency', delivery: 'bulletin', bulletinId: stormBulletin, status: 'Actual' });
    expect(storm.journey.map((s) => s.step)).toEqual(['received', 'mapped', 'aired', 'cancelled']);
    // Airings at 07:56, then on the hour every two hours until the cancel at 11:00 (08:00 and 10:00): heard in tdp-1, none in tdp-2.
    expect([storm.plays, storm.unheardPlays, storm.zonesHeard]).toEqual([3, 3, 1]);
    expect(alerts[1]!.journey.find((s) => s.step === 'logged')).toMatchObject({ reason: 'no-zone' });
    expect(report.cap!.tests.map((a) => [a.identifier, a.status, a.plays, a.zones.map((z) => z.zone)])).toEqual([['PCTT-DN-2026-DIENTAP-01', 'Exercise', 1, ['tdp-2']]]);
    expect(report.cap!.totals).toMatchObject({ received: 3, aired: 1, logged: 2, failed: 0, plays: 3, tests: 1, testPlays: 1 });
  });

  it('CSV: the devices, outages and CAP tables', async () => {
    const devices = lines((await october('&format=csv&table=devices')).body);
    expect(devices[0]).toContain('Mã cụm loa,Tên cụm loa');
    expect(devices).toContain('Tổ dân phố số 1,cum-cu,Cụm loa cũ,"Tải về, phát theo lịch",Có,0.0,178.0,0.0,Không,1,0,Đã gỡ lúc 08/10/2026 10:00');
    expect(devices.at(-1)).toBe('Tổng cộng,,4 cụm loa,,3,0.1,1666.0,0.0,0,4,0,');
    const outages = await october('&format=csv&table=outages');
    expect(outages.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-10-outages.csv"');
    expect(lines(outages.body)).toContain('Tổ dân phố số 2,cum-dinh,Cụm loa đình làng,01/10/2026 00:00,01/11/2026 00:00,744.0,Có');
    const alerts = lines((await october('&format=csv&table=cap')).body);
    expect(alerts).toHaveLength(4);
    expect(alerts.find((l) => l.startsWith('12/10/2026 11:00'))).toBe(
      '12/10/2026 11:00,canhbao@kttv.gov.vn,KTTV-2026-BAO05-003,Bão số 5: Kết thúc cảnh báo bão số 5,Hủy,—,,nhận lúc 12/10 11:00 → hủy KTTV-2026-BAO05-001,Đã thực hiện,0',
    );
    expect(lines((await october('&format=csv&table=capTests')).body)[1]).toContain('Diễn tập');
    expect((await october('&format=csv&table=devices&lang=en')).body).toContain('Download (store and forward)');
  });

  it('XLSX: a sheet for the clusters, their outages and the CAP alerts', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await october('&format=xlsx')).rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Cụm loa', 'Cụm loa mất kết nối', 'Cảnh báo CAP', 'CAP diễn tập thử nghiệm']));
    const sheet = wb.getWorksheet('Cụm loa')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('cum-cho');
    expect(sheet.getRow(2).getCell(7).numFmt).toBe('0.0');
  });

  it('DOCX: the section headings and sentences', async () => {
    const zip = await JSZip.loadAsync((await october('&format=docx')).rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter(Boolean);
    for (const line of [
      '6. Bản tin khẩn cấp, ưu tiên, tiếp âm và sự cố', 'Cảnh báo CAP nhận trong tháng và diễn biến',
      'Cảnh báo CAP diễn tập, thử nghiệm (liệt kê riêng)', '8. Cụm loa và tình trạng hoạt động', 'Các lần cụm loa mất kết nối',
      'Khu vực chưa đăng ký cụm loa: Thôn Đông.',
    ]) expect(text, line).toContain(line);
    expect(text.find((p) => p.startsWith('Trong tháng có 4 cụm loa được đăng ký'))).toContain('0/3 cụm được giám sát hoạt động tốt');
    expect(text.indexOf('Cảnh báo CAP nhận trong tháng và diễn biến')).toBeGreaterThan(text.indexOf('6. Bản tin khẩn cấp, ưu tiên, tiếp âm và sự cố'));
  });

  it('freezes both sections with the rest when the month is finalized', async () => {
    const before = (await october()).json() as MonthlyReport;
    expect((await api('POST', '/api/reports/monthly/2026-10/finalize', {})).statusCode).toBe(201);
    // After the finalize: an October play of the storm bulletin turns up and cum-dinh is deleted.
    const recorder = createAirtimeRecorder(t.daemon.db, TZ);
    const start = Date.parse('2026-10-12T10:00:00+07:00');
    const item = { title: 'CAP', kind: 'thong-bao', topics: [], ceremonial: false, unit: null, priority: 'normal' };
    const entry = t.daemon.db.prepare('SELECT item_id AS itemId FROM emergencies WHERE id = ?').get(stormBulletin) as { itemId: string };
    const id = recorder.recordStart({ zoneId: 'tdp-2', startedAt: start + 5_000, outputs: ['http'], entry: { itemId: entry.itemId, startMs: start, window: null, source: 'emergency', item } });
    recorder.recordEnd(id, { endedAt: start + 8_000, playedMs: 3_000, outcome: 'completed', detail: null, outputs: ['http'], receivers: 2, carriers: [] });
    expect((await api('DELETE', '/api/devices/cum-dinh')).statusCode).toBe(204);
    const frozen = (await october()).json() as MonthlyReport & { document: { status: string } };
    expect(frozen.document.status).toBe('finalized');
    expect(frozen.devices).toEqual(before.devices);
    expect(frozen.cap).toEqual(before.cap);
    const reissued = await api('POST', '/api/reports/monthly/2026-10/reissue', { reason: 'bổ sung nhật ký' });
    expect(reissued.statusCode).toBe(201);
    const now = (await october()).json() as MonthlyReport;
    expect(now.cap!.alerts.find((a) => a.id === stormId)!.plays).toBe(4);
    // Deleted in November: still October's cluster, as it was.
    expect(now.devices!.zones.flatMap((z) => z.devices).find((d) => d.id === 'cum-dinh')).toMatchObject({ name: 'Cụm loa đình làng', removed: false });
  });
});

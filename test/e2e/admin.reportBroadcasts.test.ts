/**
 * Báo cáo's bulletins and relays part in a real browser against the real daemon: last month's log
 * holds an emergency bulletin on two zones, a relay heard whole and a relay whose source fell silent
 * (rows written as a zone player writes them); the screen lists each with its plays, zones and minutes,
 * and the cut relay with when, why and how. A month with none says so. axe and 390 px run on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, zonedInstant } from '../../src/domain/time.ts';
import { createAirtimeRecorder, type AirtimeOutcome } from '../../src/storage/airtime.ts';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** The month before this one (the screen opens on it); the rows below live on its 10th and 11th. */
const month = (() => {
  const [y, m] = localDate(Date.now(), TZ).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const dmy = (day: string) => `${day}/${month.slice(5)}/${month.slice(0, 4)}`;

let ab: AdminBrowser;

type Row = [zone: string, day: string, time: string, itemId: string, title: string, source: 'plan' | 'emergency' | 'relay', seconds: number, outcome: AirtimeOutcome, detail?: string];

/** Writes airtime rows the way a zone player does: a row opens as the entry starts, then ends, heard by one device. */
function logAirtime(rows: Row[]): void {
  const recorder = createAirtimeRecorder(ab.t.daemon.db, TZ);
  for (const [zone, day, time, itemId, title, source, seconds, outcome, detail = null] of rows) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const startedAt = zonedInstant(`${month}-${day}`, h * 3600 + m * 60, TZ);
    const priority = source === 'emergency' ? 'emergency' : 'normal';
    const item = { title, kind: source === 'relay' ? 'khac' : 'tin', topics: [], ceremonial: false, unit: null, priority };
    const window = source === 'plan' ? '05:30-06:30' : null;
    const id = recorder.recordStart({ zoneId: zone, startedAt, outputs: ['http:/stream/x'], entry: { itemId, startMs: startedAt, window, source, item } });
    recorder.recordEnd(id, {
      endedAt: startedAt + Math.max(seconds, 1) * 1000, playedMs: seconds * 1000, outcome, detail, outputs: ['http:/stream/x'],
      receivers: 1, carriers: [{ output: 'http:/stream/x', kind: 'http', receivers: 1 }],
    });
  }
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  const admin = await ab.t.login('admin', ADMIN_PASSWORD);
  for (const [id, name] of [['tdp-1', 'Tổ dân phố số 1'], ['tdp-2', 'Tổ dân phố số 2'], ['tdp-3', 'Tổ dân phố số 3']]) {
    const res = await fetch(`${ab.base}/api/zones/${id}`, {
      method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }),
    });
    expect(res.status, await res.text()).toBe(200);
  }
  const silent = 'relay: relayed 4:00 of 15:00; source 0:00–4:00 stopped: silent (no sound for 10 s); fallback 4:00–15:00 no source: silent (no sound for 10 s); 3 retries';
  logAirtime([
    ['tdp-1', '10', '14:00', 'kc-mua', 'Khẩn cấp: cảnh báo mưa lớn, ngập úng', 'emergency', 60, 'completed'],
    ['tdp-2', '10', '14:00', 'kc-mua', 'Khẩn cấp: cảnh báo mưa lớn, ngập úng', 'emergency', 60, 'completed'],
    ['tdp-1', '10', '06:00', 'relay:vov1', 'Tiếp âm: VOV1 Thời sự', 'relay', 900, 'completed'],
    ['tdp-1', '11', '06:00', 'relay:vov1', 'Tiếp âm: VOV1 Thời sự', 'relay', 240, 'interrupted', silent],
    ['tdp-3', '12', '05:30', 'tin-1', 'Tin: lịch tiêm chủng', 'plan', 120, 'completed'],
  ]);
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: bulletins and relays in the monthly report', () => {
  it('lists each bulletin and relay, and the relay cut short with when, why and what aired of it', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.goto(`${ab.base}/#/reports?month=${month}`);
    const part = page.getByRole('region', { name: 'Bản tin khẩn cấp, ưu tiên và tiếp âm', exact: true });
    await part.waitFor();
    const list = part.getByRole('region', { name: 'Từng bản tin và chương trình tiếp âm', exact: true });
    const row = (name: string) => list.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const cells = async (name: string) => (await row(name).getByRole('cell').allTextContents()).map((c) => c.trim());
    expect(await cells('Khẩn cấp: cảnh báo mưa lớn, ngập úng')).toEqual(['Khẩn cấp', '2', '2', '2', `${dmy('10')} 14:00`, `${dmy('10')} 14:00`]);
    // The relay counts the source's audio only: 15 minutes heard whole, 4 of the cut one.
    expect(await cells('Tiếp âm: VOV1 Thời sự')).toEqual(['Tiếp âm', '2', '1', '19', `${dmy('10')} 06:00`, `${dmy('11')} 06:00`]);

    const cuts = page.getByRole('region', { name: 'Các lượt tiếp âm bị gián đoạn và nguyên nhân', exact: true });
    expect(await page.getByText(/^Có 1 lượt tiếp âm bị gián đoạn\. Phần nguồn không phát được/).count()).toBe(1);
    const cut = cuts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Tiếp âm: VOV1 Thời sự' }) });
    expect((await cut.getByRole('cell').allTextContents()).map((c) => c.trim()))
      .toEqual([`${dmy('11')} 06:00`, 'Nguồn im lặng quá thời gian cho phép', 'Bị ngắt', '4', '1']);

    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await part.waitFor();
    expect(await scrollsSideways(page), 'reports scrolls sideways at 390 px').toBe(false);
    await page.setViewportSize(DESKTOP);
    await context.close();
  });

  it('says so in a line for a zone whose month had none, and shows no relay part for a zone that relayed nothing', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.goto(`${ab.base}/#/reports?month=${month}&zone=tdp-3`);
    const part = page.getByRole('region', { name: 'Bản tin khẩn cấp, ưu tiên và tiếp âm', exact: true });
    await part.getByText('Trong tháng không có bản tin khẩn cấp, bản tin ưu tiên hay chương trình tiếp âm nào.').waitFor();
    expect(await part.getByRole('table').count()).toBe(0);
    await page.goto(`${ab.base}/#/reports?month=${month}&zone=tdp-2`);
    await part.getByRole('rowheader', { name: 'Khẩn cấp: cảnh báo mưa lớn, ngập úng' }).waitFor();
    expect(await part.getByRole('rowheader').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Các lượt tiếp âm bị gián đoạn và nguyên nhân' }).count()).toBe(0);
    await context.close();
  });
});

/**
 * Báo cáo's clusters (cụm loa) and CAP alerts parts in a real browser against the real daemon: clusters
 * registered through the API (a stream cluster never heard from, an RTP one not monitored), CAP alerts
 * posted to /api/cap (one for another province, logged; an exercise with no zone taking test alerts,
 * listed apart); the screen shows the working clusters, each cluster and its outage, each alert's
 * journey. axe and the 390 px check run on the filled screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/time.ts';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap');
/** This month: the clusters and alerts below are registered and received now. */
const month = localDate(Date.now(), TZ).slice(0, 7);

let ab: AdminBrowser;

beforeAll(async () => {
  ab = await startAdminBrowser({ LOA_TTS_COMMAND: '' });
  await ab.addUser('vanhanh', 'operator');
  const admin = await ab.t.login('admin', ADMIN_PASSWORD);
  const call = async (method: string, path: string, body: string, type = 'application/json') => {
    const res = await fetch(`${ab.base}${path}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': type }, body });
    return { status: res.status, text: await res.text() };
  };
  for (const [id, name, areaCodes] of [['tdp-1', 'Tổ dân phố số 1', ['20194']], ['tdp-2', 'Tổ dân phố số 2', ['20197']]] as const) {
    const res = await call('PUT', `/api/zones/${id}`, JSON.stringify({ name, areaCodes }));
    expect(res.status, res.text).toBe(200);
  }
  for (const [id, body] of [
    ['cum-dinh', { name: 'Cụm loa đình làng', zone: 'tdp-1', kind: 'stream' }],
    ['cum-rtp', { name: 'Cụm loa RTP nhà văn hóa', zone: 'tdp-2', kind: 'rtp' }],
  ] as const) {
    const res = await call('PUT', `/api/devices/${id}`, JSON.stringify(body));
    expect(res.status, res.text).toBe(201);
  }
  for (const name of ['other-ward.xml', 'drill.xml']) {
    const res = await call('POST', '/api/cap', readFileSync(join(FIXTURES, name), 'utf8'), 'application/cap+xml');
    expect(res.status, res.text).toBe(202);
  }
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: clusters and CAP alerts in the monthly report', () => {
  it('shows the working clusters, each cluster with its outage, and each alert with its journey, exercises apart', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.goto(`${ab.base}/#/reports?month=${month}`);
    const devices = page.getByRole('region', { name: 'Cụm loa', exact: true });
    await devices.waitFor();
    expect(await devices.getByText('0/1 cụm hoạt động tốt').count()).toBe(1);
    const row = (name: string) => devices.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await row('Cụm loa đình làng').textContent()).toContain('Chưa đạt');
    expect(await row('Cụm loa RTP nhà văn hóa').textContent()).toContain('Không giám sát được');
    await devices.getByText('Xem 1 lần mất kết nối').click();
    expect(await devices.getByRole('listitem').filter({ hasText: 'Cụm loa đình làng (Tổ dân phố số 1): từ' }).count()).toBe(1);

    const cap = page.getByRole('region', { name: 'Cảnh báo CAP', exact: true });
    expect(await cap.getByText(/^Nhận 1 cảnh báo chính thức: 0 được phát, 1 chỉ ghi nhận/).count()).toBe(1);
    const other = cap.getByRole('listitem').filter({ hasText: 'PCTT-QNA-2026-0042' });
    expect(await other.textContent()).toMatch(/không ứng với khu vực nào \(mã không khớp: 20974\) → chỉ ghi nhận: /);
    expect(await cap.getByRole('heading', { name: 'Cảnh báo diễn tập, thử nghiệm' }).count()).toBe(1);
    const drill = cap.getByRole('listitem').filter({ hasText: 'PCTT-DN-2026-DIENTAP-01' });
    expect(await drill.textContent()).toContain('chỉ ghi nhận: không khu vực nào nhận cảnh báo thử');
    expect(await drill.getByText('Diễn tập', { exact: true }).count()).toBe(1);

    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await devices.waitFor();
    expect(await scrollsSideways(page), 'reports scrolls sideways at 390 px').toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await context.close();
  });

  it('prints the two sections inside an A4 page: no table wider than the text', async () => {
    const admin = await ab.t.login('admin', ADMIN_PASSWORD);
    const res = await fetch(`${ab.base}/api/reports/monthly?month=${month}&format=html`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const { context, page } = await ab.newPage({ width: 794, height: 1123 });
    await page.setContent(await res.text(), { waitUntil: 'load' });
    for (const media of ['screen', 'print'] as const) {
      await page.emulateMedia({ media });
      const tables = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ scrollWidth: number; getAttribute(n: string): string | null; parentElement: { clientWidth: number } }> } }).document;
        return [...doc.querySelectorAll('table.data')].map((t) => ({ key: t.getAttribute('data-table'), scroll: t.scrollWidth, container: t.parentElement.clientWidth }));
      });
      expect(tables.map((t) => t.key)).toEqual(expect.arrayContaining(['cap', 'capTests', 'devices', 'outages']));
      for (const t of tables) expect(t.scroll, `${media}: table ${t.key} is wider than the page`).toBeLessThanOrEqual(t.container);
    }
    await context.close();
  });
});

/**
 * Nhật ký phát, Báo cáo and Người dùng in a real browser against the real daemon: an operator filters
 * the airtime log (times in the station's zone even on a computer set to another zone) and downloads
 * exactly the filtered rows as CSV; opens a month's report, reads a figure, downloads the XLSX and
 * opens the print view with the cookie session; an admin adds a user, who logs in, is revoked and lands
 * on the login page, then gets a new password; a non-admin is not offered «Người dùng» and is refused it.
 */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, zonedInstant } from '../../src/domain/time.ts';
import { createAirtimeRecorder, type AirtimeOutcome } from '../../src/storage/airtime.ts';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const today = localDate(Date.now(), TZ);
const yesterday = addDays(today, -1);
/** The month before this one: the reports screen opens on it, and the fixture's month rows live there. */
const reportMonth = (() => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const FAILED_TITLE = 'Thông báo "tiêm chủng", đợt 2';

let ab: AdminBrowser;

/** Writes airtime rows the way a zone player does: a row opens as the item starts, then ends. */
function logAirtime(rows: [zone: string, date: string, time: string, title: string, seconds: number, outcome: AirtimeOutcome, detail?: string][]) {
  const recorder = createAirtimeRecorder(ab.t.daemon.db, TZ);
  for (const [zone, date, time, title, seconds, outcome, detail = null] of rows) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const startedAt = zonedInstant(date, h * 3600 + m * 60, TZ);
    const item = { title, kind: 'tin', topics: [], ceremonial: false, unit: 'Công an phường', priority: 'normal' };
    const id = recorder.recordStart({ zoneId: zone, startedAt, outputs: ['http'], entry: { itemId: `tin-${zone}-${time}`, startMs: startedAt, window: '05:30-06:30', source: 'plan', item } });
    recorder.recordEnd(id, { endedAt: startedAt + Math.max(seconds, 1) * 1000, playedMs: seconds * 1000, outcome, detail, outputs: ['http'] });
  }
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  const admin = await ab.t.login('admin', ADMIN_PASSWORD);
  for (const [id, name] of [['tdp-1', 'Tổ dân phố số 1'], ['tdp-2', 'Tổ dân phố số 2']]) {
    const res = await fetch(`${ab.base}/api/zones/${id}`, {
      method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }),
    });
    expect(res.status, await res.text()).toBe(200);
  }
  logAirtime([
    ['tdp-1', yesterday, '05:30', 'Tin: Đại hội XIV, phần 1', 120, 'completed'],
    ['tdp-1', yesterday, '05:33', FAILED_TITLE, 0, 'failed', 'output http: encoder stopped'],
    ['tdp-2', yesterday, '17:00', 'Tin: lịch cắt điện tdp-2', 0, 'failed'],
    ['tdp-1', today, '05:30', 'Tin: Đại hội XIV, phần 2', 90, 'completed'],
    ['tdp-1', `${reportMonth}-10`, '05:30', 'Tin: tháng trước 1', 120, 'completed'],
    ['tdp-1', `${reportMonth}-10`, '05:32', 'Tin: tháng trước 2', 180, 'completed'],
    ['tdp-2', `${reportMonth}-12`, '17:00', 'Tin: tháng trước 3', 60, 'interrupted'],
    ['tdp-2', `${reportMonth}-12`, '17:05', 'Tin: tháng trước 4', 0, 'failed'],
  ]);
}, 60_000);
afterAll(async () => ab?.close());

/** Clicks something that downloads, and gives the file's bytes and suggested name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]) as [Download, void];
  return { bytes: readFileSync((await file.path())!), name: file.suggestedFilename() };
}

/** At 390 px the screen (once `loaded` shows) neither scrolls sideways nor breaks an axe rule. */
async function expectAccessibleOnPhone(page: Page, screen: string, loaded: (page: Page) => Locator) {
  await page.setViewportSize(PHONE);
  await page.goto(`${ab.base}/#/${screen}`);
  await loaded(page).waitFor();
  expect(await scrollsSideways(page), `${screen} scrolls sideways at 390 px`).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize(DESKTOP);
}

describe('admin page: airtime log, reports, users', () => {
  it('filters the airtime log by zone and outcome, shows station time, and downloads exactly those rows', async () => {
    // A computer set to New York still reads the station's times (05:33 in Hà Nội).
    const context = await ab.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký phát' }).click();
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBe(5); // heading + 4 plays of the last 7 days
    await page.getByLabel('Tổ dân phố').selectOption({ label: 'Tổ dân phố số 1' });
    await page.getByLabel('Kết quả').selectOption({ label: 'Lỗi' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    const row = table.getByRole('row').nth(1);
    expect(await row.textContent()).toContain(FAILED_TITLE);
    expect(await row.textContent()).toContain('05:33:00');
    expect(await row.textContent()).toContain('Tổ dân phố số 1');
    expect(await row.getByText('Lỗi', { exact: true }).count()).toBe(1);
    expect(page.url()).toContain('outcome=failed');
    expect(await seriousViolations(page)).toEqual([]);

    const csv = await download(page, () => page.getByRole('link', { name: 'Tải CSV' }).click());
    expect(csv.name).toMatch(/^airtime-.*\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Tổ dân phố,Mã tin,Tiêu đề,Bắt đầu dự kiến,Bắt đầu thực tế,Kết thúc,Thời lượng phát (giây),Kết quả,Chi tiết,Đầu ra,Thiết bị nhận,Nhận qua');
    expect(lines.slice(1)).toEqual([
      `tdp-1,tin-tdp-1-05:33,"Thông báo ""tiêm chủng"", đợt 2",${yesterday}T05:33:00+07:00,${yesterday}T05:33:00+07:00,${yesterday}T05:33:01+07:00,0.0,Lỗi,output http: encoder stopped,http,không rõ,`,
      '',
    ]);

    // In English the same rows read in English, and so does the export.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Airtime log' }).waitFor();
    expect(await table.getByRole('row').nth(1).getByText('Failed', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain('lang=en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Nhật ký phát' }).waitFor();

    await expectAccessibleOnPhone(page, 'airtime', (p) => p.getByRole('table'));
    await context.close();
  });

  it('shows a month report with its figures, downloads the XLSX and opens the print view', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByLabel('Tháng').fill(reportMonth);
    await expect.poll(() => page.url()).toContain(`month=${reportMonth}`);
    // Three plays aired (the failed one is not a play); one programme per zone and day with a window.
    const plays = page.getByRole('listitem').filter({ hasText: 'Số lượt tin, bài đã phát' });
    await expect.poll(() => plays.locator('strong').textContent()).toBe('3');
    expect(await page.getByRole('listitem').filter({ hasText: 'Lượt phát lỗi' }).locator('strong').textContent()).toBe('1');
    expect(await page.getByRole('table', { name: 'Kết quả theo khu vực (Tổ dân phố)' }).textContent()).toContain('Tổ dân phố số 2');
    expect(await page.getByRole('img', { name: /Thời lượng phát theo ngày/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    const xlsx = await download(page, () => page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click());
    expect(xlsx.name).toBe(`bao-cao-${reportMonth}.xlsx`);
    expect(xlsx.bytes.length).toBeGreaterThan(1000);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const [print] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Mở bản in' }).click()]);
    await print.waitForLoadState();
    expect(await print.locator('h1').textContent()).toContain('BÁO CÁO');

    await expectAccessibleOnPhone(page, `reports?month=${reportMonth}`, (p) => p.getByRole('heading', { name: 'Kết quả chung' }));
    await context.close();
  });

  it('lets the admin add a user, revoke them (they land on the login page) and give them a new password', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Người dùng' }).click();
    await page.getByLabel('Tên đăng nhập').fill('bientap');
    await page.getByLabel('Vai trò').selectOption({ label: 'vận hành' });
    await page.getByLabel('Đơn vị').fill('Trung tâm Văn hóa - Thông tin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('bientap-pass-1');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm «bientap»' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'bientap' });
    expect(await row.textContent()).toContain('Trung tâm Văn hóa - Thông tin');

    const other = await ab.newPage();
    await loginAs(other.page, ab.base, 'bientap', 'bientap-pass-1');
    await other.page.getByRole('navigation').getByRole('link', { name: 'Nhật ký phát' }).click();
    await other.page.getByRole('heading', { name: 'Nhật ký phát' }).waitFor();

    await row.getByRole('button', { name: 'Thu hồi phiên' }).click();
    await page.getByText('Thu hồi mọi phiên đăng nhập và mã truy cập của «bientap»?').waitFor();
    await page.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thu hồi 1 phiên' }).waitFor();
    // Their very next request is refused, and the page says so by showing the login form.
    await other.page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await other.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByLabel('Mật khẩu mới cho «bientap»').fill('mat-khau-moi-9');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đặt mật khẩu mới cho «bientap»' }).waitFor();
    await loginAs(other.page, ab.base, 'bientap', 'mat-khau-moi-9');
    await other.context.close();

    expect(await seriousViolations(page)).toEqual([]);
    await expectAccessibleOnPhone(page, 'users', (p) => p.getByRole('table'));
    await context.close();
  });

  it('does not offer «Người dùng» to a non-admin, and the API refuses them the user list', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    const menu = page.getByRole('navigation');
    await menu.getByRole('link', { name: 'Báo cáo' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/users')).status);
    expect(status).toBe(403);
    await context.close();
  });
});

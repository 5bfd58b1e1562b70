/**
 * Báo cáo as the document a ward sends upward, in a real browser against the real daemon: an operator
 * writes the draft beside the figures, takes in and edits a suggested difficulty, saves, downloads the
 * DOCX and opens the print view with the words in it; a reviewer reads the draft, finalizes, sees the
 * figures stay as sent when another play is logged, and reissues a version 2 while version 1 stays
 * readable; a submitter never sees the screen. axe and the 390 px check run on the filled screen.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, zonedInstant } from '../../src/domain/time.ts';
import { createAirtimeRecorder, type AirtimeOutcome } from '../../src/storage/airtime.ts';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** The month before this one: finalizable (it is over), and the screen opens on it. */
const month = (() => {
  const [y, m] = localDate(Date.now(), TZ).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

let ab: AdminBrowser;

function logAirtime(rows: [zone: string, day: string, time: string, title: string, seconds: number, outcome: AirtimeOutcome][]) {
  const recorder = createAirtimeRecorder(ab.t.daemon.db, TZ);
  for (const [zone, day, time, title, seconds, outcome] of rows) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const startedAt = zonedInstant(`${month}-${day}`, h * 3600 + m * 60, TZ);
    const item = { title, kind: 'tin', topics: [], ceremonial: false, unit: 'Công an phường', priority: 'normal' };
    const id = recorder.recordStart({ zoneId: zone, startedAt, outputs: ['http'], entry: { itemId: `tin-${day}-${time}`, startMs: startedAt, window: '05:30-06:30', source: 'plan', item } });
    recorder.recordEnd(id, { endedAt: startedAt + Math.max(seconds, 1) * 1000, playedMs: seconds * 1000, outcome, detail: null, outputs: ['http'] });
  }
}

async function download(page: Page, click: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { bytes: readFileSync((await file.path())!), name: file.suggestedFilename() };
}

/** The "Số lượt tin, bài đã phát" card's value. */
const playsShown = (page: Page) => page.getByRole('listitem').filter({ hasText: 'Số lượt tin, bài đã phát' }).locator('strong').textContent();

beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  await ab.addUser('truongphong', 'reviewer');
  await ab.addUser('congan', 'submitter', 'Công an phường');
  const admin = await ab.t.login('admin', ADMIN_PASSWORD);
  const res = await fetch(`${ab.base}/api/zones/tdp-1`, {
    method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Tổ dân phố số 1' }),
  });
  expect(res.status, await res.text()).toBe(200);
  logAirtime([
    ['tdp-1', '10', '05:30', 'Tin: Đại hội XIV, phần 1', 120, 'completed'],
    ['tdp-1', '11', '05:30', 'Tin: lịch tiêm chủng', 0, 'failed'],
    ['tdp-1', '12', '05:30', 'Tin: Đại hội XIV, phần 2', 90, 'completed'],
  ]);
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: the monthly report as a document', () => {
  it('lets an operator write the draft beside the figures, take in a suggested difficulty, and download it as DOCX and print view', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByLabel('Tháng', { exact: true }).fill(month);
    await expect.poll(() => playsShown(page)).toBe('2');
    const draft = page.getByRole('form', { name: 'Dự thảo lời văn báo cáo' });
    await draft.getByLabel('Số, ký hiệu').fill('15/BC-TTDVSNC');
    await draft.getByLabel('Địa danh').fill('Hải Dương');
    await draft.getByLabel('Đánh giá chung').fill('Công tác tuyên truyền được triển khai kịp thời, đúng định hướng.');

    const suggestion = draft.getByRole('listitem').filter({ hasText: 'Trong tháng có 1 lượt phát lỗi' });
    await suggestion.getByRole('button', { name: 'Đưa vào báo cáo' }).click();
    await expect.poll(() => suggestion.count()).toBe(0);
    const first = draft.getByLabel('Khó khăn thứ 1');
    expect(await first.inputValue()).toBe('Trong tháng có 1 lượt phát lỗi; nhiều nhất ở Tổ dân phố số 1 (1 lượt).');
    await first.fill('Trong tháng có 1 lượt phát lỗi ở Tổ dân phố số 1 do mất điện.');
    await draft.getByRole('button', { name: 'Thêm khó khăn' }).click();
    await draft.getByLabel('Khó khăn thứ 2').fill('Cụm loa số 3 xuống cấp.');
    await draft.getByLabel('Thẩm quyền, chức vụ người ký').fill('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
    await draft.getByLabel('Họ tên người ký').fill('Nguyễn Thị Thu Thủy');
    await draft.getByLabel('Nơi nhận').fill('Ban Thường vụ Đảng ủy phường\nLưu: VT');
    expect(await draft.getByText('Có thay đổi chưa lưu').count()).toBe(1);
    await draft.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu dự thảo lúc' }).waitFor();
    // Operators draft; finalizing is the culture office's.
    expect(await page.getByRole('button', { name: 'Hoàn thành báo cáo' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const docx = await download(page, () => page.getByRole('link', { name: 'Tải Word (DOCX)' }).click());
    expect(docx.name).toBe(`bao-cao-${month}.docx`);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    for (const text of ['DỰ THẢO', 'Số: 15/BC-TTDVSNC', 'Công tác tuyên truyền được triển khai kịp thời, đúng định hướng.', '- Cụm loa số 3 xuống cấp.', 'Nguyễn Thị Thu Thủy']) {
      expect(xml).toContain(text);
    }

    const [print] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Mở bản in' }).click()]);
    await print.waitForLoadState();
    expect(await print.getByRole('heading', { name: 'III. KHÓ KHĂN, VƯỚNG MẮC' }).count()).toBe(1);
    expect(await print.locator('body').textContent()).toContain('- Trong tháng có 1 lượt phát lỗi ở Tổ dân phố số 1 do mất điện.');

    await page.setViewportSize(PHONE);
    await draft.waitFor();
    expect(await scrollsSideways(page), 'reports scrolls sideways at 390 px').toBe(false);
    await page.setViewportSize(DESKTOP);
    await context.close();
  });

  it('lets a reviewer finalize (the figures then stay as sent) and reissue, keeping version 1 readable', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'truongphong');
    await page.goto(`${ab.base}/#/reports?month=${month}`);
    await expect.poll(() => playsShown(page)).toBe('2');
    // The reviewer reads the operator's words but does not write them.
    const draft = page.getByRole('form', { name: 'Dự thảo lời văn báo cáo' });
    expect(await draft.getByLabel('Đánh giá chung').inputValue()).toBe('Công tác tuyên truyền được triển khai kịp thời, đúng định hướng.');
    expect(await draft.getByLabel('Đánh giá chung').isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Hoàn thành báo cáo' }).click();
    await page.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    const status = page.getByRole('region', { name: 'Tình trạng báo cáo' });
    await status.getByText('Đã hoàn thành').waitFor();
    expect(await status.textContent()).toMatch(/Phiên bản 1, hoàn thành lúc .* bởi truongphong/);
    expect(await seriousViolations(page)).toEqual([]);

    logAirtime([['tdp-1', '20', '17:00', 'Tin: bổ sung', 150, 'completed']]);
    await page.reload();
    await status.getByText('Nhật ký phát đã thay đổi sau khi hoàn thành phiên bản 1').waitFor();
    expect(await playsShown(page)).toBe('2');
    expect(await status.getByRole('listitem').filter({ hasText: 'Số lượt tin, bài đã phát' }).textContent()).toContain('2 → 3');

    await status.getByLabel('Lý do phát hành lại').fill('Bổ sung nhật ký ngày 20');
    await status.getByRole('button', { name: 'Phát hành lại' }).click();
    await status.getByRole('button', { name: 'Xác nhận phát hành lại' }).click();
    await expect.poll(() => playsShown(page)).toBe('3');
    expect(await status.textContent()).toContain('Lý do phát hành lại: Bổ sung nhật ký ngày 20.');
    await status.getByLabel('Phiên bản đang xem').selectOption({ index: 1 });
    await expect.poll(() => page.url()).toContain('version=1');
    await expect.poll(() => playsShown(page)).toBe('2');
    expect(await page.getByRole('link', { name: 'Tải Word (DOCX)' }).getAttribute('href')).toContain('version=1');
    await context.close();
  });

  it('does not offer reports to a submitter, and the API refuses them the draft', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'congan');
    const menu = page.getByRole('navigation');
    await menu.getByRole('link', { name: 'Thư viện' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Báo cáo' }).count()).toBe(0);
    const status = await page.evaluate(async (m) => (await fetch(`/api/reports/monthly/${m}/draft`)).status, month);
    expect(status).toBe(403);
    await context.close();
  });
});

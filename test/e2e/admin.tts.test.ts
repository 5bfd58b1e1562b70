/**
 * «Soạn tin bằng giọng đọc» in a real browser against the real daemon, real espeak-ng and real
 * ingest: an operator opens the form, types a notice, sees its length counted, picks a voice and a
 * speed, listens to the preview (the <audio> actually plays), then submits and watches the item go
 * through the engine and ingest into the list, pending review, with the voice and speed it was made
 * with. An empty text is refused with words. axe finds no serious violation; at 390 px nothing
 * scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { ADMIN_PASSWORD, bearer } from '../support/testDaemon.ts';

const TITLE = 'Thông báo tiêm chủng tháng 12';
const NOTICE = [
  'UBND phường thông báo: ngày 03/12/2026, từ 7h30, TYT phường tiêm chủng cho trẻ dưới 5 tuổi tại nhà văn hóa TDP 5.',
  'Liên hệ ĐT: 0912 345 678.',
].join('\n');

/** What the test reads of an <audio> element (the tests compile without the DOM types). */
interface MediaState { duration: number; paused: boolean; currentTime: number; error: unknown }

let ab: AdminBrowser;
let admin: string;

async function openForm(page: Page) {
  await loginAs(page, ab.base, 'vanhanh');
  await page.goto(`${ab.base}/#/library`);
  await page.getByRole('heading', { level: 2, name: 'Soạn tin bằng giọng đọc' }).waitFor();
  const toggle = page.getByRole('button', { name: 'Soạn tin', exact: true });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  await page.getByLabel('Nội dung cần đọc').waitFor();
  expect(await page.getByRole('button', { name: 'Thu gọn' }).getAttribute('aria-expanded')).toBe('true');
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  admin = await ab.t.login('admin', ADMIN_PASSWORD);
  await ab.addUser('vanhanh', 'operator');
  const topic = await ab.t.daemon.app.inject({ method: 'PUT', url: '/api/topics/y-te', headers: bearer(admin), payload: { name: 'Y tế' } });
  expect(topic.statusCode).toBe(200);
}, 90_000);
afterAll(() => ab?.close());

describe('admin page: speech from text', () => {
  it('types a notice, previews it, submits it and sees it pending in the library', async () => {
    const { context, page } = await ab.newPage();
    await openForm(page);
    const form = page.locator('#lib-tts-form');

    // Nothing typed: refused in words, nothing sent.
    await form.getByRole('button', { name: 'Tạo tin bằng giọng đọc' }).click();
    await form.getByRole('alert').getByText('Hãy nhập nội dung cần đọc.').waitFor();

    await page.getByLabel('Nội dung cần đọc').fill(NOTICE);
    await page.getByText(`${NOTICE.length} / 5.000 ký tự`).waitFor();
    await page.getByLabel('Giọng đọc', { exact: true }).selectOption({ label: 'Miền Nam (vi-vn-x-south)' });
    await page.getByLabel('Tốc độ đọc').fill('1.2');
    await form.locator('output').getByText('1,2×').waitFor();

    // Nghe thử: the preview comes back as audio and plays.
    await form.getByRole('button', { name: 'Nghe thử giọng đọc' }).click();
    const audio = form.locator('.lib-tts-preview audio');
    await audio.waitFor({ timeout: 30_000 });
    await expect.poll(() => audio.evaluate((a) => (a as unknown as MediaState).duration), { timeout: 15_000 }).toBeGreaterThan(3);
    await expect.poll(() => audio.evaluate((a) => !(a as unknown as MediaState).paused && (a as unknown as MediaState).currentTime > 0), { timeout: 15_000 }).toBe(true);
    expect(await audio.evaluate((a) => (a as unknown as MediaState).error)).toBeNull();

    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel('Tiêu đề').fill(TITLE);
    await form.getByRole('checkbox', { name: 'Y tế' }).check();
    await form.getByRole('button', { name: 'Tạo tin bằng giọng đọc' }).click();
    // The form empties for the next notice while this one is read and ingested.
    await expect.poll(() => page.getByLabel('Nội dung cần đọc').inputValue()).toBe('');
    await page.getByText(`«${TITLE}» đã sẵn sàng và đang chờ kiểm duyệt.`).waitFor({ timeout: 60_000 });

    // In the library like an upload: pending, with the voice and speed it was read with.
    const rows = page.locator('table.lib-table tbody tr:not(.lib-panel)');
    await expect.poll(async () => (await rows.allTextContents()).join('\n')).toContain(TITLE);
    const row = rows.filter({ hasText: TITLE });
    expect(await row.textContent()).toContain('Chờ duyệt');
    expect(await row.textContent()).toContain('tts-vi-vn-x-south-1.2x.wav');

    const list = (await ab.t.daemon.app.inject({ url: '/api/items?q=ti%C3%AAm%20ch%E1%BB%A7ng', headers: bearer(admin) })).json() as { items: { id: string; title: string; topics: string[]; durationMs: number; note: string }[] };
    const item = list.items.find((i) => i.title === TITLE)!;
    expect(item).toMatchObject({ topics: ['y-te'] });
    expect(item.note).toContain('UBND phường thông báo');
    expect(item.durationMs).toBeGreaterThan(5000);
    const speech = (await ab.t.daemon.app.inject({ url: `/api/items/${item.id}/speech`, headers: bearer(admin) })).json() as { voice: string; rate: number; spoken: string };
    expect(speech).toMatchObject({ voice: 'vi-vn-x-south', rate: 1.2 });
    expect(speech.spoken).toContain('ủy ban nhân dân phường');

    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);

  it('fits a phone: no sideways scrolling, no serious accessibility problem', async () => {
    const { context, page } = await ab.newPage(PHONE);
    await openForm(page);
    await page.getByLabel('Nội dung cần đọc').fill(NOTICE);
    await page.locator('#lib-tts-form').getByRole('button', { name: 'Nghe thử giọng đọc' }).click();
    await page.locator('.lib-tts-preview audio').waitFor({ timeout: 30_000 });
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * Tổng quan in a real browser against a daemon that plays: an operator sees the zones, plays an
 * approved item now outside any window («Phát ngay») and sees the zone on air with its title and a
 * progress bar that advances; a refused play (outside windows) says why in Vietnamese; «Nghe thử»
 * plays the zone's stream in an <audio> element whose time advances; a reviewer sees the dashboard
 * but is not offered «Phát ngay» (and the API refuses it). axe and the phone width on each view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatInstant } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';

const TITLE = 'Bản tin thử nghiệm';
const TZ = 'Asia/Ho_Chi_Minh';
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

let ab: AdminBrowser;
let fixtures: string;
let itemId: string;
let peakLabel: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  ab = await startAdminBrowser({ LOA_PLAYOUT: 'true' });
  fixtures = await makeTempDir();
  await ab.addUser('vanhanh', 'operator');
  await ab.addUser('kiemduyet', 'reviewer');
  api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  // A zone with windows (the timeline), none open while the test runs; and one with no window at all.
  const hour = Number(formatInstant(Date.now(), TZ).slice(11, 13));
  const [peak, plain] = hour < 12 ? [['13:00', '14:00'], ['15:00', '16:00']] : [['05:30', '06:30'], ['07:00', '08:00']];
  const windows = [{ days: ALL_DAYS, start: peak[0], end: peak[1], peak: true }, { days: ALL_DAYS, start: plain[0], end: plain[1] }];
  peakLabel = `${peak[0]}–${peak[1]}`;
  expect((await api.call('PUT', '/api/zones/tdp-thu', { name: 'Tổ dân phố Thử', windows, outputs: [{ type: 'http' }] })).status).toBe(200);
  expect((await api.call('PUT', '/api/zones/tdp-vang', { name: 'Tổ dân phố Vắng', windows: [], outputs: [{ type: 'http' }] })).status).toBe(200);
  const tone = await makeTone(fixtures, { freq: 440, seconds: 45, name: 'ban-tin.wav' });
  itemId = (await api.uploadApproved(tone, { title: TITLE })).id;
}, 60_000);
afterAll(async () => {
  await ab?.close();
  if (fixtures) await removeDir(fixtures);
});

/** The zone's card on the dashboard (an article named by the zone's heading). */
const zoneCard = (page: Page, name: string): Locator => page.getByRole('article', { name });
const progressOf = (card: Locator) => card.locator('progress').evaluate((p) => (p as unknown as { value: number }).value);

describe('admin page: dashboard', () => {
  it('lets an operator play an item now outside the windows and shows the zone on air with a moving progress bar', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    const vang = zoneCard(page, 'Tổ dân phố Vắng');
    await expect.poll(() => vang.textContent()).toContain('Đang nghỉ');
    // Today's programme marks the peak window.
    const day = page.getByRole('region', { name: 'Tổ dân phố Thử' });
    await expect.poll(() => day.textContent()).toContain(peakLabel);
    expect(await day.locator('.dash-window.peak').first().textContent()).toContain('giờ cao điểm');

    // Only the windowless zone, first without «outside windows»: refused, and the page says why.
    const form = page.getByRole('region', { name: 'Phát ngay' });
    await form.getByLabel('Tin bài đã duyệt').selectOption(itemId);
    await form.getByRole('checkbox', { name: 'Tổ dân phố Thử' }).uncheck();
    await form.getByRole('checkbox', { name: 'Phát cả khi ngoài khung giờ phát' }).uncheck();
    await form.getByRole('button', { name: 'Phát ngay' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('nằm ngoài khung giờ phát của Tổ dân phố Vắng (tdp-vang)');

    await form.getByRole('checkbox', { name: 'Phát cả khi ngoài khung giờ phát' }).check();
    await form.getByRole('button', { name: 'Phát ngay' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain(`Đã bắt đầu phát «${TITLE}»`);
    await expect.poll(() => vang.textContent(), { timeout: 10_000 }).toContain('Đang phát');
    expect(await vang.textContent()).toContain(TITLE);
    const first = await progressOf(vang);
    await expect.poll(() => progressOf(vang), { timeout: 5000 }).toBeGreaterThan(first + 1000);
    // The other zone was not asked to play it.
    expect(await zoneCard(page, 'Tổ dân phố Thử').textContent()).not.toContain(TITLE);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 40_000);

  it('plays the zone\'s stream in the browser with «Nghe thử», and stops it', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    const vang = zoneCard(page, 'Tổ dân phố Vắng');
    await vang.getByRole('button', { name: 'Nghe thử' }).click();
    const audio = vang.locator('audio');
    await audio.waitFor();
    // Keyboard users keep their place: focus moves to the button that replaced the one pressed.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('Dừng nghe');
    const time = () => audio.evaluate((a) => (a as unknown as { currentTime: number }).currentTime);
    await expect.poll(time, { timeout: 15_000 }).toBeGreaterThan(1);
    const before = await time();
    await expect.poll(time, { timeout: 5000 }).toBeGreaterThan(before + 0.5);
    expect(await audio.evaluate((a) => (a as unknown as { paused: boolean }).paused)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await vang.getByRole('button', { name: 'Dừng nghe' }).click();
    await expect.poll(() => vang.locator('audio').count()).toBe(0);
    await context.close();
  }, 40_000);

  it('shows a reviewer the zones, live, but offers no «Phát ngay», and the API refuses it', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'kiemduyet');
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    const thu = zoneCard(page, 'Tổ dân phố Thử');
    await expect.poll(() => thu.textContent()).toContain('Đang nghỉ');
    // Played from elsewhere (the API): the event stream brings it in seconds, well before the 15-s poll.
    const played = await api.call('POST', '/api/programmes', { zones: ['tdp-thu'], items: [itemId], outsideWindows: true });
    expect(played.status).toBe(201);
    await expect.poll(() => thu.textContent(), { timeout: 4000 }).toContain(TITLE);
    await page.getByRole('heading', { name: 'Chỉ tiêu chưa đạt' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Phát ngay' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Phát ngay' }).count()).toBe(0);
    const token = await ab.t.login('kiemduyet', 'kiemduyet-password');
    const res = await fetch(`${ab.base}/api/programmes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ zones: ['tdp-vang'], items: [itemId], outsideWindows: true }),
    });
    expect(res.status).toBe(403);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 30_000);

  it('fits a phone without sideways scrolling, Phát ngay and all', async () => {
    const { context, page } = await ab.newPage();
    // loginAs waits for the menu, which a phone folds behind its button: log in wide, then narrow.
    await loginAs(page, ab.base, 'vanhanh');
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'Chương trình hôm nay', exact: false }).waitFor();
    await page.getByRole('button', { name: 'Phát ngay' }).waitFor();
    await page.getByRole('heading', { name: 'Hàng đợi xử lý âm thanh' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 30_000);

  it('says a refused play in English too, with its own message code', async () => {
    const token = await ab.t.login('vanhanh', 'vanhanh-password');
    const res = await fetch(`${ab.base}/api/programmes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ zones: ['tdp-vang'], items: [itemId] }),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('outside-windows');
    expect(body.message).toBe('This time is outside the broadcast windows of Tổ dân phố Vắng (tdp-vang); choose "Play even outside the broadcast windows" (outsideWindows) to air it anyway.');
  });
});

/**
 * Lịch phát in a real browser against a real daemon: a zone with a peak window and two others, a
 * topic whose daily target cannot be met, and approved items (uploaded, ingested with ffmpeg,
 * approved through the API). An operator re-plans from the page and watches it work, reads the day's
 * programme and its shortfall, pins an item, reads why a pin is refused and excludes an item; the
 * week grid shows the same; a reviewer reads it all with no control to change it; axe finds nothing
 * serious and a phone never scrolls sideways.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDate } from '../../src/domain/time.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { apiClient } from '../support/apiClient.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ZONE = 'tdp-thu';
const ZONE_NAME = 'Tổ dân phố Thử';
/** dd/mm/yyyy, as the page writes dates. */
const vi = (date: string) => date.split('-').reverse().join('/');

let ab: AdminBrowser;
let fixtures: string;
let today: string;
/** A day beyond the daemon's own 7-day horizon: nothing is planned there until someone re-plans. */
let day: string;

beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  await ab.addUser('kiemduyet', 'reviewer');
  const api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  const topic = await api.call('PUT', '/api/topics/dai-hoi-xiv', { name: 'Đại hội XIV', rules: [{ per: 'day', min: 3, peakOnly: true }] });
  expect(topic.status).toBe(200);
  const zone = await api.call('PUT', `/api/zones/${ZONE}`, {
    name: ZONE_NAME,
    windows: [
      { days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:00', peak: true },
      { days: [1, 2, 3, 4, 5, 6, 7], start: '17:00', end: '17:30' },
      { days: [1, 2, 3, 4, 5, 6, 7], start: '20:00', end: '20:01' },
    ],
  });
  expect(zone.status).toBe(200);
  fixtures = await makeTempDir();
  const items: [string, number, Record<string, string>][] = [
    ['Tin Đại hội XIV', 4, { topics: 'dai-hoi-xiv' }],
    ['Tin an ninh trật tự', 4, {}],
    ['Tin vệ sinh môi trường', 4, {}],
    ['Phóng sự dài', 65, {}],
  ];
  await Promise.all(items.map(async ([title, seconds, fields], i) => {
    const file = await makeTone(fixtures, { freq: 440 + 110 * i, seconds, format: 'wav', name: `item-${i}.wav` });
    await api.uploadApproved(file, { title, ...fields });
  }));
  today = localDate(Date.now(), TZ);
  day = addDays(today, 14);
}, 120_000);
afterAll(async () => {
  await ab?.close();
  if (fixtures) await removeDir(fixtures);
});

/** Opens the schedule of the test zone on `day`, by day or by week, and waits for its heading. */
async function openSchedule(page: Page, view: 'day' | 'week') {
  await page.goto(`${ab.base}/#/schedule?zone=${ZONE}&view=${view}&date=${day}`);
  await page.getByRole('heading', { level: 2, name: new RegExp(ZONE_NAME) }).waitFor();
}

const windowCard = (page: Page, label: string) => page.getByRole('region', { name: new RegExp(`Khung giờ ${label}`) });
const pinsCard = (page: Page) => page.getByRole('region', { name: 'Ghim và loại trừ trong ngày' });

describe('admin page: schedule', () => {
  it('lets an operator re-plan with visible progress, read the day, pin, see a refused pin\'s reason and exclude', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await openSchedule(page, 'day');
    await page.getByText('Chưa có tin bài nào được xếp trong ngày này').waitFor();

    // Hold the planner's answer until the busy state has been seen (a small plan answers in milliseconds).
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/plan', async (route: Route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Lập lại lịch phát' }).click();
    await page.getByRole('progressbar', { name: 'Đang lập lịch…' }).waitFor();
    expect(await page.getByRole('button', { name: 'Đang lập lịch…' }).getAttribute('aria-disabled')).toBe('true');
    release();
    const sunday = addDays(day, 7 - isoWeekday(day));
    await expect.poll(() => page.locator('.sched-replan-status').textContent())
      .toMatch(new RegExp(`Đã lập lịch phát từ ${vi(today)} đến ${vi(sunday)}\\. Còn \\d+ chỉ tiêu chưa đạt\\.`));
    await page.unroute('**/api/plan');

    // The day's programme: the peak window is marked and holds the topic's item; the shortfall is beside it.
    const peak = windowCard(page, '05:30–06:00');
    await expect.poll(() => peak.textContent()).toContain('Tin Đại hội XIV');
    expect(await peak.textContent()).toContain('Cao điểm');
    expect(await peak.textContent()).toContain('đáp ứng chỉ tiêu chủ đề «Đại hội XIV»');
    const shortfalls = page.getByRole('region', { name: /Chỉ tiêu chưa đạt/ });
    expect(await shortfalls.textContent()).toContain(
      `${ZONE_NAME}: chủ đề «Đại hội XIV» ngày ${vi(day)} cần ít nhất 3 lần ở khung giờ cao điểm, kế hoạch chỉ có 1 lần vì`,
    );

    // Pin an item into the short evening window: it airs there, marked as pinned.
    const form = page.getByRole('form', { name: 'Ghim hoặc loại trừ tin bài' });
    await form.getByLabel('Tin bài đã duyệt').selectOption({ label: 'Tin vệ sinh môi trường (0:04)' });
    await form.getByLabel('Khung giờ', { exact: true }).selectOption({ label: '20:00–20:01' });
    await form.getByRole('button', { name: 'Ghim', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghim «Tin vệ sinh môi trường» vào khung giờ 20:00–20:01.' }).waitFor();
    const evening = windowCard(page, '20:00–20:01');
    await expect.poll(() => evening.textContent()).toMatch(/Tin vệ sinh môi trường.*Đã ghim/);
    await expect.poll(() => pinsCard(page).textContent()).toContain('Ghim «Tin vệ sinh môi trường» vào khung giờ 20:00–20:01');

    // A 65 s item cannot go into a one-minute window: the page says which rule, and nothing is saved.
    await form.getByLabel('Tin bài đã duyệt').selectOption({ label: 'Phóng sự dài (1:05)' });
    await form.getByLabel('Khung giờ', { exact: true }).selectOption({ label: '20:00–20:01' });
    await form.getByRole('button', { name: 'Ghim', exact: true }).click();
    const refused = form.getByRole('alert');
    await expect.poll(() => refused.textContent()).toMatch(
      /Không ghim được: tin bài «Phóng sự dài» dài hơn thời gian còn trống của khung giờ \(từ 20:00(:\d{2})?\); mỗi tin bài phải nằm gọn trong khung giờ\./,
    );
    expect(await evening.textContent()).not.toContain('Phóng sự dài');

    // Exclude an item from the day: it leaves every window of the day.
    await page.getByRole('button', { name: 'Loại khỏi ngày này: «Tin an ninh trật tự»' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Đã loại «Tin an ninh trật tự» khỏi ngày này.' }).waitFor();
    await expect.poll(() => page.locator('.sched-windows').textContent()).not.toContain('Tin an ninh trật tự');
    await expect.poll(() => pinsCard(page).textContent()).toContain('Loại «Tin an ninh trật tự» khỏi ngày này');
    await context.close();
  });

  it('shows the week Monday to Sunday with the peak window marked and each day\'s shortfalls; no serious axe violation', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await openSchedule(page, 'day');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Theo tuần' }).click();
    const grid = page.getByRole('table');
    await grid.waitFor();
    const rows = grid.locator('tbody tr');
    expect(await rows.count()).toBe(7);
    expect(await rows.first().locator('th').textContent()).toMatch(/^Thứ Hai/);
    expect(await rows.last().locator('th').textContent()).toMatch(/^Chủ Nhật/);
    expect(await grid.locator('thead th').nth(1).textContent()).toBe('05:30–06:00 Cao điểm');
    const row = rows.filter({ hasText: vi(day) });
    expect(await row.textContent()).toContain(`chủ đề «Đại hội XIV» ngày ${vi(day)} cần ít nhất 3 lần`);
    expect(await row.locator('td').nth(2).textContent()).toMatch(/20:00:?\d* ?Tin vệ sinh môi trường \(0:04\) Đã ghim/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a phone: the day and the week never scroll the page sideways (the grid scrolls in its own box)', async () => {
    // loginAs waits for the menu, which a phone folds away: log in wide, then narrow the window.
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.setViewportSize(PHONE);
    await openSchedule(page, 'day');
    await windowCard(page, '05:30–06:00').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await openSchedule(page, 'week');
    await page.getByRole('table').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    const wrap = page.locator('.table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a reviewer the programme read-only, and the server refuses a re-plan from them', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'kiemduyet');
    await openSchedule(page, 'day');
    await expect.poll(() => windowCard(page, '05:30–06:00').textContent()).toContain('Tin Đại hội XIV');
    await expect.poll(() => pinsCard(page).textContent()).toContain('Ghim «Tin vệ sinh môi trường» vào khung giờ 20:00–20:01');
    for (const name of ['Lập lại lịch phát', 'Ghim', 'Bỏ ghim', 'Bỏ loại trừ']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByRole('button', { name: /Loại khỏi ngày này/ }).count()).toBe(0);
    expect(await page.getByRole('form').count()).toBe(0);
    const refused = await page.evaluate(async (body) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/plan', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body });
      return { status: res.status, message: ((await res.json()) as { message: string }).message };
    }, JSON.stringify({ from: today, to: day }));
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('không được phép');
    await context.close();
  });
});

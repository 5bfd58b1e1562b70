/**
 * Lịch phát with relays (tiếp âm) in a real browser: a relay inside a window and one outside windows
 * show as «Tiếp âm: <nguồn>» in the day view (no exclude button: a relay is no item), the week grid
 * still draws, and the page throws nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/time.ts';
import { insertItem } from '../../src/storage/items.ts';
import { loginAs, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { apiClient } from '../support/apiClient.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const ZONE = 'tdp-tiep-am';
const ZONE_NAME = 'Tổ dân phố Tiếp Âm';
let ab: AdminBrowser;
let day: string;

beforeAll(async () => {
  ab = await startAdminBrowser();
  const api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  const windows = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:30', peak: true }];
  expect((await api.call('PUT', `/api/zones/${ZONE}`, { name: ZONE_NAME, windows })).status).toBe(200);
  const now = Date.now();
  for (let i = 0; i < 3; i++) {
    insertItem(ab.t.daemon.db, {
      id: `itm_tin${i}`, title: `Tin số ${i}`, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null,
      validUntil: null, note: null, status: 'approved', failureReason: null, durationMs: 5 * 60_000, audioSha256: null, originalName: null,
      loudnessBefore: null, loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null, reviewedAt: now, reviewNote: null,
      approvedAt: now, createdAt: now, updatedAt: now,
    });
  }
  expect((await api.call('PUT', '/api/sources/vov1', { name: 'VOV1 Thời sự', url: 'http://127.0.0.1:9/vov1', kind: 'http' })).status).toBe(200);
  const relays = [
    { id: 'sang', source: 'vov1', zones: [ZONE], days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '06:15' },
    { id: 'trua', source: 'vov1', zones: [ZONE], days: [1, 2, 3, 4, 5, 6, 7], start: '12:00', end: '12:30' },
  ];
  expect((await api.call('PUT', '/api/relays', { relays })).status).toBe(200);
  day = addDays(localDate(Date.now(), 'Asia/Ho_Chi_Minh'), 2);
  expect((await api.call('POST', '/api/plan', { from: day, to: day })).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ab?.close();
});

describe('admin page: schedule with relays', () => {
  it('shows each relay as «Tiếp âm: <nguồn>», in its window or on its own, with nothing to exclude', async () => {
    const { context, page } = await ab.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await loginAs(page, ab.base, 'admin');
    await page.goto(`${ab.base}/#/schedule?zone=${ZONE}&view=day&date=${day}`);
    await page.getByRole('heading', { level: 2, name: new RegExp(ZONE_NAME) }).waitFor();
    const window = page.getByRole('region', { name: /Khung giờ 05:30–06:30/ });
    await window.getByText('Tiếp âm: VOV1 Thời sự').waitFor();
    expect(await window.getByText('Tin số 0').isVisible()).toBe(true);
    expect(await page.getByText('Tiếp âm: VOV1 Thời sự').count()).toBe(2);
    const relayRows = page.locator('li.sched-slot', { hasText: 'Tiếp âm: VOV1 Thời sự' });
    expect(await relayRows.getByRole('button', { name: /Loại khỏi ngày này/ }).count()).toBe(0);
    expect(await page.locator('li.sched-slot', { hasText: 'Tin số 0' }).getByRole('button', { name: /Loại khỏi ngày này/ }).count()).toBe(1);
    expect(await page.locator('li.sched-slot', { hasText: 'Tiếp âm: VOV1 Thời sự' }).filter({ hasText: '12:00:00–12:30:00' }).count()).toBe(1);

    await page.goto(`${ab.base}/#/schedule?zone=${ZONE}&view=week&date=${day}`);
    await page.getByRole('table').getByText('Tiếp âm: VOV1 Thời sự').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

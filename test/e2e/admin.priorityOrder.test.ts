/**
 * «Thứ tự tin ưu tiên» on Lịch phát in a real browser against a real daemon: three approved
 * priority items air at the head of tomorrow's peak window, freshest first; an operator moves one
 * to the top with the keyboard alone and saves; the replan airs them in that order. A reviewer is
 * not offered the section; axe finds nothing serious and a phone never scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/time.ts';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { apiClient } from '../support/apiClient.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ZONE = 'tdp-uu-tien';
const ZONE_NAME = 'Tổ dân phố Ưu tiên';

let ab: AdminBrowser;
let day: string;

/** An approved item written straight to the DB (planning needs no audio file; playout is off). */
function libraryItem(id: string, title: string, priority: 'normal' | 'priority', approvedAgoMs: number): ItemRecord {
  const now = Date.now();
  return {
    id, title, kind: 'tin', topics: [], ceremonial: false, unit: null, priority, validFrom: null, validUntil: null, note: null,
    status: 'approved', failureReason: null, durationMs: 60_000, audioSha256: null, originalName: null, loudnessBefore: null,
    loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null, reviewedAt: now - approvedAgoMs, reviewNote: null,
    approvedAt: now - approvedAgoMs, createdAt: now - 86_400_000, updatedAt: now - approvedAgoMs,
  };
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  await ab.addUser('kiemduyet', 'reviewer');
  // The library first, then the zone: the zone's change re-plans with these items.
  const db = ab.t.daemon.db;
  insertItem(db, libraryItem('itm_a', 'Tin ưu tiên A', 'priority', 3 * 3_600_000));
  insertItem(db, libraryItem('itm_b', 'Tin ưu tiên B', 'priority', 2 * 3_600_000));
  insertItem(db, libraryItem('itm_c', 'Tin ưu tiên C', 'priority', 1 * 3_600_000));
  insertItem(db, libraryItem('itm_n', 'Tin thường', 'normal', 4 * 3_600_000));
  const api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  const zone = await api.call('PUT', `/api/zones/${ZONE}`, {
    name: ZONE_NAME,
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:00', peak: true }],
  });
  expect(zone.status).toBe(200);
  day = addDays(localDate(Date.now(), TZ), 1);
}, 60_000);
afterAll(async () => {
  await ab?.close();
});

async function openSchedule(page: Page) {
  await page.goto(`${ab.base}/#/schedule?zone=${ZONE}&view=day&date=${day}`);
  await page.getByRole('heading', { level: 2, name: new RegExp(ZONE_NAME) }).waitFor();
}

const section = (page: Page) => page.getByRole('region', { name: 'Thứ tự tin ưu tiên' });
const listed = (page: Page) => section(page).locator('li .sched-item-title').allTextContents();
/** The titles aired in tomorrow's peak window, in time order. */
const aired = (page: Page) => page.getByRole('region', { name: /Khung giờ 05:30–06:00/ }).locator('.sched-item-title').allTextContents();

describe('admin page: the order of priority items', () => {
  it('lets an operator reorder priority items with the keyboard and save; the programme follows', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await openSchedule(page);
    await expect.poll(() => listed(page)).toEqual(['Tin ưu tiên C', 'Tin ưu tiên B', 'Tin ưu tiên A']);
    expect(await section(page).textContent()).toContain('Chưa xếp');
    await expect.poll(() => aired(page), { timeout: 15_000 }).toEqual(['Tin ưu tiên C', 'Tin ưu tiên B', 'Tin ưu tiên A', 'Tin thường']);
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only: focus A's "up" button and press Enter twice; focus stays on the moved item's button.
    const upA = section(page).getByRole('button', { name: 'Đưa «Tin ưu tiên A» lên trước' });
    await upA.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => listed(page)).toEqual(['Tin ưu tiên C', 'Tin ưu tiên A', 'Tin ưu tiên B']);
    expect(await upA.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => listed(page)).toEqual(['Tin ưu tiên A', 'Tin ưu tiên C', 'Tin ưu tiên B']);
    expect(await upA.getAttribute('aria-disabled')).toBe('true');

    const saveButton = section(page).getByRole('button', { name: 'Lưu thứ tự' });
    await saveButton.focus();
    await page.keyboard.press('Enter');
    await section(page).getByRole('status').filter({ hasText: 'Đã lưu thứ tự tin ưu tiên.' }).waitFor();
    expect(await section(page).textContent()).not.toContain('Chưa xếp');
    expect(await saveButton.getAttribute('aria-disabled')).toBe('true');

    // The station re-plans shortly after; the programme reloads when the new plan is saved.
    await expect.poll(() => aired(page), { timeout: 15_000 }).toEqual(['Tin ưu tiên A', 'Tin ưu tiên C', 'Tin ưu tiên B', 'Tin thường']);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: new RegExp(ZONE_NAME) }).waitFor();
    await expect.poll(() => listed(page)).toEqual(['Tin ưu tiên A', 'Tin ưu tiên C', 'Tin ưu tiên B']);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a phone: the section never scrolls the page sideways', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.setViewportSize(PHONE);
    await openSchedule(page);
    await expect.poll(() => listed(page)).toHaveLength(3);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('does not offer the section to a reviewer, and the server refuses the change from them', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'kiemduyet');
    await openSchedule(page);
    await page.getByRole('region', { name: /Khung giờ 05:30–06:00/ }).waitFor();
    expect(await section(page).count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/priority-order', {
        method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ items: ['itm_b'] }),
      });
      return res.status;
    });
    expect(refused).toBe(403);
    await context.close();
  });
});

/**
 * «Nhật ký thay đổi» in a real browser: the admin reads who changed what (a zone saved through the
 * API shows up with its actor and the changed field), the menu offers it to reviewers and the admin
 * only, and the screen passes axe and fits a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { bearer } from '../support/testDaemon.ts';

let ab: AdminBrowser;
beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  const token = await ab.t.login('vanhanh', 'vanhanh-password');
  const zone = { name: 'Tổ dân phố Đông', windows: [{ days: [1], start: '05:30', end: '06:00', peak: true }] };
  const res = await ab.t.daemon.app.inject({ method: 'PUT', url: '/api/zones/tdp-dong', headers: bearer(token), payload: zone });
  expect(res.statusCode).toBe(200);
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: change log', () => {
  it('shows the admin who saved which zone, and passes axe at desktop and phone width', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'admin');
    await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await page.getByRole('heading', { name: 'Nhật ký thay đổi', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Lưu vùng loa' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('vanhanh');
    expect(await row.textContent()).toContain('tdp-dong');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await context.close();
  });

  it('is not in an operator\'s menu, and the API refuses them', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Nhật ký thay đổi' }).count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/audit')).status);
    expect(status).toBe(403);
    await context.close();
  });
});

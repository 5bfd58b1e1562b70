/**
 * The zone editor's CAP fields in a real browser (decisions §6–§7): an operator types a zone's area
 * codes as a comma-separated list and ticks "takes exercise and test alerts"; the API has the list;
 * a code listed twice is refused beside its field and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { bearer } from '../support/testDaemon.ts';

let ab: AdminBrowser;
let operatorToken: string;

const zoneOf = async () => (await ab.t.daemon.app.inject({ url: '/api/zones/tdp-1', headers: bearer(operatorToken) })).json() as { areaCodes: string[]; testAlerts: boolean };

beforeAll(async () => {
  ab = await startAdminBrowser();
  operatorToken = await ab.t.userToken('vanhanh', 'operator');
  const res = await ab.t.daemon.app.inject({ method: 'PUT', url: '/api/zones/tdp-1', headers: bearer(operatorToken), payload: { name: 'Tổ dân phố 1', areaCode: '20194' } });
  expect(res.statusCode).toBe(200);
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: a zone\'s area codes for CAP alerts', () => {
  it('saves the typed codes as a list and the test-alert choice, and refuses a code listed twice beside its field', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.goto(`${ab.base}/#/zones?id=tdp-1`);
    await page.getByRole('heading', { level: 1, name: 'Sửa khu vực: Tổ dân phố 1' }).waitFor();
    const codes = page.getByLabel('Mã địa bàn nhận cảnh báo CAP (không bắt buộc)');
    expect(await codes.inputValue()).toBe('20194');

    await codes.fill('20194, 20197;20200');
    await page.getByRole('checkbox', { name: 'Nhận cảnh báo diễn tập và thử nghiệm' }).check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    expect(await zoneOf()).toMatchObject({ areaCodes: ['20194', '20197', '20200'], testAlerts: true });

    await codes.fill('20194, 20194');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => codes.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-problem').first().textContent()).toContain('một mã địa bàn được nhập hai lần');
    expect(await zoneOf()).toMatchObject({ areaCodes: ['20194', '20197', '20200'] });
    await context.close();
  });
});

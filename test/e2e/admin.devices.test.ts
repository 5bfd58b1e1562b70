/**
 * The devices view of Khu vực in a real browser against a real daemon (issue 14): an operator adds a
 * download device with its location and sees its key once (with its feed address), the device shows
 * offline until it calls in and online after, a new key stops the old one, the zone tile says how its
 * clusters are, a reviewer sees the devices but no control to change them; axe finds nothing serious
 * and nothing scrolls sideways on a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { bearer } from '../support/testDaemon.ts';

let ab: AdminBrowser;
let operatorToken: string;

const feedStatus = async (id: string, key: string) => (await ab.t.daemon.app.inject({ url: `/api/devices/${id}/feed?key=${encodeURIComponent(key)}` })).statusCode;

async function open(page: Page, hash: string, heading: string): Promise<void> {
  await page.goto(`${ab.base}/#/${hash}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  operatorToken = await ab.t.userToken('vanhanh', 'operator');
  await ab.addUser('kiemduyet', 'reviewer');
  const zone = await ab.t.daemon.app.inject({ method: 'PUT', url: '/api/zones/tdp-1', headers: bearer(operatorToken), payload: { name: 'Tổ dân phố 1', outputs: [{ type: 'http' }] } });
  expect(zone.statusCode).toBe(200);
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: devices of the zones', () => {
  it('adds a download device, shows its key once, and follows it from offline to online; a new key stops the old one', async () => {
    const { context, page } = await ab.newPage();
    page.on('dialog', (d) => void d.accept());
    await loginAs(page, ab.base, 'vanhanh');
    await open(page, 'zones?id=tdp-1', 'Sửa khu vực: Tổ dân phố 1');
    const section = page.getByRole('region', { name: 'Thiết bị (cụm loa)' });
    await section.getByText('Chưa có thiết bị nào.').waitFor();
    await section.getByRole('button', { name: 'Thêm thiết bị' }).click();
    const form = section.getByRole('form', { name: 'Thêm thiết bị' });
    await form.getByLabel('Mã thiết bị').fill('cum-cho');
    await form.getByLabel('Tên thiết bị').fill('Cụm loa chợ');
    await form.getByLabel('Cách nhận tiếng').selectOption({ label: 'Tải về rồi phát (4G)' });
    await form.getByLabel('Vĩ độ').fill('16,06778');
    await form.getByLabel('Kinh độ').fill('108.22083');
    await form.getByRole('button', { name: 'Lưu', exact: true }).click();

    const notice = section.getByRole('status').filter({ hasText: 'Khóa của thiết bị «Cụm loa chợ»' });
    await notice.waitFor();
    const shown = await notice.locator('code').allTextContents();
    const key = shown[0]!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(shown).toContain(`${ab.base}/api/devices/cum-cho/feed?key=${key}`);
    expect(shown).toContain(`loa device --url ${ab.base}/api/devices/cum-cho/feed --key ${key}`);
    const device = (await ab.t.daemon.app.inject({ url: '/api/devices/cum-cho', headers: bearer(operatorToken) })).json();
    expect(device).toMatchObject({ zone: 'tdp-1', kind: 'download', location: { lat: 16.06778, lon: 108.22083 }, key: '***', state: 'offline' });

    // Never heard from yet: offline, an alarm. Its first poll brings it online.
    const item = section.getByRole('article', { name: /Cụm loa chợ/ });
    await item.getByText('mất kết nối', { exact: true }).waitFor();
    await section.getByText('Cảnh báo: 1 thiết bị mất kết nối.').waitFor();
    expect(await feedStatus('cum-cho', key)).toBe(200);
    await page.reload();
    await item.getByText('đang kết nối', { exact: true }).waitFor();
    expect(await item.textContent()).toContain('khi lấy chương trình');
    await section.getByRole('button', { name: 'Đóng' }).count().then((n) => expect(n).toBe(0)); // the key is not shown again

    await item.getByRole('button', { name: 'Cấp khóa mới' }).click();
    const again = section.getByRole('status').filter({ hasText: 'Khóa của thiết bị «Cụm loa chợ»' });
    await again.waitFor();
    const newKey = (await again.locator('code').first().textContent())!;
    expect(newKey).not.toBe(key);
    expect(await feedStatus('cum-cho', key)).toBe(401);
    expect(await feedStatus('cum-cho', newKey)).toBe(200);

    // The zone's tile says how its clusters are.
    await open(page, 'zones', 'Khu vực phát (Tổ dân phố)');
    await page.getByRole('article', { name: 'Tổ dân phố 1' }).getByText('1 cụm loa, đều đang kết nối hoặc không theo dõi').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a reviewer the devices with nothing to change, and fits a phone', async () => {
    const { context, page } = await ab.newPage(PHONE);
    await loginAs(page, ab.base, 'kiemduyet');
    await open(page, 'zones?id=tdp-1', 'Tổ dân phố 1');
    const section = page.getByRole('region', { name: 'Thiết bị (cụm loa)' });
    await section.getByRole('article', { name: /Cụm loa chợ/ }).waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
    // Every zone's devices on the zones screen, on a phone.
    await open(page, 'zones', 'Khu vực phát (Tổ dân phố)');
    const all = page.getByRole('region', { name: 'Thiết bị (cụm loa)' });
    expect(await all.getByRole('article', { name: /Cụm loa chợ/ }).textContent()).toContain('Tổ dân phố 1');
    expect(await all.getByRole('button').count()).toBe(0);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

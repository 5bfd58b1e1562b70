/**
 * Khu vực, Chủ đề and Chính sách in a real browser against a real daemon: an operator adds a peak
 * window on Tuesday and the API has it; a window ending before it starts shows the API's reason beside
 * the field and nothing is saved; the Đại hội XIV preset fills its rules, read as sentences; the
 * ceremonial share changes (and a planning level above the cap is refused beside its field); a
 * reviewer gets no edit control and the server refuses them anyway; axe finds nothing serious on any
 * of the three screens, and none scrolls sideways on a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { bearer } from '../support/testDaemon.ts';
import { listZones } from '../../src/storage/station.ts';

const STREAM_KEY = 'khoa-luong-tdp-1';
const ZONE = {
  name: 'Tổ dân phố 1',
  windows: [
    { days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:00', peak: true },
    { days: [1, 2, 3, 4, 5], start: '17:00', end: '17:30', peak: true },
  ],
  outputs: [{ type: 'http', key: STREAM_KEY }],
};

let ab: AdminBrowser;
let operatorToken: string;
let reviewerToken: string;

async function api<T = Record<string, unknown>>(method: 'GET' | 'PUT', url: string, token = operatorToken, payload?: object): Promise<{ status: number; body: T }> {
  const res = await ab.t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
  return { status: res.statusCode, body: res.json() as T };
}

/** Opens a screen (hash route) and waits for its heading. */
async function open(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${ab.base}/#/${hash}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  operatorToken = await ab.t.userToken('vanhanh', 'operator');
  reviewerToken = await ab.t.userToken('kiemduyet', 'reviewer');
  expect((await api('PUT', '/api/zones/tdp-1', operatorToken, ZONE)).status).toBe(200);
  expect((await api('PUT', '/api/topics/dai-hoi-xiv', operatorToken, { name: 'Đại hội XIV của Đảng', rules: [] })).status).toBe(200);
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: zones, topics and policy', () => {
  it('lets an operator add a peak window on Tuesday, saved as the API reads it', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await open(page, 'zones', 'Khu vực phát (Tổ dân phố)');
    await page.getByRole('article', { name: 'Tổ dân phố 1' }).getByRole('button', { name: 'Sửa' }).click();
    await page.getByRole('heading', { name: 'Sửa khu vực: Tổ dân phố 1' }).waitFor();

    await page.getByRole('button', { name: 'Thêm khung giờ vào Thứ Ba' }).click();
    const added = page.getByRole('group', { name: 'Khung giờ 3', exact: true });
    expect(await added.getByRole('checkbox', { name: 'Thứ Ba' }).isChecked()).toBe(true);
    expect(await added.getByRole('checkbox', { name: 'Thứ Hai' }).isChecked()).toBe(false);
    await added.getByLabel('Bắt đầu', { exact: true }).fill('19:00');
    await added.getByLabel('Kết thúc', { exact: true }).fill('19:30');
    await added.getByRole('checkbox', { name: 'Giờ cao điểm (nhiều người nghe)' }).check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();

    const saved = await api<{ windows: unknown[] }>('GET', '/api/zones/tdp-1');
    expect(saved.body.windows).toEqual([...ZONE.windows, { days: [2], start: '19:00', end: '19:30', peak: true }]);
    // The week at a glance has it on Tuesday only, marked as peak.
    const tuesday = page.getByRole('row', { name: /^Thứ Ba/ });
    await expect.poll(() => tuesday.textContent()).toContain('19:00–19:30');
    expect(await page.getByRole('row', { name: /^Thứ Tư/ }).textContent()).not.toContain('19:00');
    await context.close();
  });

  it('never shows a stored key, keeps it when the zone is saved, and shows a new key once when one is set', async () => {
    const storedKey = () => (listZones(ab.t.daemon.db).find((z) => z.id === 'tdp-1')!.outputs[0] as { key?: string }).key;
    expect((await api('GET', '/api/zones/tdp-1')).body).toMatchObject({ outputs: [{ type: 'http', key: '***', hasKey: true }] });
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await open(page, 'zones?id=tdp-1', 'Sửa khu vực: Tổ dân phố 1');
    expect(await page.locator('.zones-url').textContent()).toBe(`${ab.base}/stream/tdp-1`);
    await page.getByText('khóa không bao giờ hiện lại sau khi đặt', { exact: false }).waitFor();
    await page.getByLabel('Nhóm', { exact: true }).fill('khu-a');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    expect((await api('GET', '/api/zones/tdp-1')).body).toMatchObject({ group: 'khu-a' });
    expect(storedKey()).toBe(STREAM_KEY);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Đặt khóa mới' }).click();
    await page.getByText('Khóa mới đã lưu.', { exact: false }).waitFor();
    const shown = new URL((await page.locator('.zones-url').textContent())!).searchParams.get('key');
    expect(shown).not.toBe(STREAM_KEY);
    expect(shown).toBe(storedKey());
    await context.close();
  });

  it('shows the API\'s reason beside a window that ends before it starts, and saves nothing', async () => {
    const before = (await api('GET', '/api/zones/tdp-1')).body;
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await open(page, 'zones?id=tdp-1', 'Sửa khu vực: Tổ dân phố 1');
    await page.getByRole('button', { name: 'Thêm khung giờ vào Thứ Tư' }).click();
    const bad = page.getByRole('group', { name: /^Khung giờ \d+$/ }).last();
    await bad.getByLabel('Bắt đầu', { exact: true }).fill('18:00');
    await bad.getByLabel('Kết thúc', { exact: true }).fill('17:45');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();

    await page.getByRole('alert').filter({ hasText: 'Chưa lưu được' }).waitFor();
    const end = bad.getByLabel('Kết thúc', { exact: true });
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    // The reason is the API's own sentence, in Vietnamese, beside the field and read out with it.
    const reasonId = (await end.getAttribute('aria-describedby'))!.split(' ').find((id) => id.includes('problem'))!;
    expect(await page.locator(`#${reasonId}`).textContent()).toBe('giờ kết thúc 17:45 phải sau giờ bắt đầu 18:00');
    // The keyboard is taken to the refused field.
    await expect.poll(() => page.locator(':focus').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await api('GET', '/api/zones/tdp-1')).body).toEqual(before);
    await context.close();
  });

  it('applies the Đại hội XIV preset with the campaign\'s peak dates and reads each rule as a sentence', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await open(page, 'topics?id=dai-hoi-xiv', 'Sửa chủ đề: Đại hội XIV của Đảng');
    await page.getByLabel('Đợt cao điểm từ ngày').fill('2026-11-30');
    await page.getByLabel('Đợt cao điểm đến hết ngày').fill('2027-01-31');
    await page.getByRole('button', { name: 'Dùng mẫu «Đại hội XIV»' }).click();
    const sentences = [
      'Ít nhất 3, nhiều nhất 5 lần mỗi tuần, đến hết 29/11/2026, ở mỗi khu vực.',
      'Ít nhất 1, nhiều nhất 2 lần mỗi ngày, từ 30/11/2026 đến hết 31/01/2027, ở mỗi khu vực.',
      'Ít nhất 3, nhiều nhất 5 lần mỗi tuần, từ 01/02/2027 trở đi, ở mỗi khu vực.',
    ];
    for (const s of sentences) await page.getByText(s, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();

    const topic = await api<{ rules: unknown[] }>('GET', '/api/topics/dai-hoi-xiv');
    expect(topic.body.rules).toEqual([
      { per: 'week', min: 3, max: 5, peakOnly: false, from: null, to: '2026-11-29', zones: null },
      { per: 'day', min: 1, max: 2, peakOnly: false, from: '2026-11-30', to: '2027-01-31', zones: null },
      { per: 'week', min: 3, max: 5, peakOnly: false, from: '2027-02-01', to: null, zones: null },
    ]);
    await open(page, 'topics', 'Chủ đề và chỉ tiêu phát');
    const card = page.getByRole('article', { name: 'Đại hội XIV của Đảng' });
    expect(await card.getByRole('listitem').allTextContents()).toEqual(sentences);
    await context.close();
  });

  it('changes the ceremonial share, refusing a planning level above the cap beside its field', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await open(page, 'policy', 'Chính sách lập lịch');
    const cap = page.getByLabel('Mức trần tin lễ tân, hội họp (phần trăm)');
    const plan = page.getByLabel('Mức lập lịch cho tin lễ tân (phần trăm)');
    expect(await cap.inputValue()).toBe('15');
    await cap.fill('10');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('mức lập lịch 12% cao hơn mức trần 10%; mức lập lịch phải bằng hoặc thấp hơn mức trần').waitFor();
    expect(await plan.getAttribute('aria-invalid')).toBe('true');
    expect((await api<{ ceremonialMaxShare: number }>('GET', '/api/policy')).body.ceremonialMaxShare).toBe(0.15);

    await plan.fill('8');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    expect((await api('GET', '/api/policy')).body).toMatchObject({ ceremonialMaxShare: 0.1, ceremonialPlanShare: 0.08 });
    await page.getByText('tin lễ tân phải ít hơn 20 lượt; khi lập lịch, Loa giữ dưới 16 lượt', { exact: false }).waitFor();
    await context.close();
  });

  it('shows a reviewer the three screens with no edit control, and the server refuses their changes', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'kiemduyet');
    const controls = () => page.locator('main').locator('input, select, textarea, button[type=submit]').count();

    await open(page, 'zones', 'Khu vực phát (Tổ dân phố)');
    expect(await page.getByRole('button', { name: 'Thêm khu vực' }).count()).toBe(0);
    await page.getByRole('article', { name: 'Tổ dân phố 1' }).getByRole('button', { name: 'Xem' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổ dân phố 1' }).waitFor();
    expect(await controls()).toBe(0);
    expect(await page.getByRole('button', { name: /Thêm khung giờ|Lưu|Xoá/ }).count()).toBe(0);
    await page.getByText('05:30–06:00').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await open(page, 'topics', 'Chủ đề và chỉ tiêu phát');
    expect(await page.getByRole('button').filter({ hasText: /Sửa|Thêm chủ đề/ }).count()).toBe(0);
    await open(page, 'policy', 'Chính sách lập lịch');
    await page.getByText('Mức trần tin lễ tân, hội họp (phần trăm)').waitFor();
    expect(await controls()).toBe(0);

    expect((await api('PUT', '/api/zones/tdp-1', reviewerToken, ZONE)).status).toBe(403);
    expect((await api('PUT', '/api/policy', reviewerToken, { ceremonialMaxShare: 0.5 })).status).toBe(403);
    await context.close();
  });

  it('has no serious accessibility violation on any of the three screens, and none scrolls sideways on a phone', async () => {
    const { context, page } = await ab.newPage(DESKTOP);
    await loginAs(page, ab.base, 'vanhanh');
    const screens: [string, string][] = [
      ['zones', 'Khu vực phát (Tổ dân phố)'],
      ['zones?id=tdp-1', 'Sửa khu vực: Tổ dân phố 1'],
      ['zones?new=1', 'Thêm khu vực'],
      ['topics', 'Chủ đề và chỉ tiêu phát'],
      ['topics?id=dai-hoi-xiv', 'Sửa chủ đề: Đại hội XIV của Đảng'],
      ['policy', 'Chính sách lập lịch'],
    ];
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const [hash, heading] of screens) {
        await open(page, hash, heading);
        if (viewport === DESKTOP) expect(await seriousViolations(page), hash).toEqual([]);
        else expect(await scrollsSideways(page), hash).toBe(false);
      }
    }
    await context.close();
  });
});

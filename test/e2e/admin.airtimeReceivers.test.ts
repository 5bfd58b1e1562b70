/**
 * «Nhật ký phát» says who got each play (decisions §2), in a real browser against the real daemon:
 * a play heard by two devices, one that went out to nobody, one whose receivers are unknown; the
 * receivers filter keeps exactly the plays to nobody, and the CSV carries the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, zonedInstant } from '../../src/domain/time.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { AirtimeEnd } from '../../src/storage/airtime.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const today = localDate(Date.now(), TZ);
let ab: AdminBrowser;

/** A 90 s play of `title` at `time` today in tdp-1, ended with `heard` (receivers and carriers, or none: unknown). */
function logPlay(time: string, title: string, heard: Pick<AirtimeEnd, 'receivers' | 'carriers'>) {
  const recorder = createAirtimeRecorder(ab.t.daemon.db, TZ);
  const startedAt = zonedInstant(today, Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60, TZ);
  const item = { title, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal' };
  const id = recorder.recordStart({ zoneId: 'tdp-1', startedAt, outputs: ['http:/stream/tdp-1'], entry: { itemId: `tin-${time}`, startMs: startedAt, window: null, source: 'plan', item } });
  recorder.recordEnd(id, { endedAt: startedAt + 90_000, playedMs: 90_000, outcome: 'completed', detail: null, outputs: ['http:/stream/tdp-1'], ...heard });
}

beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
  logPlay('00:01', 'Tin: hai loa nghe được', { receivers: 2, carriers: [{ output: 'http:/stream/tdp-1', kind: 'http', receivers: 2 }] });
  logPlay('00:03', 'Tin: không loa nào nghe', { receivers: 0, carriers: [] });
  logPlay('00:05', 'Tin: ghi từ bản cũ', {});
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: airtime log receivers', () => {
  it('shows how many receivers got each play, filters the plays to nobody, and exports them', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'vanhanh');
    await page.goto(`${ab.base}/#/airtime?from=${today}&to=${today}`);
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    const cells = async () => (await table.getByRole('row').allTextContents()).slice(1);
    // Newest first.
    const [unknown, nobody, heard] = await cells();
    expect(heard).toContain('2 thiết bị');
    expect(heard).toContain('Nhận qua: http:/stream/tdp-1 (2)');
    expect(nobody).toContain('Phát nhưng không có thiết bị nhận');
    expect(unknown).toContain('Không rõ');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Thiết bị nhận').selectOption({ label: 'Phát nhưng không có thiết bị nhận' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Tin: không loa nào nghe');
    expect(page.url()).toContain('reception=unheard');
    const href = await page.getByRole('link', { name: 'Tải CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/,Thiết bị nhận,Nhận qua$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^tdp-1,tin-00:03,Tin: không loa nào nghe,.*,Phát trọn,,http:\/stream\/tdp-1,0,$/), '']);

    await page.setViewportSize(PHONE);
    await table.waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

/**
 * «Tiếp âm» on Lịch phát in a real browser against a real daemon: an admin adds a relay source (a
 * file:// address is refused with the API's sentence beside the field, then a local MP3 stream is
 * saved and its health shows as heard, with its bitrate), adds a relay on one zone every day
 * 06:00–06:15 with an approved fallback item (an end before the start is refused at «Kết thúc»
 * first), reads it as a sentence, and sees «Tiếp âm: …» in that zone's day once the station has
 * re-planned. Deleting the source in use is refused with the sentence. A reviewer (station:read
 * without station:edit) reads the section with nothing to change, and the server refuses them.
 * axe finds nothing serious; a phone never scrolls sideways with both forms open.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/time.ts';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { apiClient } from '../support/apiClient.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ZONE = 'tdp-1';
const ZONE_NAME = 'Tổ dân phố 1';
const SOURCE_NAME = 'VOV1 Thời sự';
const SENTENCE = `Thứ Hai–Chủ Nhật, 06:00–06:15: tiếp âm ${SOURCE_NAME} trên ${ZONE_NAME}; dự phòng: Tin dự phòng`;

let ab: AdminBrowser;
let day: string;
let stream: http.Server;
let streamUrl: string;
let audioDir: string;

/** An approved item written straight to the DB (planning needs no audio file; playout is off). */
function approvedItem(id: string, title: string): ItemRecord {
  const now = Date.now();
  return {
    id, title, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null, validUntil: null, note: null,
    status: 'approved', failureReason: null, durationMs: 60_000, audioSha256: null, originalName: null, loudnessBefore: null,
    loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null, reviewedAt: now, reviewNote: null,
    approvedAt: now, createdAt: now - 86_400_000, updatedAt: now,
  };
}

beforeAll(async () => {
  // A relay source as a listener finds one: an MP3 stream at 128 kbps over plain HTTP.
  audioDir = await makeTempDir('loa-relay-ui-');
  const mp3 = readFileSync(await makeTone(audioDir, { seconds: 2, format: 'mp3', mp3: { bitrateKbps: 128, xing: false, id3: false } }));
  stream = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg' });
    res.end(mp3);
  });
  await new Promise<void>((resolve) => stream.listen(0, '127.0.0.1', resolve));
  streamUrl = `http://127.0.0.1:${(stream.address() as AddressInfo).port}/vov1.mp3`;

  // The watcher's shortest round (5 s), so a new source is checked within seconds.
  ab = await startAdminBrowser({ LOA_RELAY_SOURCE_CHECK_SECONDS: '5' });
  await ab.addUser('kiemduyet', 'reviewer');
  const db = ab.t.daemon.db;
  for (let i = 0; i < 6; i++) insertItem(db, approvedItem(`itm_tin${i}`, `Tin số ${i}`));
  insertItem(db, approvedItem('itm_du_phong', 'Tin dự phòng'));
  const api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  const windows = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:30', peak: true }];
  expect((await api.call('PUT', `/api/zones/${ZONE}`, { name: ZONE_NAME, windows })).status).toBe(200);
  expect((await api.call('PUT', '/api/zones/tdp-2', { name: 'Tổ dân phố 2', group: 'khu-a', windows })).status).toBe(200);
  day = addDays(localDate(Date.now(), TZ), 1);
}, 60_000);
afterAll(async () => {
  await ab?.close();
  stream?.close();
  if (audioDir) await removeDir(audioDir);
});

async function openSchedule(page: Page) {
  await page.goto(`${ab.base}/#/schedule?zone=${ZONE}&view=day&date=${day}`);
  await page.getByRole('heading', { level: 2, name: new RegExp(ZONE_NAME) }).waitFor();
  await section(page).waitFor();
}

/** The little of the page's document the checks below read (the tests compile without the DOM library). */
interface PageDocument {
  getElementById(id: string): { textContent: string | null } | null;
  activeElement: unknown;
}

const section = (page: Page) => page.getByRole('region', { name: 'Tiếp âm', exact: true });
/** What a screen reader reads with a control: the texts its aria-describedby points at. */
const description = (control: Locator) => control.evaluate((el) => {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  return (el.getAttribute('aria-describedby') ?? '').split(' ').map((id: string) => doc.getElementById(id)?.textContent ?? '').join(' ');
});
/** Whether the control has the keyboard. */
const focused = (control: Locator) => control.evaluate((el) => el === (globalThis as unknown as { document: PageDocument }).document.activeElement);

describe('admin page: relays (tiếp âm)', () => {
  it('lets an admin add a source and a relay; the day view shows the relay once re-planned', async () => {
    const { context, page } = await ab.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await loginAs(page, ab.base, 'admin');
    await openSchedule(page);
    const relays = section(page);
    await relays.getByText('Chưa có nguồn tiếp âm nào.').waitFor();

    // A file on the machine is no relay source: the API's sentence stands beside «Địa chỉ».
    await relays.getByRole('button', { name: 'Thêm nguồn tiếp âm' }).click();
    await relays.getByLabel('Tên nguồn').fill(SOURCE_NAME);
    const url = relays.getByLabel('Địa chỉ', { exact: true });
    await url.fill('file:///etc/passwd');
    await relays.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
    expect(await description(url)).toContain('Địa chỉ nguồn (url) «file:///etc/passwd» không dùng được: nguồn tiếp âm phải là địa chỉ http:// hoặc https://');
    expect(await focused(url)).toBe(true);

    await url.fill(streamUrl);
    await relays.getByRole('button', { name: 'Lưu' }).click();
    await relays.getByRole('status').filter({ hasText: `Đã lưu nguồn «${SOURCE_NAME}».` }).waitFor();
    const row = relays.getByRole('row', { name: new RegExp(SOURCE_NAME) });
    expect(await row.textContent()).toContain(streamUrl);
    // The watcher looks at the new source within seconds; the table follows on its own.
    await expect.poll(() => row.locator('.relay-health').textContent(), { timeout: 30_000 }).toMatch(/^Nghe được · 128 kbps · kiểm tra lúc \d{2}:\d{2}$/);

    // A relay whose end is before its start is refused at «Kết thúc», with the API's sentence.
    await relays.getByRole('button', { name: 'Thêm giờ tiếp âm' }).click();
    expect(await relays.getByRole('combobox', { name: 'Nguồn tiếp âm' }).inputValue()).toBe('vov1-thoi-su');
    await relays.getByRole('checkbox', { name: ZONE_NAME, exact: true }).check();
    await relays.getByRole('button', { name: 'Hằng ngày' }).click();
    await relays.getByLabel('Bắt đầu').fill('06:00');
    const end = relays.getByLabel('Kết thúc');
    await end.fill('05:50');
    await relays.getByRole('combobox', { name: 'Tin bài dự phòng' }).selectOption({ label: 'Tin dự phòng (1:00)' });
    await relays.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    expect(await description(end)).toContain('giờ kết thúc 05:50 phải sau giờ bắt đầu 06:00');
    expect(await relays.getByRole('alert').textContent()).toContain('Chưa lưu được giờ tiếp âm');

    await end.fill('06:15');
    await relays.getByRole('button', { name: 'Lưu' }).click();
    await relays.getByText(SENTENCE).waitFor();
    // The station re-plans around the relay; the section says so, and the day view shows it in the window.
    await expect.poll(() => relays.getByRole('status').allTextContents(), { timeout: 20_000 })
      .toContain('Đã lưu giờ tiếp âm và lập lại lịch phát: giờ tiếp âm đã có trong lịch.');
    const window = page.getByRole('region', { name: /Khung giờ 05:30–06:30/ });
    await window.getByText(`Tiếp âm: ${SOURCE_NAME}`).waitFor();
    expect(await window.locator('li.sched-slot', { hasText: `Tiếp âm: ${SOURCE_NAME}` }).textContent()).toContain('06:00:00–06:15:00');

    // The source is in use: deleting it is refused with the API's sentence, and it stays.
    page.once('dialog', (d) => void d.accept());
    await relays.getByRole('button', { name: `Xoá nguồn ${SOURCE_NAME}` }).click();
    await expect.poll(() => relays.getByRole('alert').textContent()).toContain('Chưa xoá được nguồn tiếp âm «vov1-thoi-su»');
    expect(await row.count()).toBe(1);

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone with both forms open, with no serious accessibility violation', async () => {
    const { context, page } = await ab.newPage(PHONE);
    await loginAs(page, ab.base, 'admin');
    await openSchedule(page);
    const relays = section(page);
    await relays.getByText(SENTENCE).waitFor();
    await relays.getByRole('button', { name: `Sửa nguồn ${SOURCE_NAME}` }).click();
    await relays.getByRole('button', { name: `Sửa: ${SENTENCE}` }).click();
    await relays.getByRole('heading', { name: 'Sửa giờ tiếp âm' }).waitFor();
    expect(await relays.getByRole('checkbox', { name: ZONE_NAME, exact: true }).isChecked()).toBe(true);
    expect(await relays.getByRole('checkbox', { name: /nhóm khu-a/ }).isChecked()).toBe(false);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a reviewer the sources and relays read-only, and the server refuses their changes', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'kiemduyet');
    await openSchedule(page);
    const relays = section(page);
    await relays.getByText(SENTENCE).waitFor();
    expect(await relays.getByRole('row', { name: new RegExp(SOURCE_NAME) }).locator('.relay-health').textContent()).toContain('Nghe được');
    expect(await relays.getByText('(chỉ xem)').count()).toBe(1);
    expect(await relays.getByRole('button').count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
      const relaysPut = await fetch('/api/relays', { method: 'PUT', headers, body: JSON.stringify({ relays: [] }) });
      const sourceDelete = await fetch('/api/sources/vov1-thoi-su', { method: 'DELETE', headers });
      return [relaysPut.status, sourceDelete.status];
    });
    expect(refused).toEqual([403, 403]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

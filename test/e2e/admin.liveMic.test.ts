/**
 * «Phát trực tiếp» from the admin page in headless Chromium with a fake microphone (issue 11: Chromium's
 * fake device plays a beep): a reviewer chooses one zone, sees the 3-2-1 countdown and the level
 * meter move, a plain client of that zone's stream receives the beeps, «Dừng» (by keyboard) ends it,
 * the zone goes back to idle, and the airtime log and the library keep it. Emergency level asks
 * again; a zone already live is refused in words; a refused microphone is explained; an operator is
 * not offered the button. axe and the phone width on each step.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import WebSocket from 'ws';
import { localDate } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { connectFrameClient } from '../support/frameClient.ts';
import { makeTempDir, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';
import { decodePcm } from '../support/tones.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const FAKE_MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const TITLE = 'Phát trực tiếp từ trang quản trị — kiemduyet';

let ab: AdminBrowser;
let api: ReturnType<typeof apiClient>;
let dir: string;
let port: number;

beforeAll(async () => {
  ab = await startAdminBrowser({ LOA_PLAYOUT: 'true' }, FAKE_MICROPHONE);
  port = Number(new URL(ab.base).port);
  dir = await makeTempDir();
  await ab.addUser('kiemduyet', 'reviewer');
  await ab.addUser('vanhanh', 'operator');
  api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  for (const [id, name] of [['tdp-mot', 'Tổ dân phố Một'], ['tdp-hai', 'Tổ dân phố Hai']]) {
    expect((await api.call('PUT', `/api/zones/${id}`, { name, windows: [], outputs: [{ type: 'http' }] })).status).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await ab?.close();
  if (dir) await removeDir(dir);
});

const panelOf = (page: Page): Locator => page.getByRole('region', { name: 'Phát trực tiếp' });
const zoneCard = (page: Page, name: string): Locator => page.getByRole('article', { name, exact: true });
const meterValue = (page: Page) => page.locator('#live-meter').evaluate((m) => (m as unknown as { value: number }).value);
const noScrollNorViolations = async (page: Page) => {
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);
};

/** The loudest sample (0–32767) in the MP3 frames a client received. */
async function loudestHeard(frames: Buffer[], name: string): Promise<number> {
  const file = join(dir, `${name}.mp3`);
  await writeFile(file, Buffer.concat(frames));
  return (await decodePcm(file, 8000)).reduce((max, x) => Math.max(max, Math.abs(x)), 0);
}

/** Opens the form and chooses the zones and level; returns the panel. */
async function chooseAndStart(page: Page, zones: { keep: string[]; drop: string[] }, level: 'Ưu tiên' | 'Khẩn cấp'): Promise<Locator> {
  const panel = panelOf(page);
  await panel.getByRole('button', { name: 'Phát trực tiếp', exact: true }).click();
  const form = panel.getByRole('form', { name: 'Phát trực tiếp: chọn nơi phát và mức phát' });
  for (const name of zones.drop) await form.getByRole('checkbox', { name }).uncheck();
  for (const name of zones.keep) expect(await form.getByRole('checkbox', { name }).isChecked()).toBe(true);
  await form.getByRole('radio', { name: new RegExp(`^${level}`) }).check();
  await noScrollNorViolations(page);
  // Keyboard: the start button takes Enter.
  await form.getByRole('button', { name: 'Bắt đầu phát' }).focus();
  await page.keyboard.press('Enter');
  return panel;
}

describe('admin page: live broadcast from the microphone', () => {
  it('lets a reviewer speak live to one zone: countdown, moving meter, heard on the zone, stopped cleanly, kept', async () => {
    const client = connectFrameClient(port, '/stream/tdp-mot?monitor=1');
    expect(await client.ready).toBe(200);
    const other = connectFrameClient(port, '/stream/tdp-hai?monitor=1');
    expect(await other.ready).toBe(200);
    const { context, page } = await ab.newPage(PHONE);
    await loginAs(page, ab.base, 'kiemduyet');
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await expect.poll(() => zoneCard(page, 'Tổ dân phố Một').textContent()).toContain('Đang nghỉ');
    const silence = client.frames()[0]!.frame;

    const panel = await chooseAndStart(page, { keep: ['Tổ dân phố Một'], drop: ['Tổ dân phố Hai'] }, 'Ưu tiên');
    const state = panel.getByRole('status').first();
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toMatch(/Lên sóng sau [321]…/);
    // The meter moves with the fake microphone's beeps from the countdown on.
    await expect.poll(() => meterValue(page), { timeout: 10_000, interval: 50 }).toBeGreaterThan(0.15);
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toMatch(/^Đang phát trực tiếp 00:0\d$/);
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Trên: Tổ dân phố Một');
    await noScrollNorViolations(page);
    // The zone's card says what airs: the broadcast, under the speaker's name.
    await expect.poll(() => zoneCard(page, 'Tổ dân phố Một').textContent(), { timeout: 10_000 }).toContain(TITLE);

    // A plain device of the zone receives the beeps; the other zone stays silent.
    const loud = () => client.frames().filter((f) => !f.frame.equals(silence)).map((f) => f.frame);
    await expect.poll(() => loud().length, { timeout: 15_000 }).toBeGreaterThan(80); // ~2 s
    expect(await loudestHeard(loud(), 'tdp-mot')).toBeGreaterThan(2000);
    await expect.poll(() => state.textContent()).toMatch(/^Đang phát trực tiếp 00:0[2-9]$/);

    // «Dừng» has the focus while it airs: Enter stops it.
    const stop = panel.getByRole('button', { name: 'Dừng' });
    expect(await stop.evaluate((b) => b === (b.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const done = panel.getByRole('status');
    await expect.poll(() => done.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Đã dừng phát trực tiếp sau 0:0\\d\\. Bản ghi «${TITLE}» đã lưu vào thư viện\\.$`));
    await noScrollNorViolations(page);
    expect(await panel.getByRole('button', { name: 'Phát trực tiếp', exact: true }).isVisible()).toBe(true);

    // The zone goes back to idle (nothing else is programmed): the card, and the device's silence.
    await expect.poll(() => zoneCard(page, 'Tổ dân phố Một').textContent(), { timeout: 15_000 }).toContain('Đang nghỉ');
    await expect.poll(() => client.frames().at(-1)!.frame.equals(silence), { timeout: 5_000 }).toBe(true);
    expect(other.frames().every((f) => f.frame.equals(silence))).toBe(true);
    client.close();
    other.close();

    const date = localDate(Date.now(), TZ);
    const rows = (await api.call<{ rows: { itemId: string; kind: string; outcome: string | null; playedMs: number | null }[] }>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-mot&format=json`)).body.rows;
    const row = rows.find((r) => r.kind === 'truc-tiep');
    expect(row, JSON.stringify(rows)).toMatchObject({ outcome: 'completed' });
    expect(row!.playedMs).toBeGreaterThan(2000);
    const items = (await api.call<{ items: { id: string; title: string; status: string; submittedByName: string; durationMs: number }[] }>('GET', '/api/items?kind=truc-tiep')).body.items;
    expect(items).toEqual([expect.objectContaining({ id: row!.itemId, title: TITLE, status: 'approved', submittedByName: 'kiemduyet' })]);
    expect(Math.abs(items[0]!.durationMs - row!.playedMs!)).toBeLessThan(1000);
    await context.close();
  }, 90_000);

  it('asks again before an emergency broadcast, and says in words that a zone already live is taken', async () => {
    // Someone is already live on Tổ dân phố Một (a client on the same API).
    const ticket = (await api.call<{ ticket: string }>('POST', '/api/live/sessions', { zones: ['tdp-mot'], level: 'priority' })).body.ticket;
    const token = await ab.t.login('admin', ADMIN_PASSWORD);
    const holder = new WebSocket(`ws://127.0.0.1:${port}/api/live/broadcast?ticket=${ticket}`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => (holder.once('message', resolve), holder.once('error', reject)));

    const { context, page } = await ab.newPage(PHONE);
    await loginAs(page, ab.base, 'kiemduyet');
    const panel = await chooseAndStart(page, { keep: ['Tổ dân phố Một', 'Tổ dân phố Hai'], drop: [] }, 'Khẩn cấp');
    const confirm = panel.getByRole('group', { name: 'Phát trực tiếp ở mức khẩn cấp?' });
    await expect.poll(() => confirm.textContent()).toContain('chương trình đang phát trên Tổ dân phố Hai, Tổ dân phố Một bị ngắt ngay');
    await noScrollNorViolations(page);
    await confirm.getByRole('button', { name: 'Xác nhận, phát khẩn cấp' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Đang có buổi phát trực tiếp trên Tổ dân phố Một; hãy chờ buổi đó kết thúc rồi thử lại.');
    await noScrollNorViolations(page);
    holder.close();
    await context.close();
  }, 60_000);

  it('explains a refused microphone, and offers nothing to an operator', async () => {
    const { context, page } = await ab.newPage();
    // As when the user clicks «Chặn» on the browser's question.
    await page.addInitScript(() => {
      const media = (globalThis as unknown as { navigator: { mediaDevices: { getUserMedia: unknown } } }).navigator.mediaDevices;
      media.getUserMedia = () => Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    });
    await loginAs(page, ab.base, 'kiemduyet');
    const panel = await chooseAndStart(page, { keep: ['Tổ dân phố Một'], drop: [] }, 'Ưu tiên');
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Trình duyệt không cho trang dùng micrô');
    await noScrollNorViolations(page);
    await context.close();

    const op = await ab.newPage();
    await loginAs(op.page, ab.base, 'vanhanh');
    await op.page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await op.page.getByRole('heading', { name: 'Các vùng loa lúc này' }).waitFor();
    expect(await panelOf(op.page).count()).toBe(0);
    expect(await op.page.getByRole('button', { name: 'Phát trực tiếp' }).count()).toBe(0);
    const opToken = await ab.t.login('vanhanh', 'vanhanh-password');
    const refused = await fetch(`${ab.base}/api/live/sessions`, {
      method: 'POST', headers: { authorization: `Bearer ${opToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ zones: ['tdp-mot'], level: 'priority' }),
    });
    expect(refused.status).toBe(403);
    await op.context.close();
  }, 45_000);
});

/**
 * Thư viện and Kiểm duyệt in a real browser against the real daemon (real ffmpeg ingest): a
 * submitting unit uploads a WAV through the file input and watches it go from bytes sent to ready,
 * sees a refused file's reason, sees only its unit's items and no archive button; a reviewer
 * approves another user's upload, cannot approve their own and reads why, and must give a reason to
 * reject; an operator's filters narrow the list and archiving says what it did. axe finds no serious
 * violation on either screen, and neither scrolls sideways on a phone.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';
import { makePngNamedMp3, makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, multipart } from '../support/testDaemon.ts';

const UNIT_A = 'Công an phường';
const UNIT_B = 'Phòng Kinh tế - Hạ tầng - Đô thị';
const UPLOADED = 'Thông báo lịch tiêm chủng tháng 5';

let ab: AdminBrowser;
let dir: string;
let tone: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function api(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, token: string, payload?: object) {
  const res = await ab.t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

/** Uploads the tone through the API as `user` and waits until ingest has made it pending. */
async function seedItem(user: string, fields: Record<string, string>): Promise<string> {
  const body = multipart(fields, { name: 'tone.wav', data: await readFile(tone), type: 'audio/wav' });
  const res = await ab.t.daemon.app.inject({ method: 'POST', url: '/api/items', headers: { ...bearer(tokens[user]!), ...body.headers }, payload: body.payload });
  if (res.statusCode !== 202) throw new Error(`seeding ${fields.title} failed: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  // Set-up, not an assertion: ingest takes a second or two; give up after 30 s.
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const status = (await api('GET', `/api/items/${id}`, tokens.admin!)).body.status;
    if (status === 'pending') return id;
    if (status === 'failed') break;
  }
  throw new Error(`seeding ${fields.title}: ingest did not make it pending`);
}

async function openScreen(page: Page, user: string, screen: 'library' | 'review') {
  await loginAs(page, ab.base, user);
  await page.goto(`${ab.base}/#/${screen}`);
  await page.getByRole('heading', { level: 1, name: screen === 'library' ? 'Thư viện tin bài' : 'Kiểm duyệt tin bài' }).waitFor();
}

/** «Bỏ lọc», then waits until the whole list (not archived) is back. */
async function clearFilters(page: Page) {
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/library');
  await expect.poll(async () => (await rowTexts(page)).length).toBeGreaterThan(1);
}

/** The library's rows (the header row left out), as their text. */
const rowTexts = (page: Page) => page.locator('table.lib-table tbody tr:not(.lib-panel)').allTextContents();

beforeAll(async () => {
  ab = await startAdminBrowser();
  dir = await makeTempDir('loa-library-');
  tone = await makeTone(dir, { seconds: 3, name: 'tone.wav' });
  tokens.admin = await ab.t.login('admin', ADMIN_PASSWORD);
  tokens.donviA = await ab.t.userToken('donvi-a', 'submitter', UNIT_A);
  tokens.donviB = await ab.t.userToken('donvi-b', 'submitter', UNIT_B);
  tokens.kiemduyet = await ab.t.userToken('kiemduyet', 'reviewer');
  await ab.t.userToken('kiemduyet2', 'reviewer');
  await ab.t.userToken('vanhanh', 'operator');
  for (const [id, name] of [['dai-hoi-xiv', 'Đại hội XIV'], ['cai-cach-hanh-chinh', 'Cải cách hành chính']]) {
    expect((await api('PUT', `/api/topics/${id}`, tokens.admin, { name })).status).toBe(200);
  }
  ids.unitB = await seedItem('donviB', { title: 'Tin của phòng kinh tế', kind: 'bai', topics: 'cai-cach-hanh-chinh' });
  ids.reviewerOwn = await seedItem('kiemduyet', { title: 'Tin do kiểm duyệt tự gửi', kind: 'thong-bao' });
}, 90_000);
afterAll(async () => {
  await ab?.close();
  if (dir) await removeDir(dir);
});

describe('admin page: library and review', () => {
  it('lets a submitter upload a file and watch it become ready, shows a refused file\'s reason, and hides other units and archiving', async () => {
    const { context, page } = await ab.newPage();
    await openScreen(page, 'donvi-a', 'library');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Kiểm duyệt' }).count()).toBe(0);
    await expect.poll(() => page.getByText(`Đơn vị gửi tin: ${UNIT_A}`).count()).toBe(1);

    // Dropping a file on the box chooses it (and names the item after it)…
    const dropped = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(64)], 'keo_tha.wav', { type: 'audio/wav' }));
      return transfer;
    })()`);
    await page.locator('.lib-drop').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText('Đã chọn: keo_tha.wav').waitFor();
    expect(await page.getByLabel('Tiêu đề').first().inputValue()).toBe('keo tha');
    // …and so does the file picker, which replaces it.
    await page.getByLabel('Chọn tệp âm thanh…').setInputFiles(tone);
    await page.getByText('Đã chọn: tone.wav').waitFor();
    await page.getByLabel('Tiêu đề').first().fill(UPLOADED);
    await page.getByRole('checkbox', { name: 'Đại hội XIV' }).first().check();
    await page.getByRole('button', { name: 'Tải lên', exact: true }).click();
    const sent = page.getByRole('progressbar', { name: 'Gửi «tone.wav»' });
    await expect.poll(() => sent.getAttribute('value')).toBe('100');
    await page.getByText(`«${UPLOADED}» đã sẵn sàng và đang chờ kiểm duyệt.`).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await rowTexts(page)).join('\n')).toContain(UPLOADED);

    // The unit's own list: its item, awaiting review, with edit but no archive; nothing of unit B.
    const texts = (await rowTexts(page)).join('\n');
    expect(texts).toContain('Chờ duyệt');
    expect(texts).toContain(UNIT_A);
    expect(texts).not.toContain('Tin của phòng kinh tế');
    expect(await page.getByRole('button', { name: /^Sửa/ }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Lưu trữ/ }).count()).toBe(0);

    // A picture named .mp3 is refused by ingest, and the page says why and what to do.
    const picture = await makePngNamedMp3(dir, 'anh.mp3');
    await page.getByLabel('Chọn tệp âm thanh…').setInputFiles(picture);
    await page.getByRole('button', { name: 'Tải lên', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/Không xử lý được «anh\.mp3»: Tệp không phải âm thanh\. Hãy sửa tệp/));
    await expect.poll(async () => (await rowTexts(page)).join('\n')).toContain('Lý do: Tệp không phải âm thanh');
    // In English the reason is English too (the server keeps both), never a mixed sentence.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Could not process "anh.mp3": The file is not audio. Fix the file').waitFor();
    await expect.poll(async () => (await rowTexts(page)).join('\n')).toContain('Reason: The file is not audio');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    // Edit the uploaded item's metadata from the list.
    await page.getByRole('button', { name: `Sửa «${UPLOADED}»` }).click();
    const note = page.getByLabel('Ghi chú').last();
    await note.fill('Phát trước giờ tiêm');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText(`Đã lưu thông tin «${UPLOADED}».`).waitFor();
    const mine = (await api('GET', '/api/items?q=ti%C3%AAm%20ch%E1%BB%A7ng', tokens.donviA!)).body.items as { id: string; note: string; unit: string; topics: string[] }[];
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ note: 'Phát trước giờ tiêm', unit: UNIT_A, topics: ['dai-hoi-xiv'] });
    ids.uploaded = mine[0]!.id;
    await context.close();
  });

  it('lets a reviewer approve another user\'s upload but not their own, and says why', async () => {
    expect(ids.uploaded).toBeDefined();
    const { context, page } = await ab.newPage();
    await openScreen(page, 'kiemduyet', 'review');
    const card = page.getByRole('article', { name: UPLOADED });
    await card.getByText('donvi-a').waitFor();
    expect(await card.textContent()).toContain(UNIT_A);
    expect(await card.locator('audio').getAttribute('src')).toBe(`/api/items/${ids.uploaded}/audio`);

    const own = page.getByRole('article', { name: 'Tin do kiểm duyệt tự gửi' });
    expect(await own.getByRole('button', { name: /^Duyệt/ }).count()).toBe(0);
    expect(await own.textContent()).toContain('Bạn không thể duyệt tin bài này vì chính bạn đã gửi nó');
    expect(await own.textContent()).toContain('kiemduyet (bạn)');

    await card.getByRole('button', { name: /^Duyệt/ }).click();
    await page.getByText(`Đã duyệt «${UPLOADED}»`).waitFor();
    await expect.poll(() => card.count()).toBe(0);
    const approved = (await api('GET', `/api/items/${ids.uploaded}`, tokens.admin!)).body;
    expect(approved).toMatchObject({ status: 'approved', reviewedByName: 'kiemduyet', submittedByName: 'donvi-a' });
    await context.close();
  });

  it('requires a reason to reject, then rejects and the unit reads the reason', async () => {
    const { context, page } = await ab.newPage();
    await openScreen(page, 'kiemduyet2', 'review');
    const card = page.getByRole('article', { name: 'Tin của phòng kinh tế' });
    await card.getByRole('button', { name: /^Từ chối/ }).click();
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-required")')).toBe('true');
    await card.getByRole('button', { name: 'Xác nhận từ chối' }).click();
    await card.getByRole('alert').getByText('Phải ghi lý do khi từ chối.').waitFor();
    expect((await api('GET', `/api/items/${ids.unitB}`, tokens.admin!)).body.status).toBe('pending');

    await card.getByLabel('Lý do từ chối (bắt buộc)').fill('Âm thanh bị rè ở đoạn giữa');
    await card.getByRole('button', { name: 'Xác nhận từ chối' }).click();
    await page.getByText('Đã từ chối «Tin của phòng kinh tế».').waitFor();
    await context.close();

    const unit = await ab.newPage();
    await openScreen(unit.page, 'donvi-b', 'library');
    await expect.poll(async () => (await rowTexts(unit.page)).join('\n')).toContain('Lý do từ chối: Âm thanh bị rè ở đoạn giữa');
    expect((await rowTexts(unit.page)).join('\n')).not.toContain(UPLOADED);
    await unit.context.close();
  });

  it('narrows the list with filters and archives an item saying what it did', async () => {
    const { context, page } = await ab.newPage();
    await openScreen(page, 'vanhanh', 'library');
    // Every unit's items: the approved upload, the refused picture, unit B's rejected item, the reviewer's own.
    await expect.poll(async () => (await rowTexts(page)).length).toBe(4);
    const filters = page.getByRole('search', { name: 'Lọc tin bài' });

    await filters.getByLabel('Trạng thái').selectOption({ label: 'Đã duyệt' });
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(async () => (await rowTexts(page)).length).toBe(1);
    expect((await rowTexts(page))[0]).toContain(UPLOADED);
    expect(page.url()).toContain('status=approved');

    await clearFilters(page);
    await filters.getByLabel('Loại', { exact: true }).selectOption({ label: 'Thông báo' });
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(async () => (await rowTexts(page)).join('|')).toMatch(/^[^|]*Tin do kiểm duyệt tự gửi[^|]*$/);

    await clearFilters(page);
    await filters.getByLabel('Tìm theo tiêu đề, ghi chú, tên tệp').fill('kinh tế');
    await filters.getByLabel('Chủ đề', { exact: true }).selectOption({ label: 'Cải cách hành chính' });
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(async () => (await rowTexts(page)).join('|')).toMatch(/^[^|]*Tin của phòng kinh tế[^|]*$/);

    await filters.getByLabel('Tìm theo tiêu đề, ghi chú, tên tệp').fill('không có tin nào như thế');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('Không có tin bài nào khớp bộ lọc.').waitFor();

    await clearFilters(page);
    await page.getByRole('button', { name: 'Lưu trữ «Tin của phòng kinh tế»' }).click();
    await page.getByRole('button', { name: 'Lưu trữ', exact: true }).click();
    await page.getByText('Đã lưu trữ «Tin của phòng kinh tế».').waitFor();
    await expect.poll(async () => (await rowTexts(page)).length).toBe(3);
    expect((await api('GET', `/api/items/${ids.unitB}`, tokens.admin!)).body.status).toBe('archived');
    await context.close();
  });

  it('refuses bad filter values with a 400 that names the field', async () => {
    const bad = await api('GET', '/api/items?topic=Not%20A%20Slug', tokens.admin!);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('topic');
    expect((await api('GET', '/api/items?kind=radio', tokens.admin!)).status).toBe(400);
    expect((await api('GET', '/api/items?status=pending,lost', tokens.admin!)).status).toBe(400);
  });

  it('keeps a unit\'s item in that unit and offers a unit only its own name', async () => {
    const moved = await api('PATCH', `/api/items/${ids.uploaded}`, tokens.donviA!, { unit: UNIT_B });
    expect(moved.status).toBe(200);
    expect(moved.body.unit).toBe(UNIT_A);
    const choices = (await api('GET', '/api/items/choices', tokens.donviA!)).body;
    expect(choices).toEqual({ units: [UNIT_A], topics: [{ id: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính' }, { id: 'dai-hoi-xiv', name: 'Đại hội XIV' }] });
    expect((await api('GET', '/api/items/choices', tokens.admin!)).body.units).toEqual([UNIT_A, UNIT_B].sort((a, b) => a.localeCompare(b, 'vi')));
  });

  it('has no serious accessibility violation and no sideways scroll on either screen, on a phone too', async () => {
    for (const [user, screen] of [['vanhanh', 'library'], ['donvi-a', 'library'], ['kiemduyet', 'review']] as const) {
      // Logged in at desktop width (loginAs waits for the menu, folded away on a phone), then narrowed.
      const { context, page } = await ab.newPage(DESKTOP);
      await openScreen(page, user, screen);
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        // The list (or its «nothing» sentence) has arrived once nothing says «Đang tải…».
        await page.getByRole('heading', { level: 1 }).waitFor();
        await expect.poll(() => page.locator('main .loading').count()).toBe(0);
        expect(await seriousViolations(page), `${user} on ${screen} at ${viewport.width}px`).toEqual([]);
        expect(await scrollsSideways(page), `${user} on ${screen} at ${viewport.width}px`).toBe(false);
      }
      await context.close();
    }
  });
});

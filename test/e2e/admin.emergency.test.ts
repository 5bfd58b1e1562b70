/**
 * «Phát khẩn cấp» on Tổng quan in a real browser against a daemon that plays (issue 10): a reviewer
 * opens the form, is stopped with a reason when something is missing or refused, sees in plain words
 * what will happen (a group's other zone included) and confirms; the bulletin is listed with its next
 * repeat, the zones it reaches show «Đang phát khẩn cấp» and the others do not; an operator sees the
 * list live but is offered neither the button nor «Huỷ» (and the API refuses them); the reviewer
 * cancels it inline and the list empties on both pages. axe and the phone width on each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatInstant } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';

const TITLE = 'Cảnh báo lũ quét';
const TZ = 'Asia/Ho_Chi_Minh';

let ab: AdminBrowser;
let fixtures: string;
let itemId: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  ab = await startAdminBrowser({ LOA_PLAYOUT: 'true' });
  fixtures = await makeTempDir();
  await ab.addUser('kiemduyet', 'reviewer');
  await ab.addUser('vanhanh', 'operator');
  api = apiClient(ab.base);
  await api.login('admin', ADMIN_PASSWORD);
  // Một stands alone; Hai and Ba share one loudspeaker group (one player, one stream).
  for (const [id, name, group] of [['tdp-mot', 'Tổ dân phố Một', null], ['tdp-hai', 'Tổ dân phố Hai', 'cum-song'], ['tdp-ba', 'Tổ dân phố Ba', 'cum-song']]) {
    const put = await api.call('PUT', `/api/zones/${id}`, { name, group, windows: [], outputs: [{ type: 'http' }] });
    expect(put.status).toBe(200);
  }
  // Long enough to still be on air when the page is looked at on a busy machine.
  itemId = (await api.uploadApproved(await makeTone(fixtures, { freq: 880, seconds: 40, name: 'lu-quet.wav' }), { title: TITLE })).id;
}, 60_000);
afterAll(async () => {
  await ab?.close();
  if (fixtures) await removeDir(fixtures);
});

const panelOf = (page: Page): Locator => page.getByRole('region', { name: 'Bản tin khẩn cấp' });
const zoneCard = (page: Page, name: string): Locator => page.getByRole('article', { name, exact: true });
const noScrollNorViolations = async (page: Page) => {
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);
};

describe('admin page: emergency bulletins', () => {
  it('lets a reviewer air a bulletin after a confirm step, shows it on the zones it reaches, and cancel it', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'kiemduyet');
    // The whole flow at phone width: nothing may scroll sideways on the way.
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    const panel = panelOf(page);
    await expect.poll(() => panel.textContent()).toContain('Không có bản tin khẩn cấp nào đang phát');
    await expect.poll(() => zoneCard(page, 'Tổ dân phố Hai').textContent()).toContain('Đang nghỉ');

    await panel.getByRole('button', { name: 'Phát khẩn cấp', exact: true }).click();
    const form = panel.getByRole('form', { name: 'Phát khẩn cấp: chọn nội dung và nơi phát' });
    await form.waitFor();
    // Every enabled zone is chosen at first; the group is explained.
    for (const name of ['Tổ dân phố Một', 'Tổ dân phố Hai', 'Tổ dân phố Ba']) expect(await form.getByRole('checkbox', { name }).isChecked()).toBe(true);
    expect(await form.textContent()).toContain('Tổ dân phố Ba, Tổ dân phố Hai dùng chung một nhóm loa');
    await form.getByLabel('Tin bài', { exact: true }).locator('option', { hasText: TITLE }).waitFor({ state: 'attached' });
    await noScrollNorViolations(page);

    // A typed text instead: the station's speech engine reads it; the summary says so.
    await form.getByRole('radio', { name: 'Nhập văn bản để đọc' }).check();
    await form.getByLabel('Văn bản cần đọc').fill('Lũ quét có thể xảy ra trong đêm nay. Bà con không qua ngầm tràn.');
    expect(await form.textContent()).toContain('Bộ đọc văn bản của đài sẽ đọc nội dung này');
    await form.getByRole('button', { name: 'Xem lại trước khi phát' }).click();
    await expect.poll(() => panel.getByRole('group', { name: 'Kiểm tra lại trước khi phát' }).textContent())
      .toContain('Bộ đọc văn bản của đài đọc văn bản bạn nhập thành bản tin, rồi phát ngay, ngắt chương trình đang phát, trên 3 Tổ dân phố');
    await noScrollNorViolations(page);
    await panel.getByRole('button', { name: 'Quay lại' }).click();
    await form.getByRole('radio', { name: 'Tin bài có sẵn' }).check();

    // Nothing chosen: the page says what is missing and does not move on.
    await form.getByRole('button', { name: 'Xem lại trước khi phát' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Hãy chọn tin bài cần phát khẩn cấp.');

    await form.getByLabel('Tin bài', { exact: true }).selectOption(itemId);
    await form.getByRole('checkbox', { name: 'Tổ dân phố Một' }).uncheck();
    await form.getByRole('checkbox', { name: 'Tổ dân phố Ba' }).uncheck();
    await form.getByLabel('Số lần phát (kể cả lần đầu)').fill('2');
    await form.getByLabel('Cách nhau (phút)').fill('60');
    // An end in the past (yesterday, station time): the API refuses it and names the field.
    await form.getByLabel('Phát lặp đến (giờ của đài)').fill(formatInstant(Date.now() - 86_400_000, TZ).slice(0, 16));
    await form.getByRole('button', { name: 'Xem lại trước khi phát' }).click();
    await panel.getByRole('button', { name: 'Xác nhận phát khẩn cấp' }).click();
    const refused = form.getByRole('alert');
    await expect.poll(() => refused.textContent()).toContain('Phát lặp đến (giờ của đài): cần sửa ô này');
    expect(await form.getByLabel('Phát lặp đến (giờ của đài)').getAttribute('aria-invalid')).toBe('true');
    expect((await api.call<{ active: unknown[] }>('GET', '/api/emergency')).body.active).toEqual([]);

    await form.getByLabel('Phát lặp đến (giờ của đài)').fill('');
    await form.getByRole('button', { name: 'Xem lại trước khi phát' }).click();
    const confirm = panel.getByRole('group', { name: 'Kiểm tra lại trước khi phát' });
    await confirm.waitFor();
    const summary = await confirm.textContent();
    expect(summary).toContain(`Phát ngay «${TITLE}», ngắt chương trình đang phát, trên 2 Tổ dân phố: Tổ dân phố Ba, Tổ dân phố Hai.`);
    expect(summary).toContain('Tổ dân phố Ba cũng nghe, vì dùng chung nhóm loa với Tổ dân phố đã chọn.');
    expect(summary).toContain('Lặp lại: phát tổng cộng 2 lần, cách nhau 60 phút.');
    await noScrollNorViolations(page);

    await confirm.getByRole('button', { name: 'Xác nhận phát khẩn cấp' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain(`Đã phát khẩn cấp «${TITLE}» trên: Tổ dân phố Ba, Tổ dân phố Hai.`);
    expect(await panel.getByRole('form').count()).toBe(0);
    const listed = panel.getByRole('listitem');
    await expect.poll(() => listed.count()).toBe(1);
    const entry = await listed.textContent();
    expect(entry).toContain(TITLE);
    expect(entry).toContain('Trên: Tổ dân phố Ba, Tổ dân phố Hai');
    expect(entry).toMatch(/Lượt tiếp theo: .+ \(còn 1 lượt\)/);
    expect(entry).toContain('Người phát: bạn (kiemduyet)');

    // The zones it reaches show it; the zone left out plays on as before.
    for (const name of ['Tổ dân phố Hai', 'Tổ dân phố Ba']) {
      const card = zoneCard(page, name);
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('Đang phát khẩn cấp');
      expect(await card.textContent()).toContain(TITLE);
      expect(await card.textContent()).toContain('Khẩn cấp: lượt tiếp theo');
    }
    const mot = await zoneCard(page, 'Tổ dân phố Một').textContent();
    expect(mot).not.toContain('Đang phát khẩn cấp');
    expect(mot).not.toContain('Khẩn cấp: lượt tiếp theo');
    await noScrollNorViolations(page);

    // An operator sees it live, with no way to trigger or cancel; the API refuses both.
    const op = await ab.newPage();
    await loginAs(op.page, ab.base, 'vanhanh');
    const opPanel = panelOf(op.page);
    await expect.poll(() => opPanel.textContent()).toContain(TITLE);
    expect(await opPanel.getByRole('button').count()).toBe(0);
    expect(await op.page.getByRole('button', { name: 'Phát khẩn cấp', exact: true }).count()).toBe(0);
    const opToken = await ab.t.login('vanhanh', 'vanhanh-password');
    const asOperator = (method: string, path: string, body?: unknown) => fetch(`${ab.base}${path}`, {
      method, headers: { authorization: `Bearer ${opToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    expect((await asOperator('POST', '/api/emergency', { itemId, zones: ['tdp-mot'] })).status).toBe(403);
    const active = (await api.call<{ active: { id: string }[] }>('GET', '/api/emergency')).body.active;
    expect((await asOperator('DELETE', `/api/emergency/${active[0]!.id}`)).status).toBe(403);

    // «Huỷ» asks first, inline; «Không huỷ» leaves it airing.
    await panel.getByRole('button', { name: `Huỷ bản tin «${TITLE}»` }).click();
    const question = panel.getByRole('group', { name: `Huỷ bản tin «${TITLE}» và các lượt lặp lại?`, exact: false });
    await expect.poll(() => question.textContent()).toContain('Chương trình thường lệ phát tiếp ngay trên: Tổ dân phố Ba, Tổ dân phố Hai.');
    await noScrollNorViolations(page);
    await question.getByRole('button', { name: 'Không huỷ' }).click();
    expect(await question.count()).toBe(0);
    expect((await api.call<{ active: unknown[] }>('GET', '/api/emergency')).body.active).toHaveLength(1);

    await panel.getByRole('button', { name: `Huỷ bản tin «${TITLE}»` }).click();
    await question.getByRole('button', { name: 'Huỷ bản tin khẩn cấp', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain(`Đã huỷ bản tin khẩn cấp «${TITLE}»`);
    await expect.poll(() => panel.textContent()).toContain('Không có bản tin khẩn cấp nào đang phát');
    expect((await api.call<{ active: unknown[] }>('GET', '/api/emergency')).body.active).toEqual([]);
    // The tiles drop the bulletin at once (the programme resumes; nothing else is due here).
    await expect.poll(() => zoneCard(page, 'Tổ dân phố Hai').textContent(), { timeout: 10_000 }).not.toContain('Đang phát khẩn cấp');
    expect(await zoneCard(page, 'Tổ dân phố Hai').textContent()).not.toContain('Khẩn cấp: lượt tiếp theo');
    // The operator's page follows through the event stream: no bulletin, so no panel at all.
    await expect.poll(() => opPanel.count(), { timeout: 10_000 }).toBe(0);
    await op.context.close();
    await context.close();
  }, 75_000);
});

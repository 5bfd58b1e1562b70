/**
 * Đăng nhập in a real browser: the page at `/` is Vietnamese, logs in with a cookie session
 * (httpOnly, SameSite=Strict), refuses a wrong password, locks a (user, address) out after five
 * failures while others still get in, demands the CSRF token, switches to English and logs out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, PHONE, scrollsSideways, seriousViolations, startAdminBrowser, type AdminBrowser } from '../support/adminBrowser.ts';

let ab: AdminBrowser;
beforeAll(async () => {
  ab = await startAdminBrowser();
  await ab.addUser('vanhanh', 'operator');
}, 60_000);
afterAll(async () => ab?.close());

describe('admin page: login', () => {
  it('serves a Vietnamese login page with no serious accessibility violation, on a phone too', async () => {
    const { context, page } = await ab.newPage(PHONE);
    await page.goto(`${ab.base}/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await context.close();
  });

  it('refuses a wrong password, then locks that user out from this address while the admin still gets in', async () => {
    const { context, page } = await ab.newPage();
    await page.goto(`${ab.base}/`);
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('Tên đăng nhập').fill('vanhanh');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    }
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/thử lại sau \d+ giây/);
    // Even the right password waits now, and the API says how long.
    const res = await page.request.post(`${ab.base}/api/auth/session`, { data: { username: 'vanhanh', password: 'vanhanh-password' } });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
    await context.close();

    const admin = await ab.newPage();
    await loginAs(admin.page, ab.base, 'admin');
    await admin.context.close();
  });

  it('keeps the session in an httpOnly SameSite=Strict cookie and refuses a change without the CSRF token', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'admin');
    const cookie = (await context.cookies()).find((c) => c.name === 'loa_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000);
    const noToken = await page.evaluate(async () => {
      const res = await fetch('/api/plan', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: res.status, body: (await res.json()) as { message: string } };
    });
    expect(noToken.status).toBe(403);
    expect(noToken.body.message).toContain('CSRF');
    await context.close();
  });

  it('loads everything from the daemon (no CDN, works on a LAN) in under 300 KB, audio excluded', async () => {
    const { context, page } = await ab.newPage();
    const elsewhere: string[] = [];
    const sizes = new Map<string, number>();
    page.on('request', (req) => { if (!req.url().startsWith(ab.base) && !req.url().startsWith('data:')) elsewhere.push(req.url()); });
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'media' || res.url().includes('/stream/')) return;
      // Bytes as sent: headers plus body (no compression is configured, so the body is what travels).
      const body = await res.body().catch(() => Buffer.alloc(0));
      sizes.set(res.url(), body.length + JSON.stringify(res.headers()).length);
    });
    await loginAs(page, ab.base, 'admin');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('load');
    expect(elsewhere).toEqual([]);
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    console.log(`admin page first load: ${sizes.size} responses, ${Math.round(total / 1024)} KB`);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(300 * 1024);
    await context.close();
  });

  it('switches to English and back, and logging out ends the session on the server', async () => {
    const { context, page } = await ab.newPage();
    await loginAs(page, ab.base, 'admin');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    const cookie = (await context.cookies()).find((c) => c.name === 'loa_session')!;
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    const reuse = await fetch(`${ab.base}/api/auth/me`, { headers: { cookie: `loa_session=${cookie.value}` } });
    expect(reuse.status).toBe(401);
    await context.close();
  });
});

/**
 * The admin page in a real browser: Debian's chromium (headless) driven by playwright-core against a
 * real, listening daemon. A missing chromium FAILS (apt-get install -y chromium), never skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from './testDaemon.ts';

const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface AdminBrowser {
  t: TestDaemon;
  base: string;
  browser: Browser;
  /** A fresh browser context (own cookies) with a page at the given viewport. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Creates a user (password `${name}-password`) through the API. */
  addUser(name: string, role: 'admin' | 'reviewer' | 'operator' | 'submitter', unit?: string | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a listening daemon (demo off unless env says otherwise) and chromium; `launchArgs` are added
 * to chromium's (e.g. a fake microphone: --use-fake-device-for-media-stream).
 */
export async function startAdminBrowser(env: Record<string, string> = {}, launchArgs: string[] = []): Promise<AdminBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}; the admin page's browser tests need it (apt-get install -y chromium).`);
  const t = await startTestDaemon({ listen: true, env: { LOA_PLAYOUT: 'false', ...env } });
  const base = `http://127.0.0.1:${(t.daemon.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required', '--lang=vi-VN', ...launchArgs],
  });
  return {
    t,
    base,
    browser,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      return { context, page };
    },
    async addUser(name, role, unit = null) {
      await t.userToken(name, role, unit);
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Opens the page and logs in through the login form; waits for the page's header (the menu folds on a phone). */
export async function loginAs(page: Page, base: string, username: string, password = username === 'admin' ? ADMIN_PASSWORD : `${username}-password`): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('banner').waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core on the current page: the serious and critical violations (the issue allows none). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the debugger, not as an inline <script>: the page's CSP rightly refuses those.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** True when the page scrolls sideways (the issue allows none at 390 px). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return doc.documentElement.scrollWidth > doc.documentElement.clientWidth + 1;
  });
}

/**
 * `npm run screenshots`: the admin page's main screens at desktop and phone width, as the README shows
 * them, taken from a real daemon with the demo ward (its items ingested and approved, a plan made).
 * Writes docs/screenshots/<screen>-<desktop|phone>.png. Needs Debian's chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, loginAs, PHONE, startAdminBrowser } from '../test/support/adminBrowser.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const SCREENS = ['dashboard', 'library', 'review', 'schedule', 'zones', 'topics', 'airtime', 'reports', 'users'];

async function waitForDemo(base: string, page: Page): Promise<void> {
  // The demo's items ingest in the background (about 40 s); the shots show them ready.
  for (let i = 0; i < 240; i++) {
    const counts = await page.evaluate(async (url) => (await fetch(`${url}/api/items?status=processing`)).json(), base) as { items?: unknown[] };
    if ((counts.items ?? []).length === 0) return;
    await page.waitForTimeout(1000);
  }
  throw new Error('the demo items did not finish ingesting in 4 minutes');
}

/** Something on air in every zone for the dashboard's shot (the demo's windows may be over for the day). */
async function playSomethingNow(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const items = (await (await fetch('/api/items?status=approved')).json()) as { items: { id: string; durationMs: number }[] };
    const zones = (await (await fetch('/api/zones')).json()) as { zones: { id: string }[] };
    const longest = [...items.items].sort((a, b) => b.durationMs - a.durationMs)[0];
    if (!longest) return;
    await fetch('/api/programmes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ zones: zones.zones.map((z) => z.id), items: [longest.id], outsideWindows: true }),
    });
  });
}

/** Tomorrow in the station's zone: the schedule shows a whole planned day whatever the hour. */
const tomorrow = new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

const ab = await startAdminBrowser({ LOA_DEMO: 'true', LOA_PLAYOUT: 'true' });
try {
  mkdirSync(OUT, { recursive: true });
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { context, page } = await ab.newPage(viewport);
    await loginAs(page, ab.base, 'admin');
    await waitForDemo(ab.base, page);
    await playSomethingNow(page);
    for (const screen of SCREENS) {
      await page.goto(`${ab.base}/#/${screen}${screen === 'schedule' ? `?date=${tomorrow}` : ''}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(OUT, `${screen}-${name}.png`), fullPage: name === 'desktop' ? false : true });
      process.stdout.write(`${screen}-${name}.png\n`);
    }
    await context.close();
  }
} finally {
  await ab.close();
}

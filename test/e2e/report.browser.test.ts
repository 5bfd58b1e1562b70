/**
 * The HTML report in a real browser (Debian chromium, headless, through playwright-core): at the A4
 * width (794 px at 96 dpi) nothing overflows horizontally, on screen or in print, and it prints to an
 * A4 PDF and a PNG. A missing chromium FAILS these tests (install it: apt-get install -y chromium).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import type { MonthlyReport } from '../../src/reports/model.ts';
import { renderReportHtml } from '../../src/reports/renderHtml.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_STATION, FIXTURE_TZ } from '../support/airtimeFixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const A4_WIDTH_PX = 794;
const A4_HEIGHT_PX = 1123;
const out = mkdtempSync(join(tmpdir(), 'loa-report-e2e-'));
let browser: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; the report's browser test needs it (apt-get install -y chromium).`);
  }
  browser ??= chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return browser;
}

afterAll(async () => {
  if (browser) await (await browser).close();
  rmSync(out, { recursive: true, force: true });
});

/** The few DOM shapes the in-page check reads (the test compiles without the DOM lib). */
interface Box {
  scrollWidth: number;
  clientWidth: number;
  className: string;
  parentElement: Box | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number };
}

/** Widths that must not exceed their container: the document, each table, each chart. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const document = (globalThis as unknown as { document: { documentElement: Box; querySelectorAll(s: string): Iterable<Box> } }).document;
    const doc = document.documentElement;
    const tables = [...document.querySelectorAll('table')].map((t) => ({
      name: t.getAttribute('data-table') ?? t.className,
      scroll: t.scrollWidth,
      container: t.parentElement!.clientWidth,
    }));
    const charts = [...document.querySelectorAll('svg')].map((s) => ({
      width: s.getBoundingClientRect().width,
      container: s.parentElement!.clientWidth,
    }));
    return { scroll: doc.scrollWidth, client: doc.clientWidth, tables, charts };
  });
}

async function checkNoOverflow(page: Page): Promise<void> {
  const o = await overflow(page);
  expect(o.client).toBeLessThanOrEqual(A4_WIDTH_PX);
  expect(o.scroll, 'document scrolls horizontally').toBeLessThanOrEqual(o.client);
  expect(o.tables.length).toBeGreaterThan(0);
  for (const t of o.tables) expect(t.scroll, `table ${t.name} is wider than its container`).toBeLessThanOrEqual(t.container);
  expect(o.charts).toHaveLength(2);
  for (const c of o.charts) expect(c.width).toBeLessThanOrEqual(c.container + 0.5);
}

/** Renders, checks screen and print layouts, writes the PDF and PNG; returns the PDF's page count. */
async function renderAndCheck(html: string, name: string): Promise<number> {
  const page = await (await launch()).newPage({ viewport: { width: A4_WIDTH_PX, height: A4_HEIGHT_PX } });
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await checkNoOverflow(page);
    await page.emulateMedia({ media: 'print' });
    await checkNoOverflow(page);

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(out, `${name}.pdf`), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);

    await page.emulateMedia({ media: 'screen' });
    const png = await page.screenshot({ fullPage: true, path: join(out, `${name}.png`) });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(A4_WIDTH_PX); // IHDR width
    return pages;
  } finally {
    await page.close();
  }
}

describe('HTML report in headless chromium', () => {
  it('the fixture report fits A4 width and prints to an A4 PDF and a PNG', async () => {
    const report = buildMonthlyReport(buildAirtimeFixture(), { month: '2026-05', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    const pages = await renderAndCheck(renderReportHtml(report, { stationName: FIXTURE_STATION, place: 'Hải Dương' }), 'fixture');
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('long unbroken names, many zones and large numbers still wrap inside the page', async () => {
    const base = buildMonthlyReport(buildAirtimeFixture(), { month: '2026-05', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    const report: MonthlyReport = structuredClone(base);
    const long = 'Tổdânphốsố'.repeat(8);
    const zone = report.byZone[0]!;
    report.byZone = Array.from({ length: 60 }, (_, i) => ({
      ...zone, zone: `tdp-${i + 1}-${'x'.repeat(40)}`, name: `${long}-${i + 1}`, plays: 1_234_567 + i, minutes: 1_555_680.8 + i,
    }));
    report.units[0]!.unit = `Trung-tâm-Phục-vụ-hành-chính-công-${'a'.repeat(120)}`;
    report.bulletins.items[0]!.title = `https://example.vn/${'rat-dai/'.repeat(30)}`;
    report.incidents.byZone[0]!.outputs[0]!.output = `icecast://source:secret@very-long-host-name.example.vn:8000/${'mount'.repeat(20)}`;
    report.topics[0]!.name = long;
    const pages = await renderAndCheck(renderReportHtml(report, { stationName: `Đài truyền thanh ${long}` }), 'stress');
    expect(pages).toBeGreaterThan(3);
  });
});

/**
 * A small inline-SVG bar chart generator (no chart library): horizontal bars, one row per category,
 * optionally stacked by series with a legend. The SVG scales to its container (viewBox + width 100%),
 * so it never widens a printed A4 page.
 */

/** One bar (row) of a chart. */
export interface BarCategory {
  label: string;
  /** One value per series. */
  values: number[];
}

/** A horizontal bar chart: categories (rows) with one value per series. */
export interface BarChartOptions {
  /** Accessible name of the chart. */
  title: string;
  categories: BarCategory[];
  /** Series names; a legend is drawn when there is more than one. */
  series: string[];
  formatValue: (n: number) => string;
  /** viewBox width in px (default 680, the A4 text width at 96 dpi). */
  width?: number;
}

/** Colours of the series, dark to light, readable when printed in greyscale. */
export const SERIES_COLOURS = ['#1f4e79', '#2e75b6', '#9dc3e6', '#c55a11', '#f4b183', '#548235', '#a9d18e', '#7f6000'];

const LABEL_W = 190;
const VALUE_W = 64;
const ROW_H = 20;
const BAR_H = 13;
const LEGEND_H = 16;
/** Average glyph advance of the 11px serif labels, for laying out the legend. */
const CHAR_W = 5.6;
const AXIS_H = 18;
const MAX_LABEL_CHARS = 32;

/** Escapes text for SVG/HTML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A round axis maximum: the smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above n (1 for n ≤ 0). */
export function niceCeil(n: number): number {
  if (!(n > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= n - 1e-9 * p) return m * p;
  return 10 * p;
}

/** Renders a horizontal (stacked) bar chart as an <svg> element string. */
export function horizontalBarChart(o: BarChartOptions): string {
  const width = o.width ?? 680;
  const parts: string[] = [];
  // Legend items flow left to right and wrap onto further lines.
  let legendLines = 0;
  if (o.series.length > 1) {
    let lx = 4;
    legendLines = 1;
    o.series.forEach((name, i) => {
      const w = 22 + name.length * CHAR_W;
      if (lx > 4 && lx + w > width) {
        lx = 4;
        legendLines += 1;
      }
      const ly = (legendLines - 1) * LEGEND_H + 4;
      parts.push(
        `<rect x="${round(lx)}" y="${ly}" width="10" height="10" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/>`,
        `<text x="${round(lx + 14)}" y="${ly + 9}" class="legend">${escapeXml(name)}</text>`,
      );
      lx += w;
    });
  }
  const top = legendLines * LEGEND_H + 4;
  const plotW = width - LABEL_W - VALUE_W;
  const height = top + o.categories.length * ROW_H + AXIS_H;
  const totals = o.categories.map((c) => c.values.reduce((a, b) => a + b, 0));
  const max = niceCeil(Math.max(0, ...totals));
  const x = (v: number) => LABEL_W + (v / max) * plotW;
  for (let g = 0; g <= 4; g++) {
    const gx = round(LABEL_W + (g / 4) * plotW);
    const gy = top + o.categories.length * ROW_H;
    parts.push(
      `<line x1="${gx}" y1="${top}" x2="${gx}" y2="${gy}" class="grid"/>`,
      `<text x="${gx}" y="${gy + 13}" text-anchor="middle" class="axis">${escapeXml(o.formatValue((g / 4) * max))}</text>`,
    );
  }
  o.categories.forEach((c, row) => {
    const y = top + row * ROW_H;
    const short = c.label.length > MAX_LABEL_CHARS ? `${c.label.slice(0, MAX_LABEL_CHARS - 1)}…` : c.label;
    parts.push(
      `<text x="${LABEL_W - 6}" y="${y + BAR_H}" text-anchor="end" class="label"><title>${escapeXml(c.label)}</title>${escapeXml(short)}</text>`,
    );
    let acc = 0;
    c.values.forEach((v, i) => {
      if (v <= 0) return;
      const x0 = x(acc);
      acc += v;
      parts.push(
        `<rect x="${round(x0)}" y="${y + 3}" width="${round(x(acc) - x0)}" height="${BAR_H}" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}">` +
          `<title>${escapeXml(`${c.label} — ${o.series[i] ?? ''}: ${o.formatValue(v)}`)}</title></rect>`,
      );
    });
    parts.push(`<text x="${round(x(acc) + 4)}" y="${y + BAR_H}" class="value">${escapeXml(o.formatValue(totals[row]!))}</text>`);
  });

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" ` +
    `aria-label="${escapeXml(o.title)}" preserveAspectRatio="xMinYMin meet" class="chart">` +
    `<style>.label,.value,.axis,.legend{font:11px 'Times New Roman',serif;fill:#000}.axis{font-size:9px;fill:#444}` +
    `.grid{stroke:#ccc;stroke-width:0.5}</style>${parts.join('')}</svg>`
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The quality report as [label, value] rows for a console table (benches, the CLI). */
import type { FillFigure, PlanQuality } from './planQuality.ts';

const RULE_LINES = 8;

/** Rows in a fixed order; rules below 100% are listed worst first, at most a few. */
export function formatPlanQuality(q: PlanQuality): [string, string][] {
  const rows: [string, string][] = [
    ['quality: zones / slots measured', `${q.zones} / ${q.slots} (${q.slotsOutsideWindows} outside windows)`],
    ['fill of peak windows', fill(q.fill.peak)],
    ['fill of non-peak windows', fill(q.fill.nonPeak)],
    ['empty peak windows, items available', `${q.emptyPeakWindows.withItems} (of ${q.emptyPeakWindows.total} empty peak windows)`],
  ];
  if (q.emptyPeakWindows.examples.length > 0) {
    rows.push(['  e.g.', q.emptyPeakWindows.examples.map((e) => `${e.zone} ${e.date} ${e.window}`).join('; ')]);
  }
  const p = q.playsPerItem;
  rows.push([
    'plays per item per zone min/med/max',
    `${num(p.min)} / ${num(p.median)} / ${num(p.max)} (${p.items} items valid, ${p.neverPlanned} never planned)`,
  ]);
  const f = q.firstAiring;
  rows.push([
    'approval → first airing (median)',
    f.medianMinutes === null
      ? 'none planned'
      : `${f.medianMinutes.toFixed(0)} min (${hours(f.medianMinutes)}) over ${f.pairs} zone-items; ${pct(f.peakShare)} in peak windows`,
  ]);
  const c = q.ceremonial;
  rows.push([
    'ceremonial share, max of zone-months',
    `plays ${pct(c.maxPlayShare)} · airtime ${pct(c.maxAirtimeShare)} · items ${pct(c.maxItemShare)} ` +
      `(${c.zoneMonthsAtCap} of ${c.zoneMonths} zone-months at the ${pct(c.cap)} cap)`,
  ]);
  const t = q.topics;
  const withMin = t.rules.filter((r) => r.periods > 0);
  const short = withMin.filter((r) => r.met < r.periods).sort((a, b) => a.met / a.periods - b.met / b.periods);
  rows.push([
    'topic minima met (zone-periods)',
    `${pct(t.share)}: ${t.met} of ${t.periods} (${withMin.length - short.length} of ${withMin.length} rules always met)`,
  ]);
  for (const r of short.slice(0, RULE_LINES)) {
    const what = `${r.per} ≥ ${r.min}${r.peakOnly ? ' in peak' : ''}${r.max === null ? '' : `, ≤ ${r.max}`}`;
    rows.push([`  ${r.topic} #${r.ruleIndex} (${what})`, `${r.met} / ${r.periods} (${pct(r.met / r.periods)})`]);
  }
  if (short.length > RULE_LINES) rows.push(['  …', `${short.length - RULE_LINES} more rules below 100%`]);
  rows.push(['topic maxima exceeded (zone-periods)', String(t.maxExceeded)]);
  return rows;
}

function fill(f: FillFigure): string {
  return `${pct(f.share)} of ${(f.windowMs / 3_600_000).toFixed(0)} h in ${f.windows} windows`;
}

/** A share as a percentage; only a whole 100% reads "100.0%" and only nothing reads "0.0%". */
function pct(share: number | null): string {
  if (share === null) return '–';
  const text = (share * 100).toFixed(1);
  if (text === '100.0' && share < 1) return '99.9%';
  if (text === '0.0' && share > 0) return '<0.1%';
  return `${text}%`;
}

function num(v: number | null): string {
  return v === null ? '–' : v.toFixed(2);
}

function hours(minutes: number): string {
  return `${(minutes / 60).toFixed(1)} h`;
}

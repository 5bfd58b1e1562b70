/**
 * Roll-ups of the month pass: per zone and per day from the cells, per kind / unit / topic from the
 * item facts. A programme is a cell of the month with a window label and at least one aired play.
 */
import type { MonthAggregate } from './monthAggregate.ts';

/** Figures of one group (zone, day, or the whole month). */
export interface Totals {
  programmes: number;
  plays: number;
  airtimeMs: number;
  ceremonialPlays: number;
  ceremonialMs: number;
  distinctItems: number;
}

/** Figures of one facts group (kind, unit, topic). */
export interface FactsTotals {
  plays: number;
  airtimeMs: number;
  distinctItems: number;
}

const zero = (): Totals => ({ programmes: 0, plays: 0, airtimeMs: 0, ceremonialPlays: 0, ceremonialMs: 0, distinctItems: 0 });

/** Per zone id; zones that only appear outside the month are absent. */
export function zoneTotals(agg: MonthAggregate): Map<string, Totals> {
  const byNumber: (Totals | undefined)[] = [];
  for (const c of agg.cells) {
    if (c.monthDay < 0 || c.plays === 0) continue;
    const t = (byNumber[c.zone] ??= zero());
    addCell(t, c);
  }
  const out = new Map<string, Totals>();
  byNumber.forEach((t, zone) => {
    if (t) out.set(agg.zoneIds[zone]!, { ...t, distinctItems: agg.zoneItems.count(zone) });
  });
  return out;
}

/** Per day of the month, in order. */
export function dayTotals(agg: MonthAggregate, monthDays: number): Totals[] {
  const days = Array.from({ length: monthDays }, zero);
  for (const c of agg.cells) {
    if (c.monthDay < 0 || c.plays === 0) continue;
    addCell(days[c.monthDay]!, c);
  }
  days.forEach((t, d) => (t.distinctItems = agg.dayItems.count(d)));
  return days;
}

/** The whole month. */
export function overallTotals(agg: MonthAggregate): Totals {
  const t = zero();
  for (const c of agg.cells) if (c.monthDay >= 0 && c.plays > 0) addCell(t, c);
  t.distinctItems = agg.itemCount;
  return t;
}

/** Groups the facts that aired in the month by the keys `keysOf` gives (a facts record may have several). */
export function factsTotals<K>(agg: MonthAggregate, keysOf: (f: MonthAggregate['facts'][number]) => readonly K[]): Map<K, FactsTotals> {
  const groups = new Map<K, { plays: number; airtimeMs: number; items: Set<number> }>();
  for (const f of agg.facts) {
    if (f.plays === 0) continue;
    for (const key of keysOf(f)) {
      let g = groups.get(key);
      if (!g) {
        g = { plays: 0, airtimeMs: 0, items: new Set() };
        groups.set(key, g);
      }
      g.plays += f.plays;
      g.airtimeMs += f.airtimeMs;
      g.items.add(f.item);
    }
  }
  return new Map([...groups].map(([k, g]) => [k, { plays: g.plays, airtimeMs: g.airtimeMs, distinctItems: g.items.size }]));
}

function addCell(t: Totals, c: MonthAggregate['cells'][number]): void {
  if (c.window !== null) t.programmes += 1;
  t.plays += c.plays;
  t.airtimeMs += c.airtimeMs;
  t.ceremonialPlays += c.ceremonialPlays;
  t.ceremonialMs += c.ceremonialMs;
}

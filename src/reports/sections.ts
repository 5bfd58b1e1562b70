/**
 * Builders of the smaller report sections from tallies and SQL groups: headline, comparison with the
 * previous month, incidents per zone and output, units, planned vs aired.
 */
import type { AiredSummary, IncidentGroup } from '../storage/reportQueries.ts';
import type { PlannedGroup } from '../storage/reportSummaries.ts';
import type { Comparison, Headline, MonthlyReport, PlannedZone, UnitFigures, ZoneIncidents } from './model.ts';
import { toMinutes } from './model.ts';
import type { FactsTotals } from './rollup.ts';

/** Label used for an incident whose row lists no output. */
export const NO_OUTPUT = '—';

/** The raw counts a headline is made of: a scope's aired figures, interrupted and preempted plays as one. */
export type HeadlineCounts = Omit<AiredSummary, 'interrupted' | 'preempted'> & { interruptions: number };

/** Adds minutes and ceremonial shares to raw counts; the keys come in one order whatever the source. */
export function toHeadline(c: HeadlineCounts): Headline {
  return {
    programmes: c.programmes,
    plays: c.plays,
    airtimeMs: c.airtimeMs,
    distinctItems: c.distinctItems,
    activeZones: c.activeZones,
    ceremonialPlays: c.ceremonialPlays,
    ceremonialMs: c.ceremonialMs,
    emergencyPlays: c.emergencyPlays,
    priorityPlays: c.priorityPlays,
    relayPlays: c.relayPlays,
    failed: c.failed,
    interruptions: c.interruptions,
    minutes: toMinutes(c.airtimeMs),
    ceremonialPlayShare: c.plays > 0 ? c.ceremonialPlays / c.plays : 0,
    ceremonialAirtimeShare: c.airtimeMs > 0 ? c.ceremonialMs / c.airtimeMs : 0,
  };
}

const COMPARED: Comparison['metric'][] = [
  'programmes', 'plays', 'distinctItems', 'minutes', 'activeZones', 'ceremonialPlays', 'ceremonialPlayShare',
  'ceremonialAirtimeShare', 'emergencyPlays', 'priorityPlays', 'relayPlays', 'failed', 'interruptions',
];

/** The headline figures side by side with the previous month; minutes compare exact airtime. */
export function compareHeadlines(current: Headline, previous: Headline): Comparison[] {
  return COMPARED.map((metric) => {
    if (metric === 'minutes') {
      const deltaMs = current.airtimeMs - previous.airtimeMs;
      return {
        metric,
        current: current.minutes,
        previous: previous.minutes,
        delta: toMinutes(deltaMs),
        change: previous.airtimeMs > 0 ? deltaMs / previous.airtimeMs : null,
      };
    }
    const cur = current[metric];
    const prev = previous[metric];
    const delta = cur - prev;
    return { metric, current: cur, previous: prev, delta, change: prev !== 0 ? delta / prev : null };
  });
}

/** Outcome totals over incident groups (rows, not outputs). */
export function incidentTotals(groups: readonly IncidentGroup[]): MonthlyReport['incidents']['totals'] {
  const totals = { failed: 0, interrupted: 0, preempted: 0, skipped: 0 };
  for (const g of groups) totals[g.outcome] += g.count;
  return totals;
}

/** Incidents per zone (row counts) and per output named in each row's outputs JSON. */
export function incidentSection(
  groups: readonly IncidentGroup[],
  zoneName: (id: string) => string,
  zoneOrder: (a: string, b: string) => number,
): MonthlyReport['incidents'] {
  const zones = new Map<string, ZoneIncidents>();
  for (const g of groups) {
    let z = zones.get(g.zone);
    if (!z) {
      z = { zone: g.zone, name: zoneName(g.zone), failed: 0, interrupted: 0, preempted: 0, skipped: 0, outputs: [] };
      zones.set(g.zone, z);
    }
    z[g.outcome] += g.count;
    // A skipped play never reached an output.
    if (g.outcome === 'skipped') continue;
    for (const name of outputNames(g.outputs)) {
      let o = z.outputs.find((x) => x.output === name);
      if (!o) {
        o = { output: name, failed: 0, interrupted: 0, preempted: 0 };
        z.outputs.push(o);
      }
      o[g.outcome] += g.count;
    }
  }
  const byZone = [...zones.values()].sort((a, b) => zoneOrder(a.zone, b.zone));
  for (const z of byZone) {
    z.outputs.sort((a, b) => (a.output === NO_OUTPUT ? 1 : b.output === NO_OUTPUT ? -1 : a.output.localeCompare(b.output)));
  }
  return { totals: incidentTotals(groups), byZone };
}

/** Output names of an outputs JSON value (strings, or objects with a name/type); NO_OUTPUT when none. */
function outputNames(json: string): string[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return [NO_OUTPUT];
  }
  if (!Array.isArray(list) || list.length === 0) return [NO_OUTPUT];
  const names = list.map((o: unknown) => {
    // A mount is logged with its audience ("http:/stream/tdp-1 (3 listeners)"): count it as one output.
    if (typeof o === 'string') return o.replace(/ \(\d+ listeners?\)$/, '');
    if (o && typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      if (typeof rec.name === 'string') return rec.name;
      if (typeof rec.type === 'string') return rec.type;
    }
    return JSON.stringify(o);
  });
  return [...new Set(names)];
}

/** Units: items contributed in the month and what aired, sorted by name (no unit last). */
export function unitSection(
  contributed: readonly { unit: string | null; items: number }[],
  aired: ReadonlyMap<string | null, FactsTotals>,
  collator: Intl.Collator,
): UnitFigures[] {
  const units = new Map<string | null, UnitFigures>();
  const get = (unit: string | null): UnitFigures => {
    let u = units.get(unit);
    if (!u) {
      u = { unit, contributed: 0, distinctItemsAired: 0, plays: 0, airtimeMs: 0, minutes: 0 };
      units.set(unit, u);
    }
    return u;
  };
  for (const c of contributed) get(c.unit).contributed += c.items;
  for (const [unit, t] of aired) {
    const u = get(unit);
    u.distinctItemsAired = t.distinctItems;
    u.plays = t.plays;
    u.airtimeMs = t.airtimeMs;
    u.minutes = toMinutes(t.airtimeMs);
  }
  return [...units.values()].sort((a, b) =>
    a.unit === null ? 1 : b.unit === null ? -1 : collator.compare(a.unit, b.unit),
  );
}

/** Planned slots vs aired plays per zone, with totals. */
export function plannedSection(
  zones: readonly { id: string; name: string }[],
  planned: readonly PlannedGroup[],
  aired: (zone: string) => { plays: number; airtimeMs: number },
): MonthlyReport['planned'] {
  const byZone = new Map(planned.map((p) => [p.zone, p]));
  const rows: PlannedZone[] = zones.map((z) => {
    const p = byZone.get(z.id);
    const a = aired(z.id);
    return row(z.id, z.name, p?.slots ?? 0, p?.plannedMs ?? 0, a.plays, a.airtimeMs);
  });
  const sum = (f: (r: PlannedZone) => number) => rows.reduce((n, r) => n + f(r), 0);
  const { zone: _z, name: _n, ...totals } = row('', '', sum((r) => r.plannedSlots), sum((r) => r.plannedMs), sum((r) => r.airedPlays), sum((r) => r.airedMs));
  return { zones: rows, totals };
}

function row(zone: string, name: string, slots: number, plannedMs: number, plays: number, airedMs: number): PlannedZone {
  return {
    zone,
    name,
    plannedSlots: slots,
    plannedMs,
    plannedMinutes: toMinutes(plannedMs),
    airedPlays: plays,
    airedMs,
    airedMinutes: toMinutes(airedMs),
    diffPlays: plays - slots,
    diffMinutes: toMinutes(airedMs - plannedMs),
  };
}

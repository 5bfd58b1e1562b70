/**
 * Topic-rule compliance from aired counts: for each rule, each zone in scope and each required period
 * (a day of the month, or an ISO week the month owns), met when count ≥ min, over the cap when
 * count > max, by the rules in force when the period ended (revisions.ts). See model.ts for the exact
 * counting rules.
 */
import type { TopicRule } from '../domain/station.ts';
import { addDays, isoWeekLabel } from '../domain/time.ts';
import type { TopicDayCounts } from './monthAggregate.ts';
import type { JudgedTopic } from './revisions.ts';
import type { PeriodCount, RuleCompliance, ZoneCompliance } from './model.ts';
import type { MonthPeriod } from './period.ts';
import { epochDay } from './period.ts';

/** A period to judge, with its days as indices into the scan-range count arrays. */
interface RulePeriod {
  period: string;
  from: string;
  to: string;
  scanIdx: number[];
  /** The min owed for the period (pro-rated for a week the rule's dates cut). */
  wanted: number;
}

/** The settings a period is judged by (revisions.ts): the zones then enabled and the topics' rules. */
export interface PeriodSettings {
  revision: number;
  enabled: ReadonlySet<string>;
  topics: readonly JudgedTopic[];
}

/** The month, the zones the report covers, the settings of each period and the per-day counts of the month pass. */
export interface ComplianceContext {
  period: MonthPeriod;
  /** The zones the report covers (the requested one, or the station's), in report order. */
  reportZones: readonly { id: string; name: string }[];
  /** The settings a period ending on the local date `lastDay` is judged by. */
  governing(lastDay: string): PeriodSettings;
  /** The settings at the month's end: their rules are listed even when they require no period of the month. */
  monthEnd: PeriodSettings;
  counts(zone: string, topic: string): TopicDayCounts | undefined;
}

/** A rule as it stood in the revisions that judged some periods, with those periods grouped by the zones they covered. */
interface RuleVersion {
  index: number;
  rule: TopicRule;
  /** Periods by the set of zones in scope for them (one set per revision: usually a single group). */
  groups: Map<ReadonlySet<string>, RulePeriod[]>;
  /** Every zone the version covered in some period (or, for a version with none, at the month's end). */
  scope: Set<string>;
  firstDay: string;
}

/** A topic's rule under one revision: its version key and the zones it covered then. */
interface RuleUnder {
  index: number;
  rule: TopicRule;
  key: string;
  zones: ReadonlySet<string>;
}

/**
 * Judges every rule of a topic. Each required period (a day of the month, an owned ISO week) is
 * judged by the rule of the settings in force when it ended, over the zones then enabled: a rule
 * changed within the month is reported once per version, each over the periods it judged (in the
 * common case, one version over them all). `index` is the rule's position in its topic.
 */
export function evaluateTopicRules(topicId: string, ctx: ComplianceContext): RuleCompliance[] {
  const versions = new Map<string, RuleVersion>();
  const versionOf = (r: Omit<RuleUnder, 'zones'>): RuleVersion => {
    let v = versions.get(r.key);
    if (!v) versions.set(r.key, (v = { index: r.index, rule: r.rule, groups: new Map(), scope: new Set(), firstDay: '' }));
    return v;
  };
  const zonesOf = (rule: TopicRule, settings: PeriodSettings): Set<string> =>
    new Set(ctx.reportZones.filter((z) => settings.enabled.has(z.id) && (rule.zones === null || rule.zones.includes(z.id))).map((z) => z.id));
  // The topic's rules under each revision, worked out once per revision (periods share them).
  const underRevision = new Map<number, RuleUnder[]>();
  const rulesUnder = (settings: PeriodSettings): RuleUnder[] => {
    let list = underRevision.get(settings.revision);
    if (!list) {
      const rules = settings.topics.find((t) => t.id === topicId)?.rules ?? [];
      list = rules.map(({ index, rule }) => ({ index, rule, key: `${index}\u001f${JSON.stringify(rule)}`, zones: zonesOf(rule, settings) }));
      underRevision.set(settings.revision, list);
    }
    return list;
  };
  for (const candidate of candidatePeriods(ctx.period)) {
    for (const r of rulesUnder(ctx.governing(candidate.to))) {
      if (r.rule.per !== candidate.per) continue;
      const p = rulePeriod(r.rule, candidate, ctx.period);
      if (!p) continue;
      const v = versionOf(r);
      let group = v.groups.get(r.zones);
      if (!group) {
        v.groups.set(r.zones, (group = []));
        for (const z of r.zones) v.scope.add(z);
      }
      group.push(p);
      if (v.firstDay === '' || p.from < v.firstDay) v.firstDay = p.from;
    }
  }
  // Rules that require no period of the month (their dates lie outside it) are still listed, as at its end.
  for (const r of rulesUnder(ctx.monthEnd)) {
    if ([...versions.values()].some((v) => v.index === r.index)) continue;
    for (const z of r.zones) versionOf(r).scope.add(z);
  }
  return [...versions.values()]
    .sort((a, b) => a.index - b.index || (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : 0))
    .map(({ index: ruleIndex, rule, groups, scope }) => {
      const byZone = ctx.reportZones
        .filter((z) => scope.has(z.id))
        .map((z) => judgeZone(z, periodsOf(groups, z.id), rule, ctx.counts(z.id, topicId)));
      return {
        ruleIndex,
        per: rule.per,
        min: rule.min,
        max: rule.max,
        peakOnly: rule.peakOnly,
        from: rule.from,
        to: rule.to,
        ruleZones: rule.zones,
        required: byZone.reduce((n, z) => n + z.required, 0),
        met: byZone.reduce((n, z) => n + z.met, 0),
        byZone,
      };
    });
}

/** The periods of a version that covered the zone, in order. */
function periodsOf(groups: ReadonlyMap<ReadonlySet<string>, RulePeriod[]>, zone: string): RulePeriod[] {
  const lists = [...groups].filter(([zones]) => zones.has(zone)).map(([, periods]) => periods);
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function judgeZone(
  zone: { id: string; name: string },
  periods: RulePeriod[],
  rule: TopicRule,
  counts: TopicDayCounts | undefined,
): ZoneCompliance {
  // A rule's max counts every play; peakOnly says its min must be met in peak windows (decisions §8).
  const forMin = counts ? (rule.peakOnly ? counts.peak : counts.all) : undefined;
  const forMax = counts?.all;
  const sum = (source: typeof forMin, p: RulePeriod) => (source ? p.scanIdx.reduce((n, i) => n + (source[i] ?? 0), 0) : 0);
  const missed: PeriodCount[] = [];
  const overMax: PeriodCount[] = [];
  let met = 0;
  for (const p of periods) {
    const count = sum(forMin, p);
    if (count >= p.wanted) met += 1;
    else missed.push({ period: p.period, from: p.from, to: p.to, count });
    const all = sum(forMax, p);
    if (rule.max !== null && all > rule.max) overMax.push({ period: p.period, from: p.from, to: p.to, count: all });
  }
  return { zone: zone.id, name: zone.name, required: periods.length, met, missed, overMax };
}

/** A period the month may require: each of its days, each ISO week it owns. */
interface Candidate {
  per: 'day' | 'week';
  from: string;
  to: string;
  /** The week's Thursday (its label). */
  thursday?: string;
}

function candidatePeriods(period: MonthPeriod): Candidate[] {
  return [
    ...period.days.map((d): Candidate => ({ per: 'day', from: d, to: d })),
    ...period.weeks.map((w): Candidate => ({ per: 'week', from: w.from, to: w.to, thursday: w.thursday })),
  ];
}

/**
 * A candidate period as the rule requires it, or null when the rule's dates leave it out: a day in
 * the rule's [from, to]; an owned week (Thursday in the month) with at least one day in force; a week
 * the rule's dates cut owes ceil(min × days / 7), as the planner owes it.
 */
function rulePeriod(rule: TopicRule, c: Candidate, period: MonthPeriod): RulePeriod | null {
  const inRange = (d: string) => (rule.from === null || d >= rule.from) && (rule.to === null || d <= rule.to);
  const idx = (d: string) => epochDay(d) - period.scanFirstDay;
  if (c.per === 'day') return inRange(c.from) ? { period: c.from, from: c.from, to: c.to, scanIdx: [idx(c.from)], wanted: rule.min } : null;
  const first = idx(c.from);
  const days = Array.from({ length: 7 }, (_, i) => addDays(c.from, i)).filter(inRange).length;
  if (days === 0) return null;
  const wanted = days === 7 ? rule.min : Math.ceil((rule.min * days) / 7);
  return { period: isoWeekLabel(c.thursday ?? c.from), from: c.from, to: c.to, scanIdx: Array.from({ length: 7 }, (_, i) => first + i), wanted };
}

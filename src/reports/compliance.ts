/**
 * Topic-rule compliance from aired counts: for each rule, each zone in scope and each required period
 * (a day of the month, or an ISO week the month owns), met when count ≥ min, over the cap when
 * count > max. See model.ts for the exact counting rules.
 */
import type { TopicRule } from '../domain/station.ts';
import { addDays, isoWeekLabel } from '../domain/time.ts';
import type { TopicDayCounts } from './monthAggregate.ts';
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

/** The month, the zones a rule may apply to, and the per-day counts of the month pass. */
export interface ComplianceContext {
  period: MonthPeriod;
  /** Enabled zones the report covers, in report order. */
  scopeZones: readonly { id: string; name: string }[];
  counts(zone: string, topic: string): TopicDayCounts | undefined;
}

/** Judges every rule of a topic; `index` is the rule's position in the topic (as the planner numbers it). */
export function evaluateTopicRules(
  topicId: string,
  rules: readonly { index: number; rule: TopicRule }[],
  ctx: ComplianceContext,
): RuleCompliance[] {
  return rules.map(({ index: ruleIndex, rule }) => {
    const periods = rulePeriods(rule, ctx.period);
    const zones = rule.zones === null ? ctx.scopeZones : ctx.scopeZones.filter((z) => rule.zones?.includes(z.id));
    const byZone = zones.map((z) => judgeZone(z, periods, rule, ctx.counts(z.id, topicId)));
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

/**
 * The periods a rule requires in the month: its days, or the owned weeks (Thursday in the month)
 * with at least one day in force; a week the rule's dates cut owes ceil(min × days / 7), as the
 * planner owes it.
 */
function rulePeriods(rule: TopicRule, period: MonthPeriod): RulePeriod[] {
  const inRange = (d: string) => (rule.from === null || d >= rule.from) && (rule.to === null || d <= rule.to);
  const idx = (d: string) => epochDay(d) - period.scanFirstDay;
  if (rule.per === 'day') {
    return period.days.filter(inRange).map((d) => ({ period: d, from: d, to: d, scanIdx: [idx(d)], wanted: rule.min }));
  }
  return period.weeks.flatMap((w) => {
    const first = idx(w.from);
    const days = Array.from({ length: 7 }, (_, i) => addDays(w.from, i)).filter(inRange).length;
    if (days === 0) return [];
    const wanted = days === 7 ? rule.min : Math.ceil((rule.min * days) / 7);
    return [{ period: isoWeekLabel(w.thursday), from: w.from, to: w.to, scanIdx: Array.from({ length: 7 }, (_, i) => first + i), wanted }];
  });
}

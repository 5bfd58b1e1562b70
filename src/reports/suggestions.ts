/**
 * The difficulties Loa suggests from the month's data, for the operator to keep, edit or drop (seed
 * 001 asks for "vướng mắc, khó khăn" every month): topic targets missed with the planner's reasons,
 * failed and cut plays and where they happened, plays no receiver heard, zones that aired nothing, a ceremonial share over or
 * near the cap, planned plays that did not air, empty peak windows. Pure: every fact comes in.
 */
import type { Shortfall } from '../domain/plan.ts';
import { shortfallReason } from '../domain/messages/shortfall.ts';
import { SUGGEST } from './documentLabels.ts';
import { numberFormats, type NumberFormats } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import { label } from './labels.ts';
import type { MonthlyReport, RuleCompliance } from './model.ts';
import { NO_OUTPUT } from './sections.ts';
import { sectionSuggestions } from './sectionSuggestions.ts';
import { describeRule } from './tablesChecks.ts';

/** One suggested sentence; `key` names what it is about, so a handled suggestion is not offered again. */
export interface Suggestion {
  key: string;
  text: string;
}

/** What the suggestions are made from. */
export interface SuggestionFacts {
  report: MonthlyReport;
  /** The planner's shortfalls over the month's periods (and the report's zone). */
  shortfalls: readonly Shortfall[];
  /** Zones that are switched on: a zone switched off is silent on purpose. */
  enabledZones: ReadonlySet<string>;
  /** The share the planner keeps ceremonial content under: at or above it is "near the cap". */
  ceremonialPlanShare: number;
  lang: Lang;
}

/** Most zones a sentence names before it says "and N more". */
const MAX_NAMED_ZONES = 4;
/** Aired below this share of the planned plays is worth a sentence. */
const PLANNED_SHORT = 0.9;

/** The suggested difficulties, most telling first. */
export function suggestDifficulties(f: SuggestionFacts): Suggestion[] {
  const fmt = numberFormats(f.lang);
  const out: Suggestion[] = [];
  const say = (key: string, l: Parameters<typeof label>[0], params: Record<string, string | number>) => out.push({ key, text: label(l, f.lang, params) });
  const r = f.report;

  if (r.headline.plays === 0) say('nothing-aired', SUGGEST.nothingAired, {});
  out.push(...targetSuggestions(f, fmt));

  const zoneNames = new Map(r.byZone.map((z) => [z.zone, z.name]));
  const silent = r.byZone.filter((z) => z.plays === 0 && f.enabledZones.has(z.zone)).map((z) => z.name);
  if (r.headline.plays > 0 && silent.length > 0) say('silent-zones', SUGGEST.silentZones, { zones: nameList(silent, f.lang, fmt) });

  const incidents = incidentSentence(r, f.lang, fmt);
  if (incidents) out.push({ key: 'incidents', text: incidents });
  const unheard = r.reception.totals;
  if (unheard.unheardPlays > 0) {
    const zones = [...r.reception.byZone]
      .filter((z) => z.unheardPlays > 0)
      .sort((a, b) => b.unheardPlays - a.unheardPlays)
      .map((z) => label(SUGGEST.incidentZone, f.lang, { zone: z.name, n: fmt.int(z.unheardPlays) }));
    say('unheard', SUGGEST.unheard, { plays: fmt.int(unheard.unheardPlays), minutes: fmt.dec1(unheard.unheardMinutes), zones: nameList(zones, f.lang, fmt) });
  }
  out.push(...sectionSuggestions(r, f.lang, fmt));

  const c = r.ceremonial;
  const shares = { plays: fmt.pct(c.overall.playShare), airtime: fmt.pct(c.overall.airtimeShare), max: fmt.pct(c.maxShare) };
  const overZones = r.zone === null && !c.overall.flagged ? c.byZone.filter((z) => z.flagged).map((z) => z.name) : [];
  const near = c.overall.plays > 0 && Math.max(c.overall.playShare, c.overall.airtimeShare) >= f.ceremonialPlanShare;
  const ceremonial = [
    c.overall.flagged ? label(SUGGEST.ceremonialOver, f.lang, shares) : near ? label(SUGGEST.ceremonialNear, f.lang, shares) : '',
    overZones.length > 0 ? label(SUGGEST.ceremonialZones, f.lang, { max: shares.max, zones: nameList(overZones, f.lang, fmt) }) : '',
  ].filter(Boolean);
  if (ceremonial.length > 0) out.push({ key: 'ceremonial', text: ceremonial.join(' ') });

  const p = r.planned.totals;
  if (p.plannedSlots > 0 && p.airedPlays < p.plannedSlots * PLANNED_SHORT) {
    say('planned', SUGGEST.planned, { aired: fmt.int(p.airedPlays), planned: fmt.int(p.plannedSlots), share: fmt.pct(p.airedPlays / p.plannedSlots) });
  }

  const empty = f.shortfalls.filter((s) => s.kind !== 'topic-below-target' && s.periodStart >= r.period.from && s.periodStart <= r.period.to);
  if (empty.length > 0) {
    const windows = empty.filter((s) => s.kind === 'empty-window').length;
    const days = empty.length - windows;
    const count = [
      windows > 0 ? label(SUGGEST.emptyWindowCount, f.lang, { n: fmt.int(windows) }) : '',
      days > 0 ? label(SUGGEST.emptyDayCount, f.lang, { n: fmt.int(days) }) : '',
    ].filter(Boolean).join(label(SUGGEST.and, f.lang));
    const reasons = reasonList(empty.map((s) => ({ key: s.reason, phrase: () => reasonPhrase(s, f, zoneNames, '') })), f.lang, fmt);
    say('empty-windows', SUGGEST.emptyWindows, { count, reasons });
  }
  return out;
}

/** One sentence per topic rule that missed periods: where, and why (the planner's reason, else "aired less"). */
function targetSuggestions(f: SuggestionFacts, fmt: NumberFormats): Suggestion[] {
  const byPeriod = new Map<string, Shortfall>();
  for (const s of f.shortfalls) {
    if (s.kind === 'topic-below-target') byPeriod.set(`${s.zone}|${s.topic}|${s.ruleIndex}|${s.period}`, s);
  }
  const zoneNames = new Map(f.report.byZone.map((z) => [z.zone, z.name]));
  const out: Suggestion[] = [];
  for (const topic of f.report.topics) {
    for (const rule of topic.rules) {
      if (rule.met >= rule.required) continue;
      const missed = rule.byZone.filter((z) => z.missed.length > 0).sort((a, b) => b.missed.length - a.missed.length);
      const zones = missed.map((z) => label(SUGGEST.zoneMissed, f.lang, { zone: z.name, n: fmt.int(z.missed.length) }));
      const causes = missed.flatMap((z) =>
        z.missed.map((p) => {
          const s = byPeriod.get(`${z.zone}|${topic.topic}|${rule.ruleIndex}|${p.period}`);
          return { key: s?.reason ?? 'aired-less', phrase: () => (s ? reasonPhrase(s, f, zoneNames, topic.name, rule) : label(SUGGEST.airedLess, f.lang)) };
        }),
      );
      out.push({
        key: `target:${topic.topic}:${rule.ruleIndex}`,
        text: label(SUGGEST.target, f.lang, {
          topic: topic.name,
          target: describeRule(rule, f.lang),
          met: fmt.int(rule.met),
          required: fmt.int(rule.required),
          zones: nameList(zones, f.lang, fmt),
          reasons: reasonList(causes, f.lang, fmt),
        }),
      });
    }
  }
  return out;
}

/** The planner's reason for a shortfall, as the schedule screen words it. */
function reasonPhrase(s: Shortfall, f: SuggestionFacts, zoneNames: Map<string, string>, topicName: string, rule?: RuleCompliance): string {
  const phrase = shortfallReason({
    zoneName: zoneNames.get(s.zone) ?? s.zone,
    topicName,
    per: s.per,
    period: s.period,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    peakOnly: rule?.peakOnly ?? s.kind === 'empty-window',
    wanted: s.wanted,
    planned: s.planned,
    reason: s.reason,
    blockedBy: s.blockedBy,
    ceremonialShare: f.ceremonialPlanShare,
    ceremonialCap: f.report.ceremonial.maxShare,
  });
  return phrase[f.lang];
}

/** "reason A (5); reason B (2)", the most frequent first; each phrase is worded once. */
function reasonList(causes: { key: string; phrase: () => string }[], lang: Lang, fmt: NumberFormats): string {
  const counts = new Map<string, { n: number; phrase: () => string }>();
  for (const c of causes) {
    const seen = counts.get(c.key);
    if (seen) seen.n += 1;
    else counts.set(c.key, { n: 1, phrase: c.phrase });
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n)
    .map((c) => label(SUGGEST.reasonCount, lang, { reason: c.phrase(), n: fmt.int(c.n) }))
    .join('; ');
}

/** "A, B, C, D and 3 more zones". */
function nameList(names: readonly string[], lang: Lang, fmt: NumberFormats): string {
  const shown = names.slice(0, MAX_NAMED_ZONES);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')}${label(SUGGEST.and, lang)}${label(SUGGEST.moreZones, lang, { n: fmt.int(rest) })}` : shown.join(', ');
}

/** Failed, cut and skipped plays in total, and the zones (with their worst output) that had most. */
function incidentSentence(r: MonthlyReport, lang: Lang, fmt: NumberFormats): string | null {
  const t = r.incidents.totals;
  const parts = (['failed', 'interrupted', 'preempted', 'skipped'] as const)
    .filter((k) => t[k] > 0)
    .map((k) => label(SUGGEST[k], lang, { n: fmt.int(t[k]) }));
  if (parts.length === 0) return null;
  const zones = r.incidents.byZone
    .map((z) => {
      // A play goes out on every output of its zone: an output is worth naming only when it failed more than the others.
      const [worst, next] = [...z.outputs].sort((a, b) => sumOf(b) - sumOf(a));
      const named = worst && next && worst.output !== NO_OUTPUT && sumOf(worst) > sumOf(next) ? worst.output : null;
      return { z, n: sumOf(z) + z.skipped, worst: named };
    })
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map(({ z, n, worst }) =>
      worst === null
        ? label(SUGGEST.incidentZone, lang, { zone: z.name, n: fmt.int(n) })
        : label(SUGGEST.incidentZoneOutput, lang, { zone: z.name, n: fmt.int(n), output: worst }),
    );
  return label(SUGGEST.incidents, lang, { list: parts.join(', '), zones: zones.join('; ') });
}

const sumOf = (o: { failed: number; interrupted: number; preempted: number }) => o.failed + o.interrupted + o.preempted;

/**
 * Builds the monthly report (JSON model) from what aired: the month (widened to the ISO weeks it owns)
 * and the previous month's headline come from the summaries kept beside the airtime log, or from the
 * log itself where those cannot stand for it (see monthSource.ts); plus plan slots per zone and date
 * and items contributed. Plays, periods, zones and the ceremonial cap are judged by the station
 * settings in force at the time (revisions.ts), never by today's. Reads `db` only; the generation
 * instant is passed in.
 */
import { ItemKind } from '../domain/item.ts';
import { formatInstant, isValidTimeZone } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import type { MessageCode } from '../i18n/messages.ts';
import type { Db } from '../storage/db.ts';
import { zoneIsKnown } from '../storage/reportQueries.ts';
import { countItemsCreatedByUnit, listPlannedByZone } from '../storage/reportSummaries.ts';
import { listZones } from '../storage/station.ts';
import { capSection } from './capSection.ts';
import { ceremonialSection } from './ceremonial.ts';
import { evaluateTopicRules, type ComplianceContext } from './compliance.ts';
import type { BulletinItem, DayFigures, KindFigures, MonthlyReport, TopicFigures, ZoneFigures } from './model.ts';
import { MONTH_RE, toMinutes } from './model.ts';
import type { BulletinFigures, MonthAggregate } from './monthAggregate.ts';
import { aggregateReportMonth, summariseReportMonth } from './monthSource.ts';
import { devicesSection } from './devicesSection.ts';
import { createRevisionPeaks } from './peak.ts';
import { receptionSection } from './reception.ts';
import { relayCutsSection } from './relayCuts.ts';
import { loadSettingsHistory, type JudgedTopic, type JudgingSettings } from './revisions.ts';
import type { MonthPeriod } from './period.ts';
import { epochDay, monthPeriod, monthWeekSpans, previousMonth, weekdayOfEpochDay } from './period.ts';
import type { Totals } from './rollup.ts';
import { dayTotals, factsTotals, overallTotals, zoneTotals } from './rollup.ts';
import { compareHeadlines, incidentSection, incidentTotals, plannedSection, toHeadline, unitSection } from './sections.ts';

/** What to report on: a month in station time, optionally one zone; `generatedAt` is epoch ms. */
export interface MonthlyReportRequest {
  month: string;
  zone?: string;
  tz: string;
  generatedAt: number;
}

/**
 * A bad request, thrown (it is the caller's input, not a business outcome): 400 for a malformed month,
 * time zone or instant, 404 for an unknown zone. It is an ApiError, so the HTTP error handler renders
 * it with its catalogue message; `field` names the offending input.
 */
export class ReportRequestError extends ApiError {
  constructor(
    readonly field: 'month' | 'zone' | 'tz' | 'generatedAt',
    statusCode: 400 | 404,
    code: MessageCode,
    params: Record<string, string>,
    problem: string,
  ) {
    super(statusCode, code, params, [{ field, problem }]);
    this.message = `${field}: ${problem}`;
  }
}

const badInput = (field: 'month' | 'tz' | 'generatedAt', problem: string) =>
  new ReportRequestError(field, 400, 'validation-failed', { details: `${field}: ${problem}` }, problem);

/** Builds the report for a month (and zone). Throws ReportRequestError for a bad month, tz or zone. */
export function buildMonthlyReport(db: Db, request: MonthlyReportRequest): MonthlyReport {
  // One read transaction: every query sees the same snapshot while the daemon keeps logging (WAL).
  return db.transaction(() => build(db, request)).deferred();
}

function build(db: Db, request: MonthlyReportRequest): MonthlyReport {
  const { month, tz, generatedAt } = request;
  const zoneFilter = request.zone ?? null;
  if (!MONTH_RE.test(month)) throw badInput('month', `"${month}" is not a month YYYY-MM (01–12)`);
  if (!isValidTimeZone(tz)) throw badInput('tz', `"${tz}" is not a known IANA time zone`);
  if (!Number.isFinite(generatedAt)) throw badInput('generatedAt', 'must be epoch milliseconds');
  if (zoneFilter !== null && !zoneIsKnown(db, zoneFilter)) {
    throw new ReportRequestError('zone', 404, 'unknown-zone', { id: zoneFilter }, `unknown zone "${zoneFilter}"`);
  }

  const period = monthPeriod(month, tz);
  const collator = new Intl.Collator('vi', { numeric: true });
  const stationZones = listZones(db);
  const history = loadSettingsHistory(db, tz);
  // The settings that judge the month: those in force at the end of each of its days and owned weeks.
  const monthEnd = history.governing(period.to);
  const judging = settingsInOrder([...period.days, ...period.weeks.map((w) => w.to)].map((d) => history.governing(d)), monthEnd);
  const topics = topicsOf(judging);
  const policy = monthEnd.policy;
  // Names as the month's settings last had them; a zone they never held (deleted before) as today, else its id.
  const names = new Map(stationZones.map((z) => [z.id, z.name]));
  for (const s of judging) for (const z of s.zones) names.set(z.id, z.name);
  const zoneName = (id: string) => names.get(id) ?? id;

  const ruledIds = new Set(judging.flatMap((s) => s.topics.filter((t) => t.rules.length > 0).map((t) => t.id)));
  const peakIds = judging.flatMap((s) => s.topics.filter((t) => t.rules.some((r) => r.rule.peakOnly)).map((t) => t.id));
  const agg = aggregateReportMonth(db, {
    period,
    zone: zoneFilter,
    tz,
    ruledTopics: [...ruledIds],
    peakTopics: new Set(peakIds),
    peaks: createRevisionPeaks((revision) => history.settings(revision).zones),
  });
  const planned = listPlannedByZone(db, { fromDate: period.from, toDate: period.to, zone: zoneFilter });
  const zones = zoneTotals(agg);

  const zoneIds =
    zoneFilter !== null
      ? [zoneFilter]
      : [...new Set([...judging.flatMap((s) => s.zones.map((z) => z.id)), ...zones.keys(), ...agg.incidents.map((g) => g.zone), ...planned.map((p) => p.zone)])].sort(
          (a, b) => collator.compare(a, b),
        );
  const zoneOrder = new Map(zoneIds.map((id, i) => [id, i]));
  const byZone: ZoneFigures[] = zoneIds.map((id) => {
    const t = zones.get(id);
    return { zone: id, name: zoneName(id), programmes: t?.programmes ?? 0, ...figures(t), distinctItems: t?.distinctItems ?? 0 };
  });

  const overall = overallTotals(agg);
  // Ties broken by item id, so the order does not depend on the order the pass met the items in.
  const byId = (a: { itemId: string }, b: { itemId: string }) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);
  const bulletins = [...agg.bulletins]
    .sort((a, b) => (a.level === b.level ? a.firstStartedAt - b.firstStartedAt || byId(a, b) : a.level === 'emergency' ? -1 : 1))
    .map((b) => bulletinItem(b, tz));
  const relays = agg.relays
    .map((b) => bulletinItem(b, tz))
    .sort((a, b) => b.plays - a.plays || collator.compare(a.title, b.title) || byId(a, b));
  const totals = incidentTotals(agg.incidents);
  // Relay airings cut short, and why (absent when none: the relays section then reads as before).
  const cuts = relayCutsSection(db, { fromMs: period.fromMs, toMs: period.toMs, zone: zoneFilter, tz });
  const relayCuts = cuts.length > 0 ? { cutShort: cuts } : {};
  const headline = toHeadline({
    programmes: overall.programmes,
    plays: overall.plays,
    airtimeMs: overall.airtimeMs,
    distinctItems: overall.distinctItems,
    activeZones: byZone.filter((z) => z.plays > 0).length,
    ceremonialPlays: overall.ceremonialPlays,
    ceremonialMs: overall.ceremonialMs,
    emergencyPlays: sum(bulletins.filter((b) => b.level === 'emergency'), (b) => b.plays),
    priorityPlays: sum(bulletins.filter((b) => b.level === 'priority'), (b) => b.plays),
    relayPlays: sum(relays, (b) => b.plays),
    failed: totals.failed,
    interruptions: totals.interrupted + totals.preempted,
  });
  const previous = previousHeadline(db, previousMonth(month), tz, zoneFilter);
  const compliance: ComplianceContext = {
    period,
    reportZones: zoneIds.map((id) => ({ id, name: zoneName(id) })),
    governing: (lastDay) => history.governing(lastDay),
    monthEnd,
    counts: agg.ruleCounts,
  };

  return {
    version: 1,
    month,
    zone: zoneFilter,
    tz,
    period: { from: period.from, to: period.to, days: period.days.length, weeks: monthWeekSpans(period) },
    generatedAt: formatInstant(generatedAt, tz),
    headline,
    byZone,
    byDay: dayFigures(agg, period),
    byKind: kindFigures(agg, overall.airtimeMs),
    topics: topicFigures(agg, period, topics, compliance),
    units: unitSection(
      countItemsCreatedByUnit(db, { fromMs: period.fromMs, toMs: period.toMs }),
      factsTotals(agg, (f) => [f.unit]),
      collator,
    ),
    ceremonial: ceremonialSection(
      headline,
      byZone.map((z) => ({
        zone: z.zone,
        name: z.name,
        plays: z.plays,
        airtimeMs: z.airtimeMs,
        ceremonialPlays: zones.get(z.zone)?.ceremonialPlays ?? 0,
        ceremonialMs: zones.get(z.zone)?.ceremonialMs ?? 0,
      })),
      policy.ceremonialMaxShare,
    ),
    bulletins: { emergencyPlays: headline.emergencyPlays, priorityPlays: headline.priorityPlays, items: bulletins },
    relays: { ...figures({ plays: headline.relayPlays, airtimeMs: sum(relays, (b) => b.airtimeMs) }), items: relays, ...relayCuts },
    incidents: incidentSection(agg.incidents, zoneName, (a, b) => (zoneOrder.get(a) ?? 0) - (zoneOrder.get(b) ?? 0)),
    reception: receptionSection(db, { period, zone: zoneFilter, tz }, zoneName, (a, b) => (zoneOrder.get(a) ?? 0) - (zoneOrder.get(b) ?? 0)),
    previous,
    comparison: compareHeadlines(headline, previous.headline),
    planned: plannedSection(
      byZone.map((z) => ({ id: z.zone, name: z.name })),
      planned,
      (id) => zones.get(id) ?? { plays: 0, airtimeMs: 0 },
    ),
    devices: devicesSection(db, { fromMs: period.fromMs, toMs: period.toMs, untilMs: generatedAt, zone: zoneFilter, tz }, stationZones),
    cap: capSection(db, { fromMs: period.fromMs, toMs: period.toMs, untilMs: generatedAt, zone: zoneFilter, tz }, zoneName),
  };
}

function figures(t: Pick<Totals, 'plays' | 'airtimeMs'> | undefined): { plays: number; airtimeMs: number; minutes: number } {
  return { plays: t?.plays ?? 0, airtimeMs: t?.airtimeMs ?? 0, minutes: toMinutes(t?.airtimeMs ?? 0) };
}

function sum<T>(list: readonly T[], f: (x: T) => number): number {
  return list.reduce((n, x) => n + f(x), 0);
}

function dayFigures(agg: MonthAggregate, period: MonthPeriod): DayFigures[] {
  const days = dayTotals(agg, period.days.length);
  return period.days.map((date, i) => {
    const t = days[i]!;
    return {
      date,
      weekday: weekdayOfEpochDay(period.monthFirstDay + i),
      programmes: t.programmes,
      ...figures(t),
      distinctItems: t.distinctItems,
    };
  });
}

function kindFigures(agg: MonthAggregate, totalMs: number): KindFigures[] {
  const kinds = factsTotals(agg, (f) => [f.kind]);
  const known: string[] = ItemKind.options;
  const extra = [...kinds.keys()].filter((k) => !known.includes(k)).sort();
  return [...known, ...extra].map((kind) => {
    const t = kinds.get(kind);
    return { kind, ...figures(t), distinctItems: t?.distinctItems ?? 0, airtimeShare: totalMs > 0 ? (t?.airtimeMs ?? 0) / totalMs : 0 };
  });
}

/** Distinct settings by revision, in revision order, `last` last (its names and topics win). */
function settingsInOrder(list: readonly JudgingSettings[], last: JudgingSettings): JudgingSettings[] {
  const byRevision = new Map(list.map((s) => [s.revision, s]));
  byRevision.delete(last.revision);
  return [...[...byRevision.values()].sort((a, b) => a.revision - b.revision), last];
}

/** The topics of the month's settings, by id, each named as the latest of them names it. */
function topicsOf(judging: readonly JudgingSettings[]): { id: string; name: string }[] {
  const byId = new Map<string, JudgedTopic>();
  for (const s of judging) for (const t of s.topics) byId.set(t.id, t);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((t) => ({ id: t.id, name: t.name }));
}

function topicFigures(
  agg: MonthAggregate,
  period: MonthPeriod,
  topics: readonly { id: string; name: string }[],
  ctx: ComplianceContext,
): TopicFigures[] {
  const totals = factsTotals(agg, (f) => f.topics);
  const known = new Set(topics.map((t) => t.id));
  // Topics that aired but are no longer in the catalogue still show, under their id.
  const aired = [...totals.keys()].map((n) => agg.topicIds[n]!);
  const all = [...topics, ...aired.filter((id) => !known.has(id)).sort().map((id) => ({ id, name: id }))];
  const spans = monthWeekSpans(period);
  return all.map((topic) => {
    const n = agg.topicIds.indexOf(topic.id);
    const t = n >= 0 ? totals.get(n) : undefined;
    const days = n >= 0 ? agg.topicDays[n] : undefined;
    const weeks = spans.map((w) => {
      let plays = 0;
      let ms = 0;
      for (let d = epochDay(w.from) - period.monthFirstDay; d <= epochDay(w.to) - period.monthFirstDay; d++) {
        plays += days?.plays[d] ?? 0;
        ms += days?.airtimeMs[d] ?? 0;
      }
      return { ...w, plays, airtimeMs: ms, minutes: toMinutes(ms) };
    });
    return {
      topic: topic.id,
      name: topic.name,
      ...figures(t),
      distinctItems: t?.distinctItems ?? 0,
      weeks,
      rules: evaluateTopicRules(topic.id, ctx),
    };
  });
}

function bulletinItem(b: BulletinFigures, tz: string): BulletinItem {
  return {
    itemId: b.itemId,
    title: b.title,
    level: b.level,
    ...figures(b),
    zones: b.zones,
    firstStartedAt: formatInstant(b.firstStartedAt, tz),
    lastStartedAt: formatInstant(b.lastStartedAt, tz),
  };
}

/** The previous month's headline, over the month alone. */
function previousHeadline(db: Db, month: string, tz: string, zone: string | null): MonthlyReport['previous'] {
  const s = summariseReportMonth(db, month, tz, zone);
  const { failed, interrupted, preempted, ...aired } = s;
  return { month, headline: toHeadline({ ...aired, failed, interruptions: interrupted + preempted }) };
}

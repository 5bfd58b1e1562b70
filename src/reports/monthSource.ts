/**
 * Where a report month's figures come from. The report, for the whole station or for one zone, reads
 * the summaries the triggers keep (a few thousand rows a day at most; a zone's are kept per zone too,
 * migrations/0022) when they stand for the log: no row of the period lacks a local date, and every
 * summarised date spans only instants of that date in the report's time zone (so a report in another
 * zone than the recorder's, or over rows logged before the summaries existed, is still exact).
 * Otherwise the log is read itself (a zone's rows through the (zone_id, started_at) index).
 * Either way a play's peak membership is judged by the settings revision it was logged under
 * (revisionDays.ts: per day, and row by row for a day that spans a change).
 */
import { addDays, zonedInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { listLoggedDayRevisions, readDayRevisions, readSingleRevision } from '../storage/airtimeRevisions.ts';
import { listItemFacts, monthRowChunks, summariseAired, withIdRange } from '../storage/reportQueries.ts';
import type { AiredSummary, AirtimeScope } from '../storage/reportQueries.ts';
import {
  countBulletinZones, countZoneItems, listIncidentGroups, readBulletinDays, readCells, readDayItems, readSummaryCoverage,
  readTopicCells, summariseMonth,
} from '../storage/reportSummaries.ts';
import {
  countZoneMonthItems, readZoneBulletinDays, readZoneCells, readZoneDayItems,
  summariseZoneMonth,
} from '../storage/reportZoneSummaries.ts';
import { aggregateMonth } from './aggregate.ts';
import type { MonthAggregate } from './monthAggregate.ts';
import { createDayPeakResolver, type RevisionPeaks } from './peak.ts';
import type { MonthPeriod } from './period.ts';
import { epochDay, monthPeriod } from './period.ts';
import { collectDayRevisions, judgeMixedDays, singleDayRevision, type DayRevisions } from './revisionDays.ts';
import { aggregateSummaries, type SummaryInput } from './summaryAggregate.ts';

/** What a month pass needs: the period, the zone filter and the rule context. */
export interface MonthSourceSetup {
  period: MonthPeriod;
  zone: string | null;
  tz: string;
  /** Topics ruled, and ruled peak-only, in any revision that judges a period of the scan. */
  ruledTopics: readonly string[];
  peakTopics: ReadonlySet<string>;
  /** Peak windows of each settings revision. */
  peaks: RevisionPeaks;
}

/** Two days either side: no two time zones date one instant further apart (offsets span 26 hours). */
const MARGIN_DAYS = 2;

/**
 * True when the summaries hold exactly the final rows that started on the local dates [from, to] in
 * `tz`: none of those rows lacks a local date, and each summarised date near the range spans only
 * instants that `tz` dates the same.
 */
export function summariesCover(db: Db, from: string, to: string, tz: string): boolean {
  const coverage = readSummaryCoverage(db, {
    fromDate: addDays(from, -MARGIN_DAYS),
    toDate: addDays(to, MARGIN_DAYS),
    fromMs: zonedInstant(from, 0, tz),
    toMs: zonedInstant(addDays(to, 1), 0, tz),
  });
  if (coverage.unplaced) return false;
  return coverage.days.every(
    (d) => d.firstStartedAt >= zonedInstant(d.date, 0, tz) && d.lastStartedAt < zonedInstant(addDays(d.date, 1), 0, tz),
  );
}

/** The month's aggregate, from the summaries when they cover the scan range, else from the log. */
export function aggregateReportMonth(db: Db, setup: MonthSourceSetup): MonthAggregate {
  const { period } = setup;
  if (summariesCover(db, period.scanFrom, period.scanTo, setup.tz)) {
    const input = setup.zone === null ? readStationSummaries(db, period) : readZoneSummaries(db, period, setup.zone);
    const days = summaryDayRevisions(db, period);
    const agg = aggregateSummaries(input, { ...setup, peak: createDayPeakResolver(setup.peaks, days.revisionOf) });
    judgeMixedDays(db, agg, days.mixed, setup);
    return agg;
  }
  const scan = withIdRange(db, { fromMs: period.scanFromMs, toMs: period.scanToMs, zone: setup.zone, offsets: period.offsets });
  const itemFacts = listItemFacts(db, scan);
  const counts = new Map<string, number>();
  for (const f of itemFacts) counts.set(f.itemId, (counts.get(f.itemId) ?? 0) + 1);
  const varied = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const days = loggedDayRevisions(db, scan);
  const agg = aggregateMonth(monthRowChunks(db, scan, varied), { ...setup, itemFacts, peak: createDayPeakResolver(setup.peaks, days.revisionOf) });
  judgeMixedDays(db, agg, days.mixed, setup);
  return agg;
}

/** The whole station's summary rows of the month (topic cells over the scan range). */
function readStationSummaries(db: Db, period: MonthPeriod): SummaryInput {
  const month = { fromDate: period.from, toDate: period.to };
  const items = readDayItems(db, period.days);
  const topics = readTopicCells(db, { fromDate: period.scanFrom, toDate: period.scanTo });
  return {
    cells: readCells(db, month),
    dayItems: items.days,
    facts: items.facts,
    zoneItems: countZoneItems(db, period.month),
    topicCells: topics.cells,
    topicNames: topics.topics,
    incidents: listIncidentGroups(db, month),
    bulletinDays: readBulletinDays(db, month),
    bulletinZones: countBulletinZones(db, period.month),
  };
}

/**
 * One zone's summary rows of the month, the same shapes filtered to the zone: each read is a short run
 * of a per-zone summary (migrations/0022), never the zone's rows of the log. Every bulletin and relay
 * the zone aired reached one zone of the report: this one.
 */
function readZoneSummaries(db: Db, period: MonthPeriod, zone: string): SummaryInput {
  const month = { fromDate: period.from, toDate: period.to, zone };
  const items = readZoneDayItems(db, { zone, dates: period.days });
  const topics = readTopicCells(db, { fromDate: period.scanFrom, toDate: period.scanTo, zone });
  const bulletinDays = readZoneBulletinDays(db, month);
  const levels = new Map(bulletinDays.map((d) => [`${d.level}\u001f${d.itemId}`, { level: d.level, itemId: d.itemId, zones: 1 }]));
  return {
    cells: readZoneCells(db, month),
    dayItems: items.days,
    facts: items.facts,
    zoneItems: [{ zone, items: countZoneMonthItems(db, { month: period.month, zone }) }].filter((z) => z.items > 0),
    topicCells: topics.cells,
    topicNames: topics.topics,
    incidents: listIncidentGroups(db, month),
    bulletinDays,
    bulletinZones: [...levels.values()],
  };
}

/** The revision of each day of the scan, from the summaries (per station day: a zone's rows are among them). */
function summaryDayRevisions(db: Db, period: MonthPeriod): DayRevisions {
  const pairs = readDayRevisions(db, { fromDate: period.scanFrom, toDate: period.scanTo });
  return collectDayRevisions(pairs.map(([date, revision]) => [epochDay(date), revision] as const));
}

/**
 * The revision of each day of a scan read from the log: one for all when every row of the station's
 * scan was logged under one; else from the rows themselves.
 */
function loggedDayRevisions(db: Db, scan: AirtimeScope): DayRevisions {
  const single = readSingleRevision(db, scan);
  if (single !== null) return singleDayRevision(single);
  return collectDayRevisions(listLoggedDayRevisions(db, scan));
}

/** The headline aggregates of a whole month (the comparison month), from the summaries when they cover it. */
export function summariseReportMonth(db: Db, month: string, tz: string, zone: string | null): AiredSummary {
  const p = monthPeriod(month, tz);
  if (summariesCover(db, p.from, p.to, tz)) {
    return zone === null ? summariseMonth(db, month) : summariseZoneMonth(db, { month, zone });
  }
  return summariseAired(db, { fromMs: p.fromMs, toMs: p.toMs, zone, offsets: p.offsets });
}

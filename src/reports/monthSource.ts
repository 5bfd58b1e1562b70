/**
 * Where a report month's figures come from. The whole-station report reads the summaries the triggers
 * keep (a few thousand rows a day at most) when they stand for the log: no row of the period lacks a
 * local date, and every summarised date spans only instants of that date in the report's time zone (so
 * a report in another zone than the recorder's, or over rows logged before the summaries existed, is
 * still exact). Otherwise, and for one zone (its rows are few and indexed), the log is read itself.
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
import { summariseZoneMonth } from '../storage/reportZoneSummaries.ts';
import { aggregateMonth } from './aggregate.ts';
import type { MonthAggregate } from './monthAggregate.ts';
import { createDayPeakResolver, type RevisionPeaks } from './peak.ts';
import type { MonthPeriod } from './period.ts';
import { epochDay, monthPeriod } from './period.ts';
import { collectDayRevisions, judgeMixedDays, singleDayRevision, type DayRevisions } from './revisionDays.ts';
import { aggregateSummaries } from './summaryAggregate.ts';

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
  if (setup.zone === null && summariesCover(db, period.scanFrom, period.scanTo, setup.tz)) {
    const month = { fromDate: period.from, toDate: period.to };
    const items = readDayItems(db, period.days);
    const topics = readTopicCells(db, { fromDate: period.scanFrom, toDate: period.scanTo });
    const days = summaryDayRevisions(db, period);
    const agg = aggregateSummaries(
      {
        cells: readCells(db, month),
        dayItems: items.days,
        facts: items.facts,
        zoneItems: countZoneItems(db, period.month),
        topicCells: topics.cells,
        topicNames: topics.topics,
        incidents: listIncidentGroups(db, month),
        bulletinDays: readBulletinDays(db, month),
        bulletinZones: countBulletinZones(db, period.month),
      },
      { ...setup, peak: createDayPeakResolver(setup.peaks, days.revisionOf) },
    );
    judgeMixedDays(db, agg, days.mixed, setup);
    return agg;
  }
  const scan = withIdRange(db, { fromMs: period.scanFromMs, toMs: period.scanToMs, zone: setup.zone, offsets: period.offsets });
  const itemFacts = listItemFacts(db, scan);
  const counts = new Map<string, number>();
  for (const f of itemFacts) counts.set(f.itemId, (counts.get(f.itemId) ?? 0) + 1);
  const varied = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const days = loggedDayRevisions(db, setup, scan);
  const agg = aggregateMonth(monthRowChunks(db, scan, varied), { ...setup, itemFacts, peak: createDayPeakResolver(setup.peaks, days.revisionOf) });
  judgeMixedDays(db, agg, days.mixed, setup);
  return agg;
}

/** The revision of each day of the scan, from the summaries (per station day: a zone's rows are among them). */
function summaryDayRevisions(db: Db, period: MonthPeriod): DayRevisions {
  const pairs = readDayRevisions(db, { fromDate: period.scanFrom, toDate: period.scanTo });
  return collectDayRevisions(pairs.map(([date, revision]) => [epochDay(date), revision] as const));
}

/**
 * The revision of each day of a scan read from the log: one for all when every row of the station's
 * scan was logged under one; from the summaries when they stand for the log (a zone's report); else
 * from the rows themselves.
 */
function loggedDayRevisions(db: Db, setup: MonthSourceSetup, scan: AirtimeScope): DayRevisions {
  const single = readSingleRevision(db, scan);
  if (single !== null) return singleDayRevision(single);
  const { period } = setup;
  if (setup.zone !== null && summariesCover(db, period.scanFrom, period.scanTo, setup.tz)) return summaryDayRevisions(db, period);
  return collectDayRevisions(listLoggedDayRevisions(db, scan));
}

/** The headline aggregates of a whole month (the comparison month), from the summaries when they cover it. */
export function summariseReportMonth(db: Db, month: string, tz: string, zone: string | null): AiredSummary {
  const p = monthPeriod(month, tz);
  if (summariesCover(db, p.from, p.to, tz)) {
    return zone === null ? summariseMonth(db, month) : summariseZoneMonth(db, { month, zone, fromMs: p.fromMs, toMs: p.toMs });
  }
  return summariseAired(db, { fromMs: p.fromMs, toMs: p.toMs, zone, offsets: p.offsets });
}

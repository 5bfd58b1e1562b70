/**
 * Where a report month's figures come from. The whole-station report reads the summaries the triggers
 * keep (a few thousand rows a day at most) when they stand for the log: no row of the period lacks a
 * local date, and every summarised date spans only instants of that date in the report's time zone (so
 * a report in another zone than the recorder's, or over rows logged before the summaries existed, is
 * still exact). Otherwise, and for one zone (its rows are few and indexed), the log is read itself.
 */
import { addDays, zonedInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { listItemFacts, monthRowChunks, summariseAired, withIdRange } from '../storage/reportQueries.ts';
import type { AiredSummary } from '../storage/reportQueries.ts';
import {
  countBulletinZones, countZoneItems, listIncidentGroups, readBulletinDays, readCells, readDayItems, readSummaryCoverage,
  readTopicCells, summariseMonth,
} from '../storage/reportSummaries.ts';
import { summariseZoneMonth } from '../storage/reportZoneSummaries.ts';
import { aggregateMonth } from './aggregate.ts';
import type { MonthAggregate } from './monthAggregate.ts';
import type { PeakResolver } from './peak.ts';
import type { MonthPeriod } from './period.ts';
import { monthPeriod } from './period.ts';
import { aggregateSummaries } from './summaryAggregate.ts';

/** What a month pass needs: the period, the zone filter and the rule context. */
export interface MonthSourceSetup {
  period: MonthPeriod;
  zone: string | null;
  tz: string;
  ruledTopics: readonly string[];
  peakTopics: ReadonlySet<string>;
  peak: PeakResolver;
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
    return aggregateSummaries(
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
      setup,
    );
  }
  const scan = withIdRange(db, { fromMs: period.scanFromMs, toMs: period.scanToMs, zone: setup.zone, offsets: period.offsets });
  const itemFacts = listItemFacts(db, scan);
  const counts = new Map<string, number>();
  for (const f of itemFacts) counts.set(f.itemId, (counts.get(f.itemId) ?? 0) + 1);
  const varied = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  return aggregateMonth(monthRowChunks(db, scan, varied), { ...setup, itemFacts });
}

/** The headline aggregates of a whole month (the comparison month), from the summaries when they cover it. */
export function summariseReportMonth(db: Db, month: string, tz: string, zone: string | null): AiredSummary {
  const p = monthPeriod(month, tz);
  if (summariesCover(db, p.from, p.to, tz)) {
    return zone === null ? summariseMonth(db, month) : summariseZoneMonth(db, { month, zone, fromMs: p.fromMs, toMs: p.toMs });
  }
  return summariseAired(db, { fromMs: p.fromMs, toMs: p.toMs, zone, offsets: p.offsets });
}

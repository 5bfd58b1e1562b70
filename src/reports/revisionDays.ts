/**
 * Which settings revision judges the plays of each local day of a report's scan (migrations/0020). A
 * day logged under one revision (nearly every day) is judged from the month pass, cell by cell, by that
 * revision's windows; a day that spans a change of the settings is judged again row by row, each play
 * by the revision it was logged under, and its peak counts replaced (judgeMixedDays). Only peak
 * membership depends on the revision: every other figure of a play is copied into its row.
 */
import { addDays, offsetMinutes, zonedInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { listRevisionPlays } from '../storage/airtimeRevisions.ts';
import type { MonthAggregate } from './monthAggregate.ts';
import { parseTopicIds } from './monthAggregate.ts';
import type { RevisionPeaks } from './peak.ts';
import type { MonthPeriod } from './period.ts';
import { dateOfEpochDay, weekdayOfEpochDay } from './period.ts';

const DAY_MS = 86_400_000;

/** The revision of each day's plays, and the days whose plays were logged under more than one. */
export interface DayRevisions {
  /** The day's revision (for a mixed day the newest; judgeMixedDays corrects it); 0 for a day with no play. */
  revisionOf(day: number): number;
  /** Local epoch days logged under several revisions, in order. */
  mixed: number[];
}

/** Day revisions from [local epoch day, revision] pairs (each pair once or more, in any order). */
export function collectDayRevisions(pairs: Iterable<readonly [number, number]>): DayRevisions {
  const byDay = new Map<number, number>();
  const mixed = new Set<number>();
  for (const [day, revision] of pairs) {
    const seen = byDay.get(day);
    if (seen === undefined) byDay.set(day, revision);
    else if (seen !== revision) {
      mixed.add(day);
      byDay.set(day, Math.max(seen, revision));
    }
  }
  return { revisionOf: (day) => byDay.get(day) ?? 0, mixed: [...mixed].sort((a, b) => a - b) };
}

/** Every day under one revision (a scan whose rows were all logged under it). */
export function singleDayRevision(revision: number): DayRevisions {
  return { revisionOf: () => revision, mixed: [] };
}

/** What judging a mixed day needs. */
export interface MixedDaySetup {
  period: MonthPeriod;
  zone: string | null;
  tz: string;
  peakTopics: ReadonlySet<string>;
  peaks: RevisionPeaks;
}

/**
 * Replaces the peak counts of each mixed day in `agg` by counts of its plays judged one by one, each
 * by its own revision. `all` counts do not depend on the revision and are left as they are.
 */
export function judgeMixedDays(db: Db, agg: MonthAggregate, mixed: readonly number[], setup: MixedDaySetup): void {
  const { period, peakTopics, peaks, tz } = setup;
  if (peakTopics.size === 0) return;
  const scanDays = Math.round((period.scanToMs - period.scanFromMs) / DAY_MS) + 2;
  for (const day of mixed) {
    const scanDay = day - period.scanFirstDay;
    if (scanDay < 0 || scanDay >= scanDays) continue;
    const date = dateOfEpochDay(day);
    const weekday = weekdayOfEpochDay(day);
    const plays = listRevisionPlays(db, { fromMs: zonedInstant(date, 0, tz), toMs: zonedInstant(addDays(date, 1), 0, tz), zone: setup.zone });
    const exact = new Map<string, number>();
    for (const [zone, window, startedAt, topicsJson, revision] of plays) {
      const topics = parseTopicIds(topicsJson).filter((t) => peakTopics.has(t));
      if (topics.length === 0) continue;
      const label = window === '' ? null : window;
      if (!peaks.of(revision).isPeak(zone, label, weekday, label === null ? secondOfDay(startedAt, tz) : 0)) continue;
      for (const t of topics) exact.set(`${zone}\u001f${t}`, (exact.get(`${zone}\u001f${t}`) ?? 0) + 1);
    }
    for (const zone of agg.zoneIds) {
      for (const topic of peakTopics) {
        const counts = agg.ruleCounts(zone, topic);
        if (counts) counts.peak[scanDay] = exact.get(`${zone}\u001f${topic}`) ?? 0;
      }
    }
  }
}

/** The local second of the day an instant falls on in `tz`. */
function secondOfDay(ms: number, tz: string): number {
  const local = ms + offsetMinutes(tz, ms) * 60_000;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
}

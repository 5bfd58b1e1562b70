/**
 * The month pass over the summaries (migrations/0005) instead of the log: the same MonthAggregate as
 * aggregate.ts, from aired plays per (day, zone, window), per (day, item facts), per (day, zone,
 * window, topic) and distinct items per zone, plus the incident and bulletin summaries. Pure: the
 * reads are done by the caller (monthSource.ts), which first checks that the summaries stand for the
 * log (the same rows, dated as the report's time zone dates them).
 */
import type { IncidentGroup, OffsetSegment } from '../storage/reportQueries.ts';
import type { BulletinDayRow, CellRow, ItemFactsRow, TopicCellRow } from '../storage/reportSummaries.ts';
import { decodePacked } from '../storage/reportSummaries.ts';
import { DistinctPairs } from './distinct.ts';
import type { BulletinFigures, CellFigures, FactsFigures, MonthAggregate, TopicDayCounts } from './monthAggregate.ts';
import { parseTopicIds, TopicDays } from './monthAggregate.ts';
import type { PeakResolver } from './peak.ts';
import type { MonthPeriod } from './period.ts';
import { epochDay, weekdayOfEpochDay } from './period.ts';

const DAY_MS = 86_400_000;

/** The summary rows of a month: its days, except `topicCells`, which cover the scan range. */
export interface SummaryInput {
  cells: readonly CellRow[];
  /** Per day of the month, in order: flat triples [item facts id, plays, airtime ms, …]. */
  dayItems: readonly Float64Array[];
  facts: readonly ItemFactsRow[];
  zoneItems: readonly { zone: string; items: number }[];
  topicCells: readonly TopicCellRow[];
  topicNames: ReadonlyMap<number, string>;
  incidents: IncidentGroup[];
  bulletinDays: readonly BulletinDayRow[];
  bulletinZones: readonly { level: BulletinDayRow['level']; itemId: string; zones: number }[];
}

/** What the pass needs besides the rows (as aggregate.ts's AggregateSetup, without the item facts). */
export interface SummarySetup {
  period: MonthPeriod;
  ruledTopics: readonly string[];
  peakTopics: ReadonlySet<string>;
  peak: PeakResolver;
}

/** Folds the summary rows of a month into the MonthAggregate the rest of the report is built from. */
export function aggregateSummaries(input: SummaryInput, setup: SummarySetup): MonthAggregate {
  const { period } = setup;
  const monthDays = period.days.length;
  const zoneIds: string[] = [];
  const zoneNumbers = new Map<string, number>();
  const zoneNumber = (id: string): number => {
    let n = zoneNumbers.get(id);
    if (n === undefined) {
      n = zoneIds.push(id) - 1;
      zoneNumbers.set(id, n);
    }
    return n;
  };
  const days = new Map<string, number>();
  const dayOf = (date: string): number => {
    let d = days.get(date);
    if (d === undefined) days.set(date, (d = epochDay(date)));
    return d;
  };
  const monthDayOf = (date: string): number => {
    const d = dayOf(date);
    return d >= period.monthFirstDay && d <= period.monthLastDay ? d - period.monthFirstDay : -1;
  };

  const cells: CellFigures[] = [];
  for (const [date, zone, window, plays, airtimeMs, ceremonialPlays, ceremonialMs] of input.cells) {
    const monthDay = monthDayOf(date);
    if (monthDay < 0) continue;
    cells.push({ zone: zoneNumber(zone), window: window === '' ? null : window, monthDay, plays, airtimeMs, ceremonialPlays, ceremonialMs });
  }

  const items = itemTallies(input, monthDays);
  const zoneCounts: number[] = [];
  for (const z of input.zoneItems) zoneCounts[zoneNumber(z.zone)] = z.items;

  return {
    zoneIds,
    cells,
    facts: items.facts,
    itemCount: items.itemCount,
    zoneItems: { count: (zone) => zoneCounts[zone] ?? 0 },
    dayItems: items.dayItems,
    topicIds: items.topicIds,
    topicDays: items.topicDays,
    ruleCounts: ruleCounter(input.topicCells, input.topicNames, setup, { number: zoneNumber, find: (id) => zoneNumbers.get(id) }, dayOf),
    ...bulletinLists(input),
    incidents: input.incidents,
  };
}

/** Facts figures, distinct items per day and in the month, and topic plays per day, from (day, item facts) rows. */
function itemTallies(input: SummaryInput, monthDays: number) {
  const topicTally = new TopicDays(monthDays);
  // Items are numbered by id: an item whose facts changed mid-month is one item under two facts records.
  const itemNumbers = new Map<string, number>();
  const byId = new Map<number, FactsFigures>();
  for (const row of input.facts) {
    let item = itemNumbers.get(row.itemId);
    if (item === undefined) itemNumbers.set(row.itemId, (item = itemNumbers.size));
    byId.set(row.id, {
      item, itemId: row.itemId, kind: row.kind, unit: row.unit === '' ? null : row.unit,
      topics: parseTopicIds(row.topics).map(topicTally.numberOf), plays: 0, airtimeMs: 0,
    });
  }
  const dayItems = new DistinctPairs(monthDays, Math.max(1, itemNumbers.size));
  for (let day = 0; day < monthDays; day++) {
    const triples = input.dayItems[day] ?? new Float64Array(0);
    for (let r = 0; r < triples.length; r += 3) {
      const f = byId.get(triples[r]!);
      if (!f) throw new Error(`airtime_day_items points to item facts ${triples[r]}, which were not read`);
      const plays = triples[r + 1]!;
      const airtimeMs = triples[r + 2]!;
      f.plays += plays;
      f.airtimeMs += airtimeMs;
      dayItems.add(day, f.item);
      topicTally.add(f.topics, day, plays, airtimeMs);
    }
  }
  const facts = [...byId.values()].filter((f) => f.plays > 0);
  return { facts, itemCount: new Set(facts.map((f) => f.item)).size, dayItems, topicIds: topicTally.ids, topicDays: topicTally.days };
}

/**
 * Rule counts per zone and ruled topic over the scan range, from the per-topic cells: a labelled cell
 * is peak when its window is a peak window of the zone that weekday; an unlabelled play when it
 * started inside one (its local second of the day, from the period's UTC offsets).
 */
function ruleCounter(
  rows: readonly TopicCellRow[],
  topicNames: ReadonlyMap<number, string>,
  setup: SummarySetup,
  zones: { number(id: string): number; find(id: string): number | undefined },
  dayOf: (date: string) => number,
): MonthAggregate['ruleCounts'] {
  const { period, peak } = setup;
  const scanDays = Math.round((period.scanToMs - period.scanFromMs) / DAY_MS) + 2;
  const ruledNumbers = new Map(setup.ruledTopics.map((t, i) => [t, i]));
  // Per topic id of the summaries: its ruled-topic number (-1: no rule) and whether a rule is peak-only.
  const byTopicId: ({ ruled: number; needsPeak: boolean } | undefined)[] = [];
  for (const [id, topic] of topicNames) byTopicId[id] = { ruled: ruledNumbers.get(topic) ?? -1, needsPeak: setup.peakTopics.has(topic) };
  const zoneRules: (TopicDayCounts | undefined)[][] = [];
  let rules: (TopicDayCounts | undefined)[] = [];
  let scanDay = 0;
  let isPeak = (): boolean => false;
  let peakKnown = -1;
  const add = (pair: number[]): void => {
    const t = byTopicId[pair[0]!];
    const plays = pair[1]!;
    if (t === undefined || t.ruled < 0) return;
    let counts = rules[t.ruled];
    if (!counts) rules[t.ruled] = counts = { all: new Int32Array(scanDays), peak: new Int32Array(scanDays) };
    counts.all[scanDay]! += plays;
    if (t.needsPeak) {
      if (peakKnown === -1) peakKnown = isPeak() ? 1 : 0;
      if (peakKnown === 1) counts.peak[scanDay]! += plays;
    }
  };
  for (const [date, zone, window, at, json] of rows) {
    const day = dayOf(date);
    scanDay = day - period.scanFirstDay;
    if (scanDay < 0 || scanDay >= scanDays) continue;
    rules = zoneRules[zones.number(zone)] ??= [];
    const weekday = weekdayOfEpochDay(day);
    peakKnown = -1;
    isPeak = window === '' ? () => peak.isPeak(zone, null, weekday, secondOfDay(at, period.offsets), day) : () => peak.isPeak(zone, window, weekday, 0, day);
    decodePacked(json, 2, add);
  }
  return (zone, topic) => {
    const t = ruledNumbers.get(topic);
    const z = zones.find(zone);
    return z === undefined || t === undefined ? undefined : zoneRules[z]?.[t];
  };
}

/** The local second of the day of an instant, with the offset segment it falls in (as localMsSql does in SQL). */
function secondOfDay(ms: number, offsets: readonly OffsetSegment[]): number {
  const segment = offsets.find((s) => s.untilMs === null || ms < s.untilMs) ?? offsets[offsets.length - 1]!;
  const local = ms + segment.offsetMs;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
}

/** Bulletins and relays of the month: day rows merged per item, zones from the month's pairs. */
function bulletinLists(input: SummaryInput): { bulletins: BulletinFigures[]; relays: BulletinFigures[] } {
  const zones = new Map(input.bulletinZones.map((z) => [`${z.level}\u001f${z.itemId}`, z.zones]));
  const merged = new Map<string, BulletinFigures>();
  for (const d of input.bulletinDays) {
    const key = `${d.level}\u001f${d.itemId}`;
    const b = merged.get(key);
    if (!b) {
      merged.set(key, { itemId: d.itemId, title: d.title, level: d.level, plays: d.plays, airtimeMs: d.airtimeMs, zones: zones.get(key) ?? 0,
        firstStartedAt: d.firstStartedAt, lastStartedAt: d.lastStartedAt });
      continue;
    }
    b.plays += d.plays;
    b.airtimeMs += d.airtimeMs;
    if (d.firstStartedAt < b.firstStartedAt) {
      b.firstStartedAt = d.firstStartedAt;
      b.title = d.title;
    }
    if (d.lastStartedAt > b.lastStartedAt) b.lastStartedAt = d.lastStartedAt;
  }
  const all = [...merged.values()];
  return { bulletins: all.filter((b) => b.level !== 'relay'), relays: all.filter((b) => b.level === 'relay') };
}

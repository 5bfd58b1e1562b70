/**
 * What a month pass yields, whether it read the airtime log (aggregate.ts) or the summaries kept beside
 * it (summaryAggregate.ts): tallies to be rolled up (rollup.ts) and judged (compliance.ts).
 */
import type { IncidentGroup } from '../storage/reportQueries.ts';

/** Aired plays of one zone on one day in one window (window null: plays outside any window). */
export interface CellFigures {
  zone: number;
  window: string | null;
  /** Index into the month's days, -1 outside the month. */
  monthDay: number;
  plays: number;
  airtimeMs: number;
  ceremonialPlays: number;
  ceremonialMs: number;
}

/** Aired plays of one item with one set of copied facts. */
export interface FactsFigures {
  /** Interned item number (items are numbered by id), -1 when the item did not air in the month. */
  item: number;
  itemId: string;
  kind: string;
  unit: string | null;
  /** Topic numbers (indices into MonthAggregate.topicIds). */
  topics: number[];
  plays: number;
  airtimeMs: number;
}

/** Per-day play counts of one topic in one zone over the scan range; `peak` only peak-window plays. */
export interface TopicDayCounts {
  all: Int32Array;
  peak: Int32Array;
}

/** An item aired as a bulletin or relay: plays, zones, and its first and last start. */
export interface BulletinFigures {
  itemId: string;
  /** The title of its first play (earliest start, then lowest row id). */
  title: string;
  level: 'emergency' | 'priority' | 'relay';
  plays: number;
  airtimeMs: number;
  zones: number;
  firstStartedAt: number;
  lastStartedAt: number;
}

/** Distinct items per group (a zone number or a month day). */
export interface GroupCounts {
  count(group: number): number;
}

/** Everything a month pass collected. */
export interface MonthAggregate {
  zoneIds: string[];
  cells: CellFigures[];
  facts: FactsFigures[];
  /** Distinct items aired in the month. */
  itemCount: number;
  zoneItems: GroupCounts;
  dayItems: GroupCounts;
  topicIds: string[];
  /** Per topic number: plays and airtime per month day. */
  topicDays: { plays: Int32Array; airtimeMs: Float64Array }[];
  /** Rule counts of a zone and a ruled topic (undefined when it never aired there). */
  ruleCounts(zone: string, topic: string): TopicDayCounts | undefined;
  bulletins: BulletinFigures[];
  relays: BulletinFigures[];
  incidents: IncidentGroup[];
}

/** Topics numbered as first met, with their plays and airtime per day of the month (both month passes). */
export class TopicDays {
  readonly ids: string[] = [];
  readonly days: MonthAggregate['topicDays'] = [];
  private readonly numbers = new Map<string, number>();

  constructor(private readonly monthDays: number) {}

  /** The topic's number, given (with its empty days) the first time it is met. */
  readonly numberOf = (id: string): number => {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.push(id) - 1;
      this.numbers.set(id, n);
      this.days.push({ plays: new Int32Array(this.monthDays), airtimeMs: new Float64Array(this.monthDays) });
    }
    return n;
  };

  /** Counts plays (and their airtime) of an item with these topic numbers on a month day. */
  add(topics: readonly number[], day: number, plays: number, airtimeMs: number): void {
    for (let i = 0; i < topics.length; i++) {
      const d = this.days[topics[i]!]!;
      d.plays[day]! += plays;
      d.airtimeMs[day]! += airtimeMs;
    }
  }
}

/** Topic ids of a row's topics JSON; a malformed value counts as no topics rather than failing the report. */
export function parseTopicIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? [...new Set(v.filter((t): t is string => typeof t === 'string'))] : [];
  } catch {
    return [];
  }
}

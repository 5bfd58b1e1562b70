/**
 * Rule 4 for the validator: topic maxima per day or ISO week, per zone, over planned slots plus
 * aired plays.
 */
import type { Violation } from '../domain/plan.ts';
import type { Topic, Zone } from '../domain/station.ts';
import type { Play } from './validateModel.ts';
import type { ValidationCalendar } from './validateWindows.ts';
import { dayNumberOf, weekStartOfDayNumber } from './validateTime.ts';

/** A capped topic rule, read once for the whole validation. */
interface CappedRule {
  topicId: string;
  index: number;
  per: 'day' | 'week';
  max: number;
  fromDay: number;
  toDay: number;
  /** The zones the rule is scoped to; null for every zone. */
  zones: Set<string> | null;
}

/**
 * Rule 4: no capped topic rule counts more than its max in any of its periods in the zone. Every
 * play counts toward a max, planned or aired, in any window or none, peak or not, whatever the
 * rule's peakOnly (which only concerns its min, a soft target this validator does not judge).
 *
 * Only a period holding a planned play can be broken by the plan, so plays are counted per topic
 * and day over the ISO weeks that hold planned plays, and each rule adds up its days from those.
 */
export class TopicMaxChecker {
  /** Topics with a capped rule, numbered in station order. */
  private readonly topicIndex = new Map<string, number>();
  private readonly rulesOfTopic: CappedRule[][] = [];
  /** Numbers of the capped topics of a known item, by item key (a topic listed twice counts once). */
  private readonly topicsOfKey: (number[] | undefined)[] = [];
  /** Scratch of one zone, by topic row and day column: play counts, first planned play (index). */
  private counts = new Int32Array(0);
  private firsts = new Int32Array(0);

  constructor(
    topics: Topic[],
    private readonly cal: ValidationCalendar,
  ) {
    for (const topic of topics) {
      const capped: CappedRule[] = [];
      topic.rules.forEach((rule, index) => {
        if (rule.max === null || rule.max === undefined) return;
        capped.push({
          topicId: topic.id,
          index,
          per: rule.per,
          max: rule.max,
          fromDay: rule.from ? dayNumberOf(rule.from) : -Infinity,
          toDay: rule.to ? dayNumberOf(rule.to) : Infinity,
          zones: rule.zones ? new Set(rule.zones) : null,
        });
      });
      if (capped.length === 0) continue;
      // Two topics with one id count as one, their rules in station order.
      const known = this.topicIndex.get(topic.id);
      if (known !== undefined) this.rulesOfTopic[known]!.push(...capped);
      else this.topicIndex.set(topic.id, this.rulesOfTopic.push(capped) - 1);
    }
  }

  /** Checks one zone; `planned` (known items) and `aired` are each in start order. */
  check(zone: Zone, planned: Play[], aired: Play[], out: Violation[]): void {
    if (planned.length === 0) return;
    // Rows: the topics with a rule for the zone, in station order, with those rules.
    const rowOf: number[] = [];
    const rows: CappedRule[][] = [];
    for (const rules of this.rulesOfTopic) {
      const mine = rules.filter((r) => !r.zones || r.zones.has(zone.id));
      rowOf.push(mine.length > 0 ? rows.push(mine) - 1 : -1);
    }
    if (rows.length === 0) return;

    // Columns: the days of the weeks holding planned plays, 7 a week, weeks by first appearance.
    const weeks = new Map<number, number>();
    const weekStarts: number[] = [];
    let lastDay = NaN;
    for (const p of planned) {
      if (p.day === lastDay) continue;
      lastDay = p.day;
      const week = weekStartOfDayNumber(p.day);
      if (!weeks.has(week)) weeks.set(week, weekStarts.push(week) - 1);
    }
    const columns = weekStarts.length * 7;
    const size = rows.length * columns;
    if (this.counts.length < size) {
      this.counts = new Int32Array(Math.max(size, 2 * this.counts.length));
      this.firsts = new Int32Array(this.counts.length);
    }
    const { counts, firsts } = this;
    counts.fill(0, 0, size);
    firsts.fill(-1, 0, size);

    lastDay = NaN;
    let column = -1;
    const all = planned.length + aired.length;
    for (let k = 0; k < all; k++) {
      const p = k < planned.length ? planned[k]! : aired[k - planned.length]!;
      if (p.day !== lastDay) {
        lastDay = p.day;
        const week = weekStartOfDayNumber(p.day);
        const position = weeks.get(week);
        column = position === undefined ? -1 : position * 7 + (p.day - week);
      }
      if (column < 0) continue; // an aired play outside the plan's weeks
      if (p.planned) {
        // A planned play's topics are its item's, numbered once by key.
        const topics = this.topicsOfKey[p.key] ?? this.topicsOf(p);
        for (let t = 0; t < topics.length; t++) {
          const row = rowOf[topics[t]!]!;
          if (row < 0) continue;
          const at = row * columns + column;
          counts[at]!++;
          if (firsts[at]! < 0) firsts[at] = k;
        }
      } else {
        // Aired rows carry their own topics; one listed twice counts once.
        for (let t = 0; t < p.topics.length; t++) {
          const topic = this.topicIndex.get(p.topics[t]!);
          if (topic === undefined || rowOf[topic]! < 0 || p.topics.indexOf(p.topics[t]!) !== t) continue;
          counts[rowOf[topic]! * columns + column]!++;
        }
      }
    }

    // Weeks in date order, so each rule reports its periods in date order.
    const order = weekStarts.map((_, position) => position).sort((a, b) => weekStarts[a]! - weekStarts[b]!);
    rows.forEach((rules, row) => {
      for (const rule of rules) {
        for (const position of order) {
          const week = weekStarts[position]!;
          let n = 0;
          let first = -1;
          for (let d = 0; d < 7; d++) {
            const day = week + d;
            // (Written so that an unreadable from or to, NaN, bounds nothing.)
            if (day < rule.fromDay || day > rule.toDay) continue;
            const at = row * columns + position * 7 + d;
            if (rule.per === 'day') {
              if (firsts[at]! >= 0 && counts[at]! > rule.max) this.report(zone, rule, day, counts[at]!, planned[firsts[at]!]!, out);
            } else {
              n += counts[at]!;
              // The planned play met first among the week's days.
              if (firsts[at]! >= 0 && (first < 0 || firsts[at]! < first)) first = firsts[at]!;
            }
          }
          if (rule.per === 'week' && first >= 0 && n > rule.max) this.report(zone, rule, week, n, planned[first]!, out);
        }
      }
    });
  }

  private report(zone: Zone, rule: CappedRule, period: number, n: number, play: Play, out: Violation[]): void {
    out.push({
      rule: 4,
      zone: zone.id,
      slot: play.slot,
      message: `topic ${rule.topicId} rule ${rule.index} (${rule.per} of ${this.cal.date(period)}): ${n} plays, max ${rule.max}`,
    });
  }

  /** The capped topic numbers of a planned play's item (a topic listed twice counts once), by key. */
  private topicsOf(p: Play): number[] {
    const numbers: number[] = [];
    for (const topicId of p.topics) {
      const topic = this.topicIndex.get(topicId);
      if (topic !== undefined && !numbers.includes(topic)) numbers.push(topic);
    }
    while (this.topicsOfKey.length <= p.key) this.topicsOfKey.push(undefined); // dense, not a dictionary
    this.topicsOfKey[p.key] = numbers;
    return numbers;
  }
}

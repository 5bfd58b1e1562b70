/**
 * Topics' compliance for the quality report (decisions §8): a rule's `max` counts every play of its
 * period in any window; with `peakOnly` only plays in peak windows count toward its `min`. A week the
 * rule's dates cut owes ceil(min × daysInside / 7). Weeks ending after the range are skipped; a week
 * that began before the range counts the aired history of its past days.
 */
import type { Topic } from '../domain/station.ts';
import type { QualityModel } from './planQualityModel.ts';
import { dayNumberOf, isoWeekdayOfDayNumber } from './validateTime.ts';

/** Compliance of one topic rule over every zone it applies to. */
export interface TopicRuleCompliance {
  topic: string;
  ruleIndex: number;
  per: 'day' | 'week';
  min: number;
  max: number | null;
  peakOnly: boolean;
  /** Zone-periods whose min was met, of `periods` judged (0 / 0 for a rule without a min). */
  met: number;
  periods: number;
  /** Zone-periods with more plays than the max. */
  maxExceeded: number;
}

interface RuleScan {
  out: TopicRuleCompliance;
  topic: number;
  per: 'day' | 'week';
  min: number;
  max: number | null;
  peakOnly: boolean;
  fromDay: number;
  toDay: number;
  /** Zone indices it applies to; null for all. */
  zones: Set<number> | null;
}

/**
 * Counts per zone fed by the caller (plays by topic and day, all and in peak windows), then judged
 * rule by rule with `judgeZone`.
 */
export class TopicCompliance {
  readonly spanDays: number;
  /** all[topic * spanDays + (day − spanStart)]: plays of the topic that day, any window or none. */
  readonly all: Int32Array;
  /** The same, plays in peak windows only. */
  readonly peak: Int32Array;
  private readonly rules: RuleScan[] = [];

  constructor(
    private readonly model: QualityModel,
    topics: Topic[],
  ) {
    this.spanDays = model.toDay - model.spanStart + 1;
    this.all = new Int32Array(topics.length * this.spanDays);
    this.peak = new Int32Array(topics.length * this.spanDays);
    const zoneIndex = new Map(model.zones.map((z, i) => [z.id, i] as const));
    topics.forEach((topic, t) => {
      topic.rules.forEach((rule, ruleIndex) => {
        if (rule.min <= 0 && (rule.max === null || rule.max === undefined)) return;
        this.rules.push({
          out: { topic: topic.id, ruleIndex, per: rule.per, min: rule.min, max: rule.max ?? null, peakOnly: rule.peakOnly, met: 0, periods: 0, maxExceeded: 0 },
          topic: t,
          per: rule.per,
          min: rule.min,
          max: rule.max ?? null,
          peakOnly: rule.peakOnly,
          fromDay: rule.from ? dayNumberOf(rule.from) : -Infinity,
          toDay: rule.to ? dayNumberOf(rule.to) : Infinity,
          zones: rule.zones ? new Set(rule.zones.map((id) => zoneIndex.get(id)).filter((z): z is number => z !== undefined)) : null,
        });
      });
    });
  }

  /** Clears the counts before a zone's plays are added. */
  reset(): void {
    this.all.fill(0);
    this.peak.fill(0);
  }

  /** Adds one play of the topics on a day (a day number), in a peak window or not. */
  add(topics: Int32Array, day: number, inPeak: boolean): void {
    const d = day - this.model.spanStart;
    if (d < 0 || d >= this.spanDays) return;
    for (let k = 0; k < topics.length; k++) {
      const i = topics[k]! * this.spanDays + d;
      this.all[i]!++;
      if (inPeak) this.peak[i]!++;
    }
  }

  /** Judges every rule that applies to zone z on the counts added since the last reset. */
  judgeZone(z: number): void {
    const { fromDay, toDay } = this.model;
    for (const r of this.rules) {
      if (r.zones && !r.zones.has(z)) continue;
      if (r.per === 'day') {
        for (let day = Math.max(fromDay, r.fromDay); day <= Math.min(toDay, r.toDay); day++) this.judge(r, day, day, r.min);
        continue;
      }
      for (let monday = fromDay - (isoWeekdayOfDayNumber(fromDay) - 1); monday + 6 <= toDay; monday += 7) {
        const lo = Math.max(monday, r.fromDay);
        const hi = Math.min(monday + 6, r.toDay);
        if (hi < lo) continue;
        this.judge(r, lo, hi, Math.ceil((r.min * (hi - lo + 1)) / 7));
      }
    }
  }

  /** One period of a rule, days lo..hi (day numbers) of which `owed` plays are due. */
  private judge(r: RuleScan, lo: number, hi: number, owed: number): void {
    const base = r.topic * this.spanDays - this.model.spanStart;
    let all = 0;
    let peak = 0;
    for (let day = lo; day <= hi; day++) {
      all += this.all[base + day]!;
      peak += this.peak[base + day]!;
    }
    if (r.min > 0) {
      r.out.periods++;
      if ((r.peakOnly ? peak : all) >= owed) r.out.met++;
    }
    if (r.max !== null && all > r.max) r.out.maxExceeded++;
  }

  /** The figures per rule, in the station's order. */
  results(): TopicRuleCompliance[] {
    return this.rules.map((r) => r.out);
  }
}

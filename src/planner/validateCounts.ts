/**
 * The validator's counting rules, per zone, over planned slots plus aired plays:
 * rule 3 (once per window, plays per day, repeat gap), rule 4 (topic maxima per period),
 * rule 5 (ceremonial share of plays, airtime and distinct items at the end of every day, month to date).
 */
import type { Violation } from '../domain/plan.ts';
import type { Policy, Topic, TopicRule, Zone } from '../domain/station.ts';
import type { Play, ValidationCalendar, ValidationLibrary, ZoneWindowOnDate } from './validateModel.ts';
import { monthOf } from '../domain/time.ts';
import { dayNumberOf, weekStartOfDayNumber } from './validateTime.ts';

/** Per-item state of the rule 3 scan, reset lazily per zone. */
interface RepeatState {
  zoneSeq: number;
  lastStart: number;
  lastPlanned: boolean;
  day: number;
  dayCount: number;
  dayPlanned: boolean;
  dayReported: boolean;
  window: ZoneWindowOnDate | undefined;
  windowCount: number;
  windowPlanned: boolean;
  windowReported: boolean;
}

/**
 * Rule 3 for every non-jingle item planned in the zone, in one pass over the zone's plays
 * (planned and aired merged in start order) with a small state per item: repeat gap to the
 * previous play, plays per day, plays per window instance.
 */
export class RepeatChecker {
  private readonly states: RepeatState[] = [];
  private zoneSeq = 0;

  constructor(
    private readonly library: ValidationLibrary,
    private readonly policy: Policy,
    private readonly cal: ValidationCalendar,
  ) {}

  /** Checks one zone; `planned` and `aired` are each in start order. */
  check(zone: Zone, planned: Play[], aired: Play[], out: Violation[]): void {
    const seq = ++this.zoneSeq;
    const { facts } = this.library;
    const plannedHere = this.states;
    for (const p of planned) if (!facts[p.key]!.jingle) this.stateOf(p.key, seq);
    let i = 0;
    let j = 0;
    while (i < planned.length || j < aired.length) {
      const takePlanned = j >= aired.length || (i < planned.length && planned[i]!.startMs <= aired[j]!.startMs);
      const p = takePlanned ? planned[i++]! : aired[j++]!;
      const state = plannedHere[p.key];
      // Only items planned in this zone are judged; jingles are exempt.
      if (!state || state.zoneSeq !== seq || facts[p.key]!.jingle) continue;
      this.visit(zone, p, state, out);
    }
  }

  private stateOf(key: number, seq: number): RepeatState {
    let state = this.states[key];
    if (state?.zoneSeq === seq) return state;
    // One state object per item for the whole validation, reset in place for each zone.
    state ??= this.states[key] = {} as RepeatState;
    state.zoneSeq = seq;
    state.lastStart = -Infinity;
    state.lastPlanned = false;
    state.day = NaN;
    state.dayCount = 0;
    state.dayPlanned = false;
    state.dayReported = false;
    state.window = undefined;
    state.windowCount = 0;
    state.windowPlanned = false;
    state.windowReported = false;
    return state;
  }

  private visit(zone: Zone, p: Play, s: RepeatState, out: Violation[]): void {
    const { policy } = this;
    const itemId = this.library.facts[p.key]!.id;
    const gapMs = policy.minRepeatGapMinutes * 60_000;
    if ((p.planned || s.lastPlanned) && p.startMs - s.lastStart < gapMs) {
      out.push({
        rule: 3,
        zone: zone.id,
        slot: p.slot,
        message: `item ${itemId} starts ${(p.startMs - s.lastStart) / 60_000} min after its previous play; the gap is ${policy.minRepeatGapMinutes} min`,
      });
    }
    s.lastStart = p.startMs;
    s.lastPlanned = p.planned;

    if (s.day !== p.day) {
      s.day = p.day;
      s.dayCount = 0;
      s.dayPlanned = s.dayReported = false;
    }
    s.dayCount++;
    s.dayPlanned ||= p.planned;
    if (s.dayPlanned && !s.dayReported && s.dayCount > policy.maxPlaysPerItemPerDay) {
      s.dayReported = true;
      out.push({
        rule: 3,
        zone: zone.id,
        slot: p.slot,
        message: `item ${itemId} airs more than ${policy.maxPlaysPerItemPerDay} times on ${this.cal.date(p.day)}`,
      });
    }

    if (s.window !== p.window) {
      s.window = p.window;
      s.windowCount = 0;
      s.windowPlanned = s.windowReported = false;
    }
    if (!p.window) return;
    s.windowCount++;
    s.windowPlanned ||= p.planned;
    if (s.windowPlanned && !s.windowReported && s.windowCount > 1) {
      s.windowReported = true;
      out.push({
        rule: 3,
        zone: zone.id,
        slot: p.slot,
        message: `item ${itemId} airs more than once in window ${p.window.label} on ${this.cal.date(p.day)}`,
      });
    }
  }
}

interface RuleCount {
  topicId: string;
  index: number;
  rule: TopicRule;
  fromDay: number;
  toDay: number;
  /** Counts by period: the day number, or the day number of the week's Monday. */
  periods: Map<number, { n: number; planned: Play | undefined }>;
}

/**
 * Rule 4: no capped topic rule counts more than its max in any of its periods in the zone. Every
 * play counts toward a max, planned or aired, in any window or none, peak or not, whatever the
 * rule's peakOnly (which only concerns its min, a soft target this validator does not judge).
 */
export function checkTopicMaxima(
  zone: Zone,
  planned: Play[],
  aired: Play[],
  topics: Topic[],
  cal: ValidationCalendar,
  out: Violation[],
): void {
  const rulesByTopic = new Map<string, RuleCount[]>();
  for (const topic of topics) {
    topic.rules.forEach((rule, index) => {
      if (rule.max === null || rule.max === undefined) return;
      if (rule.zones && !rule.zones.includes(zone.id)) return;
      let list = rulesByTopic.get(topic.id);
      if (!list) rulesByTopic.set(topic.id, (list = []));
      list.push({
        topicId: topic.id,
        index,
        rule,
        fromDay: rule.from ? dayNumberOf(rule.from) : -Infinity,
        toDay: rule.to ? dayNumberOf(rule.to) : Infinity,
        periods: new Map(),
      });
    });
  }
  if (rulesByTopic.size === 0) return;

  // Plays come in day order, so the week of the last day seen mostly answers.
  let lastDay = NaN;
  let lastWeek = NaN;
  const count = (p: Play): void => {
    if (p.day !== lastDay) {
      lastDay = p.day;
      lastWeek = weekStartOfDayNumber(p.day);
    }
    for (let k = 0; k < p.topics.length; k++) {
      const topicId = p.topics[k]!;
      const counts = rulesByTopic.get(topicId);
      if (!counts || p.topics.indexOf(topicId) !== k) continue; // a topic listed twice counts once
      for (const c of counts) {
        const { rule } = c;
        if (p.day < c.fromDay || p.day > c.toDay) continue;
        // No peak filter: a max counts every play of its period, in a window or not, peak or not;
        // peakOnly only says where the min must be met (decisions §8).
        const period = rule.per === 'week' ? lastWeek : p.day;
        let n = c.periods.get(period);
        if (!n) c.periods.set(period, (n = { n: 0, planned: undefined }));
        n.n++;
        if (p.planned) n.planned ??= p;
      }
    }
  };
  for (const p of planned) count(p);
  for (const p of aired) count(p);
  for (const counts of rulesByTopic.values()) {
    for (const c of counts) {
      for (const [period, n] of c.periods) {
        if (n.planned && n.n > c.rule.max!) {
          out.push({
            rule: 4,
            zone: zone.id,
            slot: n.planned.slot,
            message: `topic ${c.topicId} rule ${c.index} (${c.rule.per} of ${cal.date(period)}): ${n.n} plays, max ${c.rule.max}`,
          });
        }
      }
    }
  }
}

/**
 * Rule 5: at the end of every day, month to date (aired plays included), ceremonial content stays
 * strictly below the share of plays, of airtime and of distinct items (distinct ceremonial items
 * over distinct items); jingles are left out of every side. A month the plan adds no ceremonial
 * play to is not the plan's doing, so it is only checked from the first planned ceremonial play on.
 */
export function checkCeremonialShare(
  zone: Zone,
  planned: Play[],
  aired: Play[],
  library: ValidationLibrary,
  share: number,
  cal: ValidationCalendar,
  out: Violation[],
): void {
  const jingle = (p: Play) => library.facts[p.key]!.jingle;
  if (!planned.some((p) => p.ceremonial && !jingle(p))) return;
  let day = NaN;
  let month = '';
  let count = 0;
  let ms = 0;
  let cerCount = 0;
  let cerMs = 0;
  // An item is ceremonial in the month once any of its plays there is (aired rows carry their own flag).
  const items = new Set<number>();
  const cerItems = new Set<number>();
  let plannedCeremonial: Play | undefined;
  const endOfDay = (): void => {
    if (!plannedCeremonial) return;
    if (!(cerCount < share * count) || !(cerMs < share * ms) || !(cerItems.size < share * items.size)) {
      out.push({
        rule: 5,
        zone: zone.id,
        slot: plannedCeremonial.slot,
        message:
          `by the end of ${cal.date(day)}, ceremonial content is ${cerCount}/${count} plays, ${cerMs}/${ms} ms of airtime ` +
          `and ${cerItems.size}/${items.size} distinct items in ${month}; the cap is below ${share * 100}%`,
      });
    }
  };
  // Both lists are in start order, so merging them walks the days in order.
  let i = 0;
  let j = 0;
  while (i < planned.length || j < aired.length) {
    const takePlanned = j >= aired.length || (i < planned.length && planned[i]!.startMs <= aired[j]!.startMs);
    const p = takePlanned ? planned[i++]! : aired[j++]!;
    if (jingle(p)) continue;
    if (p.day !== day) {
      if (!Number.isNaN(day)) endOfDay();
      day = p.day;
      const m = monthOf(cal.date(day));
      if (m !== month) {
        month = m;
        count = ms = cerCount = cerMs = 0;
        items.clear();
        cerItems.clear();
        plannedCeremonial = undefined;
      }
    }
    count++;
    ms += p.endMs - p.startMs;
    items.add(p.key);
    if (p.ceremonial) {
      cerCount++;
      cerMs += p.endMs - p.startMs;
      cerItems.add(p.key);
      if (p.planned) plannedCeremonial ??= p;
    }
  }
  if (!Number.isNaN(day)) endOfDay();
}

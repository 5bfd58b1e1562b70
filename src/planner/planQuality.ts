/**
 * A pure quality report of a plan: does it air news where people listen, soon after approval,
 * spread over the library, with ceremonial content kept low and topic targets met? Computed from the
 * plan input and the slots alone (nothing of the planner's internals), aired history included where
 * a figure is about periods. Fast enough for a month of a thousand zones (about a million slots).
 * It reads time with the validator's helpers (validateTime.ts), which share nothing with the planner.
 */
import type { PlanInput, Slot } from '../domain/plan.ts';
import type { TopicRuleCompliance } from './planQualityTopics.ts';
import { buildQualityModel } from './planQualityModel.ts';
import { dateOfDayNumber } from './validateTime.ts';
import { TopicCompliance } from './planQualityTopics.ts';
import { availableItemsFinder, emptyFigures, median } from './planQualityWindows.ts';

export type { TopicRuleCompliance } from './planQualityTopics.ts';
export { formatPlanQuality } from './planQualityFormat.ts';

/** Window time from max(start, now) to the end, over window instances of the range not over at now. */
export interface FillFigure {
  windows: number;
  windowMs: number;
  /** Of which covered by non-jingle plays. */
  filledMs: number;
  /** filledMs / windowMs; null without window time. */
  share: number | null;
}

/** A peak window instance with nothing but jingles in it. */
export interface EmptyWindow {
  zone: string;
  date: string;
  window: string;
}

export interface PlanQuality {
  zones: number;
  slots: number;
  /** Non-jingle planned slots whose start lies in no window of their zone. */
  slotsOutsideWindows: number;
  fill: { peak: FillFigure; nonPeak: FillFigure };
  /**
   * Peak window instances (not over at now) with no non-jingle play. `withItems` counts those for
   * which an approved, non-excluded item was valid over a stretch of the window at least as long as
   * itself: 0 for a good plan. `examples` lists the first few of those.
   */
  emptyPeakWindows: { withItems: number; total: number; examples: EmptyWindow[] };
  /**
   * Per approved non-jingle item valid somewhere in the range (from now): its planned plays divided
   * by the number of zones measured; min / median / max over those items (null when none).
   */
  playsPerItem: { items: number; min: number | null; median: number | null; max: number | null; neverPlanned: number };
  /**
   * Per zone and item of playsPerItem that is planned there: first planned start minus
   * max(approvedAt ?? createdAt, now), in minutes; the median, and the share of those first
   * airings inside a peak window.
   */
  firstAiring: { pairs: number; medianMinutes: number | null; peakShare: number | null };
  /**
   * Ceremonial shares per zone and month touched by the range (planned plus aired plays of the
   * month, jingles excluded): the largest share of plays, of airtime and of distinct items, and how
   * many zone-months reach the policy's cap in any of the three.
   */
  ceremonial: { cap: number; zoneMonths: number; maxPlayShare: number; maxAirtimeShare: number; maxItemShare: number; zoneMonthsAtCap: number };
  /** Per topic rule with a min or a max; `met` / `periods` summed over the rules with a min. */
  topics: { rules: TopicRuleCompliance[]; met: number; periods: number; share: number | null; maxExceeded: number };
}

const EXAMPLES = 5;

/** Measures `slots` planned for `input` (aired history counted where a figure is about periods). */
export function measurePlanQuality(input: PlanInput, slots: Slot[]): PlanQuality {
  const m = buildQualityModel(input, slots);
  const { plays, items, nowMs } = m;
  const nItems = items.length;
  const topics = new TopicCompliance(m, input.station.topics);
  const available = availableItemsFinder(m);

  // Items that could air somewhere in the range, from now on.
  const rangeFrom = Math.max(m.rangeStartMs, nowMs);
  const inRange = new Uint8Array(nItems);
  let itemsInRange = 0;
  items.forEach((it, i) => {
    if (it.eligible && Math.min(it.validUntil, m.rangeEndMs) - Math.max(it.validFrom, rangeFrom) >= it.durationMs) {
      inRange[i] = 1;
      itemsInRange++;
    }
  });
  const itemPlays = new Int32Array(nItems);

  // First airing per zone: stamped per item, so nothing is cleared between zones.
  const firstStamp = new Int32Array(nItems);
  const firstStart = new Float64Array(nItems);
  const firstPeak = new Uint8Array(nItems);
  const touched = new Int32Array(nItems);
  const delays: number[] = [];
  let firstInPeak = 0;

  // Months touched by the range, and each span day's month.
  const months: string[] = [];
  const monthOfSpanDay = new Int8Array(m.toDay - m.spanStart + 1).fill(-1);
  for (let day = m.spanStart; day <= m.toDay; day++) {
    const month = dateOfDayNumber(day).slice(0, 7);
    if (day >= m.fromDay && !months.includes(month)) months.push(month);
  }
  for (let day = m.spanStart; day <= m.toDay; day++) monthOfSpanDay[day - m.spanStart] = months.indexOf(dateOfDayNumber(day).slice(0, 7));
  const distinctStamp = new Int32Array(months.length * nItems);
  // Per month: plays, ceremonial plays, ms, ceremonial ms, distinct items, distinct ceremonial items.
  const acc = new Float64Array(months.length * 6);
  const cap = input.station.policy.ceremonialMaxShare;
  const ceremonial = { cap, zoneMonths: 0, maxPlayShare: 0, maxAirtimeShare: 0, maxItemShare: 0, zoneMonthsAtCap: 0 };

  const winFilled = new Float64Array(m.winStart.length);
  const winContent = new Uint8Array(m.winStart.length);
  const fill = { peak: emptyFigures(), nonPeak: emptyFigures() };
  const empty = { withItems: 0, total: 0, examples: [] as EmptyWindow[] };
  let slotsOutsideWindows = 0;

  for (let z = 0; z < m.zones.length; z++) {
    const stamp = z + 1;
    let touchedCount = 0;
    topics.reset();
    acc.fill(0);
    for (let o = m.playFirst[z]!; o < m.playFirst[z + 1]!; o++) {
      const k = m.playOrder[o]!;
      const item = plays.item[k]!;
      const facts = items[item]!;
      if (facts.jingle) continue;
      const planned = k < plays.planned;
      const start = plays.start[k]!;
      const end = plays.end[k]!;
      const day = plays.day[k]!;
      const w = plays.window[k]!;
      const inPeak = w >= 0 && m.winPeak[w] === 1;
      if (w >= 0) {
        winContent[w] = 1;
        const covered = Math.min(end, m.winEnd[w]!) - Math.max(start, m.winStart[w]!, nowMs);
        if (covered > 0) winFilled[w]! += covered;
      } else if (planned) {
        slotsOutsideWindows++;
      }
      topics.add(planned ? facts.topics : plays.airedTopics[k - plays.planned]!, day, inPeak);

      const month = day >= m.spanStart && day <= m.toDay ? monthOfSpanDay[day - m.spanStart]! : -1;
      if (month >= 0) {
        const cer = plays.ceremonial[k] === 1;
        const a = month * 6;
        acc[a]!++;
        acc[a + 2]! += end - start;
        if (cer) {
          acc[a + 1]!++;
          acc[a + 3]! += end - start;
        }
        if (distinctStamp[month * nItems + item] !== stamp) {
          distinctStamp[month * nItems + item] = stamp;
          acc[a + 4]!++;
          if (cer) acc[a + 5]!++;
        }
      }

      if (planned && inRange[item] === 1) {
        itemPlays[item]!++;
        if (firstStamp[item] !== stamp) {
          firstStamp[item] = stamp;
          touched[touchedCount++] = item;
          firstStart[item] = Infinity;
        }
        if (start < firstStart[item]!) {
          firstStart[item] = start;
          firstPeak[item] = inPeak ? 1 : 0;
        }
      }
    }

    for (let t = 0; t < touchedCount; t++) {
      const item = touched[t]!;
      const approved = items[item]!.approvedMs;
      delays.push((firstStart[item]! - (Number.isNaN(approved) ? nowMs : Math.max(approved, nowMs))) / 60_000);
      firstInPeak += firstPeak[item]!;
    }

    for (let w = m.winFirst[z]!; w < m.winFirst[z + 1]!; w++) {
      const day = m.winDay[w]!;
      const from = Math.max(m.winStart[w]!, nowMs);
      const to = m.winEnd[w]!;
      if (day < m.fromDay || to <= nowMs) continue;
      const figure = m.winPeak[w] === 1 ? fill.peak : fill.nonPeak;
      figure.windows++;
      figure.windowMs += to - from;
      figure.filledMs += winFilled[w]!;
      if (m.winPeak[w] !== 1 || winContent[w] === 1) continue;
      empty.total++;
      if (available(z, day, from, to)) {
        empty.withItems++;
        if (empty.examples.length < EXAMPLES) empty.examples.push({ zone: m.zones[z]!.id, date: dateOfDayNumber(day), window: m.winLabel[w]! });
      }
    }

    topics.judgeZone(z);

    for (let month = 0; month < months.length; month++) {
      const a = month * 6;
      if (acc[a] === 0) continue;
      const playShare = acc[a + 1]! / acc[a]!;
      const airtimeShare = acc[a + 2]! > 0 ? acc[a + 3]! / acc[a + 2]! : 0;
      const itemShare = acc[a + 5]! / acc[a + 4]!;
      ceremonial.zoneMonths++;
      ceremonial.maxPlayShare = Math.max(ceremonial.maxPlayShare, playShare);
      ceremonial.maxAirtimeShare = Math.max(ceremonial.maxAirtimeShare, airtimeShare);
      ceremonial.maxItemShare = Math.max(ceremonial.maxItemShare, itemShare);
      if (playShare >= cap || airtimeShare >= cap || itemShare >= cap) ceremonial.zoneMonthsAtCap++;
    }
  }

  for (const f of [fill.peak, fill.nonPeak]) f.share = f.windowMs > 0 ? f.filledMs / f.windowMs : null;

  const perItem: number[] = [];
  let neverPlanned = 0;
  for (let i = 0; i < nItems; i++) {
    if (inRange[i] !== 1) continue;
    perItem.push(m.zones.length > 0 ? itemPlays[i]! / m.zones.length : 0);
    if (itemPlays[i] === 0) neverPlanned++;
  }
  const sortedPerItem = Float64Array.from(perItem).sort();
  const rules = topics.results();
  const met = rules.reduce((n, r) => n + r.met, 0);
  const periods = rules.reduce((n, r) => n + r.periods, 0);

  return {
    zones: m.zones.length,
    slots: plays.planned,
    slotsOutsideWindows,
    fill,
    emptyPeakWindows: empty,
    playsPerItem: {
      items: itemsInRange,
      min: sortedPerItem.length > 0 ? sortedPerItem[0]! : null,
      median: median(sortedPerItem),
      max: sortedPerItem.length > 0 ? sortedPerItem[sortedPerItem.length - 1]! : null,
      neverPlanned,
    },
    firstAiring: {
      pairs: delays.length,
      medianMinutes: median(Float64Array.from(delays).sort()),
      peakShare: delays.length > 0 ? firstInPeak / delays.length : null,
    },
    ceremonial,
    topics: { rules, met, periods, share: periods > 0 ? met / periods : null, maxExceeded: rules.reduce((n, r) => n + r.maxExceeded, 0) },
  };
}

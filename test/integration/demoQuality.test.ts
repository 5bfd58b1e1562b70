/**
 * The quality check of issue 8 on the demo ward: a whole month planned from the demo station file
 * and the demo library, measured by the plan quality report and by direct counts of the slots.
 * December 2026 is the Đại hội XIV campaign's peak period (daily rule, 1–2 a day, min in peak
 * windows); May 2026 is normal time (weekly rule, 3–5 a week). Every item is approved the evening
 * before the month starts, and the plan is made at that moment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ITEMS } from '../../src/demo/demoLibrary.ts';
import { DEMO_FILE } from '../../src/demo/loadDemo.ts';
import type { PlanInput, PlannableItem, Slot } from '../../src/domain/plan.ts';
import { addDays, datesInRange, isoWeekday } from '../../src/domain/time.ts';
import { planRange } from '../../src/planner/plan.ts';
import { formatPlanQuality, measurePlanQuality } from '../../src/planner/planQuality.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { parseStationYaml } from '../../src/station/stationYaml.ts';

const DAI_HOI = 'dai-hoi-xiv';
/** The planned ceremonial share (decisions §8: policy default) and the hard cap of seed 000. */
const PLAN_SHARE = 0.12;
const HARD_CAP = 0.15;

interface Month {
  name: string;
  from: string;
  to: string;
  /** The evening before the month: items approved and the plan made then. */
  approvedAt: string;
}

const DECEMBER: Month = { name: 'December 2026 (campaign peak)', from: '2026-12-01', to: '2026-12-31', approvedAt: '2026-11-30T20:00:00+07:00' };
const MAY: Month = { name: 'May 2026 (normal time)', from: '2026-05-01', to: '2026-05-31', approvedAt: '2026-04-30T20:00:00+07:00' };

/** The demo ward with the demo library, every item approved at `month.approvedAt`. */
function demoMonthInput(month: Month): PlanInput {
  const file = parseStationYaml(readFileSync(DEMO_FILE, 'utf8'));
  const items: PlannableItem[] = DEMO_ITEMS.map((d, i) => ({
    id: `demo-${i + 1}`, title: d.title, kind: d.kind, topics: d.topics, ceremonial: d.ceremonial ?? false,
    priority: d.priority ?? 'normal', status: 'approved', durationMs: d.seconds * 1000 + 26, validFrom: null, validUntil: null,
    approvedAt: month.approvedAt, createdAt: month.approvedAt,
  }));
  return {
    station: { tz: 'Asia/Ho_Chi_Minh', zones: file.zones, topics: file.topics, policy: file.policy! },
    items, aired: [], from: month.from, to: month.to, now: month.approvedAt,
  };
}

/** A month planned, with the figures every test below reads. */
function planMonth(month: Month) {
  const input = demoMonthInput(month);
  const result = planRange(input);
  const quality = measurePlanQuality(input, result.slots);
  const rows = formatPlanQuality(quality);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nDemo ward, ${month.name}: ${result.slots.length} slots, ${result.shortfalls.length} shortfalls\n` +
    rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n'));

  const item = new Map(input.items.map((i) => [i.id, i] as const));
  // A window's peak flag by zone and label ("HH:MM-HH:MM"), from the station file itself.
  const peak = new Map<string, boolean>();
  for (const z of input.station.zones) for (const w of z.windows) peak.set(`${z.id}|${w.start}-${w.end}`, w.peak);
  const isPeak = (s: Slot) => {
    const p = peak.get(`${s.zone}|${s.window}`);
    if (p === undefined) throw new Error(`slot in ${s.zone} names an unknown window ${s.window}`);
    return p;
  };
  const byZone = new Map<string, Slot[]>(input.station.zones.map((z) => [z.id, []]));
  for (const s of result.slots) byZone.get(s.zone)!.push(s);
  const dateOf = (s: Slot) => s.start.slice(0, 10);
  const hasTopic = (s: Slot, topic: string) => item.get(s.itemId)!.topics.includes(topic);
  return { input, result, quality, item, isPeak, byZone, dateOf, hasTopic, days: datesInRange(month.from, month.to) };
}

const planned = new Map<Month, ReturnType<typeof planMonth>>();
/** Each month is planned (and its quality table printed) once. */
function plannedMonth(month: Month): ReturnType<typeof planMonth> {
  let m = planned.get(month);
  if (!m) planned.set(month, (m = planMonth(month)));
  return m;
}

describe.each([DECEMBER, MAY])('the demo ward, $name', (month) => {
  const m = plannedMonth(month);
  const { input, result, quality: q } = m;
  const zones = input.station.zones.map((z) => z.id);

  it('is valid by the independent validator', () => {
    expect(result.slots.length).toBeGreaterThan(1000);
    expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
    expect(q.zones).toBe(6);
    expect(q.slotsOutsideWindows).toBe(0);
  });

  it('leaves no peak window empty while items were available', () => {
    expect(q.emptyPeakWindows.withItems).toBe(0);
    expect(q.emptyPeakWindows.examples).toEqual([]);
  });

  it('fills peak windows before non-peak ones', () => {
    expect(q.fill.peak.share).not.toBeNull();
    expect(q.fill.nonPeak.share).not.toBeNull();
    expect(q.fill.peak.share!).toBeGreaterThanOrEqual(q.fill.nonPeak.share!);
    // On every weekday the 17:00 peak window holds at least as many plays as the 11:15 non-peak
    // window (the first planner: 36 slots at 17:00 against 75 at 11:15 over May, in each zone).
    for (const zone of zones) {
      const own = m.byZone.get(zone)!;
      for (const date of m.days.filter((d) => isoWeekday(d) <= 5)) {
        const at = (hhmm: string) => own.filter((s) => m.dateOf(s) === date && s.window.startsWith(hhmm)).length;
        expect(at('17:00'), `${zone} ${date}: slots at 17:00 against ${at('11:15')} at 11:15`).toBeGreaterThanOrEqual(at('11:15'));
      }
    }
  });

  it('keeps ceremonial content under the planned share of plays, airtime and distinct items in every zone-month', () => {
    expect(input.station.policy.ceremonialPlanShare).toBe(PLAN_SHARE);
    const c = q.ceremonial;
    expect(c.zoneMonths).toBe(6);
    const shares = { plays: c.maxPlayShare, airtime: c.maxAirtimeShare, items: c.maxItemShare };
    for (const [what, share] of Object.entries(shares)) {
      expect(share, `ceremonial share of ${what}`).toBeLessThan(PLAN_SHARE);
      expect(share, `ceremonial share of ${what}`).toBeLessThan(HARD_CAP);
    }
    expect(c.zoneMonthsAtCap).toBe(0);
  });

  it('airs every valid item in every zone at least once, unless the ceremonial cap keeps it out', () => {
    for (const zone of zones) {
      const own = m.byZone.get(zone)!;
      for (const it of input.items) {
        if (it.ceremonial) continue;
        expect(own.filter((s) => s.itemId === it.id).length, `${zone}: plays of ${it.id} (${it.title})`).toBeGreaterThanOrEqual(1);
      }
    }
    const ceremonialAired = input.items.filter((i) => i.ceremonial).every((i) => result.slots.some((s) => s.itemId === i.id));
    if (ceremonialAired) expect(q.playsPerItem.min!).toBeGreaterThanOrEqual(1);
    else expect(q.playsPerItem.neverPlanned).toBeLessThanOrEqual(input.items.filter((i) => i.ceremonial).length);
    expect(q.playsPerItem.items).toBe(input.items.length);
  });

  it('airs items approved the evening before within the first day (median)', () => {
    expect(q.firstAiring.pairs).toBeGreaterThanOrEqual(6 * (input.items.length - 1));
    expect(q.firstAiring.medianMinutes).not.toBeNull();
    expect(q.firstAiring.medianMinutes!).toBeLessThanOrEqual(24 * 60);
  });
});

describe('Đại hội XIV in the demo ward', () => {
  it('airs 1–2 times a day in every zone in December, at least once in a peak window', () => {
    const m = plannedMonth(DECEMBER);
    for (const [zone, own] of m.byZone) {
      const daiHoi = own.filter((s) => m.hasTopic(s, DAI_HOI));
      for (const date of m.days) {
        const that = daiHoi.filter((s) => m.dateOf(s) === date);
        expect(that.length, `${zone} ${date}: plays of Đại hội XIV`).toBeGreaterThanOrEqual(1);
        expect(that.length, `${zone} ${date}: plays of Đại hội XIV (${that.map((s) => s.window).join(', ')})`).toBeLessThanOrEqual(2);
        expect(that.some(m.isPeak), `${zone} ${date}: a play in a peak window`).toBe(true);
      }
    }
  });

  it('airs 3–5 times in every full ISO week of May in every zone, over at least 3 days', () => {
    const m = plannedMonth(MAY);
    const mondays = m.days.filter((d) => isoWeekday(d) === 1 && addDays(d, 6) <= MAY.to);
    expect(mondays).toEqual(['2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25']);
    for (const [zone, own] of m.byZone) {
      for (const monday of mondays) {
        const sunday = addDays(monday, 6);
        const week = own.filter((s) => m.hasTopic(s, DAI_HOI) && m.dateOf(s) >= monday && m.dateOf(s) <= sunday);
        const days = new Set(week.map(m.dateOf));
        const what = `${zone} week of ${monday}: ${week.length} plays on ${[...days].join(', ')}`;
        expect(week.length, what).toBeGreaterThanOrEqual(3);
        expect(week.length, what).toBeLessThanOrEqual(5);
        expect(days.size, what).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

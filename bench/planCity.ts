/**
 * The plan bench's generated city: zones (independent, or groups sharing windows), topics like
 * seed 003, a library, operators' pins and exclusions, and a week of history planned from nothing.
 * Deterministic: every case starts from the same seed, so a case is the same city on every run.
 */
import type { AiredPlay, Exclusion, Pin, PlanInput, PlannableItem } from '../src/domain/plan.ts';
import type { Topic, TopicRule, Window, Zone } from '../src/domain/station.ts';
import { Policy, type Station } from '../src/domain/station.ts';
import { planRange } from '../src/planner/plan.ts';
import { addDays, formatInstant, formatTimeOfDay } from '../src/domain/time.ts';
import { prng } from './prng.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
export const FROM = '2026-06-03'; // a Wednesday: the first week is part history, the range crosses into July
export const DAYS = 31;
const HISTORY_FROM = addDays(FROM, -7);
const TOPICS = 30;

/** The shape of a city: `groupSize` 1 makes every zone independent (group: null). */
export interface CityShape {
  zones: number;
  groupSize: number;
  items: number;
  /** Pins and exclusions, each. */
  orders: number;
}

/** A generated city and its plan input; `aired` is a week of history planned from nothing. */
export interface City {
  input: PlanInput;
  groups: number;
}

type Rand = { int: (min: number, max: number) => number; chance: (p: number) => boolean };

/** Builds the city of a shape (the history week is planned here, outside any timing). */
export function buildCity(shape: CityShape): City {
  const rand = prng(20260603);
  const r: Rand = { int: (min, max) => min + Math.floor(rand() * (max - min + 1)), chance: (p) => rand() < p };
  const groups = Math.ceil(shape.zones / shape.groupSize);
  const zones = buildZones(r, shape);
  const topics = buildTopics(r, zones, groups, shape.groupSize);
  const items = buildItems(r, topics, shape.items);
  const station: Station = {
    tz: TZ,
    zones,
    topics,
    policy: Policy.parse({
      ceremonialMaxShare: 0.15,
      maxPlaysPerItemPerDay: 2,
      minRepeatGapMinutes: 120,
      gapBetweenItemsMs: 2000,
      horizonDays: 31,
      openingJingle: 'nhac-hieu-mo',
      closingJingle: 'nhac-hieu-dong',
    }),
  };
  const aired = buildHistory(station, items);
  const { pins, exclusions } = buildOrders(r, zones, items, shape);
  const input: PlanInput = { station, items, aired, from: FROM, to: addDays(FROM, DAYS - 1), now: at(FROM, 0), pins, exclusions };
  return { input, groups: shape.groupSize > 1 ? groups : 0 };
}

function at(date: string, seconds: number): string {
  return formatInstant(Date.parse(`${date}T00:00:00+07:00`) + seconds * 1000, TZ);
}

/** Morning and evening peak windows every day, a non-peak noon window on weekdays; times vary per draw. */
function buildZones({ int }: Rand, shape: CityShape): Zone[] {
  const zones: Zone[] = [];
  for (let g = 0; zones.length < shape.zones; g++) {
    const morning = 5 * 3600 + int(-3, 3) * 300;
    const evening = 17 * 3600 + int(-3, 3) * 300;
    const noon = 11 * 3600 + int(0, 6) * 300;
    const windows: Window[] = [
      { days: [1, 2, 3, 4, 5, 6, 7], start: formatTimeOfDay(morning), end: formatTimeOfDay(morning + int(45, 75) * 60), peak: true },
      { days: [1, 2, 3, 4, 5], start: formatTimeOfDay(noon), end: formatTimeOfDay(noon + int(20, 40) * 60), peak: false },
      { days: [1, 2, 3, 4, 5, 6, 7], start: formatTimeOfDay(evening), end: formatTimeOfDay(evening + int(45, 75) * 60), peak: true },
    ];
    for (let m = 0; m < shape.groupSize && zones.length < shape.zones; m++) {
      const n = zones.length + 1;
      zones.push({
        id: `tdp-${n}`,
        name: `Tổ dân phố ${n}`,
        areaCodes: [],
        testAlerts: false,
        group: shape.groupSize > 1 ? `cum-${g + 1}` : null,
        windows,
        outputs: [{ type: 'http', idle: 'silence' }],
        enabled: true,
      });
    }
  }
  return zones;
}

function buildTopics({ int, chance }: Rand, zones: Zone[], groups: number, groupSize: number): Topic[] {
  const topics: Topic[] = [];
  // Scoped rules cover whole groups (a shared programme cannot air on part of its group).
  const cut = (percent: number) => Math.floor((groups * percent) / 100) * groupSize;
  for (let t = 0; t < TOPICS; t++) {
    const rules: TopicRule[] = [];
    const scoped = chance(0.2) ? zones.slice(cut(int(0, 50)), cut(int(60, 100))).map((z) => z.id) : null;
    const dated = chance(0.25);
    const base = {
      from: dated ? addDays(FROM, int(-3, 10)) : null,
      to: dated ? addDays(FROM, int(14, 40)) : null,
      zones: scoped,
    };
    // Like seed 003: mostly weekly targets (3–5 a week), some daily ones, caps above the targets.
    const dayMin = t % 3 === 0 ? int(0, 1) : 0;
    if (t % 3 === 0) {
      rules.push({ per: 'day', min: dayMin, max: dayMin + int(1, 2), peakOnly: chance(0.3), ...base });
    }
    if (t % 3 !== 1) {
      const min = int(1, 4);
      const max = chance(0.8) ? Math.max(min + int(2, 6), 7 * dayMin) : null;
      rules.push({ per: 'week', min, max, peakOnly: chance(0.2), ...base });
    }
    topics.push({ id: `chu-de-${t + 1}`, name: `Chủ đề ${t + 1}`, rules });
  }
  // A topic nobody produces yet, on a few zones, for honest shortfalls.
  const few = zones.slice(0, 20).map((z) => z.id);
  topics.push({ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, max: 2, peakOnly: true, from: null, to: null, zones: few }] });
  return topics;
}

function buildItems({ int, chance }: Rand, topics: Topic[], count: number): PlannableItem[] {
  const items: PlannableItem[] = [];
  for (let i = 0; i < count; i++) {
    const topicCount = int(0, 3);
    const own = new Set<string>();
    while (own.size < topicCount) own.add(topics[int(0, TOPICS - 1)]!.id);
    const created = at(addDays(FROM, -int(1, 90)), int(7, 17) * 3600);
    // A few priority/emergency bulletins, each valid for a few days as real ones are.
    const priority = i % 500 === 7 ? 'priority' : i === 1234 ? 'priority' : 'normal';
    const ranged = priority !== 'normal' || chance(0.1);
    items.push({
      id: `item-${i + 1}`,
      title: `Tin bài ${i + 1}`,
      kind: 'tin',
      topics: [...own],
      ceremonial: chance(0.08),
      priority,
      status: 'approved',
      durationMs: int(60, 480) * 1000,
      validFrom: ranged ? at(addDays(FROM, int(-5, 20)), int(0, 23) * 3600) : null,
      validUntil: ranged ? at(addDays(FROM, int(5, 35)), int(0, 23) * 3600) : null,
      approvedAt: chance(0.9) ? created : null,
      createdAt: created,
    });
  }
  items.push(
    { ...items[0]!, id: 'nhac-hieu-mo', title: 'Nhạc hiệu mở', topics: [], ceremonial: false, priority: 'normal', durationMs: 15_000, validFrom: null, validUntil: null },
    { ...items[0]!, id: 'nhac-hieu-dong', title: 'Nhạc hiệu đóng', topics: [], ceremonial: false, priority: 'normal', durationMs: 10_000, validFrom: null, validUntil: null },
  );
  return items;
}

function buildOrders({ int, chance }: Rand, zones: Zone[], items: PlannableItem[], shape: CityShape): { pins: Pin[]; exclusions: Exclusion[] } {
  const pins: Pin[] = [];
  const exclusions: Exclusion[] = [];
  for (let k = 0; k < shape.orders; k++) {
    const zone = zones[int(0, zones.length - 1)]!;
    const window = zone.windows[chance(0.5) ? 0 : 2]!;
    const date = addDays(FROM, int(0, DAYS - 1));
    pins.push({ zone: zone.id, date, window: window.start, itemId: items[int(0, shape.items - 1)]!.id });
    exclusions.push({ zone: zones[int(0, zones.length - 1)]!.id, date, itemId: items[int(0, shape.items - 1)]!.id });
  }
  return { pins, exclusions };
}

/** A week of history: what the planner would have aired, as the airtime log records it. */
function buildHistory(station: Station, items: PlannableItem[]): AiredPlay[] {
  const byId = new Map(items.map((i) => [i.id, i] as const));
  const past = planRange({ station, items, aired: [], from: HISTORY_FROM, to: addDays(FROM, -1), now: at(HISTORY_FROM, 0) });
  return past.slots.map((s) => {
    const item = byId.get(s.itemId)!;
    return { zone: s.zone, itemId: s.itemId, start: s.start, end: s.end, topics: item.topics, ceremonial: item.ceremonial };
  });
}

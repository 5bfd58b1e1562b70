/**
 * The quality report's own reading of a plan: measured zones, item facts by number, every zone's
 * window instances as flat arrays, and plays (planned slots and aired history) parsed once into
 * typed arrays grouped by zone. Shares nothing with the planner or the validator but domain/time.ts,
 * so a mistake in either shows up in the figures rather than being repeated by them.
 */
import type { PlanInput, Slot } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import { addDays, offsetMinutes, parseInstant, parseTimeOfDay, weekStart, zonedInstant } from '../domain/time.ts';
import { dateOfDayNumber, dayNumberOf, isoWeekdayOfDayNumber, parseInstantText } from './validateTime.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What the report needs of an item id; ids met only in slots or history get facts too. */
export interface ItemFacts {
  id: string;
  /** Approved, longer than 0 ms and not a jingle: content the planner may use. */
  eligible: boolean;
  jingle: boolean;
  ceremonial: boolean;
  /** Indices into the station's topics. */
  topics: Int32Array;
  durationMs: number;
  validFrom: number;
  validUntil: number;
  /** approvedAt, else createdAt (epoch ms; NaN when unreadable). */
  approvedMs: number;
}

/** The measured station, indexed. Days are day numbers; `spanStart` covers the first week and month. */
export interface QualityModel {
  tz: string;
  nowMs: number;
  fromDay: number;
  toDay: number;
  /** The earliest day any figure looks at: the Monday of `from`'s week or the 1st of its month. */
  spanStart: number;
  rangeStartMs: number;
  rangeEndMs: number;
  zones: Zone[];
  items: ItemFacts[];
  topicIds: string[];
  /** Windows of zone z are win* [winFirst[z], winFirst[z + 1]), sorted by start. */
  winFirst: Int32Array;
  winStart: Float64Array;
  winEnd: Float64Array;
  winDay: Int32Array;
  winPeak: Uint8Array;
  winLabel: string[];
  /** Plays: the slots first (planned), then the aired history. */
  plays: PlayTable;
  /** Play indices grouped by zone: playOrder [playFirst[z], playFirst[z + 1]). */
  playFirst: Int32Array;
  playOrder: Int32Array;
  /** "zone|date|itemId" of every exclusion. */
  exclusions: Set<string>;
}

/** Planned slots (index < planned) and aired plays (the rest), parsed. Unreadable plays have zone −1. */
export interface PlayTable {
  planned: number;
  start: Float64Array;
  end: Float64Array;
  zone: Int32Array;
  item: Int32Array;
  /** Local day number of the start. */
  day: Int32Array;
  /** The zone's window instance holding the start (start included, end excluded), or −1. */
  window: Int32Array;
  ceremonial: Uint8Array;
  /** Topic indices of aired plays (as they aired); planned plays take their item's topics. */
  airedTopics: Int32Array[];
}

/** Reads the input into the model; `slots` are the plan to measure. */
export function buildQualityModel(input: PlanInput, slots: Slot[]): QualityModel {
  const { station } = input;
  const tz = station.tz || 'Asia/Ho_Chi_Minh';
  const nowMs = parseInstant(input.now);
  if (nowMs === null) throw new Error(`measurePlanQuality: now "${input.now}" is not an ISO 8601 instant with offset`);
  const fromDay = dayNumberOf(input.from);
  const toDay = dayNumberOf(input.to);
  const spanStart = Math.min(dayNumberOf(weekStart(input.from)), dayNumberOf(`${input.from.slice(0, 7)}-01`));

  // With a zone list, zones that received slots anyway (the other members of a group) are measured too.
  const only = input.zones ? new Set(input.zones) : null;
  if (only) for (const s of slots) only.add(s.zone);
  const zones = station.zones.filter((z) => z.enabled && (!only || only.has(z.id)));
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i] as const));

  const topicIds = station.topics.map((t) => t.id);
  const topicIndex = new Map(topicIds.map((id, i) => [id, i] as const));
  // Aired plays often share their item's topics array: looked up by identity first, then by text.
  const topicsByArray = new Map<readonly string[], Int32Array>();
  const topicsByText = new Map<string, Int32Array>();
  const topicsOf = (ids: readonly string[]): Int32Array => {
    let list = topicsByArray.get(ids);
    if (list) return list;
    const key = ids.join(',');
    list = topicsByText.get(key);
    if (!list) {
      const idx = [...new Set(ids)].map((id) => topicIndex.get(id)).filter((i): i is number => i !== undefined);
      topicsByText.set(key, (list = Int32Array.from(idx)));
    }
    topicsByArray.set(ids, list);
    return list;
  };

  const jingles = new Set([station.policy.openingJingle, station.policy.closingJingle].filter((j): j is string => !!j));
  const items: ItemFacts[] = [];
  const itemIndex = new Map<string, number>();
  const register = (id: string, facts: Omit<ItemFacts, 'id' | 'jingle'>): number => {
    itemIndex.set(id, items.length);
    items.push({ id, jingle: jingles.has(id), ...facts, eligible: facts.eligible && !jingles.has(id) });
    return items.length - 1;
  };
  for (const it of input.items) {
    if (itemIndex.has(it.id)) continue;
    register(it.id, {
      eligible: it.status === 'approved' && it.durationMs > 0,
      ceremonial: it.ceremonial,
      topics: topicsOf(it.topics),
      durationMs: it.durationMs,
      validFrom: it.validFrom === null ? -Infinity : (parseInstant(it.validFrom) ?? Infinity),
      validUntil: it.validUntil === null ? Infinity : (parseInstant(it.validUntil) ?? -Infinity),
      approvedMs: parseInstant(it.approvedAt ?? it.createdAt) ?? NaN,
    });
  }
  const unknown = (id: string, ceremonial: boolean, topics: Int32Array): number =>
    register(id, { eligible: false, ceremonial, topics, durationMs: 0, validFrom: Infinity, validUntil: -Infinity, approvedMs: NaN });

  const win = buildWindows(zones, spanStart, toDay, tz);
  const dayOf = localDayOf(tz);

  // Plays: parse, then find the window holding each start by binary search in its zone's windows.
  const n = slots.length + input.aired.length;
  const plays: PlayTable = {
    planned: slots.length,
    start: new Float64Array(n),
    end: new Float64Array(n),
    zone: new Int32Array(n).fill(-1),
    item: new Int32Array(n),
    day: new Int32Array(n),
    window: new Int32Array(n).fill(-1),
    ceremonial: new Uint8Array(n),
    airedTopics: [],
  };
  const noTopics = new Int32Array(0);
  const zoneCounts = new Int32Array(zones.length + 1);
  // Plays of one zone mostly come together: the last zone looked up is tried first.
  let lastZoneId = '';
  let lastZone: number | undefined;
  for (let k = 0; k < n; k++) {
    const planned = k < slots.length;
    const src = planned ? slots[k]! : input.aired[k - slots.length]!;
    if (src.zone !== lastZoneId) {
      lastZoneId = src.zone;
      lastZone = zoneIndex.get(src.zone);
    }
    const z = lastZone;
    const start = parseInstantText(src.start);
    const end = parseInstantText(src.end);
    let item = itemIndex.get(src.itemId);
    if (!planned) {
      const a = input.aired[k - slots.length]!;
      const topics = topicsOf(a.topics);
      plays.airedTopics.push(topics);
      plays.ceremonial[k] = a.ceremonial ? 1 : 0;
      item ??= unknown(a.itemId, a.ceremonial, topics);
    } else {
      item ??= unknown(src.itemId, false, noTopics);
      plays.ceremonial[k] = items[item]!.ceremonial ? 1 : 0;
    }
    plays.item[k] = item;
    if (z === undefined || start === null || end === null) continue;
    plays.zone[k] = z;
    plays.start[k] = start;
    plays.end[k] = end;
    const w = windowHolding(win, z, start);
    plays.window[k] = w;
    plays.day[k] = w >= 0 ? win.winDay[w]! : dayOf(start);
    zoneCounts[z + 1]!++;
  }

  // Group play indices by zone (a counting sort).
  const playFirst = new Int32Array(zones.length + 1);
  for (let z = 0; z < zones.length; z++) playFirst[z + 1] = playFirst[z]! + zoneCounts[z + 1]!;
  const cursor = playFirst.slice(0, zones.length);
  const playOrder = new Int32Array(playFirst[zones.length]!);
  for (let k = 0; k < n; k++) {
    const z = plays.zone[k]!;
    if (z >= 0) playOrder[cursor[z]!++] = k;
  }

  const exclusions = new Set((input.exclusions ?? []).map((e) => `${e.zone}|${e.date}|${e.itemId}`));
  return {
    tz,
    nowMs,
    fromDay,
    toDay,
    spanStart,
    rangeStartMs: zonedInstant(input.from, 0, tz),
    rangeEndMs: zonedInstant(addDays(input.to, 1), 0, tz),
    zones,
    items,
    topicIds,
    ...win,
    plays,
    playFirst,
    playOrder,
    exclusions,
  };
}

type Windows = Pick<QualityModel, 'winFirst' | 'winStart' | 'winEnd' | 'winDay' | 'winPeak' | 'winLabel'>;

/** Every zone's window instances from `firstDay` to `lastDay`, sorted by start per zone. */
function buildWindows(zones: Zone[], firstDay: number, lastDay: number, tz: string): Windows {
  const instants = new Map<number, number>();
  const instant = (day: number, sec: number): number => {
    const key = day * 86_401 + sec;
    let ms = instants.get(key);
    if (ms === undefined) instants.set(key, (ms = zonedInstant(dateOfDayNumber(day), sec, tz)));
    return ms;
  };
  const start: number[] = [];
  const end: number[] = [];
  const dayOf: number[] = [];
  const peak: number[] = [];
  const winLabel: string[] = [];
  const winFirst = new Int32Array(zones.length + 1);
  zones.forEach((zone, z) => {
    const defs = zone.windows
      .map((w) => ({ w, s: parseTimeOfDay(w.start), e: parseTimeOfDay(w.end) }))
      .filter((d): d is { w: typeof d.w; s: number; e: number } => d.s !== null && d.e !== null && d.e > d.s)
      .sort((a, b) => a.s - b.s);
    for (let day = firstDay; day <= lastDay; day++) {
      const weekday = isoWeekdayOfDayNumber(day);
      for (const { w, s, e } of defs) {
        if (!w.days.includes(weekday)) continue;
        start.push(instant(day, s));
        end.push(instant(day, e));
        dayOf.push(day);
        peak.push(w.peak ? 1 : 0);
        winLabel.push(`${w.start}-${w.end}`);
      }
    }
    winFirst[z + 1] = start.length;
  });
  return {
    winFirst,
    winStart: Float64Array.from(start),
    winEnd: Float64Array.from(end),
    winDay: Int32Array.from(dayOf),
    winPeak: Uint8Array.from(peak),
    winLabel,
  };
}

/** The index of zone z's window instance whose span holds `ms`, or −1. */
function windowHolding(w: Windows, z: number, ms: number): number {
  let lo = w.winFirst[z]!;
  let hi = w.winFirst[z + 1]!;
  // The last window starting at or before ms.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (w.winStart[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  const k = lo - 1;
  return k >= w.winFirst[z]! && ms < w.winEnd[k]! ? k : -1;
}

/** Local day number of an instant, the zone offset looked up once per hour. */
function localDayOf(tz: string): (ms: number) => number {
  const offsets = new Map<number, number>();
  return (ms) => {
    const hour = Math.floor(ms / HOUR_MS);
    let off = offsets.get(hour);
    if (off === undefined) offsets.set(hour, (off = offsetMinutes(tz, ms) * 60_000));
    return Math.floor((ms + off) / DAY_MS);
  };
}

/**
 * Small builders for planner tests: stations, zones, windows, topics, items and aired plays with
 * the schema defaults filled in, all in Vietnam time (UTC+7).
 */
import type { AiredPlay, PlanInput, PlannableItem, Slot } from '../../src/domain/plan.ts';
import { Policy, type Station, type Topic, type TopicRule, type Window, type Zone } from '../../src/domain/station.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** "2026-05-18T05:30:00+07:00" from a date and a local "HH:MM[:SS]". */
export function at(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}+07:00`;
}

/** Minutes and seconds as milliseconds. */
export function minutes(m: number, s = 0): number {
  return m * 60_000 + s * 1000;
}

/** A policy with the schema defaults (15% cap, 12% planned, 2 plays/day, 120 min repeat gap, no gap, no jingles). */
export function policy(over: Partial<Policy> = {}): Policy {
  return Policy.parse({
    ceremonialMaxShare: 0.15,
    maxPlaysPerItemPerDay: 2,
    minRepeatGapMinutes: 120,
    gapBetweenItemsMs: 0,
    horizonDays: 7,
    openingJingle: null,
    closingJingle: null,
    ...over,
  });
}

/** A window every day unless `days` says otherwise. */
export function win(start: string, end: string, opts: { days?: number[]; peak?: boolean } = {}): Window {
  return { days: opts.days ?? ALL_DAYS, start, end, peak: opts.peak ?? false };
}

/** An enabled zone with an HTTP output. */
export function zone(id: string, windows: Window[], over: Partial<Zone> = {}): Zone {
  return {
    id,
    name: `Tổ dân phố ${id}`,
    areaCodes: [],
    testAlerts: false,
    group: null,
    windows,
    outputs: [{ type: 'http', idle: 'silence' }],
    enabled: true,
    ...over,
  };
}

/** A topic rule with the schema defaults. */
export function rule(over: Partial<TopicRule> & Pick<TopicRule, 'per'>): TopicRule {
  return { min: 0, max: null, peakOnly: false, from: null, to: null, zones: null, ...over };
}

/** A topic. */
export function topic(id: string, name: string, rules: TopicRule[] = []): Topic {
  return { id, name, rules };
}

/** A station in Vietnam time. */
export function station(zones: Zone[], topics: Topic[] = [], over: Partial<Policy> = {}): Station {
  return { tz: TZ, zones, topics, policy: policy(over) };
}

/** An approved, normal, one-minute item created on 2026-01-01, valid forever. */
export function item(id: string, over: Partial<PlannableItem> = {}): PlannableItem {
  return {
    id,
    title: `Tin ${id}`,
    kind: 'tin',
    topics: [],
    ceremonial: false,
    priority: 'normal',
    status: 'approved',
    durationMs: 60_000,
    validFrom: null,
    validUntil: null,
    approvedAt: null,
    createdAt: '2026-01-01T08:00:00+07:00',
    ...over,
  };
}

/** A play aired in a zone from a local date and time, lasting `durationMs`. */
export function aired(
  zoneId: string,
  itemId: string,
  date: string,
  time: string,
  durationMs = 60_000,
  over: Partial<AiredPlay> = {},
): AiredPlay {
  const startMs = Date.parse(at(date, time));
  const end = new Date(startMs + durationMs + 7 * 3_600_000).toISOString().slice(0, 19);
  return { zone: zoneId, itemId, start: at(date, time), end: `${end}+07:00`, topics: [], ceremonial: false, ...over };
}

/** A plan input for one day by default, `now` at midnight before it. */
export function planInput(st: Station, items: PlannableItem[], over: Partial<PlanInput> = {}): PlanInput {
  const from = over.from ?? '2026-05-18';
  return { station: st, items, aired: [], from, to: from, now: at(from, '00:00'), ...over };
}

/** A slot built by hand for validator tests. */
export function slot(zoneId: string, itemId: string, date: string, start: string, end: string, window: string, reason = ['fill']): Slot {
  return { zone: zoneId, itemId, start: at(date, start), end: at(date, end), window, reason };
}

/** "HH:MM:SS" local time of a slot instant. */
export function timeOf(instant: string): string {
  return instant.slice(11, 19);
}

/**
 * Plays of a topic in a zone's slots between two local dates (both included), counted as a rule
 * counts them: with `peakOnly`, only slots in the zone's peak windows.
 */
export function topicPlays(
  input: PlanInput,
  slots: Slot[],
  q: { zone: string; topic: string; from: string; to: string; peakOnly?: boolean },
): number {
  const topics = new Map(input.items.map((i) => [i.id, i.topics] as const));
  const windows = input.station.zones.find((z) => z.id === q.zone)?.windows ?? [];
  const peak = new Set(windows.filter((w) => w.peak).map((w) => `${w.start}-${w.end}`));
  return slots.filter((s) => {
    const date = s.start.slice(0, 10);
    return (
      s.zone === q.zone &&
      date >= q.from &&
      date <= q.to &&
      (topics.get(s.itemId) ?? []).includes(q.topic) &&
      (!q.peakOnly || peak.has(s.window))
    );
  }).length;
}

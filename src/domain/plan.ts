import { z } from 'zod';
import type { ItemKind, ItemStatus, Priority } from './item.ts';
import type { Station } from './station.ts';
import { Instant, Slug } from './item.ts';
import { LocalDate, TimeOfDay } from './station.ts';

/** What the planner needs of a library item (instants as ISO strings, as stored). */
export interface PlannableItem {
  id: string;
  title: string;
  kind: ItemKind;
  topics: string[];
  ceremonial: boolean;
  priority: Priority;
  status: ItemStatus;
  durationMs: number;
  validFrom: string | null;
  validUntil: string | null;
  /** When the item became approved (freshness); falls back to createdAt. */
  approvedAt: string | null;
  createdAt: string;
  /**
   * The operator's order among priority items, smaller first (issue 10, decisions §4): the priority
   * items a window takes air in this order. Absent or null: after the ordered ones, in rotation
   * order. Normal items ignore it.
   */
  priorityOrder?: number | null;
}

/** A play that already happened (from the airtime log) or a slot already started; counts toward limits. */
export interface AiredPlay {
  zone: string;
  itemId: string;
  start: string;
  end: string;
  topics: string[];
  ceremonial: boolean;
}

/**
 * Why a slot is there: 'pin' (operator), 'jingle-open' / 'jingle-close' (nhạc hiệu),
 * 'topic:<topicId>' (serves a topic target), 'fill' (fills the window with fresh content).
 */
export type SlotReason = string;

/**
 * One planned play of an item in a zone. `window` is the window's "HH:MM-HH:MM" label that day.
 * `kind` is absent on the planner's item slots (a million of them in a city's month: the field is
 * left off rather than repeated); it is there to tell a Slot from a RelaySlot in an AnySlot.
 */
export interface Slot {
  kind?: 'item';
  zone: string;
  start: string;
  end: string;
  itemId: string;
  window: string;
  reason: SlotReason[];
}

/**
 * A relay's airing on a zone (tiếp âm, decisions §9): a fixed event of the programme, planned from the
 * station's relays, never from the library. `window` is the label of the window it lies in (the one
 * holding its start, else the first it overlaps), or null when it lies outside windows.
 */
export interface RelaySlot {
  kind: 'relay';
  zone: string;
  start: string;
  end: string;
  relayId: string;
  /** The source's id, and its name as the station calls it. */
  source: string;
  sourceName: string;
  window: string | null;
}

/** A slot of either kind. */
export type AnySlot = Slot | RelaySlot;

/**
 * What the planner needs of a relay: its id, its source (id and name), the zones or groups it airs
 * on, its ISO weekdays and its station-local times ("HH:MM[:SS]", end after start, same day).
 */
export interface PlanRelay {
  id: string;
  source: string;
  sourceName: string;
  zones: string[];
  days: number[];
  start: string;
  end: string;
}

export const ShortfallReason = z.enum([
  'no-approved-item', // no approved item carries the topic
  'items-expire', // items exist but are not valid in the period
  'no-window', // the zone has no (peak) window in the period
  'windows-too-short', // the (peak) windows are full or too short for the items
  'repeat-limits', // plays per day / repeat gap / once-per-window bind
  'ceremonial-cap', // the only usable items are ceremonial and the ceremonial share cap would be broken
  'max-would-break', // a frequency rule's max (this topic's other rule or another topic's) would be broken
  'excluded', // the operator excluded the items that could have aired
  'pinned-elsewhere', // the items that could have aired are pinned to another window that day
]);
export type ShortfallReason = z.infer<typeof ShortfallReason>;

/**
 * What a shortfall is about: a topic's target ('topic-below-target'), a peak window left empty
 * while approved items were on hand ('empty-window'), or a day with windows and nothing planned
 * ('empty-day'). The last two have no topic.
 */
export type ShortfallKind = 'topic-below-target' | 'empty-window' | 'empty-day';

/** A target the plan could not meet, as data plus one plain sentence in each language. */
export interface Shortfall {
  kind: ShortfallKind;
  zone: string;
  /** The topic of a 'topic-below-target'; null for an empty window or day. */
  topic: string | null;
  /** Index of the topic's rule; null for an empty window or day. */
  ruleIndex: number | null;
  /** With 'empty-window': the window's "HH:MM-HH:MM" label. */
  window?: string;
  per: 'day' | 'week';
  /** "2026-05-18" for a day, "2026-W21" for a week. */
  period: string;
  periodStart: string;
  periodEnd: string;
  /**
   * The min owed for the period: for a week that the rule's date range cuts, the rule's min
   * pro-rated as ceil(min × days / 7); 1 for an empty window or day.
   */
  wanted: number;
  /** With a pro-rated week: the days of the week inside the rule's dates. */
  proratedDays?: number;
  planned: number;
  reason: ShortfallReason;
  /**
   * With 'max-would-break' only: the rule whose max blocked the target (the one that blocked most
   * often when several did). `period` is that rule's period, in the same form as `period` above.
   */
  blockedBy?: { topic: string; topicName: string; per: 'day' | 'week'; max: number; period: string };
  message: { vi: string; en: string };
}

/** An operator's pin: this item airs in this zone's window on that date. */
export const Pin = z.object({
  zone: Slug,
  date: LocalDate,
  /** Window start time "HH:MM[:SS]" identifying the window that day. */
  window: TimeOfDay,
  itemId: z.string().min(1),
});
export type Pin = z.infer<typeof Pin>;

/** An operator's exclusion: this item does not air in this zone on that date. */
export const Exclusion = z.object({ zone: Slug, date: LocalDate, itemId: z.string().min(1) });
export type Exclusion = z.infer<typeof Exclusion>;

/**
 * Input of the pure planner. `from`/`to` are local dates, both included; `now` an ISO instant.
 * `station.relays`: fixed events the items are planned around (none when absent).
 */
export interface PlanInput {
  station: Station & { relays?: PlanRelay[] };
  items: PlannableItem[];
  /** Plays already aired, from the start of the earliest month/week touched, and started slots. */
  aired: AiredPlay[];
  from: string;
  to: string;
  now: string;
  pins?: Pin[];
  exclusions?: Exclusion[];
  /** Only these zones (others untouched); all enabled zones when absent. */
  zones?: string[];
}

export interface PlanResult {
  slots: Slot[];
  /**
   * The relays' airings on every enabled zone they name (a group: its members) that start at `now`
   * or later, zone after zone, each zone's in time order. No item slot overlaps one.
   */
  relaySlots: RelaySlot[];
  shortfalls: Shortfall[];
  /** Pins that could not be honoured, with the hard rule they would break. */
  rejectedPins: { pin: Pin; reason: string }[];
}

/** A broken hard rule found by the validator. */
export interface Violation {
  rule: 1 | 2 | 3 | 4 | 5 | 6;
  zone: string;
  message: string;
  slot?: Slot;
}

export const PlanRequest = z.object({
  from: LocalDate,
  to: LocalDate,
  zones: z.array(Slug).optional(),
});

export { Instant };

/**
 * The validator's own reading of a plan: items keyed by number, slots and aired plays parsed into
 * plays with epoch-ms times, a local day number and the zone window instance holding them.
 * Deliberately separate from the planner's structures and time helpers (it reads time through
 * validateTime.ts, and shares only zonedInstant and parseTimeOfDay of domain/time.ts) so that the
 * two cannot share a counting mistake.
 */
import type { AiredPlay, PlannableItem, Slot, Violation } from '../domain/plan.ts';
import type { Policy, Zone } from '../domain/station.ts';
import { parseTimeOfDay, zonedInstant } from '../domain/time.ts';
import { dateOfDayNumber, isoWeekdayOfDayNumber, localDayCounter, parseInstantText, rememberingInstantParser } from './validateTime.ts';

/** A zone window on a given local day. */
export interface ZoneWindowOnDate {
  label: string;
  peak: boolean;
  startMs: number;
  endMs: number;
}

/** What the validator needs of an item id (known or not). */
export interface ItemFacts {
  id: string;
  item: PlannableItem | undefined;
  validFrom: number | null;
  validUntil: number | null;
  jingle: boolean;
  /** Emergency or priority. */
  high: boolean;
}

/** A planned slot or an aired play, as the validator counts it. */
export interface Play {
  planned: boolean;
  /** The slot itself when planned. */
  slot: Slot | undefined;
  /** Index into ValidationLibrary.facts. */
  key: number;
  startMs: number;
  endMs: number;
  /** Local day number (see validateTime.ts) of the start. */
  day: number;
  topics: readonly string[];
  ceremonial: boolean;
  /** The window instance holding the start (start included, end excluded), if any. */
  window: ZoneWindowOnDate | undefined;
}

/** A slot's reading that depends only on the zone's windows and the slot's own fields. */
export interface SlotReading {
  start: string;
  end: string;
  itemId: string;
  label: string;
  startMs: number;
  endMs: number;
  day: number;
  key: number;
  window: ZoneWindowOnDate | undefined;
  /** Rule 1 and rule 2 findings about the slot alone. */
  problems: { rule: 1 | 2; message: string }[];
}

/** Items by number, facts computed once. Unknown ids (aired or planned) get facts too. */
export class ValidationLibrary {
  readonly facts: ItemFacts[] = [];
  private readonly keys = new Map<string, number>();
  private readonly jingles: Set<string>;

  constructor(items: PlannableItem[], policy: Policy) {
    this.jingles = new Set([policy.openingJingle, policy.closingJingle].filter((j): j is string => !!j));
    for (const item of items) if (!this.keys.has(item.id)) this.add(item.id, item);
  }

  /** The key of an item id, registering unknown ids. */
  keyOf(id: string): number {
    return this.keys.get(id) ?? this.add(id, undefined);
  }

  private add(id: string, item: PlannableItem | undefined): number {
    const key = this.facts.length;
    this.keys.set(id, key);
    this.facts.push({
      id,
      item,
      validFrom: item ? (item.validFrom === null ? -Infinity : parseInstantText(item.validFrom)) : null,
      validUntil: item ? (item.validUntil === null ? Infinity : parseInstantText(item.validUntil)) : null,
      jingle: this.jingles.has(id),
      high: item?.priority === 'emergency' || item?.priority === 'priority',
    });
    return key;
  }
}

/** Instant parsing and window expansion, memoised across zones that share their windows. */
export class ValidationCalendar {
  /** Window instances by day, one map per distinct set of zone windows (group members share it). */
  private readonly bySignature = new Map<string, Map<number, ZoneWindowOnDate[]>>();
  private readonly byZone = new Map<Zone, Map<number, ZoneWindowOnDate[]>>();
  private readonly dates = new Map<number, string>();
  /** parseInstantText, remembered: the aired plays of a group's members repeat the same texts. */
  readonly instant = rememberingInstantParser();
  /** Local day number of an instant. */
  readonly dayOf: (ms: number) => number;

  constructor(readonly tz: string) {
    this.dayOf = localDayCounter(tz);
  }

  /** "YYYY-MM-DD" of a day number. */
  date(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) this.dates.set(day, (date = dateOfDayNumber(day)));
    return date;
  }

  /** The shared per-day window map of the zone: zones with the same windows get the same object. */
  windowSet(zone: Zone): Map<number, ZoneWindowOnDate[]> {
    let byDay = this.byZone.get(zone);
    if (!byDay) {
      const signature = JSON.stringify(zone.windows);
      byDay = this.bySignature.get(signature);
      if (!byDay) this.bySignature.set(signature, (byDay = new Map()));
      this.byZone.set(zone, byDay);
    }
    return byDay;
  }

  /** The zone's windows on a local day, sorted by start. */
  windowsOn(zone: Zone, day: number): ZoneWindowOnDate[] {
    const byDay = this.windowSet(zone);
    let list = byDay.get(day);
    if (list) return list;
    const weekday = isoWeekdayOfDayNumber(day);
    const date = this.date(day);
    list = [];
    for (const w of zone.windows) {
      if (!w.days.includes(weekday)) continue;
      const s = parseTimeOfDay(w.start);
      const e = parseTimeOfDay(w.end);
      if (s === null || e === null || e <= s) continue;
      list.push({
        label: `${w.start}-${w.end}`,
        peak: w.peak === true,
        startMs: zonedInstant(date, s, this.tz),
        endMs: zonedInstant(date, e, this.tz),
      });
    }
    list.sort((a, b) => a.startMs - b.startMs);
    byDay.set(day, list);
    return list;
  }

  /** The window instance of the zone whose span holds the instant (start included, end excluded). */
  windowAt(zone: Zone, day: number, ms: number): ZoneWindowOnDate | undefined {
    for (const w of this.windowsOn(zone, day)) if (ms >= w.startMs && ms < w.endMs) return w;
    return undefined;
  }
}

/** A zone's slots as plays in start order: all of them, and those of known items. */
export interface ZonePlays {
  plays: Play[];
  known: Play[];
}

const NO_PROBLEMS: SlotReading['problems'] = [];

/**
 * Reads a zone's slots. Members of a group usually carry the very same slot fields, so the
 * readings of the last zone with the same windows are reused wherever the fields are equal, and
 * when all are, its play objects too (only their `slot` changes: plays never outlive a zone's check).
 */
export class SlotReader {
  private readonly lastBySet = new Map<Map<number, ZoneWindowOnDate[]>, { readings: SlotReading[]; plays: ZonePlays | null }>();

  constructor(
    private readonly cal: ValidationCalendar,
    private readonly library: ValidationLibrary,
  ) {}

  /** The zone's plays; rule 1 and 2 findings about single slots go to `out`. */
  read(zone: Zone, slots: Slot[], out: Violation[]): ZonePlays {
    const set = this.cal.windowSet(zone);
    const last = this.lastBySet.get(set);
    const readings: SlotReading[] = [];
    let allReused = last !== undefined && last.readings.length === slots.length;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      const prev = last?.readings[k];
      const same =
        prev && prev.start === slot.start && prev.end === slot.end && prev.itemId === slot.itemId && prev.label === slot.window;
      if (!same) allReused = false;
      const reading = same ? prev : this.readOne(zone, slot);
      if (!reading) {
        out.push({ rule: 1, zone: zone.id, slot, message: `slot times ${slot.start} / ${slot.end} are unreadable` });
        allReused = false;
        continue;
      }
      for (const p of reading.problems) out.push({ rule: p.rule, zone: zone.id, slot, message: p.message });
      readings.push(reading);
    }
    if (allReused && last?.plays) {
      // Same readings in the same order: the plays are those of the last zone, for these slots.
      last.plays.plays.forEach((p, k) => (p.slot = slots[k]));
      return last.plays;
    }
    const plays = readings.map((r, k): Play => {
      const item = this.library.facts[r.key]!.item;
      return {
        planned: true,
        slot: slots[k],
        key: r.key,
        startMs: r.startMs,
        endMs: r.endMs,
        day: r.day,
        topics: item?.topics ?? [],
        ceremonial: item?.ceremonial ?? false,
        window: r.window,
      };
    });
    let ordered = true;
    for (let k = 1; k < plays.length && ordered; k++) ordered = plays[k]!.startMs >= plays[k - 1]!.startMs;
    if (!ordered) plays.sort((a, b) => a.startMs - b.startMs);
    const result = { plays, known: plays.filter((p) => this.library.facts[p.key]!.item !== undefined) };
    // Plays can stand in for a later zone only when they map one to one, in order, to the slots.
    this.lastBySet.set(set, { readings, plays: ordered && readings.length === slots.length ? result : null });
    return result;
  }

  private readOne(zone: Zone, slot: Slot): SlotReading | null {
    const startMs = parseInstantText(slot.start);
    const endMs = parseInstantText(slot.end);
    if (startMs === null || endMs === null) return null;
    const day = this.cal.dayOf(startMs);
    const window = this.cal.windowAt(zone, day, startMs);
    const key = this.library.keyOf(slot.itemId);
    const facts = this.library.facts[key]!;
    const problems: SlotReading['problems'] = [];
    const none = NO_PROBLEMS;
    if (!window || endMs > window.endMs) {
      problems.push({ rule: 1, message: `slot ${slot.start}–${slot.end} is not inside a window of the zone` });
    } else if (slot.window !== window.label) {
      problems.push({ rule: 1, message: `slot says window ${slot.window} but lies in ${window.label}` });
    }
    const item = facts.item;
    if (!item) {
      problems.push({ rule: 2, message: `item ${slot.itemId} is not in the library` });
    } else {
      if (endMs - startMs !== item.durationMs) {
        problems.push({ rule: 1, message: `slot lasts ${endMs - startMs} ms but item ${item.id} lasts ${item.durationMs} ms` });
      }
      if (item.status !== 'approved') problems.push({ rule: 2, message: `item ${item.id} is ${item.status}, not approved` });
      const { validFrom, validUntil } = facts;
      if (validFrom === null || validUntil === null || startMs < validFrom || endMs > validUntil) {
        problems.push({
          rule: 2,
          message: `item ${item.id} is valid ${item.validFrom ?? '…'} to ${item.validUntil ?? '…'}, not over the whole slot`,
        });
      }
    }
    return {
      start: slot.start,
      end: slot.end,
      itemId: slot.itemId,
      label: slot.window,
      startMs,
      endMs,
      day,
      key,
      window,
      problems: problems.length > 0 ? problems : none,
    };
  }
}

/** The zone's aired plays as validator plays, in start order (unreadable ones skipped). */
export function airedPlaysOf(zone: Zone, aired: AiredPlay[], library: ValidationLibrary, cal: ValidationCalendar): Play[] {
  const out: Play[] = [];
  for (const a of aired) {
    const start = cal.instant(a.start);
    const end = cal.instant(a.end);
    if (start === null || end === null) continue;
    const day = cal.dayOf(start);
    out.push({
      planned: false,
      slot: undefined,
      key: library.keyOf(a.itemId),
      startMs: start,
      endMs: Math.max(start, end),
      day,
      topics: a.topics,
      ceremonial: a.ceremonial,
      window: cal.windowAt(zone, day, start),
    });
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/**
 * The validator's own reading of a plan: items keyed by number, slots and aired plays parsed into
 * plays with epoch-ms times, a local day number and the zone window instance holding them.
 * Deliberately separate from the planner's structures and time helpers (it reads time through
 * validateTime.ts and validateWindows.ts) so that the two cannot share a counting mistake.
 */
import type { AiredPlay, PlannableItem, Slot, Violation } from '../domain/plan.ts';
import type { Policy, Zone } from '../domain/station.ts';
import type { ValidationCalendar, ZoneWindowOnDate } from './validateWindows.ts';
import { parseInstantText } from './validateTime.ts';

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
    const key = this.keys.get(id);
    return key === undefined ? this.add(id, undefined) : key;
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
      high: item?.priority === 'priority',
    });
    return key;
  }
}

/** A zone's slots as plays in start order: all of them, and those of known items. */
export interface ZonePlays {
  plays: Play[];
  known: Play[];
}

/**
 * Reads one zone's slots (and aired plays) at a time into plays; the zone's windows must be the
 * calendar's current ones (ValidationCalendar.selectWindows). The slots' play objects are pooled:
 * slot k of every zone is read into the same object, so plays never outlive the check of their
 * zone, and a zone's reading costs no memory beyond the largest zone's. Members of a group usually
 * carry the very same slot fields as the member checked before them: a pooled play read cleanly
 * (no finding) from equal fields under the same windows is kept as it is, only its `slot` changes.
 */
export class SlotReader {
  private readonly pool: Play[] = [];
  /** The aired plays' objects, pooled like the slots' (aired play k of every zone in airedPool[k]). */
  private readonly airedPool: Play[] = [];
  /** The zone (by sequence number) whose slot k pool[k] holds, read without a finding; 0 for none. */
  private readonly cleanIn: number[] = [];
  private zoneSeq = 0;
  private textLength = 0;

  constructor(
    private readonly cal: ValidationCalendar,
    private readonly library: ValidationLibrary,
  ) {}

  /**
   * The zone's planned plays; rule 1 and 2 findings about single slots go to `out`. `sameWindows`
   * says whether the zone's windows were already those of the zone read before.
   */
  read(zone: Zone, slots: Slot[], sameWindows: boolean, out: Violation[]): ZonePlays {
    const { pool, cleanIn } = this;
    const previous = sameWindows ? this.zoneSeq : -1;
    const seq = ++this.zoneSeq;
    const plays: Play[] = [];
    let ordered = true;
    let allKnown = true;
    this.fetchTexts(slots);
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      let play = pool[k];
      const old = play?.slot;
      const same =
        old !== undefined &&
        cleanIn[k] === previous &&
        old.start === slot.start &&
        old.end === slot.end &&
        old.itemId === slot.itemId &&
        old.window === slot.window;
      if (play && same) {
        play.slot = slot;
        cleanIn[k] = seq;
      } else {
        const startMs = parseInstantText(slot.start);
        const endMs = parseInstantText(slot.end);
        if (startMs === null || endMs === null) {
          out.push({ rule: 1, zone: zone.id, slot, message: `slot times ${slot.start} / ${slot.end} are unreadable` });
          cleanIn[k] = 0;
          if (play) play.slot = undefined;
          continue;
        }
        const day = this.cal.dayOf(startMs);
        const window = this.cal.windowAt(day, startMs);
        const key = this.library.keyOf(slot.itemId);
        const item = this.library.facts[key]!.item;
        if (play) {
          play.slot = slot;
          play.key = key;
          play.startMs = startMs;
          play.endMs = endMs;
          play.day = day;
          play.topics = item?.topics ?? [];
          play.ceremonial = item?.ceremonial ?? false;
          play.window = window;
        } else {
          play = pool[k] = {
            planned: true,
            slot,
            key,
            startMs,
            endMs,
            day,
            topics: item?.topics ?? [],
            ceremonial: item?.ceremonial ?? false,
            window,
          };
        }
        cleanIn[k] = this.checkOne(zone, play, out) ? seq : 0;
      }
      const last = plays[plays.length - 1];
      if (last && play.startMs < last.startMs) ordered = false;
      if (allKnown && this.library.facts[play.key]!.item === undefined) allKnown = false;
      plays.push(play);
    }
    if (!ordered) plays.sort((a, b) => a.startMs - b.startMs);
    return { plays, known: allKnown ? plays : plays.filter((p) => this.library.facts[p.key]!.item !== undefined) };
  }

  /**
   * The zone's aired plays as validator plays, in start order (unreadable ones skipped). Their
   * objects are pooled: they too live only while their zone is checked.
   */
  readAired(aired: AiredPlay[]): Play[] {
    const { cal, library, airedPool: pool } = this;
    const out: Play[] = [];
    let ordered = true;
    this.fetchTexts(aired);
    for (const a of aired) {
      const start = parseInstantText(a.start);
      const end = parseInstantText(a.end);
      if (start === null || end === null) continue;
      const day = cal.dayOf(start);
      if (out.length > 0 && start < out[out.length - 1]!.startMs) ordered = false;
      const key = library.keyOf(a.itemId);
      const window = cal.windowAt(day, start);
      let play = pool[out.length];
      if (play) {
        play.key = key;
        play.startMs = start;
        play.endMs = Math.max(start, end);
        play.day = day;
        play.topics = a.topics;
        play.ceremonial = a.ceremonial;
        play.window = window;
      } else {
        play = pool[out.length] = { planned: false, slot: undefined, key, startMs: start, endMs: Math.max(start, end), day, topics: a.topics, ceremonial: a.ceremonial, window };
      }
      out.push(play);
    }
    return ordered ? out : out.sort((a, b) => a.startMs - b.startMs);
  }

  /**
   * Touches every instant text of the rows in a quick loop before any is parsed. The planner shares
   * one text among all the slots of a city that start (or end) at that instant, so a zone's texts
   * lie all over the heap: this loop waits for many of them at once instead of one per parse.
   */
  private fetchTexts(rows: readonly { start: string; end: string }[]): void {
    let length = 0;
    for (let k = 0; k < rows.length; k++) length += rows[k]!.start.length + rows[k]!.end.length;
    this.textLength = length; // kept, so that the loop is not optimised away
  }

  /** Rule 1 and 2 findings about the slot alone; true when there are none. */
  private checkOne(zone: Zone, play: Play, out: Violation[]): boolean {
    const slot = play.slot!;
    const { startMs, endMs, window } = play;
    const facts = this.library.facts[play.key]!;
    const item = facts.item;
    const { validFrom, validUntil } = facts;
    const misplaced = !window || endMs > window.endMs || slot.window !== window.label;
    const invalid =
      !item ||
      endMs - startMs !== item.durationMs ||
      item.status !== 'approved' ||
      validFrom === null ||
      validUntil === null ||
      startMs < validFrom ||
      endMs > validUntil;
    if (!misplaced && !invalid) return true;
    // (A closure here would be created for every slot; the findings are rare, the slots are not.)
    if (!window || endMs > window.endMs) {
      out.push({ rule: 1, zone: zone.id, slot, message: `slot ${slot.start}–${slot.end} is not inside a window of the zone` });
    } else if (slot.window !== window.label) {
      out.push({ rule: 1, zone: zone.id, slot, message: `slot says window ${slot.window} but lies in ${window.label}` });
    }
    if (!item) {
      out.push({ rule: 2, zone: zone.id, slot, message: `item ${slot.itemId} is not in the library` });
    } else {
      if (endMs - startMs !== item.durationMs) {
        out.push({ rule: 1, zone: zone.id, slot, message: `slot lasts ${endMs - startMs} ms but item ${item.id} lasts ${item.durationMs} ms` });
      }
      if (item.status !== 'approved') out.push({ rule: 2, zone: zone.id, slot, message: `item ${item.id} is ${item.status}, not approved` });
      if (validFrom === null || validUntil === null || startMs < validFrom || endMs > validUntil) {
        out.push({
          rule: 2,
          zone: zone.id,
          slot,
          message: `item ${item.id} is valid ${item.validFrom ?? '…'} to ${item.validUntil ?? '…'}, not over the whole slot`,
        });
      }
    }
    return false;
  }
}

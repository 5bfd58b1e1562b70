/**
 * The ceremonial cap (rule 5) of one programme: lễ tân, hội họp and leaders' internal activity stay
 * below the policy's planned share (ceremonialPlanShare, under the hard cap ceremonialMaxShare so
 * that failed or preempted plays cannot push what airs over it) of plays, of airtime and of
 * distinct items, month to date, for every member. Jingles count on neither side.
 */
import type { AiredRecord } from './history.ts';
import type { DayClock } from './calendar.ts';

interface MonthHistory {
  cerCount: number;
  cerMs: number;
  /** Days with aired plays, ascending, with month-to-date totals at the end of each. */
  days: number[];
  cumCount: number[];
  cumMs: number[];
  /** Items and ceremonial items aired in the month (library indices; unknown items by id). */
  items: Set<number | string>;
  cerItems: Set<number | string>;
}

/** One member's counts for the month being planned. */
interface MemberBase {
  cerCount: number;
  cerMs: number;
  count: number;
  ms: number;
  items: Set<number | string>;
  cerItems: Set<number | string>;
  /** Distinct items planned this month that the member had not aired (ceremonial ones apart). */
  newItems: number;
  newCerItems: number;
}

const NO_ITEMS = new Set<number | string>();

/** Per-item marks of the ledgers of one plan (one ledger lives at a time). */
export class LedgerMarks {
  readonly planned: Int32Array;
  readonly ceremonial: Int32Array;
  lastStamp = 0;

  constructor(itemCount: number) {
    this.planned = new Int32Array(itemCount);
    this.ceremonial = new Int32Array(itemCount);
  }
}

/**
 * Month-to-date ceremonial shares of a programme's members. A ceremonial play is allowed only when,
 * for every member, each share stays strictly below the planned share counting ALL ceremonial plays
 * aired in the month but only the plays aired up to the day planned, so the share can only fall
 * afterwards and every later end of day stays below too.
 */
export class CeremonialLedger {
  private readonly history: Map<string, MonthHistory>[];
  private month = '';
  private plannedCount = 0;
  private plannedMs = 0;
  private plannedCerCount = 0;
  private plannedCerMs = 0;
  /**
   * Items (and ceremonial items) planned in the month: an item is when its mark is the month's
   * stamp. The marks are shared by every ledger of a plan, the stamps never repeat.
   */
  private readonly plannedMarks: Int32Array;
  private readonly cerMarks: Int32Array;
  private stamp = 0;
  private readonly base: MemberBase[];

  constructor(
    memberPlays: AiredRecord[][],
    private readonly share: number,
    private readonly days: DayClock,
    private readonly marks: LedgerMarks,
  ) {
    this.plannedMarks = marks.planned;
    this.cerMarks = marks.ceremonial;
    this.history = memberPlays.map((plays) => monthHistories(plays, days));
    this.base = memberPlays.map(() => ({
      cerCount: 0, cerMs: 0, count: 0, ms: 0, items: NO_ITEMS, cerItems: NO_ITEMS, newItems: 0, newCerItems: 0,
    }));
  }

  /** Moves to a new planned day; a new month starts its planned counts from zero. */
  startDay(day: number): void {
    const month = this.days.month(day);
    const newMonth = month !== this.month;
    if (newMonth) {
      this.month = month;
      this.plannedCount = this.plannedMs = this.plannedCerCount = this.plannedCerMs = 0;
      this.stamp = ++this.marks.lastStamp;
    }
    this.history.forEach((byMonth, m) => {
      const h = byMonth.get(month);
      const base = this.base[m]!;
      base.cerCount = h?.cerCount ?? 0;
      base.cerMs = h?.cerMs ?? 0;
      base.items = h?.items ?? NO_ITEMS;
      base.cerItems = h?.cerItems ?? NO_ITEMS;
      if (newMonth) base.newItems = base.newCerItems = 0;
      base.count = 0;
      base.ms = 0;
      if (!h) return;
      let i = h.days.length - 1;
      while (i >= 0 && h.days[i]! > day) i--;
      if (i >= 0) {
        base.count = h.cumCount[i]!;
        base.ms = h.cumMs[i]!;
      }
    });
  }

  /** True when one more ceremonial play of some length could pass the count test. */
  allowsByCount(): boolean {
    for (const b of this.base) {
      if (!(b.cerCount + this.plannedCerCount + 1 < this.share * (b.count + this.plannedCount + 1))) return false;
    }
    return true;
  }

  /** True when a ceremonial play of that item keeps every member strictly below the share. */
  allows(item: number, durationMs: number): boolean {
    if (!this.allowsByCount()) return false;
    const plannedBefore = this.plannedMarks[item] === this.stamp;
    const cerPlannedBefore = this.cerMarks[item] === this.stamp;
    for (const b of this.base) {
      const cerMs = b.cerMs + this.plannedCerMs + durationMs;
      if (!(cerMs < this.share * (b.ms + this.plannedMs + durationMs))) return false;
      const items = b.items.size + b.newItems + (plannedBefore || b.items.has(item) ? 0 : 1);
      const cerItems = b.cerItems.size + b.newCerItems + (cerPlannedBefore || b.cerItems.has(item) ? 0 : 1);
      if (!(cerItems < this.share * items)) return false;
    }
    return true;
  }

  /** Counts a planned (non-jingle) play. */
  record(item: number, durationMs: number, ceremonial: boolean): void {
    this.plannedCount++;
    this.plannedMs += durationMs;
    if (this.plannedMarks[item] !== this.stamp) {
      this.plannedMarks[item] = this.stamp;
      // (Most months have little or no aired history: an empty set is not asked.)
      for (const b of this.base) if (b.items.size === 0 || !b.items.has(item)) b.newItems++;
    }
    if (!ceremonial) return;
    this.plannedCerCount++;
    this.plannedCerMs += durationMs;
    if (this.cerMarks[item] !== this.stamp) {
      this.cerMarks[item] = this.stamp;
      for (const b of this.base) if (b.cerItems.size === 0 || !b.cerItems.has(item)) b.newCerItems++;
    }
  }
}

function monthHistories(plays: AiredRecord[], days: DayClock): Map<string, MonthHistory> {
  const perDay = new Map<number, { count: number; ms: number }>();
  const byMonth = new Map<string, MonthHistory>();
  for (const play of plays) {
    if (play.jingle) continue;
    const month = days.month(play.day);
    let h = byMonth.get(month);
    if (!h) byMonth.set(month, (h = { cerCount: 0, cerMs: 0, days: [], cumCount: [], cumMs: [], items: new Set(), cerItems: new Set() }));
    const ms = play.endMs - play.startMs;
    const key = play.item >= 0 ? play.item : play.itemId;
    h.items.add(key);
    if (play.ceremonial) {
      h.cerCount++;
      h.cerMs += ms;
      h.cerItems.add(key);
    }
    const d = perDay.get(play.day) ?? { count: 0, ms: 0 };
    d.count++;
    d.ms += ms;
    perDay.set(play.day, d);
  }
  for (const day of [...perDay.keys()].sort((a, b) => a - b)) {
    const h = byMonth.get(days.month(day))!;
    const d = perDay.get(day)!;
    const last = h.days.length - 1;
    h.days.push(day);
    h.cumCount.push((last >= 0 ? h.cumCount[last]! : 0) + d.count);
    h.cumMs.push((last >= 0 ? h.cumMs[last]! : 0) + d.ms);
  }
  return byMonth;
}

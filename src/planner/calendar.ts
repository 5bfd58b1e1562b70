/**
 * Windows expanded into dated window instances (epoch ms), for a programme's window definitions
 * (programmes.ts). Relays (tiếp âm) are fixed events: a window a relay cuts is planned as the parts before and
 * after it (decisions §9); a window a relay covers whole has no part to plan that day.
 */
import type { RelayDef } from './programmes.ts';
import { zonedInstant } from '../domain/time.ts';
import { dateOfDayIndex, weekdayOfDayIndex } from '../domain/fastTime.ts';

/** A zone window as written, with parsed times; `label` is "start-end" exactly as written. */
export interface WindowDef {
  startSec: number;
  endSec: number;
  peak: boolean;
  /** days[1..7]: true when the window runs that ISO weekday. */
  days: boolean[];
  label: string;
  /** Its position among its zone's definitions (sorted by start). */
  ordinal: number;
}

/**
 * A window on one local date, or the part of it left around relays. `opens`/`closes`: the part
 * begins at the window's start / ends at its end (its opening / closing jingle goes there); both
 * are true for a window no relay cuts.
 */
export interface WindowInstance {
  def: WindowDef;
  day: number;
  date: string;
  startMs: number;
  endMs: number;
  peak: boolean;
  opens: boolean;
  closes: boolean;
}

/**
 * Local midnights of days, shared by every programme of a plan: when a day's offset from UTC holds
 * all day (no daylight-saving change), a time of day is its midnight plus the seconds.
 */
export class DayClock {
  private readonly midnights = new Map<number, number>();
  private readonly uniform = new Map<number, boolean>();
  private readonly months = new Map<number, string>();
  private readonly dates = new Map<number, string>();

  constructor(readonly tz: string) {}

  /** "YYYY-MM" of a day (a dayIndex), made once per plan: every programme asks for the same few days. */
  month(day: number): string {
    let month = this.months.get(day);
    if (month === undefined) this.months.set(day, (month = this.date(day).slice(0, 7)));
    return month;
  }

  /** "YYYY-MM-DD" of a day (a dayIndex), made once per plan (Date's toISOString is slow). */
  date(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) this.dates.set(day, (date = dateOfDayIndex(day)));
    return date;
  }

  /** The instant of a time of day (seconds) on a day (a dayIndex). */
  instant(day: number, date: string, seconds: number): number {
    let midnight = this.midnights.get(day);
    if (midnight === undefined) {
      midnight = zonedInstant(date, 0, this.tz);
      const next = zonedInstant(dateOfDayIndex(day + 1), 0, this.tz);
      this.midnights.set(day, midnight);
      this.uniform.set(day, next - midnight === 86_400_000 && zonedInstant(date, 43_200, this.tz) === midnight + 43_200_000);
    }
    return this.uniform.get(day) ? midnight + seconds * 1000 : zonedInstant(date, seconds, this.tz);
  }
}

const NO_RELAYS: RelayDef[] = [];

/** Days a WindowCalendar keeps in its array (others go in a map). */
const MAX_NEAR_DAYS = 4 * 366;

/** Window instances of a set of definitions per day, computed once per day and kept. */
export class WindowCalendar {
  /** Days from `firstDay` on, by their offset from it (a plan asks for a few dozen days in a row). */
  private readonly byDay: (WindowInstance[] | undefined)[] = [];
  private firstDay = NaN;
  private readonly farDays = new Map<number, WindowInstance[]>();

  constructor(
    private readonly defs: WindowDef[],
    private readonly clock: DayClock,
    private readonly relays: RelayDef[] = NO_RELAYS,
  ) {}

  /** The windows on a day (a dayIndex), sorted by start. */
  on(day: number): WindowInstance[] {
    // History comes first, from a few days before the range: room for a year of it.
    if (Number.isNaN(this.firstDay)) this.firstDay = day - 366;
    const offset = day - this.firstDay;
    const near = offset >= 0 && offset < MAX_NEAR_DAYS;
    let list = near ? this.byDay[offset] : this.farDays.get(day);
    if (list) return list;
    list = this.expand(day);
    if (!near) this.farDays.set(day, list);
    else {
      while (this.byDay.length <= offset) this.byDay.push(undefined);
      this.byDay[offset] = list;
    }
    return list;
  }

  private expand(day: number): WindowInstance[] {
    const weekday = weekdayOfDayIndex(day);
    const date = this.clock.date(day);
    const list: WindowInstance[] = [];
    const relays = this.relays.length ? this.relays.filter((r) => r.days[weekday]) : NO_RELAYS;
    for (const def of this.defs) {
      if (!def.days[weekday]) continue;
      if (relays.length) {
        this.expandAround(def, day, date, relays, list);
        continue;
      }
      list.push({
        def,
        day,
        date,
        startMs: this.clock.instant(day, date, def.startSec),
        endMs: this.clock.instant(day, date, def.endSec),
        peak: def.peak,
        opens: true,
        closes: true,
      });
    }
    return list;
  }

  /** The parts of a window the day's relays (sorted by start) leave free, in time order. */
  private expandAround(def: WindowDef, day: number, date: string, relays: RelayDef[], out: WindowInstance[]): void {
    let from = def.startSec;
    const part = (startSec: number, endSec: number) => {
      if (endSec <= startSec) return;
      out.push({
        def,
        day,
        date,
        startMs: this.clock.instant(day, date, startSec),
        endMs: this.clock.instant(day, date, endSec),
        peak: def.peak,
        opens: startSec === def.startSec,
        closes: endSec === def.endSec,
      });
    };
    for (const r of relays) {
      if (r.endSec <= from || r.startSec >= def.endSec) continue;
      part(from, Math.min(r.startSec, def.endSec));
      from = Math.max(from, r.endSec);
    }
    part(from, def.endSec);
  }

  /** The day's relay airings: relay and instants, by start. */
  relaysOn(day: number): { relay: RelayDef; startMs: number; endMs: number }[] {
    if (this.relays.length === 0) return [];
    const weekday = weekdayOfDayIndex(day);
    const date = this.clock.date(day);
    return this.relays
      .filter((r) => r.days[weekday])
      .map((relay) => ({ relay, startMs: this.clock.instant(day, date, relay.startSec), endMs: this.clock.instant(day, date, relay.endSec) }));
  }

  /**
   * The label of the window a relay lies in on that weekday: the one holding its start, else the
   * first it overlaps; null outside windows.
   */
  windowOfRelay(relay: RelayDef, weekday: number): string | null {
    let overlapping: string | null = null;
    for (const def of this.defs) {
      if (!def.days[weekday]) continue;
      if (relay.startSec >= def.startSec && relay.startSec < def.endSec) return def.label;
      if (overlapping === null && relay.startSec < def.endSec && relay.endSec > def.startSec) overlapping = def.label;
    }
    return overlapping;
  }

  /** The window of that day whose span holds the instant (start included, end excluded), if any. */
  containing(day: number, ms: number): WindowInstance | undefined {
    for (const w of this.on(day)) if (ms >= w.startMs && ms < w.endMs) return w;
    return undefined;
  }
}

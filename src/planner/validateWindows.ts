/**
 * The validator's calendar: local days and dates of a station's time zone, and the window
 * instances of one set of zone windows at a time (the zone being checked, or the group whose
 * members come one after another), expanded day by day and dropped when another set comes up.
 * Window instants come from the validator's own StationClock, never from the planner's helpers.
 */
import type { Window, Zone } from '../domain/station.ts';
import { parseTimeOfDay } from '../domain/time.ts';
import { StationClock, dateOfDayNumber, isoWeekdayOfDayNumber } from './validateTime.ts';

/** A zone window on a given local day. */
export interface ZoneWindowOnDate {
  label: string;
  peak: boolean;
  startMs: number;
  endMs: number;
}

/** A readable zone window: its label, weekdays and times of day in seconds. */
interface WindowSpec {
  label: string;
  peak: boolean;
  days: readonly number[];
  start: number;
  end: number;
}

/** Local days and dates of the station, and the window instances of the current set of windows. */
export class ValidationCalendar {
  private readonly clock: StationClock;
  private readonly dates = new Map<number, string>();
  /** The current set of windows: the zone's array, its JSON and its readable windows. */
  private windows: readonly Window[] | undefined;
  private signature = '';
  private specs: WindowSpec[] = [];
  /** Instances of the current set by day, sorted by start. */
  private byDay = new Map<number, ZoneWindowOnDate[]>();
  private lastDay = NaN;
  private lastList: ZoneWindowOnDate[] = [];

  constructor(readonly tz: string) {
    this.clock = new StationClock(tz);
  }

  /** Local day number of an instant. */
  dayOf(ms: number): number {
    return this.clock.dayOf(ms);
  }

  /** "YYYY-MM-DD" of a day number. */
  date(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) this.dates.set(day, (date = dateOfDayNumber(day)));
    return date;
  }

  /**
   * Makes the zone's windows the current set. True when they equal the current set already (a
   * member of the same group): its window instances, the very same objects, are kept.
   */
  selectWindows(zone: Zone): boolean {
    if (zone.windows === this.windows) return true;
    const signature = JSON.stringify(zone.windows);
    this.windows = zone.windows;
    if (signature === this.signature) return true;
    this.signature = signature;
    this.specs = [];
    for (const w of zone.windows) {
      const start = parseTimeOfDay(w.start);
      const end = parseTimeOfDay(w.end);
      if (start === null || end === null || end <= start) continue;
      this.specs.push({ label: `${w.start}-${w.end}`, peak: w.peak === true, days: w.days, start, end });
    }
    this.byDay = new Map();
    this.lastDay = NaN;
    this.lastList = [];
    return false;
  }

  /** The current set's window instances on a local day, sorted by start. */
  windowsOn(day: number): ZoneWindowOnDate[] {
    if (day === this.lastDay) return this.lastList;
    let list = this.byDay.get(day);
    if (!list) {
      const weekday = isoWeekdayOfDayNumber(day);
      list = [];
      for (const w of this.specs) {
        if (!w.days.includes(weekday)) continue;
        list.push({
          label: w.label,
          peak: w.peak,
          startMs: this.clock.instantOf(day, w.start),
          endMs: this.clock.instantOf(day, w.end),
        });
      }
      sortByStart(list);
      this.byDay.set(day, list);
    }
    this.lastDay = day;
    this.lastList = list;
    return list;
  }

  /** The current set's window instance holding the instant (start included, end excluded). */
  windowAt(day: number, ms: number): ZoneWindowOnDate | undefined {
    const list = this.windowsOn(day);
    for (let k = 0; k < list.length; k++) {
      const w = list[k]!;
      if (ms >= w.startMs && ms < w.endMs) return w;
    }
    return undefined;
  }
}

/**
 * Sorts a day's few window instances by start, stably, in place. (Insertion sort: Array's sort sets
 * up work space on every call, and a zone-day has two or three windows.)
 */
function sortByStart(list: ZoneWindowOnDate[]): void {
  for (let a = 1; a < list.length; a++) {
    const w = list[a]!;
    let b = a - 1;
    while (b >= 0 && list[b]!.startMs > w.startMs) {
      list[b + 1] = list[b]!;
      b--;
    }
    list[b + 1] = w;
  }
}

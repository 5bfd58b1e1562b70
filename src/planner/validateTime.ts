/**
 * The validator's own station-time helpers, written plainly on Date.UTC, Date.parse, Intl and
 * calendar arithmetic. They deliberately share no code with the planner's allocation-light
 * domain/fastTime.ts: if that module miscounted a day or misread an instant, the validator must
 * not make the same mistake with it.
 *
 * A day number is the count of whole days from 1970-01-01 to a local calendar date (the date read
 * as if it were UTC midnight), so day numbers of one zone's dates are consecutive integers.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Hours a StationClock keeps in its array: a year either side of the first hour it is asked. */
const NEARBY_HOURS = 2 * 366 * 24;
/** StationClock's mark for an hour in which the offset changes. */
const CHANGING = Infinity;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 instant that names its offset; without one, Date.parse would guess local time. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The day number of a local date "YYYY-MM-DD"; NaN when the text is not a calendar date. */
export function dayNumberOf(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return NaN;
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The local date "YYYY-MM-DD" of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO weekday (Monday = 1 … Sunday = 7) of a day number. */
export function isoWeekdayOfDayNumber(day: number): number {
  // Day 0, 1970-01-01, was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The day number of the Monday that starts the ISO week holding the day. */
export function weekStartOfDayNumber(day: number): number {
  return day - (isoWeekdayOfDayNumber(day) - 1);
}

/**
 * Epoch milliseconds of an ISO 8601 instant with an offset or Z
 * ("2026-05-18T05:30:00+07:00", seconds and their fraction optional); null for anything else,
 * including a day its month does not have (Date.parse would roll 02-30 over into March).
 */
export function parseInstantText(text: string): number | null {
  const ms = readIsoInstant(text);
  return Number.isNaN(ms) ? parseInstantSlowly(text) : ms;
}

/**
 * parseInstantText for the common form alone, read char by char: "YYYY-MM-DDTHH:MM[:SS[.f…]]"
 * then "Z" or "±HH:MM", every field in its range (hours 00–23, offsets up to ±23:59) and the day
 * one its month has. NaN for anything else, which parseInstantText hands to Date.parse: so an
 * unusual text (24:00, a malformed one) is judged exactly as Date.parse and the form say.
 */
function readIsoInstant(text: string): number {
  const n = text.length;
  if (n < 17) return NaN;
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const mo0 = text.charCodeAt(5) - 48;
  const mo1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const mi0 = text.charCodeAt(14) - 48;
  const mi1 = text.charCodeAt(15) - 48;
  // A digit d has d | (9 - d) >= 0, any other char makes it negative (n >= 17 keeps these in range).
  const notDigits =
    y0 | (9 - y0) | y1 | (9 - y1) | y2 | (9 - y2) | y3 | (9 - y3) | mo0 | (9 - mo0) | mo1 | (9 - mo1) |
    d0 | (9 - d0) | d1 | (9 - d1) | h0 | (9 - h0) | h1 | (9 - h1) | mi0 | (9 - mi0) | mi1 | (9 - mi1);
  if (notDigits < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) {
    return NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month)) || hour > 23 || minute > 59) return NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  let c = text.charCodeAt(16);
  if (c === 58 /* : */) {
    const s0 = text.charCodeAt(17) - 48;
    const s1 = text.charCodeAt(18) - 48;
    if ((s0 | (5 - s0) | s1 | (9 - s1)) < 0) return NaN;
    second = s0 * 10 + s1;
    i = 19;
    c = text.charCodeAt(19);
    if (c === 46 /* . */) {
      // Like Date.parse: the first three digits are the milliseconds, later ones are dropped.
      for (i = 20; i < n; i++) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        if (i < 23) millis += d * (i === 20 ? 100 : i === 21 ? 10 : 1);
      }
      if (i === 20) return NaN;
      c = text.charCodeAt(i);
    }
  }
  let offset = 0;
  if (c === 90 /* Z */) {
    if (i + 1 !== n) return NaN;
  } else if (c === 43 /* + */ || c === 45 /* - */) {
    if (i + 6 !== n || text.charCodeAt(i + 3) !== 58) return NaN;
    const oh0 = text.charCodeAt(i + 1) - 48;
    const oh1 = text.charCodeAt(i + 2) - 48;
    const om0 = text.charCodeAt(i + 4) - 48;
    const om1 = text.charCodeAt(i + 5) - 48;
    if ((oh0 | (2 - oh0) | oh1 | (9 - oh1) | om0 | (5 - om0) | om1 | (9 - om1)) < 0 || oh0 * 10 + oh1 > 23) return NaN;
    offset = ((oh0 * 10 + oh1) * 60 + om0 * 10 + om1) * MINUTE_MS;
    if (c === 45) offset = -offset;
  } else {
    return NaN;
  }
  // Instants come in runs of one date (a zone's slots of a day): its day count is kept.
  if (year !== lastDate.year || month !== lastDate.month || day !== lastDate.day) {
    lastDate.year = year;
    lastDate.month = month;
    lastDate.day = day;
    lastDate.days = daysFromCivil(year, month, day);
  }
  return lastDate.days * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis - offset;
}

/** The date readIsoInstant last read and its days from 1970-01-01. */
const lastDate = { year: 1970, month: 1, day: 1, days: 0 };

/** The form by regex, the calendar by isCalendarDate, the instant by Date.parse. */
function parseInstantSlowly(text: string): number | null {
  if (!INSTANT_RE.test(text)) return null;
  // Only days 29–31 can be past the month's end.
  if (text.slice(8, 10) > '28' && !isCalendarDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)))) {
    return null;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (any year, 0–99 included). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * A station zone's clock: its offset from UTC, local day numbers and local instants. The offset
 * is asked of Intl once per UTC hour and remembered; the last hour asked is kept apart because
 * instants mostly come in time order. An hour in which the offset changes (at :30 in a few zones,
 * such as America/St_Johns) is not remembered: each instant in it is asked of Intl itself.
 */
export class StationClock {
  private readonly format: Intl.DateTimeFormat;
  /** Offsets of the hours from `firstHour` on, NaN where not asked yet; other hours in `byHour`. */
  private readonly nearby = new Float64Array(NEARBY_HOURS).fill(NaN);
  private firstHour = NaN;
  private readonly byHour = new Map<number, number>();
  private lastHour = NaN;
  private lastOffset = 0;

  constructor(readonly tz: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The zone's offset from UTC in milliseconds at an instant. */
  offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    if (hour === this.lastHour) return this.lastOffset;
    // The hours of one plan and its history lie close together: they are looked up in an array.
    if (Number.isNaN(this.firstHour)) this.firstHour = hour - NEARBY_HOURS / 2;
    const near = hour - this.firstHour;
    let offset: number;
    if (near >= 0 && near < NEARBY_HOURS) {
      offset = this.nearby[near]!;
      if (Number.isNaN(offset)) this.nearby[near] = offset = this.hourOffset(hour);
    } else {
      const known = this.byHour.get(hour);
      if (known === undefined) this.byHour.set(hour, (offset = this.hourOffset(hour)));
      else offset = known;
    }
    if (offset === CHANGING) return this.askOffset(ms);
    this.lastHour = hour;
    this.lastOffset = offset;
    return offset;
  }

  /** The offset all through the UTC hour, or CHANGING when it is not the same at its end. */
  private hourOffset(hour: number): number {
    const offset = this.askOffset(hour * HOUR_MS);
    return this.askOffset((hour + 1) * HOUR_MS - 1000) === offset ? offset : CHANGING;
  }

  /** The offset at an instant, from Intl: the wall clock the zone shows then, read as UTC, minus the instant. */
  private askOffset(ms: number): number {
    const at = Math.floor(ms / 1000) * 1000; // the wall clock is read to the second
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    // (setUTCFullYear, unlike Date.UTC, leaves years 0–99 alone.)
    const wall = new Date(0);
    wall.setUTCFullYear(parts.year!, parts.month! - 1, parts.day!);
    wall.setUTCHours(parts.hour!, parts.minute!, parts.second!);
    return wall.getTime() - at;
  }

  /** Local day number of an instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /**
   * The instant of a local day number plus seconds since local midnight, its offset settled in two
   * steps across a change of offset (the same reading of the wall clock as zonedInstant of
   * domain/time.ts, on this clock's own offsets).
   */
  instantOf(day: number, seconds: number): number {
    const naive = day * DAY_MS + seconds * 1000;
    return naive - this.offsetAt(naive - this.offsetAt(naive));
  }
}

/** A function giving the local day number of an instant in the IANA zone `tz`. */
export function localDayCounter(tz: string): (ms: number) => number {
  const clock = new StationClock(tz);
  return (ms) => clock.dayOf(ms);
}

/** True when the month of that year has that day (proleptic Gregorian calendar). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (setUTCFullYear, unlike Date.UTC, leaves
  // years 0–99 alone).
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  return day <= last.getUTCDate();
}

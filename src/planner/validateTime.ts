/**
 * The validator's own station-time helpers, written plainly on Date.UTC, Date.parse and Intl. They
 * deliberately share no code with the planner's allocation-light domain/fastTime.ts: if that module
 * miscounted a day or misread an instant, the validator must not make the same mistake with it.
 *
 * A day number is the count of whole days from 1970-01-01 to a local calendar date (the date read
 * as if it were UTC midnight), so day numbers of one zone's dates are consecutive integers.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

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
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
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
  if (!INSTANT_RE.test(text)) return null;
  // Only days 29–31 can be past the month's end: the first test keeps the hot path short.
  if (text.slice(8, 10) > '28' && !isCalendarDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)))) {
    return null;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** parseInstantText with a memory of the texts it has read, for inputs that repeat them. */
export function rememberingInstantParser(): (text: string) => number | null {
  const known = new Map<string, number | null>();
  return (text) => {
    let ms = known.get(text);
    if (ms === undefined) known.set(text, (ms = parseInstantText(text)));
    return ms;
  };
}

/**
 * A function giving the local day number of an instant in the IANA zone `tz`. The zone's offset
 * is asked of Intl once per UTC hour (offsets change on hour boundaries) and remembered; the last
 * hour asked is kept apart because instants mostly come in time order.
 */
export function localDayCounter(tz: string): (ms: number) => number {
  const offsetOf = zoneOffsets(tz);
  return (ms) => Math.floor((ms + offsetOf(ms)) / DAY_MS);
}

/** A function giving the zone's offset from UTC in milliseconds at an instant, cached per UTC hour. */
function zoneOffsets(tz: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const byHour = new Map<number, number>();
  let lastHour = NaN;
  let lastOffset = 0;
  return (ms) => {
    const hour = Math.floor(ms / HOUR_MS);
    if (hour === lastHour) return lastOffset;
    let offset = byHour.get(hour);
    if (offset === undefined) {
      // The wall clock the zone shows at the hour's start, read as UTC, minus the instant itself.
      const at = hour * HOUR_MS;
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      offset = wall - at;
      byHour.set(hour, offset);
    }
    lastHour = hour;
    lastOffset = offset;
    return offset;
  };
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

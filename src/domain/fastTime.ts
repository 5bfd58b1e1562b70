/**
 * Allocation-light station-time helpers for the planner's and validator's hot loops: day counters
 * instead of date strings, and instant parsing/formatting without Date objects. Same results as
 * the plain helpers in time.ts (property-tested in test/unit/planner.time.test.ts).
 */
import { dateToUtcMs, formatInstant, offsetMinutes, parseInstant } from './time.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Day counter of a local date: whole days since 1970-01-01, handy as a map key and for arithmetic. */
export function dayIndex(date: string): number {
  return Math.round(dateToUtcMs(date) / DAY_MS);
}

/** The local date "YYYY-MM-DD" of a day counter made by dayIndex. */
export function dateOfDayIndex(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a day counter made by dayIndex (day 0 was a Thursday). */
export function weekdayOfDayIndex(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * parseInstant, faster for the shape formatInstant writes ("YYYY-MM-DDTHH:MM:SS[.mmm](Z|±HH:MM)")
 * with every field in range; any other text goes through parseInstant, so results are identical.
 */
export function parseInstantFast(text: string): number | null {
  const n = text.length;
  const millis = n === 29 || n === 24;
  const zulu = n === 20 || n === 24;
  if (!(n === 25 || n === 29 || zulu)) return parseInstant(text);
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const ms = millis ? twoDigits(text, 20) * 10 + digitAt(text, 22) : 0;
  const tail = millis ? 23 : 19;
  const sign = text.charCodeAt(tail);
  const offHours = zulu ? 0 : twoDigits(text, tail + 1);
  const offMinutes = zulu ? 0 : twoDigits(text, tail + 4);
  const shapeOk =
    text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && (!millis || text.charCodeAt(19) === 46) &&
    (zulu ? sign === 90 : (sign === 43 || sign === 45) && text.charCodeAt(tail + 3) === 58);
  if (
    !shapeOk || year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0 ||
    offHours < 0 || offHours > 23 || offMinutes < 0 || offMinutes > 59
  ) {
    return parseInstant(text);
  }
  const offsetMs = (offHours * 60 + offMinutes) * 60_000;
  const localMs = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return sign === 45 ? localMs + offsetMs : localMs - offsetMs;
}

/**
 * formatInstant for one zone, faster in bulk: the offset is looked up once per hour of instants.
 * Same output as formatInstant(ms, tz).
 */
export function instantFormatter(tz: string): (ms: number) => string {
  const offsetAt = hourlyOffsets(tz);
  return (ms) => formatWithOffset(ms, offsetAt(ms), tz);
}

/**
 * formatInstant's text built straight as one flat string (no concatenation tree to keep alive);
 * unusual inputs (fractional ms, years outside 1000–9999) go through formatInstant itself.
 */
function formatWithOffset(ms: number, off: number, tz: string): string {
  const localMs = ms + off * 60_000;
  const days = Math.floor(localMs / DAY_MS);
  const msOfDay = localMs - days * DAY_MS;
  // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (!Number.isInteger(ms) || year < 1000 || year > 9999 || Math.abs(off) >= 6000) return formatInstant(ms, tz);
  const seconds = Math.floor(msOfDay / 1000);
  const millis = msOfDay - seconds * 1000;
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds % 3600) / 60);
  const second = seconds % 60;
  const abs = Math.abs(off);
  const oh = Math.floor(abs / 60);
  const om = abs % 60;
  const sign = off >= 0 ? 43 : 45;
  // Char codes passed one by one: no array, one flat string.
  return millis
    ? String.fromCharCode(
        digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), 45, digit(month / 10), digit(month), 45,
        digit(day / 10), digit(day), 84, digit(hour / 10), digit(hour), 58, digit(minute / 10), digit(minute), 58,
        digit(second / 10), digit(second), 46, digit(millis / 100), digit(millis / 10), digit(millis),
        sign, digit(oh / 10), digit(oh), 58, digit(om / 10), digit(om),
      )
    : String.fromCharCode(
        digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), 45, digit(month / 10), digit(month), 45,
        digit(day / 10), digit(day), 84, digit(hour / 10), digit(hour), 58, digit(minute / 10), digit(minute), 58,
        digit(second / 10), digit(second), sign, digit(oh / 10), digit(oh), 58, digit(om / 10), digit(om),
      );
}

/**
 * The local day (a dayIndex) of instants in one zone, fast in bulk: the offset is cached per hour.
 * Same as dayIndex(localDate(ms, tz)).
 */
export function localDayIndexer(tz: string): (ms: number) => number {
  const offsetAt = hourlyOffsets(tz);
  return (ms) => Math.floor((ms + offsetAt(ms) * 60_000) / DAY_MS);
}

/** offsetMinutes(tz, ms), looked up once per hour of instants (the first instant seen in an hour answers for all of it). */
function hourlyOffsets(tz: string): (ms: number) => number {
  const offsets = new Map<number, number>();
  return (ms) => {
    const h = Math.floor(ms / HOUR_MS);
    let off = offsets.get(h);
    if (off === undefined) {
      off = offsetMinutes(tz, ms);
      offsets.set(h, off);
    }
    return off;
  };
}

/** The char code of the last decimal digit of floor(n). */
function digit(n: number): number {
  return 48 + (Math.floor(n) % 10);
}

/** Two decimal digits at i as a number, or a large negative number when they are not digits. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -100_000;
}

/** One decimal digit at i, or a large negative number. */
function digitAt(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  return a >= 0 && a <= 9 ? a : -100_000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

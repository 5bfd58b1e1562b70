/**
 * The quality report's own time reading: day numbers and a fast instant reader for the shape the
 * planner writes, falling back to domain/time.ts for anything else (so results are parseInstant's).
 */
import { dateToUtcMs, parseInstant } from '../domain/time.ts';

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of a local date. */
export function dayNumber(date: string): number {
  return Math.round(dateToUtcMs(date) / DAY_MS);
}

/** "YYYY-MM-DD" of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a day number (day 0 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * An instant written as "YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM" read with a few char codes; anything
 * else goes through parseInstant. Null when it is not an instant.
 */
export function readInstant(text: string): number | null {
  const n = text.length;
  const shaped =
    (n === 25 || n === 29) && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && text.charCodeAt(n - 3) === 58 && (n === 25 || text.charCodeAt(19) === 46);
  if (!shaped) return parseInstant(text);
  const tail = n - 6;
  const sign = text.charCodeAt(tail);
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const m2 = n === 29 ? twoDigits(text, 20) : 0;
  const m1 = n === 29 ? twoDigits(text, 21) % 10 : 0; // the third digit of the milliseconds
  const offHours = twoDigits(text, tail + 1);
  const offMinutes = twoDigits(text, tail + 4);
  const year = century * 100 + yy;
  // Anything unusual (a non-digit reads as −1, out-of-range fields) is left to parseInstant.
  const plain =
    century >= 10 && yy >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && m2 >= 0 && m1 >= 0 &&
    offHours >= 0 && offHours <= 23 && offMinutes >= 0 && offMinutes <= 59 && (sign === 43 || sign === 45);
  if (!plain) return parseInstant(text);
  const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + m2 * 10 + m1;
  const offset = (offHours * 60 + offMinutes) * 60_000;
  return sign === 43 ? local - offset : local + offset;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The two decimal digits at `at` as a number, or −1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}


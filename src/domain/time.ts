/**
 * Station-time arithmetic, pure: instants are epoch milliseconds, local dates are "YYYY-MM-DD",
 * times of day are seconds since local midnight. Works for any IANA zone through Intl; Vietnam
 * (Asia/Ho_Chi_Minh) has no daylight saving, but nothing here assumes that.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** "HH:MM" or "HH:MM:SS", 00:00 to 24:00. */
export const TIME_OF_DAY_RE = /^([01]\d|2[0-4]):([0-5]\d)(?::([0-5]\d))?$/;
export const LOCAL_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date "YYYY-MM-DD" (the form alone lets 2026-02-30 through). */
export function isLocalDate(text: string): boolean {
  if (!LOCAL_DATE_RE.test(text)) return false;
  const ms = Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** Seconds since midnight of a "HH:MM[:SS]" time, or null when malformed (24:00 is the day's end). */
export function parseTimeOfDay(text: string): number | null {
  const m = TIME_OF_DAY_RE.exec(text);
  if (!m) return null;
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  return seconds > 86_400 ? null : seconds;
}

/** "HH:MM" (or "HH:MM:SS" when seconds are not zero) for seconds since midnight. */
export function formatTimeOfDay(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const base = `${pad2(h)}:${pad2(m)}`;
  return s === 0 ? base : `${base}:${pad2(s)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when the IANA zone name is known to this runtime. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC in minutes at an instant (+420 for Vietnam). Cached per hour. */
export function offsetMinutes(tz: string, ms: number): number {
  const key = `${tz}|${Math.floor(ms / HOUR_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The station-local calendar date of an instant. */
export function localDate(ms: number, tz: string): string {
  const local = new Date(ms + offsetMinutes(tz, ms) * 60_000);
  return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
}

/** The instant of a local date plus seconds since local midnight. */
export function zonedInstant(date: string, secondsOfDay: number, tz: string): number {
  const naive = dateToUtcMs(date) + secondsOfDay * 1000;
  // Two refinements settle the offset even across a DST change (irrelevant in Vietnam, kept general).
  let guess = naive - offsetMinutes(tz, naive) * 60_000;
  guess = naive - offsetMinutes(tz, guess) * 60_000;
  return guess;
}

/** ISO 8601 with the zone's offset, e.g. "2026-05-18T05:30:00+07:00" (milliseconds when not zero). */
export function formatInstant(ms: number, tz: string): string {
  const off = offsetMinutes(tz, ms);
  const local = new Date(ms + off * 60_000);
  const millis = local.getUTCMilliseconds();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}` +
    `T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}` +
    (millis ? `.${String(millis).padStart(3, '0')}` : '') +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

/** Parses an ISO 8601 instant that carries an offset or Z; null when it is not one. */
export function parseInstant(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Midnight UTC of a local date, used as a day counter independent of any zone. */
export function dateToUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function addDays(date: string, days: number): string {
  return new Date(dateToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtcMs(b) - dateToUtcMs(a)) / DAY_MS);
}

/** ISO weekday of a local date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const d = new Date(dateToUtcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday starting the ISO week (Mon–Sun) that holds the date. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO week label, e.g. "2026-W21". */
export function isoWeekLabel(date: string): string {
  const thursday = addDays(weekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

/** "YYYY-MM" of a local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every local date from `from` to `to`, both included. */
export function datesInRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The calendar geometry of a report month in station time: its days, the ISO weeks it owns (those whose
 * Thursday falls in it), the wider scan range those weeks need, and the UTC-offset segments that let
 * SQL turn `started_at` into a local day with plain integer arithmetic.
 */
import { addDays, dateToUtcMs, datesInRange, isoWeekday, isoWeekLabel, offsetMinutes, zonedInstant } from '../domain/time.ts';
import type { OffsetSegment } from '../storage/reportQueries.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** An ISO week owned by the month; `from`/`to` are its Monday and Sunday (may lie outside the month). */
export interface OwnedWeek {
  week: string;
  from: string;
  to: string;
  thursday: string;
}

/** Everything date-related a monthly report needs, computed once. */
export interface MonthPeriod {
  month: string;
  /** First and last local dates of the month. */
  from: string;
  to: string;
  /** [fromMs, toMs): the month's instants. */
  fromMs: number;
  toMs: number;
  days: string[];
  weeks: OwnedWeek[];
  /** Local dates covered by the scan: the month widened to whole owned weeks. */
  scanFrom: string;
  scanTo: string;
  scanFromMs: number;
  scanToMs: number;
  /** Epoch-day number (days since 1970-01-01 as a local date) of scanFrom and of the month's days. */
  scanFirstDay: number;
  monthFirstDay: number;
  monthLastDay: number;
  /** UTC offsets over the scan range, for local-day arithmetic in SQL. */
  offsets: OffsetSegment[];
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Epoch-day number of a local date (a zone-free day counter). */
export function epochDay(date: string): number {
  return Math.round(dateToUtcMs(date) / DAY_MS);
}

/** The local date of an epoch-day number. */
export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (Mon = 1 … Sun = 7) of an epoch-day number (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

/** Builds the period of a valid "YYYY-MM" month in a valid IANA zone. */
export function monthPeriod(month: string, tz: string): MonthPeriod {
  const from = `${month}-01`;
  const to = addDays(`${nextMonth(month)}-01`, -1);
  const days = datesInRange(from, to);
  const weeks: OwnedWeek[] = days
    .filter((d) => isoWeekday(d) === 4)
    .map((thursday) => ({ week: isoWeekLabel(thursday), from: addDays(thursday, -3), to: addDays(thursday, 3), thursday }));
  const scanFrom = weeks[0] && weeks[0].from < from ? weeks[0].from : from;
  const lastWeek = weeks[weeks.length - 1];
  const scanTo = lastWeek && lastWeek.to > to ? lastWeek.to : to;
  const scanFromMs = zonedInstant(scanFrom, 0, tz);
  const scanToMs = zonedInstant(addDays(scanTo, 1), 0, tz);
  return {
    month,
    from,
    to,
    fromMs: zonedInstant(from, 0, tz),
    toMs: zonedInstant(addDays(to, 1), 0, tz),
    days,
    weeks,
    scanFrom,
    scanTo,
    scanFromMs,
    scanToMs,
    scanFirstDay: epochDay(scanFrom),
    monthFirstDay: epochDay(from),
    monthLastDay: epochDay(to),
    offsets: offsetSegments(scanFromMs, scanToMs, tz),
  };
}

/**
 * The zone's UTC offsets over [fromMs, toMs) as segments, each valid until the next one's start. One
 * segment for Vietnam; a DST zone gets one more per transition (found to the hour, which is what the
 * cached offsetMinutes resolves anyway).
 */
export function offsetSegments(fromMs: number, toMs: number, tz: string): OffsetSegment[] {
  const samples: number[] = [];
  for (let t = fromMs; t < toMs; t += DAY_MS) samples.push(t);
  samples.push(toMs - 1);
  const segments: OffsetSegment[] = [];
  let current = offsetMinutes(tz, fromMs);
  let prev = fromMs;
  for (const t of samples) {
    const off = offsetMinutes(tz, t);
    if (off === current) {
      prev = t;
      continue;
    }
    // Binary search on whole hours for the first hour carrying the new offset.
    let lo = Math.floor(prev / HOUR_MS);
    let hi = Math.ceil(t / HOUR_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutes(tz, mid * HOUR_MS) === current) lo = mid;
      else hi = mid;
    }
    segments.push({ untilMs: hi * HOUR_MS, offsetMs: current * 60_000 });
    current = off;
    prev = t;
  }
  segments.push({ untilMs: null, offsetMs: current * 60_000 });
  return segments;
}

/** The month's days grouped by ISO week, clipped to the month (for charts and weekly airtime). */
export function monthWeekSpans(period: MonthPeriod): { week: string; from: string; to: string }[] {
  const spans: { week: string; from: string; to: string }[] = [];
  for (const d of period.days) {
    const label = isoWeekLabel(d);
    const last = spans[spans.length - 1];
    if (last && last.week === label) last.to = d;
    else spans.push({ week: label, from: d, to: d });
  }
  return spans;
}

import { offsetMinutes, parseInstant } from '../domain/time.ts';
import type { MessageCode } from '../i18n/messages.ts';
import type { EmergencyRepeat } from './emergencyTypes.ts';

/** The most airings one bulletin may have (a week of hourly repeats fits; a runaway request does not). */
export const MAX_AIRINGS = 500;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** One airing of a bulletin (epoch ms). */
export interface Airing {
  startMs: number;
  endMs: number;
}

/** A request that cannot be planned: the field to fix and the catalogue sentence saying why. */
export interface AiringProblem {
  field: string;
  code: MessageCode;
  params?: Record<string, number>;
}

/**
 * When a bulletin of `durationMs` airs, from `now` (decisions §5). The first airing is at once; the
 * repeats follow every `everyMinutes`, or, with `onTheHour`, on full hours of station time: the first
 * at the first full hour after the first airing has ended, then every `everyMinutes` (a multiple of
 * 60). They stop after `times` airings or before `until`, whichever comes first. Pure.
 */
export function planAirings(now: number, durationMs: number, repeat: EmergencyRepeat | undefined, tz: string): Airing[] | AiringProblem {
  const r = repeat ?? {};
  const until = r.until === undefined ? null : parseInstant(r.until);
  // The schema accepts only instants with an offset: `until` parses whenever it is given.
  if (until !== null && until <= now) return { field: 'repeat.until', code: 'emergency-until-past' };
  const times = r.times ?? (until !== null ? Infinity : 1);
  const repeats = times > 1;
  if (repeats && r.everyMinutes === undefined) return { field: 'repeat.everyMinutes', code: 'emergency-interval-required' };
  if (r.everyMinutes !== undefined && r.times === undefined && until === null) return { field: 'repeat', code: 'emergency-no-end' };
  const everyMs = (r.everyMinutes ?? 0) * MINUTE_MS;
  if (repeats && everyMs < durationMs) {
    return { field: 'repeat.everyMinutes', code: 'emergency-interval-short', params: { minutes: r.everyMinutes ?? 0, length: Math.ceil(durationMs / MINUTE_MS) } };
  }
  if (r.onTheHour && r.everyMinutes !== undefined && r.everyMinutes % 60 !== 0) return { field: 'repeat.everyMinutes', code: 'emergency-on-the-hour' };

  const airings: Airing[] = [{ startMs: now, endMs: now + durationMs }];
  let next = r.onTheHour ? nextFullHour(now + durationMs, tz) : now + everyMs;
  while (repeats && airings.length < times && (until === null || next < until)) {
    if (airings.length >= MAX_AIRINGS) return { field: 'repeat', code: 'emergency-too-many', params: { max: MAX_AIRINGS } };
    airings.push({ startMs: next, endMs: next + durationMs });
    next += everyMs;
  }
  return airings;
}

/** The first full hour of station time at or after `ms` (zones with half-hour offsets keep their local :00). */
function nextFullHour(ms: number, tz: string): number {
  const offset = offsetMinutes(tz, ms) * MINUTE_MS;
  return Math.ceil((ms + offset) / HOUR_MS) * HOUR_MS - offset;
}

export const isAiringProblem = (x: Airing[] | AiringProblem): x is AiringProblem => !Array.isArray(x);

import { describe, expect, it } from 'vitest';
import {
  addDays, formatInstant, isoWeekLabel, isoWeekday, localDate, parseInstant, parseTimeOfDay, weekStart, zonedInstant,
} from '../../src/domain/time.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('station time', () => {
  it('formats instants with the +07:00 offset', () => {
    expect(formatInstant(Date.parse('2026-05-17T22:30:00Z'), TZ)).toBe('2026-05-18T05:30:00+07:00');
    expect(formatInstant(Date.parse('2026-05-17T22:30:00.250Z'), TZ)).toBe('2026-05-18T05:30:00.250+07:00');
  });

  it('maps local dates and times to instants and back', () => {
    const ms = zonedInstant('2026-05-18', parseTimeOfDay('05:30')!, TZ);
    expect(new Date(ms).toISOString()).toBe('2026-05-17T22:30:00.000Z');
    expect(localDate(ms, TZ)).toBe('2026-05-18');
    expect(localDate(Date.parse('2026-05-17T16:59:59Z'), TZ)).toBe('2026-05-17');
    expect(localDate(Date.parse('2026-05-17T17:00:00Z'), TZ)).toBe('2026-05-18');
  });

  it('parses times of day and refuses bad ones', () => {
    expect(parseTimeOfDay('05:30')).toBe(19800);
    expect(parseTimeOfDay('06:15:30')).toBe(22530);
    expect(parseTimeOfDay('24:00')).toBe(86400);
    expect(parseTimeOfDay('24:01')).toBeNull();
    expect(parseTimeOfDay('5:30')).toBeNull();
    expect(parseTimeOfDay('12:60')).toBeNull();
  });

  it('knows ISO weeks (Mon–Sun) and weekdays', () => {
    expect(isoWeekday('2026-05-18')).toBe(1);
    expect(isoWeekday('2026-05-24')).toBe(7);
    expect(weekStart('2026-05-24')).toBe('2026-05-18');
    expect(isoWeekLabel('2026-05-18')).toBe('2026-W21');
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('accepts only instants with an offset', () => {
    expect(parseInstant('2026-05-18T05:30:00+07:00')).toBe(Date.parse('2026-05-17T22:30:00Z'));
    expect(parseInstant('2026-05-18T05:30:00Z')).not.toBeNull();
    expect(parseInstant('2026-05-18T05:30:00')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });
});

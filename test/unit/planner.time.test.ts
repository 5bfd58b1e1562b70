import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatInstant, isoWeekday, localDate, parseInstant } from '../../src/domain/time.ts';
import { dateOfDayIndex, dayIndex, instantFormatter, localDayIndexer, parseInstantFast, weekdayOfDayIndex } from '../../src/domain/fastTime.ts';

// The bulk helpers the planner and the validator use must agree with the plain ones exactly.
const ZONES = ['Asia/Ho_Chi_Minh', 'America/New_York', 'Asia/Kolkata'];
const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) });

describe('bulk time helpers', () => {
  it('format, parse and find local days like formatInstant, parseInstant and localDate', () => {
    const formatters = ZONES.map((tz) => ({ tz, format: instantFormatter(tz), dayOf: localDayIndexer(tz) }));
    fc.assert(
      fc.property(instants, (ms) => {
        for (const { tz, format, dayOf } of formatters) {
          const text = formatInstant(ms, tz);
          expect(format(ms)).toBe(text);
          expect(parseInstantFast(text)).toBe(ms);
          expect(dayOf(ms)).toBe(dayIndex(localDate(ms, tz)));
        }
        const utc = new Date(ms).toISOString();
        expect(parseInstantFast(utc)).toBe(parseInstant(utc));
      }),
      { numRuns: 3000 },
    );
  });

  it('parses exactly what parseInstant parses, odd shapes included', () => {
    const odd = fc.string({ minLength: 18, maxLength: 30, unit: fc.constantFrom(...'0123456789-T:+Z.'.split('')) });
    fc.assert(
      fc.property(odd, (text) => {
        expect(parseInstantFast(text)).toBe(parseInstant(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['2026-02-29T00:00:00+07:00', '2026-05-18T24:00:00+07:00', '2026-05-18T05:30:00.5+07:00', '2026-13-01T00:00:00Z']) {
      expect(parseInstantFast(text)).toBe(parseInstant(text));
    }
  });

  it('counts days and weekdays', () => {
    expect(dayIndex('1970-01-01')).toBe(0);
    expect(dateOfDayIndex(dayIndex('2026-05-18'))).toBe('2026-05-18');
    for (const date of ['2026-05-18', '2026-05-24', '1969-12-31', '2027-01-01']) {
      expect(weekdayOfDayIndex(dayIndex(date))).toBe(isoWeekday(date));
    }
  });
});

// The e2e tests' guard against windows that would run past local midnight (test/support/midnight.ts).
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/time.ts';
import { clearOfMidnight } from '../support/midnight.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('clearOfMidnight', () => {
  it('returns at once when the span fits in today, and otherwise waits until the local date has changed', async () => {
    let now = Date.parse('2026-05-18T23:59:40+07:00');
    const deps = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    expect(await clearOfMidnight(TZ, 19_999, deps)).toBe(0);
    expect(now).toBe(Date.parse('2026-05-18T23:59:40+07:00'));
    expect(await clearOfMidnight(TZ, 30_000, deps)).toBe(20_000);
    expect(localDate(now, TZ)).toBe('2026-05-19');
    expect(localDate(now + 30_000, TZ)).toBe('2026-05-19');
  });
});

import { describe, expect, it } from 'vitest';
import { isAiringProblem, MAX_AIRINGS, planAirings } from '../../src/emergency/airings.ts';
import { formatInstant } from '../../src/domain/time.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = Date.parse('2026-10-05T10:20:00+07:00');
const MIN = 60_000;
const local = (ms: number) => formatInstant(ms, TZ).slice(11, 16);

describe('emergency airings (decisions §5)', () => {
  it('airs once at once by default', () => {
    expect(planAirings(NOW, 90_000, undefined, TZ)).toEqual([{ startMs: NOW, endMs: NOW + 90_000 }]);
  });

  it('repeats every N minutes, `times` airings in all', () => {
    const a = planAirings(NOW, 2 * MIN, { times: 3, everyMinutes: 15 }, TZ);
    expect(isAiringProblem(a) ? a : a.map((x) => local(x.startMs))).toEqual(['10:20', '10:35', '10:50']);
  });

  it('every 2 hours on the hour: at once, then the first full hour after it ends, then every 2 hours, until before `until`', () => {
    const a = planAirings(NOW, 3 * MIN, { everyMinutes: 120, onTheHour: true, until: '2026-10-05T17:00:00+07:00' }, TZ);
    expect(isAiringProblem(a) ? a : a.map((x) => local(x.startMs))).toEqual(['10:20', '11:00', '13:00', '15:00']);
  });

  it('the first repeat on the hour waits for the first airing to end', () => {
    const late = Date.parse('2026-10-05T10:58:30+07:00');
    const a = planAirings(late, 3 * MIN, { times: 2, everyMinutes: 60, onTheHour: true }, TZ);
    expect(isAiringProblem(a) ? a : a.map((x) => local(x.startMs))).toEqual(['10:58', '12:00']);
  });

  it('refuses what cannot be planned, naming the field', () => {
    const cases: [Parameters<typeof planAirings>[2], string, string][] = [
      [{ until: '2026-10-05T10:00:00+07:00', everyMinutes: 30 }, 'repeat.until', 'emergency-until-past'],
      [{ times: 3 }, 'repeat.everyMinutes', 'emergency-interval-required'],
      [{ everyMinutes: 30 }, 'repeat', 'emergency-no-end'],
      [{ times: 2, everyMinutes: 1 }, 'repeat.everyMinutes', 'emergency-interval-short'],
      [{ times: 2, everyMinutes: 90, onTheHour: true }, 'repeat.everyMinutes', 'emergency-on-the-hour'],
      [{ everyMinutes: 5, until: '2026-10-20T10:00:00+07:00' }, 'repeat', 'emergency-too-many'],
    ];
    for (const [repeat, field, code] of cases) expect(planAirings(NOW, 2 * MIN, repeat, TZ)).toMatchObject({ field, code });
  });

  it('never plans more than the limit, and every airing lies before `until`', () => {
    const until = NOW + 24 * 60 * MIN;
    const a = planAirings(NOW, MIN, { everyMinutes: 3, until: formatInstant(until, TZ) }, TZ);
    expect(isAiringProblem(a)).toBe(false);
    if (isAiringProblem(a)) return;
    expect(a.length).toBeLessThanOrEqual(MAX_AIRINGS);
    expect(a.every((x) => x.startMs < until)).toBe(true);
  });
});

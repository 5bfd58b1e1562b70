import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AiredPlay, PlanInput, PlanResult, Slot, Violation } from '../../src/domain/plan.ts';
import type { Policy } from '../../src/domain/station.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { zonedInstant } from '../../src/domain/time.ts';
import {
  StationClock,
  dateOfDayNumber,
  dayNumberOf,
  isoWeekdayOfDayNumber,
  localDayCounter,
  parseInstantText,
} from '../../src/planner/validateTime.ts';
import { aired, item, planInput, rule, slot, station, topic, win, zone } from '../support/stationBuilder.ts';

const DAY = '2026-05-18';
const items = [
  ...Array.from({ length: 8 }, (_, i) => item(`n${i}`)),
  item('t1', { topics: ['t'] }),
  item('t2', { topics: ['t'] }),
  item('p', { priority: 'priority' }),
  item('cer', { ceremonial: true }),
  item('draft', { status: 'pending' }),
  item('brief', { validUntil: '2026-05-18T05:30:30+07:00' }),
  item('open', { durationMs: 10_000 }),
];
const MORNING = '05:30-05:40';
const NOON = '11:00-11:10';

function check(
  slots: Slot[],
  policy: Partial<Policy> = {},
  history: AiredPlay[] = [],
  orders: Pick<PlanInput, 'pins' | 'exclusions'> = {},
  rejectedPins: PlanResult['rejectedPins'] = [],
): Violation[] {
  const st = station(
    [zone('z', [win('05:30', '05:40', { peak: true }), win('11:00', '11:10')])],
    [topic('t', 'Chủ đề T', [rule({ per: 'day', max: 1, peakOnly: true })])],
    { openingJingle: 'open', ...policy },
  );
  return validatePlan(planInput(st, items, { aired: history, ...orders }), slots, rejectedPins);
}

const rulesOf = (violations: Violation[]) => [...new Set(violations.map((v) => v.rule))];

describe('validatePlan', () => {
  it('passes a correct hand-made plan', () => {
    const slots = [
      slot('z', 'open', DAY, '05:30:00', '05:30:10', MORNING, ['jingle-open']),
      slot('z', 'p', DAY, '05:30:10', '05:31:10', MORNING),
      ...Array.from({ length: 7 }, (_, i) => slot('z', `n${i}`, DAY, `05:3${i + 1}:10`, `05:3${i + 2}:10`, MORNING)),
      slot('z', 'cer', DAY, '05:38:10', '05:39:10', MORNING),
      slot('z', 't1', DAY, '11:00', '11:01', NOON),
      slot('z', 'n7', DAY, '11:01', '11:02', NOON),
    ];
    expect(check(slots)).toEqual([]);
  });

  it('catches rule 1: outside a window, overlap, wrong length, short gap, wrong label', () => {
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:39:30', '05:40:30', MORNING)]))).toEqual([1]);
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'n1', DAY, '05:30:30', '05:31:30', MORNING)]))).toEqual([1]);
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:32', MORNING)]))).toEqual([1]);
    const adjacent = [slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'n1', DAY, '05:31', '05:32', MORNING)];
    expect(check(adjacent)).toEqual([]);
    expect(rulesOf(check(adjacent, { gapBetweenItemsMs: 5000 }))).toEqual([1]);
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:31', NOON)]))).toEqual([1]);
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING)], {}, [aired('z', 'x', DAY, '05:29:30')]))).toEqual([1]);
  });

  it('catches rule 2: unapproved or not valid over the whole slot', () => {
    expect(rulesOf(check([slot('z', 'draft', DAY, '05:30', '05:31', MORNING)]))).toEqual([2]);
    expect(rulesOf(check([slot('z', 'brief', DAY, '05:30', '05:31', MORNING)]))).toEqual([2]);
  });

  it('catches rule 3: twice in a window, repeat gap, plays per day', () => {
    const twice = [slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'n0', DAY, '05:31', '05:32', MORNING)];
    expect(rulesOf(check(twice, { minRepeatGapMinutes: 0 }))).toEqual([3]);
    const airedInWindow = [aired('z', 'n0', DAY, '05:30')];
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:31', '05:32', MORNING)], { minRepeatGapMinutes: 0 }, airedInWindow))).toEqual([3]);
    const history = [aired('z', 'n0', DAY, '04:30')];
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING)], {}, history))).toEqual([3]);
    const spread = [slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'n0', DAY, '11:00', '11:01', NOON)];
    expect(check(spread, { maxPlaysPerItemPerDay: 2 }, [])).toEqual([]);
    expect(rulesOf(check(spread, { maxPlaysPerItemPerDay: 2, minRepeatGapMinutes: 60 }, [aired('z', 'n0', DAY, '03:00')]))).toEqual([3]);
  });

  it('does not blame the plan for history alone', () => {
    const history = [aired('z', 'n0', DAY, '03:00'), aired('z', 'n0', DAY, '03:10')];
    expect(check([slot('z', 'n1', DAY, '05:30', '05:31', MORNING)], {}, history)).toEqual([]);
  });

  it('catches rule 4: a topic max exceeded, counting aired plays', () => {
    const two = [slot('z', 't1', DAY, '05:30', '05:31', MORNING), slot('z', 't2', DAY, '05:31', '05:32', MORNING)];
    expect(rulesOf(check(two))).toEqual([4]);
    const history = [aired('z', 'n7', DAY, '05:30', 60_000, { topics: ['t'] })];
    expect(rulesOf(check([slot('z', 't1', DAY, '05:31', '05:32', MORNING)], {}, history))).toEqual([4]);
    expect(check([slot('z', 't1', DAY, '11:00', '11:01', NOON)])).toEqual([]);
  });

  it('catches rule 4: a peakOnly max counts every play of its period, peak or not, in a window or not', () => {
    const offPeak = [slot('z', 't1', DAY, '11:00', '11:01', NOON), slot('z', 't2', DAY, '11:01', '11:02', NOON)];
    expect(rulesOf(check(offPeak))).toEqual([4]);
    const mixed = [slot('z', 't1', DAY, '05:30', '05:31', MORNING), slot('z', 't2', DAY, '11:00', '11:01', NOON)];
    expect(rulesOf(check(mixed))).toEqual([4]);
    const outsideWindows = [aired('z', 'n7', DAY, '03:00', 60_000, { topics: ['t'] })];
    expect(rulesOf(check([slot('z', 't1', DAY, '05:30', '05:31', MORNING)], {}, outsideWindows))).toEqual([4]);
    // The next day is another period.
    expect(check([slot('z', 't1', '2026-05-19', '11:00', '11:01', NOON)], {}, outsideWindows)).toEqual([]);
  });

  it('catches rule 5: ceremonial share at or above the cap', () => {
    const slots = [
      slot('z', 'n0', DAY, '05:30', '05:31', MORNING),
      slot('z', 'cer', DAY, '05:31', '05:32', MORNING),
    ];
    expect(rulesOf(check(slots))).toEqual([5]);
    const history = Array.from({ length: 10 }, (_, i) => aired('z', `h${i}`, '2026-05-17', `04:0${i}`));
    expect(check(slots, {}, history)).toEqual([]);
  });

  it('catches rule 5: ceremonial share of distinct items, even with plays and airtime below the cap', () => {
    // 20 plays of 5 items aired earlier in the month, then one ceremonial play: 1/21 of plays and
    // of airtime, but 1/6 of distinct items (above 15%).
    const fewItems = Array.from({ length: 20 }, (_, i) => aired('z', `a${i % 5}`, '2026-05-17', `04:${String(i * 2).padStart(2, '0')}`));
    const ceremonial = [slot('z', 'cer', DAY, '05:30', '05:31', MORNING)];
    const violations = check(ceremonial, {}, fewItems);
    expect(rulesOf(violations)).toEqual([5]);
    expect(violations[0]!.message).toContain('1/6 distinct items');
    // 7 distinct items besides: 1/8 is below the cap.
    const moreItems = Array.from({ length: 20 }, (_, i) => aired('z', `a${i % 7}`, '2026-05-17', `04:${String(i * 2).padStart(2, '0')}`));
    expect(check(ceremonial, {}, moreItems)).toEqual([]);
    // Items of another month do not count.
    const lastMonth = Array.from({ length: 20 }, (_, i) => aired('z', `b${i}`, '2026-04-30', `04:${String(i * 2).padStart(2, '0')}`));
    expect(rulesOf(check(ceremonial, {}, [...lastMonth, ...fewItems]))).toEqual([5]);
  });

  it('catches rule 2: an excluded item planned in its zone that day', () => {
    const exclusions = [{ zone: 'z', date: DAY, itemId: 'n0' }];
    const violations = check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING)], {}, [], { exclusions });
    expect(rulesOf(violations)).toEqual([2]);
    expect(violations[0]!.message).toMatch(/excluded/);
    expect(check([slot('z', 'n1', DAY, '05:30', '05:31', MORNING)], {}, [], { exclusions })).toEqual([]);
    const otherDay = [{ zone: 'z', date: '2026-05-19', itemId: 'n0' }];
    expect(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING)], {}, [], { exclusions: otherDay })).toEqual([]);
  });

  it('catches rule 1: a pin of the run neither planned nor refused', () => {
    const pin = { zone: 'z', date: DAY, window: '05:30', itemId: 'n0' };
    const violations = check([], {}, [], { pins: [pin] });
    expect(rulesOf(violations)).toEqual([1]);
    expect(violations[0]!.message).toMatch(/neither planned nor refused/);
    // The item planned in another window of the day does not honour the pin.
    expect(rulesOf(check([slot('z', 'n0', DAY, '11:00', '11:01', NOON)], {}, [], { pins: [pin] }))).toEqual([1]);
    expect(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING)], {}, [], { pins: [pin] })).toEqual([]);
    // The window is compared as a time of day.
    expect(check([slot('z', 'n0', DAY, '05:31', '05:32', MORNING)], {}, [], { pins: [{ ...pin, window: '05:30:00' }] })).toEqual([]);
    // Pins dated outside the run, or in zones it does not plan, are not its business.
    expect(check([], {}, [], { pins: [{ ...pin, date: '2026-05-19' }, { ...pin, zone: 'elsewhere' }] })).toEqual([]);
  });

  it('accepts a pin the planner refused', () => {
    const pin = { zone: 'z', date: DAY, window: '05:30', itemId: 'draft' };
    expect(check([], {}, [], { pins: [pin] }, [{ pin, reason: 'item draft is not approved (rule 2)' }])).toEqual([]);
    const another = { ...pin, itemId: 'n0' };
    expect(rulesOf(check([], {}, [], { pins: [pin, another] }, [{ pin, reason: 'not approved' }]))).toEqual([1]);
  });

  it('keeps its own time helpers: no validate*.ts imports the planner\'s fastTime', () => {
    const dir = new URL('../../src/planner/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /^validate.*\.ts$/.test(f));
    expect(files).toContain('validateTime.ts');
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      // Any module specifier naming it: import … from, a bare import, import() or require().
      expect(text, f).not.toMatch(/['"][^'"\n]*\bfastTime(\.[jt]s)?['"]/);
    }
  });

  it('blames each finding on its own slot, after an unreadable one too', () => {
    const unreadable = { ...slot('z', 'n0', DAY, '05:30', '05:31', MORNING), start: '2026-05-18T05:30:00' };
    const draft = slot('z', 'draft', DAY, '05:32', '05:33', MORNING);
    const violations = check([unreadable, slot('z', 'n1', DAY, '05:31', '05:32', MORNING), draft]);
    expect(violations.map((v) => [v.rule, v.slot])).toEqual([
      [1, unreadable],
      [2, draft],
    ]);
  });

  it('reads every zone of a group for itself, and slots of a zone wherever they come', () => {
    const windows = [win('05:30', '05:40', { peak: true })];
    const st = station([zone('a', windows), zone('b', windows), zone('c', [win('05:30', '05:45')])]);
    const input = planInput(st, items);
    const plan = (z: string) => [
      slot(z, 'n0', DAY, '05:30', '05:31', MORNING),
      slot(z, 'draft', DAY, '05:31', '05:32', MORNING),
      slot(z, 'n1', DAY, '05:39:30', '05:40:30', MORNING),
    ];
    const slots = [...plan('a'), ...plan('b'), ...plan('c')];
    const findings = (vs: Violation[]) => vs.map((v) => [v.rule, v.zone, slots.indexOf(v.slot!)]);
    const expected = [
      [2, 'a', 1],
      [1, 'a', 2],
      [2, 'b', 4],
      [1, 'b', 5],
      // Zone c's window is 05:30-05:45: its last slot fits, but every slot names another window.
      [1, 'c', 6],
      [1, 'c', 7],
      [2, 'c', 7],
      [1, 'c', 8],
    ];
    expect(findings(validatePlan(input, slots))).toEqual(expected);
    // The same slots interleaved zone by zone: each zone's findings, in the order zones first come.
    const interleaved = [0, 3, 6, 1, 4, 7, 2, 5, 8].map((k) => slots[k]!);
    expect(findings(validatePlan(input, interleaved))).toEqual(expected);
  });

  it('catches rule 6: priority after normal, jingle not first', () => {
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'p', DAY, '05:31', '05:32', MORNING)]))).toEqual([6]);
    const lateJingle = [slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'open', DAY, '05:31', '05:31:10', MORNING)];
    expect(rulesOf(check(lateJingle))).toEqual([6]);
  });
});

describe('the validator\'s time helpers', () => {
  it('read instants only with an offset and on days their month has', () => {
    expect(parseInstantText('2026-05-18T05:30:00+07:00')).toBe(Date.UTC(2026, 4, 17, 22, 30));
    expect(parseInstantText('2026-05-18T05:30+07:00')).toBe(Date.UTC(2026, 4, 17, 22, 30));
    expect(parseInstantText('2026-05-18T05:30:00.250Z')).toBe(Date.UTC(2026, 4, 18, 5, 30, 0, 250));
    expect(parseInstantText('2026-05-18T05:30:00')).toBeNull();
    expect(parseInstantText('2026-02-30T05:30:00+07:00')).toBeNull();
    expect(parseInstantText('2024-02-29T05:30:00+07:00')).not.toBeNull();
  });

  it('read an instant char by char exactly as the form and Date.parse do', () => {
    // The reference: the form, then the calendar (Date.parse rolls 02-30 over), then Date.parse.
    const FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
    const reference = (text: string): number | null => {
      if (!FORM.test(text)) return null;
      const [year, month, day] = [text.slice(0, 4), text.slice(5, 7), text.slice(8, 10)].map(Number) as [number, number, number];
      const last = new Date(0);
      last.setUTCFullYear(year, month, 0);
      if (month < 1 || month > 12 || day < 1 || day > last.getUTCDate()) return null;
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? null : ms;
    };
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const instant = fc
      .record({
        year: fc.oneof(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 9999 })),
        month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 19 })),
        day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 39 })),
        hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 29 })),
        minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 69 })),
        second: fc.option(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 69 }))),
        fraction: fc.option(fc.stringMatching(/^\d{0,7}$/)),
        zone: fc.oneof(
          fc.constant('Z'),
          fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 29 }), m: fc.integer({ min: 0, max: 69 }) }).map(
            ({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`,
          ),
        ),
      })
      .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
        const time = `${pad(hour)}:${pad(minute)}${second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`}`;
        return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}${zone}`;
      });
    // Some texts with one char changed or cut short, and some of no form at all.
    const text = fc.oneof(
      instant,
      fc
        .tuple(instant, fc.nat(), fc.constantFrom('0', '9', ':', '-', '+', 'T', 'Z', 't', 'z', ' ', '.', '/', 'x', ''))
        .map(([t, at, c]) => t.slice(0, at % (t.length + 1)) + c + t.slice((at % (t.length + 1)) + 1)),
      fc.tuple(instant, fc.nat()).map(([t, at]) => t.slice(0, at % t.length)),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseInstantText(t)).toBe(reference(t));
      }),
      { numRuns: 20_000 },
    );
    const odd = ['2026-05-18T24:00:00+07:00', '2026-02-30T05:30:00+07:00', '2026-05-18T05:30:00.1239-00:00', '0099-03-01T00:00Z'];
    for (const t of [...odd, '2024-02-29T05:30:00+23:59']) {
      expect(parseInstantText(t), t).toBe(reference(t));
    }
  });

  it('keep a station clock right in any zone, changes of offset at :30 included', () => {
    // The last two change their offset at :30 UTC.
    const zones = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu'];
    zones.push('America/St_Johns', 'Australia/Lord_Howe');
    const clocks = new Map(zones.map((tz) => [tz, new StationClock(tz)] as const));
    const wall = (tz: string, ms: number): string =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ms));
    // Instants to the minute over two years, with the changes of offset among them.
    const minute = fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2027, 0, 1) / 60_000 }).map((m) => m * 60_000);
    fc.assert(
      fc.property(fc.constantFrom(...zones), minute, (tz, ms) => {
        const clock = clocks.get(tz)!;
        const shown = wall(tz, ms);
        expect(new Date(ms + clock.offsetAt(ms)).toISOString().slice(0, 19).replace('T', ' ')).toBe(shown);
        expect(dateOfDayNumber(clock.dayOf(ms))).toBe(shown.slice(0, 10));
      }),
      { numRuns: 5_000 },
    );
    // Lord Howe moves its clocks half an hour at 02:00 standard time, 15:30 UTC.
    const lordHowe = clocks.get('Australia/Lord_Howe')!;
    expect(lordHowe.offsetAt(Date.parse('2026-10-03T15:29:00Z'))).toBe(630 * 60_000);
    expect(lordHowe.offsetAt(Date.parse('2026-10-03T15:30:00Z'))).toBe(660 * 60_000);
    // A local day and time read back as zonedInstant reads it, in zones changing on the hour.
    const day = fc.integer({ min: dayNumberOf('2025-01-01'), max: dayNumberOf('2026-12-31') });
    const seconds = fc.integer({ min: 0, max: 86_400 });
    fc.assert(
      fc.property(fc.constantFrom(...zones.slice(0, 5)), day, seconds, (tz, d, s) => {
        expect(clocks.get(tz)!.instantOf(d, s)).toBe(zonedInstant(dateOfDayNumber(d), s, tz));
      }),
      { numRuns: 5_000 },
    );
  });

  it('count local days and weekdays', () => {
    const day = dayNumberOf('2026-05-18');
    expect(dateOfDayNumber(day)).toBe('2026-05-18');
    expect(isoWeekdayOfDayNumber(day)).toBe(1);
    expect(isoWeekdayOfDayNumber(day + 6)).toBe(7);
    expect(dayNumberOf('2026-02-30')).toBeNaN();
    const dayOf = localDayCounter('Asia/Ho_Chi_Minh');
    expect(dayOf(Date.parse('2026-05-17T16:59:59Z'))).toBe(day - 1);
    expect(dayOf(Date.parse('2026-05-17T17:00:00Z'))).toBe(day);
    // A zone with daylight saving: 23:30 on the day of the change back is still that day.
    const berlin = localDayCounter('Europe/Berlin');
    expect(dateOfDayNumber(berlin(Date.parse('2026-10-25T22:30:00Z')))).toBe('2026-10-25');
    expect(dateOfDayNumber(berlin(Date.parse('2026-03-29T21:59:00Z')))).toBe('2026-03-29');
    expect(dateOfDayNumber(berlin(Date.parse('2026-03-29T22:00:00Z')))).toBe('2026-03-30');
  });
});

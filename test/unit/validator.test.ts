import { describe, expect, it } from 'vitest';
import type { AiredPlay, Slot, Violation } from '../../src/domain/plan.ts';
import type { Policy } from '../../src/domain/station.ts';
import { validatePlan } from '../../src/planner/validate.ts';
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

function check(slots: Slot[], policy: Partial<Policy> = {}, history: AiredPlay[] = []): Violation[] {
  const st = station(
    [zone('z', [win('05:30', '05:40', { peak: true }), win('11:00', '11:10')])],
    [topic('t', 'Chủ đề T', [rule({ per: 'day', max: 1, peakOnly: true })])],
    { openingJingle: 'open', ...policy },
  );
  return validatePlan(planInput(st, items, { aired: history }), slots);
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
      slot('z', 't2', DAY, '11:01', '11:02', NOON),
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

  it('catches rule 4: a topic max exceeded, counting aired plays, peak only', () => {
    const two = [slot('z', 't1', DAY, '05:30', '05:31', MORNING), slot('z', 't2', DAY, '05:31', '05:32', MORNING)];
    expect(rulesOf(check(two))).toEqual([4]);
    const history = [aired('z', 'n7', DAY, '05:30', 60_000, { topics: ['t'] })];
    expect(rulesOf(check([slot('z', 't1', DAY, '05:31', '05:32', MORNING)], {}, history))).toEqual([4]);
    expect(check([slot('z', 't1', DAY, '11:00', '11:01', NOON), slot('z', 't2', DAY, '11:01', '11:02', NOON)])).toEqual([]);
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

  it('catches rule 6: priority after normal, jingle not first', () => {
    expect(rulesOf(check([slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'p', DAY, '05:31', '05:32', MORNING)]))).toEqual([6]);
    const lateJingle = [slot('z', 'n0', DAY, '05:30', '05:31', MORNING), slot('z', 'open', DAY, '05:31', '05:31:10', MORNING)];
    expect(rulesOf(check(lateJingle))).toEqual([6]);
  });
});

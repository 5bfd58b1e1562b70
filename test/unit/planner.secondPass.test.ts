/**
 * The planner's second pass (issue 8): each finding of the issue as a case that failed on the first
 * planner and holds now. Every plan is checked by the independent validator.
 */
import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../../src/domain/plan.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { at, item, minutes, planInput, rule, station, timeOf, topic, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';
const TUE = '2026-05-19';
const WED = '2026-05-20';
const SUN = '2026-05-24';

function plan(input: PlanInput): PlanResult {
  const result = planRange(input);
  expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
  return result;
}

const topicOf = (input: PlanInput, itemId: string) => input.items.find((i) => i.id === itemId)?.topics ?? [];
const fresh = (id: string, over = {}) => item(id, { approvedAt: '2026-05-10T00:00:00+07:00', ...over });

describe('peak windows first', () => {
  it('fills a peak window at 06:30 before a non-peak window at 05:30 the same morning', () => {
    const st = station([zone('z', [win('05:30', '05:33'), win('06:30', '06:33', { peak: true })])], [], { maxPlaysPerItemPerDay: 1 });
    const result = plan(planInput(st, [item('a'), item('b'), item('c')]));
    expect(result.slots.filter((s) => s.window === '06:30-06:33')).toHaveLength(3);
    expect(result.slots.filter((s) => s.window === '05:30-05:33')).toHaveLength(0);
  });

  it('serves a topic target in the peak window, morning and evening taking turns', () => {
    const windows = [win('05:30', '05:35', { peak: true }), win('11:00', '11:05'), win('17:00', '17:05', { peak: true })];
    const st = station([zone('z', windows)], [topic('t', 'Chủ đề T', [rule({ per: 'day', min: 1, max: 1 })])]);
    const items = [...['t1', 't2', 't3'].map((id) => item(id, { topics: ['t'] })), ...['o1', 'o2', 'o3'].map((id) => fresh(id))];
    const result = plan(planInput(st, items, { to: SUN }));
    const served = result.slots.filter((s) => s.reason[0] === 'topic:t');
    expect(served).toHaveLength(7);
    expect(served.every((s) => s.window !== '11:00-11:05')).toBe(true);
    const windowsUsed = new Set(served.map((s) => s.window));
    expect(windowsUsed).toEqual(new Set(['05:30-05:35', '17:00-17:05']));
  });

  it('spreads 3 a week over the week instead of its first or last days', () => {
    // Fresher items win the rotation, so the topic's plays come from its target alone.
    const st = station([zone('z', [win('05:30', '05:31', { peak: true })])], [topic('t', 'Chủ đề T', [rule({ per: 'week', min: 3, max: 3 })])]);
    const items = [item('t1', { topics: ['t'] }), ...Array.from({ length: 20 }, (_, i) => fresh(`o${i}`))];
    const input = planInput(st, items, { to: SUN });
    const days = plan(input).slots.filter((s) => s.itemId === 't1').map((s) => s.start.slice(0, 10));
    expect(days).toEqual([TUE, '2026-05-21', '2026-05-23']);
  });

  it('owes part of a week min even when the range stops mid-week, so the week is not crammed at its end', () => {
    const st = station([zone('z', [win('05:30', '05:31', { peak: true })])], [topic('t', 'Chủ đề T', [rule({ per: 'week', min: 3, max: 3 })])]);
    const items = [item('t1', { topics: ['t'] }), ...Array.from({ length: 20 }, (_, i) => fresh(`o${i}`))];
    const result = plan(planInput(st, items, { to: WED }));
    expect(result.slots.filter((s) => s.itemId === 't1').length).toBeGreaterThanOrEqual(1);
    expect(result.shortfalls).toEqual([]);
  });
});

describe('a campaign day max caps the whole day', () => {
  it('airs Đại hội XIV at most twice a day, noon window included, with its min met in peak windows', () => {
    const windows = [win('05:30', '05:40', { peak: true }), win('11:15', '11:30'), win('17:00', '17:10', { peak: true })];
    const rules = [rule({ per: 'day', min: 1, max: 2, peakOnly: true })];
    const st = station([zone('z', windows)], [topic('dai-hoi', 'Đại hội XIV', rules)], { minRepeatGapMinutes: 0 });
    const items = Array.from({ length: 8 }, (_, i) => item(`d${i}`, { topics: ['dai-hoi'] }));
    const input = planInput(st, [...items, ...Array.from({ length: 8 }, (_, i) => item(`o${i}`))], { to: SUN });
    const result = plan(input);
    for (let d = 18; d <= 24; d++) {
      const day = result.slots.filter((s) => s.start.startsWith(`2026-05-${d}`) && topicOf(input, s.itemId).includes('dai-hoi'));
      expect(day.length).toBeLessThanOrEqual(2);
      expect(day.some((s) => s.window !== '11:15-11:30')).toBe(true);
    }
    expect(result.shortfalls).toEqual([]);
  });
});

describe('every shortfall is true', () => {
  const peak = [win('05:30', '05:40', { peak: true }), win('17:00', '17:10', { peak: true })];
  const others = Array.from({ length: 10 }, (_, i) => item(`o${i}`));

  it('blames the day a week max runs out on the max, not on repeat limits', () => {
    const rules = [rule({ per: 'day', min: 2 }), rule({ per: 'week', max: 5 })];
    const st = station([zone('z', peak)], [topic('t', 'Chủ đề T', rules)]);
    const input = planInput(st, [item('t1', { topics: ['t'] }), ...others], { to: SUN });
    const shortfalls = plan(input).shortfalls.filter((s) => s.ruleIndex === 0);
    expect(shortfalls.length).toBeGreaterThan(0);
    expect(shortfalls.map((s) => s.reason)).not.toContain('repeat-limits');
    expect(shortfalls.some((s) => s.reason === 'max-would-break')).toBe(true);
  });

  it('says "excluded" when the operator excluded the only items', () => {
    const st = station([zone('z', peak)], [topic('t', 'Chủ đề T', [rule({ per: 'day', min: 1 })])]);
    const exclusions = [{ zone: 'z', date: MON, itemId: 't1' }];
    const result = plan(planInput(st, [item('t1', { topics: ['t'] }), ...others], { exclusions }));
    expect(result.shortfalls).toMatchObject([{ kind: 'topic-below-target', topic: 't', reason: 'excluded' }]);
    expect(result.shortfalls[0]!.message.vi).toContain('đã bị cán bộ loại khỏi vùng loa');
  });

  it('says "pinned-elsewhere" when the item is held for its pin later that day', () => {
    const windows = [win('05:30', '05:40', { peak: true }), win('17:00', '17:10')];
    const st = station([zone('z', windows)], [topic('t', 'Chủ đề T', [rule({ per: 'day', min: 1, peakOnly: true })])]);
    const pins = [{ zone: 'z', date: MON, window: '17:00', itemId: 't1' }];
    const result = plan(planInput(st, [item('t1', { topics: ['t'] }), ...others], { pins }));
    expect(result.slots.find((s) => s.itemId === 't1')).toMatchObject({ window: '17:00-17:10', reason: ['pin'] });
    expect(result.shortfalls).toMatchObject([{ topic: 't', reason: 'pinned-elsewhere' }]);
  });

  it('explains an empty peak window with approved items on hand', () => {
    const windows = [win('05:30', '05:32', { peak: true }), win('17:00', '17:02', { peak: true })];
    const st = station([zone('z', windows)], [], { maxPlaysPerItemPerDay: 1 });
    // Two items, each once a day: the second peak window planned that day has nothing left.
    const result = plan(planInput(st, [item('a', { durationMs: minutes(2) }), item('b', { durationMs: minutes(2) })]));
    expect(result.slots).toHaveLength(2);
    expect(result.shortfalls).toEqual([]);
    const three = plan(planInput(station([zone('z', [...windows, win('20:00', '20:02', { peak: true })])], [], { maxPlaysPerItemPerDay: 1 }), [
      item('a', { durationMs: minutes(2) }),
      item('b', { durationMs: minutes(2) }),
    ]));
    expect(three.shortfalls).toMatchObject([{ kind: 'empty-window', topic: null, reason: 'repeat-limits', period: MON }]);
    expect(three.shortfalls[0]!.message.vi).toMatch(/khung giờ cao điểm \d\d:\d\d-\d\d:\d\d ngày 18\/05\/2026 trống/);
  });

  it('explains an empty day with approved items on hand', () => {
    const st = station([zone('z', [win('05:30', '05:32', { peak: true })])]);
    const exclusions = [{ zone: 'z', date: MON, itemId: 'a' }];
    const result = plan(planInput(st, [item('a')], { exclusions }));
    expect(result.slots).toEqual([]);
    expect(result.shortfalls).toMatchObject([{ kind: 'empty-day', topic: null, reason: 'excluded' }]);
    expect(result.shortfalls[0]!.message.vi).toContain('ngày 18/05/2026 không có tin bài nào');
  });
});

describe('smaller findings', () => {
  it('prefers an item of two topics when both topics want a play', () => {
    const rules = [rule({ per: 'day', min: 1 })];
    const st = station([zone('z', [win('05:30', '05:31', { peak: true })])], [topic('a', 'A', rules), topic('b', 'B', rules)]);
    const items = [fresh('a1', { topics: ['a'] }), fresh('b1', { topics: ['b'] }), item('ab', { topics: ['a', 'b'] })];
    const result = plan(planInput(st, items));
    expect(result.slots.map((s) => s.itemId)).toEqual(['ab']);
    expect(result.shortfalls).toEqual([]);
  });

  it("keeps a priority item to half a topic's max, so its sister items air too", () => {
    const st = station([zone('z', [win('05:30', '05:40', { peak: true })])], [topic('t', 'Chủ đề T', [rule({ per: 'week', max: 4 })])]);
    const items = [item('p', { topics: ['t'], priority: 'priority' }), item('s1', { topics: ['t'] }), item('s2', { topics: ['t'] })];
    const result = plan(planInput(st, items, { to: SUN }));
    const count = (id: string) => result.slots.filter((s) => s.itemId === id).length;
    expect(count('p')).toBe(2);
    expect(count('s1') + count('s2')).toBe(2);
  });

  it('lets the first of two pins competing for one max win', () => {
    const st = station([zone('z', [win('05:30', '05:40', { peak: true }), win('17:00', '17:10', { peak: true })])], [
      topic('t', 'Chủ đề T', [rule({ per: 'day', max: 1 })]),
    ]);
    const pins = [
      { zone: 'z', date: MON, window: '05:30', itemId: 't1' },
      { zone: 'z', date: MON, window: '17:00', itemId: 't2' },
    ];
    const result = plan(planInput(st, [item('t1', { topics: ['t'] }), item('t2', { topics: ['t'] })], { pins }));
    expect(result.slots.filter((s) => s.reason[0] === 'pin').map((s) => s.itemId)).toEqual(['t1']);
    expect(result.rejectedPins.map((r) => r.pin.itemId)).toEqual(['t2']);
  });

  it('refuses an impossible date', () => {
    const st = station([zone('z', [win('05:30', '05:40')])]);
    expect(() => planRange(planInput(st, [item('a')], { from: '2026-02-30', to: '2026-02-30', now: at('2026-02-28', '00:00') }))).toThrow(/2026-02-30/);
  });

  it('airs a newly approved item in the next peak window', () => {
    const windows = [win('05:30', '05:32'), win('17:00', '17:02', { peak: true })];
    const st = station([zone('z', windows)]);
    const items = [...Array.from({ length: 6 }, (_, i) => item(`o${i}`)), item('new', { approvedAt: at(MON, '04:00') })];
    const result = plan(planInput(st, items, { now: at(MON, '04:30') }));
    const first = result.slots.find((s) => s.itemId === 'new');
    expect(first && timeOf(first.start)).toBe('17:00:00');
  });
});

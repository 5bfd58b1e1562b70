import { describe, expect, it } from 'vitest';
import type { PlanInput, Shortfall } from '../../src/domain/plan.ts';
import type { TopicRule, Window } from '../../src/domain/station.ts';
import type { PlannableItem } from '../../src/domain/plan.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { aired, at, item, minutes, planInput, rule, station, topic, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';
const TOPIC = 'Đại hội XIV';
const fillers = Array.from({ length: 8 }, (_, i) => item(`f${i}`));

/** Plans one Monday for zone "3" with one topic rule, checks validity, returns the shortfalls. */
function shortfallsOf(windows: Window[], topicRule: TopicRule, items: PlannableItem[], over: Partial<PlanInput> = {}, policy = {}): Shortfall[] {
  const st = station([zone('3', windows)], [topic('dai-hoi', TOPIC, [topicRule]), topic('other', 'Khác', [rule({ per: 'day', max: 0 })])], policy);
  const input = planInput(st, items, over);
  const result = planRange(input);
  expect(validatePlan(input, result.slots)).toEqual([]);
  return result.shortfalls;
}

const peak = [win('05:30', '05:40', { peak: true })];

describe('shortfall diagnosis', () => {
  it('no-approved-item: nothing approved carries the topic', () => {
    const items = [item('d', { topics: ['dai-hoi'], status: 'pending' }), ...fillers];
    const [s, ...rest] = shortfallsOf(peak, rule({ per: 'day', min: 1, peakOnly: true }), items);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ zone: '3', topic: 'dai-hoi', period: MON, wanted: 1, planned: 0, reason: 'no-approved-item' });
    expect(s!.message.vi).toBe(
      'Tổ dân phố 3: chủ đề «Đại hội XIV» ngày 18/05/2026 cần ít nhất 1 lần ở khung giờ cao điểm, ' +
        'kế hoạch chỉ có 0 lần vì không có tin bài nào đã duyệt thuộc chủ đề này.',
    );
    expect(s!.message.en).toContain('no approved item');
  });

  it('items-expire: approved items are not valid in any window of the period', () => {
    const items = [
      item('old', { topics: ['dai-hoi'], validUntil: at('2026-05-17', '23:00') }),
      item('late', { topics: ['dai-hoi'], validFrom: at(MON, '05:39:30') }),
      ...fillers,
    ];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items);
    expect(s?.reason).toBe('items-expire');
    expect(s!.message.vi).toContain('hết hạn');
  });

  it('no-window: no peak window in the period for a peakOnly rule', () => {
    const items = [item('d', { topics: ['dai-hoi'] }), ...fillers];
    const [s] = shortfallsOf([win('11:00', '11:10')], rule({ per: 'day', min: 1, peakOnly: true }), items);
    expect(s?.reason).toBe('no-window');
    expect(s!.message.vi).toContain('khung giờ cao điểm');
  });

  it('no-window: the only window is over at now', () => {
    const items = [item('d', { topics: ['dai-hoi'] }), ...fillers];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items, { now: at(MON, '06:00') });
    expect(s?.reason).toBe('no-window');
  });

  it('windows-too-short: the items are longer than the windows', () => {
    const items = [item('d', { topics: ['dai-hoi'], durationMs: minutes(11) }), ...fillers];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items);
    expect(s?.reason).toBe('windows-too-short');
  });

  it('windows-too-short: priority items fill the window first', () => {
    const urgent = Array.from({ length: 10 }, (_, i) => item(`u${i}`, { priority: 'priority' }));
    const items = [item('d', { topics: ['dai-hoi'] }), ...urgent];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items);
    expect(s?.reason).toBe('windows-too-short');
  });

  it('repeat-limits: one item cannot reach the min under plays per day and once per window', () => {
    const windows = [win('05:30', '05:40'), win('11:00', '11:10'), win('17:00', '17:10')];
    const items = [item('d', { topics: ['dai-hoi'] }), ...fillers];
    const [s] = shortfallsOf(windows, rule({ per: 'day', min: 3 }), items, {}, { minRepeatGapMinutes: 0 });
    expect(s).toMatchObject({ reason: 'repeat-limits', wanted: 3, planned: 2 });
    expect(s!.message.vi).toContain('kế hoạch chỉ có 2 lần');
  });

  it('repeat-limits: aired history leaves no room under the repeat gap', () => {
    const items = [item('d', { topics: ['dai-hoi'] }), ...fillers];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items, {
      aired: [aired('3', 'd', MON, '04:30')],
      now: at(MON, '05:00'),
    });
    expect(s?.reason).toBe('repeat-limits');
  });

  it('cap-would-break: the only item also carries a topic at its max', () => {
    const items = [item('d', { topics: ['dai-hoi', 'other'] }), ...fillers];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items);
    expect(s?.reason).toBe('cap-would-break');
    expect(s!.message.vi).toContain('«Đại hội XIV»');
  });

  it('cap-would-break: the only item is ceremonial on the first day of a month', () => {
    const items = [item('d', { topics: ['dai-hoi'], ceremonial: true }), ...fillers];
    const short = [win('05:30', '05:35', { peak: true })];
    const june1 = { from: '2026-06-01', to: '2026-06-01', now: at('2026-06-01', '00:00') };
    const [s] = shortfallsOf(short, rule({ per: 'day', min: 1 }), items, june1);
    expect(s?.reason).toBe('cap-would-break');
  });

  it('week periods name the ISO week and its dates', () => {
    const items = [...fillers];
    const shortfalls = shortfallsOf(peak, rule({ per: 'week', min: 3 }), items, { to: '2026-05-24' });
    expect(shortfalls).toHaveLength(1);
    expect(shortfalls[0]).toMatchObject({ per: 'week', period: '2026-W21', periodStart: MON, periodEnd: '2026-05-24' });
    expect(shortfalls[0]!.message.vi).toContain('tuần 2026-W21 (từ 18/05/2026 đến 24/05/2026)');
  });

  it('pulls a week min forward when its items expire early in the week', () => {
    const windows = [win('05:30', '05:40'), win('17:00', '17:10')];
    const items = [item('d', { topics: ['dai-hoi'], validUntil: at(MON, '23:00') }), ...fillers];
    expect(shortfallsOf(windows, rule({ per: 'week', min: 2 }), items, { to: '2026-05-24' })).toEqual([]);
  });

  it('repeat-limits: an item valid for one window airs once in it, then expires', () => {
    const items = [item('d', { topics: ['dai-hoi'], validUntil: at(MON, '23:00') }), ...fillers];
    const [s] = shortfallsOf(peak, rule({ per: 'week', min: 2 }), items, { to: '2026-05-24' });
    expect(s).toMatchObject({ per: 'week', wanted: 2, planned: 1, reason: 'repeat-limits' });
  });

  it('items-expire: the item expires mid-window before its turn comes', () => {
    const urgent = item('u', { priority: 'priority', durationMs: minutes(5) });
    const items = [item('d', { topics: ['dai-hoi'], validUntil: at(MON, '05:33') }), urgent, ...fillers];
    const [s] = shortfallsOf(peak, rule({ per: 'day', min: 1 }), items);
    expect(s?.reason).toBe('items-expire');
  });

  it('meets a week min by spreading it over the week', () => {
    const items = [...Array.from({ length: 6 }, (_, i) => item(`d${i}`, { topics: ['dai-hoi'] })), ...fillers];
    const st = station([zone('3', peak)], [topic('dai-hoi', TOPIC, [rule({ per: 'week', min: 5, max: 7 })])]);
    const input = planInput(st, items, { to: '2026-05-24' });
    const result = planRange(input);
    expect(validatePlan(input, result.slots)).toEqual([]);
    expect(result.shortfalls).toEqual([]);
    const targeted = result.slots.filter((s) => s.reason[0] === 'topic:dai-hoi').map((s) => s.start.slice(0, 10));
    expect(new Set(targeted).size).toBeGreaterThanOrEqual(5);
  });
});

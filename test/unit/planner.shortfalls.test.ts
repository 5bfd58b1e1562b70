import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult, Shortfall } from '../../src/domain/plan.ts';
import type { TopicRule, Window } from '../../src/domain/station.ts';
import type { PlannableItem } from '../../src/domain/plan.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { aired, at, item, minutes, planInput, rule, station, topic, topicPlays, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';
const TOPIC = 'Đại hội XIV';
const fillers = Array.from({ length: 8 }, (_, i) => item(`f${i}`));

/** Plans one Monday for zone "3" with one topic rule, checks validity, returns the shortfalls. */
function shortfallsOf(windows: Window[], topicRule: TopicRule, items: PlannableItem[], over: Partial<PlanInput> = {}, policy = {}): Shortfall[] {
  const st = station([zone('3', windows)], [topic('dai-hoi', TOPIC, [topicRule]), topic('other', 'Khác', [rule({ per: 'day', max: 0 })])], policy);
  const input = planInput(st, items, over);
  const result = planRange(input);
  expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
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
    expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
    expect(result.shortfalls).toEqual([]);
    // Targets and fill together: five plays on five different days, not crammed into a few.
    const days = result.slots.filter((s) => s.itemId.startsWith('d')).map((s) => s.start.slice(0, 10));
    expect(new Set(days).size).toBeGreaterThanOrEqual(5);
  });
});

/** The first and last date of the ISO weeks these tests use. */
const WEEKS: Record<string, [string, string]> = {
  '2026-W21': ['2026-05-18', '2026-05-24'],
  '2026-W22': ['2026-05-25', '2026-05-31'],
};

/** Plans and validates; checks every shortfall's planned count (and a max it names) against the plan. */
function planChecked(input: PlanInput): PlanResult {
  const result = planRange(input);
  expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
  const ruleOf = (topicId: string, per: string) => input.station.topics.find((t) => t.id === topicId)!.rules.find((r) => r.per === per)!;
  for (const s of result.shortfalls) {
    if (s.topic === null) continue;
    const q = { zone: s.zone, topic: s.topic, from: s.periodStart, to: s.periodEnd, peakOnly: ruleOf(s.topic, s.per).peakOnly };
    expect(topicPlays(input, result.slots, q)).toBe(s.planned);
    expect(s.message.vi).toContain(`kế hoạch chỉ có ${s.planned} lần`);
    const b = s.blockedBy;
    if (b && !s.message.vi.includes('dùng trước')) {
      // "Another play would exceed the max": the blocking rule's period holds exactly its max.
      const [from, to] = b.per === 'week' ? WEEKS[b.period]! : [b.period, b.period];
      expect(topicPlays(input, result.slots, { zone: s.zone, topic: b.topic, from, to, peakOnly: ruleOf(b.topic, b.per).peakOnly })).toBe(b.max);
    }
  }
  return result;
}

describe('which cap blocked a target', () => {
  const twoWeeks = { from: MON, to: '2026-05-31' };
  const zones = (windows: Window[]) => [zone('3', windows), zone('4', windows)];

  it("max-would-break: a daily min 1 in peak windows against the topic's own week max 5", () => {
    const rules = [rule({ per: 'day', min: 1, peakOnly: true }), rule({ per: 'week', max: 5 })];
    const windows = [...peak, win('11:00', '11:10')];
    const st = station(zones(windows), [topic('dai-hoi', TOPIC, rules)]);
    const items = [...Array.from({ length: 6 }, (_, i) => item(`d${i}`, { topics: ['dai-hoi'] })), ...fillers];
    const { shortfalls } = planChecked(planInput(st, items, twoWeeks));
    expect(shortfalls).toHaveLength(2 * 2 * 2);
    for (const [week, [from, to]] of Object.entries(WEEKS)) {
      for (const z of ['3', '4']) {
        const mine = shortfalls.filter((s) => s.zone === z && s.period >= from && s.period <= to);
        expect(mine).toHaveLength(2);
        for (const s of mine) {
          expect(s).toMatchObject({ per: 'day', ruleIndex: 0, wanted: 1, planned: 0, reason: 'max-would-break' });
          expect(s.blockedBy).toEqual({ topic: 'dai-hoi', topicName: TOPIC, per: 'week', max: 5, period: week });
          expect(s.message.vi).toContain(`vì phát thêm sẽ vượt mức tối đa 5 lần/tuần (tuần ${week}) của chủ đề «${TOPIC}».`);
          expect(s.message.en).toContain(`because another play would exceed the maximum of 5 plays per week (week ${week}) of topic «${TOPIC}».`);
        }
      }
    }
  });

  it("max-would-break: the items also carry another topic whose week max is reached", () => {
    const topics = [topic('dai-hoi', TOPIC, [rule({ per: 'day', min: 1 })]), topic('an-ninh', 'An ninh trật tự', [rule({ per: 'week', max: 3 })])];
    const st = station(zones(peak), topics);
    const items = [...Array.from({ length: 4 }, (_, i) => item(`d${i}`, { topics: ['dai-hoi', 'an-ninh'] })), ...fillers];
    const { shortfalls } = planChecked(planInput(st, items, twoWeeks));
    expect(shortfalls).toHaveLength(2 * 2 * 4);
    for (const s of shortfalls) {
      expect(s).toMatchObject({ topic: 'dai-hoi', reason: 'max-would-break' });
      expect(s.blockedBy).toMatchObject({ topic: 'an-ninh', topicName: 'An ninh trật tự', per: 'week', max: 3 });
      expect(s.message.vi).toContain(`vượt mức tối đa 3 lần/tuần (tuần ${s.blockedBy!.period}) của chủ đề «An ninh trật tự»`);
    }
  });

  it('max-would-break: names the rule that refused most often, a day max here', () => {
    const items = [
      ...['a', 'b', 'c'].map((id) => item(id, { topics: ['dai-hoi', 'other'] })),
      item('x', { topics: ['dai-hoi', 'third'] }),
      ...fillers,
    ];
    const topics = [
      topic('dai-hoi', TOPIC, [rule({ per: 'day', min: 1 })]),
      topic('other', 'Khác', [rule({ per: 'day', max: 0 })]),
      topic('third', 'Thứ ba', [rule({ per: 'week', max: 0 })]),
    ];
    const { shortfalls } = planChecked(planInput(station([zone('3', peak)], topics), items));
    expect(shortfalls).toHaveLength(1);
    expect(shortfalls[0]!.blockedBy).toEqual({ topic: 'other', topicName: 'Khác', per: 'day', max: 0, period: MON });
    expect(shortfalls[0]!.message.vi).toContain('vượt mức tối đa 0 lần/ngày (ngày 18/05/2026) của chủ đề «Khác»');
    expect(shortfalls[0]!.message.en).toContain('exceed the maximum of 0 plays per day (on 18/05/2026) of topic «Khác»');
  });

  it('max-would-break: says so when the week spread held plays back and the week ends below its max', () => {
    // Pins of "an-ninh" items take the day's share of its week max before the peak window's target.
    const topics = [topic('dai-hoi', TOPIC, [rule({ per: 'day', min: 1, peakOnly: true })]), topic('an-ninh', 'An ninh', [rule({ per: 'week', max: 6 })])];
    const thursday = at('2026-05-21', '00:00');
    const items = [
      ...['b1', 'b2', 'b3'].map((id) => item(id, { topics: ['an-ninh'], validUntil: thursday })),
      ...['x1', 'x2'].map((id) => item(id, { topics: ['dai-hoi', 'an-ninh'], validUntil: thursday })),
      ...fillers,
    ];
    const pins = [MON, '2026-05-19', '2026-05-20'].map((date, k) => ({ zone: '3', date, window: '05:30', itemId: `b${k + 1}` }));
    const input = planInput(station([zone('3', peak)], topics), items, { to: '2026-05-24', pins });
    const { slots, shortfalls } = planChecked(input);
    expect(topicPlays(input, slots, { zone: '3', topic: 'an-ninh', from: MON, to: '2026-05-24' })).toBe(3);
    const spread = shortfalls.filter((s) => s.reason === 'max-would-break');
    expect(spread.map((s) => s.period)).toEqual([MON, '2026-05-19', '2026-05-20']);
    for (const s of spread) {
      expect(s.blockedBy).toEqual({ topic: 'an-ninh', topicName: 'An ninh', per: 'week', max: 6, period: '2026-W21' });
      expect(s.message.vi).toContain('phát thêm sẽ dùng trước phần dành cho các ngày sau trong mức tối đa 6 lần/tuần (tuần 2026-W21)');
    }
    expect(shortfalls.filter((s) => s.reason !== 'max-would-break').every((s) => s.reason === 'items-expire')).toBe(true);
  });

  it('ceremonial-cap: the only item is ceremonial on the first day of a month', () => {
    const items = [item('d', { topics: ['dai-hoi'], ceremonial: true }), ...fillers];
    const short = [win('05:30', '05:35', { peak: true })];
    const june1 = { from: '2026-06-01', to: '2026-06-01', now: at('2026-06-01', '00:00') };
    const st = station([zone('3', short)], [topic('dai-hoi', TOPIC, [rule({ per: 'day', min: 1 })])]);
    const input = planInput(st, items, june1);
    const { slots, shortfalls } = planChecked(input);
    expect(shortfalls).toHaveLength(1);
    const [s] = shortfalls;
    expect(s).toMatchObject({ reason: 'ceremonial-cap', planned: 0 });
    expect(s!.blockedBy).toBeUndefined();
    expect(s!.message.vi).toContain(
      'kế hoạch chỉ có 0 lần vì các tin bài còn dùng được đều thuộc loại lễ tân, hội họp và phát thêm sẽ vượt tỷ lệ 12% kế hoạch giữ để luôn dưới mức trần 15%.',
    );
    expect(s!.message.en).toContain('ceremonial');
    expect(s!.message.en).toContain('15%');
    // True by hand: one ceremonial play more on that day would be 12% of its plays or more.
    expect(1 / (slots.length + 1)).toBeGreaterThanOrEqual(0.12);
    const strict = planChecked(
      planInput(station([zone('3', short)], st.topics, { ceremonialMaxShare: 0.125, ceremonialPlanShare: 0.125 }), items, june1),
    );
    expect(strict.shortfalls[0]!.message.vi).toContain('tỷ lệ 12,5% cho phép');
    expect(strict.shortfalls[0]!.message.en).toContain('12.5%');
  });
});

import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../../src/domain/plan.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { aired, at, item, minutes, planInput, rule, station, timeOf, topic, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';

/** Plans and checks the result against the independent validator. */
function plan(input: PlanInput): PlanResult {
  const result = planRange(input);
  expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
  return result;
}

function times(result: PlanResult, zoneId = 'z'): string[] {
  return result.slots.filter((s) => s.zone === zoneId).map((s) => `${timeOf(s.start)} ${s.itemId}`);
}

describe('rule 1: windows', () => {
  it('places an item that exactly fills the window', () => {
    const st = station([zone('z', [win('05:30', '05:35')])]);
    const result = plan(planInput(st, [item('a', { durationMs: minutes(5) })]));
    expect(result.slots).toHaveLength(1);
    expect(result.slots[0]).toMatchObject({ start: at(MON, '05:30'), end: at(MON, '05:35'), window: '05:30-05:35' });
  });

  it('does not place an item one second longer than the window', () => {
    const st = station([zone('z', [win('05:30', '05:35')])]);
    expect(plan(planInput(st, [item('a', { durationMs: minutes(5, 1) })])).slots).toEqual([]);
  });

  it('separates consecutive slots by exactly gapBetweenItemsMs', () => {
    const st = station([zone('z', [win('05:30', '05:40')])], [], { gapBetweenItemsMs: 5000 });
    const result = plan(planInput(st, [item('a'), item('b'), item('c')]));
    expect(result.slots.map((s) => timeOf(s.start))).toEqual(['05:30:00', '05:31:05', '05:32:10']);
  });

  it('opens and closes every window with the jingles', () => {
    const st = station([zone('z', [win('05:30', '05:35'), win('17:00', '17:05')])], [], {
      openingJingle: 'open',
      closingJingle: 'close',
    });
    const items = [item('open', { durationMs: 10_000 }), item('close', { durationMs: 10_000 }), item('a'), item('b')];
    const result = plan(planInput(st, items));
    const morning = result.slots.filter((s) => s.window === '05:30-05:35');
    expect(morning[0]).toMatchObject({ itemId: 'open', reason: ['jingle-open'] });
    expect(morning.at(-1)).toMatchObject({ itemId: 'close', reason: ['jingle-close'] });
    expect(result.slots.filter((s) => s.itemId === 'open')).toHaveLength(2);
  });
});

describe('rule 2: approval and validity', () => {
  it('never places unapproved items', () => {
    const st = station([zone('z', [win('05:30', '05:40')])]);
    const result = plan(planInput(st, [item('p', { status: 'pending' }), item('r', { status: 'rejected' }), item('a')]));
    expect(result.slots.map((s) => s.itemId)).toEqual(['a']);
  });

  it('does not place an item where it would end after validUntil (mid-window expiry)', () => {
    const st = station([zone('z', [win('05:30', '05:40')])]);
    const lead = item('lead', { priority: 'priority', durationMs: minutes(3) });
    const late = plan(planInput(st, [lead, item('x', { validUntil: at(MON, '05:33:30') })]));
    expect(times(late)).toEqual(['05:30:00 lead']);
    const exact = plan(planInput(st, [lead, item('x', { validUntil: at(MON, '05:34') })]));
    expect(times(exact)).toEqual(['05:30:00 lead', '05:33:00 x']);
  });
});

describe('rule 3: repeats', () => {
  it('allows a repeat exactly minRepeatGapMinutes after an aired play', () => {
    const st = station([zone('z', [win('07:30', '07:31')])]);
    const result = plan(planInput(st, [item('a')], { aired: [aired('z', 'a', MON, '05:30')], now: at(MON, '06:00') }));
    expect(times(result)).toEqual(['07:30:00 a']);
  });

  it('refuses a repeat one second short of the gap', () => {
    const st = station([zone('z', [win('07:29:59', '07:31')])]);
    const result = plan(planInput(st, [item('a')], { aired: [aired('z', 'a', MON, '05:30')], now: at(MON, '06:00') }));
    expect(result.slots).toEqual([]);
  });

  it('applies the gap between planned plays too', () => {
    const exact = station([zone('z', [win('05:30', '05:31'), win('07:30', '07:31')])]);
    expect(times(plan(planInput(exact, [item('a')])))).toEqual(['05:30:00 a', '07:30:00 a']);
    const short = station([zone('z', [win('05:30', '05:31'), win('07:29:59', '07:31')])]);
    expect(times(plan(planInput(short, [item('a')])))).toEqual(['05:30:00 a']);
  });

  it('caps plays per item per day, aired plays included', () => {
    const windows = [win('05:30', '05:31'), win('11:00', '11:01'), win('17:00', '17:01')];
    const st = station([zone('z', windows)], [], { minRepeatGapMinutes: 0, maxPlaysPerItemPerDay: 2 });
    expect(plan(planInput(st, [item('a')])).slots).toHaveLength(2);
    const withHistory = planInput(st, [item('a')], { aired: [aired('z', 'a', MON, '05:30')], now: at(MON, '06:00') });
    expect(times(plan(withHistory))).toEqual(['11:00:00 a']);
  });

  it('airs an item at most once per window, counting what aired earlier in it', () => {
    const st = station([zone('z', [win('05:30', '05:40')])], [], { minRepeatGapMinutes: 0, maxPlaysPerItemPerDay: 10 });
    expect(plan(planInput(st, [item('a')])).slots).toHaveLength(1);
    const underWay = planInput(st, [item('a'), item('b')], { aired: [aired('z', 'a', MON, '05:30')], now: at(MON, '05:31') });
    expect(times(plan(underWay))).toEqual(['05:31:00 b']);
  });
});

describe('rule 4: topic caps', () => {
  const topicItems = Array.from({ length: 10 }, (_, i) => item(`t${i}`, { topics: ['t'], approvedAt: '2026-05-01T00:00:00+07:00' }));
  const others = Array.from({ length: 10 }, (_, i) => item(`o${i}`));

  it('holds a week max over the days of a week that lie inside the rule dates', () => {
    const rules = [rule({ per: 'week', max: 2, from: '2026-05-20' })];
    const st = station([zone('z', [win('05:30', '05:40')])], [topic('t', 'Chủ đề T', rules)], { maxPlaysPerItemPerDay: 1 });
    const result = plan(planInput(st, [...topicItems, ...others], { to: '2026-05-24' }));
    const topicPlays = result.slots.filter((s) => s.itemId.startsWith('t'));
    const inside = topicPlays.filter((s) => s.start >= at('2026-05-20', '00:00'));
    expect(inside.length).toBeLessThanOrEqual(2);
    expect(topicPlays.length - inside.length).toBeGreaterThan(2);
  });

  it('pro-rates a week min for a week the rule dates cut, and judges no week the range cuts', () => {
    const make = (from: string | null) =>
      station([zone('z', [win('05:30', '05:40')])], [topic('t', 'Chủ đề T', [rule({ per: 'week', min: 3, from })])]);
    // In force Friday to Sunday: 3 a week owes ceil(3 × 3 / 7) = 2 that week.
    const cut = plan(planInput(make('2026-05-22'), others, { to: '2026-05-24' })).shortfalls;
    expect(cut).toMatchObject([{ wanted: 2, proratedDays: 3, planned: 0, reason: 'no-approved-item' }]);
    expect(cut[0]!.message.vi).toContain('cần ít nhất 2 lần (3 lần/tuần tính theo 3/7 ngày');
    expect(plan(planInput(make(null), others, { to: '2026-05-23' })).shortfalls).toEqual([]);
    expect(plan(planInput(make(null), others, { to: '2026-05-24' })).shortfalls).toMatchObject([{ wanted: 3 }]);
  });

  it('meets a pro-rated week min with items on hand', () => {
    const st = station([zone('z', [win('05:30', '05:40')])], [topic('t', 'Chủ đề T', [rule({ per: 'week', min: 3, max: 3, from: '2026-05-22' })])]);
    const result = plan(planInput(st, [...topicItems, ...others], { to: '2026-05-24' }));
    expect(result.shortfalls).toEqual([]);
    expect(result.slots.filter((s) => s.itemId.startsWith('t')).length).toBeGreaterThanOrEqual(2);
  });

  it("counts every window toward a peakOnly rule's max, aired plays included", () => {
    const windows = [win('05:30', '05:40', { peak: true }), win('11:00', '11:10'), win('17:00', '17:10', { peak: true })];
    const rules = [rule({ per: 'day', max: 1, peakOnly: true })];
    const st = station([zone('z', windows)], [topic('t', 'Chủ đề T', rules)], { minRepeatGapMinutes: 0 });
    const input = planInput(st, [...topicItems, ...others], {
      aired: [aired('z', 'o9', MON, '05:30', 60_000, { topics: ['t'] })],
      now: at(MON, '06:00'),
    });
    const result = plan(input);
    const topicIn = (w: string) => result.slots.filter((s) => s.window === w && s.itemId.startsWith('t')).length;
    // The aired 05:30 play used the day's max of 1: no other window may add one.
    expect(topicIn('17:00-17:10')).toBe(0);
    expect(topicIn('11:00-11:10')).toBe(0);
  });

  it('serves a peakOnly min in a peak window', () => {
    const windows = [win('05:30', '05:33'), win('17:00', '17:03', { peak: true })];
    const rules = [rule({ per: 'day', min: 1, peakOnly: true })];
    const st = station([zone('z', windows)], [topic('t', 'Chủ đề T', rules)]);
    const result = plan(planInput(st, [item('t0', { topics: ['t'], createdAt: '2025-01-01T00:00:00Z' }), ...others]));
    expect(result.shortfalls).toEqual([]);
    expect(result.slots.find((s) => s.itemId === 't0')).toMatchObject({ window: '17:00-17:03', reason: ['topic:t'] });
  });
});

describe('rule 5: ceremonial share', () => {
  const ceremonial = (durationMs = 60_000, id = 'c') => item(id, { ceremonial: true, durationMs, approvedAt: '2026-05-01T00:00:00+07:00' });
  const normals = (n: number) => Array.from({ length: n }, (_, i) => item(`n${i}`));
  const JUNE1 = '2026-06-01';
  const JUNE2 = '2026-06-02';
  const history = (date: string, n: number, itemId?: string) =>
    Array.from({ length: n }, (_, i) => aired('z', itemId ?? `h${i}`, date, `0${i}:00`));
  const share25 = { ceremonialMaxShare: 0.25, ceremonialPlanShare: 0.25 };

  it('fills only what nothing else can: a ceremonial item waits while other items are on hand', () => {
    const st = station([zone('z', [win('05:30', '05:35')])], [], share25);
    const result = plan(planInput(st, [ceremonial(), ...normals(6)], { from: JUNE1 }));
    expect(result.slots.map((s) => s.itemId)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('keeps a ceremonial item out on the first day of a month when it would reach the share', () => {
    const st = station([zone('z', [win('05:30', '05:34')])], [], share25);
    const result = plan(planInput(st, [ceremonial(), ...normals(3)], { from: JUNE1 }));
    expect(result.slots.map((s) => s.itemId)).toEqual(['n0', 'n1', 'n2']);
  });

  it('places it once it stays strictly below the share, as late as needed', () => {
    const st = station([zone('z', [win('05:30', '05:35')])], [], share25);
    const result = plan(planInput(st, [ceremonial(), ...normals(4)], { from: JUNE1 }));
    expect(result.slots.map((s) => s.itemId)).toEqual(['n0', 'n1', 'n2', 'n3', 'c']);
  });

  it('aims under the planned share (12% by default), a margin below the 15% cap', () => {
    // 7 other plays: one ceremonial play would be 1/8 = 12.5%, under 15% but not under 12%.
    const st = station([zone('z', [win('05:30', '05:38')])]);
    expect(plan(planInput(st, [ceremonial(), ...normals(7)], { from: JUNE1 })).slots.map((s) => s.itemId)).not.toContain('c');
    const loose = station([zone('z', [win('05:30', '05:38')])], [], { ceremonialPlanShare: 0.15 });
    expect(plan(planInput(loose, [ceremonial(), ...normals(7)], { from: JUNE1 })).slots.map((s) => s.itemId)).toContain('c');
  });

  it('counts aired plays of the month, not of the month before', () => {
    const st = station([zone('z', [win('05:30', '05:34')])], [], share25);
    const thisMonth = plan(planInput(st, [ceremonial(), ...normals(3)], { from: JUNE2, aired: history(JUNE1, 4) }));
    expect(thisMonth.slots.map((s) => s.itemId)).toContain('c');
    const lastMonth = plan(planInput(st, [ceremonial(), ...normals(3)], { from: JUNE1, aired: history('2026-05-31', 4) }));
    expect(lastMonth.slots.map((s) => s.itemId)).not.toContain('c');
  });

  it('applies the share to airtime as well as to the count', () => {
    // 4 aired minutes + 2 + a 2-minute ceremonial play = 25% of airtime (1 play in 7 = 14%).
    const short = station([zone('z', [win('05:30', '05:34')])], [], share25);
    const long = station([zone('z', [win('05:30', '05:36')])], [], share25);
    const input = (st: typeof short, n: number) => planInput(st, [ceremonial(minutes(2)), ...normals(n)], { from: JUNE2, aired: history(JUNE1, 4) });
    expect(plan(input(short, 2)).slots.map((s) => s.itemId)).toEqual(['n0', 'n1']);
    expect(plan(input(long, 3)).slots.map((s) => s.itemId)).toContain('c');
  });

  it('applies the share to distinct items as well', () => {
    // Eight plays of one item aired: one ceremonial play would be 1 in 10 plays but 1 of 3 items.
    const st = station([zone('z', [win('05:30', '05:32')])], [], share25);
    const input = planInput(st, [ceremonial(), ...normals(1)], { from: JUNE2, aired: history(JUNE1, 8, 'h') });
    expect(plan(input).slots.map((s) => s.itemId)).toEqual(['n0']);
    const many = planInput(st, [ceremonial(), ...normals(1)], { from: JUNE2, aired: history(JUNE1, 8) });
    expect(plan(many).slots.map((s) => s.itemId)).toEqual(['n0', 'c']);
  });
});

describe('rule 6: priority order', () => {
  it('airs priority items before normal ones', () => {
    const st = station([zone('z', [win('05:30', '05:40')])]);
    const items = [
      item('n1', { approvedAt: '2026-05-10T00:00:00+07:00' }),
      item('n2', { approvedAt: '2026-05-11T00:00:00+07:00' }),
      item('p1', { priority: 'priority' }),
      item('p2', { priority: 'priority', approvedAt: '2026-05-12T00:00:00+07:00' }),
    ];
    expect(plan(planInput(st, items)).slots.map((s) => s.itemId)).toEqual(['p2', 'p1', 'n2', 'n1']);
  });
});

describe('pins and exclusions', () => {
  const st = station([zone('z', [win('05:30', '05:33')])]);
  const items = [
    item('old', { createdAt: '2025-01-01T00:00:00+07:00' }),
    item('a'),
    item('b'),
    item('c'),
    item('long', { durationMs: minutes(4) }),
    item('draft', { status: 'pending' }),
  ];

  it('places a pinned item in its window', () => {
    const result = plan(planInput(st, items, { pins: [{ zone: 'z', date: MON, window: '05:30', itemId: 'old' }] }));
    expect(result.slots.find((s) => s.itemId === 'old')).toMatchObject({ reason: ['pin'], window: '05:30-05:33' });
    expect(result.rejectedPins).toEqual([]);
  });

  it('rejects pins that would break a hard rule, with the reason', () => {
    const pins = [
      { zone: 'z', date: MON, window: '05:30', itemId: 'long' },
      { zone: 'z', date: MON, window: '05:30', itemId: 'draft' },
      { zone: 'z', date: MON, window: '05:30', itemId: 'a' },
    ];
    const result = plan(planInput(st, items, { pins, aired: [aired('z', 'a', MON, '04:30')], now: at(MON, '05:00') }));
    const reasons = Object.fromEntries(result.rejectedPins.map((r) => [r.pin.itemId, r.reason]));
    expect(reasons.long).toMatch(/does not fit.*rule 1/);
    expect(reasons.draft).toMatch(/not approved/);
    expect(reasons.a).toMatch(/120 minutes.*rule 3/);
    expect(result.slots.map((s) => s.itemId)).not.toContain('long');
  });

  it('keeps an excluded item out of that zone on that day only', () => {
    const two = station([zone('z', [win('05:30', '05:31')])]);
    const input = planInput(two, [item('a'), item('b', { createdAt: '2025-01-01T00:00:00+07:00' })], {
      to: '2026-05-19',
      exclusions: [{ zone: 'z', date: MON, itemId: 'a' }],
    });
    expect(times(plan(input))).toEqual(['05:30:00 b', '05:30:00 a']);
  });
});

describe('now, groups', () => {
  it('fills a window under way only from now, without an opening jingle', () => {
    const st = station([zone('z', [win('05:30', '06:00')])], [], { openingJingle: 'open' });
    const result = plan(planInput(st, [item('open', { durationMs: 5000 }), item('a'), item('b')], { now: at(MON, '05:45:30') }));
    expect(times(result)).toEqual(['05:45:30 a', '05:46:30 b']);
  });

  it('plans a group once and emits the programme for every member', () => {
    const windows = [win('05:30', '05:33')];
    const zones = [
      zone('a', windows, { group: 'g' }),
      zone('b', windows, { group: 'g' }),
      zone('c', [win('06:00', '06:01')], { group: 'g' }),
      zone('d', windows, { group: 'g', enabled: false }),
    ];
    const st = station(zones);
    const items = [item('x'), item('y'), item('z')];
    const result = plan(planInput(st, items, { zones: ['b'] }));
    expect(times(result, 'a')).toEqual(times(result, 'b'));
    expect(times(result, 'a')).toHaveLength(3);
    expect(result.slots.filter((s) => s.zone === 'c' || s.zone === 'd')).toEqual([]);
    const a0 = result.slots.find((s) => s.zone === 'a')!;
    const b0 = result.slots.find((s) => s.zone === 'b')!;
    expect(a0.start).toBe(b0.start);
    expect(a0.reason).toBe(b0.reason);
    const all = plan(planInput(st, items));
    expect(times(all, 'c')).toEqual(['06:00:00 x']);
  });

  it('respects every member history in a shared programme', () => {
    const windows = [win('05:30', '05:31')];
    const st = station([zone('a', windows, { group: 'g' }), zone('b', windows, { group: 'g' })]);
    const result = plan(planInput(st, [item('x'), item('y', { createdAt: '2025-01-01T00:00:00+07:00' })], {
      aired: [aired('b', 'x', MON, '04:30')],
      now: at(MON, '05:00'),
    }));
    expect(result.slots.map((s) => s.itemId)).toEqual(['y', 'y']);
  });
});

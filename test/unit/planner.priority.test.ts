/**
 * Priority items (issue 10 "Priority", decisions §4): first in the next peak window, then the next
 * windows; several in one window air in the operator's order, which the operator can change; the
 * rotation still chooses which of them a window takes when not all can go.
 */
import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult, PlannableItem } from '../../src/domain/plan.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { aired, at, item, planInput, rule, station, timeOf, topic, win, zone } from '../support/stationBuilder.ts';

// 2026-05-18 is a day whose normal content goes to the evening peak first (peak windows take turns).
const MON = '2026-05-18';

function plan(input: PlanInput): PlanResult {
  const result = planRange(input);
  expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
  return result;
}

/** "HH:MM:SS item" of the slots, in time order. */
function times(result: PlanResult): string[] {
  return result.slots.map((s) => `${timeOf(s.start)} ${s.itemId}`);
}

/** Item ids per day and window, in time order: "2026-05-18 05:30-05:40: a b c". */
function byWindow(result: PlanResult): string[] {
  const out = new Map<string, string[]>();
  for (const s of result.slots) {
    const key = `${s.start.slice(0, 10)} ${s.window}`;
    out.set(key, [...(out.get(key) ?? []), s.itemId]);
  }
  return [...out].map(([k, ids]) => `${k}: ${ids.join(' ')}`);
}

const priority = (id: string, over: Partial<PlannableItem> = {}) => item(id, { priority: 'priority', ...over });

describe('priority items go first in the next peak window', () => {
  const windows = [win('05:30', '05:40', { peak: true }), win('11:00', '11:10'), win('17:00', '17:10', { peak: true })];

  it('takes the morning peak when only one play a day is allowed, even on a day that serves the evening first', () => {
    const st = station([zone('z', windows)], [], { maxPlaysPerItemPerDay: 1 });
    const result = plan(planInput(st, [item('n1'), item('n2'), priority('p')]));
    expect(result.slots.filter((s) => s.itemId === 'p').map((s) => timeOf(s.start))).toEqual(['05:30:00']);
  });

  it('takes the next peak after now rather than an earlier non-peak window, then the next peaks', () => {
    const st = station([zone('z', windows)], [], { maxPlaysPerItemPerDay: 1 });
    const result = plan(planInput(st, [item('n1'), priority('p')], { now: at(MON, '06:00'), to: '2026-05-20' }));
    expect(result.slots.filter((s) => s.itemId === 'p').map((s) => s.start)).toEqual([
      at(MON, '17:00'),
      at('2026-05-19', '05:30'),
      at('2026-05-20', '05:30'),
    ]);
  });

  it('fills the next windows too when its limits allow', () => {
    const st = station([zone('z', windows)], [], { maxPlaysPerItemPerDay: 2 });
    const result = plan(planInput(st, [item('n1'), priority('p')], { now: at(MON, '06:00') }));
    expect(result.slots.filter((s) => s.itemId === 'p').map((s) => timeOf(s.start))).toEqual(['11:00:00', '17:00:00']);
  });

  it('goes ahead of normal items in every window it takes', () => {
    const st = station([zone('z', windows)], [], { maxPlaysPerItemPerDay: 3, minRepeatGapMinutes: 60 });
    const result = plan(planInput(st, [item('n1'), item('n2'), priority('p')]));
    expect(byWindow(result)).toEqual([
      `${MON} 05:30-05:40: p n1 n2`,
      `${MON} 11:00-11:10: p n1 n2`,
      `${MON} 17:00-17:10: p n1 n2`,
    ]);
  });
});

describe("several priority items in one window keep the operator's order", () => {
  const st = station([zone('z', [win('05:30', '05:40')])]);
  // Without an order, the freshest priority item goes first: p3, p2, p1.
  const library = (orders: Record<string, number | null> = {}) => [
    item('n1'),
    priority('p1', { approvedAt: '2026-05-10T00:00:00+07:00', priorityOrder: orders.p1 ?? null }),
    priority('p2', { approvedAt: '2026-05-11T00:00:00+07:00', priorityOrder: orders.p2 ?? null }),
    priority('p3', { approvedAt: '2026-05-12T00:00:00+07:00', priorityOrder: orders.p3 ?? null }),
  ];

  it('airs them in the order the operator set', () => {
    expect(times(plan(planInput(st, library({ p1: 1, p2: 2, p3: 3 }))))).toEqual([
      '05:30:00 p1',
      '05:31:00 p2',
      '05:32:00 p3',
      '05:33:00 n1',
    ]);
  });

  it('changing the order changes the plan', () => {
    const first = plan(planInput(st, library({ p1: 1, p2: 2, p3: 3 })));
    const second = plan(planInput(st, library({ p2: 1, p3: 2, p1: 3 })));
    expect(second.slots.map((s) => s.itemId)).toEqual(['p2', 'p3', 'p1', 'n1']);
    expect(second.slots.map((s) => s.start)).toEqual(first.slots.map((s) => s.start));
  });

  it('keeps the new order when the old one is what aired before (a replan after a change)', () => {
    const history = [aired('z', 'p1', '2026-05-17', '05:30'), aired('z', 'p2', '2026-05-17', '05:31'), aired('z', 'p3', '2026-05-17', '05:32')];
    const result = plan(planInput(st, library({ p3: 1, p1: 2, p2: 3 }), { aired: history }));
    expect(result.slots.map((s) => s.itemId)).toEqual(['p3', 'p1', 'p2', 'n1']);
  });

  it('puts priority items without an order after the ordered ones, in rotation order', () => {
    expect(plan(planInput(st, library({ p1: 1 }))).slots.map((s) => s.itemId)).toEqual(['p1', 'p3', 'p2', 'n1']);
  });

  it('plans a station that never set an order exactly as before', () => {
    const unset = plan(planInput(st, library()));
    const absent = plan(planInput(st, library().map(({ priorityOrder: _, ...rest }) => rest)));
    expect(times(unset)).toEqual(['05:30:00 p3', '05:31:00 p2', '05:32:00 p1', '05:33:00 n1']);
    expect(absent).toEqual(unset);
  });

  it('ignores an order on a normal item', () => {
    const items = [item('n1', { priorityOrder: 1 }), item('n2', { approvedAt: '2026-05-12T00:00:00+07:00' })];
    expect(plan(planInput(st, items)).slots.map((s) => s.itemId)).toEqual(['n2', 'n1']);
  });

  it('never breaks a hard rule for the order: an item not valid yet at the window start airs later', () => {
    const items = [priority('p1', { priorityOrder: 1, validFrom: at(MON, '05:31') }), priority('p2', { priorityOrder: 2 })];
    expect(times(plan(planInput(st, items)))).toEqual(['05:30:00 p2', '05:31:00 p1']);
  });
});

describe('the rotation still chooses which priority items a window takes', () => {
  it("shares a topic's daily max among its priority items day after day, each window in the operator's order", () => {
    const st = station([zone('z', [win('05:30', '05:40')])], [topic('t', 'Chủ đề', [rule({ per: 'day', max: 2 })])]);
    const items = [
      priority('p1', { topics: ['t'], priorityOrder: 1 }),
      priority('p2', { topics: ['t'], priorityOrder: 2 }),
      priority('p3', { topics: ['t'], priorityOrder: 3 }),
    ];
    const result = plan(planInput(st, items, { to: '2026-05-20' }));
    expect(byWindow(result)).toEqual([
      `${MON} 05:30-05:40: p1 p2`,
      '2026-05-19 05:30-05:40: p1 p3',
      '2026-05-20 05:30-05:40: p2 p3',
    ]);
  });
});

/**
 * Relays (tiếp âm, issue 11, decisions §9) as fixed events of the programme: the planner emits their
 * slots and plans items only outside them; the independent validator checks both.
 */
import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanRelay, PlanResult, RelaySlot, Slot } from '../../src/domain/plan.ts';
import type { Station } from '../../src/domain/station.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { describePinRefusal } from '../../src/scheduling/pinRefusal.ts';
import { at, item, minutes, planInput, rule, slot, station, timeOf, topic, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';
const TUE = '2026-05-19';
const ALL = [1, 2, 3, 4, 5, 6, 7];

function relay(id: string, start: string, end: string, over: Partial<PlanRelay> = {}): PlanRelay {
  return { id, source: 'vov1', sourceName: 'VOV1', zones: ['z'], days: ALL, start, end, ...over };
}

const withRelays = (st: Station, relays: PlanRelay[]): PlanInput['station'] => ({ ...st, relays });

/** Plans and checks the result (relay slots included) against the independent validator. */
function plan(input: PlanInput): PlanResult {
  const result = planRange(input);
  expect(validatePlan(input, result.slots, result.rejectedPins, result.relaySlots)).toEqual([]);
  return result;
}

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

/** Every item slot of a zone that overlaps a relay slot of that zone. */
const clashes = (r: PlanResult) => r.slots.filter((s) => r.relaySlots.some((x) => x.zone === s.zone && overlaps(s, x)));

const items = Array.from({ length: 40 }, (_, i) => item(`n${i}`));

describe('planning around relays', () => {
  it('cuts a window in two: items before and after the relay, none during it', () => {
    const st = withRelays(station([zone('z', [win('05:30', '06:30')])]), [relay('thoi-su', '06:00', '06:15')]);
    const result = plan(planInput(st, items));
    expect(result.relaySlots).toEqual<RelaySlot[]>([{
      kind: 'relay', zone: 'z', start: at(MON, '06:00'), end: at(MON, '06:15'), relayId: 'thoi-su', source: 'vov1', sourceName: 'VOV1',
      window: '05:30-06:30',
    }]);
    expect(clashes(result)).toEqual([]);
    const starts = result.slots.map((s) => timeOf(s.start));
    // 30 one-minute items before it, 15 after it: both parts are filled.
    expect(starts.filter((t) => t < '06:00:00')).toHaveLength(30);
    expect(starts.filter((t) => t >= '06:15:00')).toHaveLength(10);
    expect(starts).toContain('06:15:00');
    expect(result.slots.every((s) => s.window === '05:30-06:30')).toBe(true);
  });

  it('keeps the jingles at the window\'s outer edges, not beside the relay', () => {
    const st = withRelays(
      station([zone('z', [win('05:30', '05:50')])], [], { openingJingle: 'open', closingJingle: 'close' }),
      [relay('r', '05:40', '05:45')],
    );
    const jingles = [item('open', { durationMs: 10_000 }), item('close', { durationMs: 10_000 })];
    const result = plan(planInput(st, [...jingles, ...items]));
    expect(result.slots[0]).toMatchObject({ itemId: 'open', start: at(MON, '05:30') });
    expect(result.slots.at(-1)).toMatchObject({ itemId: 'close' });
    expect(timeOf(result.slots.at(-1)!.start) >= '05:45:00').toBe(true);
    expect(result.slots.filter((s) => s.itemId === 'open' || s.itemId === 'close')).toHaveLength(2);
    expect(clashes(result)).toEqual([]);
  });

  it('plans a relay outside windows as its own airtime and leaves the windows as they were', () => {
    const zones = [zone('z', [win('05:30', '05:40')])];
    const without = plan(planInput(station(zones), items));
    const result = plan(planInput(withRelays(station(zones), [relay('r', '12:00', '12:30')]), items));
    expect(result.relaySlots).toMatchObject([{ zone: 'z', start: at(MON, '12:00'), end: at(MON, '12:30'), window: null }]);
    expect(result.slots).toEqual(without.slots);
    expect(result.shortfalls).toEqual(without.shortfalls);
  });

  it('does not call a peak window a relay covers whole empty, nor count the relay toward topic targets', () => {
    const st = station(
      [zone('z', [win('05:30', '06:00', { peak: true }), win('17:00', '17:10')])],
      [topic('t', 'Thời sự', [rule({ per: 'day', min: 1, peakOnly: true })])],
    );
    const topical = [item('t1', { topics: ['t'] }), ...items];
    const covered = withRelays(st, [relay('r', '05:30', '06:00')]);
    const result = plan(planInput(covered, topical));
    expect(result.relaySlots).toHaveLength(1);
    expect(result.slots.every((s) => s.window === '17:00-17:10')).toBe(true);
    expect(result.shortfalls.filter((s) => s.kind === 'empty-window' || s.kind === 'empty-day')).toEqual([]);
    // The relay is not the topic's play: with its only peak window taken, the target is missed for want of a window.
    expect(result.shortfalls).toMatchObject([{ kind: 'topic-below-target', topic: 't', planned: 0, reason: 'no-window' }]);
  });

  it('reports a peak window cut by a relay as empty only when both parts are', () => {
    const st = withRelays(
      station([zone('z', [win('05:30', '06:00', { peak: true }), win('17:00', '17:30', { peak: true })])]),
      [relay('r', '05:40', '05:50')],
    );
    // One 12-minute item: it fits neither part of the cut window, only the evening one.
    const result = plan(planInput(st, [item('long', { durationMs: minutes(12) })]));
    expect(result.slots.map((s) => s.window)).toEqual(['17:00-17:30']);
    expect(result.shortfalls).toMatchObject([{ kind: 'empty-window', window: '05:30-06:00' }]);
  });

  it('airs a relay on every member of a group it names, the shared programme planned around it', () => {
    const grouped = (id: string) => zone(id, [win('05:30', '06:00')], { group: 'phuong' });
    const st = withRelays(station([grouped('a'), grouped('b'), zone('c', [win('05:30', '06:00')])]), [
      relay('r', '05:45', '05:50', { zones: ['phuong'] }),
    ]);
    const result = plan(planInput(st, items));
    expect(result.relaySlots.map((s) => s.zone)).toEqual(['a', 'b']);
    expect(clashes(result)).toEqual([]);
    const of = (z: string) => result.slots.filter((s) => s.zone === z).map((s) => `${timeOf(s.start)} ${s.itemId}`);
    expect(of('a')).toEqual(of('b'));
    expect(of('a').some((s) => s.startsWith('05:50'))).toBe(true);
    // The zone outside the group keeps its window whole.
    expect(of('c').filter((s) => s >= '05:45' && s < '05:50')).toHaveLength(5);
  });

  it('names one member and reaches its whole group (a group shares one stream)', () => {
    const grouped = (id: string) => zone(id, [win('05:30', '06:00')], { group: 'phuong' });
    const st = withRelays(station([grouped('a'), grouped('b')]), [relay('r', '05:45', '05:50', { zones: ['b'] })]);
    expect(plan(planInput(st, items)).relaySlots.map((s) => s.zone)).toEqual(['a', 'b']);
  });

  it('airs a relay only on its days', () => {
    const st = withRelays(station([zone('z', [win('05:30', '06:00')])]), [relay('r', '05:40', '05:45', { days: [2] })]);
    const result = plan(planInput(st, items, { from: MON, to: TUE }));
    expect(result.relaySlots.map((s) => s.start)).toEqual([at(TUE, '05:40')]);
    const monday = result.slots.filter((s) => s.start.startsWith(MON)).map((s) => timeOf(s.start));
    expect(monday).toContain('05:40:00');
    expect(clashes(result)).toEqual([]);
  });

  it('leaves out an airing already under way and plans nothing in what is left of it', () => {
    const st = withRelays(station([zone('z', [win('05:30', '06:00')])]), [relay('r', '05:40', '05:50')]);
    const result = plan(planInput(st, items, { now: at(MON, '05:42') }));
    expect(result.relaySlots).toEqual([]);
    expect(result.slots.map((s) => timeOf(s.start))[0]).toBe('05:50:00');
  });

  it('rejects a pin in a window the relay covers whole, and places one in the part with room', () => {
    const st = withRelays(station([zone('z', [win('05:30', '06:00'), win('11:00', '11:30')])]), [
      relay('cover', '05:30', '06:00'),
      relay('cut', '11:02', '11:20'),
    ]);
    const pins = [
      { zone: 'z', date: MON, window: '05:30', itemId: 'n1' },
      { zone: 'z', date: MON, window: '11:00', itemId: 'long' },
    ];
    const result = plan(planInput(st, [item('long', { durationMs: minutes(5) }), ...items], { pins }));
    expect(result.rejectedPins).toEqual([{ pin: pins[0], reason: 'the window is taken by a relay that day' }]);
    const said = describePinRefusal(result.rejectedPins[0]!.reason, { itemTitle: (id) => id, zoneName: (id) => id }, 'vi');
    expect(said).toEqual({ rule: 'relay', text: 'khung giờ này trong ngày đó đã dành trọn cho tiếp âm, không còn thời gian để phát tin bài' });
    const long = result.slots.filter((s) => s.itemId === 'long');
    expect(long.map((s) => timeOf(s.start))).toEqual(['11:20:00']);
  });
});

describe('validating relays', () => {
  const st = withRelays(station([zone('z', [win('05:30', '06:00')])]), [relay('r', '05:40', '05:45')]);
  const input = planInput(st, items);
  const relaySlot: RelaySlot = {
    kind: 'relay', zone: 'z', start: at(MON, '05:40'), end: at(MON, '05:45'), relayId: 'r', source: 'vov1', sourceName: 'VOV1', window: '05:30-06:00',
  };
  const check = (slots: Slot[], relays: RelaySlot[]) => validatePlan(input, slots, [], relays);

  it('accepts items around the relay', () => {
    expect(check([slot('z', 'n0', MON, '05:39', '05:40', '05:30-06:00'), slot('z', 'n1', MON, '05:45', '05:46', '05:30-06:00')], [relaySlot])).toEqual([]);
  });

  it('finds an item slot that overlaps the relay', () => {
    const found = check([slot('z', 'n0', MON, '05:44:30', '05:45:30', '05:30-06:00')], [relaySlot]);
    expect(found).toMatchObject([{ rule: 1, zone: 'z', message: expect.stringContaining('overlaps relay r') }]);
  });

  it('finds a relay left out of the plan, and a relay slot at the wrong time', () => {
    expect(check([], [])).toMatchObject([{ rule: 1, message: expect.stringContaining('relay r at 2026-05-17T22:40:00.000Z is missing') }]);
    const moved = check([], [{ ...relaySlot, start: at(MON, '05:41') }]);
    expect(moved.map((v) => v.message)).toEqual([
      expect.stringContaining('is no airing of a relay of the zone'),
      expect.stringContaining('is missing from the plan'),
    ]);
  });

  it('orders a window\'s parts on their own: a priority item after the relay is no breach of rule 6', () => {
    const priority = planInput(st, [...items, item('p', { priority: 'priority' })]);
    const slots = [
      slot('z', 'p', MON, '05:30', '05:31', '05:30-06:00'),
      slot('z', 'n0', MON, '05:31', '05:32', '05:30-06:00'),
      slot('z', 'p', MON, '05:45', '05:46', '05:30-06:00'),
    ];
    expect(validatePlan(priority, slots, [], [relaySlot]).filter((v) => v.rule === 6)).toEqual([]);
    const noRelay = planInput(station([zone('z', [win('05:30', '06:00')])]), [...items, item('p', { priority: 'priority' })]);
    expect(validatePlan(noRelay, slots).map((v) => v.rule)).toContain(6);
  });
});

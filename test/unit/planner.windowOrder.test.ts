/**
 * The order a day's windows are planned in (day.ts peakFirst), and the validator's reading of a zone
 * whose windows are listed out of time order (validateWindows.ts sorts each day's instances itself).
 */
import { describe, expect, it } from 'vitest';
import type { WindowDef, WindowInstance } from '../../src/planner/calendar.ts';
import { peakFirst } from '../../src/planner/day.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { item, planInput, slot, station, win, zone } from '../support/stationBuilder.ts';

/** A window instance named by its label; only `peak` and the label matter to peakFirst. */
function instance(label: string, peak: boolean, startSec: number): WindowInstance {
  const def: WindowDef = { startSec, endSec: startSec + 600, peak, days: [], label, ordinal: 0 };
  return { def, day: 0, date: '', startMs: startSec * 1000, endMs: (startSec + 600) * 1000, peak, opens: true, closes: true };
}

const labels = (windows: WindowInstance[]) => windows.map((w) => w.def.label);

describe('peakFirst', () => {
  const morning = instance('morning', true, 5 * 3600);
  const noon = instance('noon', false, 11 * 3600);
  const evening = instance('evening', true, 17 * 3600);
  const night = instance('night', true, 20 * 3600);
  const late = instance('late', false, 22 * 3600);

  it('puts the peak windows first, starting from a different one each day, then the others in time order', () => {
    const day = [morning, noon, evening, night, late];
    expect(labels(peakFirst(day, 30))).toEqual(['morning', 'evening', 'night', 'noon', 'late']);
    expect(labels(peakFirst(day, 31))).toEqual(['evening', 'night', 'morning', 'noon', 'late']);
    expect(labels(peakFirst(day, 32))).toEqual(['night', 'morning', 'evening', 'noon', 'late']);
    // Day counters before 1970 are negative: the turn still goes round.
    expect(labels(peakFirst(day, -1))).toEqual(['night', 'morning', 'evening', 'noon', 'late']);
  });

  it('leaves a day without peak windows in time order', () => {
    const day = [noon, late];
    expect(peakFirst(day, 7)).toBe(day);
    expect(labels(peakFirst([], 7))).toEqual([]);
  });
});

describe('validator with windows listed out of time order', () => {
  const z = zone('tdp-1', [win('17:00', '17:30', { peak: true }), win('05:00', '05:30', { peak: true })]);
  const input = planInput(station([z]), [item('a'), item('b')]);

  it('accepts the plan the planner makes for such a zone', () => {
    const result = planRange(input);
    expect(result.slots.length).toBeGreaterThan(0);
    expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
  });

  it('still finds a slot whose window label is not the window it lies in', () => {
    const wrong = slot('tdp-1', 'a', '2026-05-18', '05:00', '05:01', '17:00-17:30');
    const violations = validatePlan(input, [wrong]);
    expect(violations.map((v) => [v.rule, v.message])).toEqual([[1, 'slot says window 17:00-17:30 but lies in 05:00-05:30']]);
  });
});

/**
 * A refused pin is said in the operator's language: every sentence the planner gives for a refused
 * pin is recognised and said again in Vietnamese and in English with the item's title and the zone's
 * name, never with English left inside the Vietnamese sentence.
 */
import { describe, expect, it } from 'vitest';
import type { Pin } from '../../src/domain/plan.ts';
import { Refusal } from '../../src/planner/candidates.ts';
import type { ItemRecord } from '../../src/planner/library.ts';
import { planRange } from '../../src/planner/plan.ts';
import { describeRefusal } from '../../src/planner/reasons.ts';
import type { PlanContext } from '../../src/planner/context.ts';
import { describePinRefusal, type PinRule } from '../../src/scheduling/pinRefusal.ts';
import { at, item, minutes, planInput, station, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';
const names = { itemTitle: (id: string) => `Tiêu đề ${id}`, zoneName: (id: string) => `Tổ ${id}` };

/** Words of the planner's English that must not survive in a Vietnamese sentence. */
const ENGLISH = /\b(item|zone|window|does|not|the|would|is|at)\b/;

function expectSaid(reason: string, rule: PinRule) {
  const vi = describePinRefusal(reason, names, 'vi');
  const en = describePinRefusal(reason, names, 'en');
  expect(vi.rule, reason).toBe(rule);
  expect(en.rule).toBe(rule);
  expect(vi.text, reason).not.toMatch(ENGLISH);
  expect(vi.text).not.toBe(en.text);
  return { vi: vi.text, en: en.text };
}

describe('describePinRefusal', () => {
  it('says every refusal of the fill step in both languages, with the title and the time of day', () => {
    const ctx = { tz: 'Asia/Ho_Chi_Minh', maxPlaysPerDay: 2, repeatGapMs: minutes(120), ceremonialShare: 0.12 } as PlanContext;
    const rec = { id: 'itm_x' } as ItemRecord;
    const startMs = Date.parse(at(MON, '05:30'));
    const expected: Record<number, PinRule> = {
      [Refusal.fit]: 'fit',
      [Refusal.notYetValid]: 'not-yet-valid',
      [Refusal.expired]: 'expired',
      [Refusal.excluded]: 'excluded',
      [Refusal.oncePerWindow]: 'once-per-window',
      [Refusal.perDay]: 'per-day',
      [Refusal.repeatGap]: 'repeat-gap',
      [Refusal.topicMax]: 'topic-max',
      [Refusal.ceremonial]: 'ceremonial',
      [Refusal.reservedForPin]: 'not-placeable',
      [Refusal.weekSpread]: 'not-placeable',
      [Refusal.priorityShare]: 'not-placeable',
    };
    for (const [code, rule] of Object.entries(expected)) {
      const said = expectSaid(describeRefusal(Number(code) as Refusal, rec, startMs, ctx), rule);
      expect(said.vi).toContain('«Tiêu đề itm_x»');
    }
    const fit = expectSaid(describeRefusal(Refusal.fit, rec, startMs, ctx), 'fit');
    expect(fit.vi).toContain('05:30');
    expect(expectSaid(describeRefusal(Refusal.repeatGap, rec, startMs, ctx), 'repeat-gap').vi).toContain('120 phút');
    expect(expectSaid(describeRefusal(Refusal.perDay, rec, startMs, ctx), 'per-day').en).toContain('more than 2 times');
  });

  it('says the refusals found before filling (zone, item, window, exclusion) as the planner words them', () => {
    const st = station([
      zone('z', [win('05:30', '05:35', { peak: true })]),
      zone('off', [win('05:30', '05:35')], { enabled: false }),
    ], [], { openingJingle: 'jingle' });
    const pin = (over: Partial<Pin>): Pin => ({ zone: 'z', date: MON, window: '05:30', itemId: 'a', ...over });
    const input = planInput(st, [item('a'), item('p', { status: 'pending' }), item('jingle', { durationMs: 5000 }), item('long', { durationMs: minutes(6) })], {
      now: at(MON, '00:00'),
      pins: [
        pin({ zone: 'nowhere' }),
        pin({ zone: 'off' }),
        pin({ itemId: 'gone' }),
        pin({ itemId: 'p' }),
        pin({ itemId: 'jingle' }),
        pin({ window: '07:00' }),
        pin({ itemId: 'long' }),
        pin({ itemId: 'a', date: MON }),
      ],
      exclusions: [{ zone: 'z', date: MON, itemId: 'a' }],
    });
    const rules = planRange(input).rejectedPins.map((r) => describePinRefusal(r.reason, names, 'vi').rule);
    expect(rules.sort()).toEqual(['excluded', 'fit', 'jingle', 'no-window', 'not-approved', 'unknown-item', 'unknown-zone', 'zone-disabled'].sort());
    const noWindow = planRange(input).rejectedPins.find((r) => r.pin.window === '07:00')!;
    expect(describePinRefusal(noWindow.reason, names, 'vi').text).toBe('khu vực «Tổ z» không có khung giờ nào bắt đầu lúc 07:00 vào ngày 18/05/2026');
  });

  it('says a window already over, and an unknown sentence generically rather than in English', () => {
    expectSaid('the window is already over, or fully aired, at planning time', 'window-over');
    const unknown = describePinRefusal('something new the planner says', names, 'vi');
    expect(unknown.rule).toBe('other');
    expect(unknown.text).not.toMatch(ENGLISH);
  });
});

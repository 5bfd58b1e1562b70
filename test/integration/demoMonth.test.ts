import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ITEMS } from '../../src/demo/demoLibrary.ts';
import { DEMO_FILE } from '../../src/demo/loadDemo.ts';
import type { PlanInput, PlannableItem } from '../../src/domain/plan.ts';
import { planRange } from '../../src/planner/plan.ts';
import { validatePlan } from '../../src/planner/validate.ts';
import { parseStationYaml } from '../../src/station/stationYaml.ts';

/** The demo ward with the demo library, planned for a whole month from its first day. */
function demoMonthInput(): PlanInput {
  const file = parseStationYaml(readFileSync(DEMO_FILE, 'utf8'));
  const items: PlannableItem[] = DEMO_ITEMS.map((d, i) => ({
    id: `demo-${i + 1}`, title: d.title, kind: d.kind, topics: d.topics, ceremonial: d.ceremonial ?? false,
    priority: d.priority ?? 'normal', status: 'approved', durationMs: d.seconds * 1000 + 26, validFrom: null, validUntil: null,
    approvedAt: '2026-11-30T08:00:00+07:00', createdAt: '2026-11-30T08:00:00+07:00',
  }));
  return {
    station: { tz: 'Asia/Ho_Chi_Minh', zones: file.zones, topics: file.topics, policy: file.policy! },
    items, aired: [], from: '2026-12-01', to: '2026-12-31', now: '2026-12-01T00:00:00+07:00',
  };
}

describe('the demo ward planned for a month', () => {
  const input = demoMonthInput();
  const result = planRange(input);

  it('produces a programme the independent validator accepts', () => {
    expect(result.slots.length).toBeGreaterThan(1000);
    expect(validatePlan(input, result.slots, result.rejectedPins)).toEqual([]);
  });

  it('meets Đại hội XIV at least once a day in the peak windows of every Tổ dân phố', () => {
    for (const zone of input.station.zones) {
      const peakDays = new Set(
        result.slots
          .filter((s) => s.zone === zone.id && s.reason.includes('topic:dai-hoi-xiv') && !s.window.startsWith('11:'))
          .map((s) => s.start.slice(0, 10)),
      );
      expect(peakDays.size).toBe(31);
    }
  });

  it('keeps ceremonial content strictly under 15% of plays and airtime in every zone', () => {
    const ceremonial = new Set(input.items.filter((i) => i.ceremonial).map((i) => i.id));
    const duration = new Map(input.items.map((i) => [i.id, i.durationMs]));
    for (const zone of input.station.zones) {
      const own = result.slots.filter((s) => s.zone === zone.id);
      const cer = own.filter((s) => ceremonial.has(s.itemId));
      const ms = (list: typeof own) => list.reduce((sum, s) => sum + duration.get(s.itemId)!, 0);
      expect(cer.length / own.length).toBeLessThan(0.15);
      expect(ms(cer) / ms(own)).toBeLessThan(0.15);
    }
  });

  it('explains every shortfall truthfully when the library runs short', () => {
    // No Cải cách hành chính item at all; the An ninh trật tự items expire on 15 December.
    const starved: PlanInput = {
      ...input,
      items: input.items
        .filter((i) => !i.topics.includes('cai-cach-hanh-chinh'))
        .map((i) => (i.topics.includes('an-ninh-trat-tu') ? { ...i, validUntil: '2026-12-15T00:00:00+07:00' } : i)),
    };
    const starvedResult = planRange(starved);
    expect(validatePlan(starved, starvedResult.slots, starvedResult.rejectedPins)).toEqual([]);
    const topicsOf = new Map(starved.items.map((i) => [i.id, i.topics]));
    const byTopic = (topic: string) => starvedResult.shortfalls.filter((s) => s.topic === topic);
    // Every full week of December, in each of the five programmes' six zones.
    expect(byTopic('cai-cach-hanh-chinh').length).toBe(4 * 6);
    expect(byTopic('cai-cach-hanh-chinh').every((s) => s.reason === 'no-approved-item')).toBe(true);
    const anNinh = byTopic('an-ninh-trat-tu');
    expect(anNinh.length).toBeGreaterThan(0);
    expect(anNinh.every((s) => s.reason === 'items-expire' && s.periodStart >= '2026-12-14')).toBe(true);
    for (const s of starvedResult.shortfalls) {
      const topic = s.topic;
      if (topic === null) continue;
      // What the sentence says was planned is what the plan holds for that zone, topic and period.
      const held = starvedResult.slots.filter(
        (x) => x.zone === s.zone && topicsOf.get(x.itemId)!.includes(topic) && x.start.slice(0, 10) >= s.periodStart && x.start.slice(0, 10) <= s.periodEnd,
      ).length;
      expect(s.planned).toBe(held);
      expect(s.message.vi).toContain(`cần ít nhất ${s.wanted}`);
      expect(s.message.vi).toContain(`chỉ có ${s.planned}`);
    }
  });
});

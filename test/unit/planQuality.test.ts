import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPlanQuality, measurePlanQuality } from '../../src/planner/planQuality.ts';
import { parseInstantText } from '../../src/planner/validateTime.ts';
import { formatInstant, parseInstant } from '../../src/domain/time.ts';
import { aired, at, item, planInput, rule, slot, station, topic, win, zone } from '../support/stationBuilder.ts';

const MON = '2026-05-18';
const MORNING = '05:30-06:30';
const NOON = '11:00-11:30';
const EVENING = '17:00-18:00';
const windows = () => [win('05:30', '06:30', { peak: true }), win('11:00', '11:30'), win('17:00', '18:00', { peak: true })];
const jingles = { openingJingle: 'nhac-mo', closingJingle: 'nhac-dong' };

describe('measurePlanQuality: fill and empty peak windows', () => {
  const st = station([zone('a', windows())], [], jingles);
  const items = [item('x'), item('y'), item('nhac-mo', { durationMs: 15_000 }), item('nhac-dong', { durationMs: 15_000 })];
  const slots = [
    slot('a', 'nhac-mo', MON, '05:30:00', '05:30:15', MORNING, ['jingle-open']),
    slot('a', 'x', MON, '05:30:15', '05:31:15', MORNING),
    slot('a', 'y', MON, '11:00', '11:15', NOON),
    // Only jingles in the evening: the window is empty, and x or y could have filled it.
    slot('a', 'nhac-mo', MON, '17:00:00', '17:00:15', EVENING, ['jingle-open']),
    slot('a', 'nhac-dong', MON, '17:00:15', '17:00:30', EVENING, ['jingle-close']),
  ];

  it('shares window time filled by non-jingle slots, peak apart from non-peak', () => {
    const q = measurePlanQuality(planInput(st, items), slots);
    expect(q.fill.peak).toEqual({ windows: 2, windowMs: 120 * 60_000, filledMs: 60_000, share: 1 / 120 });
    expect(q.fill.nonPeak).toEqual({ windows: 1, windowMs: 30 * 60_000, filledMs: 15 * 60_000, share: 0.5 });
    expect(q.slots).toBe(5);
    expect(q.slotsOutsideWindows).toBe(0);
  });

  it('counts a window partly past from now, and leaves out windows already over', () => {
    const later = slots.filter((s) => s.start >= at(MON, '05:45'));
    const q = measurePlanQuality(planInput(st, items, { now: at(MON, '05:45') }), [
      slot('a', 'x', MON, '05:50', '05:51', MORNING),
      ...later,
    ]);
    expect(q.fill.peak).toMatchObject({ windows: 2, windowMs: 105 * 60_000, filledMs: 60_000 });
    expect(measurePlanQuality(planInput(st, items, { now: at(MON, '12:00') }), later).fill.nonPeak.windows).toBe(0);
  });

  it('counts an empty peak window while an approved item was available, and lists it', () => {
    const q = measurePlanQuality(planInput(st, items), slots);
    expect(q.emptyPeakWindows).toEqual({ withItems: 1, total: 1, examples: [{ zone: 'a', date: MON, window: EVENING }] });
    expect(formatPlanQuality(q).find(([k]) => k.startsWith('empty peak windows'))?.[1]).toBe('1 (of 1 empty peak windows)');
  });

  it('does not count an empty peak window when no item could have aired in it', () => {
    const short = station([zone('b', [win('06:00', '06:10', { peak: true })])]);
    const none = [
      item('too-long', { durationMs: 20 * 60_000 }),
      item('expired', { validUntil: at(MON, '06:05'), durationMs: 10 * 60_000 }),
      item('pending', { status: 'pending' }),
      item('excluded'),
      item('silent', { durationMs: 0 }),
    ];
    const exclusions = [{ zone: 'b', date: MON, itemId: 'excluded' }];
    const q = measurePlanQuality(planInput(short, none, { exclusions }), []);
    expect(q.emptyPeakWindows).toEqual({ withItems: 0, total: 1, examples: [] });
    // A five-minute item valid from 06:00 fits: now the window counts.
    const fits = [...none, item('fresh', { validFrom: at(MON, '06:00'), durationMs: 5 * 60_000 })];
    expect(measurePlanQuality(planInput(short, fits, { exclusions }), []).emptyPeakWindows.withItems).toBe(1);
  });
});

describe('measurePlanQuality: items, first airing, ceremonial share', () => {
  const st = station([zone('a', windows()), zone('b', windows())], [], jingles);
  const items = [
    item('x', { approvedAt: '2026-05-17T09:00:00+07:00' }),
    item('y', { approvedAt: null, createdAt: at(MON, '03:00') }),
    item('z'),
    item('gone', { validUntil: '2026-05-10T00:00:00+07:00' }),
    item('c', { ceremonial: true, durationMs: 120_000 }),
    item('nhac-mo', { durationMs: 15_000 }),
  ];
  const slots = [
    slot('a', 'nhac-mo', MON, '05:30:00', '05:30:15', MORNING, ['jingle-open']),
    slot('a', 'x', MON, '05:30:15', '05:31:15', MORNING),
    slot('a', 'y', MON, '11:00', '11:01', NOON),
    slot('a', 'x', MON, '17:00', '17:01', EVENING),
    slot('b', 'x', MON, '17:00', '17:01', EVENING),
    slot('b', 'x', '2026-05-19', '17:00', '17:01', EVENING),
  ];
  const history = [
    aired('a', 'c', '2026-05-10', '05:30', 120_000, { ceremonial: true }),
    aired('a', 'x', '2026-05-10', '17:00'),
    aired('a', 'c', '2026-04-30', '05:30', 120_000, { ceremonial: true }), // another month: not counted
  ];
  const input = planInput(st, items, { to: '2026-05-19', aired: history });

  it('reports plays per item per zone over the valid items, and the items never planned', () => {
    const q = measurePlanQuality(input, slots);
    // x: 4 plays over 2 zones; y: 1 / 2; z and c: none; "gone" expired before the range.
    expect(q.playsPerItem).toEqual({ items: 4, min: 0, median: 0.25, max: 2, neverPlanned: 2 });
  });

  it('reports the median time from approval (or now, when later) to the first planned airing', () => {
    const q = measurePlanQuality(input, slots);
    // x in a: 05:30:15 from now (00:00) = 330.25 min; x in b: 17:00 = 1020 min; y in a: 11:00 − 03:00 = 480 min.
    expect(q.firstAiring.pairs).toBe(3);
    expect(q.firstAiring.medianMinutes).toBe(480);
    expect(q.firstAiring.peakShare).toBeCloseTo(2 / 3);
  });

  it('takes the largest ceremonial share of plays, airtime and items over zone-months, history included', () => {
    const q = measurePlanQuality(input, slots);
    // Zone a, May: c aired once (120 s) next to x aired once and x, y, x planned (60 s each).
    expect(q.ceremonial.maxPlayShare).toBeCloseTo(1 / 5);
    expect(q.ceremonial.maxAirtimeShare).toBeCloseTo(120 / 360);
    expect(q.ceremonial.maxItemShare).toBeCloseTo(1 / 3);
    expect(q.ceremonial).toMatchObject({ cap: 0.15, zoneMonths: 2, zoneMonthsAtCap: 1 });
  });
});

describe('measurePlanQuality: topics compliance', () => {
  // Wednesday 20 May to Tuesday 2 June: the week of 18 May counts its Monday and Tuesday from history;
  // the week of 1 June ends after the range and is skipped.
  const from = '2026-05-20';
  const to = '2026-06-02';
  const topics = [
    topic('t1', 'Đại hội', [rule({ per: 'day', min: 1, max: 2, peakOnly: true, from: '2026-05-20', to: '2026-05-22' })]),
    topic('t2', 'Cải cách hành chính', [rule({ per: 'week', min: 3, max: 5 })]),
    topic('t3', 'An ninh', [rule({ per: 'week', min: 3, from: '2026-05-28' })]),
    topic('t4', 'Hội họp', [rule({ per: 'day', max: 1 })]),
    topic('t5', 'Nơi khác', [rule({ per: 'day', min: 1, zones: ['other'] })]),
  ];
  const st = station([zone('a', windows())], topics);
  const items = ['t1', 't2', 't3', 't4'].map((t) => item(`i-${t}`, { topics: [t] }));
  const peakSlot = (it: string, date: string, time = '05:30', end = '05:31') => slot('a', it, date, time, end, MORNING);
  const noonSlot = (it: string, date: string, time = '11:00', end = '11:01') => slot('a', it, date, time, end, NOON);
  const slots = [
    peakSlot('i-t1', '2026-05-20'), // met
    noonSlot('i-t1', '2026-05-21'), // not in peak: the peak-only min is not met
    peakSlot('i-t1', '2026-05-22'),
    noonSlot('i-t1', '2026-05-22'),
    noonSlot('i-t1', '2026-05-22', '11:10', '11:11'), // 3 plays that day: the max (any window) is broken
    peakSlot('i-t2', '2026-05-20', '05:40', '05:41'), // + 2 aired on Mon/Tue: week of 18 May met
    peakSlot('i-t2', '2026-05-26', '05:40', '05:41'),
    peakSlot('i-t2', '2026-05-27', '05:40', '05:41'), // week of 25 May: 2 < 3
    peakSlot('i-t2', '2026-06-01', '05:40', '05:41'), // week of 1 June is not judged
    noonSlot('i-t3', '2026-05-26'), // before the rule's dates
    noonSlot('i-t3', '2026-05-28'),
    noonSlot('i-t3', '2026-05-30'), // 2 ≥ ceil(3 × 4 / 7) = 2: met
    peakSlot('i-t4', '2026-05-25', '05:50', '05:51'),
    noonSlot('i-t4', '2026-05-25', '11:20', '11:21'), // 2 > 1
  ];
  const history = [
    aired('a', 'i-t2', '2026-05-18', '05:30', 60_000, { topics: ['t2'] }),
    aired('a', 'i-t2', '2026-05-19', '05:30', 60_000, { topics: ['t2'] }),
  ];
  const input = planInput(st, items, { from, to, now: at(from, '00:00'), aired: history });

  it('judges each rule per period: peak-only minima, maxima in any window, pro-rated weeks', () => {
    const q = measurePlanQuality(input, slots);
    const byTopic = Object.fromEntries(q.topics.rules.map((r) => [r.topic, { met: r.met, periods: r.periods, maxExceeded: r.maxExceeded }]));
    expect(byTopic).toEqual({
      t1: { met: 2, periods: 3, maxExceeded: 1 },
      t2: { met: 1, periods: 2, maxExceeded: 0 },
      t3: { met: 1, periods: 1, maxExceeded: 0 },
      t4: { met: 0, periods: 0, maxExceeded: 1 },
      t5: { met: 0, periods: 0, maxExceeded: 0 },
    });
    expect(q.topics).toMatchObject({ met: 4, periods: 6, share: 4 / 6, maxExceeded: 2 });
  });

  it('prints the figures as labelled rows', () => {
    const rows = formatPlanQuality(measurePlanQuality(input, slots));
    const labels = rows.map(([k]) => k);
    expect(labels).toContain('fill of peak windows');
    expect(labels).toContain('topic maxima exceeded (zone-periods)');
    expect(rows.find(([k]) => k === 'topic minima met (zone-periods)')?.[1]).toBe('66.7%: 4 of 6 (1 of 3 rules always met)');
  });
});

describe("the report reads instants with the validator's reader: as parseInstant does, impossible dates refused", () => {
  const zones = ['Asia/Ho_Chi_Minh', 'America/St_Johns', 'UTC', 'Asia/Kathmandu'];
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });

  it('for any instant written by formatInstant, and for malformed text', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (ms, tz) => {
        const text = formatInstant(ms, tz);
        expect(parseInstantText(text)).toBe(parseInstant(text));
      }),
    );
    for (const text of ['2028-02-29T05:30:00+07:00', '2026-13-01T05:30:00+07:00', '2026-05-18T24:00:00+07:00', '2026-05-18T05:3x:00+07:00', '2026-05-18T05:30:00Z', '2026-05-18 05:30:00+07:00', '']) {
      expect(parseInstantText(text)).toBe(parseInstant(text));
    }
    // Date.parse rolls 29 February 2026 over into March; a slot on a day that does not exist is unreadable.
    expect(parseInstant('2026-02-29T05:30:00+07:00')).not.toBeNull();
    expect(parseInstantText('2026-02-29T05:30:00+07:00')).toBeNull();
  });
});

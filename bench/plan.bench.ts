/**
 * Planner benchmark: a generated city (1,000 zones in 100 groups, 3,000 items, 30 topics, a week of
 * history) planned for 31 days, then checked by the independent validator.
 * Run: npm run bench:plan. Deterministic (seeded PRNG). Exits 1 when the plan is invalid or the
 * targets (plan + validate < 5 s, < 500 MB) are missed.
 */
import type { AiredPlay, Exclusion, Pin, PlanInput, PlannableItem } from '../src/domain/plan.ts';
import type { Station, Topic, TopicRule, Window, Zone } from '../src/domain/station.ts';
import { loadavg } from 'node:os';
import { planRange } from '../src/planner/plan.ts';
import { validatePlan } from '../src/planner/validate.ts';
import { addDays, formatInstant, formatTimeOfDay, parseInstant } from '../src/domain/time.ts';
import { prng } from './prng.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const FROM = '2026-06-03'; // a Wednesday: the first week is part history, the range crosses into July
const DAYS = 31;
const HISTORY_FROM = addDays(FROM, -7);
const TARGET_MS = 5000;
const TARGET_MB = 500;

const rand = prng(20260603);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const chance = (p: number) => rand() < p;
const at = (date: string, seconds: number) => formatInstant(Date.parse(`${date}T00:00:00+07:00`) + seconds * 1000, TZ);

function buildZones(): Zone[] {
  const zones: Zone[] = [];
  for (let g = 0; g < 100; g++) {
    const morning = 5 * 3600 + int(-3, 3) * 300;
    const evening = 17 * 3600 + int(-3, 3) * 300;
    const noon = 11 * 3600 + int(0, 6) * 300;
    const windows: Window[] = [
      { days: [1, 2, 3, 4, 5, 6, 7], start: formatTimeOfDay(morning), end: formatTimeOfDay(morning + int(45, 75) * 60), peak: true },
      { days: [1, 2, 3, 4, 5], start: formatTimeOfDay(noon), end: formatTimeOfDay(noon + int(20, 40) * 60), peak: false },
      { days: [1, 2, 3, 4, 5, 6, 7], start: formatTimeOfDay(evening), end: formatTimeOfDay(evening + int(45, 75) * 60), peak: true },
    ];
    for (let m = 0; m < 10; m++) {
      const id = `tdp-${g * 10 + m + 1}`;
      zones.push({
        id,
        name: `Tổ dân phố ${g * 10 + m + 1}`,
        areaCode: null,
        group: `cum-${g + 1}`,
        windows,
        outputs: [{ type: 'http', idle: 'silence' }],
        enabled: true,
      });
    }
  }
  return zones;
}

function buildTopics(zones: Zone[]): Topic[] {
  const topics: Topic[] = [];
  for (let t = 0; t < 30; t++) {
    const rules: TopicRule[] = [];
    const scoped = chance(0.2) ? zones.slice(int(0, 50) * 10, int(60, 100) * 10).map((z) => z.id) : null;
    const dated = chance(0.25);
    const base = {
      from: dated ? addDays(FROM, int(-3, 10)) : null,
      to: dated ? addDays(FROM, int(14, 40)) : null,
      zones: scoped,
    };
    // Like seed 003: mostly weekly targets (3–5 a week), some daily ones, caps above the targets.
    const dayMin = t % 3 === 0 ? int(0, 1) : 0;
    if (t % 3 === 0) {
      rules.push({ per: 'day', min: dayMin, max: dayMin + int(1, 2), peakOnly: chance(0.3), ...base });
    }
    if (t % 3 !== 1) {
      const min = int(1, 4);
      const max = chance(0.8) ? Math.max(min + int(2, 6), 7 * dayMin) : null;
      rules.push({ per: 'week', min, max, peakOnly: chance(0.2), ...base });
    }
    topics.push({ id: `chu-de-${t + 1}`, name: `Chủ đề ${t + 1}`, rules });
  }
  // A topic nobody produces yet, on a few zones, for honest shortfalls.
  const few = zones.slice(0, 20).map((z) => z.id);
  topics.push({ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, max: 2, peakOnly: true, from: null, to: null, zones: few }] });
  return topics;
}

function buildItems(topics: Topic[]): PlannableItem[] {
  const items: PlannableItem[] = [];
  for (let i = 0; i < 3000; i++) {
    const topicCount = int(0, 3);
    const own = new Set<string>();
    while (own.size < topicCount) own.add(topics[int(0, 29)]!.id);
    const created = at(addDays(FROM, -int(1, 90)), int(7, 17) * 3600);
    // A few priority/emergency bulletins, each valid for a few days as real ones are.
    const priority = i % 500 === 7 ? 'priority' : i === 1234 ? 'emergency' : 'normal';
    const ranged = priority !== 'normal' || chance(0.1);
    items.push({
      id: `item-${i + 1}`,
      title: `Tin bài ${i + 1}`,
      kind: 'tin',
      topics: [...own],
      ceremonial: chance(0.08),
      priority,
      status: 'approved',
      durationMs: int(60, 480) * 1000,
      validFrom: ranged ? at(addDays(FROM, int(-5, 20)), int(0, 23) * 3600) : null,
      validUntil: ranged ? at(addDays(FROM, int(5, 35)), int(0, 23) * 3600) : null,
      approvedAt: chance(0.9) ? created : null,
      createdAt: created,
    });
  }
  items.push(
    { ...items[0]!, id: 'nhac-hieu-mo', title: 'Nhạc hiệu mở', topics: [], ceremonial: false, priority: 'normal', durationMs: 15_000, validFrom: null, validUntil: null },
    { ...items[0]!, id: 'nhac-hieu-dong', title: 'Nhạc hiệu đóng', topics: [], ceremonial: false, priority: 'normal', durationMs: 10_000, validFrom: null, validUntil: null },
  );
  return items;
}

function buildOrders(zones: Zone[], items: PlannableItem[]): { pins: Pin[]; exclusions: Exclusion[] } {
  const pins: Pin[] = [];
  const exclusions: Exclusion[] = [];
  for (let k = 0; k < 200; k++) {
    const zone = zones[int(0, zones.length - 1)]!;
    const window = zone.windows[chance(0.5) ? 0 : 2]!;
    const date = addDays(FROM, int(0, DAYS - 1));
    pins.push({ zone: zone.id, date, window: window.start, itemId: items[int(0, 2999)]!.id });
    exclusions.push({ zone: zones[int(0, zones.length - 1)]!.id, date, itemId: items[int(0, 2999)]!.id });
  }
  return { pins, exclusions };
}

/** A week of history: what the planner would have aired, as the airtime log records it. */
function buildHistory(station: Station, items: PlannableItem[]): AiredPlay[] {
  const byId = new Map(items.map((i) => [i.id, i] as const));
  const past = planRange({ station, items, aired: [], from: HISTORY_FROM, to: addDays(FROM, -1), now: at(HISTORY_FROM, 0) });
  return past.slots.map((s) => {
    const item = byId.get(s.itemId)!;
    return { zone: s.zone, itemId: s.itemId, start: s.start, end: s.end, topics: item.topics, ceremonial: item.ceremonial };
  });
}

function memory(): { rssMb: number; heapMb: number } {
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1_048_576, heapMb: m.heapUsed / 1_048_576 };
}

function main(): void {
  const zones = buildZones();
  const topics = buildTopics(zones);
  const items = buildItems(topics);
  const station: Station = {
    tz: TZ,
    zones,
    topics,
    policy: {
      ceremonialMaxShare: 0.15,
      maxPlaysPerItemPerDay: 2,
      minRepeatGapMinutes: 120,
      gapBetweenItemsMs: 2000,
      horizonDays: 31,
      openingJingle: 'nhac-hieu-mo',
      closingJingle: 'nhac-hieu-dong',
    },
  };
  const aired = buildHistory(station, items);
  const { pins, exclusions } = buildOrders(zones, items);
  const input: PlanInput = { station, items, aired, from: FROM, to: addDays(FROM, DAYS - 1), now: at(FROM, 0), pins, exclusions };

  const setupMaxRssMb = process.resourceUsage().maxRSS / 1024;
  const samples = [memory()];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = planRange(input);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  samples.push(memory());
  const violations = validatePlan(input, result.slots);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  samples.push(memory());
  // CPU time (user + system, all threads incl. GC helpers) tells the work apart from a busy machine.
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;

  const planMs = t1 - t0;
  const validateMs = t2 - t1;
  const totalMs = planMs + validateMs;
  const maxRssMb = Math.max(process.resourceUsage().maxRSS / 1024, ...samples.map((s) => s.rssMb));
  const maxHeapMb = Math.max(...samples.map((s) => s.heapMb));
  const nowMs = parseInstant(input.now)!;
  const beforeNow = result.slots.filter((s) => parseInstant(s.start)! < nowMs).length;
  const validPct = result.slots.length === 0 ? 100 : (100 * (result.slots.length - new Set(violations.map((v) => v.slot)).size)) / result.slots.length;

  const rows: [string, string][] = [
    ['zones / groups / items / topics', `${zones.length} / 100 / ${items.length} / ${topics.length}`],
    ['aired history plays', String(aired.length)],
    ['planned range', `${input.from} .. ${input.to} (${DAYS} days)`],
    ['total time (plan + validate)', `${totalMs.toFixed(0)} ms`],
    ['plan time', `${planMs.toFixed(0)} ms (CPU ${cpuMs(c0, c1).toFixed(0)} ms)`],
    ['validate time', `${validateMs.toFixed(0)} ms (CPU ${cpuMs(c1, c2).toFixed(0)} ms)`],
    ['machine load (1 min avg, 2 cores)', loadavg()[0]!.toFixed(2)],
    ['peak RSS (process max)', `${maxRssMb.toFixed(0)} MB (setup alone reached ${setupMaxRssMb.toFixed(0)} MB)`],
    ['RSS before plan / after plan / after validate', samples.map((m) => `${m.rssMb.toFixed(0)} MB`).join(' / ')],
    ['peak heap used (sampled)', `${maxHeapMb.toFixed(0)} MB`],
    ['slots', String(result.slots.length)],
    ['slots per second (plan)', (result.slots.length / (planMs / 1000)).toFixed(0)],
    ['violations', `${violations.length} (${validPct.toFixed(2)}% of slots valid)`],
    ['slots before now', String(beforeNow)],
    ['shortfalls', String(result.shortfalls.length)],
    ['rejected pins', `${result.rejectedPins.length} of ${pins.length}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  for (const v of violations.slice(0, 5)) console.log('violation:', v.rule, v.zone, v.message);

  const ok = violations.length === 0 && beforeNow === 0 && totalMs < TARGET_MS && maxRssMb < TARGET_MB;
  console.log(ok ? 'PASS' : `FAIL (targets: 0 violations, < ${TARGET_MS} ms, < ${TARGET_MB} MB)`);
  if (!ok) process.exitCode = 1;
}

main();

/**
 * Planner benchmark, each case in its own child process (so one case's peak RSS is its own):
 * - main: 1,000 independent zones (each its own windows), 3,000 items, 30 topics, a week of history,
 *   200 pins and 200 exclusions, planned for 31 days, then checked by the independent validator;
 * - grouped: the same kind of city as 100 groups of 10 zones sharing windows (100 programmes);
 * - scaling: the main city's kind at 100 and 5,000 zones, timed like the main case (1,000).
 * The main and grouped cases print their times, memory, plan figures and the plan's quality
 * (measurePlanQuality); the scaling table prints the cost per zone-day of plan + validate.
 * Run: npm run bench:plan; npm run bench:plan:small (50 zones, 300 items, scaling at 10/50/250: the
 * same tables, no time or memory targets). One case alone: tsx bench/plan.bench.ts --case=<id> [--small].
 * `--fingerprint` adds SHA-256 fingerprints of each case's slots and shortfalls (a speed-up keeps them).
 * Exit 1 when a target is missed (issue 13, decisions §11): main case plan + validate < 3 s and peak
 * RSS < 400 MB; cost per zone-day (CPU) at 5,000 zones within 1.5× of that at 1,000; for the main
 * and grouped cases 0 violations and 0 slots before now; main case 0 empty peak windows with items available.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PlanResult } from '../src/domain/plan.ts';
import type { CityShape } from './planCity.ts';
import { buildCity, DAYS } from './planCity.ts';
import { planRange } from '../src/planner/plan.ts';
import { validatePlan } from '../src/planner/validate.ts';
import { formatPlanQuality, measurePlanQuality } from '../src/planner/planQuality.ts';
import { parseInstant } from '../src/domain/time.ts';
import { machineLine } from './machine.ts';

const TARGET_MS = 3000;
const TARGET_MB = 400;
/** Linear growth (decisions §11): cost per zone-day at the largest size within this of the main size's. */
const LINEAR_FACTOR = 1.5;

const small = process.argv.includes('--small');
/** Prints SHA-256 fingerprints of the plan (a speed-up must leave them as they were). */
const fingerprint = process.argv.includes('--fingerprint');
const MAIN_ZONES = small ? 50 : 1000;
const ITEMS = small ? 300 : 3000;
const ORDERS = small ? 10 : 200;
/** Zones of the scaling cases; the main case is the middle size. */
const SCALES = small ? [10, 250] : [100, 5000];

interface CaseSpec {
  id: string;
  label: string;
  shape: CityShape;
  /** main: time, memory and quality targets; grouped: quality only; scale: times only. */
  kind: 'main' | 'grouped' | 'scale';
}

interface Check {
  name: string;
  ok: boolean;
}

/** One case's timing, for the scaling table. */
interface Timing {
  zones: number;
  planMs: number;
  validateMs: number;
  cpuMs: number;
  slots: number;
}

/** What a child sends back to the parent. */
interface CaseReport {
  id: string;
  label: string;
  rows: [string, string][];
  checks: Check[];
  notes: string[];
  timing: Timing | null;
}

function caseSpecs(): CaseSpec[] {
  const shape = (zones: number, groupSize: number): CityShape => ({ zones, groupSize, items: ITEMS, orders: ORDERS });
  return [
    { id: 'independent', label: `main case: ${MAIN_ZONES} independent zones (each its own windows)`, shape: shape(MAIN_ZONES, 1), kind: 'main' },
    {
      id: 'grouped',
      label: `second case: grouped city, ${MAIN_ZONES / 10} groups of 10 zones sharing windows`,
      shape: shape(MAIN_ZONES, 10),
      kind: 'grouped',
    },
    ...SCALES.map((zones): CaseSpec => ({ id: `scale-${zones}`, label: `scaling: ${zones} independent zones`, shape: shape(zones, 1), kind: 'scale' })),
  ];
}

function memory(): { rssMb: number; heapMb: number } {
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1_048_576, heapMb: m.heapUsed / 1_048_576 };
}

/** Plans, validates and measures one case in this process. */
function runCase(spec: CaseSpec): CaseReport {
  const s0 = performance.now();
  const { input, groups } = buildCity(spec.shape);
  const setupMs = performance.now() - s0;
  const { station, items, aired } = input;
  const pins = input.pins ?? [];

  const setupMaxRssMb = process.resourceUsage().maxRSS / 1024;
  const samples = [memory()];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = planRange(input);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  samples.push(memory());
  const violations = validatePlan(input, result.slots, result.rejectedPins);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  samples.push(memory());
  const maxRssMb = Math.max(process.resourceUsage().maxRSS / 1024, ...samples.map((m) => m.rssMb));
  // CPU time (user + system, all threads incl. GC helpers) tells the work apart from a busy machine.
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;

  const planMs = t1 - t0;
  const validateMs = t2 - t1;
  const totalMs = planMs + validateMs;
  const timing: Timing = { zones: station.zones.length, planMs, validateMs, cpuMs: cpuMs(c0, c2), slots: result.slots.length };
  const nowMs = parseInstant(input.now)!;
  const beforeNow = result.slots.filter((s) => parseInstant(s.start)! < nowMs).length;
  const validPct =
    result.slots.length === 0 ? 100 : (100 * (result.slots.length - new Set(violations.map((v) => v.slot)).size)) / result.slots.length;

  const rows: [string, string][] = [
    ['zones / groups / items / topics', `${station.zones.length} / ${groups || 'none'} / ${items.length} / ${station.topics.length}`],
    ['aired history plays', `${aired.length} (setup with history ${(setupMs / 1000).toFixed(1)} s, not timed)`],
    ['planned range', `${input.from} .. ${input.to} (${DAYS} days)`],
    ['total time (plan + validate)', `${totalMs.toFixed(0)} ms`],
    ['plan time', `${planMs.toFixed(0)} ms (CPU ${cpuMs(c0, c1).toFixed(0)} ms)`],
    ['validate time', `${validateMs.toFixed(0)} ms (CPU ${cpuMs(c1, c2).toFixed(0)} ms)`],
    ['machine load (1 / 5 / 15 min avg)', `${loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores`],
    ['peak RSS (process max)', `${maxRssMb.toFixed(0)} MB (setup alone reached ${setupMaxRssMb.toFixed(0)} MB)`],
    ['RSS before plan / after plan / after validate', samples.map((m) => `${m.rssMb.toFixed(0)} MB`).join(' / ')],
    ['peak heap used (sampled)', `${Math.max(...samples.map((s) => s.heapMb)).toFixed(0)} MB`],
    ['slots', String(result.slots.length)],
    ['slots per second (plan)', (result.slots.length / (planMs / 1000)).toFixed(0)],
    ['violations', `${violations.length} (${validPct.toFixed(2)}% of slots valid)`],
    ['slots before now', String(beforeNow)],
    ['shortfalls', String(result.shortfalls.length)],
    ['rejected pins', `${result.rejectedPins.length} of ${pins.length}`],
  ];
  const checks: Check[] = [
    { name: '0 violations', ok: violations.length === 0 },
    { name: '0 slots before now', ok: beforeNow === 0 },
  ];
  const notes = violations.slice(0, 5).map((v) => `violation: rule ${v.rule} ${v.zone} ${v.message}`);
  if (fingerprint) rows.push(...fingerprintRows(result));
  if (spec.kind === 'scale') return { id: spec.id, label: spec.label, rows, checks, notes, timing };

  // Quality is measured after the memory figures are taken: it is not part of plan + validate.
  const q0 = performance.now();
  const quality = measurePlanQuality(input, result.slots);
  rows.push(...formatPlanQuality(quality), ['quality report time (not timed above)', `${(performance.now() - q0).toFixed(0)} ms`]);
  if (spec.kind === 'main') {
    checks.push({ name: '0 empty peak windows with items available', ok: quality.emptyPeakWindows.withItems === 0 });
    if (!small) {
      checks.push({ name: `plan + validate < ${TARGET_MS} ms`, ok: totalMs < TARGET_MS });
      checks.push({ name: `peak RSS < ${TARGET_MB} MB`, ok: maxRssMb < TARGET_MB });
    }
  }
  return { id: spec.id, label: spec.label, rows, checks, notes, timing };
}

/**
 * SHA-256 fingerprints of a plan: its slots sorted by (zone, start, item, window), each with its end
 * and reasons; the slots in the order the planner gave them; its shortfalls and rejected pins as JSON.
 */
function fingerprintRows(result: PlanResult): [string, string][] {
  const { slots } = result;
  const text = (i: number) => {
    const s = slots[i]!;
    return `${s.zone}|${s.start}|${s.itemId}|${s.window}|${s.end}|${s.reason.join(',')}\n`;
  };
  const key = (i: number) => {
    const s = slots[i]!;
    return `${s.zone}|${s.start}|${s.itemId}|${s.window}`;
  };
  const keys = slots.map((_, i) => key(i));
  const order = slots.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  const sorted = createHash('sha256');
  for (const i of order) sorted.update(text(i));
  const given = createHash('sha256');
  for (let i = 0; i < slots.length; i++) given.update(text(i));
  const json = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  return [
    ['fingerprint: slots (sorted)', sorted.digest('hex')],
    ['fingerprint: slots (planner order)', given.digest('hex')],
    ['fingerprint: shortfalls', json(result.shortfalls)],
    ['fingerprint: rejected pins / relay slots', `${json(result.rejectedPins).slice(0, 16)} / ${json(result.relaySlots).slice(0, 16)}`],
  ];
}

/** Prints rows as an aligned table: a header row, then one line per row. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

function printReport(r: CaseReport): void {
  console.log(`\n== ${r.label} ==`);
  const width = Math.max(...r.rows.map(([k]) => k.length));
  for (const [k, v] of r.rows) console.log(`${k.padEnd(width)}  ${v}`);
  for (const n of r.notes) console.log(n);
  const failed = r.checks.filter((c) => !c.ok);
  console.log(failed.length === 0 ? `targets met: ${r.checks.map((c) => c.name).join(', ')}` : `MISSED: ${failed.map((c) => c.name).join(', ')}`);
}

/** The scaling table (cost per zone-day, wall and CPU) and its linearity check. */
function scaling(reports: CaseReport[]): Check[] {
  const timings = reports.flatMap((r) => (r.timing && r.id !== 'grouped' ? [r.timing] : [])).sort((a, b) => a.zones - b.zones);
  const perZoneDay = (ms: number, t: Timing) => (1000 * ms) / (t.zones * DAYS);
  const main = timings.find((t) => t.zones === MAIN_ZONES);
  console.log(`\n== scaling: cost per zone-day of plan + validate, independent zones, ${ITEMS} items, ${DAYS} days ==`);
  printTable(
    ['zones', 'zone-days', 'slots', 'plan ms', 'validate ms', 'CPU ms', 'µs per zone-day', 'µs CPU per zone-day', `CPU vs ${MAIN_ZONES} zones`],
    timings.map((t) => [
      String(t.zones),
      String(t.zones * DAYS),
      String(t.slots),
      t.planMs.toFixed(0),
      t.validateMs.toFixed(0),
      t.cpuMs.toFixed(0),
      perZoneDay(t.planMs + t.validateMs, t).toFixed(1),
      perZoneDay(t.cpuMs, t).toFixed(1),
      main ? `${(perZoneDay(t.cpuMs, t) / perZoneDay(main.cpuMs, main)).toFixed(2)}×` : '–',
    ]),
  );
  const largest = timings[timings.length - 1];
  if (!main || !largest || largest.zones <= MAIN_ZONES) return [{ name: 'scaling cases ran', ok: false }];
  const ratio = perZoneDay(largest.cpuMs, largest) / perZoneDay(main.cpuMs, main);
  const name = `CPU per zone-day at ${largest.zones} zones within ${LINEAR_FACTOR}× of ${MAIN_ZONES} zones (${ratio.toFixed(2)}×)`;
  console.log(`machine: ${machineLine()}`);
  // A small run's sizes are too small to be linear (start-up costs dominate): printed, not judged.
  if (small) return [];
  console.log(ratio <= LINEAR_FACTOR ? `targets met: ${name}` : `MISSED: ${name}`);
  return [{ name, ok: ratio <= LINEAR_FACTOR }];
}

/** Runs one case in a child process (same node, same tsx loader) and waits for its report. */
function runChild(spec: CaseSpec): Promise<CaseReport> {
  return new Promise((resolve) => {
    const args = [`--case=${spec.id}`, ...(small ? ['--small'] : []), ...(fingerprint ? ['--fingerprint'] : [])];
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: CaseReport | undefined;
    child.on('message', (m) => (report = m as CaseReport));
    child.on('exit', (code, signal) => {
      const failed: CaseReport = { id: spec.id, label: spec.label, rows: [], checks: [{ name: `the case ran (exit ${code ?? signal})`, ok: false }], notes: [], timing: null };
      resolve(report ?? failed);
    });
  });
}

async function main(): Promise<void> {
  const specs = caseSpecs();
  const only = process.argv.find((a) => a.startsWith('--case='))?.slice('--case='.length);
  if (only) {
    const spec = specs.find((s) => s.id === only);
    if (!spec) throw new Error(`unknown case "${only}": use ${specs.map((s) => s.id).join(', ')}`);
    const report = runCase(spec);
    if (process.send) {
      process.send(report, () => process.disconnect());
    } else {
      printReport(report);
      if (report.checks.some((c) => !c.ok)) process.exitCode = 1;
    }
    return;
  }
  console.log(`plan bench${small ? ' (small)' : ''}: each case runs in its own process; machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  const reports: CaseReport[] = [];
  for (const spec of specs) {
    const report = await runChild(spec);
    if (spec.kind !== 'scale' || report.checks.some((c) => !c.ok)) printReport(report);
    reports.push(report);
  }
  const failed = reports.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => `${r.id}: ${c.name}`));
  for (const c of scaling(reports)) if (!c.ok) failed.push(`scaling: ${c.name}`);
  console.log(`\n${failed.length === 0 ? 'PASS' : `FAIL (${failed.join('; ')})`}`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();

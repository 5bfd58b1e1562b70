/**
 * Planner benchmark, two cases each in its own child process (so one case's peak RSS is its own):
 * - main: 1,000 independent zones (each its own windows), 3,000 items, 30 topics, a week of history,
 *   200 pins and 200 exclusions, planned for 31 days, then checked by the independent validator;
 * - grouped: the same kind of city as 100 groups of 10 zones sharing windows (100 programmes).
 * Each case prints its times, memory, plan figures and the plan's quality (measurePlanQuality).
 * Run: npm run bench:plan; npm run bench:plan:small (50 zones, 300 items: same table, no time or
 * memory targets). One case alone: tsx bench/plan.bench.ts --case=independent [--small].
 * Exit 1 when a target is missed: main case plan + validate < 5 s and < 500 MB peak RSS, and for
 * both cases 0 violations and 0 slots before now; main case 0 empty peak windows with items available.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CityShape } from './planCity.ts';
import { buildCity, DAYS } from './planCity.ts';
import { planRange } from '../src/planner/plan.ts';
import { validatePlan } from '../src/planner/validate.ts';
import { formatPlanQuality, measurePlanQuality } from '../src/planner/planQuality.ts';
import { parseInstant } from '../src/domain/time.ts';

const TARGET_MS = 5000;
const TARGET_MB = 500;

type CaseId = 'independent' | 'grouped';

interface CaseSpec {
  id: CaseId;
  label: string;
  shape: CityShape;
  /** The main case carries the time and memory targets. */
  main: boolean;
}

interface Check {
  name: string;
  ok: boolean;
}

/** What a child sends back to the parent. */
interface CaseReport {
  id: CaseId;
  label: string;
  rows: [string, string][];
  checks: Check[];
  notes: string[];
}

const small = process.argv.includes('--small');

function caseSpecs(): CaseSpec[] {
  const zones = small ? 50 : 1000;
  const items = small ? 300 : 3000;
  const orders = small ? 10 : 200;
  return [
    {
      id: 'independent',
      label: `main case: ${zones} independent zones (each its own windows)`,
      shape: { zones, groupSize: 1, items, orders },
      main: true,
    },
    {
      id: 'grouped',
      label: `second case: grouped city, ${zones / 10} groups of 10 zones sharing windows`,
      shape: { zones, groupSize: 10, items, orders },
      main: false,
    },
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

  // Quality is measured after the memory figures are taken: it is not part of plan + validate.
  const q0 = performance.now();
  const quality = measurePlanQuality(input, result.slots);
  const qualityMs = performance.now() - q0;

  const planMs = t1 - t0;
  const validateMs = t2 - t1;
  const totalMs = planMs + validateMs;
  const maxHeapMb = Math.max(...samples.map((s) => s.heapMb));
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
    ...formatPlanQuality(quality),
    ['quality report time (not timed above)', `${qualityMs.toFixed(0)} ms`],
  ];

  const checks: Check[] = [
    { name: '0 violations', ok: violations.length === 0 },
    { name: '0 slots before now', ok: beforeNow === 0 },
  ];
  if (spec.main) {
    checks.push({ name: '0 empty peak windows with items available', ok: quality.emptyPeakWindows.withItems === 0 });
    if (!small) {
      checks.push({ name: `plan + validate < ${TARGET_MS} ms`, ok: totalMs < TARGET_MS });
      checks.push({ name: `peak RSS < ${TARGET_MB} MB`, ok: maxRssMb < TARGET_MB });
    }
  }
  const notes = violations.slice(0, 5).map((v) => `violation: rule ${v.rule} ${v.zone} ${v.message}`);
  return { id: spec.id, label: spec.label, rows, checks, notes };
}

function printReport(r: CaseReport): void {
  console.log(`\n== ${r.label} ==`);
  const width = Math.max(...r.rows.map(([k]) => k.length));
  for (const [k, v] of r.rows) console.log(`${k.padEnd(width)}  ${v}`);
  for (const n of r.notes) console.log(n);
  const failed = r.checks.filter((c) => !c.ok);
  console.log(failed.length === 0 ? `targets met: ${r.checks.map((c) => c.name).join(', ')}` : `MISSED: ${failed.map((c) => c.name).join(', ')}`);
}

/** Runs one case in a child process (same node, same tsx loader) and waits for its report. */
function runChild(spec: CaseSpec): Promise<CaseReport> {
  return new Promise((resolve) => {
    const args = [`--case=${spec.id}`, ...(small ? ['--small'] : [])];
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: CaseReport | undefined;
    child.on('message', (m) => (report = m as CaseReport));
    child.on('exit', (code, signal) => {
      resolve(
        report ?? {
          id: spec.id,
          label: spec.label,
          rows: [],
          checks: [{ name: `the case ran (exit ${code ?? signal})`, ok: false }],
          notes: [],
        },
      );
    });
  });
}

async function main(): Promise<void> {
  const specs = caseSpecs();
  const only = process.argv.find((a) => a.startsWith('--case='))?.slice('--case='.length);
  if (only) {
    const spec = specs.find((s) => s.id === only);
    if (!spec) throw new Error(`unknown case "${only}": use ${specs.map((s) => s.id).join(' or ')}`);
    const report = runCase(spec);
    if (process.send) {
      process.send(report, () => process.disconnect());
    } else {
      printReport(report);
      if (report.checks.some((c) => !c.ok)) process.exitCode = 1;
    }
    return;
  }
  console.log(`plan bench${small ? ' (small)' : ''}: each case runs in its own process`);
  const reports: CaseReport[] = [];
  for (const spec of specs) {
    const report = await runChild(spec);
    printReport(report);
    reports.push(report);
  }
  const failed = reports.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => `${r.id}: ${c.name}`));
  console.log(`\n${failed.length === 0 ? 'PASS' : `FAIL (${failed.join('; ')})`}`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();

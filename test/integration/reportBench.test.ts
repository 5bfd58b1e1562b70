/**
 * The report bench's test-sized variant (decisions §11): `bench/report.bench.ts --small` loads a small
 * month through the summary triggers, times the reports and the renders, and measures the triggers on
 * the daemon's write path; its figures must be sane. Its time targets are never judged here.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../support/runBench.ts';

const TIMEOUT_MS = 120_000;

/** Runs the bench's small variant as `npm run` would, with tsx's loader. */
const runSmallBench = () => runBench(['bench/report.bench.ts', '--small'], TIMEOUT_MS - 5_000);

/** Cells of the table row whose first cell starts with `label`. */
function rowOf(stdout: string, label: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`| ${label}`));
  if (!line) throw new Error(`no row "${label}" in:\n${stdout}`);
  return line.split('|').slice(1).map((c) => c.trim());
}

describe('bench:report --small', () => {
  it('loads, reports from the summaries, measures the write path and prints sane figures', { timeout: TIMEOUT_MS }, async () => {
    const run = await runSmallBench();
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.signal, output).toBeNull();
    expect(run.code, output).toBe(0);
    expect(run.stdout).toMatch(/^inserted 8,000 airtime rows in 2026-04 and 2026-05/m);
    expect(run.stdout).toMatch(/read from the summaries;/);
    expect(run.stdout).toMatch(/^machine: \d+ cores \(.+\), load average [\d.]+ \/ [\d.]+ \/ [\d.]+$/m);

    for (const label of ['buildMonthlyReport, all zones', 'buildMonthlyReport, one zone (median of 5)', 'buildMonthlyReport, April', 'renderReportXlsx']) {
      const [, wall, cpu] = rowOf(run.stdout, label);
      expect(Number(wall), label).toBeGreaterThan(0);
      expect(Number(cpu), label).toBeGreaterThanOrEqual(0);
      expect(Number(wall), label).toBeLessThan(TIMEOUT_MS);
    }
    expect(rowOf(run.stdout, 'buildMonthlyReport, one zone')[5]).toMatch(/^wall \d+–\d+ ms over tdp-7, tdp-58, tdp-101, tdp-150, tdp-199$/);

    // The write path: the three cases measured per row (all triggers, all but the per-zone summaries, none).
    const withTriggers = rowOf(run.stdout, 'with the summary triggers').slice(1, 4).map(Number);
    const withoutZones = rowOf(run.stdout, 'without the per-zone summaries').slice(1, 4).map(Number);
    const without = rowOf(run.stdout, 'without them').slice(1, 4).map(Number);
    for (const v of [...withTriggers, ...withoutZones, ...without]) {
      expect(Number.isFinite(v), output).toBe(true);
      expect(v).toBeGreaterThan(0);
    }
    expect(run.stdout).toMatch(
      /the summaries on the daemon's write path: 600 rows .* without airtime_summary_feed_zones \(the per-zone summaries\), and without airtime_summarise_inserted and airtime_summarise_ended:/,
    );
    expect(run.stdout).toMatch(/^the triggers' cost per row becoming final: -?\d+ µs CPU, -?\d+ µs wall$/m);
    expect(run.stdout).toMatch(/^of which the per-zone summaries: -?\d+ µs CPU, -?\d+ µs wall$/m);
    expect(run.stdout).toMatch(/--small: targets not judged\./);
  });
});

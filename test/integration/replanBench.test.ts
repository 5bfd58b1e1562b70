/**
 * The replan bench's test-sized variant (decisions §11): 10 zones with a month of airtime log on the
 * real daemon, a listener in its own process. Its target is judged by `npm run bench:replan`'s exit
 * code, never here: this checks that it runs and that its figures are measurements.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../support/runBench.ts';

describe('bench:replan, test-sized', () => {
  it('replans on the worker and on the daemon thread, and prints each one\'s time and longest wait at the listener', async () => {
    const run = await runBench(['bench/replanStall.bench.ts', '--small'], 150_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/machine: \d+ cores/);
    expect(run.stdout).toMatch(/station: 10 zones, 80 items, [1-9]\d* airtime rows/);
    for (const label of ['POST /api/plan, on the plan worker', "the same replan on the daemon's thread"]) {
      const line = run.stdout.split('\n').find((l) => l.startsWith(`| ${label}`));
      const [time, wait] = (line ?? '').split('|').slice(2, 4).map(Number);
      expect(time, label).toBeGreaterThan(0);
      // A wait is between two chunks that arrived: the listener heard the stream before and after.
      expect(wait, label).toBeGreaterThan(0);
    }
  }, 160_000);
});

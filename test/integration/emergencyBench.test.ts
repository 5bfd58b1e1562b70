/**
 * The emergency bench's test-sized variant (decisions §11): two triggers through the real daemon and
 * a real icecast2, timed at plain clients. Its targets are judged by `npm run bench:emergency`'s exit
 * code, never here: this checks that it runs and that its figures are real measurements.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../support/runBench.ts';

describe('bench:emergency, test-sized', () => {
  it('prints a median, p95 and max for the HTTP mount and the icecast push, each a measured latency', async () => {
    const run = await runBench(['bench/emergency.bench.ts', '--triggers', '2'], 150_000);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.stdout).toMatch(/machine: \d+ cores, load average/);
    for (const output of ['Loa HTTP mount', 'Loa → icecast2 push']) {
      const line = run.stdout.split('\n').find((l) => l.startsWith(output));
      const [median, p95, max] = (line ?? '').slice(output.length).trim().split(/\s+/).map(Number);
      expect([output, median, p95, max].every((v) => v !== undefined)).toBe(true);
      for (const v of [median!, p95!, max!]) {
        expect(Number.isFinite(v)).toBe(true); // "never" would mean the bulletin was not heard at all
        expect(v).toBeGreaterThanOrEqual(0);
      }
      expect(median).toBeLessThanOrEqual(max!);
    }
  }, 160_000);
});

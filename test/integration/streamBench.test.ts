/**
 * The streaming bench's test-sized variant (decisions §11): `bench/stream.bench.ts --small` runs both
 * scenarios (Loa's HTTP mount and a real icecast2 side by side, a few listeners each) and the daemon
 * phase (the real daemon with 5 zones, idle then playing), and its figures are sane. The CPU ratio
 * and real-time targets are never judged here (the full bench's exit code judges them): the small run
 * fails only when a listener got no audio.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../support/runBench.ts';

const TIMEOUT_MS = 240_000;

/** Runs the bench's small variant as `npm run` would, with tsx's loader. */
const runSmallBench = () => runBench(['bench/stream.bench.ts', '--small'], TIMEOUT_MS - 5_000);

/** The rows (cells trimmed) of the printed table whose header starts with `first`. */
function table(stdout: string, first: string): Record<string, string>[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} `));
  if (start < 0) throw new Error(`no table headed "${first}" in:\n${stdout}`);
  const cells = (l: string) => l.slice(1, -1).split('|').map((c) => c.trim());
  const header = cells(lines[start]!);
  const rows: Record<string, string>[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(Object.fromEntries(cells(l).map((c, i) => [header[i] ?? String(i), c])));
  }
  return rows;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? Number.NaN : Number(s));

describe('bench:stream --small', () => {
  it('streams from Loa and icecast2 side by side, measures the daemon, and prints sane figures', { timeout: TIMEOUT_MS }, async () => {
    const run = await runSmallBench();
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.signal, output).toBeNull();
    expect(run.code, output).toBe(0);
    expect(run.stdout).toMatch(/^Machine: \d+ cores \(.+\), [\d.]+ GB, load average [\d.]+ [\d.]+ [\d.]+ \(at start\); load average [\d.]+ [\d.]+ [\d.]+ \(at end\)$/m);

    const rows = table(run.stdout, 'scenario');
    expect(rows.map((r) => `${r.scenario} / ${r.server}`)).toEqual([
      '(a) 1 zone × 20 / loa http mount',
      '(a) 1 zone × 20 / icecast2',
      '(a) 1 zone × 20 / (loa players → icecast push)',
      '(b) 5 zones × 4 / loa http mount',
      '(b) 5 zones × 4 / icecast2',
      '(b) 5 zones × 4 / (loa players → icecast push)',
    ]);
    for (const r of rows) {
      const where = `${r.scenario} / ${r.server}: ${JSON.stringify(r)}`;
      expect(num(r['CPU s']), where).toBeGreaterThanOrEqual(0);
      expect(num(r['CPU %']), where).toBeGreaterThanOrEqual(0);
      expect(num(r['CPU %']), where).toBeLessThan(200 * 8); // at most every core of a big machine
      expect(num(r['RSS MB serving (peak)']), where).toBeGreaterThan(1);
      expect(num(r['RSS MB serving (peak)']), where).toBeLessThan(4096);
      if (r.server === '(loa players → icecast push)') continue;
      // Every listener connected and got audio; the server's idle memory was read before they came.
      expect(num(r.listeners), where).toBe(20);
      expect(num(r.failed), where).toBe(0);
      expect(num(r['behind']), where).toBeGreaterThanOrEqual(0);
      expect(num(r['RSS MB, no listeners']), where).toBeGreaterThan(1);
      // CPU % is printed to 0.1: per listener × 20 must round to it.
      expect(Math.abs(num(r['CPU % / listener']) * 20 - num(r['CPU %'])), where).toBeLessThanOrEqual(0.051);
    }
    // Loa's socket writes per listener: a few per second (one per batch; more on a loaded machine), never one per frame (38/s).
    for (const r of rows.filter((x) => x.server === 'loa http mount')) {
      const writes = r['writes / listener / s'];
      if (writes === '–') continue; // /proc/<pid>/io unreadable here
      expect(num(writes), JSON.stringify(r)).toBeGreaterThan(1);
      expect(num(writes), JSON.stringify(r)).toBeLessThan(30);
    }

    const daemon = table(run.stdout, 'loa daemon (node --import tsx src/main.ts)');
    expect(daemon.map((r) => r['loa daemon (node --import tsx src/main.ts)'])).toEqual([
      'node + tsx loader alone (an empty script)',
      'started, no zones',
      '5 zones, silence between programmes',
      '5 zones playing',
    ]);
    for (const r of daemon) {
      expect(num(r['RSS MB']), JSON.stringify(r)).toBeGreaterThan(10);
      expect(num(r['RSS MB']), JSON.stringify(r)).toBeLessThan(4096);
    }
    // The daemon carries the runtime and more: never less than node with the loader alone.
    expect(num(daemon[1]!['RSS MB'])).toBeGreaterThan(num(daemon[0]!['RSS MB']));
    expect(num(daemon[3]!.listeners)).toBe(20);
    expect(num(daemon[3]!['CPU %'])).toBeGreaterThan(0);

    for (const scenario of ['(a) 1 zone × 20', '(b) 5 zones × 4']) {
      expect(run.stdout).toContain(`${scenario}:\n  Loa / icecast CPU per listener = `);
    }
    expect(run.stdout).toMatch(/Loa \/ icecast CPU per listener = (\d+\.\d\d|NaN|Infinity) \(/);
  });
});

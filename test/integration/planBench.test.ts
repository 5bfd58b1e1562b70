/**
 * The plan bench's test-sized variant (decisions §11): `bench/plan.bench.ts --small` runs, both of
 * its cases and its scaling table print, and the figures are sane. Its time, memory and linearity
 * targets are never judged here (the small run has none; the full bench's exit code judges them).
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../support/runBench.ts';
const TIMEOUT_MS = 120_000;

/** Runs the small bench, as `npm run bench:plan:small` does. */
const runSmallBench = () => runBench(['bench/plan.bench.ts', '--small'], TIMEOUT_MS - 5_000);

/** One case's printed table: its heading line, then "label  value" rows until the next heading. */
interface CaseTable {
  heading: string;
  lines: string[];
}

function caseTables(stdout: string): CaseTable[] {
  return stdout.split(/^== /m).slice(1).map((block) => {
    const [heading = '', ...lines] = block.split('\n');
    return { heading: heading.replace(/ ==$/, ''), lines };
  });
}

/** The value of the row printed with exactly this label (the bench pads labels, then two spaces). */
function row(table: CaseTable, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${escaped} {2,}(\\S.*)$`);
  const values = table.lines.map((l) => re.exec(l)?.[1]).filter((v): v is string => v !== undefined);
  if (values.length !== 1) throw new Error(`${table.heading}: ${values.length} rows labelled "${label}"`);
  return values[0]!;
}

/** The leading whole number of a value ("0 (100.00% of slots valid)" → 0). */
function leadingInt(value: string): number {
  const m = /^(\d+)\b/.exec(value);
  if (!m) throw new Error(`no leading number in "${value}"`);
  return Number(m[1]);
}

/** A percentage as formatPlanQuality prints it ("97.9%", "100.0%"; "<0.1%" reads as its bound 0.1), in percent. */
function percent(text: string): number {
  const m = /^<?(\d+(?:\.\d+)?)%$/.exec(text);
  if (!m) throw new Error(`not a percentage: "${text}"`);
  return Number(m[1]);
}

/** The scaling table: one row per size (10, 50 as the main case, 250 zones), figures positive and consistent. */
function expectSaneScaling(table: CaseTable): void {
  const [header, ...lines] = table.lines.filter((l) => l.trim() !== '');
  expect(header).toMatch(/^zones +zone-days +slots +plan ms +validate ms +CPU ms +µs per zone-day +µs CPU per zone-day +CPU vs 50 zones$/);
  const rows = lines.filter((l) => /^\d/.test(l)).map((l) => l.trim().split(/ +/));
  expect(rows.map((r) => Number(r[0]))).toEqual([10, 50, 250]);
  for (const [zones, zoneDays, slots, planMs, validateMs, cpuMs, perZoneDay, cpuPerZoneDay, ratio] of rows) {
    expect(Number(zoneDays), `zone-days at ${zones} zones`).toBe(Number(zones) * 31);
    for (const figure of [slots, planMs, validateMs, cpuMs, perZoneDay, cpuPerZoneDay]) expect(Number(figure), `${zones} zones`).toBeGreaterThan(0);
    // µs per zone-day is (plan + validate) over the zone-days (the printed ms are rounded to 1 ms).
    const recomputed = (1000 * (Number(planMs) + Number(validateMs))) / Number(zoneDays);
    expect(Math.abs(Number(perZoneDay) - recomputed), `${zones} zones`).toBeLessThanOrEqual(1000 / Number(zoneDays) + 0.1);
    expect(ratio).toMatch(/^\d+\.\d\d×$/);
  }
  expect(rows[1]![8]).toBe('1.00×');
  expect(lines.some((l) => /^machine: \d+ cores \(.+\), load average [\d.]+ \/ [\d.]+ \/ [\d.]+$/.test(l)), lines.join('\n')).toBe(true);
}

describe('bench:plan:small', () => {
  it('runs both cases and prints sane figures', { timeout: TIMEOUT_MS }, async () => {
    const run = await runSmallBench();
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.signal, output).toBeNull();
    expect(run.code, output).toBe(0);
    expect(run.stdout).toMatch(/^PASS$/m);

    const all = caseTables(run.stdout);
    expect(all.map((t) => t.heading)).toEqual([
      'main case: 50 independent zones (each its own windows)',
      'second case: grouped city, 5 groups of 10 zones sharing windows',
      'scaling: cost per zone-day of plan + validate, independent zones, 300 items, 31 days',
    ]);
    const tables = all.slice(0, 2);
    expectSaneScaling(all[2]!);

    for (const t of tables) {
      const at = (label: string) => row(t, label);
      const where = (label: string) => `${t.heading}: ${label} = ${at(label)}`;

      expect(at('zones / groups / items / topics'), t.heading).toMatch(/^50 \/ (none|5) \/ \d+ \/ \d+$/);
      expect(leadingInt(at('violations')), where('violations')).toBe(0);
      expect(leadingInt(at('slots')), where('slots')).toBeGreaterThan(0);
      expect(leadingInt(at('slots before now')), where('slots before now')).toBe(0);

      // The quality rows (src/planner/planQualityFormat.ts).
      const measured = /^50 \/ (\d+) \((\d+) outside windows\)$/.exec(at('quality: zones / slots measured'));
      expect(measured, where('quality: zones / slots measured')).not.toBeNull();
      expect(Number(measured![1]), where('quality: zones / slots measured')).toBe(leadingInt(at('slots')));
      expect(Number(measured![2]), where('quality: zones / slots measured')).toBe(0);

      for (const label of ['fill of peak windows', 'fill of non-peak windows']) {
        const m = /^(\S+) of (\d+) h in (\d+) windows$/.exec(at(label));
        expect(m, where(label)).not.toBeNull();
        const fill = percent(m![1]!);
        // The bench city has far more content than window time: its peak windows cannot be empty.
        if (label === 'fill of peak windows') expect(fill, where(label)).toBeGreaterThan(0);
        expect(fill, where(label)).toBeGreaterThanOrEqual(0);
        expect(fill, where(label)).toBeLessThanOrEqual(100);
        expect(Number(m![3]), where(label)).toBeGreaterThan(0);
      }

      expect(leadingInt(at('empty peak windows, items available')), where('empty peak windows, items available')).toBe(0);

      const perItem = /^(\d+\.\d+) \/ (\d+\.\d+) \/ (\d+\.\d+) \((\d+) items valid, (\d+) never planned\)$/.exec(at('plays per item per zone min/med/max'));
      expect(perItem, where('plays per item per zone min/med/max')).not.toBeNull();
      const [min, med, max] = [perItem![1], perItem![2], perItem![3]].map(Number) as [number, number, number];
      expect(min <= med && med <= max && max > 0, where('plays per item per zone min/med/max')).toBe(true);
      expect(Number(perItem![5]), where('plays per item per zone min/med/max')).toBeLessThan(Number(perItem![4]));

      expect(at('approval → first airing (median)'), t.heading).toMatch(/^\d+ min \(\d+\.\d h\) over [1-9]\d* zone-items; \S+% in peak windows$/);

      const cer = /^plays (\S+) · airtime (\S+) · items (\S+) \((\d+) of (\d+) zone-months at the (\S+) cap\)$/.exec(at('ceremonial share, max of zone-months'));
      expect(cer, where('ceremonial share, max of zone-months')).not.toBeNull();
      for (const share of [cer![1]!, cer![2]!, cer![3]!]) expect(percent(share), where('ceremonial share, max of zone-months')).toBeLessThan(15);
      expect(Number(cer![4]), where('ceremonial share, max of zone-months')).toBe(0);
      expect(Number(cer![5]), where('ceremonial share, max of zone-months')).toBeGreaterThan(0);

      const topics = /^(\S+): (\d+) of (\d+) \(/.exec(at('topic minima met (zone-periods)'));
      expect(topics, where('topic minima met (zone-periods)')).not.toBeNull();
      expect(Number(topics![2]), where('topic minima met (zone-periods)')).toBeLessThanOrEqual(Number(topics![3]));
      expect(Number(topics![3]), where('topic minima met (zone-periods)')).toBeGreaterThan(0);
      expect(leadingInt(at('topic maxima exceeded (zone-periods)')), where('topic maxima exceeded (zone-periods)')).toBe(0);

      expect(t.lines.some((l) => l.startsWith('targets met: 0 violations, 0 slots before now')), t.heading).toBe(true);
    }
  });
});

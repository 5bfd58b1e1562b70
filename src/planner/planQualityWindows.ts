/**
 * Helpers of the quality report: whether an approved item could have filled an empty window, and
 * small figures (fill totals, medians).
 */
import type { FillFigure } from './planQuality.ts';
import type { QualityModel } from './planQualityModel.ts';
import { dateOfDayNumber } from './validateTime.ts';

/** A fill figure with nothing counted yet. */
export function emptyFigures(): FillFigure {
  return { windows: 0, windowMs: 0, filledMs: 0, share: null };
}

/** The median of values sorted ascending; null when there are none. */
export function median(sorted: Float64Array): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * A test of "some item was on hand for this window": an eligible item (approved, longer than 0 ms,
 * not a jingle) that the operator did not exclude in the zone that day, valid over a stretch of
 * [from, to) at least as long as itself. Items valid forever are tried shortest first.
 */
export function availableItemsFinder(m: QualityModel): (zone: number, day: number, from: number, to: number) => boolean {
  const open: number[] = [];
  const ranged: number[] = [];
  m.items.forEach((it, i) => {
    if (!it.eligible) return;
    if (it.validFrom === -Infinity && it.validUntil === Infinity) open.push(i);
    else ranged.push(i);
  });
  open.sort((a, b) => m.items[a]!.durationMs - m.items[b]!.durationMs);
  const excluded = (zone: number, day: number, item: number): boolean =>
    m.exclusions.size > 0 && m.exclusions.has(`${m.zones[zone]!.id}|${dateOfDayNumber(day)}|${m.items[item]!.id}`);
  return (zone, day, from, to) => {
    for (const i of open) {
      if (m.items[i]!.durationMs > to - from) break;
      if (!excluded(zone, day, i)) return true;
    }
    for (const i of ranged) {
      const it = m.items[i]!;
      if (Math.min(it.validUntil, to) - Math.max(it.validFrom, from) >= it.durationMs && !excluded(zone, day, i)) return true;
    }
    return false;
  };
}

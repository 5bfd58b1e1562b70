import type { Policy, Topic, Zone } from '../domain/station.ts';

/** A cross-record problem: the field path and what is wrong (in English and Vietnamese). */
export interface StationProblem {
  field: string;
  problem: string;
}

/**
 * Checks what one record's schema cannot: topic rules naming known zones, zones of one group
 * sharing the same windows (they share one programme), jingles naming known items.
 */
export function checkStationConsistency(zones: Zone[], topics: Topic[], policy: Policy, itemExists: (id: string) => boolean): StationProblem[] {
  const problems: StationProblem[] = [];
  const zoneIds = new Set(zones.map((z) => z.id));
  topics.forEach((t) =>
    t.rules.forEach((r, ri) =>
      r.zones?.forEach((zid, zi) => {
        if (!zoneIds.has(zid)) problems.push({ field: `topics.${t.id}.rules[${ri}].zones[${zi}]`, problem: `unknown zone "${zid}" (vùng loa không tồn tại)` });
      }),
    ),
  );
  const groupWindows = new Map<string, { zone: string; key: string }>();
  for (const z of zones) {
    if (!z.group) continue;
    const key = JSON.stringify(z.windows.map((w) => [w.days.slice().sort(), w.start, w.end, w.peak]));
    const first = groupWindows.get(z.group);
    if (!first) groupWindows.set(z.group, { zone: z.id, key });
    else if (first.key !== key) {
      problems.push({
        field: `zones.${z.id}.windows`,
        problem: `zones of group "${z.group}" share one programme and must have the same windows as "${first.zone}" (các vùng cùng nhóm phải có cùng khung giờ)`,
      });
    }
  }
  for (const key of ['openingJingle', 'closingJingle'] as const) {
    const id = policy[key];
    if (id && !itemExists(id)) problems.push({ field: `policy.${key}`, problem: `unknown item "${id}" (không có tin bài này)` });
  }
  return problems;
}

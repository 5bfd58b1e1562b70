import type { Zone } from '../domain/station.ts';
import { playerIdOf } from '../playout/playoutService.ts';

/** Where a bulletin airs: one zone per player (a group shares one stream) and every zone that hears it. */
export interface BulletinTargets {
  /** Player id → the zone its programme entries are written for. */
  players: Map<string, string>;
  /** Every enabled zone that hears it, whole groups included (decisions §3). */
  reached: string[];
}

/** A target that is not a zone or group of the station, or reaches no enabled zone. */
export interface TargetProblem {
  field: string;
  id: string;
  problem: 'unknown' | 'none-enabled';
}

/**
 * Resolves `["*"]`, zone ids and group ids to the players that carry them. Zone and group ids share
 * one namespace (decisions §3); a disabled zone has no player and hears nothing.
 */
export function resolveTargets(zones: Zone[], asked: string[]): BulletinTargets | TargetProblem {
  const enabled = zones.filter((z) => z.enabled);
  const chosen: Zone[] = [];
  for (const [i, id] of asked.entries()) {
    const field = `body.zones[${i}]`;
    if (id === '*') chosen.push(...enabled);
    else {
      const members = zones.filter((z) => z.id === id || z.group === id);
      if (members.length === 0) return { field, id, problem: 'unknown' };
      chosen.push(...members.filter((z) => z.enabled));
    }
  }
  if (chosen.length === 0) return { field: 'body.zones', id: asked.join(', '), problem: 'none-enabled' };
  const players = new Map<string, string>();
  for (const z of chosen) if (!players.has(playerIdOf(z))) players.set(playerIdOf(z), z.id);
  const reached = enabled.filter((z) => players.has(playerIdOf(z))).map((z) => z.id);
  return { players, reached };
}

export const isTargetProblem = (x: BulletinTargets | TargetProblem): x is TargetProblem => 'problem' in x;

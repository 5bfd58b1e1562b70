/**
 * Zones grouped into programmes: a programme is what the planner fills once, one zone or the
 * members of a zone group that share identical windows (the shared programme of a group is
 * emitted once per member), with the relays (tiếp âm) its members air and its window definitions.
 */
import type { PlanRelay } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import type { WindowDef } from './calendar.ts';
import { parseTimeOfDay } from '../domain/time.ts';

/** A relay as the planner reads it: its times of day in seconds and its weekdays. */
export interface RelayDef {
  id: string;
  source: string;
  sourceName: string;
  startSec: number;
  endSec: number;
  /** days[1..7]: true when the relay runs that ISO weekday. */
  days: boolean[];
  /** The zone or group ids it names ("*": every zone). */
  targets: string[];
}

/** What gets planned once: its members all receive the same slots. */
export interface Programme {
  key: string;
  members: Zone[];
  defs: WindowDef[];
  /** The relays its members air (a group's members all air the same ones), by start time. */
  relays: RelayDef[];
}

const NO_RELAYS: RelayDef[] = [];

/** The relays with readable times, end after start (others are dropped: the API refuses them). */
export function relayDefsOf(relays: PlanRelay[] | undefined): RelayDef[] {
  if (!relays || relays.length === 0) return NO_RELAYS;
  const defs: RelayDef[] = [];
  for (const r of relays) {
    const startSec = parseTimeOfDay(r.start);
    const endSec = parseTimeOfDay(r.end);
    if (startSec === null || endSec === null || endSec <= startSec) continue;
    const days = Array.from({ length: 8 }, () => false);
    for (const d of r.days) if (d >= 1 && d <= 7) days[d] = true;
    defs.push({ id: r.id, source: r.source, sourceName: r.sourceName, startSec, endSec, days, targets: r.zones });
  }
  return defs.sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
}

/**
 * The relays each zone airs: those naming it, its group, another member of its group (a group
 * shares one stream, so a relay reaches the whole group, decisions §3) or "*".
 */
function relaysByZone(zones: Zone[], relays: RelayDef[]): Map<string, RelayDef[]> {
  const byZone = new Map<string, RelayDef[]>();
  if (relays.length === 0) return byZone;
  const groupOf = new Map(zones.map((z) => [z.id, z.group] as const));
  for (const relay of relays) {
    const names = new Set(relay.targets);
    const groups = new Set<string>();
    for (const id of relay.targets) {
      const group = groupOf.get(id);
      if (group) groups.add(group);
    }
    for (const zone of zones) {
      const reached = names.has('*') || names.has(zone.id) || (zone.group !== null && (names.has(zone.group) || groups.has(zone.group)));
      if (!reached) continue;
      const list = byZone.get(zone.id);
      if (list) list.push(relay);
      else byZone.set(zone.id, [relay]);
    }
  }
  return byZone;
}

/** Parsed window definitions of a zone, sorted by start time (malformed windows are dropped). */
export function windowDefsOf(zone: Zone): WindowDef[] {
  const defs: WindowDef[] = [];
  for (const w of zone.windows) {
    const startSec = parseTimeOfDay(w.start);
    const endSec = parseTimeOfDay(w.end);
    if (startSec === null || endSec === null || endSec <= startSec) continue;
    const days = Array.from({ length: 8 }, () => false);
    for (const d of w.days) if (d >= 1 && d <= 7) days[d] = true;
    defs.push({ startSec, endSec, peak: w.peak === true, days, label: `${w.start}-${w.end}`, ordinal: 0 });
  }
  defs.sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  defs.forEach((def, k) => (def.ordinal = k));
  return defs;
}

/**
 * Groups the enabled zones into programmes. Members of one group with identical windows share a
 * programme; a member whose windows differ gets a programme with the others that match it (often
 * alone). With `only`, keeps the programmes that hold at least one listed zone, all their members
 * included (a shared programme cannot air on part of the group only).
 */
export function buildProgrammes(zones: Zone[], only?: string[], relays: RelayDef[] = NO_RELAYS): Programme[] {
  const byKey = new Map<string, Programme>();
  const zoneRelays = relaysByZone(zones, relays);
  for (const zone of zones) {
    if (!zone.enabled) continue;
    const defs = windowDefsOf(zone);
    const own = zoneRelays.get(zone.id) ?? NO_RELAYS;
    // Members of a group air the same relays (relaysByZone); the ids keep the key honest anyway.
    const relayKey = own.length ? `|relays:${own.map((r) => r.id).join(',')}` : '';
    const key = zone.group ? `group:${zone.group}|${signatureOf(defs)}${relayKey}` : `zone:${zone.id}`;
    const existing = byKey.get(key);
    if (existing) existing.members.push(zone);
    else byKey.set(key, { key, members: [zone], defs, relays: own });
  }
  const programmes = [...byKey.values()];
  if (!only) return programmes;
  const wanted = new Set(only);
  return programmes.filter((p) => p.members.some((m) => wanted.has(m.id)));
}

function signatureOf(defs: WindowDef[]): string {
  return defs.map((d) => `${d.label}/${d.peak ? 'p' : ''}/${d.days.map((on) => (on ? 1 : 0)).join('')}`).join(';');
}

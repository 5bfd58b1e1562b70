/**
 * The validator's check of relays (tiếp âm, decisions §9), on its own reading of the station's relays
 * (validateTime.ts for instants; nothing of the planner's calendar): every airing of a relay from
 * `now` on is in the plan once, on every enabled zone it reaches (a group whole: it shares one
 * stream), at its times; no relay slot is anything else; no item slot overlaps an airing (one
 * already under way included).
 */
import type { PlanInput, RelaySlot, Violation } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import type { Play } from './validateModel.ts';
import { parseTimeOfDay } from '../domain/time.ts';
import { StationClock, dayNumberOf, isoWeekdayOfDayNumber, parseInstantText } from './validateTime.ts';

/** One airing of a relay on a zone. */
export interface RelayAiring {
  relayId: string;
  startMs: number;
  endMs: number;
}

const NONE: RelayAiring[] = [];

export class RelayChecker {
  /** Airings on the planned days by zone, by start; only zones a relay reaches have an entry. */
  private readonly byZone = new Map<string, RelayAiring[]>();
  /** Zones whose airings must all be planned (the run's zones, groups whole; every enabled zone by default). */
  private readonly scope: Set<string>;
  private readonly nowMs: number;

  constructor(input: PlanInput, tz: string) {
    const all = input.station.zones;
    const zones = all.filter((z) => z.enabled);
    this.nowMs = parseInstantText(input.now) ?? -Infinity;
    this.scope = scopeOf(zones, input.zones);
    const relays = input.station.relays ?? [];
    if (relays.length === 0) return;
    const clock = new StationClock(tz);
    const first = dayNumberOf(input.from);
    const last = dayNumberOf(input.to);
    for (const relay of relays) {
      const start = parseTimeOfDay(relay.start);
      const end = parseTimeOfDay(relay.end);
      if (start === null || end === null || end <= start) continue;
      const reached = reachedBy(all, relay.zones);
      for (let day = first; day <= last; day++) {
        if (!relay.days.includes(isoWeekdayOfDayNumber(day))) continue;
        const startMs = clock.instantOf(day, start);
        const endMs = clock.instantOf(day, end);
        for (const zone of reached) {
          // One object per zone: a zone's airing is planned (or missing) on its own.
          const airing = { relayId: relay.id, startMs, endMs };
          const list = this.byZone.get(zone);
          if (list) list.push(airing);
          else this.byZone.set(zone, [airing]);
        }
      }
    }
    for (const list of this.byZone.values()) list.sort((a, b) => a.startMs - b.startMs);
  }

  /** The zone's airings, by start (shared: do not change). */
  airingsOf(zoneId: string): readonly RelayAiring[] {
    return this.byZone.get(zoneId) ?? NONE;
  }

  /** Rule 1: no planned play of the zone (in start order) overlaps one of its relay airings. */
  checkZone(zone: Zone, planned: Play[], out: Violation[]): void {
    const airings = this.airingsOf(zone.id);
    if (airings.length === 0) return;
    let j = 0;
    for (const p of planned) {
      // An airing over before this play starts is over before every later one starts (plays come by start).
      while (j < airings.length && airings[j]!.endMs <= p.startMs) j++;
      for (let k = j; k < airings.length && airings[k]!.startMs < p.endMs; k++) {
        const a = airings[k]!;
        if (a.endMs > p.startMs) {
          out.push({ rule: 1, zone: zone.id, slot: p.slot, message: `slot overlaps relay ${a.relayId} (${iso(a.startMs)}–${iso(a.endMs)})` });
          break;
        }
      }
    }
  }

  /** Every relay slot is one airing of its zone, and every airing from now on of a zone in scope has its slot. */
  checkSlots(slots: RelaySlot[], zones: Map<string, Zone>, out: Violation[]): void {
    const planned = new Set<RelayAiring>();
    for (const s of slots) {
      const zone = zones.get(s.zone);
      if (!zone || !zone.enabled) {
        out.push({ rule: 1, zone: s.zone, message: `relay ${s.relayId} is planned on zone ${s.zone}, which is ${zone ? 'disabled' : 'unknown'}` });
        continue;
      }
      const startMs = parseInstantText(s.start);
      const endMs = parseInstantText(s.end);
      const airing = this.airingsOf(s.zone).find((a) => a.relayId === s.relayId && a.startMs === startMs && a.endMs === endMs);
      if (!airing) {
        out.push({ rule: 1, zone: s.zone, message: `relay slot ${s.relayId} ${s.start}–${s.end} is no airing of a relay of the zone` });
      } else if (planned.has(airing)) {
        out.push({ rule: 1, zone: s.zone, message: `relay ${s.relayId} at ${s.start} is planned twice` });
      } else if (startMs! < this.nowMs) {
        out.push({ rule: 1, zone: s.zone, message: `relay slot ${s.relayId} starts at ${s.start}, before now` });
      } else {
        planned.add(airing);
      }
    }
    for (const [zoneId, airings] of this.byZone) {
      if (!this.scope.has(zoneId)) continue;
      for (const a of airings) {
        if (a.startMs >= this.nowMs && !planned.has(a)) {
          out.push({ rule: 1, zone: zoneId, message: `relay ${a.relayId} at ${iso(a.startMs)} is missing from the plan` });
        }
      }
    }
  }
}

/**
 * True when one of the airings lies between two plays of a window (`afterMs` the end of one,
 * `beforeMs` the start of the next): it cuts the window in two, each part ordered on its own.
 */
export function relayBetween(airings: readonly RelayAiring[], afterMs: number, beforeMs: number): boolean {
  for (const a of airings) if (a.startMs >= afterMs && a.startMs < beforeMs) return true;
  return false;
}

/** The enabled zones a relay's targets reach: zone ids, group ids, "*"; a member (even disabled) brings its whole group. */
function reachedBy(zones: Zone[], targets: string[]): string[] {
  const names = new Set(targets);
  const groups = new Set<string>();
  for (const z of zones) if (z.group && (names.has(z.id) || names.has(z.group))) groups.add(z.group);
  const reached = (z: Zone) => names.has('*') || names.has(z.id) || (z.group !== null && groups.has(z.group));
  return zones.filter((z) => z.enabled && reached(z)).map((z) => z.id);
}

/** The zones a run plans: those listed with the rest of their groups, or every enabled zone. */
function scopeOf(zones: Zone[], listed: string[] | undefined): Set<string> {
  if (!listed) return new Set(zones.map((z) => z.id));
  const names = new Set(listed);
  const groups = new Set(zones.filter((z) => z.group && names.has(z.id)).map((z) => z.group!));
  return new Set(zones.filter((z) => names.has(z.id) || (z.group !== null && groups.has(z.group))).map((z) => z.id));
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * An independent checker of a plan against the hard rules 1–6. It recomputes everything from the
 * input and the slots with its own time helpers (validateTime.ts, validateWindows.ts; of
 * domain/time.ts only the plain parseTimeOfDay and monthOf), so a planner bug shows up here.
 * History itself is not judged: a finding needs at least one planned slot in it, or a pin the run
 * left unaccounted for. Zones are checked one at a time and nothing of a zone's reading is kept
 * once it is checked, so memory stays flat however many zones the station has.
 */
import type { PlanInput, PlanResult, RelaySlot, Slot, Violation } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import type { Play } from './validateModel.ts';
import { SlotReader, ValidationLibrary } from './validateModel.ts';
import { RepeatChecker } from './validateCounts.ts';
import { CeremonialShareChecker } from './validateShare.ts';
import { TopicMaxChecker } from './validateTopics.ts';
import { OrderChecker } from './validatePins.ts';
import { ValidationCalendar } from './validateWindows.ts';
import { RelayChecker, relayBetween, type RelayAiring } from './validateRelays.ts';

/**
 * Every broken hard rule in `slots` for `input`; [] when the plan is valid. `rejectedPins` are the
 * pins the planner refused (PlanResult.rejectedPins): every other pin of the run must be planned.
 * `relaySlots` are the plan's relay slots (PlanResult.relaySlots): every relay of the station must be
 * there, and no item slot may overlap a relay.
 */
export function validatePlan(
  input: PlanInput,
  slots: Slot[],
  rejectedPins: PlanResult['rejectedPins'] = [],
  relaySlots: RelaySlot[] = [],
): Violation[] {
  const { station } = input;
  const { policy } = station;
  const tz = station.tz || 'Asia/Ho_Chi_Minh';
  const cal = new ValidationCalendar(tz);
  const library = new ValidationLibrary(input.items, policy);
  const reader = new SlotReader(cal, library);
  const repeats = new RepeatChecker(library, policy, cal);
  const maxima = new TopicMaxChecker(station.topics, cal);
  const shares = new CeremonialShareChecker(library, policy.ceremonialMaxShare, cal);
  const orders = new OrderChecker(input, library, cal);
  const zones = new Map(station.zones.map((z) => [z.id, z] as const));
  const relays = new RelayChecker(input, tz);

  const airedByZone = rowsByZone(input.aired);

  const violations: Violation[] = [];
  for (const { zoneId, slots: zoneSlots } of slotsByZone(slots)) {
    const zone = zones.get(zoneId);
    if (!zone || !zone.enabled) {
      for (const slot of zoneSlots) {
        violations.push({ rule: 1, zone: zoneId, slot, message: `zone ${zoneId} is ${zone ? 'disabled' : 'unknown'}` });
      }
      continue;
    }
    const sameWindows = cal.selectWindows(zone);
    const { plays: planned, known } = reader.read(zone, zoneSlots, sameWindows, violations);
    const aired = reader.readAired(airedByZone.get(zoneId) ?? []);
    checkPlacement(zone, planned, aired, policy.gapBetweenItemsMs, violations);
    relays.checkZone(zone, planned, violations);
    checkOrder(zone, planned, library, policy.openingJingle, policy.closingJingle, relays.airingsOf(zoneId), violations);
    repeats.check(zone, known, aired, violations);
    maxima.check(zone, known, aired, violations);
    shares.check(zone, known, aired, violations);
    orders.checkZone(zoneId, planned, violations);
  }
  orders.checkPins(rejectedPins, violations);
  relays.checkSlots(relaySlots, zones, violations);
  return violations;
}

/**
 * The slots of each zone in their order, zone after zone in order of first appearance. One zone's
 * list exists at a time: when each zone's slots come together (as the planner emits them), a zone
 * is a range of `slots`; otherwise a counting sort orders slot indexes zone by zone.
 */
function* slotsByZone(slots: Slot[]): Generator<{ zoneId: string; slots: Slot[] }> {
  const ordinals = new Map<string, number>();
  const zoneIds: string[] = [];
  const counts: number[] = [];
  /** Where each zone's run starts, while every zone has a single run. */
  const runStarts: number[] = [];
  let ordinalOf: Int32Array | undefined;
  let lastZone: string | undefined;
  let ordinal = -1;
  for (let k = 0; k < slots.length; k++) {
    const zoneId = slots[k]!.zone;
    if (zoneId !== lastZone) {
      const known = ordinals.get(zoneId);
      if (known === undefined) {
        ordinals.set(zoneId, (ordinal = zoneIds.push(zoneId) - 1));
        counts.push(0);
        runStarts.push(k);
      } else {
        ordinal = known;
        // The zone comes back: from here on every slot's zone is noted for the sort.
        if (!ordinalOf) {
          ordinalOf = new Int32Array(slots.length);
          for (let z = 0; z < zoneIds.length; z++) ordinalOf.fill(z, runStarts[z]!, runStarts[z]! + counts[z]!);
        }
      }
      lastZone = zoneId;
    }
    if (ordinalOf) ordinalOf[k] = ordinal;
    counts[ordinal]!++;
  }
  if (!ordinalOf) {
    for (let z = 0; z < zoneIds.length; z++) {
      yield { zoneId: zoneIds[z]!, slots: slots.slice(runStarts[z]!, runStarts[z]! + counts[z]!) };
    }
    return;
  }
  // Counting sort: `order` lists slot indexes zone by zone, each zone's in slot order.
  const firsts: number[] = [];
  let total = 0;
  for (const count of counts) {
    firsts.push(total);
    total += count;
  }
  const next = firsts.slice();
  const order = new Int32Array(slots.length);
  for (let k = 0; k < slots.length; k++) order[next[ordinalOf[k]!]!++] = k;
  for (let z = 0; z < zoneIds.length; z++) {
    const list: Slot[] = [];
    for (let k = firsts[z]!; k < firsts[z]! + counts[z]!; k++) list.push(slots[order[k]!]!);
    yield { zoneId: zoneIds[z]!, slots: list };
  }
}

/** Rows by zone id, each zone's in their order. */
function rowsByZone<T extends { zone: string }>(rows: T[]): Map<string, T[]> {
  const byZone = new Map<string, T[]>();
  let lastZone: string | undefined;
  let list: T[] = [];
  // (Indexed: this runs once, mostly before it is optimised, and an iterator makes an object per row.)
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    // Rows mostly come zone by zone: the last zone's list answers before the map.
    if (row.zone !== lastZone) {
      lastZone = row.zone;
      const known = byZone.get(row.zone);
      if (known) list = known;
      else byZone.set(row.zone, (list = []));
    }
    list.push(row);
  }
  return byZone;
}

/** Rule 1 across slots: no overlap (with each other or with aired plays), the gap inside a window. */
function checkPlacement(zone: Zone, planned: Play[], aired: Play[], gapMs: number, out: Violation[]): void {
  for (let k = 1; k < planned.length; k++) {
    const prev = planned[k - 1]!;
    const cur = planned[k]!;
    if (cur.startMs < prev.endMs) {
      out.push({ rule: 1, zone: zone.id, slot: cur.slot, message: `slot overlaps the slot at ${prev.slot!.start}` });
    } else if (cur.window && cur.window === prev.window && cur.startMs - prev.endMs < gapMs) {
      out.push({
        rule: 1,
        zone: zone.id,
        slot: cur.slot,
        message: `only ${cur.startMs - prev.endMs} ms after the previous slot, the gap is ${gapMs} ms`,
      });
    }
  }
  // Aired plays are in start order; a running maximum of their ends finds any overlap.
  const maxEnd: number[] = [];
  aired.forEach((a, i) => maxEnd.push(Math.max(a.endMs, i > 0 ? maxEnd[i - 1]! : -Infinity)));
  // `lo` counts the aired plays starting before the play's end. It only grows while the ends do
  // (as in any plan without overlaps); an earlier end is searched for afresh.
  let lo = 0;
  let lastEnd = -Infinity;
  for (const p of planned) {
    if (p.endMs < lastEnd) {
      let hi = lo;
      lo = 0;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (aired[mid]!.startMs < p.endMs) lo = mid + 1;
        else hi = mid;
      }
    }
    lastEnd = p.endMs;
    while (lo < aired.length && aired[lo]!.startMs < p.endMs) lo++;
    if (lo > 0 && maxEnd[lo - 1]! > p.startMs) {
      out.push({ rule: 1, zone: zone.id, slot: p.slot, message: 'slot overlaps a play already aired in the zone' });
    }
  }
}

/**
 * Rule 6 per window: high-priority items before normal ones; opening jingle first, closing last. A
 * relay airing inside a window cuts it in two: each part is ordered on its own.
 */
function checkOrder(
  zone: Zone,
  planned: Play[],
  library: ValidationLibrary,
  opening: string | null,
  closing: string | null,
  airings: readonly RelayAiring[],
  out: Violation[],
): void {
  // In start order the slots of one window instance are consecutive.
  let normalSeen = false;
  const cut = airings.length > 0;
  const apart = (a: Play, b: Play) => a.window !== b.window || (cut && relayBetween(airings, a.endMs, b.startMs));
  for (let k = 0; k < planned.length; k++) {
    const p = planned[k]!;
    if (!p.window) continue;
    const first = k === 0 || apart(planned[k - 1]!, p);
    const last = k === planned.length - 1 || apart(p, planned[k + 1]!);
    if (first) normalSeen = false;
    const facts = library.facts[p.key]!;
    if (facts.jingle) {
      if (!(facts.id === opening && first) && !(facts.id === closing && last)) {
        out.push({ rule: 6, zone: zone.id, slot: p.slot, message: `jingle ${facts.id} is not at the window's edge` });
      }
      continue;
    }
    if (facts.high && normalSeen) {
      out.push({ rule: 6, zone: zone.id, slot: p.slot, message: `${facts.item!.priority} item ${facts.id} airs after a normal item` });
    }
    if (!facts.high) normalSeen = true;
  }
}

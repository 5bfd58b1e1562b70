/**
 * An independent checker of a plan against the hard rules 1–6. It recomputes everything from the
 * input and the slots with its own time helpers (validateTime.ts; of domain/time.ts only the plain
 * zonedInstant, parseTimeOfDay and monthOf), so a planner bug shows up here. History itself is not
 * judged: a finding needs at least one planned slot in it, or a pin the run left unaccounted for.
 */
import type { PlanInput, PlanResult, Slot, Violation } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import type { Play } from './validateModel.ts';
import { SlotReader, ValidationCalendar, ValidationLibrary, airedPlaysOf } from './validateModel.ts';
import { RepeatChecker, checkCeremonialShare, checkTopicMaxima } from './validateCounts.ts';
import { OrderChecker } from './validatePins.ts';

/**
 * Every broken hard rule in `slots` for `input`; [] when the plan is valid. `rejectedPins` are the
 * pins the planner refused (PlanResult.rejectedPins): every other pin of the run must be planned.
 */
export function validatePlan(input: PlanInput, slots: Slot[], rejectedPins: PlanResult['rejectedPins'] = []): Violation[] {
  const { station } = input;
  const { policy } = station;
  const cal = new ValidationCalendar(station.tz || 'Asia/Ho_Chi_Minh');
  const library = new ValidationLibrary(input.items, policy);
  const reader = new SlotReader(cal, library);
  const repeats = new RepeatChecker(library, policy, cal);
  const orders = new OrderChecker(input, library, cal);
  const zones = new Map(station.zones.map((z) => [z.id, z] as const));

  const slotsByZone = new Map<string, Slot[]>();
  for (const slot of slots) {
    let list = slotsByZone.get(slot.zone);
    if (!list) slotsByZone.set(slot.zone, (list = []));
    list.push(slot);
  }
  const airedByZone = new Map<string, PlanInput['aired']>();
  for (const a of input.aired) {
    let list = airedByZone.get(a.zone);
    if (!list) airedByZone.set(a.zone, (list = []));
    list.push(a);
  }

  const violations: Violation[] = [];
  for (const [zoneId, zoneSlots] of slotsByZone) {
    const zone = zones.get(zoneId);
    if (!zone || !zone.enabled) {
      for (const slot of zoneSlots) {
        violations.push({ rule: 1, zone: zoneId, slot, message: `zone ${zoneId} is ${zone ? 'disabled' : 'unknown'}` });
      }
      continue;
    }
    const { plays: planned, known } = reader.read(zone, zoneSlots, violations);
    const aired = airedPlaysOf(zone, airedByZone.get(zoneId) ?? [], library, cal);
    checkPlacement(zone, planned, aired, policy.gapBetweenItemsMs, violations);
    checkOrder(zone, planned, library, policy.openingJingle, policy.closingJingle, violations);
    repeats.check(zone, known, aired, violations);
    checkTopicMaxima(zone, known, aired, station.topics, cal, violations);
    checkCeremonialShare(zone, known, aired, library, policy.ceremonialMaxShare, cal, violations);
    orders.checkZone(zoneId, planned, violations);
  }
  orders.checkPins(rejectedPins, violations);
  return violations;
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
  for (const p of planned) {
    let lo = 0;
    let hi = aired.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (aired[mid]!.startMs < p.endMs) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && maxEnd[lo - 1]! > p.startMs) {
      out.push({ rule: 1, zone: zone.id, slot: p.slot, message: 'slot overlaps a play already aired in the zone' });
    }
  }
}

/** Rule 6 per window: high-priority items before normal ones; opening jingle first, closing last. */
function checkOrder(
  zone: Zone,
  planned: Play[],
  library: ValidationLibrary,
  opening: string | null,
  closing: string | null,
  out: Violation[],
): void {
  // In start order the slots of one window instance are consecutive.
  let normalSeen = false;
  for (let k = 0; k < planned.length; k++) {
    const p = planned[k]!;
    if (!p.window) continue;
    const first = k === 0 || planned[k - 1]!.window !== p.window;
    const last = k === planned.length - 1 || planned[k + 1]!.window !== p.window;
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

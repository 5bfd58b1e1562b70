/**
 * Operator pins and exclusions, resolved onto programmes. Pins of several members of one shared
 * programme for the same item and window are one pin (one slot that every member airs). Pins and
 * exclusions dated outside the planning range or for zones outside this run are not this run's
 * business and are ignored; everything else is either placed or returned with a reason.
 */
import type { Exclusion, Pin } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import type { ItemRecord, Library } from './library.ts';
import type { Programme } from './programmes.ts';
import type { PeriodCell } from './counters.ts';
import type { PlanContext } from './context.ts';
import type { ProgrammeState } from './state.ts';
import { parseTimeOfDay, LOCAL_DATE_RE } from '../domain/time.ts';
import { dayIndex, weekdayOfDayIndex } from '../domain/fastTime.ts';
import { cellOf, periodKey, ruleInForce } from './counters.ts';

/** A pin to place, with its duplicates from other members of the same programme. */
export interface PendingPin {
  pin: Pin;
  duplicates: Pin[];
  item: ItemRecord;
  day: number;
  startSec: number;
  /** Position in the operator's list: an earlier pin wins a max that two pins compete for. */
  order: number;
  /** Rule periods holding a play back for this pin until it is placed or rejected. */
  heldCells: PeriodCell[];
}

/** A pin that cannot be honoured, with the reason. */
export interface RejectedPin {
  pin: Pin;
  reason: string;
}

/** Pins and exclusions of one programme. */
export interface ProgrammeOrders {
  /** Pins by `${day}|${startSec}` of their window. */
  pins: Map<string, PendingPin[]>;
  /** Items excluded per day. */
  excluded: Map<number, Set<number>>;
  /** Pinned items per day: no other use that day, so the pin keeps its plays per day and gap. */
  pinnedItems: Map<number, Set<number>>;
}

/** Files pins and exclusions by programme; rejects at once the pins that cannot apply at all. */
export function resolveOrders(
  pins: Pin[],
  exclusions: Exclusion[],
  allZones: Zone[],
  programmes: Programme[],
  library: Library,
  ctx: PlanContext,
  rejected: RejectedPin[],
): Map<Programme, ProgrammeOrders> {
  const programmeOf = new Map<string, Programme>();
  for (const p of programmes) for (const m of p.members) programmeOf.set(m.id, p);
  const zoneById = new Map(allZones.map((z) => [z.id, z] as const));
  const orders = new Map<Programme, ProgrammeOrders>();
  const ordersOf = (p: Programme): ProgrammeOrders => {
    let o = orders.get(p);
    if (!o) orders.set(p, (o = { pins: new Map(), excluded: new Map(), pinnedItems: new Map() }));
    return o;
  };
  const inRange = (date: string): number | null => {
    if (!LOCAL_DATE_RE.test(date)) return null;
    const day = dayIndex(date);
    return day >= ctx.fromDay && day <= ctx.toDay ? day : null;
  };

  for (const ex of exclusions) {
    const programme = programmeOf.get(ex.zone);
    const day = inRange(ex.date);
    const item = library.byId.get(ex.itemId);
    if (!programme || day === null || !item) continue;
    const excluded = ordersOf(programme).excluded;
    let set = excluded.get(day);
    if (!set) excluded.set(day, (set = new Set()));
    set.add(item.index);
  }

  const seen = new Map<string, PendingPin>();
  for (const [order, pin] of pins.entries()) {
    const day = inRange(pin.date);
    if (day === null) continue;
    const zone = zoneById.get(pin.zone);
    if (!zone) {
      rejected.push({ pin, reason: `zone ${pin.zone} does not exist` });
      continue;
    }
    const programme = programmeOf.get(pin.zone);
    if (!programme) {
      if (!zone.enabled) rejected.push({ pin, reason: `zone ${pin.zone} is disabled` });
      continue;
    }
    const item = library.byId.get(pin.itemId);
    const startSec = parseTimeOfDay(pin.window);
    const problem = pinProblem(pin, item, startSec, programme, day, library, ordersOf(programme));
    if (problem || !item || startSec === null) {
      rejected.push({ pin, reason: problem ?? 'the pin is malformed' });
      continue;
    }
    const key = `${day}|${startSec}`;
    const dedupe = `${programme.key}|${key}|${item.index}`;
    const twin = seen.get(dedupe);
    if (twin) {
      twin.duplicates.push(pin);
      continue;
    }
    const pending: PendingPin = { pin, duplicates: [], item, day, startSec, order, heldCells: [] };
    seen.set(dedupe, pending);
    const o = ordersOf(programme);
    let list = o.pins.get(key);
    if (!list) o.pins.set(key, (list = []));
    list.push(pending);
    let pinned = o.pinnedItems.get(day);
    if (!pinned) o.pinnedItems.set(day, (pinned = new Set()));
    pinned.add(item.index);
  }
  return orders;
}

function pinProblem(
  pin: Pin,
  item: ItemRecord | undefined,
  startSec: number | null,
  programme: Programme,
  day: number,
  library: Library,
  orders: ProgrammeOrders,
): string | null {
  if (!item) return `item ${pin.itemId} does not exist`;
  if (library.jingleIds.has(item.id)) return `item ${pin.itemId} is the station jingle, which opens and closes windows by itself`;
  if (!item.approved) return `item ${pin.itemId} is not approved (rule 2)`;
  if (!item.schedulable) return `item ${pin.itemId} has no usable duration or validity (rule 2)`;
  const weekday = weekdayOfDayIndex(day);
  if (startSec === null || !programme.defs.some((d) => d.startSec === startSec && d.days[weekday])) {
    return `zone ${pin.zone} has no window starting at ${pin.window} on ${pin.date}`;
  }
  if (orders.excluded.get(day)?.has(item.index)) return `item ${pin.itemId} is excluded from zone ${pin.zone} on ${pin.date}`;
  return null;
}

/** Holds room under topic maxima for every pin of the programme before anything is planned. */
export function holdPinRoom(st: ProgrammeState, orders: ProgrammeOrders | undefined): void {
  if (!orders) return;
  for (const list of orders.pins.values()) {
    for (const p of list) {
      if (!st.calendar.on(p.day).some((w) => w.def.startSec === p.startSec)) continue;
      for (const t of p.item.topics) {
        for (const track of st.tracksByTopic[t] ?? []) {
          if (!ruleInForce(track, p.day)) continue;
          const cell = cellOf(track, periodKey(track, p.day));
          cell.reserved++;
          // A new list each time: cells no pin holds share one empty list (counters.ts NO_HOLDERS).
          cell.heldBy = [...cell.heldBy, p.order];
          p.heldCells.push(cell);
        }
      }
    }
  }
}

/** Gives back the room held for a pin (it is about to be placed, or it was rejected). */
export function releasePinRoom(p: PendingPin): void {
  for (const cell of p.heldCells) {
    cell.reserved--;
    const heldBy = [...cell.heldBy];
    heldBy.splice(heldBy.indexOf(p.order), 1);
    cell.heldBy = heldBy;
  }
  p.heldCells = [];
}

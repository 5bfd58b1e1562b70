/**
 * The operator's orders checked against a plan: an exclusion keeps its item out of its zone on its
 * date (rule 2), and a pin of the run is either planned (its zone, date, window and item) or
 * refused in the planner's rejectedPins (rule 1); a pin silently dropped is a planner bug.
 * The planner applies an order given on one member of a shared programme to the whole programme;
 * the validator asks only what each order says about its own zone, which that covers.
 */
import type { Pin, PlanInput, PlanResult, Violation } from '../domain/plan.ts';
import type { Play, ValidationLibrary } from './validateModel.ts';
import type { ValidationCalendar } from './validateWindows.ts';
import { parseTimeOfDay } from '../domain/time.ts';
import { dayNumberOf } from './validateTime.ts';

/** The pins of one zone that the run must account for. */
interface ZonePins {
  /** Pins by `${day}|${window start in seconds}|${itemId}`. */
  byKey: Map<string, Pin[]>;
  /** Item ids pinned in the zone: only their slots need a key. */
  items: Set<string>;
  /** Keys some slot of the zone honours. */
  found: Set<string>;
}

/**
 * Collects the orders of a run, reads each zone's planned plays once (checkZone), then reports
 * the pins nothing accounted for (checkPins).
 */
export class OrderChecker {
  /** Excluded item ids by zone and day. */
  private readonly excluded = new Map<string, Map<number, Set<string>>>();
  private readonly pins = new Map<string, ZonePins>();

  constructor(
    input: PlanInput,
    private readonly library: ValidationLibrary,
    private readonly cal: ValidationCalendar,
  ) {
    for (const ex of input.exclusions ?? []) {
      let byDay = this.excluded.get(ex.zone);
      if (!byDay) this.excluded.set(ex.zone, (byDay = new Map()));
      const day = dayNumberOf(ex.date);
      let items = byDay.get(day);
      if (!items) byDay.set(day, (items = new Set()));
      items.add(ex.itemId);
    }
    // The run's pins: dated inside from..to, in a zone it plans (the listed ones, else every
    // enabled one). Others are not this run's business, as the planner also treats them.
    const fromDay = dayNumberOf(input.from);
    const toDay = dayNumberOf(input.to);
    const planned = new Set(input.zones ?? input.station.zones.filter((z) => z.enabled).map((z) => z.id));
    for (const pin of input.pins ?? []) {
      const day = dayNumberOf(pin.date);
      if (!(day >= fromDay && day <= toDay) || !planned.has(pin.zone)) continue;
      let zp = this.pins.get(pin.zone);
      if (!zp) this.pins.set(pin.zone, (zp = { byKey: new Map(), items: new Set(), found: new Set() }));
      const key = `${day}|${parseTimeOfDay(pin.window)}|${pin.itemId}`;
      let list = zp.byKey.get(key);
      if (!list) zp.byKey.set(key, (list = []));
      list.push(pin);
      zp.items.add(pin.itemId);
    }
  }

  /** Rule 2 for the zone's exclusions; notes which of the zone's pins its plays honour. */
  checkZone(zoneId: string, planned: Play[], out: Violation[]): void {
    const excluded = this.excluded.get(zoneId);
    const pins = this.pins.get(zoneId);
    if (!excluded && !pins) return;
    for (const p of planned) {
      const itemId = this.library.facts[p.key]!.id;
      if (excluded?.get(p.day)?.has(itemId)) {
        out.push({
          rule: 2,
          zone: zoneId,
          slot: p.slot,
          message: `item ${itemId} is excluded from zone ${zoneId} on ${this.cal.date(p.day)}`,
        });
      }
      if (pins?.items.has(itemId) && p.slot) {
        const start = windowStartOf(p.slot.window);
        if (start !== null) pins.found.add(`${p.day}|${start}|${itemId}`);
      }
    }
  }

  /** Rule 1 for every pin of the run that no slot honours and that `rejected` does not list. */
  checkPins(rejected: PlanResult['rejectedPins'], out: Violation[]): void {
    const refused = new Set(rejected.map((r) => pinKey(r.pin)));
    for (const [zoneId, zp] of this.pins) {
      for (const [key, list] of zp.byKey) {
        if (zp.found.has(key)) continue;
        for (const pin of list) {
          if (refused.has(pinKey(pin))) continue;
          out.push({
            rule: 1,
            zone: zoneId,
            message: `pin of item ${pin.itemId} in zone ${zoneId} on ${pin.date}, window ${pin.window}, is neither planned nor refused`,
          });
        }
      }
    }
  }
}

/** Seconds since midnight of the start of a "HH:MM-HH:MM" window label; null when unreadable. */
function windowStartOf(label: string): number | null {
  const dash = label.indexOf('-');
  return dash < 0 ? null : parseTimeOfDay(label.slice(0, dash));
}

/** A pin's identity; the window by its time of day, so "05:30" and "05:30:00" are one window. */
function pinKey(pin: Pin): string {
  return `${pin.zone}|${pin.date}|${parseTimeOfDay(pin.window) ?? pin.window}|${pin.itemId}`;
}

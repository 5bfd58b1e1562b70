/**
 * Rule 5 for the validator: at the end of every day, month to date (aired plays included),
 * ceremonial content stays strictly below the share of plays, of airtime and of distinct items
 * (distinct ceremonial items over distinct items); jingles are left out of every side.
 */
import type { Violation } from '../domain/plan.ts';
import type { Zone } from '../domain/station.ts';
import type { Play, ValidationLibrary } from './validateModel.ts';
import type { ValidationCalendar } from './validateWindows.ts';
import { monthOf } from '../domain/time.ts';

/**
 * Checks the ceremonial share zone by zone. A month the plan adds no ceremonial play to is not the
 * plan's doing, so it is only checked from the first planned ceremonial play on.
 */
export class CeremonialShareChecker {
  /** Distinct items of the month counted so far: an item counts when its mark is the month's stamp. */
  private itemMarks = new Int32Array(0);
  private cerMarks = new Int32Array(0);
  private stamp = 0;

  constructor(
    private readonly library: ValidationLibrary,
    private readonly share: number,
    private readonly cal: ValidationCalendar,
  ) {}

  /** Checks one zone; `planned` (known items) and `aired` are each in start order. */
  check(zone: Zone, planned: Play[], aired: Play[], out: Violation[]): void {
    const { facts } = this.library;
    const { share } = this;
    if (!planned.some((p) => p.ceremonial && !facts[p.key]!.jingle)) return;
    if (this.itemMarks.length < facts.length) {
      // Aired rows may have registered unknown ids since: room for every key, marks start afresh.
      const size = Math.max(facts.length, 2 * this.itemMarks.length);
      this.itemMarks = new Int32Array(size);
      this.cerMarks = new Int32Array(size);
      this.stamp = 0;
    }
    const { itemMarks, cerMarks } = this;
    let day = NaN;
    let month = '';
    let count = 0;
    let ms = 0;
    let cerCount = 0;
    let cerMs = 0;
    // An item is ceremonial in the month once any of its plays there is (aired rows carry their own flag).
    let items = 0;
    let cerItems = 0;
    let stamp = 0;
    let plannedCeremonial: Play | undefined;
    const endOfDay = (): void => {
      if (!plannedCeremonial) return;
      if (!(cerCount < share * count) || !(cerMs < share * ms) || !(cerItems < share * items)) {
        out.push({
          rule: 5,
          zone: zone.id,
          slot: plannedCeremonial.slot,
          message:
            `by the end of ${this.cal.date(day)}, ceremonial content is ${cerCount}/${count} plays, ${cerMs}/${ms} ms of airtime ` +
            `and ${cerItems}/${items} distinct items in ${month}; the cap is below ${share * 100}%`,
        });
      }
    };
    // Both lists are in start order, so merging them walks the days in order.
    let i = 0;
    let j = 0;
    while (i < planned.length || j < aired.length) {
      const takePlanned = j >= aired.length || (i < planned.length && planned[i]!.startMs <= aired[j]!.startMs);
      const p = takePlanned ? planned[i++]! : aired[j++]!;
      if (facts[p.key]!.jingle) continue;
      if (p.day !== day) {
        if (!Number.isNaN(day)) endOfDay();
        day = p.day;
        const m = monthOf(this.cal.date(day));
        if (m !== month) {
          month = m;
          count = ms = cerCount = cerMs = items = cerItems = 0;
          stamp = ++this.stamp;
          plannedCeremonial = undefined;
        }
      }
      count++;
      ms += p.endMs - p.startMs;
      if (itemMarks[p.key] !== stamp) {
        itemMarks[p.key] = stamp;
        items++;
      }
      if (p.ceremonial) {
        cerCount++;
        cerMs += p.endMs - p.startMs;
        if (cerMarks[p.key] !== stamp) {
          cerMarks[p.key] = stamp;
          cerItems++;
        }
        if (p.planned) plannedCeremonial ??= p;
      }
    }
    if (!Number.isNaN(day)) endOfDay();
  }
}

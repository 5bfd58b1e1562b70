/**
 * Slot reasons and pin rejection texts. One ReasonCatalogue per plan: every slot with the same
 * reason shares one array instance (a month of a city's slots stays small), and no array is shared
 * between two plans, so a caller changing one plan cannot touch another. Treat them as read-only.
 * While planning, a slot carries its reason's number in the catalogue.
 */
import type { ItemRecord } from './library.ts';
import type { PlanContext } from './context.ts';
import { Refusal } from './candidates.ts';
import { formatInstant } from '../domain/time.ts';

/** The reason arrays of one plan, by number. */
export class ReasonCatalogue {
  readonly arrays: string[][] = [];
  readonly pin = this.add(['pin']);
  readonly fill = this.add(['fill']);
  readonly jingleOpen = this.add(['jingle-open']);
  readonly jingleClose = this.add(['jingle-close']);
  /** The number of each topic's reason (by topic index), once made. */
  private readonly topics: number[] = [];

  /** The reason of a slot serving a target of the topic (its index and id). */
  topic(topic: number, topicId: string): number {
    return (this.topics[topic] ??= this.add([`topic:${topicId}`]));
  }

  private add(reason: string[]): number {
    return this.arrays.push(reason) - 1;
  }
}

/** A plain sentence on why a pin could not be placed at `startMs`. */
export function describeRefusal(code: Refusal, item: ItemRecord, startMs: number, ctx: PlanContext): string {
  const at = formatInstant(startMs, ctx.tz);
  switch (code) {
    case Refusal.fit:
      return `item ${item.id} does not fit in the time left in the window at ${at} (rule 1)`;
    case Refusal.notYetValid:
      return `item ${item.id} is not yet valid at its slot time ${at} (rule 2)`;
    case Refusal.expired:
      return `item ${item.id} is no longer valid at the end of its slot starting ${at} (rule 2)`;
    case Refusal.excluded:
      return `item ${item.id} is excluded from this zone on that date`;
    case Refusal.oncePerWindow:
      return `item ${item.id} already airs in this window (rule 3: once per window)`;
    case Refusal.perDay:
      return `item ${item.id} would air more than ${ctx.maxPlaysPerDay} times that day in this zone (rule 3)`;
    case Refusal.repeatGap:
      return `item ${item.id} airs less than ${ctx.repeatGapMs / 60_000} minutes from another play of it in this zone (rule 3)`;
    case Refusal.topicMax:
      return `item ${item.id} would exceed the maximum of one of its topics in this period (rule 4)`;
    case Refusal.ceremonial:
      return `item ${item.id} is ceremonial and would bring the month's ceremonial share to ${Math.round(
        ctx.ceremonialShare * 100,
      )}% or more (rule 5)`;
    default:
      return `item ${item.id} cannot be placed at ${at}`;
  }
}

/**
 * The relay slots of a programme (tiếp âm, decisions §9): every airing of its relays on the planned
 * days that starts at `now` or later (one already under way was saved by an earlier plan and stays),
 * emitted for every member, member after member, each member's in time order.
 */
import type { RelaySlot } from '../domain/plan.ts';
import type { WindowCalendar } from './calendar.ts';
import type { Programme } from './programmes.ts';
import type { PlanContext } from './context.ts';
import { weekdayOfDayIndex } from '../domain/fastTime.ts';

/** Appends the programme's relay slots to `out`. */
export function addRelaySlots(programme: Programme, calendar: WindowCalendar, ctx: PlanContext, out: RelaySlot[]): void {
  if (programme.relays.length === 0) return;
  const airings: Omit<RelaySlot, 'zone'>[] = [];
  for (let day = ctx.fromDay; day <= ctx.toDay; day++) {
    const weekday = weekdayOfDayIndex(day);
    for (const { relay, startMs, endMs } of calendar.relaysOn(day)) {
      if (startMs < ctx.nowMs) continue;
      airings.push({
        kind: 'relay',
        start: ctx.instantText(startMs),
        end: ctx.instantText(endMs),
        relayId: relay.id,
        source: relay.source,
        sourceName: relay.sourceName,
        window: calendar.windowOfRelay(relay, weekday),
      });
    }
  }
  for (const member of programme.members) for (const a of airings) out.push({ ...a, zone: member.id });
}

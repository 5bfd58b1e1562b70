/**
 * Topic targets missed, found after a programme is planned and diagnosed one cause each.
 * The diagnosis goes: no approved item → no usable window → no item valid in a usable window →
 * the causes recorded while serving the target (space, then repeat limits, then caps, and validity
 * when nothing else stood in the way).
 * "No usable window" is checked before validity because with no window left, "no item is valid in
 * any usable window" would be vacuously true and would name the wrong cause.
 * `planned` in a shortfall is what the zone gets in the period all told: its aired plays plus the
 * plan's, both counted as the rule counts them (dates, peak windows).
 */
import type { Shortfall, ShortfallReason } from '../domain/plan.ts';
import type { RuleTrack } from './counters.ts';
import type { ProgrammeState } from './state.ts';
import type { ProgrammeOrders } from './pins.ts';
import { FAIL_CAP, FAIL_REPEAT, FAIL_SPACE, FAIL_VALIDITY, periodKey } from './counters.ts';
import { lastPlannableDay, periodCovered } from './targets.ts';
import { dateOfDayIndex, isoWeekLabel } from '../domain/time.ts';
import { shortfallMessage } from '../domain/messages/shortfall.ts';
import { RANK_COUNT } from './library.ts';

/** Shortfalls of every member of the programme, for every covered period of every rule with a min. */
export function collectShortfalls(st: ProgrammeState, orders: ProgrammeOrders | undefined): Shortfall[] {
  const out: Shortfall[] = [];
  const { ctx } = st;
  const names = new Map(st.programme.members.map((m) => [m.id, m.name] as const));
  for (const track of st.tracks) {
    if (track.min <= 0) continue;
    const topicName = ctx.topics[track.topic]!.name;
    for (const key of periodsOf(track, st)) {
      if (!periodCovered(track, key, ctx)) continue;
      const planned = track.cells.get(key)?.planned ?? 0;
      let reason: ShortfallReason | null = null;
      let periodStart = '';
      let periodEnd = '';
      let period = '';
      for (const member of track.members) {
        const got = (track.airedByMember.get(member)?.get(key) ?? 0) + planned;
        if (got >= track.min) continue;
        if (reason === null) {
          reason = diagnose(st, track, key, orders);
          periodStart = dateOfDayIndex(key);
          periodEnd = track.week ? dateOfDayIndex(key + 6) : periodStart;
          period = track.week ? isoWeekLabel(periodStart) : periodStart;
        }
        out.push({
          kind: 'topic-below-target',
          zone: member,
          topic: track.topicId,
          ruleIndex: track.ruleIndex,
          per: track.week ? 'week' : 'day',
          period,
          periodStart,
          periodEnd,
          wanted: track.min,
          planned: got,
          reason,
          message: shortfallMessage({
            zoneName: names.get(member) ?? member,
            topicName,
            per: track.week ? 'week' : 'day',
            period,
            periodStart,
            periodEnd,
            peakOnly: track.peakOnly,
            wanted: track.min,
            planned: got,
            reason,
          }),
        });
      }
    }
  }
  return out;
}

function periodsOf(track: RuleTrack, st: ProgrammeState): number[] {
  const keys: number[] = [];
  const { fromDay, toDay } = st.ctx;
  for (let key = periodKey(track, fromDay); key <= toDay; key += track.week ? 7 : 1) keys.push(key);
  return keys;
}

function diagnose(st: ProgrammeState, track: RuleTrack, key: number, orders: ProgrammeOrders | undefined): ShortfallReason {
  const { ctx } = st;
  const { library } = ctx;
  if (library.approvedCountByTopic[track.topic] === 0) return 'no-approved-item';

  const first = Math.max(key, track.fromDay, ctx.fromDay);
  const last = lastPlannableDay(track, key, ctx);
  const usable: { day: number; startMs: number; endMs: number }[] = [];
  for (let day = first; day <= last; day++) {
    for (const w of st.calendar.on(day)) {
      if ((w.peak || !track.peakOnly) && w.endMs > ctx.nowMs) {
        usable.push({ day, startMs: Math.max(w.startMs, ctx.nowMs), endMs: w.endMs });
      }
    }
  }
  if (usable.length === 0) return 'no-window';

  let anyValid = false;
  for (let rank = 0; rank < RANK_COUNT && !anyValid; rank++) {
    for (const i of library.itemsByTopicRank[track.topic]![rank]!) {
      const item = library.items[i]!;
      // Valid over enough of the window to air, were the window long enough: length is not validity.
      anyValid = usable.some(
        (w) =>
          !orders?.excluded.get(w.day)?.has(i) &&
          Math.max(item.validFrom, w.startMs) + Math.min(item.durationMs, w.endMs - w.startMs) <=
            Math.min(item.validUntil, w.endMs),
      );
      if (anyValid) break;
    }
  }
  if (!anyValid) return 'items-expire';

  const failures = track.cells.get(key)?.failures ?? 0;
  if (failures & FAIL_SPACE) return 'windows-too-short';
  if (failures & FAIL_REPEAT) return 'repeat-limits';
  if (failures & FAIL_CAP) return 'cap-would-break';
  // Nothing but validity stood in the way where the target was tried: the items ran out of validity.
  if (failures & FAIL_VALIDITY) return 'items-expire';
  return 'windows-too-short';
}

/**
 * Topic targets missed, found after a programme is planned and diagnosed one cause each.
 * The diagnosis goes: no approved item → no usable window → no item valid in a usable window →
 * every valid item excluded by the operator → the cause that bound most of the failed attempts to
 * serve the target (causes.ts; a rule's max names the rule that refused items most often).
 * "No usable window" is checked before validity because with no window left, "no item is valid in
 * any usable window" would be vacuously true and would name the wrong cause.
 * `planned` in a shortfall is what the zone gets toward the min in the period all told: its aired
 * plays plus the plan's, both counted as the min counts them (dates, peak windows for peakOnly).
 */
import type { Shortfall, ShortfallReason } from '../domain/plan.ts';
import type { PeriodCell, RuleTrack } from './counters.ts';
import type { ProgrammeState } from './state.ts';
import type { ProgrammeOrders } from './pins.ts';
import { countsForMin, daysInForce, owedMin, periodKey, roomUnderMax } from './counters.ts';
import { lastDayInForce, periodCovered } from './targets.ts';
import { reasonOfCause } from './causes.ts';
import { isoWeekLabel } from '../domain/time.ts';
import { dateOfDayIndex } from '../domain/fastTime.ts';
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
      const planned = track.cells.get(key)?.plannedMin ?? 0;
      const wanted = owedMin(track, key);
      const days = daysInForce(track, key);
      if (wanted <= 0) continue;
      let diagnosis: Diagnosis | null = null;
      let blockedBy: Shortfall['blockedBy'];
      let periodStart = '';
      let periodEnd = '';
      let period = '';
      for (const member of track.members) {
        const got = (track.airedMinByMember.get(member)?.get(key) ?? 0) + planned;
        if (got >= wanted) continue;
        if (diagnosis === null) {
          diagnosis = diagnose(st, track, key, orders);
          periodStart = dateOfDayIndex(key);
          periodEnd = track.week ? dateOfDayIndex(key + 6) : periodStart;
          period = periodLabel(track, key);
          blockedBy = diagnosis.blocker ? blockerOf(diagnosis.blocker, st) : undefined;
        }
        const { reason } = diagnosis;
        const per = track.week ? 'week' : 'day';
        out.push({
          kind: 'topic-below-target',
          zone: member,
          topic: track.topicId,
          ruleIndex: track.ruleIndex,
          per,
          period,
          periodStart,
          periodEnd,
          wanted,
          ...(days < 7 ? { proratedDays: days } : {}),
          planned: got,
          reason,
          ...(blockedBy ? { blockedBy } : {}),
          message: shortfallMessage({
            zoneName: names.get(member) ?? member,
            topicName,
            per,
            period,
            periodStart,
            periodEnd,
            peakOnly: track.peakOnly,
            wanted,
            weeklyMin: days < 7 ? track.min : undefined,
            proratedDays: days < 7 ? days : undefined,
            planned: got,
            reason,
            blockedBy,
            blockedPeakOnly: diagnosis.blocker?.track.peakOnly ?? false,
            blockedBySpread: diagnosis.spread ?? false,
            ceremonialShare: ctx.ceremonialShare,
            ceremonialCap: ctx.ceremonialCap,
          }),
        });
      }
    }
  }
  return out;
}

/** "2026-05-18" for a day period, "2026-W21" for a week period. */
function periodLabel(track: RuleTrack, key: number): string {
  return track.week ? isoWeekLabel(dateOfDayIndex(key)) : dateOfDayIndex(key);
}

/** The rule period that blocked, as shortfall data. */
function blockerOf(cell: PeriodCell, st: ProgrammeState): NonNullable<Shortfall['blockedBy']> {
  const { track } = cell;
  return {
    topic: track.topicId,
    topicName: st.ctx.topics[track.topic]!.name,
    per: track.week ? 'week' : 'day',
    max: track.max,
    period: periodLabel(track, cell.key),
  };
}

/**
 * Of the rule periods whose max (or week spread) refused items for a target: one of the rule that
 * refused most often (summed over its periods), its period that refused most often; the first
 * recorded on ties.
 */
function mainBlocker(blockers: Map<PeriodCell, number>): PeriodCell | undefined {
  const byTrack = new Map<RuleTrack, number>();
  for (const [cell, n] of blockers) byTrack.set(cell.track, (byTrack.get(cell.track) ?? 0) + n);
  let track: RuleTrack | undefined;
  let most = 0;
  for (const [t, n] of byTrack) {
    if (n > most) [track, most] = [t, n];
  }
  let best: PeriodCell | undefined;
  most = 0;
  for (const [cell, n] of blockers) {
    if (cell.track === track && n > most) [best, most] = [cell, n];
  }
  return best;
}

function periodsOf(track: RuleTrack, st: ProgrammeState): number[] {
  const keys: number[] = [];
  const { fromDay, toDay } = st.ctx;
  for (let key = periodKey(track, fromDay); key <= toDay; key += track.week ? 7 : 1) keys.push(key);
  return keys;
}

/**
 * The reason of a missed target and, for 'max-would-break', the rule period that blocked it;
 * `spread` when that week ends below its max in the plan: what held plays back was the week spread
 * (the room under the max kept for the week's later days), not the max itself.
 */
interface Diagnosis {
  reason: ShortfallReason;
  blocker?: PeriodCell;
  spread?: boolean;
}

function diagnose(st: ProgrammeState, track: RuleTrack, key: number, orders: ProgrammeOrders | undefined): Diagnosis {
  const { ctx } = st;
  const { library } = ctx;
  if (library.approvedCountByTopic[track.topic] === 0) return { reason: 'no-approved-item' };

  const first = Math.max(key, track.fromDay, ctx.fromDay);
  const last = Math.min(lastDayInForce(track, key), ctx.toDay);
  const usable: { day: number; startMs: number; endMs: number }[] = [];
  for (let day = first; day <= last; day++) {
    for (const w of st.calendar.on(day)) {
      if (countsForMin(track, w.peak) && w.endMs > ctx.nowMs) {
        usable.push({ day, startMs: Math.max(w.startMs, ctx.nowMs), endMs: w.endMs });
      }
    }
  }
  if (usable.length === 0) return { reason: 'no-window' };

  let anyValid = false;
  let anyAllowed = false;
  for (let rank = 0; rank < RANK_COUNT && !anyAllowed; rank++) {
    for (const i of library.itemsByTopicRank[track.topic]![rank]!) {
      const item = library.items[i]!;
      for (const w of usable) {
        // Valid over enough of the window to air, were the window long enough: length is not validity.
        const valid =
          Math.max(item.validFrom, w.startMs) + Math.min(item.durationMs, w.endMs - w.startMs) <= Math.min(item.validUntil, w.endMs);
        if (!valid) continue;
        anyValid = true;
        if (!orders?.excluded.get(w.day)?.has(i)) anyAllowed = true;
        if (anyAllowed) break;
      }
      if (anyAllowed) break;
    }
  }
  if (!anyValid) return { reason: 'items-expire' };
  if (!anyAllowed) return { reason: 'excluded' };

  const cell = track.cells.get(key);
  const cause = cell?.causes?.dominant() ?? -1;
  if (cause === -1) return { reason: 'windows-too-short' };
  const reason = reasonOfCause(cause);
  if (reason !== 'max-would-break') return { reason };
  const blocker = cell?.blockers ? mainBlocker(cell.blockers) : undefined;
  if (!blocker) return { reason };
  return { reason, blocker, spread: blocker.track.week && roomUnderMax(blocker) >= 1 };
}

/**
 * Daily quotas for topic targets (rule mins) and the week spread of topic caps.
 * A week's remaining need is spread evenly over its remaining days on which the topic can air (a
 * window left and an item valid in it), rounding to the nearest play, so 3 a week falls on
 * Tuesday, Thursday and Saturday rather than Monday to Wednesday or Friday to Sunday; whatever a day
 * misses rolls onto the days after it, and the last serving day owes all that is left.
 * A week the rule's dates cut owes its pro-rated min (counters.owedMin); a week the planning range
 * cuts is spread over the whole week as if the next run were to plan the rest, and is not judged.
 */
import type { RuleTrack } from './counters.ts';
import type { PlanContext } from './context.ts';
import type { ProgrammeState } from './state.ts';
import { cellOnDay, countsForMin, roomUnderMax } from './counters.ts';
import { topicValidDuring } from './library.ts';

/**
 * True when the planner owes (and is judged on) the rule's min for that period: a day inside the
 * planning range and the rule's dates; a week with at least one day in force whose last day in
 * force lies inside the planning range (days before `from` are history: their aired plays count).
 */
export function periodCovered(track: RuleTrack, key: number, ctx: PlanContext): boolean {
  if (!track.week) return key >= ctx.fromDay && key <= ctx.toDay && key >= track.fromDay && key <= track.toDay;
  const first = Math.max(key, track.fromDay);
  const last = Math.min(key + 6, track.toDay);
  return first <= last && last >= ctx.fromDay && last <= ctx.toDay;
}

/** The last day of the period on which the rule is in force (a week's may lie after the range). */
export function lastDayInForce(track: RuleTrack, key: number): number {
  return track.week ? Math.min(key + 6, track.toDay) : key;
}

/** True when the rule's topic can be served that day: a usable window where one of its items is valid. */
export function dayServes(st: ProgrammeState, track: RuleTrack, day: number): boolean {
  // Asked for each day of the week on each day before it: the answer is kept per track and day.
  const cache = st.servingDays;
  const at = track.ordinal * SERVING_SPAN + (day - st.ctx.fromDay);
  const inCache = day >= st.ctx.fromDay && at < (track.ordinal + 1) * SERVING_SPAN;
  if (inCache && cache[at] !== UNKNOWN) return cache[at] === SERVES;
  const { nowMs, library } = st.ctx;
  let serves = false;
  for (const w of st.calendar.on(day)) {
    if (countsForMin(track, w.peak) && w.endMs > nowMs && topicValidDuring(library, track.topic, Math.max(w.startMs, nowMs), w.endMs)) {
      serves = true;
      break;
    }
  }
  if (inCache) cache[at] = serves ? SERVES : SERVES_NOT;
  return serves;
}

/** Days kept per track by dayServes, from the first planned day (a range's days and a week after). */
export const SERVING_SPAN = 64;
const UNKNOWN = 0;
const SERVES = 1;
const SERVES_NOT = 2;

/** Sets, for each rule in force on `day`, the planned count wanted by its end and the fill cap. */
export function setDailyTargets(st: ProgrammeState, day: number): void {
  for (const track of st.tracks) {
    if (day < track.fromDay || day > track.toDay) continue;
    const cell = cellOnDay(track, day);
    const key = cell.key;
    cell.target = 0;
    cell.fillCap = Infinity;
    const last = lastDayInForce(track, key);
    if (cell.owed > 0) {
      const need = cell.owed - cell.airedMin - cell.plannedMin;
      if (need > 0 && dayServes(st, track, day)) {
        let servingDays = 1;
        for (let d = day + 1; d <= last; d++) if (dayServes(st, track, d)) servingDays++;
        // Half a play rounds up (Math.round), so a need never waits past its last serving day.
        cell.target = cell.plannedMin + Math.max(servingDays === 1 ? need : 0, Math.round(need / servingDays));
      }
    }
    // Spread the room under a week's max over the rest of the week, not just of this run.
    if (track.week && Number.isFinite(track.max) && last > day) {
      const room = Math.max(0, roomUnderMax(cell));
      cell.fillCap = cell.planned + Math.ceil(room / (last - day + 1));
    }
  }
}

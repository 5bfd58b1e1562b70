/**
 * Daily quotas for topic targets (rule mins) and the week spread of topic caps.
 * A week's remaining need is divided over its remaining days on which the topic can air (a window
 * left and an item valid in it); whatever a day misses rolls onto the next (earliest deadline first
 * in effect). So a week is neither front-loaded on Monday nor left to days its items have expired by.
 */
import type { RuleTrack } from './counters.ts';
import type { PlanContext, ProgrammeState } from './state.ts';
import { cellOf, periodKey, roomUnderMax } from './counters.ts';
import { topicValidDuring } from './library.ts';

/**
 * True when the planner owes the rule's min for that period: a day inside the planning range and the
 * rule's dates; a week whose seven days are all inside the rule's dates and which ends by `to`
 * (days before `from` are history: their aired plays count, the week still counts as covered).
 */
export function periodCovered(track: RuleTrack, key: number, ctx: PlanContext): boolean {
  if (!track.week) return key >= ctx.fromDay && key <= ctx.toDay && key >= track.fromDay && key <= track.toDay;
  const last = key + 6;
  return last >= ctx.fromDay && last <= ctx.toDay && key >= track.fromDay && last <= track.toDay;
}

/** The last day of the period that the planner can still plan for the rule. */
export function lastPlannableDay(track: RuleTrack, key: number, ctx: PlanContext): number {
  return track.week ? Math.min(key + 6, track.toDay, ctx.toDay) : key;
}

/** True when the rule's topic can be served that day: a usable window where one of its items is valid. */
function dayServes(st: ProgrammeState, track: RuleTrack, day: number): boolean {
  const { nowMs, library } = st.ctx;
  for (const w of st.calendar.on(day)) {
    if ((w.peak || !track.peakOnly) && w.endMs > nowMs && topicValidDuring(library, track.topic, Math.max(w.startMs, nowMs), w.endMs)) {
      return true;
    }
  }
  return false;
}

/** Sets, for each rule counting on `day`, the planned count wanted by its end and the fill cap. */
export function setDailyTargets(st: ProgrammeState, day: number): void {
  const { ctx } = st;
  for (const track of st.tracks) {
    if (day < track.fromDay || day > track.toDay) continue;
    const key = periodKey(track, day);
    const cell = cellOf(track, key);
    cell.target = 0;
    cell.fillCap = Infinity;
    const last = lastPlannableDay(track, key, ctx);
    if (track.min > 0 && periodCovered(track, key, ctx)) {
      const need = track.min - cell.airedMin - cell.planned;
      // Only days where the topic can air share the need: items that expire mid-week pull it forward.
      if (need > 0 && dayServes(st, track, day)) {
        let servingDays = 0;
        for (let d = day; d <= last; d++) if (dayServes(st, track, d)) servingDays++;
        cell.target = cell.planned + Math.ceil(need / servingDays);
      }
    }
    // Spread over the rest of the week, not just of this run: the next run plans the days after `to`.
    const weekLast = Math.min(key + 6, track.toDay);
    if (track.week && Number.isFinite(track.max) && weekLast > day) {
      const room = Math.max(0, roomUnderMax(cell));
      cell.fillCap = cell.planned + Math.ceil(room / (weekLast - day + 1));
    }
  }
}

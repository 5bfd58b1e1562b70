import type { ProgrammeEntry } from './programme.ts';

/**
 * Precedence on air (decisions §4): an emergency bulletin outranks every programme entry, and a
 * later-triggered bulletin outranks an earlier one. Priority items need no rule here: the planner
 * puts them first in their windows, and approving an item never cuts in.
 */
export function outranks(newcomer: ProgrammeEntry, onAir: ProgrammeEntry): boolean {
  if (!newcomer.emergency || newcomer.key === onAir.key) return false;
  return !onAir.emergency || newcomer.emergency.rank > onAir.emergency.rank;
}

/**
 * Whether an entry cut in by hand (a bulletin, a "play now") takes the air from the one airing: a
 * bulletin on air yields only to one that outranks it; anything else yields to the newcomer.
 */
export function takesAirFrom(newcomer: ProgrammeEntry, onAir: ProgrammeEntry): boolean {
  if (newcomer.key === onAir.key) return false;
  return onAir.emergency ? outranks(newcomer, onAir) : true;
}

/**
 * Whether an entry cut by a bulletin comes back on air after it. A programme entry does, at the
 * position the clock gives (the programme resumes "where the clock says it should be"); a bulletin cut
 * by a newer one does not resume mid-sentence (its later repeats still air).
 */
export function resumesAfterCut(cut: ProgrammeEntry): boolean {
  return !cut.emergency;
}

/** The sentence an airtime row of a cut entry carries. */
export function cutDetail(by: ProgrammeEntry): string {
  return by.emergency ? `preempted by emergency ${by.emergency.id}: ${by.item.title}` : `preempted by ${by.source} ${by.key}: ${by.item.title}`;
}

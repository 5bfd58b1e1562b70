/**
 * Peak windows, and whole days, left empty although approved items were on hand: each is a
 * shortfall of its own with the cause that kept the items out (seed 000 §4 asks for the hours with
 * most listeners first, so an empty peak window must be explained). Non-peak windows take what is
 * left and are not reported; a day whose every usable window stayed empty is one 'empty-day'.
 */
import type { Shortfall, ShortfallReason } from '../domain/plan.ts';
import type { WindowInstance } from './calendar.ts';
import type { ProgrammeState } from './state.ts';
import type { Cause } from './causes.ts';
import { reasonOfCause } from './causes.ts';
import { emptyWindowMessage } from '../domain/messages/shortfall.ts';

/** How a usable window of a day ended. */
export interface WindowOutcome {
  window: WindowInstance;
  empty: boolean;
  cause: Cause | -1;
}

/** An empty peak window or day found while planning. */
export interface EmptyFinding {
  window: WindowInstance | null;
  date: string;
  reason: ShortfallReason;
}

/** Records the day's empty peak windows (or the empty day) on the programme state. */
export function noteEmptyWindows(st: ProgrammeState, outcomes: WindowOutcome[], out: EmptyFinding[]): void {
  if (outcomes.length === 0 || !st.ctx.library.freshFirstByRank.some((list) => list.length > 0)) return;
  if (st.programme.relays.length > 0) outcomes = wholeWindows(outcomes);
  const empty = outcomes.filter((o) => o.empty);
  if (empty.length === 0) return;
  if (empty.length === outcomes.length) {
    out.push({ window: null, date: empty[0]!.window.date, reason: dayReason(st, empty) });
    return;
  }
  for (const o of empty) {
    if (o.window.peak) out.push({ window: o.window, date: o.window.date, reason: windowReason(st, o) });
  }
}

/**
 * The outcomes of the windows relays cut, one per window: empty when every part is (a relay is not
 * content, nor does a part with content leave its window empty). A window a relay covers whole has
 * no part, hence no outcome: it is not an empty window.
 */
function wholeWindows(outcomes: WindowOutcome[]): WindowOutcome[] {
  const byDef = new Map<WindowInstance['def'], WindowOutcome>();
  for (const o of outcomes) {
    const seen = byDef.get(o.window.def);
    if (!seen) byDef.set(o.window.def, o);
    else if (seen.empty && !o.empty) byDef.set(o.window.def, o);
  }
  return [...byDef.values()];
}

function windowReason(st: ProgrammeState, o: WindowOutcome): ShortfallReason {
  if (o.cause >= 0) return reasonOfCause(o.cause as Cause);
  return anyItemValid(st, o.window) ? 'windows-too-short' : 'items-expire';
}

/** The reason most of the day's windows give (the first window's on a tie). */
function dayReason(st: ProgrammeState, empty: WindowOutcome[]): ShortfallReason {
  const counts = new Map<ShortfallReason, number>();
  for (const o of empty) {
    const r = windowReason(st, o);
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  let best: ShortfallReason = 'windows-too-short';
  let most = 0;
  for (const [r, n] of counts) if (n > most) [best, most] = [r, n];
  return best;
}

function anyItemValid(st: ProgrammeState, w: WindowInstance): boolean {
  const from = Math.max(w.startMs, st.ctx.nowMs);
  for (const list of st.ctx.library.freshFirstByRank) {
    for (const item of list) {
      if (Math.max(item.validFrom, from) + Math.min(item.durationMs, w.endMs - from) <= Math.min(item.validUntil, w.endMs)) return true;
    }
  }
  return false;
}

/** Shortfalls of every member of the programme for its empty peak windows and days. */
export function emptyShortfalls(st: ProgrammeState, findings: EmptyFinding[]): Shortfall[] {
  const out: Shortfall[] = [];
  for (const f of findings) {
    for (const member of st.programme.members) {
      out.push({
        kind: f.window ? 'empty-window' : 'empty-day',
        zone: member.id,
        topic: null,
        ruleIndex: null,
        ...(f.window ? { window: f.window.def.label } : {}),
        per: 'day',
        period: f.date,
        periodStart: f.date,
        periodEnd: f.date,
        wanted: 1,
        planned: 0,
        reason: f.reason,
        message: emptyWindowMessage({
          zoneName: member.name,
          date: f.date,
          window: f.window?.def.label ?? null,
          reason: f.reason,
          ceremonialShare: st.ctx.ceremonialShare,
          ceremonialCap: st.ctx.ceremonialCap,
        }),
      });
    }
  }
  return out;
}

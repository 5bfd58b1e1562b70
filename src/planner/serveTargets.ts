/**
 * Serving topic targets in the current window: for each rule period that still wants plays here
 * (most urgent first), the best-ranked acceptable item of the topic, preferring one that serves
 * another wanted topic as well, and a ceremonial item only when no other item of the topic can go.
 * Every failed attempt is put down to the cause that bound it (causes.ts), for the shortfall.
 */
import type { ItemRecord } from './library.ts';
import type { ProgrammeState } from './state.ts';
import type { PeriodCell } from './counters.ts';
import { Refusal, refusalOf } from './candidates.ts';
import { noteBlocker, roomUnderMax } from './counters.ts';
import { Cause, CauseTally } from './causes.ts';

/** How many acceptable items a scan weighs for one serving two wanted topics at once. */
const MULTI_TOPIC_LOOKAHEAD = 8;

/** Places items of `rank` for the topic targets the window counts for. */
export function serveTargets(st: ProgrammeState, rank: number, limit: number): void {
  const lists = st.topicLists;
  for (const cell of st.demands) {
    const topic = cell.track.topic;
    if (lists.first(topic, rank) < 0) continue;
    while (cell.plannedMin < cell.target) {
      // Cheap exits before a scan: no room under the target's own max, or no item short enough.
      if (roomUnderMax(cell) < 1) {
        noteCause(cell, Cause.max);
        noteBlocker(cell, cell);
        break;
      }
      if (st.cursor + lists.shortestMs(topic, rank) > limit) {
        noteCause(cell, Cause.space);
        break;
      }
      const best = pickForTarget(st, cell, rank, limit);
      if (!best) break;
      st.place(best, st.ctx.reasons.topic(cell.track.topicId));
    }
  }
}

function noteCause(cell: PeriodCell, cause: Cause): void {
  (cell.causes ??= new CauseTally()).add(cause);
}

/** The item to place for the cell's topic, or null (the failure is noted on the cell). */
function pickForTarget(st: ProgrammeState, cell: PeriodCell, rank: number, limit: number): ItemRecord | null {
  const { items } = st.ctx.library;
  const lists = st.topicLists;
  const topic = cell.track.topic;
  const wanted = otherWantedTopics(st, cell);
  let best: ItemRecord | null = null;
  let bestScore = -1;
  let ceremonial: ItemRecord | null = null;
  let weighed = 0;
  let blockers: PeriodCell[] | null = null;
  const scanTally = st.scanCauses;
  scanTally.clear();
  for (let m = lists.first(topic, rank); m >= 0 && weighed < MULTI_TOPIC_LOOKAHEAD; m = lists.after(m)) {
    const item = items[lists.item(m)]!;
    if (item.ceremonial && ceremonial) continue;
    const code = refusalOf(st, item, st.cursor, limit, 'target', topic);
    if (code !== Refusal.ok) {
      scanTally.addRefusal(code);
      if (code === Refusal.topicMax || code === Refusal.weekSpread || code === Refusal.priorityShare) (blockers ??= []).push(st.blockingCell!);
      continue;
    }
    if (item.ceremonial) {
      ceremonial = item;
      continue;
    }
    const score = wanted ? item.topics.reduce((n, t) => n + (t !== topic && wanted.has(t) ? 1 : 0), 0) : 0;
    if (score > bestScore) [best, bestScore] = [item, score];
    // Without another wanted topic the first acceptable item is the best-ranked one.
    if (!wanted || score === wanted.size) break;
    weighed++;
  }
  const chosen = best ?? ceremonial;
  if (chosen) return chosen;
  const cause = scanTally.dominant();
  if (cause >= 0) noteCause(cell, cause as Cause);
  if (blockers) for (const b of blockers) noteBlocker(cell, b);
  return null;
}

/** Topics other than the cell's that still want a play in this window, or null when none. */
function otherWantedTopics(st: ProgrammeState, cell: PeriodCell): Set<number> | null {
  let wanted: Set<number> | null = null;
  for (const other of st.demands) {
    if (other === cell || other.track.topic === cell.track.topic || other.plannedMin >= other.target) continue;
    (wanted ??= new Set()).add(other.track.topic);
  }
  return wanted;
}

/**
 * Serving topic targets in the current window: for each rule period that still wants plays here
 * (most urgent first), the best-ranked acceptable item of the topic, preferring one that serves
 * another wanted topic as well, and a ceremonial item only when no other item of the topic can go.
 * Every failed attempt is put down to the cause that bound it (causes.ts), for the shortfall.
 */
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
  for (let d = 0; d < st.demandCount; d++) {
    const cell = st.demands[d]!;
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
      if (best < 0) break;
      st.place(st.ctx.library.items[best]!, st.ctx.reasons.topic(topic, cell.track.topicId));
    }
  }
}

function noteCause(cell: PeriodCell, cause: Cause): void {
  (cell.causes ??= new CauseTally()).add(cause);
}

/** The item (library index) to place for the cell's topic, or −1 (the failure is noted on the cell). */
function pickForTarget(st: ProgrammeState, cell: PeriodCell, rank: number, limit: number): number {
  const lists = st.topicLists;
  const topic = cell.track.topic;
  const { topicStart, topicList, ceremonialFlags } = st.ctx.library;
  const wanted = markOtherWantedTopics(st, cell);
  const mark = st.wantedMark;
  const marks = st.wantedTopics;
  let best = -1;
  let bestScore = -1;
  let ceremonial = -1;
  let weighed = 0;
  let blockers: PeriodCell[] | null = null;
  const scanTally = st.scanCauses;
  scanTally.clear();
  for (let m = lists.first(topic, rank); m >= 0 && weighed < MULTI_TOPIC_LOOKAHEAD; m = lists.after(m)) {
    const i = lists.item(m);
    const isCeremonial = ceremonialFlags[i] === 1;
    if (isCeremonial && ceremonial >= 0) continue;
    const code = refusalOf(st, i, st.cursor, limit, 'target', topic);
    if (code !== Refusal.ok) {
      scanTally.addRefusal(code);
      if (code === Refusal.topicMax || code === Refusal.weekSpread || code === Refusal.priorityShare) (blockers ??= []).push(st.blockingCell!);
      continue;
    }
    if (isCeremonial) {
      ceremonial = i;
      continue;
    }
    let score = 0;
    if (wanted > 0) for (let k = topicStart[i]!; k < topicStart[i + 1]!; k++) if (marks[topicList[k]!] === mark) score++;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
    // Without another wanted topic the first acceptable item is the best-ranked one.
    if (wanted === 0 || score === wanted) break;
    weighed++;
  }
  const chosen = best >= 0 ? best : ceremonial;
  if (chosen >= 0) return chosen;
  const cause = scanTally.dominant();
  if (cause >= 0) noteCause(cell, cause as Cause);
  if (blockers) for (const b of blockers) noteBlocker(cell, b);
  return -1;
}

/**
 * Marks the topics other than the cell's that still want a play in this window (st.wantedTopics
 * holds a new st.wantedMark for them) and says how many there are.
 */
function markOtherWantedTopics(st: ProgrammeState, cell: PeriodCell): number {
  const mark = ++st.wantedMark;
  let count = 0;
  for (let d = 0; d < st.demandCount; d++) {
    const other = st.demands[d]!;
    const t = other.track.topic;
    if (other === cell || t === cell.track.topic || other.plannedMin >= other.target || st.wantedTopics[t] === mark) continue;
    st.wantedTopics[t] = mark;
    count++;
  }
  return count;
}

/**
 * Item eligibility and ranking. `RotationList` keeps a rank's items least-recently-played first
 * (never played first, fresher first among equals); a played item moves to the back, which is
 * exactly its new rank because a programme is planned in time order. `refusalOf` says why an item
 * cannot start at an instant, or OK.
 */
import type { ItemRecord } from './library.ts';
import type { ProgrammeState } from './state.ts';
import type { PeriodCell } from './counters.ts';
import { priorityShare, roomUnderMax } from './counters.ts';
import { RANK_PRIORITY } from './library.ts';

/** Why an item may not be placed at an instant (0 = it may). */
export const Refusal = {
  ok: 0,
  fit: 1,
  notYetValid: 2,
  expired: 3,
  excluded: 4,
  reservedForPin: 5,
  oncePerWindow: 6,
  perDay: 7,
  repeatGap: 8,
  topicMax: 9,
  ceremonial: 10,
  weekSpread: 11,
} as const;
export type Refusal = (typeof Refusal)[keyof typeof Refusal];

/**
 * Who asks: pins skip the pin reservation and the week spread; fill honours the week spread of
 * every capped week rule; a target honours it for the rules of other topics than its own, so that
 * serving one topic does not use up another topic's week early.
 */
export type PickMode = 'pin' | 'target' | 'fill';

/**
 * The first hard rule (or planning policy) that stops `item` from starting at `startMs`. On
 * topicMax and weekSpread, `st.blockingCell` is the rule period that refused it.
 * The order matters for the shortfall diagnosis: what no repeat can lift (validity, the operator's
 * orders, a rule's max, the ceremonial cap) is asked before the item's own repeat limits, so a
 * topic whose max has run out is blamed on the max, not on the repeat gap of its items.
 * A pin (`pinOrder` = its position in the operator's list) sees only the room held for pins listed
 * before it: of two pins competing for one max, the first listed wins.
 */
export function refusalOf(
  st: ProgrammeState,
  item: ItemRecord,
  startMs: number,
  limitMs: number,
  mode: PickMode,
  servedTopic = -1,
  pinOrder = -1,
): Refusal {
  const endMs = startMs + item.durationMs;
  if (endMs > limitMs) return Refusal.fit;
  if (startMs < item.validFrom) return Refusal.notYetValid;
  if (endMs > item.validUntil) return Refusal.expired;
  const i = item.index;
  if (st.excludedToday?.has(i)) return Refusal.excluded;
  if (mode !== 'pin' && st.reservedToday?.has(i)) return Refusal.reservedForPin;
  for (const t of item.topics) {
    for (const cell of st.activeByTopic[t]!) {
      const room = mode === 'pin' ? roomForPin(cell, pinOrder) : roomUnderMax(cell);
      if (room < 1) {
        st.blockingCell = cell;
        return Refusal.topicMax;
      }
      if (mode !== 'pin' && t !== servedTopic && cell.planned >= cell.fillCap) {
        st.blockingCell = cell;
        return Refusal.weekSpread;
      }
      if (mode === 'fill' && item.rank === RANK_PRIORITY && (cell.priorityPlays?.get(i) ?? 0) >= priorityShare(cell)) {
        st.blockingCell = cell;
        return Refusal.weekSpread;
      }
    }
  }
  if (item.ceremonial && !st.ledger.allows(i, item.durationMs)) return Refusal.ceremonial;
  const win = st.window;
  if (st.windowStamp[i] === st.windowSeq || st.history.hasStartIn(i, win.startMs, win.endMs)) {
    return Refusal.oncePerWindow;
  }
  const plannedToday = st.dayStamp[i] === st.day ? st.dayCount[i]! : 0;
  if (plannedToday + st.history.dayCount(i, st.day) >= st.ctx.maxPlaysPerDay) return Refusal.perDay;
  const gap = st.ctx.repeatGapMs;
  if (st.plannedNear(i, startMs, gap) || st.history.hasStartBetween(i, startMs - gap, startMs + gap)) {
    return Refusal.repeatGap;
  }
  return Refusal.ok;
}

/** Room under the max for a pin: only pins listed before it hold room against it. */
function roomForPin(cell: PeriodCell, pinOrder: number): number {
  let held = 0;
  for (const order of cell.heldBy) if (order < pinOrder) held++;
  return cell.track.max - cell.airedMax - cell.planned - held;
}

/** True when a jingle may open or close the window at that instant (rule 2, fit, rule 4, exclusions). */
export function jingleFits(st: ProgrammeState, jingle: ItemRecord, startMs: number, limitMs: number): boolean {
  const endMs = startMs + jingle.durationMs;
  if (endMs > limitMs || startMs < jingle.validFrom || endMs > jingle.validUntil) return false;
  // An operator may take the jingle off a day like any item.
  if (st.excludedToday?.has(jingle.index)) return false;
  for (const t of jingle.topics) {
    for (const cell of st.activeByTopic[t]!) if (roomUnderMax(cell) < 1) return false;
  }
  return true;
}

/** Refusals that cannot lift before the window ends, so a scan may pass the item for good. */
export function lastsForWindow(code: Refusal): boolean {
  return code !== Refusal.repeatGap && code !== Refusal.ceremonial && code !== Refusal.notYetValid;
}

/** A doubly linked list of item indices in rank order with O(1) move-to-back. */
export class RotationList {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  /** Rank of each item in the list: smaller = to be played sooner. */
  private readonly order: Float64Array;
  private readonly inList: Uint8Array;
  private head = -1;
  private tail = -1;
  private counter = 0;
  /** Shortest duration of any item ever listed: below it no item can fit. */
  readonly shortestMs: number;

  constructor(capacity: number, ranked: ItemRecord[]) {
    this.next = new Int32Array(capacity).fill(-1);
    this.prev = new Int32Array(capacity).fill(-1);
    this.order = new Float64Array(capacity).fill(Infinity);
    this.inList = new Uint8Array(capacity);
    let shortest = Infinity;
    for (const item of ranked) {
      this.append(item.index);
      shortest = Math.min(shortest, item.durationMs);
    }
    this.shortestMs = shortest;
  }

  /** The first item, or −1. */
  first(): number {
    return this.head;
  }

  /** The item after i, or −1. */
  after(i: number): number {
    return this.next[i]!;
  }

  /** Rank position of an item (comparable within one list). */
  rankOf(i: number): number {
    return this.order[i]!;
  }

  /** Takes the item out for good (it expired). */
  remove(i: number): void {
    if (!this.inList[i]) return;
    const p = this.prev[i]!;
    const n = this.next[i]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.next[i] = this.prev[i] = -1;
    this.inList[i] = 0;
  }

  /** Moves a just-played item to the back (least recently played last). */
  moveToBack(i: number): void {
    if (!this.inList[i]) return;
    this.remove(i);
    this.append(i);
  }

  private append(i: number): void {
    this.prev[i] = this.tail;
    this.next[i] = -1;
    if (this.tail >= 0) this.next[this.tail] = i;
    else this.head = i;
    this.tail = i;
    this.order[i] = this.counter++;
    this.inList[i] = 1;
  }
}

/**
 * The same rotation order seen per (topic, rank): one list per pair holding the schedulable items
 * that list the topic, moved to the back together with the main list, so the first acceptable
 * item of a topic list is the best-ranked one and a target scan can stop there.
 */
export class TopicRotation {
  private readonly heads: Int32Array;
  private readonly tails: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly itemOf: Int32Array;
  private readonly listOf: Int32Array;
  /** Memberships of item i are firstMembership[i] .. firstMembership[i] + membershipCount[i] − 1. */
  private readonly firstMembership: Int32Array;
  private readonly membershipCount: Uint8Array;
  private readonly rankCount: number;
  /** Shortest duration per (topic, rank) list. */
  private readonly shortest: Float64Array;

  constructor(itemCount: number, topicCount: number, rankCount: number, rotationByRank: ItemRecord[][]) {
    this.rankCount = rankCount;
    this.firstMembership = new Int32Array(itemCount);
    this.membershipCount = new Uint8Array(itemCount);
    const lists = topicCount * rankCount;
    this.heads = new Int32Array(lists).fill(-1);
    this.tails = new Int32Array(lists).fill(-1);
    this.shortest = new Float64Array(lists).fill(Infinity);
    let total = 0;
    for (const items of rotationByRank) for (const item of items) total += item.topics.length;
    this.next = new Int32Array(total).fill(-1);
    this.prev = new Int32Array(total).fill(-1);
    this.itemOf = new Int32Array(total);
    this.listOf = new Int32Array(total);
    let m = 0;
    rotationByRank.forEach((items, rank) => {
      for (const item of items) {
        this.firstMembership[item.index] = m;
        this.membershipCount[item.index] = item.topics.length;
        for (const t of item.topics) {
          const list = t * rankCount + rank;
          this.itemOf[m] = item.index;
          this.listOf[m] = list;
          this.shortest[list] = Math.min(this.shortest[list]!, item.durationMs);
          this.append(m++);
        }
      }
    });
  }

  /** First membership of the (topic, rank) list, or −1. */
  first(topic: number, rank: number): number {
    return this.heads[topic * this.rankCount + rank]!;
  }

  /** The membership after m in its list, or −1. */
  after(m: number): number {
    return this.next[m]!;
  }

  /** The item index of a membership. */
  item(m: number): number {
    return this.itemOf[m]!;
  }

  /** The shortest item of the (topic, rank) list (Infinity when empty). */
  shortestMs(topic: number, rank: number): number {
    return this.shortest[topic * this.rankCount + rank]!;
  }

  /** Moves a just-played item to the back of each of its topic lists. */
  moveToBack(item: number): void {
    const first = this.firstMembership[item]!;
    for (let m = first; m < first + this.membershipCount[item]!; m++) {
      this.unlink(m);
      this.append(m);
    }
  }

  private unlink(m: number): void {
    const list = this.listOf[m]!;
    const p = this.prev[m]!;
    const n = this.next[m]!;
    if (p >= 0) this.next[p] = n;
    else this.heads[list] = n;
    if (n >= 0) this.prev[n] = p;
    else this.tails[list] = p;
  }

  private append(m: number): void {
    const list = this.listOf[m]!;
    const tail = this.tails[list]!;
    this.prev[m] = tail;
    this.next[m] = -1;
    if (tail >= 0) this.next[tail] = m;
    else this.heads[list] = m;
    this.tails[list] = m;
  }
}

/**
 * The first rotation order of a programme: least recently aired first, then freshest, then id.
 * `freshFirst` is already sorted by freshness and id, so only the aired items need sorting
 * (a stable sort keeps freshness order among equal times).
 */
export function initialRotation(freshFirst: ItemRecord[], lastAired: (item: number) => number): ItemRecord[] {
  const never: ItemRecord[] = [];
  const aired: { item: ItemRecord; last: number }[] = [];
  for (const item of freshFirst) {
    const last = lastAired(item.index);
    if (last === -Infinity) never.push(item);
    else aired.push({ item, last });
  }
  aired.sort((a, b) => a.last - b.last);
  for (const a of aired) never.push(a.item);
  return never;
}

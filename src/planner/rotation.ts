/**
 * The rotation order of a programme's items. `RotationList` keeps a rank's items least recently
 * played first (never played first, fresher first among equals); a played item moves to the back.
 * `TopicRotation` is the same order seen per topic, for target scans.
 */
import type { ItemRecord } from './library.ts';

/**
 * A doubly linked list of item indices in rank order with O(1) move-to-back. Items that fill may
 * not use for the rest of the day are parked: out of the list, so the day's later windows do not
 * walk past them, and back at the front, in their order, when the next day begins.
 */
export class RotationList {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  /** 1 in the list, 2 parked, 3 parked and then played (it goes back at the end), 0 neither. */
  private readonly inList: Uint8Array;
  private readonly parked: number[] = [];
  private head = -1;
  private tail = -1;
  /** Shortest duration of any item listed since the last reset: below it no item can fit. */
  shortestMs = Infinity;

  /** An empty list for item indices below `capacity`; one instance serves programme after programme. */
  constructor(capacity: number) {
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.inList = new Uint8Array(capacity);
  }

  /** Starts over with these items, in this order. */
  reset(ranked: ItemRecord[]): this {
    this.next.fill(-1);
    this.prev.fill(-1);
    this.inList.fill(0);
    this.parked.length = 0;
    this.head = this.tail = -1;
    let shortest = Infinity;
    for (const item of ranked) {
      this.append(item.index);
      shortest = Math.min(shortest, item.durationMs);
    }
    this.shortestMs = shortest;
    return this;
  }

  /** The first item, or −1. */
  first(): number {
    return this.head;
  }

  /** The item after i, or −1. */
  after(i: number): number {
    return this.next[i]!;
  }

  /** Takes the item out for good (it expired). */
  remove(i: number): void {
    if (this.inList[i] !== 1) return;
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
    if (this.inList[i] === 2) this.inList[i] = 3;
    if (this.inList[i] !== 1) return;
    this.remove(i);
    this.append(i);
  }

  /** Takes the item out of the list until the next day begins. */
  park(i: number): void {
    if (this.inList[i] !== 1) return;
    this.remove(i);
    this.inList[i] = 2;
    this.parked.push(i);
  }

  /** Puts the parked items back: at the front in their order, or at the back if they were played. */
  unparkAll(): void {
    const parked = this.parked;
    for (let k = parked.length - 1; k >= 0; k--) if (this.inList[parked[k]!] === 2) this.prepend(parked[k]!);
    for (const i of parked) if (this.inList[i] === 3) this.append(i);
    parked.length = 0;
  }

  private append(i: number): void {
    this.prev[i] = this.tail;
    this.next[i] = -1;
    if (this.tail >= 0) this.next[this.tail] = i;
    else this.head = i;
    this.tail = i;
    this.inList[i] = 1;
  }

  private prepend(i: number): void {
    this.next[i] = this.head;
    this.prev[i] = -1;
    if (this.head >= 0) this.prev[this.head] = i;
    else this.tail = i;
    this.head = i;
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

  /** Lists for a library of `itemCount` items whose topic lists hold `memberships` entries in all. */
  constructor(itemCount: number, topicCount: number, rankCount: number, memberships: number) {
    this.rankCount = rankCount;
    this.firstMembership = new Int32Array(itemCount);
    this.membershipCount = new Uint8Array(itemCount);
    const lists = topicCount * rankCount;
    this.heads = new Int32Array(lists);
    this.tails = new Int32Array(lists);
    this.shortest = new Float64Array(lists);
    this.next = new Int32Array(memberships);
    this.prev = new Int32Array(memberships);
    this.itemOf = new Int32Array(memberships);
    this.listOf = new Int32Array(memberships);
  }

  /** Starts over with the items of each rank in this order (the memberships must add up as built). */
  reset(rotationByRank: ItemRecord[][]): this {
    const { rankCount } = this;
    this.heads.fill(-1);
    this.tails.fill(-1);
    this.shortest.fill(Infinity);
    let m = 0;
    for (let rank = 0; rank < rotationByRank.length; rank++) {
      for (const item of rotationByRank[rank]!) {
        const topics = item.topics;
        this.firstMembership[item.index] = m;
        this.membershipCount[item.index] = topics.length;
        for (let k = 0; k < topics.length; k++) {
          const list = topics[k]! * rankCount + rank;
          this.itemOf[m] = item.index;
          this.listOf[m] = list;
          if (item.durationMs < this.shortest[list]!) this.shortest[list] = item.durationMs;
          this.append(m++);
        }
      }
    }
    return this;
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

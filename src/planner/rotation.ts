/**
 * The rotation order seen per topic (`TopicRotation`, for target scans) and the first rotation
 * order of a programme. The order itself lives in rotationList.ts.
 */
import type { ItemRecord } from './library.ts';
import type { RotationList } from './rotationList.ts';

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
  /** The lists in their first order, copied back by restart(). */
  private readonly baseHeads: Int32Array;
  private readonly baseTails: Int32Array;
  private readonly baseNext: Int32Array;
  private readonly basePrev: Int32Array;

  /** Lists of a library of `itemCount` items, each rank's items in the order given (restart goes back to it). */
  constructor(itemCount: number, topicCount: number, rotationByRank: ItemRecord[][]) {
    const rankCount = rotationByRank.length;
    this.rankCount = rankCount;
    let memberships = 0;
    for (const items of rotationByRank) for (const item of items) memberships += item.topics.length;
    this.firstMembership = new Int32Array(itemCount);
    this.membershipCount = new Uint8Array(itemCount);
    const lists = topicCount * rankCount;
    this.heads = new Int32Array(lists).fill(-1);
    this.tails = new Int32Array(lists).fill(-1);
    this.shortest = new Float64Array(lists).fill(Infinity);
    this.next = new Int32Array(memberships);
    this.prev = new Int32Array(memberships);
    this.itemOf = new Int32Array(memberships);
    this.listOf = new Int32Array(memberships);
    let m = 0;
    for (let rank = 0; rank < rankCount; rank++) {
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
    this.baseHeads = this.heads.slice();
    this.baseTails = this.tails.slice();
    this.baseNext = this.next.slice();
    this.basePrev = this.prev.slice();
  }

  /** Starts over from the first order. */
  restart(): this {
    this.heads.set(this.baseHeads);
    this.tails.set(this.baseTails);
    this.next.set(this.baseNext);
    this.prev.set(this.basePrev);
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
 * The first rotation order of a programme is least recently aired first, then freshest, then id:
 * the lists start in freshFirst order (restart), and the aired items are moved to the back in the
 * order of their latest aired start, the fresher first among equal times.
 */
export function moveAiredToBack(lists: RotationList[], topicLists: TopicRotation, aired: number[], listOf: Uint8Array): void {
  for (const i of aired) {
    lists[listOf[i]!]!.moveToBack(i);
    topicLists.moveToBack(i);
  }
}

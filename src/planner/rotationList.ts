/**
 * The rotation order of a programme's items: a rank's items least recently played first (never
 * played first, fresher first among equals); a played item moves to the back.
 */
import type { ItemRecord } from './library.ts';

/**
 * Doubly linked item indices with a copy of their first state. One instance serves programme
 * after programme: each starts from the first state again (restart), a copy of arrays rather than
 * a walk over the items.
 */
class Links {
  readonly next: Int32Array;
  readonly prev: Int32Array;
  head = -1;
  tail = -1;
  private baseNext: Int32Array | null = null;
  private basePrev: Int32Array | null = null;
  private baseHead = -1;
  private baseTail = -1;

  constructor(capacity: number) {
    this.next = new Int32Array(capacity).fill(-1);
    this.prev = new Int32Array(capacity).fill(-1);
  }

  /** Keeps the current state as the one restart() goes back to. */
  keepAsFirst(): void {
    this.baseNext = this.next.slice();
    this.basePrev = this.prev.slice();
    this.baseHead = this.head;
    this.baseTail = this.tail;
  }

  /**
   * Goes back to the first state. Only the links of `members` ever change: a list much smaller than
   * the library copies theirs alone, a large one copies the whole arrays (a faster, sequential copy).
   */
  restart(members: Int32Array): void {
    if (members.length * 8 < this.next.length) {
      for (let k = 0; k < members.length; k++) {
        const i = members[k]!;
        this.next[i] = this.baseNext![i]!;
        this.prev[i] = this.basePrev![i]!;
      }
    } else {
      this.next.set(this.baseNext!);
      this.prev.set(this.basePrev!);
    }
    this.head = this.baseHead;
    this.tail = this.baseTail;
  }

  unlink(i: number): void {
    const p = this.prev[i]!;
    const n = this.next[i]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.next[i] = this.prev[i] = -1;
  }

  append(i: number): void {
    this.prev[i] = this.tail;
    this.next[i] = -1;
    if (this.tail >= 0) this.next[this.tail] = i;
    else this.head = i;
    this.tail = i;
  }

  prepend(i: number): void {
    this.next[i] = this.head;
    this.prev[i] = -1;
    if (this.head >= 0) this.prev[this.head] = i;
    else this.tail = i;
    this.head = i;
  }
}

/** Where an item stands (RotationList.state). */
const OUT = 0;
const LINKED = 1;
const PARKED = 2;
const PARKED_PLAYED = 3;
const IN_FRONT = 4;

/**
 * A rotation list with O(1) move-to-back (one per rank, ceremonial items in a list of their own:
 * Library.freshFirstByList). Items that fill may not use for the rest of the day are parked: out
 * of the list, so the day's later windows do not walk past them, and back at the front, in their
 * order, when the next day begins.
 *
 * The items parked yesterday are the front of the list today: they stay in the array they were
 * parked in (`front`), ahead of the linked items, and leave it by a mark. The same items are often
 * parked again the next day (their topic's share of the day is soon used up), so they never need
 * linking in and out; only those the day leaves in the front are linked back in at its end.
 *
 * The short items (at most `shortLimitMs` long) are also linked among themselves in the same
 * order: when the time left in a window is below that limit, a walk steps from short item to short
 * item instead of past every longer one (at the end of a window, most of the list).
 */
export class RotationList {
  private readonly all: Links;
  private readonly short: Links;
  private readonly isShort: Uint8Array;
  /** OUT, LINKED, PARKED, PARKED_PLAYED or IN_FRONT. */
  private readonly state: Uint8Array;
  private readonly baseState: Uint8Array;
  /** The list's items (the only ones whose links and state change). */
  private readonly members: Int32Array;
  /** Yesterday's parked items in the order they were parked, −1 where one has left: front[0 .. frontLength). */
  private front: Int32Array;
  private frontLength = 0;
  /** front[0 .. frontFirst) holds no item any more. */
  private frontFirst = 0;
  /** The position in `front` of each item IN_FRONT. */
  private readonly frontPos: Int32Array;
  /** The items parked today, in the order they were parked: parked[0 .. parkedCount). */
  private parked: Int32Array;
  private parkedCount = 0;
  /** Shortest duration of any item of the list: below it no item can fit. */
  readonly shortestMs: number;
  /** Items this long or shorter are short: twice the shortest. */
  readonly shortLimitMs: number;

  /** The list of `ranked` (item indices below `capacity`) in that order. */
  constructor(capacity: number, ranked: ItemRecord[]) {
    this.all = new Links(capacity);
    this.short = new Links(capacity);
    this.isShort = new Uint8Array(capacity);
    this.state = new Uint8Array(capacity);
    this.front = new Int32Array(capacity);
    this.frontPos = new Int32Array(capacity);
    this.parked = new Int32Array(capacity);
    this.shortestMs = ranked.reduce((shortest, item) => Math.min(shortest, item.durationMs), Infinity);
    this.shortLimitMs = 2 * this.shortestMs;
    for (const item of ranked) {
      if (item.durationMs <= this.shortLimitMs) this.isShort[item.index] = 1;
      this.append(item.index);
    }
    this.all.keepAsFirst();
    this.short.keepAsFirst();
    this.baseState = this.state.slice();
    this.members = Int32Array.from(ranked, (item) => item.index);
  }

  /** Starts over from the first order. */
  restart(): this {
    const { members } = this;
    this.all.restart(members);
    this.short.restart(members);
    if (members.length * 8 < this.state.length) for (let k = 0; k < members.length; k++) this.state[members[k]!] = this.baseState[members[k]!]!;
    else this.state.set(this.baseState);
    this.frontLength = this.frontFirst = this.parkedCount = 0;
    return this;
  }

  /** The first item, or −1. */
  first(): number {
    const front = this.firstInFront(this.frontFirst);
    return front >= 0 ? front : this.all.head;
  }

  /** The item after i, or −1. */
  after(i: number): number {
    if (this.state[i] !== IN_FRONT) return this.all.next[i]!;
    const front = this.firstInFront(this.frontPos[i]! + 1);
    return front >= 0 ? front : this.all.head;
  }

  /** The first short item from `node` on (node itself included), or −1. */
  shortFrom(node: number): number {
    let i = node;
    while (i >= 0 && this.state[i] === IN_FRONT && this.isShort[i] === 0) i = this.after(i);
    if (i < 0 || this.isShort[i] === 1) return i;
    while (i >= 0 && this.isShort[i] === 0) i = this.all.next[i]!;
    return i;
  }

  /** The short item after the short item i, or −1. */
  afterShort(i: number): number {
    if (this.state[i] !== IN_FRONT) return this.short.next[i]!;
    for (let p = this.frontPos[i]! + 1; p < this.frontLength; p++) {
      const j = this.front[p]!;
      if (j >= 0 && this.isShort[j] === 1) return j;
    }
    return this.short.head;
  }

  /** Takes the item out for good (it expired). */
  remove(i: number): void {
    if (!this.takeOut(i)) return;
    this.state[i] = OUT;
  }

  /** Moves a just-played item to the back (least recently played last). */
  moveToBack(i: number): void {
    if (this.state[i] === PARKED) this.state[i] = PARKED_PLAYED;
    if (!this.takeOut(i)) return;
    this.append(i);
  }

  /** Takes the item out of the list until the next day begins. */
  park(i: number): void {
    if (!this.takeOut(i)) return;
    this.state[i] = PARKED;
    this.parked[this.parkedCount++] = i;
  }

  /**
   * Puts the parked items back, at the front in their order (they become the new front), or at
   * the back if they were played. What the day left of the old front goes ahead of the linked items.
   */
  unparkAll(): void {
    for (let p = this.frontLength - 1; p >= this.frontFirst; p--) {
      const i = this.front[p]!;
      if (i >= 0) this.prepend(i);
    }
    const { parked, parkedCount } = this;
    let length = 0;
    for (let k = 0; k < parkedCount; k++) {
      const i = parked[k]!;
      if (this.state[i] === PARKED_PLAYED) this.append(i);
      else {
        parked[length] = i;
        this.frontPos[i] = length++;
        this.state[i] = IN_FRONT;
      }
    }
    // Today's parked items are tomorrow's front: the two arrays change roles.
    this.parked = this.front;
    this.front = parked;
    this.frontLength = length;
    this.frontFirst = this.parkedCount = 0;
  }

  /** The first item still in the front from position p on, or −1 (passing the empty start). */
  private firstInFront(p: number): number {
    const atStart = p === this.frontFirst;
    while (p < this.frontLength && this.front[p]! < 0) p++;
    if (atStart) this.frontFirst = p;
    return p < this.frontLength ? this.front[p]! : -1;
  }

  /** Takes a linked or front item out of the list (true), else false. */
  private takeOut(i: number): boolean {
    const state = this.state[i];
    if (state === LINKED) {
      this.all.unlink(i);
      if (this.isShort[i] === 1) this.short.unlink(i);
    } else if (state === IN_FRONT) this.front[this.frontPos[i]!] = -1;
    else return false;
    return true;
  }

  private append(i: number): void {
    this.all.append(i);
    if (this.isShort[i] === 1) this.short.append(i);
    this.state[i] = LINKED;
  }

  private prepend(i: number): void {
    this.all.prepend(i);
    if (this.isShort[i] === 1) this.short.prepend(i);
    this.state[i] = LINKED;
  }
}

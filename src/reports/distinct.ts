/**
 * Distinct (group, item) pairs as a growable bitmap with per-group counts: constant-time and
 * allocation-free per row, where a Set per group would hash and grow at a million rows.
 */
export class DistinctPairs {
  private bits: Uint8Array;
  private counts: Int32Array;
  private groupCap: number;
  private itemCap: number;

  constructor(groups = 64, items = 1024) {
    this.groupCap = Math.max(1, groups);
    this.itemCap = Math.max(1, items);
    this.bits = new Uint8Array(this.groupCap * this.itemCap);
    this.counts = new Int32Array(this.groupCap);
  }

  /** Records that `item` occurred in `group` (both small non-negative integers). */
  add(group: number, item: number): void {
    if (group >= this.groupCap || item >= this.itemCap) this.grow(group, item);
    const at = group * this.itemCap + item;
    if (this.bits[at] === 0) {
      this.bits[at] = 1;
      this.counts[group]! += 1;
    }
  }

  /** Distinct items seen in a group. */
  count(group: number): number {
    return group < this.groupCap ? this.counts[group]! : 0;
  }

  private grow(group: number, item: number): void {
    const groupCap = group >= this.groupCap ? Math.max(group + 1, this.groupCap * 2) : this.groupCap;
    const itemCap = item >= this.itemCap ? Math.max(item + 1, this.itemCap * 2) : this.itemCap;
    const bits = new Uint8Array(groupCap * itemCap);
    for (let g = 0; g < this.groupCap; g++) {
      bits.set(this.bits.subarray(g * this.itemCap, (g + 1) * this.itemCap), g * itemCap);
    }
    const counts = new Int32Array(groupCap);
    counts.set(this.counts);
    this.bits = bits;
    this.counts = counts;
    this.groupCap = groupCap;
    this.itemCap = itemCap;
  }
}

/**
 * Aired plays as the planner counts them. A shared programme must respect every member's own
 * history, so per-item facts are merged conservatively across members: the union of play starts
 * (repeat gap, once per window) and the highest per-day count (plays per day).
 */
import type { AiredPlay } from '../domain/plan.ts';
import type { Library } from './library.ts';
import { localDayIndexer, parseInstantFast } from '../domain/fastTime.ts';

/** One aired play, parsed. */
export interface AiredRecord {
  zone: string;
  itemId: string;
  /** Library index of the item, or −1 when the item is not in the input. */
  item: number;
  startMs: number;
  endMs: number;
  day: number;
  /** Station topic indices listed on the play. */
  topics: number[];
  ceremonial: boolean;
  jingle: boolean;
}

const NO_TOPICS: number[] = [];

/** The aired rows by zone, each zone's in their order (rows mostly come zone by zone). */
export function airedRowsByZone(aired: AiredPlay[]): Map<string, AiredPlay[]> {
  const byZone = new Map<string, AiredPlay[]>();
  let lastZone: string | undefined;
  let list: AiredPlay[] = [];
  // (Indexed: this runs once per plan over the whole history, mostly before it is optimised, and
  // an iterator there makes an object per row.)
  for (let k = 0; k < aired.length; k++) {
    const play = aired[k]!;
    if (play.zone !== lastZone) {
      lastZone = play.zone;
      const known = byZone.get(play.zone);
      if (known) list = known;
      else byZone.set(play.zone, (list = []));
    }
    list.push(play);
  }
  return byZone;
}

/**
 * Reads aired rows into records, a programme's members at a time (the records live while their
 * programme is planned, not through the whole plan). Unreadable instants are skipped.
 */
export class AiredReader {
  private readonly dayOf: (ms: number) => number;
  /** The rows of one item mostly list the same topics: each item's last ones answer before the map. */
  private readonly lastTopicIds: (string[] | undefined)[];
  private readonly lastTopics: number[][];

  constructor(
    private readonly library: Library,
    tz: string,
  ) {
    this.dayOf = localDayIndexer(tz);
    this.lastTopicIds = new Array<string[] | undefined>(library.items.length).fill(undefined);
    this.lastTopics = new Array<number[]>(library.items.length);
  }

  read(rows: AiredPlay[]): AiredRecord[] {
    const { library } = this;
    const records: AiredRecord[] = [];
    for (const play of rows) {
      const startMs = parseInstantFast(play.start);
      const endMs = parseInstantFast(play.end);
      if (startMs === null || endMs === null) continue;
      const item = library.byId.get(play.itemId)?.index ?? -1;
      records.push({
        zone: play.zone,
        itemId: play.itemId,
        item,
        startMs,
        endMs: Math.max(startMs, endMs),
        day: this.dayOf(startMs),
        topics: this.topicsOf(play, item),
        ceremonial: play.ceremonial,
        jingle: library.jingleIds.has(play.itemId),
      });
    }
    return records;
  }

  private topicsOf(play: AiredPlay, item: number): number[] {
    if (item >= 0 && this.lastTopicIds[item] === play.topics) return this.lastTopics[item]!;
    const topics = topicIndices(play.topics, this.library);
    if (item >= 0) {
      this.lastTopicIds[item] = play.topics;
      this.lastTopics[item] = topics;
    }
    return topics;
  }
}

/** Station topic indices of the topic ids a play lists (unknown ones dropped, each once). */
function topicIndices(ids: string[], library: Library): number[] {
  if (ids.length === 0) return NO_TOPICS;
  const topics: number[] = [];
  for (const id of ids) {
    const t = library.topicIndex.get(id);
    if (t !== undefined && !topics.includes(t)) topics.push(t);
  }
  return topics;
}

/** Map key of an (item, day) pair: day counters stay far below 100,000 (year 2243). */
function itemDayKey(item: number, day: number): number {
  return item * 100_000 + day;
}

/**
 * Per-item arrays shared by the histories of one plan. Programmes are planned one after another,
 * so one ProgrammeHistory uses them at a time: each new one takes them over (a new `seq`).
 */
export class HistoryScratch {
  /** The history (its seq) whose entries `first` and `count` hold for the item. */
  readonly seq: Int32Array;
  readonly first: Int32Array;
  readonly count: Int32Array;
  last = 0;

  constructor(itemCount: number) {
    this.seq = new Int32Array(itemCount);
    this.first = new Int32Array(itemCount);
    this.count = new Int32Array(itemCount);
  }
}

/** The merged aired history of a programme's members, for repeat limits and obstacles. */
export class ProgrammeHistory {
  /** This history's number in the scratch: an item has aired starts when its seq entry is this. */
  private readonly seq: number;
  private readonly scratch: HistoryScratch;
  /** Aired starts, item by item (scratch.first / scratch.count), each item's sorted. */
  private readonly starts: Float64Array;
  /** The items with aired starts, in the order first met. */
  private readonly airedItems: number[] = [];
  /**
   * Highest per-member count of plays of an item on a day, by itemDayKey; made when first asked
   * (only a day the history reaches into is asked: most plans start after their history ends).
   */
  private dayMax: Map<number, number> | null = null;
  /** Every member's aired plays as [start, end), sorted by start. */
  private readonly intervalStarts: Float64Array;
  private readonly intervalEnds: Float64Array;
  private longestMs = 0;
  /** The latest aired start of any item and its day: planning after it meets no history at all. */
  private latestStartMs = -Infinity;
  private latestDay = -Infinity;

  constructor(
    private readonly memberPlays: AiredRecord[][],
    scratch: HistoryScratch,
  ) {
    this.scratch = scratch;
    const seq = (this.seq = ++scratch.last);
    const { first, count } = scratch;
    for (const plays of memberPlays) {
      for (const play of plays) {
        this.longestMs = Math.max(this.longestMs, play.endMs - play.startMs);
        const i = play.item;
        if (i < 0 || play.jingle) continue;
        if (scratch.seq[i] !== seq) {
          scratch.seq[i] = seq;
          count[i] = 0;
          this.airedItems.push(i);
        }
        count[i]!++;
        this.latestStartMs = Math.max(this.latestStartMs, play.startMs);
        this.latestDay = Math.max(this.latestDay, play.day);
      }
    }
    let total = 0;
    for (const i of this.airedItems) {
      first[i] = total;
      total += count[i]!;
      count[i] = 0;
    }
    const starts = (this.starts = new Float64Array(total));
    for (const plays of memberPlays) {
      for (const play of plays) {
        const i = play.item;
        if (i >= 0 && !play.jingle) starts[first[i]! + count[i]!++] = play.startMs;
      }
    }
    for (const i of this.airedItems) if (count[i]! > 1) starts.subarray(first[i]!, first[i]! + count[i]!).sort();
    // One member's plays usually come in time order already: no copy, no sort.
    const single = memberPlays.length === 1 ? memberPlays[0]! : null;
    const all = single && single.every((p, k) => k === 0 || single[k - 1]!.startMs <= p.startMs) ? single : memberPlays.flat().sort((a, b) => a.startMs - b.startMs);
    // (A loop, not Float64Array.from with a mapping function: that runs far slower in V8.)
    const intervalStarts = (this.intervalStarts = new Float64Array(all.length));
    const intervalEnds = (this.intervalEnds = new Float64Array(all.length));
    for (let k = 0; k < all.length; k++) {
      intervalStarts[k] = all[k]!.startMs;
      intervalEnds[k] = all[k]!.endMs;
    }
  }

  /**
   * The items with aired starts, by their latest start, the one earlier in `freshOrder` first
   * among equal times: the order in which they go to the back of the first rotation.
   */
  airedByLastStart(freshOrder: Int32Array): number[] {
    return this.airedItems.slice().sort((a, b) => this.lastStart(a) - this.lastStart(b) || freshOrder[a]! - freshOrder[b]!);
  }

  /** The latest aired start of the item, or −Infinity. */
  lastStart(item: number): number {
    const { scratch } = this;
    if (scratch.seq[item] !== this.seq) return -Infinity;
    return this.starts[scratch.first[item]! + scratch.count[item]! - 1]!;
  }

  /** True when some member aired the item with a start strictly between lo and hi. */
  hasStartBetween(item: number, lo: number, hi: number): boolean {
    if (lo >= this.latestStartMs) return false;
    const { scratch } = this;
    if (scratch.seq[item] !== this.seq) return false;
    const from = scratch.first[item]!;
    const to = from + scratch.count[item]!;
    const i = firstAbove(this.starts, lo, from, to);
    return i < to && this.starts[i]! < hi;
  }

  /** True when some member aired the item with a start in [lo, hi) (instants are whole ms). */
  hasStartIn(item: number, lo: number, hi: number): boolean {
    return this.hasStartBetween(item, lo - 1, hi);
  }

  /** The highest number of plays of the item one member aired on that day. */
  dayCount(item: number, day: number): number {
    if (day > this.latestDay || this.scratch.seq[item] !== this.seq) return 0;
    return (this.dayMax ??= this.countDays()).get(itemDayKey(item, day)) ?? 0;
  }

  private countDays(): Map<number, number> {
    const dayMax = new Map<number, number>();
    const memberCounts = new Map<number, number>();
    for (const plays of this.memberPlays) {
      memberCounts.clear();
      for (const play of plays) {
        if (play.item < 0 || play.jingle) continue;
        const key = itemDayKey(play.item, play.day);
        memberCounts.set(key, (memberCounts.get(key) ?? 0) + 1);
      }
      for (const [key, n] of memberCounts) if (n > (dayMax.get(key) ?? 0)) dayMax.set(key, n);
    }
    return dayMax;
  }

  /**
   * The earliest instant a new slot may start in [startMs, endMs) without overlapping a play
   * aired there (a slot still running at `now` included), keeping the gap after it.
   */
  freeFrom(startMs: number, endMs: number, gapMs: number): number {
    let free = startMs;
    const starts = this.intervalStarts;
    for (let i = firstAtOrAbove(starts, endMs) - 1; i >= 0; i--) {
      if (starts[i]! + this.longestMs <= startMs) break;
      if (this.intervalEnds[i]! > startMs) free = Math.max(free, this.intervalEnds[i]! + gapMs);
    }
    return free;
  }
}

/** The first index of sorted[from .. to) holding more than `value` (`to` if none). */
function firstAbove(sorted: ArrayLike<number>, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtOrAbove(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

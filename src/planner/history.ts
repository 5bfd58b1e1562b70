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

/** Parses the aired plays and files them by zone (unreadable instants are skipped). */
export function parseAiredByZone(aired: AiredPlay[], library: Library, tz: string): Map<string, AiredRecord[]> {
  const byZone = new Map<string, AiredRecord[]>();
  const dayOf = localDayIndexer(tz);
  for (const play of aired) {
    const startMs = parseInstantFast(play.start);
    const endMs = parseInstantFast(play.end);
    if (startMs === null || endMs === null) continue;
    const topics: number[] = play.topics.length === 0 ? NO_TOPICS : [];
    for (const id of play.topics) {
      const t = library.topicIndex.get(id);
      if (t !== undefined && !topics.includes(t)) topics.push(t);
    }
    const record: AiredRecord = {
      zone: play.zone,
      itemId: play.itemId,
      item: library.byId.get(play.itemId)?.index ?? -1,
      startMs,
      endMs: Math.max(startMs, endMs),
      day: dayOf(startMs),
      topics,
      ceremonial: play.ceremonial,
      jingle: library.jingleIds.has(play.itemId),
    };
    let list = byZone.get(play.zone);
    if (!list) byZone.set(play.zone, (list = []));
    list.push(record);
  }
  return byZone;
}

/** Map key of an (item, day) pair: day counters stay far below 100,000 (year 2243). */
function itemDayKey(item: number, day: number): number {
  return item * 100_000 + day;
}

/** The merged aired history of a programme's members, for repeat limits and obstacles. */
export class ProgrammeHistory {
  /** Aired starts per item index, sorted (an array, not a map: asked for on every refusal check). */
  private readonly startsByItem: (number[] | undefined)[];
  /** Highest per-member count of plays of an item on a day, by itemDayKey. */
  private readonly dayMax = new Map<number, number>();
  /** Every member's aired plays as [start, end), sorted by start. */
  private readonly intervalStarts: Float64Array;
  private readonly intervalEnds: Float64Array;
  private longestMs = 0;
  /** The latest aired start of any item and its day: planning after it meets no history at all. */
  private latestStartMs = -Infinity;
  private latestDay = -Infinity;

  /** `itemCount`: the library's size (a dense array is much faster than a sparse one here). */
  constructor(memberPlays: AiredRecord[][], itemCount: number) {
    this.startsByItem = new Array<number[] | undefined>(itemCount).fill(undefined);
    const memberCounts = new Map<number, number>();
    for (const plays of memberPlays) {
      memberCounts.clear();
      for (const play of plays) {
        this.longestMs = Math.max(this.longestMs, play.endMs - play.startMs);
        if (play.item < 0 || play.jingle) continue;
        (this.startsByItem[play.item] ??= []).push(play.startMs);
        this.latestStartMs = Math.max(this.latestStartMs, play.startMs);
        this.latestDay = Math.max(this.latestDay, play.day);
        const key = itemDayKey(play.item, play.day);
        memberCounts.set(key, (memberCounts.get(key) ?? 0) + 1);
      }
      for (const [key, n] of memberCounts) if (n > (this.dayMax.get(key) ?? 0)) this.dayMax.set(key, n);
    }
    for (const starts of this.startsByItem) starts?.sort((a, b) => a - b);
    const all = memberPlays.length === 1 ? [...memberPlays[0]!] : memberPlays.flat();
    all.sort((a, b) => a.startMs - b.startMs);
    this.intervalStarts = Float64Array.from(all, (p) => p.startMs);
    this.intervalEnds = Float64Array.from(all, (p) => p.endMs);
  }

  /** The latest aired start of the item, or −Infinity. */
  lastStart(item: number): number {
    const starts = this.startsByItem[item];
    return starts && starts.length > 0 ? starts[starts.length - 1]! : -Infinity;
  }

  /** True when some member aired the item with a start strictly between lo and hi. */
  hasStartBetween(item: number, lo: number, hi: number): boolean {
    if (lo >= this.latestStartMs) return false;
    const starts = this.startsByItem[item];
    if (!starts) return false;
    const i = firstAbove(starts, lo);
    return i < starts.length && starts[i]! < hi;
  }

  /** True when some member aired the item with a start in [lo, hi) (instants are whole ms). */
  hasStartIn(item: number, lo: number, hi: number): boolean {
    return this.hasStartBetween(item, lo - 1, hi);
  }

  /** The highest number of plays of the item one member aired on that day. */
  dayCount(item: number, day: number): number {
    if (day > this.latestDay || !this.startsByItem[item]) return 0;
    return this.dayMax.get(itemDayKey(item, day)) ?? 0;
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

function firstAbove(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
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

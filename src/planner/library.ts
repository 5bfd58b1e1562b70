/**
 * The item library as the planner sees it: every input item turned once into a flat record with
 * epoch-ms validity, topic indices and a priority rank, plus indexes by id and by topic.
 */
import type { PlanInput, PlannableItem } from '../domain/plan.ts';
import type { Priority } from '../domain/item.ts';
import { parseInstant } from '../domain/time.ts';

/** Priority ranks, best first; a window airs every lower rank after every higher one (rule 6). */
export const RANK_PRIORITY = 0;
export const RANK_NORMAL = 1;
export const RANK_COUNT = 2;

const RANK_OF: Record<Priority, number> = {
  priority: RANK_PRIORITY,
  normal: RANK_NORMAL,
};

/** One library item in planner form. */
export interface ItemRecord {
  index: number;
  id: string;
  durationMs: number;
  /** Epoch ms; −Infinity when unbounded. */
  validFrom: number;
  /** Epoch ms; +Infinity when unbounded. */
  validUntil: number;
  /** Indices into Library.topicIds of the station topics the item lists (unknown topics dropped). */
  topics: number[];
  ceremonial: boolean;
  rank: number;
  /** approvedAt, else createdAt, in epoch ms (bigger = fresher). */
  freshness: number;
  /** The operator's order of a priority item (smaller first); +Infinity when it has none, or is not a priority item. */
  priorityOrder: number;
  approved: boolean;
  /** Approved, with a positive duration and readable validity, and not a jingle: may be picked. */
  schedulable: boolean;
}

/** Items and topics indexed for planning. */
export interface Library {
  items: ItemRecord[];
  /** items[i].durationMs, .validFrom, .validUntil and .ceremonial as flat arrays, for the walks' hot loops. */
  durations: Float64Array;
  validFroms: Float64Array;
  validUntils: Float64Array;
  ceremonialFlags: Uint8Array;
  /**
   * Each item's topics as one bit each (bit t mod 32), so that a walk can tell at a glance that none
   * of an item's topics is barred; exact when the station has at most 32 topics.
   */
  topicMasks: Int32Array;
  /** True when a topic bit stands for one topic only (at most 32 topics). */
  exactMasks: boolean;
  /** Each item's topic indices, flat: those of item i are topicList[topicStart[i] .. topicStart[i + 1]). */
  topicStart: Int32Array;
  topicList: Int32Array;
  byId: Map<string, ItemRecord>;
  topicIds: string[];
  topicIndex: Map<string, number>;
  /** Schedulable items per topic and rank: itemsByTopicRank[topic][rank] = item indices. */
  itemsByTopicRank: number[][][];
  /**
   * Schedulable items per rank, in the operator's order first (priority items that have one), then
   * freshest first, then by id: the base of every rotation order.
   */
  freshFirstByRank: ItemRecord[][];
  /** Each item's position in freshFirstByRank of its rank (0 for items not schedulable). */
  freshOrder: Int32Array;
  /** Each item's rank, flat. */
  ranks: Uint8Array;
  /** Each item's ItemRecord.priorityOrder, flat. */
  priorityOrders: Float64Array;
  /** True when some schedulable priority item has an operator's order (operatorOrder.ts has work to do). */
  priorityOrdered: boolean;
  /**
   * Schedulable items per rotation list (rotationList(rank, ceremonial)), freshest first: ceremonial
   * items rotate apart from the others, as fill tries them only when no other item can go.
   */
  freshFirstByList: ItemRecord[][];
  /** Each item's rotation list. */
  listOf: Uint8Array;
  /** How many approved items list each topic (jingles included), for diagnosis. */
  approvedCountByTopic: number[];
  /** Per topic, when at least one schedulable item of it is valid: merged [from, until] spans. */
  validSpansByTopic: [number, number][][];
  /** The policy's jingles when they are approved, usable items; null otherwise. */
  openingJingle: ItemRecord | null;
  closingJingle: ItemRecord | null;
  /** Ids of the policy's jingles whatever their state: exempt from rule 3, outside rules 5 and 6. */
  jingleIds: Set<string>;
}

/** Builds the planner's view of the input items (first occurrence wins on a repeated id). */
export function buildLibrary(input: PlanInput): Library {
  const { station } = input;
  const topicIds = station.topics.map((t) => t.id);
  const topicIndex = new Map(topicIds.map((id, i) => [id, i] as const));
  const jingleIds = new Set<string>();
  if (station.policy.openingJingle) jingleIds.add(station.policy.openingJingle);
  if (station.policy.closingJingle) jingleIds.add(station.policy.closingJingle);

  const items: ItemRecord[] = [];
  const byId = new Map<string, ItemRecord>();
  for (const source of input.items) {
    if (byId.has(source.id)) continue;
    const record = toRecord(source, items.length, topicIndex, jingleIds);
    items.push(record);
    byId.set(record.id, record);
  }

  const itemsByTopicRank = topicIds.map(() => Array.from({ length: RANK_COUNT }, () => [] as number[]));
  const approvedCountByTopic = topicIds.map(() => 0);
  for (const item of items) {
    for (const t of item.topics) {
      if (item.approved) approvedCountByTopic[t]!++;
      if (item.schedulable) itemsByTopicRank[t]![item.rank]!.push(item.index);
    }
  }

  const validSpansByTopic = topicIds.map((_, t) =>
    mergeSpans(itemsByTopicRank[t]!.flat().map((i) => [items[i]!.validFrom, items[i]!.validUntil] as [number, number])),
  );

  const freshFirstByRank = Array.from({ length: RANK_COUNT }, () => [] as ItemRecord[]);
  for (const item of items) if (item.schedulable) freshFirstByRank[item.rank]!.push(item);
  for (const list of freshFirstByRank) {
    list.sort((a, b) => byOperatorOrder(a, b) || b.freshness - a.freshness || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  const freshFirstByList = Array.from({ length: RANK_COUNT * 2 }, () => [] as ItemRecord[]);
  for (const list of freshFirstByRank) for (const item of list) freshFirstByList[rotationList(item.rank, item.ceremonial)]!.push(item);
  const freshOrder = new Int32Array(items.length);
  for (const list of freshFirstByRank) list.forEach((item, k) => (freshOrder[item.index] = k));
  const topicStart = new Int32Array(items.length + 1);
  for (const item of items) topicStart[item.index + 1] = topicStart[item.index]! + item.topics.length;
  const topicList = Int32Array.from(items.flatMap((item) => item.topics));

  return {
    items,
    durations: Float64Array.from(items, (i) => i.durationMs),
    validFroms: Float64Array.from(items, (i) => i.validFrom),
    validUntils: Float64Array.from(items, (i) => i.validUntil),
    ceremonialFlags: Uint8Array.from(items, (i) => (i.ceremonial ? 1 : 0)),
    topicMasks: Int32Array.from(items, (i) => i.topics.reduce((mask, t) => mask | topicBit(t), 0)),
    exactMasks: topicIds.length <= 32,
    topicStart,
    topicList,
    byId,
    freshFirstByRank,
    freshOrder,
    ranks: Uint8Array.from(items, (i) => i.rank),
    priorityOrders: Float64Array.from(items, (i) => i.priorityOrder),
    priorityOrdered: freshFirstByRank[RANK_PRIORITY]!.some((i) => i.priorityOrder !== Infinity),
    freshFirstByList,
    listOf: Uint8Array.from(items, (i) => rotationList(i.rank, i.ceremonial)),
    topicIds,
    topicIndex,
    itemsByTopicRank,
    approvedCountByTopic,
    validSpansByTopic,
    openingJingle: usableJingle(byId, station.policy.openingJingle),
    closingJingle: usableJingle(byId, station.policy.closingJingle),
    jingleIds,
  };
}

/** Ordered items first, by their order; unordered ones compare equal (−, 0, +). */
function byOperatorOrder(a: ItemRecord, b: ItemRecord): number {
  return a.priorityOrder === b.priorityOrder ? 0 : a.priorityOrder < b.priorityOrder ? -1 : 1;
}

/** The rotation list of the items of a rank, ceremonial or not. */
export function rotationList(rank: number, ceremonial: boolean): number {
  return rank * 2 + (ceremonial ? 1 : 0);
}

/** The bit of a topic in Library.topicMasks. */
export function topicBit(topic: number): number {
  return 1 << (topic & 31);
}

/** True when some schedulable item of the topic is valid at some instant of [startMs, endMs). */
export function topicValidDuring(library: Library, topic: number, startMs: number, endMs: number): boolean {
  for (const [from, until] of library.validSpansByTopic[topic]!) if (from < endMs && until > startMs) return true;
  return false;
}

function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = spans.filter(([from, until]) => from < until).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, until] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], until);
    else merged.push([from, until]);
  }
  return merged;
}

function toRecord(
  source: PlannableItem,
  index: number,
  topicIndex: Map<string, number>,
  jingleIds: Set<string>,
): ItemRecord {
  const validFrom = source.validFrom === null ? -Infinity : parseInstant(source.validFrom);
  const validUntil = source.validUntil === null ? Infinity : parseInstant(source.validUntil);
  const topics: number[] = [];
  for (const id of source.topics) {
    const t = topicIndex.get(id);
    if (t !== undefined && !topics.includes(t)) topics.push(t);
  }
  const approved = source.status === 'approved';
  const rank = RANK_OF[source.priority] ?? RANK_NORMAL;
  const order = source.priorityOrder;
  const readable = validFrom !== null && validUntil !== null;
  return {
    index,
    id: source.id,
    durationMs: source.durationMs,
    validFrom: validFrom ?? Infinity,
    validUntil: validUntil ?? -Infinity,
    topics,
    ceremonial: source.ceremonial,
    rank,
    freshness: parseInstant(source.approvedAt ?? source.createdAt) ?? parseInstant(source.createdAt) ?? 0,
    priorityOrder: rank === RANK_PRIORITY && typeof order === 'number' && Number.isFinite(order) ? order : Infinity,
    approved,
    schedulable:
      // A live broadcast's recording aired as it was made: it is never planned again (decisions §9).
      approved && readable && Number.isInteger(source.durationMs) && source.durationMs > 0 && !jingleIds.has(source.id) && source.kind !== 'truc-tiep',
  };
}

function usableJingle(byId: Map<string, ItemRecord>, id: string | null): ItemRecord | null {
  if (!id) return null;
  const item = byId.get(id);
  if (!item || !item.approved || !Number.isInteger(item.durationMs) || item.durationMs <= 0) return null;
  if (item.validFrom > item.validUntil) return null;
  return item;
}

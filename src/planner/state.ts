/**
 * The mutable state of planning one programme: counters, rotation lists and the slots placed so
 * far. Programmes are independent, so one state lives while its programme is planned and no longer.
 */
import type { Library, ItemRecord } from './library.ts';
import type { Programme, WindowInstance } from './calendar.ts';
import type { AiredRecord } from './history.ts';
import type { PeriodCell, RuleTrack } from './counters.ts';
import type { Topic } from '../domain/station.ts';
import type { ReasonCatalogue } from './reasons.ts';
import { RANK_COUNT, RANK_PRIORITY } from './library.ts';
import type { DayClock } from './calendar.ts';
import { WindowCalendar } from './calendar.ts';
import { ProgrammeHistory } from './history.ts';
import { buildTracks, cellOf, countsForMin, periodKey, ruleInForce } from './counters.ts';
import { CeremonialLedger } from './ceremonial.ts';
import { CauseTally } from './causes.ts';
import { RotationList, TopicRotation, initialRotation } from './rotation.ts';

/** Settings and indexes shared by every programme of one planRange call. */
export interface PlanContext {
  tz: string;
  nowMs: number;
  fromDay: number;
  toDay: number;
  gapMs: number;
  repeatGapMs: number;
  maxPlaysPerDay: number;
  /** The share the planner keeps ceremonial content under, and the hard cap above it. */
  ceremonialShare: number;
  ceremonialCap: number;
  topics: Topic[];
  library: Library;
  airedByZone: Map<string, AiredRecord[]>;
  reasons: ReasonCatalogue;
  scratch: ProgrammeScratch;
  dayClock: DayClock;
  /** The ISO text of an instant in the station's zone, made once per plan (plan.ts). */
  instantText: (ms: number) => string;
}

/** Per-item arrays and rotation lists, allocated once per plan and reset for each programme. */
export class ProgrammeScratch {
  readonly lastBeforeToday: Float64Array;
  readonly todayStarts: (number[] | undefined)[];
  /** The items whose todayStarts entry the current programme set. */
  readonly withStarts: number[] = [];
  readonly dayStamp: Int32Array;
  readonly dayCount: Int32Array;
  readonly windowStamp: Int32Array;
  readonly lists: RotationList[];
  readonly topicLists: TopicRotation;

  constructor(library: Library, topicCount: number) {
    const n = library.items.length;
    this.lastBeforeToday = new Float64Array(n);
    this.todayStarts = new Array<number[] | undefined>(n).fill(undefined);
    this.dayStamp = new Int32Array(n);
    this.dayCount = new Int32Array(n);
    this.windowStamp = new Int32Array(n);
    this.lists = Array.from({ length: RANK_COUNT }, () => new RotationList(n));
    let memberships = 0;
    for (const items of library.freshFirstByRank) for (const item of items) memberships += item.topics.length;
    this.topicLists = new TopicRotation(n, topicCount, RANK_COUNT, memberships);
  }
}

/** A slot placed for a programme, before it is emitted for each member. */
export interface PlannedSlot {
  item: ItemRecord;
  startMs: number;
  endMs: number;
  window: WindowInstance;
  reason: string[];
}

const NO_WINDOW: WindowInstance = {
  def: { startSec: 0, endSec: 0, peak: false, days: [], label: '' },
  day: 0,
  date: '',
  startMs: 0,
  endMs: 0,
  peak: false,
};

/** Planning state of one programme. */
export class ProgrammeState {
  readonly calendar: WindowCalendar;
  readonly history: ProgrammeHistory;
  readonly tracks: RuleTrack[];
  readonly tracksByTopic: RuleTrack[][];
  readonly ledger: CeremonialLedger;
  /** One rotation list per priority rank. */
  readonly lists: RotationList[];
  /** The rotation order per topic and rank, for target scans. */
  readonly topicLists: TopicRotation;
  /** Latest planned start per item on the days before the day being planned. */
  readonly lastBeforeToday: Float64Array;
  /** Planned starts per item on the day being planned (valid where dayStamp is that day). */
  private readonly todayStarts: (number[] | undefined)[];
  readonly dayStamp: Int32Array;
  /** Topics whose max or day's share of a week max fill found used up, by day (fill.ts). */
  readonly topicBarredDay: Int32Array;
  readonly topicBarredCode: Uint8Array;
  /** The refusals of the items parked today (rotation.ts): they explain an empty window too. */
  readonly parkedToday: number[] = [];
  readonly dayCount: Int32Array;
  readonly windowStamp: Int32Array;
  readonly slots: PlannedSlot[] = [];

  day = 0;
  windowSeq = 0;
  window: WindowInstance = NO_WINDOW;
  /** Next free start in the current window (previous end + gap). */
  cursor = 0;
  /** Per topic, the rule periods in force in the current window: a play counts toward their max. */
  readonly activeByTopic: PeriodCell[][];
  /** Per topic, those of them whose min the current window counts toward. */
  private readonly minActiveByTopic: PeriodCell[][];
  /** Non-jingle slots placed in the current window. */
  windowContent = 0;
  /** Why items were refused in the current window while it had no content yet. */
  readonly windowCauses = new CauseTally();
  /** Scratch tally of one target scan (serveTargets.ts), kept here rather than in module state. */
  readonly scanCauses = new CauseTally();
  /** Topic targets still wanted in the current window, most urgent first. */
  readonly demands: PeriodCell[] = [];
  private readonly weekDemands: PeriodCell[] = [];
  /** The rule period behind the last topicMax or weekSpread refusal (set by refusalOf). */
  blockingCell: PeriodCell | null = null;
  excludedToday: Set<number> | undefined;
  reservedToday: Set<number> | undefined;

  constructor(
    readonly ctx: PlanContext,
    readonly programme: Programme,
  ) {
    const memberPlays = programme.members.map((m) => ctx.airedByZone.get(m.id) ?? []);
    this.calendar = new WindowCalendar(programme.defs, ctx.dayClock);
    this.history = new ProgrammeHistory(memberPlays, ctx.library.items.length);
    const memberIds = programme.members.map((m) => m.id);
    this.tracks = buildTracks(ctx.topics, memberIds, ctx.airedByZone, this.calendar);
    this.tracksByTopic = ctx.topics.map(() => []);
    this.activeByTopic = ctx.topics.map(() => []);
    this.minActiveByTopic = ctx.topics.map(() => []);
    this.topicBarredDay = new Int32Array(ctx.topics.length).fill(-1);
    this.topicBarredCode = new Uint8Array(ctx.topics.length);
    for (const track of this.tracks) this.tracksByTopic[track.topic]!.push(track);
    this.ledger = new CeremonialLedger(memberPlays, ctx.ceremonialShare);

    // Programmes are planned one after another: the per-item arrays are the context's, reset here.
    const scratch = ctx.scratch;
    this.lastBeforeToday = scratch.lastBeforeToday.fill(-Infinity);
    this.todayStarts = scratch.todayStarts;
    for (const i of scratch.withStarts) this.todayStarts[i] = undefined;
    scratch.withStarts.length = 0;
    this.dayStamp = scratch.dayStamp.fill(-1);
    this.dayCount = scratch.dayCount;
    this.windowStamp = scratch.windowStamp.fill(-1);
    const rotation = ctx.library.freshFirstByRank.map((items) => initialRotation(items, (i) => this.history.lastStart(i)));
    this.lists = rotation.map((items, rank) => scratch.lists[rank]!.reset(items));
    this.topicLists = scratch.topicLists.reset(rotation);
  }

  /** Starts a planned day: exclusions, items held for pins, the ceremonial month-to-date. */
  beginDay(day: number, excluded: Set<number> | undefined, reserved: Set<number> | undefined): void {
    this.day = day;
    for (const list of this.lists) list.unparkAll();
    this.parkedToday.length = 0;
    this.excludedToday = excluded;
    this.reservedToday = reserved;
    this.ledger.startDay(day);
  }

  /** Starts a window at `cursor`: which rule periods it counts for and which targets it serves. */
  beginWindow(window: WindowInstance, cursor: number): void {
    this.window = window;
    this.windowSeq++;
    this.cursor = cursor;
    this.windowContent = 0;
    this.windowCauses.clear();
    for (const cells of this.activeByTopic) cells.length = 0;
    for (const cells of this.minActiveByTopic) cells.length = 0;
    this.demands.length = 0;
    this.weekDemands.length = 0;
    for (const track of this.tracks) {
      if (!ruleInForce(track, window.day)) continue;
      const cell = cellOf(track, periodKey(track, window.day));
      this.activeByTopic[track.topic]!.push(cell);
      if (!countsForMin(track, window.peak)) continue;
      this.minActiveByTopic[track.topic]!.push(cell);
      if (cell.target > cell.plannedMin) (track.week ? this.weekDemands : this.demands).push(cell);
    }
    // A day's target has no later chance, a week's may still be met on another day.
    for (const cell of this.weekDemands) this.demands.push(cell);
  }

  /** Records a slot at the cursor and advances the cursor past it and the gap. */
  place(item: ItemRecord, reason: string[], jingle = false): void {
    const startMs = this.cursor;
    const endMs = startMs + item.durationMs;
    this.slots.push({ item, startMs, endMs, window: this.window, reason });
    const priority = item.rank === RANK_PRIORITY;
    for (const t of item.topics) {
      for (const cell of this.activeByTopic[t]!) {
        cell.planned++;
        if (priority && Number.isFinite(cell.track.max)) {
          const plays = (cell.priorityPlays ??= new Map());
          plays.set(item.index, (plays.get(item.index) ?? 0) + 1);
        }
      }
      for (const cell of this.minActiveByTopic[t]!) cell.plannedMin++;
    }
    if (!jingle) {
      const i = item.index;
      this.windowContent++;
      if (this.dayStamp[i] !== this.day) {
        // The day's windows are planned peak first, not in time order: keep the day's starts.
        const earlier = this.todayStarts[i];
        if (earlier) for (const t of earlier) this.lastBeforeToday[i] = Math.max(this.lastBeforeToday[i]!, t);
        this.dayStamp[i] = this.day;
        this.dayCount[i] = 0;
        if (earlier) earlier.length = 0;
        else {
          this.todayStarts[i] = [];
          this.ctx.scratch.withStarts.push(i);
        }
      }
      this.todayStarts[i]!.push(startMs);
      this.dayCount[i]!++;
      this.windowStamp[i] = this.windowSeq;
      this.ledger.record(i, item.durationMs, item.ceremonial);
      this.lists[item.rank]!.moveToBack(i);
      this.topicLists.moveToBack(i);
    }
    this.cursor = endMs + this.ctx.gapMs;
  }

  /** True when a planned play of the item starts less than `gapMs` before or after `startMs`. */
  plannedNear(i: number, startMs: number, gapMs: number): boolean {
    if (gapMs <= 0) return false;
    if (this.dayStamp[i] !== this.day) {
      // Nothing planned today: the latest start on earlier days is the newest of the last day's.
      const earlier = this.todayStarts[i];
      let last = this.lastBeforeToday[i]!;
      if (earlier) for (const t of earlier) last = Math.max(last, t);
      return startMs - last < gapMs;
    }
    if (startMs - this.lastBeforeToday[i]! < gapMs) return true;
    for (const t of this.todayStarts[i]!) if (Math.abs(startMs - t) < gapMs) return true;
    return false;
  }
}

/**
 * The mutable state of planning one programme: counters, rotation lists and the slots placed so
 * far. Programmes are independent, so one state lives while its programme is planned and no longer.
 */
import type { ItemRecord } from './library.ts';
import type { WindowInstance } from './calendar.ts';
import type { Programme } from './programmes.ts';
import type { AiredPlay } from '../domain/plan.ts';
import type { PeriodCell, RuleTrack } from './counters.ts';
import type { PlanContext } from './context.ts';
import type { TopicRotation } from './rotation.ts';
import type { RotationList } from './rotationList.ts';
import type { PlannedSlots } from './planned.ts';
import { RANK_PRIORITY } from './library.ts';
import { WindowCalendar } from './calendar.ts';
import { ProgrammeHistory } from './history.ts';
import { buildTracks, cellOnDay, countsForMin, ruleInForce } from './counters.ts';
import { CeremonialLedger } from './ceremonial.ts';
import { CauseTally } from './causes.ts';
import { moveAiredToBack } from './rotation.ts';
import { setAt } from './planned.ts';
import { SERVING_SPAN } from './targets.ts';

const NO_ROWS: AiredPlay[] = [];

const NO_WINDOW: WindowInstance = {
  def: { startSec: 0, endSec: 0, peak: false, days: [], label: '', ordinal: 0 },
  day: 0,
  date: '',
  startMs: 0,
  endMs: 0,
  peak: false,
  opens: true,
  closes: true,
};

/** Planning state of one programme. */
export class ProgrammeState {
  readonly calendar: WindowCalendar;
  readonly history: ProgrammeHistory;
  readonly tracks: RuleTrack[];
  readonly tracksByTopic: RuleTrack[][];
  readonly ledger: CeremonialLedger;
  /** The rotation lists, by Library.rotationList(rank, ceremonial). */
  readonly lists: RotationList[];
  /** The rotation order per topic and rank, for target scans. */
  readonly topicLists: TopicRotation;
  /** Latest planned start per item on the days before the day being planned. */
  readonly lastBeforeToday: Float64Array;
  /**
   * Planned starts per item on the last day it was planned (its dayStamp): those of item i are
   * todayStarts[i × perDay ..] (dayCount[i] of them), perDay being maxPlaysPerDay.
   */
  private readonly todayStarts: Float64Array;
  private readonly perDay: number;
  readonly dayStamp: Int32Array;
  /** Topics whose max or day's share of a week max fill found used up, by day (fill.ts). */
  readonly topicBarredDay: Int32Array;
  readonly topicBarredCode: Uint8Array;
  /** The bits (Library.topicMasks) of the topics barred today. */
  barredTopicMask = 0;
  /** The refusals of the items parked today (rotationList.ts): they explain an empty window too. */
  readonly parkedCauses = new CauseTally();
  readonly dayCount: Int32Array;
  readonly windowStamp: Int32Array;
  readonly walkStamp: Int32Array;
  readonly slots: PlannedSlots;

  day = 0;
  /** The current window instance's number (windowSeqs: the last number given). */
  windowSeq = 0;
  private windowSeqs = 0;
  /** Numbers the fill walks (fill.ts). */
  walkSeq = 0;
  window: WindowInstance = NO_WINDOW;
  /** Next free start in the current window (previous end + gap). */
  cursor = 0;
  /** Non-jingle slots placed in the current window. */
  windowContent = 0;
  /** Why items were refused in the current window while it had no content yet. */
  readonly windowCauses = new CauseTally();
  /** Scratch tally of one target scan (serveTargets.ts), kept here rather than in module state. */
  readonly scanCauses = new CauseTally();
  /** dayServes' answers by track and day (targets.ts). */
  readonly servingDays: Uint8Array;
  /** Per topic, the target scan that found it wanted too (serveTargets.ts), and that scan's number. */
  readonly wantedTopics: Int32Array;
  wantedMark = 0;
  /** Topic targets still wanted in the current window, most urgent first: demands[0 .. demandCount). */
  readonly demands: PeriodCell[] = [];
  demandCount = 0;
  /** The rule period behind the last topicMax or weekSpread refusal (set by refusalOf). */
  blockingCell: PeriodCell | null = null;
  excludedToday: Set<number> | undefined;
  reservedToday: Set<number> | undefined;

  constructor(
    readonly ctx: PlanContext,
    readonly programme: Programme,
  ) {
    const memberPlays = programme.members.map((m) => ctx.airedReader.read(ctx.airedRows.get(m.id) ?? NO_ROWS));
    this.calendar = new WindowCalendar(programme.defs, ctx.dayClock, programme.relays);
    this.history = new ProgrammeHistory(memberPlays, ctx.scratch.history);
    const memberIds = programme.members.map((m) => m.id);
    this.tracks = buildTracks(ctx.topics, ctx.ruleScopes, memberIds, memberPlays, this.calendar);
    this.tracksByTopic = ctx.topics.map(() => []);
    this.wantedTopics = new Int32Array(ctx.topics.length);
    this.topicBarredDay = new Int32Array(ctx.topics.length).fill(-1);
    this.topicBarredCode = new Uint8Array(ctx.topics.length);
    for (const track of this.tracks) this.tracksByTopic[track.topic]!.push(track);
    this.servingDays = new Uint8Array(this.tracks.length * SERVING_SPAN);
    this.ledger = new CeremonialLedger(memberPlays, ctx.ceremonialShare, ctx.dayClock, ctx.scratch.ledgerMarks);

    // Programmes are planned one after another: the per-item arrays are the context's, reset here.
    const scratch = ctx.scratch;
    this.lastBeforeToday = scratch.lastBeforeToday.fill(-Infinity);
    this.todayStarts = scratch.todayStarts;
    this.perDay = scratch.perDay;
    this.dayStamp = scratch.dayStamp.fill(-1);
    this.dayCount = scratch.dayCount;
    this.windowStamp = scratch.windowStamp.fill(-1);
    this.walkStamp = scratch.walkStamp.fill(-1);
    this.slots = scratch.slots;
    this.slots.clear();
    this.lists = scratch.lists.map((list) => list.restart());
    this.topicLists = scratch.topicLists.restart();
    moveAiredToBack(this.lists, this.topicLists, this.history.airedByLastStart(ctx.library.freshOrder), ctx.library.listOf);
  }

  /**
   * Starts a planned day: the rule periods in force (each track's `today`: a play counts toward
   * their max), exclusions, items held for pins, the ceremonial month-to-date.
   */
  beginDay(day: number, excluded: Set<number> | undefined, reserved: Set<number> | undefined): void {
    this.day = day;
    for (const track of this.tracks) track.today = ruleInForce(track, day) ? cellOnDay(track, day) : null;
    this.barredTopicMask = 0;
    for (const list of this.lists) list.unparkAll();
    this.parkedCauses.clear();
    this.excludedToday = excluded;
    this.reservedToday = reserved;
    this.ledger.startDay(day);
  }

  /** Starts a window at `cursor`: which rule periods it counts for and which targets it serves. */
  beginWindow(window: WindowInstance, cursor: number): void {
    this.window = window;
    this.windowSeq = ++this.windowSeqs;
    this.cursor = cursor;
    this.windowContent = 0;
    this.windowCauses.clear();
    // A day's target has no later chance, a week's may still be met on another day.
    let count = this.addDemands(false, 0);
    count = this.addDemands(true, count);
    this.demandCount = count;
  }

  /** Comes back to a window begun earlier, as it was left (two-pass days, day.ts; the caller restores windowCauses). */
  resumeWindow(window: WindowInstance, seq: number, cursor: number, content: number, demands: readonly PeriodCell[]): void {
    this.window = window;
    this.windowSeq = seq;
    this.cursor = cursor;
    this.windowContent = content;
    for (let d = 0; d < demands.length; d++) setAt(this.demands, d, demands[d]!);
    this.demandCount = demands.length;
  }

  /** Appends the day (or week) rule periods whose target the current window still serves. */
  private addDemands(week: boolean, count: number): number {
    const peak = this.window.peak;
    for (const track of this.tracks) {
      const cell = track.today;
      if (cell === null || track.week !== week || !countsForMin(track, peak) || !(cell.target > cell.plannedMin)) continue;
      if (count < this.demands.length) this.demands[count] = cell;
      else this.demands.push(cell);
      count++;
    }
    return count;
  }

  /** Records a slot at the cursor and advances the cursor past it and the gap. */
  place(item: ItemRecord, reason: number, jingle = false): void {
    const i = item.index;
    const startMs = this.cursor;
    const endMs = startMs + item.durationMs;
    this.slots.push(i, startMs, this.window, reason);
    const priority = item.rank === RANK_PRIORITY;
    const { topicStart, topicList } = this.ctx.library;
    const peak = this.window.peak;
    for (let k = topicStart[i]!; k < topicStart[i + 1]!; k++) {
      const tracks = this.tracksByTopic[topicList[k]!]!;
      for (let c = 0; c < tracks.length; c++) {
        const track = tracks[c]!;
        const cell = track.today;
        if (cell === null) continue;
        cell.planned++;
        if (priority && Number.isFinite(track.max)) {
          const plays = (cell.priorityPlays ??= new Map());
          plays.set(i, (plays.get(i) ?? 0) + 1);
        }
        if (countsForMin(track, peak)) cell.plannedMin++;
      }
    }
    if (!jingle) {
      this.windowContent++;
      const perDay = this.perDay;
      if (this.dayStamp[i] !== this.day) {
        // The day's windows are planned peak first, not in time order: the day's starts are kept
        // until the item is next planned, on a later day.
        if (this.dayStamp[i]! >= 0) this.lastBeforeToday[i] = this.latestOfLastDay(i);
        this.dayStamp[i] = this.day;
        this.dayCount[i] = 0;
      }
      // refusalOf keeps plays per day within maxPlaysPerDay, which sizes todayStarts.
      this.todayStarts[i * perDay + this.dayCount[i]!] = startMs;
      this.dayCount[i]!++;
      this.windowStamp[i] = this.windowSeq;
      this.ledger.record(i, item.durationMs, item.ceremonial);
      this.lists[this.ctx.library.listOf[i]!]!.moveToBack(i);
      this.topicLists.moveToBack(i);
    }
    this.cursor = endMs + this.ctx.gapMs;
  }

  /** The latest start of the item up to the last day it was planned on (its dayStamp). */
  private latestOfLastDay(i: number): number {
    let last = this.lastBeforeToday[i]!;
    const base = i * this.perDay;
    for (let k = 0; k < this.dayCount[i]!; k++) last = Math.max(last, this.todayStarts[base + k]!);
    return last;
  }

  /**
   * True when a planned play of the item starts less than `gapMs` before or after `startMs`,
   * leaving out its play planned at `ownMs` (one being moved, operatorOrder.ts).
   */
  plannedNear(i: number, startMs: number, gapMs: number, ownMs = NaN): boolean {
    if (gapMs <= 0) return false;
    if (this.dayStamp[i] !== this.day) {
      // Nothing planned today: the latest start on earlier days is the newest of the last day's.
      return startMs - (this.dayStamp[i]! >= 0 ? this.latestOfLastDay(i) : this.lastBeforeToday[i]!) < gapMs;
    }
    if (startMs - this.lastBeforeToday[i]! < gapMs) return true;
    const base = i * this.perDay;
    for (let k = 0; k < this.dayCount[i]!; k++) if (Math.abs(startMs - this.todayStarts[base + k]!) < gapMs && this.todayStarts[base + k] !== ownMs) return true;
    return false;
  }

  /** Moves the item's play planned today at `fromMs` to `toMs` (its slot is moved by the caller, operatorOrder.ts). */
  movePlannedStart(i: number, fromMs: number, toMs: number): void {
    const base = i * this.perDay;
    for (let k = 0; k < this.dayCount[i]!; k++) if (this.todayStarts[base + k] === fromMs) this.todayStarts[base + k] = toMs;
  }
}

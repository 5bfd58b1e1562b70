/**
 * What every programme of one planRange call shares: the settings and indexes of the plan
 * (PlanContext), and the per-item arrays and rotation lists allocated once and reset for each
 * programme (ProgrammeScratch), so that planning a thousand programmes allocates them once.
 */
import type { Library } from './library.ts';
import type { AiredPlay } from '../domain/plan.ts';
import type { AiredReader } from './history.ts';
import type { RuleScopes } from './counters.ts';
import type { Topic } from '../domain/station.ts';
import type { ReasonCatalogue } from './reasons.ts';
import type { DayClock } from './calendar.ts';
import { HistoryScratch } from './history.ts';
import { LedgerMarks } from './ceremonial.ts';
import { TopicRotation } from './rotation.ts';
import { RotationList } from './rotationList.ts';
import { PlannedSlots } from './planned.ts';

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
  ruleScopes: RuleScopes;
  library: Library;
  /** The aired rows by zone, read into records for each programme's members (history.ts). */
  airedRows: Map<string, AiredPlay[]>;
  airedReader: AiredReader;
  reasons: ReasonCatalogue;
  scratch: ProgrammeScratch;
  dayClock: DayClock;
  /** The ISO text of an instant in the station's zone, made once per plan (plan.ts). */
  instantText: (ms: number) => string;
}

/** Per-item arrays and rotation lists, allocated once per plan and reset for each programme. */
export class ProgrammeScratch {
  readonly lastBeforeToday: Float64Array;
  readonly todayStarts: Float64Array;
  readonly perDay: number;
  readonly dayStamp: Int32Array;
  readonly dayCount: Int32Array;
  readonly windowStamp: Int32Array;
  /** Per item, the fill walk that refused it for the rest of the window (fill.ts). */
  readonly walkStamp: Int32Array;
  readonly slots = new PlannedSlots();
  readonly ledgerMarks: LedgerMarks;
  readonly history: HistoryScratch;
  readonly lists: RotationList[];
  readonly topicLists: TopicRotation;

  constructor(library: Library, topicCount: number, maxPlaysPerDay: number) {
    const n = library.items.length;
    this.lastBeforeToday = new Float64Array(n);
    this.perDay = Math.max(1, Math.ceil(maxPlaysPerDay));
    this.todayStarts = new Float64Array(n * this.perDay);
    this.dayStamp = new Int32Array(n);
    this.dayCount = new Int32Array(n);
    this.windowStamp = new Int32Array(n);
    this.walkStamp = new Int32Array(n);
    this.ledgerMarks = new LedgerMarks(n);
    this.history = new HistoryScratch(n);
    this.lists = library.freshFirstByList.map((items) => new RotationList(n, items));
    this.topicLists = new TopicRotation(n, topicCount, library.freshFirstByRank);
  }
}

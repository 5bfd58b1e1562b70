/**
 * The validator's count of rule 3 per zone, over planned slots plus aired plays: once per window
 * instance, plays per day, repeat gap. Rule 4 is counted in validateTopics.ts, rule 5 in
 * validateShare.ts.
 */
import type { Violation } from '../domain/plan.ts';
import type { Policy, Zone } from '../domain/station.ts';
import type { Play, ValidationLibrary } from './validateModel.ts';
import type { ValidationCalendar, ZoneWindowOnDate } from './validateWindows.ts';

/** Per-item state of the rule 3 scan, reset lazily per zone. */
interface RepeatState {
  zoneSeq: number;
  lastStart: number;
  lastPlanned: boolean;
  day: number;
  dayCount: number;
  dayPlanned: boolean;
  dayReported: boolean;
  window: ZoneWindowOnDate | undefined;
  windowCount: number;
  windowPlanned: boolean;
  windowReported: boolean;
}

/**
 * Rule 3 for every non-jingle item planned in the zone, in one pass over the zone's plays
 * (planned and aired merged in start order) with a small state per item: repeat gap to the
 * previous play, plays per day, plays per window instance.
 */
export class RepeatChecker {
  /** One state per item key for the whole validation, reset in place for each zone. */
  private readonly states: (RepeatState | undefined)[] = [];
  private zoneSeq = 0;
  private readonly gapMs: number;
  private readonly maxPerDay: number;

  constructor(
    private readonly library: ValidationLibrary,
    private readonly policy: Policy,
    private readonly cal: ValidationCalendar,
  ) {
    this.gapMs = policy.minRepeatGapMinutes * 60_000;
    this.maxPerDay = policy.maxPlaysPerItemPerDay;
  }

  /** Checks one zone; `planned` and `aired` are each in start order. */
  check(zone: Zone, planned: Play[], aired: Play[], out: Violation[]): void {
    const seq = ++this.zoneSeq;
    const { facts } = this.library;
    const { states } = this;
    // Only items planned in this zone are judged, jingles exempt: they alone get this zone's state.
    for (let i = 0; i < planned.length; i++) {
      const key = planned[i]!.key;
      if (states[key]?.zoneSeq !== seq && !facts[key]!.jingle) this.resetState(key, seq);
    }
    let i = 0;
    let j = 0;
    while (i < planned.length || j < aired.length) {
      const takePlanned = j >= aired.length || (i < planned.length && planned[i]!.startMs <= aired[j]!.startMs);
      const p = takePlanned ? planned[i++]! : aired[j++]!;
      const state = states[p.key];
      if (state !== undefined && state.zoneSeq === seq) this.visit(zone, p, state, out);
    }
  }

  private resetState(key: number, seq: number): void {
    // Filled up to the key first: an index far past the end would make the array a slow dictionary.
    while (this.states.length <= key) this.states.push(undefined);
    const state = this.states[key];
    if (!state) {
      this.states[key] = {
        zoneSeq: seq,
        lastStart: -Infinity,
        lastPlanned: false,
        day: NaN,
        dayCount: 0,
        dayPlanned: false,
        dayReported: false,
        window: undefined,
        windowCount: 0,
        windowPlanned: false,
        windowReported: false,
      };
      return;
    }
    state.zoneSeq = seq;
    state.lastStart = -Infinity;
    state.lastPlanned = false;
    state.day = NaN;
    state.dayCount = 0;
    state.dayPlanned = false;
    state.dayReported = false;
    state.window = undefined;
    state.windowCount = 0;
    state.windowPlanned = false;
    state.windowReported = false;
  }

  private visit(zone: Zone, p: Play, s: RepeatState, out: Violation[]): void {
    if ((p.planned || s.lastPlanned) && p.startMs - s.lastStart < this.gapMs) {
      out.push({
        rule: 3,
        zone: zone.id,
        slot: p.slot,
        message: `item ${this.library.facts[p.key]!.id} starts ${(p.startMs - s.lastStart) / 60_000} min after its previous play; the gap is ${this.policy.minRepeatGapMinutes} min`,
      });
    }
    s.lastStart = p.startMs;
    s.lastPlanned = p.planned;

    if (s.day !== p.day) {
      s.day = p.day;
      s.dayCount = 0;
      s.dayPlanned = s.dayReported = false;
    }
    s.dayCount++;
    s.dayPlanned ||= p.planned;
    if (s.dayPlanned && !s.dayReported && s.dayCount > this.maxPerDay) {
      s.dayReported = true;
      out.push({
        rule: 3,
        zone: zone.id,
        slot: p.slot,
        message: `item ${this.library.facts[p.key]!.id} airs more than ${this.maxPerDay} times on ${this.cal.date(p.day)}`,
      });
    }

    if (s.window !== p.window) {
      s.window = p.window;
      s.windowCount = 0;
      s.windowPlanned = s.windowReported = false;
    }
    if (!p.window) return;
    s.windowCount++;
    s.windowPlanned ||= p.planned;
    if (s.windowPlanned && !s.windowReported && s.windowCount > 1) {
      s.windowReported = true;
      out.push({
        rule: 3,
        zone: zone.id,
        slot: p.slot,
        message: `item ${this.library.facts[p.key]!.id} airs more than once in window ${p.window.label} on ${this.cal.date(p.day)}`,
      });
    }
  }
}

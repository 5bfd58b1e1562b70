/**
 * Counting for topic rules (rule 4, topic targets) of one programme. Planned plays are counted once
 * for the programme; aired plays per member, so a cap holds for the member with the most aired plays
 * and a target is judged for the member with the fewest.
 * Meaning of a rule (decisions §8): its `max` counts every play of its period in any window;
 * `peakOnly` says that its `min` must be met inside peak windows.
 */
import type { Topic, TopicRule } from '../domain/station.ts';
import type { AiredRecord } from './history.ts';
import type { WindowCalendar } from './calendar.ts';
import type { CauseTally } from './causes.ts';
import { dayIndex, weekdayOfDayIndex } from '../domain/fastTime.ts';

/** The counts of one rule in one period (a day, or a week keyed by its Monday). */
export interface PeriodCell {
  track: RuleTrack;
  key: number;
  /** Planned plays in the period, in any window (what the max counts). */
  planned: number;
  /** Planned plays that count toward the min (in peak windows only for a peakOnly rule). */
  plannedMin: number;
  /** Plays held back for pins not yet placed, so that fill cannot take their room under a max. */
  reserved: number;
  /**
   * List positions of the pins holding `reserved`: an earlier-listed pin wins a contested max.
   * NO_HOLDERS (shared, never changed) until a pin holds room: a plan makes a million cells, few held.
   */
  heldBy: readonly number[];
  /** The highest member's aired plays in the period, in any window. */
  airedMax: number;
  /** The lowest member's aired plays that count toward the min. */
  airedMin: number;
  /** What the min owes for this period (pro-rated for a week the rule's dates cut). */
  owed: number;
  /** Planned count toward the min wanted by the end of the day being planned (0 = no demand). */
  target: number;
  /** Fill (not targets, not pins) stops at this planned count on the day being planned. */
  fillCap: number;
  /** Failed attempts to serve the target, by the cause that bound each. */
  causes: CauseTally | null;
  /** The rule periods whose max refused an item for the target, and how often. */
  blockers: Map<PeriodCell, number> | null;
  /** Plays planned in the period per priority item (a priority item's fill takes at most half a max). */
  priorityPlays: Map<number, number> | null;
}

/** One topic rule as it applies to one programme. */
export interface RuleTrack {
  /** Its position among the programme's tracks. */
  ordinal: number;
  topic: number;
  topicId: string;
  ruleIndex: number;
  rule: TopicRule;
  week: boolean;
  fromDay: number;
  toDay: number;
  peakOnly: boolean;
  min: number;
  max: number;
  /** The programme's members the rule applies to (never empty). */
  members: string[];
  /** Aired plays per member and period: all of them (for the max)… */
  airedByMember: Map<string, Map<number, number>>;
  /** …and those that count toward the min (peak windows only for a peakOnly rule). */
  airedMinByMember: Map<string, Map<number, number>>;
  cells: Map<number, PeriodCell>;
  /** The cell of the day being planned while the rule is in force that day, else null (ProgrammeState.beginDay). */
  today: PeriodCell | null;
  /** The cell of the last day asked of cellOnDay, and that day. */
  dayCell: PeriodCell | null;
  dayCellDay: number;
}

/** The period a day falls in for the rule: the day itself, or the Monday of its ISO week. */
export function periodKey(track: RuleTrack, day: number): number {
  return track.week ? day - (weekdayOfDayIndex(day) - 1) : day;
}

/** True when the rule is in force that day: every play of the day counts toward its max. */
export function ruleInForce(track: RuleTrack, day: number): boolean {
  return day >= track.fromDay && day <= track.toDay;
}

/** True when a play in such a window counts toward the rule's min. */
export function countsForMin(track: RuleTrack, peak: boolean): boolean {
  return peak || !track.peakOnly;
}

/**
 * What the rule's min owes in the period: the min for a day; for a week, the min pro-rated over the
 * days of the week inside the rule's dates, ceil(min × days / 7).
 */
export function owedMin(track: RuleTrack, key: number): number {
  if (!track.week) return track.min;
  const days = daysInForce(track, key);
  return days >= 7 ? track.min : Math.ceil((track.min * days) / 7);
}

/** Days of the week starting `key` on which the rule is in force (7 for a day rule's key). */
export function daysInForce(track: RuleTrack, key: number): number {
  if (!track.week) return 7;
  return Math.max(0, Math.min(key + 6, track.toDay) - Math.max(key, track.fromDay) + 1);
}

/** The heldBy of a cell no pin holds room in: shared by such cells, so never pushed to. */
export const NO_HOLDERS: readonly number[] = [];

/** The counts of a period, created on first use from the members' aired plays. */
export function cellOf(track: RuleTrack, key: number): PeriodCell {
  let cell = track.cells.get(key);
  if (cell) return cell;
  let airedMax = 0;
  let airedMin = Infinity;
  for (const member of track.members) {
    airedMax = Math.max(airedMax, track.airedByMember.get(member)?.get(key) ?? 0);
    airedMin = Math.min(airedMin, track.airedMinByMember.get(member)?.get(key) ?? 0);
  }
  cell = {
    track, key, planned: 0, plannedMin: 0, reserved: 0, heldBy: NO_HOLDERS, airedMax, airedMin,
    owed: owedMin(track, key), target: 0, fillCap: Infinity, causes: null, blockers: null, priorityPlays: null,
  };
  track.cells.set(key, cell);
  return cell;
}

/** The counts of the period holding `day` (asked for every window of the day: the last day's is kept). */
export function cellOnDay(track: RuleTrack, day: number): PeriodCell {
  if (track.dayCellDay === day && track.dayCell) return track.dayCell;
  track.dayCellDay = day;
  return (track.dayCell = cellOf(track, periodKey(track, day)));
}

/** Room left under the rule's max in that cell (Infinity when uncapped). */
export function roomUnderMax(cell: PeriodCell): number {
  return cell.track.max - cell.airedMax - cell.planned - cell.reserved;
}

/**
 * The most plays of one priority item that fill may place in a capped period: half the max, so a
 * priority item goes first without taking a topic's whole max from its sister items.
 */
export function priorityShare(cell: PeriodCell): number {
  return Math.ceil(cell.track.max / 2);
}

/** Records that `blocking`'s max (or week spread) refused an item while serving `cell`'s target. */
export function noteBlocker(cell: PeriodCell, blocking: PeriodCell): void {
  const blockers = (cell.blockers ??= new Map());
  blockers.set(blocking, (blockers.get(blocking) ?? 0) + 1);
}

/** A rule's dates as day counters and the zones it is scoped to (null: every zone). */
interface RuleScope {
  zones: Set<string> | null;
  fromDay: number;
  toDay: number;
}

/** Per topic and rule, its scope: read once per plan, not once per programme. */
export type RuleScopes = RuleScope[][];

export function ruleScopesOf(topics: Topic[]): RuleScopes {
  return topics.map((topic) =>
    topic.rules.map((rule) => ({
      zones: rule.zones ? new Set(rule.zones) : null,
      fromDay: rule.from ? dayIndex(rule.from) : -Infinity,
      toDay: rule.to ? dayIndex(rule.to) : Infinity,
    })),
  );
}

/** The rule tracks of a programme: every topic rule that applies to at least one member. */
/** `memberPlays[m]`: the aired plays of member memberIds[m]. */
export function buildTracks(
  topics: Topic[],
  scopes: RuleScopes,
  memberIds: string[],
  memberPlays: AiredRecord[][],
  calendar: WindowCalendar,
): RuleTrack[] {
  const tracks: RuleTrack[] = [];
  const tracksByTopic: RuleTrack[][] = topics.map(() => []);
  topics.forEach((topic, t) => {
    topic.rules.forEach((rule, ruleIndex) => {
      const scope = scopes[t]![ruleIndex]!;
      const zones = scope.zones;
      const members = zones ? memberIds.filter((id) => zones.has(id)) : memberIds;
      if (members.length === 0) return;
      const track: RuleTrack = {
        ordinal: tracks.length,
        topic: t,
        topicId: topic.id,
        ruleIndex,
        rule,
        week: rule.per === 'week',
        fromDay: scope.fromDay,
        toDay: scope.toDay,
        peakOnly: rule.peakOnly === true,
        min: rule.min ?? 0,
        max: rule.max ?? Infinity,
        members,
        airedByMember: new Map(members.map((m) => [m, new Map<number, number>()] as const)),
        airedMinByMember: new Map(members.map((m) => [m, new Map<number, number>()] as const)),
        cells: new Map(),
        today: null,
        dayCell: null,
        dayCellDay: NaN,
      };
      tracks.push(track);
      tracksByTopic[t]!.push(track);
    });
  });
  // One pass over each member's history, counting each play for the rules of its topics.
  memberIds.forEach((member, m) => {
    for (const play of memberPlays[m]!) {
      let peak: boolean | undefined;
      for (const t of play.topics) {
        for (const track of tracksByTopic[t]!) {
          const counts = track.airedByMember.get(member);
          if (!counts || !ruleInForce(track, play.day)) continue;
          const key = periodKey(track, play.day);
          counts.set(key, (counts.get(key) ?? 0) + 1);
          peak ??= calendar.containing(play.day, play.startMs)?.peak ?? false;
          if (!countsForMin(track, peak)) continue;
          const minCounts = track.airedMinByMember.get(member)!;
          minCounts.set(key, (minCounts.get(key) ?? 0) + 1);
        }
      }
    }
  });
  return tracks;
}

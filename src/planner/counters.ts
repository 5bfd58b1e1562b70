/**
 * Counting for topic rules (rule 4, topic targets) and the ceremonial cap (rule 5) of one programme.
 * Planned plays are counted once for the programme; aired plays per member, so a cap holds for the
 * member with the most aired plays and a target is judged for the member with the fewest.
 */
import type { Topic, TopicRule } from '../domain/station.ts';
import type { AiredRecord } from './history.ts';
import type { WindowCalendar } from './calendar.ts';
import { dateOfDayIndex, dayIndex, weekdayOfDayIndex } from '../domain/fastTime.ts';

/** Failure causes met while trying to serve a target, for the shortfall diagnosis. */
export const FAIL_SPACE = 1;
export const FAIL_REPEAT = 2;
/** A topic rule's max (or its week spread) refused the items; `PeriodCell.blockers` says which. */
export const FAIL_MAX = 4;
/** Only validity stood in the way at that moment (the item expired or was not valid yet). */
export const FAIL_VALIDITY = 8;
/** The ceremonial share cap refused the items. */
export const FAIL_CEREMONIAL = 16;

/** The counts of one rule in one period (a day, or a week keyed by its Monday). */
export interface PeriodCell {
  track: RuleTrack;
  key: number;
  planned: number;
  /** Plays held back for pins not yet placed, so that fill cannot take their room under a max. */
  reserved: number;
  airedMax: number;
  airedMin: number;
  /** Planned count wanted by the end of the day being planned (0 = no demand). */
  target: number;
  /** Fill (not targets, not pins) stops at this planned count on the day being planned. */
  fillCap: number;
  /** FAIL_* bits seen while serving the target. */
  failures: number;
  /** With FAIL_MAX: the rule periods whose max refused an item for the target, and how often. */
  blockers: Map<PeriodCell, number> | null;
}

/** One topic rule as it applies to one programme. */
export interface RuleTrack {
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
  airedByMember: Map<string, Map<number, number>>;
  cells: Map<number, PeriodCell>;
}

/** The period a day falls in for the rule: the day itself, or the Monday of its ISO week. */
export function periodKey(track: RuleTrack, day: number): number {
  return track.week ? day - (weekdayOfDayIndex(day) - 1) : day;
}

/** True when a play on that day, in a peak window or not, counts for the rule. */
export function ruleCounts(track: RuleTrack, day: number, peak: boolean): boolean {
  return day >= track.fromDay && day <= track.toDay && (peak || !track.peakOnly);
}

/** The counts of a period, created on first use from the members' aired plays. */
export function cellOf(track: RuleTrack, key: number): PeriodCell {
  let cell = track.cells.get(key);
  if (cell) return cell;
  let airedMax = 0;
  let airedMin = Infinity;
  for (const member of track.members) {
    const n = track.airedByMember.get(member)?.get(key) ?? 0;
    airedMax = Math.max(airedMax, n);
    airedMin = Math.min(airedMin, n);
  }
  cell = { track, key, planned: 0, reserved: 0, airedMax, airedMin, target: 0, fillCap: Infinity, failures: 0, blockers: null };
  track.cells.set(key, cell);
  return cell;
}

/** Room left under the rule's max in that cell (Infinity when uncapped). */
export function roomUnderMax(cell: PeriodCell): number {
  return cell.track.max - cell.airedMax - cell.planned - cell.reserved;
}

/** Records that `blocking`'s max (or week spread) refused an item while serving `cell`'s target. */
export function noteBlocker(cell: PeriodCell, blocking: PeriodCell): void {
  cell.failures |= FAIL_MAX;
  const blockers = (cell.blockers ??= new Map());
  blockers.set(blocking, (blockers.get(blocking) ?? 0) + 1);
}

/** The rule tracks of a programme: every topic rule that applies to at least one member. */
export function buildTracks(
  topics: Topic[],
  memberIds: string[],
  airedByZone: Map<string, AiredRecord[]>,
  calendar: WindowCalendar,
): RuleTrack[] {
  const tracks: RuleTrack[] = [];
  const tracksByTopic: RuleTrack[][] = topics.map(() => []);
  topics.forEach((topic, t) => {
    topic.rules.forEach((rule, ruleIndex) => {
      const members = rule.zones ? memberIds.filter((id) => rule.zones!.includes(id)) : memberIds;
      if (members.length === 0) return;
      const track: RuleTrack = {
        topic: t,
        topicId: topic.id,
        ruleIndex,
        rule,
        week: rule.per === 'week',
        fromDay: rule.from ? dayIndex(rule.from) : -Infinity,
        toDay: rule.to ? dayIndex(rule.to) : Infinity,
        peakOnly: rule.peakOnly === true,
        min: rule.min ?? 0,
        max: rule.max ?? Infinity,
        members,
        airedByMember: new Map(members.map((m) => [m, new Map<number, number>()] as const)),
        cells: new Map(),
      };
      tracks.push(track);
      tracksByTopic[t]!.push(track);
    });
  });
  // One pass over each member's history, counting each play for the rules of its topics.
  for (const member of memberIds) {
    for (const play of airedByZone.get(member) ?? []) {
      let peak: boolean | undefined;
      for (const t of play.topics) {
        for (const track of tracksByTopic[t]!) {
          const counts = track.airedByMember.get(member);
          if (!counts) continue;
          peak ??= calendar.containing(play.day, play.startMs)?.peak ?? false;
          if (!ruleCounts(track, play.day, peak)) continue;
          const key = periodKey(track, play.day);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return tracks;
}

interface MonthHistory {
  cerCount: number;
  cerMs: number;
  /** Days with aired plays, ascending, with month-to-date totals at the end of each. */
  days: number[];
  cumCount: number[];
  cumMs: number[];
}

/**
 * Month-to-date ceremonial shares of a programme's members (jingles excluded). A ceremonial play is
 * allowed only when, for every member, the share stays strictly below the cap in count and airtime
 * counting ALL ceremonial plays aired in the month but only the plays aired up to the day planned,
 * so the share can only fall afterwards and every later end of day stays below too.
 */
export class CeremonialLedger {
  private readonly history: Map<string, MonthHistory>[];
  private readonly monthNames = new Map<number, string>();
  private month = '';
  private plannedCount = 0;
  private plannedMs = 0;
  private plannedCerCount = 0;
  private plannedCerMs = 0;
  private readonly base: { cerCount: number; cerMs: number; count: number; ms: number }[];

  constructor(
    memberPlays: AiredRecord[][],
    private readonly share: number,
  ) {
    this.history = memberPlays.map((plays) => monthHistories(plays, this.monthNames));
    this.base = memberPlays.map(() => ({ cerCount: 0, cerMs: 0, count: 0, ms: 0 }));
  }

  /** Moves to a new planned day; a new month starts its planned counts from zero. */
  startDay(day: number): void {
    const month = monthOfDay(day, this.monthNames);
    if (month !== this.month) {
      this.month = month;
      this.plannedCount = this.plannedMs = this.plannedCerCount = this.plannedCerMs = 0;
    }
    this.history.forEach((byMonth, m) => {
      const h = byMonth.get(month);
      const base = this.base[m]!;
      base.cerCount = h?.cerCount ?? 0;
      base.cerMs = h?.cerMs ?? 0;
      base.count = 0;
      base.ms = 0;
      if (!h) return;
      let i = h.days.length - 1;
      while (i >= 0 && h.days[i]! > day) i--;
      if (i >= 0) {
        base.count = h.cumCount[i]!;
        base.ms = h.cumMs[i]!;
      }
    });
  }

  /** True when one more ceremonial play of some length could pass the count test. */
  allowsByCount(): boolean {
    for (const b of this.base) {
      if (!(b.cerCount + this.plannedCerCount + 1 < this.share * (b.count + this.plannedCount + 1))) return false;
    }
    return true;
  }

  /** True when a ceremonial play of that length keeps every member strictly below the cap. */
  allows(durationMs: number): boolean {
    if (!this.allowsByCount()) return false;
    for (const b of this.base) {
      const cerMs = b.cerMs + this.plannedCerMs + durationMs;
      if (!(cerMs < this.share * (b.ms + this.plannedMs + durationMs))) return false;
    }
    return true;
  }

  /** Counts a planned (non-jingle) play. */
  record(durationMs: number, ceremonial: boolean): void {
    this.plannedCount++;
    this.plannedMs += durationMs;
    if (ceremonial) {
      this.plannedCerCount++;
      this.plannedCerMs += durationMs;
    }
  }
}

/** "YYYY-MM" of a day counter, memoised in `names` (few distinct days, many plays). */
function monthOfDay(day: number, names: Map<number, string>): string {
  let month = names.get(day);
  if (month === undefined) names.set(day, (month = dateOfDayIndex(day).slice(0, 7)));
  return month;
}

function monthHistories(plays: AiredRecord[], names: Map<number, string>): Map<string, MonthHistory> {
  const perDay = new Map<number, { count: number; ms: number }>();
  const byMonth = new Map<string, MonthHistory>();
  for (const play of plays) {
    if (play.jingle) continue;
    const month = monthOfDay(play.day, names);
    let h = byMonth.get(month);
    if (!h) byMonth.set(month, (h = { cerCount: 0, cerMs: 0, days: [], cumCount: [], cumMs: [] }));
    const ms = play.endMs - play.startMs;
    if (play.ceremonial) {
      h.cerCount++;
      h.cerMs += ms;
    }
    const d = perDay.get(play.day) ?? { count: 0, ms: 0 };
    d.count++;
    d.ms += ms;
    perDay.set(play.day, d);
  }
  for (const day of [...perDay.keys()].sort((a, b) => a - b)) {
    const h = byMonth.get(monthOfDay(day, names))!;
    const d = perDay.get(day)!;
    const last = h.days.length - 1;
    h.days.push(day);
    h.cumCount.push((last >= 0 ? h.cumCount[last]! : 0) + d.count);
    h.cumMs.push((last >= 0 ? h.cumMs[last]! : 0) + d.ms);
  }
  return byMonth;
}

/**
 * The monthly report as data: one zod schema per shape, types inferred. Every figure comes from the
 * airtime log (what actually aired), never from the plan; only "planned vs aired" reads plan_slots and
 * only "contributed" reads the items table.
 *
 * Counting rules (the contract every renderer and test relies on):
 * - A row belongs to the month when its `started_at` falls in [first day 00:00, next month 00:00) in
 *   the station time zone. Every row is one play (lượt phát); an airing cut and resumed is two rows.
 * - A row is AIRED when its outcome is completed, interrupted or preempted AND played_ms > 0 AND it
 *   was heard: receivers ≥ 1, or receivers unknown (NULL: logged before migrations/0010, or closed
 *   after a crash; counted, and their number given in `reception`). A play that went out to no receiver
 *   (receivers = 0) is in no figure but `reception` ("phát nhưng không có thiết bị nhận"), so topic
 *   compliance is judged by heard plays. Failed, skipped and still-open rows (no outcome yet) are not
 *   aired; they only show up as incidents.
 * - A programme (chương trình) is a distinct (zone, local date, window label) with ≥ 1 aired row. Rows
 *   with no window label (an emergency outside the windows, a relay at night) are plays, not programmes.
 * - Airtime is Σ played_ms; `minutes` is that divided by 60 000, rounded to 0.1.
 * - Distinct items count item ids; per-row facts (kind, topics, unit, ceremonial, priority) are those
 *   copied into the row at air time, so a later edit of the item does not rewrite history.
 * - A play counts once for EACH of its topics.
 * - Topic rules: a day rule requires every day of the month inside the rule's [from, to]. A week rule
 *   requires every ISO week whose THURSDAY falls in the month (as ISO week-years do) and inside the
 *   rule's [from, to]; such a week is counted whole (Mon–Sun), even the days in the next or previous
 *   month, so a week is judged in exactly one monthly report. Zones in scope: the rule's zones (all
 *   enabled zones when null), enabled ones only, narrowed to the requested zone. A period is met when
 *   its count ≥ min and over the cap when count > max; with peakOnly the count is only plays that
 *   started in a peak window of that zone that weekday: the row's window label is matched against the
 *   zone's windows (same start-end); when it matches none, the label's start time must lie inside a
 *   peak window; a row with no label counts when its own start time lies inside one.
 * - Settings: every rule above is judged by the station settings in force at the time, never by today's
 *   (migrations/0020, revisions.ts): a play's peak membership by the settings revision it was logged
 *   under (rows logged before revisions existed: revision 0, the settings at the migration); a required
 *   period — its rule, min, max, dates and zones in scope (enabled then) — by the revision in force when
 *   the period ended; a rule changed within the month is listed once per version (same ruleIndex), each
 *   over the periods it judged. The zones listed, their names and the ceremonial cap are those of the
 *   month's settings (the cap: at the month's end).
 * - Ceremonial share = ceremonial plays / plays and ceremonial airtime / airtime; flagged when either is
 *   at or over policy.ceremonialMaxShare.
 * - Bulletins: aired plays with priority emergency or source emergency (level emergency), else priority
 *   'priority' (level priority). Relays: aired plays with source relay.
 * - Incidents: rows with outcome failed, interrupted or preempted (aired or not) per zone, and per output
 *   named in the row's outputs JSON ("—" when it lists none); skipped rows are counted per zone only.
 * - Units: `contributed` = items whose created_at falls in the month with that unit (any status; the
 *   zone filter does not apply, items are station-wide); the rest from aired rows.
 * - Planned vs aired: plan_slots whose local `date` is in the month vs every aired play of the zone.
 */
import { z } from 'zod';
import { CapSection } from './capModel.ts';
import { DevicesSection } from './devicesModel.ts';
import { Reception } from './receptionModel.ts';

/** Outcomes that count as aired (with played_ms > 0). */
export const AIRED_OUTCOMES = ['completed', 'interrupted', 'preempted'] as const;

/** "YYYY-MM", months 01–12, years from 1970. */
export const MONTH_RE = /^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;

/** Plays, airtime in ms (exact) and in minutes (rounded to 0.1). */
const Airtime = {
  plays: z.number().int(),
  airtimeMs: z.number().int(),
  minutes: z.number(),
};

/** The headline figures of a period (also used for the previous month). */
export const Headline = z.object({
  programmes: z.number().int(),
  ...Airtime,
  distinctItems: z.number().int(),
  /** Zones with at least one aired play. */
  activeZones: z.number().int(),
  ceremonialPlays: z.number().int(),
  ceremonialMs: z.number().int(),
  ceremonialPlayShare: z.number(),
  ceremonialAirtimeShare: z.number(),
  emergencyPlays: z.number().int(),
  priorityPlays: z.number().int(),
  relayPlays: z.number().int(),
  failed: z.number().int(),
  /** interrupted + preempted rows. */
  interruptions: z.number().int(),
});
export type Headline = z.infer<typeof Headline>;

/** Figures of one zone (all zones of the station are listed, with zeros when silent). */
export const ZoneFigures = z.object({ zone: z.string(), name: z.string(), programmes: z.number().int(), ...Airtime, distinctItems: z.number().int() });
export type ZoneFigures = z.infer<typeof ZoneFigures>;

/** Figures of one local day of the month. */
export const DayFigures = z.object({
  date: z.string(),
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: z.number().int().min(1).max(7),
  programmes: z.number().int(),
  ...Airtime,
  distinctItems: z.number().int(),
});
export type DayFigures = z.infer<typeof DayFigures>;

/** `kind` is an ItemKind, or whatever kind an old row carries. */
export const KindFigures = z.object({ kind: z.string(), ...Airtime, distinctItems: z.number().int(), airtimeShare: z.number() });
export type KindFigures = z.infer<typeof KindFigures>;

/** A week of the month as shown in charts: clipped to the month's days. */
export const WeekSpan = z.object({ week: z.string(), from: z.string(), to: z.string() });
export type WeekSpan = z.infer<typeof WeekSpan>;

/** A topic's plays and airtime in one week of the month (clipped to the month). */
export const TopicWeek = WeekSpan.extend({ plays: z.number().int(), airtimeMs: z.number().int(), minutes: z.number() });

/** A period ("2026-05-19" or "2026-W21", with its first and last day) and the plays counted in it. */
export const PeriodCount = z.object({ period: z.string(), from: z.string(), to: z.string(), count: z.number().int() });
export type PeriodCount = z.infer<typeof PeriodCount>;

/** One rule in one zone: periods met out of required, with the missed and over-cap periods. */
export const ZoneCompliance = z.object({
  zone: z.string(),
  name: z.string(),
  required: z.number().int(),
  met: z.number().int(),
  missed: z.array(PeriodCount),
  overMax: z.array(PeriodCount),
});
export type ZoneCompliance = z.infer<typeof ZoneCompliance>;

/** One topic rule judged over the month, in total and per zone in scope. */
export const RuleCompliance = z.object({
  ruleIndex: z.number().int(),
  per: z.enum(['day', 'week']),
  min: z.number().int(),
  max: z.number().int().nullable(),
  peakOnly: z.boolean(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The rule's own zone list (null: every enabled zone). */
  ruleZones: z.array(z.string()).nullable(),
  required: z.number().int(),
  met: z.number().int(),
  byZone: z.array(ZoneCompliance),
});
export type RuleCompliance = z.infer<typeof RuleCompliance>;

/** A topic's plays, airtime, weekly airtime and rule compliance. */
export const TopicFigures = z.object({
  topic: z.string(),
  name: z.string(),
  ...Airtime,
  distinctItems: z.number().int(),
  weeks: z.array(TopicWeek),
  rules: z.array(RuleCompliance),
});
export type TopicFigures = z.infer<typeof TopicFigures>;

/** A submitting unit: items created in the month, and what of its content aired. */
export const UnitFigures = z.object({
  /** null: items with no submitting unit (jingles, relays…). */
  unit: z.string().nullable(),
  contributed: z.number().int(),
  distinctItemsAired: z.number().int(),
  ...Airtime,
});
export type UnitFigures = z.infer<typeof UnitFigures>;

/** Ceremonial plays and airtime against all, with the flag against policy.ceremonialMaxShare. */
export const CeremonialShare = z.object({
  ceremonialPlays: z.number().int(),
  plays: z.number().int(),
  playShare: z.number(),
  ceremonialMs: z.number().int(),
  airtimeMs: z.number().int(),
  airtimeShare: z.number(),
  flagged: z.boolean(),
});
export type CeremonialShare = z.infer<typeof CeremonialShare>;

/** An item aired as an emergency or priority bulletin, or relayed, with where and when. */
export const BulletinItem = z.object({
  itemId: z.string(),
  title: z.string(),
  level: z.enum(['emergency', 'priority', 'relay']),
  ...Airtime,
  zones: z.number().int(),
  firstStartedAt: z.string(),
  lastStartedAt: z.string(),
});
export type BulletinItem = z.infer<typeof BulletinItem>;

/**
 * A relay airing cut short (tiếp âm, issue 11): the fallback or silence stood in for its source for
 * part of it ('interrupted') or all of it ('failed'), or another broadcast cut it ('preempted'); one
 * line per airing, outcome and reason, with the zones it reached and the minutes of the source that
 * did air (the most any zone aired).
 */
export const RelayCut = z.object({
  itemId: z.string(),
  title: z.string(),
  plannedStart: z.string(),
  zones: z.number().int(),
  relayedMinutes: z.number(),
  outcome: z.enum(['interrupted', 'preempted', 'failed']),
  reason: z.enum(['unreachable', 'http-status', 'ended', 'silent', 'stalled', 'ffmpeg-error', 'preempted', 'other']),
  /** The airtime row's own words (English, for the record): what aired when. */
  detail: z.string().nullable(),
});
export type RelayCut = z.infer<typeof RelayCut>;

/** Rows that failed, were interrupted, or were preempted. */
export const OutcomeCounts = z.object({ failed: z.number().int(), interrupted: z.number().int(), preempted: z.number().int() });

/** A zone's incident rows, in total and per output named in the rows. */
export const ZoneIncidents = z.object({
  zone: z.string(),
  name: z.string(),
  ...OutcomeCounts.shape,
  skipped: z.number().int(),
  outputs: z.array(OutcomeCounts.extend({ output: z.string() })),
});
export type ZoneIncidents = z.infer<typeof ZoneIncidents>;

/** One headline metric this month against the previous month. */
export const Comparison = z.object({
  metric: z.enum([
    'programmes', 'plays', 'distinctItems', 'minutes', 'activeZones', 'ceremonialPlays', 'ceremonialPlayShare',
    'ceremonialAirtimeShare', 'emergencyPlays', 'priorityPlays', 'relayPlays', 'failed', 'interruptions',
  ]),
  current: z.number(),
  previous: z.number(),
  delta: z.number(),
  /** delta / previous; null when the previous month had 0. */
  change: z.number().nullable(),
});
export type Comparison = z.infer<typeof Comparison>;

/** A zone's planned slots and minutes against its aired plays and minutes. */
export const PlannedZone = z.object({
  zone: z.string(),
  name: z.string(),
  plannedSlots: z.number().int(),
  plannedMs: z.number().int(),
  plannedMinutes: z.number(),
  airedPlays: z.number().int(),
  airedMs: z.number().int(),
  airedMinutes: z.number(),
  diffPlays: z.number().int(),
  diffMinutes: z.number(),
});
export type PlannedZone = z.infer<typeof PlannedZone>;

/** The whole monthly report (JSON format of GET /api/reports/monthly). */
export const MonthlyReport = z.object({
  version: z.literal(1),
  month: z.string().regex(MONTH_RE),
  zone: z.string().nullable(),
  tz: z.string(),
  period: z.object({ from: z.string(), to: z.string(), days: z.number().int(), weeks: z.array(WeekSpan) }),
  generatedAt: z.string(),
  headline: Headline,
  byZone: z.array(ZoneFigures),
  byDay: z.array(DayFigures),
  byKind: z.array(KindFigures),
  topics: z.array(TopicFigures),
  units: z.array(UnitFigures),
  ceremonial: z.object({
    maxShare: z.number(),
    overall: CeremonialShare,
    byZone: z.array(CeremonialShare.extend({ zone: z.string(), name: z.string() })),
  }),
  bulletins: z.object({ emergencyPlays: z.number().int(), priorityPlays: z.number().int(), items: z.array(BulletinItem) }),
  /** Relays: plays and minutes relayed (the source's audio only) per source, and the airings cut short (absent when none). */
  relays: z.object({ ...Airtime, items: z.array(BulletinItem), cutShort: z.array(RelayCut).optional() }),
  incidents: z.object({ totals: OutcomeCounts.extend({ skipped: z.number().int() }), byZone: z.array(ZoneIncidents) }),
  /** Plays that went out to no receiver (in no other figure), and plays with receivers unknown. */
  reception: Reception,
  previous: z.object({ month: z.string(), headline: Headline }),
  comparison: z.array(Comparison),
  planned: z.object({ zones: z.array(PlannedZone), totals: PlannedZone.omit({ zone: true, name: true }) }),
  /** The loudspeaker clusters of each zone in the month (devicesModel.ts); absent from versions finalized before it was reported. */
  devices: DevicesSection.optional(),
  /** CAP alerts received in the month with their journeys (capModel.ts); absent from versions finalized before it was reported. */
  cap: CapSection.optional(),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

/** Minutes rounded to one decimal (half away from zero, so deltas round like totals), from milliseconds. */
export function toMinutes(ms: number): number {
  return (Math.sign(ms) * Math.round(Math.abs(ms) / 6000)) / 10 || 0;
}

/**
 * Which station settings revision a saved programme was planned under (migrations/0020, 0023), as
 * the schedule and the plan-run list show it: an operator sees that the settings changed since the
 * programme was planned (the revision in force now is another) and knows to replan.
 */
import { z } from 'zod';
import { formatInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { findLatestRunsForDate, type PlanRun } from '../storage/planRuns.ts';
import { currentRevisionId } from '../storage/stationRevisions.ts';

/** A plan run as the API shows it. */
export const PlanRunView = z.object({
  id: z.number().int(),
  plannedAt: z.string().describe('when the plan was made (its slots from then on were replaced), with the station offset'),
  revision: z.number().int().describe('the station settings revision the plan was computed under (GET /api/station/revisions)'),
  settingsChanged: z.boolean().describe('the revision in force now is another one'),
  from: z.string().describe('first local date planned'),
  to: z.string().describe('last local date planned'),
  allZones: z.boolean().describe('the run planned every zone of the station'),
  zones: z.array(z.string()),
  slots: z.number().int(),
  relaySlots: z.number().int(),
  shortfalls: z.number().int(),
  by: z.object({ id: z.string().nullable(), name: z.string() }).describe('who asked: a user, or "system" (the replan scheduler), "cli", "migration"'),
  cause: z.string().nullable().describe('why: plan, pin, exclude, unpin, unexclude, recall, replan:<start|nightly|station|item|retry>, before-runs'),
});
export type PlanRunView = z.infer<typeof PlanRunView>;

/** What GET /api/schedule says about the revision of the day's programme. */
export const PlanRevisionView = z.object({
  plannedUnder: z.number().int().nullable().describe(
    'the settings revision the day\'s programme was planned under: of the newest plan run that planned the date for each zone '
    + 'shown, the oldest such revision; null when no recorded run planned the date',
  ),
  currentRevision: z.number().int().describe('the settings revision in force now'),
  settingsChanged: z.boolean().describe('plannedUnder is not null and differs from currentRevision: the settings changed since; replan'),
  runs: z.array(PlanRunView.omit({ zones: true })).describe('the newest run per zone shown (distinct), newest first'),
});
export type PlanRevisionView = z.infer<typeof PlanRevisionView>;

/** A run as the API shows it, judged against the revision in force now. */
export function presentPlanRun(run: PlanRun, ctx: { tz: string; currentRevision: number }): PlanRunView {
  return {
    id: run.id,
    plannedAt: formatInstant(run.plannedAt, ctx.tz),
    revision: run.revisionId,
    settingsChanged: run.revisionId !== ctx.currentRevision,
    from: run.from,
    to: run.to,
    allZones: run.allZones,
    zones: run.zones,
    slots: run.slots,
    relaySlots: run.relaySlots,
    shortfalls: run.shortfalls,
    by: { id: run.by, name: run.byName },
    cause: run.cause,
  };
}

/**
 * The revision the programme of local `date` for `zones` was planned under: per zone, the newest
 * run whose range holds the date (slots that had started before it came from earlier runs, but the
 * rest of the day is that run's); across zones, the oldest of those revisions, so a zone planned
 * under old settings is never hidden by another planned since.
 */
export function describePlanRevision(db: Db, q: { date: string; zones: string[]; tz: string }): PlanRevisionView {
  const currentRevision = currentRevisionId(db);
  const latest = [...new Map([...findLatestRunsForDate(db, q.date, q.zones).values()].map((r) => [r.id, r])).values()];
  latest.sort((a, b) => b.id - a.id);
  const plannedUnder = latest.length ? Math.min(...latest.map((r) => r.revisionId)) : null;
  return {
    plannedUnder,
    currentRevision,
    settingsChanged: plannedUnder !== null && plannedUnder !== currentRevision,
    runs: latest.map((r) => {
      const { zones: _zones, ...view } = presentPlanRun(r, { tz: q.tz, currentRevision });
      return view;
    }),
  };
}

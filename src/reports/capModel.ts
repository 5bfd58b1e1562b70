/**
 * The CAP part of the report's bulletin section as data (issue 10, decisions §6): every CAP alert
 * received in the month, with its journey (received → mapped to zones → aired as a bulletin or a
 * library item, or logged and why → updated, replaced, cancelled, expired or failed), and the heard
 * plays it produced.
 *
 * Counting rules:
 * - An alert belongs to the month it was received in (station time). Its journey runs to the report's
 *   instant, so an alert received on the 31st and cancelled on the 1st says so.
 * - Heard plays: airtime rows of what the alert aired, counted as the report counts any play (outcome
 *   completed, interrupted or preempted with airtime, and a receiver or receivers unknown), whenever
 *   they aired (an alert late on the last day may air into the next month). An emergency-level (or
 *   test) alert airs as a bulletin: the rows with source emergency of that bulletin's airings (its
 *   programme entries). A priority-level alert enters the library: the rows of its item. Plays that
 *   went out to no receiver are given apart.
 * - With a zone chosen: the alerts mapped to that zone (or airing there), and the plays in that zone.
 * - Status Actual alerts are listed in `alerts`; Exercise, Test, System and Draft ones apart in `tests`.
 */
import { z } from 'zod';

/** A zone named in a journey. */
export const NamedZone = z.object({ zone: z.string(), name: z.string() });

/** One step of an alert's journey (the CAP store's steps, each also in the audit log). */
export const CapJourneyStep = z.object({
  step: z.enum(['received', 'mapped', 'aired', 'logged', 'updated', 'replaced', 'cancelled', 'expired', 'failed']),
  /** Station time with its offset. */
  at: z.string(),
  /** received: how it came. */
  via: z.enum(['api', 'feed']).optional(),
  /** mapped: the zones its geocodes name; aired: the zones that hear it. */
  zones: z.array(NamedZone).optional(),
  /** mapped: geocodes that name no zone. */
  unmatched: z.array(z.string()).optional(),
  /** mapped or aired: as a bulletin (emergency, or a test) or a library item at priority. */
  delivery: z.enum(['bulletin', 'library']).optional(),
  /** logged or failed: why (a short code: no-zone, not-actual, cap-no-audio…). */
  reason: z.string().nullable().optional(),
  /** updated: the alerts it replaced; logged (a Cancel): those it cancelled; replaced/cancelled: the alert that did it (CAP identifiers). */
  refs: z.array(z.string()).optional(),
});
export type CapJourneyStep = z.infer<typeof CapJourneyStep>;

/** One alert received in the month. */
export const CapAlertFigures = z.object({
  id: z.string(),
  sender: z.string(),
  identifier: z.string(),
  /** `sent` as written in the alert. */
  sent: z.string(),
  receivedAt: z.string(),
  via: z.enum(['api', 'feed']),
  status: z.string(),
  msgType: z.string(),
  event: z.string().nullable(),
  headline: z.string().nullable(),
  urgency: z.string().nullable(),
  severity: z.string().nullable(),
  /** By the station's urgency × severity table; null when it had no info (a Cancel). */
  level: z.enum(['priority', 'emergency']).nullable(),
  /** The zones it was meant for. */
  zones: z.array(NamedZone),
  delivery: z.enum(['bulletin', 'library']).nullable(),
  /** Where it stands at the report's instant: active, logged, failed, applied, replaced, cancelled, expired. */
  state: z.string(),
  reason: z.string().nullable(),
  bulletinId: z.string().nullable(),
  itemId: z.string().nullable(),
  journey: z.array(CapJourneyStep),
  plays: z.number().int(),
  unheardPlays: z.number().int(),
  /** Zones with at least one heard play. */
  zonesHeard: z.number().int(),
});
export type CapAlertFigures = z.infer<typeof CapAlertFigures>;

/** Counts over the Actual alerts of the month. */
export const CapTotals = z.object({
  received: z.number().int(),
  /** Aired at once as a bulletin or entered the library at priority. */
  aired: z.number().int(),
  /** Accepted and logged, airing nowhere (a Cancel or an Update that found nothing to stop included). */
  logged: z.number().int(),
  failed: z.number().int(),
  plays: z.number().int(),
  unheardPlays: z.number().int(),
  /** Exercise, Test, System and Draft alerts (listed apart). */
  tests: z.number().int(),
  testPlays: z.number().int(),
});
export type CapTotals = z.infer<typeof CapTotals>;

/** The section: totals, Actual alerts, the others apart; each list oldest first. */
export const CapSection = z.object({ totals: CapTotals, alerts: z.array(CapAlertFigures), tests: z.array(CapAlertFigures) });
export type CapSection = z.infer<typeof CapSection>;

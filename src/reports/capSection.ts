/**
 * Builds the CAP part of the report's bulletin section (capModel.ts has the counting rules): the
 * alerts received in the month with their journeys as the CAP store kept them, and the heard plays
 * each produced (through its bulletin, or its library item at priority).
 */
import { formatInstant } from '../domain/time.ts';
import { capIdentifiersOf, countBulletinPlays, countItemPlays, listCapAlertsReceived, listCapJourneys, type AlertPlays, type ReportedCapAlert, type ReportedCapStep } from '../storage/capAlertReport.ts';
import type { Db } from '../storage/db.ts';
import type { CapAlertFigures, CapJourneyStep, CapSection } from './capModel.ts';

/** The month's bounds, the zone chosen (if any), the report's instant. */
export interface CapSetup {
  fromMs: number;
  toMs: number;
  untilMs: number;
  zone: string | null;
  tz: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const delivery = (v: unknown): 'bulletin' | 'library' | undefined => (v === 'bulletin' || v === 'library' ? v : undefined);
/** Steps that end an alert: a priority item stops airing then. */
const ENDS: readonly string[] = ['replaced', 'cancelled', 'expired'];

/** Reads the month's alerts and builds the section. */
export function capSection(db: Db, setup: CapSetup, zoneName: (id: string) => string): CapSection {
  const received = listCapAlertsReceived(db, { fromMs: setup.fromMs, toMs: setup.toMs });
  const journeys = listCapJourneys(db, received.map((a) => a.id));
  // The zones an alert concerns: those it was meant for, those its geocodes named, those that heard it.
  const named = (a: ReportedCapAlert) => [
    ...a.zones,
    ...(journeys.get(a.id) ?? []).flatMap((s) => [...strings(s.detail.reached), ...(s.step === 'mapped' ? strings(s.detail.zones) : [])]),
  ];
  const alerts = setup.zone === null ? received : received.filter((a) => named(a).includes(setup.zone!));
  const refs = capIdentifiersOf(db, [...journeys.values()].flat().flatMap((s) => [...strings(s.detail.replaces), ...strings(s.detail.cancelled), ...strings([s.detail.by])]));
  const plays = (a: ReportedCapAlert, steps: readonly ReportedCapStep[]): AlertPlays => {
    if (a.bulletinId) return countBulletinPlays(db, { bulletinId: a.bulletinId, zone: setup.zone });
    if (!a.itemId || !steps.some((s) => s.step === 'aired')) return { plays: 0, unheard: 0, zones: 0 };
    // A library item airs from its approval until the alert ends (its item is archived then), or until now.
    const end = steps.find((s) => ENDS.includes(s.step))?.at ?? setup.untilMs;
    return countItemPlays(db, { itemId: a.itemId, fromMs: a.receivedAt, toMs: end + 1, zone: setup.zone });
  };
  const figures = alerts.map((a) => {
    const steps = journeys.get(a.id) ?? [];
    return alertFigures(a, steps, plays(a, steps), { tz: setup.tz, zoneName, identifier: (id) => refs.get(id) ?? id });
  });
  return foldCap(figures);
}

/** Totals over the Actual alerts, the others apart (pure). */
export function foldCap(figures: readonly CapAlertFigures[]): CapSection {
  const alerts = figures.filter((a) => a.status === 'Actual');
  const tests = figures.filter((a) => a.status !== 'Actual');
  const count = (f: (a: CapAlertFigures) => boolean) => alerts.filter(f).length;
  const has = (a: CapAlertFigures, step: CapJourneyStep['step']) => a.journey.some((s) => s.step === step);
  return {
    totals: {
      received: alerts.length,
      aired: count((a) => has(a, 'aired')),
      logged: count((a) => !has(a, 'aired') && !has(a, 'failed')),
      failed: count((a) => has(a, 'failed') && !has(a, 'aired')),
      plays: alerts.reduce((n, a) => n + a.plays, 0),
      unheardPlays: alerts.reduce((n, a) => n + a.unheardPlays, 0),
      tests: tests.length,
      testPlays: tests.reduce((n, a) => n + a.plays, 0),
    },
    alerts,
    tests,
  };
}

interface StepContext {
  tz: string;
  zoneName: (id: string) => string;
  identifier: (alertId: string) => string;
}

/** An alert with its journey and plays (pure). */
export function alertFigures(a: ReportedCapAlert, steps: readonly ReportedCapStep[], plays: AlertPlays, ctx: StepContext): CapAlertFigures {
  const journey = steps.map((s) => journeyStep(s, ctx));
  const aired = journey.find((s) => s.step === 'aired');
  return {
    id: a.id,
    sender: a.sender,
    identifier: a.identifier,
    sent: a.sent,
    receivedAt: formatInstant(a.receivedAt, ctx.tz),
    via: a.via,
    status: a.status,
    msgType: a.msgType,
    event: a.event,
    headline: a.headline,
    urgency: a.urgency,
    severity: a.severity,
    level: a.level,
    zones: a.zones.map((zone) => ({ zone, name: ctx.zoneName(zone) })),
    delivery: aired?.delivery ?? null,
    state: a.state,
    reason: a.reason,
    bulletinId: a.bulletinId,
    itemId: a.itemId,
    journey,
    plays: plays.plays,
    unheardPlays: plays.unheard,
    zonesHeard: plays.zones,
  };
}

function journeyStep(s: ReportedCapStep, ctx: StepContext): CapJourneyStep {
  const d = s.detail;
  const at = formatInstant(s.at, ctx.tz);
  const zones = (ids: string[]) => ids.map((zone) => ({ zone, name: ctx.zoneName(zone) }));
  const refs = (ids: string[]) => ids.map(ctx.identifier);
  switch (s.step) {
    case 'received':
      return { step: s.step, at, ...(d.via === 'api' || d.via === 'feed' ? { via: d.via } : {}) };
    case 'mapped': {
      const how = delivery(d.delivery);
      // Test alerts air on the zones marked for tests only: those are the ones it was mapped to air on.
      return { step: s.step, at, zones: zones(strings(d.airsOn ?? d.zones)), unmatched: strings(d.unmatched), ...(how ? { delivery: how } : {}) };
    }
    case 'aired': {
      const how = delivery(d.delivery);
      return { step: s.step, at, zones: zones(strings(d.reached)), ...(how ? { delivery: how } : {}) };
    }
    case 'logged': {
      const cancelled = strings(d.cancelled);
      return { step: s.step, at, reason: typeof d.reason === 'string' ? d.reason : null, ...(cancelled.length ? { refs: refs(cancelled) } : {}) };
    }
    case 'failed':
      return { step: s.step, at, reason: typeof d.code === 'string' ? d.code : null };
    case 'updated':
      return { step: s.step, at, refs: refs(strings(d.replaces)) };
    case 'replaced':
    case 'cancelled':
      return { step: s.step, at, refs: refs(strings([d.by])) };
    default:
      return { step: s.step, at };
  }
}

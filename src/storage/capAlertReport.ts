/**
 * What the monthly report reads about CAP alerts: those received in a month (without their XML), their
 * journeys, the CAP identifiers of alerts a journey names, and the heard plays each produced in the
 * airtime log — through its bulletin (cap_alerts.bulletin_id → the bulletin's programme entries →
 * airtime rows with source 'emergency' of that item at those planned starts) or, for a priority-level
 * alert, through its library item.
 */
import type { CapAlertRecord, CapStep } from './capAlerts.ts';
import type { Db } from './db.ts';

/** An alert as the report lists it (instants in epoch ms): the stored record without its XML and answer. */
export type ReportedCapAlert = Pick<CapAlertRecord, 'id' | 'sender' | 'identifier' | 'sent' | 'status' | 'msgType' | 'event' | 'headline' | 'urgency'
  | 'severity' | 'level' | 'zones' | 'state' | 'reason' | 'itemId' | 'bulletinId' | 'expiresAt' | 'via' | 'receivedAt'>;

/** Alerts received in [fromMs, toMs), oldest first. */
export function listCapAlertsReceived(db: Db, range: { fromMs: number; toMs: number }): ReportedCapAlert[] {
  const rows = db
    .prepare(
      `SELECT id, sender, identifier, sent, status, msg_type AS msgType, event, headline, urgency, severity, level, zones, state, reason,
         item_id AS itemId, bulletin_id AS bulletinId, expires_at AS expiresAt, via, received_at AS receivedAt
       FROM cap_alerts WHERE received_at >= @fromMs AND received_at < @toMs ORDER BY received_at, rowid`,
    )
    .all(range) as (Omit<ReportedCapAlert, 'zones'> & { zones: string })[];
  return rows.map((r) => ({ ...r, zones: parseList(r.zones) }));
}

/** One step as stored (detail parsed). */
export interface ReportedCapStep {
  alertId: string;
  at: number;
  step: CapStep;
  detail: Record<string, unknown>;
}

/** The journeys of these alerts, each in order. */
export function listCapJourneys(db: Db, alertIds: readonly string[]): Map<string, ReportedCapStep[]> {
  const out = new Map<string, ReportedCapStep[]>();
  const read = db.prepare('SELECT alert_id AS alertId, at, step, detail FROM cap_alert_steps WHERE alert_id = ? ORDER BY id');
  for (const id of alertIds) {
    const rows = read.all(id) as { alertId: string; at: number; step: CapStep; detail: string | null }[];
    out.set(id, rows.map((r) => ({ ...r, detail: parseObject(r.detail) })));
  }
  return out;
}

/** The CAP identifiers of these alert ids (an id no longer stored is left out). */
export function capIdentifiersOf(db: Db, alertIds: readonly string[]): Map<string, string> {
  const read = db.prepare('SELECT identifier FROM cap_alerts WHERE id = ?');
  const out = new Map<string, string>();
  for (const id of new Set(alertIds)) {
    const row = read.get(id) as { identifier: string } | undefined;
    if (row) out.set(id, row.identifier);
  }
  return out;
}

/** Heard and unheard plays of what an alert aired, and the zones that heard it. */
export interface AlertPlays {
  plays: number;
  unheard: number;
  zones: number;
}

const AIRED = `outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0`;
const TALLY = `coalesce(sum(${AIRED} AND ifnull(receivers, 1) > 0), 0) AS plays,
  coalesce(sum(${AIRED} AND receivers = 0), 0) AS unheard,
  count(DISTINCT CASE WHEN ${AIRED} AND ifnull(receivers, 1) > 0 THEN zone_id END) AS zones`;
/** A bulletin's airing that was cut and resumed starts later than planned: rows are looked for this long after the last planned start. */
const RESUME_SLACK_MS = 86_400_000;

/** The plays of an emergency bulletin: rows with source emergency of its item at its airings' planned starts (`zone`: in that zone only). */
export function countBulletinPlays(db: Db, q: { bulletinId: string; zone: string | null }): AlertPlays {
  const span = db
    .prepare(
      `SELECT e.item_id AS itemId, min(p.start_ms) AS fromMs, max(p.start_ms) AS toMs FROM emergencies e
       JOIN programme_entries p ON p.emergency_id = e.id WHERE e.id = ? GROUP BY e.id`,
    )
    .get(q.bulletinId) as { itemId: string; fromMs: number; toMs: number } | undefined;
  if (!span) return { plays: 0, unheard: 0, zones: 0 };
  return db
    .prepare(
      `SELECT ${TALLY} FROM airtime
       WHERE started_at >= @fromMs AND started_at < @toMs AND source = 'emergency' AND item_id = @itemId
         AND (@zone IS NULL OR zone_id = @zone)
         AND planned_start IN (SELECT start_ms FROM programme_entries WHERE emergency_id = @bulletinId)`,
    )
    .get({ itemId: span.itemId, fromMs: span.fromMs, toMs: span.toMs + RESUME_SLACK_MS, zone: q.zone, bulletinId: q.bulletinId }) as AlertPlays;
}

/** The plays of a library item that started in [fromMs, toMs) (`zone`: in that zone only). */
export function countItemPlays(db: Db, q: { itemId: string; fromMs: number; toMs: number; zone: string | null }): AlertPlays {
  return db
    .prepare(
      `SELECT ${TALLY} FROM airtime
       WHERE started_at >= @fromMs AND started_at < @toMs AND item_id = @itemId AND (@zone IS NULL OR zone_id = @zone)`,
    )
    .get(q) as AlertPlays;
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function parseObject(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

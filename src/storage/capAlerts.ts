import type { Db } from './db.ts';

/**
 * Where an alert stands: `received` while its audio is being made; then `active` (airing, or in
 * the library at priority), `logged` (accepted, airs nowhere), `failed`, `applied` (a Cancel that
 * did its work); an active alert later becomes `replaced`, `cancelled` or `expired`.
 */
export type CapAlertState = 'received' | 'active' | 'logged' | 'failed' | 'applied' | 'replaced' | 'cancelled' | 'expired';

/** The steps of an alert's journey (each also an audit row). */
export type CapStep = 'received' | 'mapped' | 'aired' | 'logged' | 'updated' | 'replaced' | 'cancelled' | 'expired' | 'failed';

/** A stored CAP alert; instants in epoch ms. */
export interface CapAlertRecord {
  id: string;
  sender: string;
  identifier: string;
  sent: string;
  sentAt: number;
  status: string;
  msgType: string;
  event: string | null;
  headline: string | null;
  language: string | null;
  urgency: string | null;
  severity: string | null;
  level: 'priority' | 'emergency' | null;
  zones: string[];
  state: CapAlertState;
  reason: string | null;
  itemId: string | null;
  bulletinId: string | null;
  expiresAt: number | null;
  via: 'api' | 'feed';
  feedUrl: string | null;
  receivedBy: string | null;
  receivedAt: number;
  /** The HTTP status and body the alert was answered with (a duplicate gets them again). */
  httpStatus: number;
  answer: unknown;
  xml: string;
}

export interface CapStepRecord {
  at: number;
  step: CapStep;
  detail: unknown;
}

interface Row {
  id: string; sender: string; identifier: string; sent: string; sent_at: number; status: string; msg_type: string;
  event: string | null; headline: string | null; language: string | null; urgency: string | null; severity: string | null;
  level: 'priority' | 'emergency' | null; zones: string; state: CapAlertState; reason: string | null; item_id: string | null;
  bulletin_id: string | null; expires_at: number | null; via: 'api' | 'feed'; feed_url: string | null; received_by: string | null;
  received_at: number; http_status: number; answer: string; xml: string;
}

const toRecord = (r: Row): CapAlertRecord => ({
  id: r.id, sender: r.sender, identifier: r.identifier, sent: r.sent, sentAt: r.sent_at, status: r.status, msgType: r.msg_type,
  event: r.event, headline: r.headline, language: r.language, urgency: r.urgency, severity: r.severity, level: r.level,
  zones: JSON.parse(r.zones) as string[], state: r.state, reason: r.reason, itemId: r.item_id, bulletinId: r.bulletin_id,
  expiresAt: r.expires_at, via: r.via, feedUrl: r.feed_url, receivedBy: r.received_by, receivedAt: r.received_at,
  httpStatus: r.http_status, answer: JSON.parse(r.answer) as unknown, xml: r.xml,
});

const COLUMNS: Record<keyof Omit<CapAlertRecord, 'id'>, string> = {
  sender: 'sender', identifier: 'identifier', sent: 'sent', sentAt: 'sent_at', status: 'status', msgType: 'msg_type', event: 'event',
  headline: 'headline', language: 'language', urgency: 'urgency', severity: 'severity', level: 'level', zones: 'zones', state: 'state',
  reason: 'reason', itemId: 'item_id', bulletinId: 'bulletin_id', expiresAt: 'expires_at', via: 'via', feedUrl: 'feed_url',
  receivedBy: 'received_by', receivedAt: 'received_at', httpStatus: 'http_status', answer: 'answer', xml: 'xml',
};

const toParams = (fields: Partial<CapAlertRecord>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, k === 'zones' || k === 'answer' ? JSON.stringify(v) : v]),
  );

/** Stores a new alert (its identity must be new: UNIQUE (sender, identifier, sent_at)). */
export function insertCapAlert(db: Db, a: CapAlertRecord): void {
  const keys = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
  db.prepare(
    `INSERT INTO cap_alerts (id, ${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (@id, ${keys.map((k) => `@${k}`).join(', ')})`,
  ).run(toParams(a));
}

/** Changes some fields of a stored alert. */
export function updateCapAlert(db: Db, id: string, fields: Partial<Omit<CapAlertRecord, 'id'>>): void {
  const keys = Object.keys(fields) as (keyof typeof COLUMNS)[];
  if (!keys.length) return;
  db.prepare(`UPDATE cap_alerts SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`).run({ ...toParams(fields), id });
}

export function getCapAlert(db: Db, id: string): CapAlertRecord | undefined {
  const row = db.prepare('SELECT * FROM cap_alerts WHERE id = ?').get(id) as Row | undefined;
  return row && toRecord(row);
}

/** The alert with this identity (sender, identifier, sent as an instant). */
export function findCapAlert(db: Db, key: { sender: string; identifier: string; sentMs: number }): CapAlertRecord | undefined {
  const row = db
    .prepare('SELECT * FROM cap_alerts WHERE sender = @sender AND identifier = @identifier AND sent_at = @sentMs')
    .get(key) as Row | undefined;
  return row && toRecord(row);
}

/** Alerts in one of these states (expiry timers at start, interrupted ones). */
export function listCapAlertsIn(db: Db, states: CapAlertState[]): CapAlertRecord[] {
  const rows = db.prepare(`SELECT * FROM cap_alerts WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY received_at`).all(...states) as Row[];
  return rows.map(toRecord);
}

/** Newest first, with the total. */
export function listCapAlerts(db: Db, opts: { limit: number; offset: number }): { alerts: CapAlertRecord[]; total: number } {
  const rows = db.prepare('SELECT * FROM cap_alerts ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?').all(opts.limit, opts.offset) as Row[];
  const { n } = db.prepare('SELECT count(*) AS n FROM cap_alerts').get() as { n: number };
  return { alerts: rows.map(toRecord), total: n };
}

/** Appends one step of an alert's journey. */
export function appendCapStep(db: Db, alertId: string, step: CapStep, at: number, detail: unknown): void {
  db.prepare('INSERT INTO cap_alert_steps (alert_id, at, step, detail) VALUES (?, ?, ?, ?)').run(alertId, at, step, detail === undefined ? null : JSON.stringify(detail));
}

/** An alert's journey in order. */
export function listCapSteps(db: Db, alertId: string): CapStepRecord[] {
  const rows = db.prepare('SELECT at, step, detail FROM cap_alert_steps WHERE alert_id = ? ORDER BY id').all(alertId) as { at: number; step: CapStep; detail: string | null }[];
  return rows.map((r) => ({ at: r.at, step: r.step, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
}

/** A stored CAP alert and its journey as GET /api/cap shows them: instants in station time with their offset. */
import { redactUrlPasswords } from '../audit/redact.ts';
import { formatInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { listCapSteps, type CapAlertRecord } from '../storage/capAlerts.ts';
import { findUserById } from '../storage/users.ts';

export function presentCapAlert(db: Db, a: CapAlertRecord, tz: string, opts: { xml?: boolean } = {}) {
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, tz));
  return {
    id: a.id,
    sender: a.sender,
    identifier: a.identifier,
    sent: a.sent,
    status: a.status,
    msgType: a.msgType,
    event: a.event,
    headline: a.headline,
    language: a.language,
    urgency: a.urgency,
    severity: a.severity,
    level: a.level,
    zones: a.zones,
    state: a.state,
    reason: a.reason,
    itemId: a.itemId,
    bulletinId: a.bulletinId,
    expiresAt: at(a.expiresAt),
    via: a.via,
    feedUrl: a.feedUrl === null ? null : redactUrlPasswords(a.feedUrl),
    receivedBy: a.receivedBy === null ? null : (findUserById(db, a.receivedBy)?.username ?? a.receivedBy),
    receivedAt: at(a.receivedAt),
    httpStatus: a.httpStatus,
    journey: listCapSteps(db, a.id).map((s) => ({ at: at(s.at), step: s.step, detail: s.detail })),
    ...(opts.xml && { xml: a.xml }),
  };
}

import { formatInstant } from '../domain/time.ts';
import type { AuditRow } from '../storage/audit.ts';

/** The audit log stores instants as UTC ISO strings (src/audit/snapshots.ts); the API shows them in station time. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function inStationTime(value: unknown, tz: string): unknown {
  if (typeof value === 'string') return UTC_INSTANT.test(value) ? formatInstant(Date.parse(value), tz) : value;
  if (Array.isArray(value)) return value.map((v) => inStationTime(v, tz));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inStationTime(v, tz)]));
}

const parsed = (text: string | null, tz: string) => (text === null ? null : inStationTime(JSON.parse(text), tz));

/** One audit row as GET /api/audit shows it. */
export function presentAuditRow(r: AuditRow, tz: string) {
  return {
    id: r.id,
    at: formatInstant(r.at, tz),
    actor: r.actorName,
    actorId: r.actorId,
    action: r.action,
    target: r.targetId === null ? r.targetType : `${r.targetType}:${r.targetId}`,
    targetType: r.targetType,
    targetId: r.targetId,
    zones: r.zones,
    address: r.address,
    itemEventId: r.itemEventId,
    note: r.note,
    before: parsed(r.before, tz),
    after: parsed(r.after, tz),
  };
}

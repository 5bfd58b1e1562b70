import type { ItemRecord } from '../storage/items.ts';

/** An instant as the audit log stores it: ISO 8601 in UTC; GET /api/audit shows it in station time. */
export function utcInstant(ms: number): string {
  return new Date(ms).toISOString();
}

const utcOrNull = (ms: number | null) => (ms === null ? null : utcInstant(ms));

/** What an audit row says of an item: the fields people set or decide, not the ingest's internals. */
export function itemSnapshot(i: ItemRecord): Record<string, unknown> {
  return {
    title: i.title,
    kind: i.kind,
    topics: i.topics,
    ceremonial: i.ceremonial,
    unit: i.unit,
    priority: i.priority,
    validFrom: utcOrNull(i.validFrom),
    validUntil: utcOrNull(i.validUntil),
    note: i.note,
    status: i.status,
    originalName: i.originalName,
    audioSha256: i.audioSha256,
    reviewNote: i.reviewNote,
  };
}

/** What an audit row says of a user: never the password (nor its hash). */
export function userSnapshot(u: { username: string; role: string; unit: string | null }): Record<string, unknown> {
  return { username: u.username, role: u.role, unit: u.unit };
}

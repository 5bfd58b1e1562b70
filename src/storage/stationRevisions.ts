/**
 * Station settings revisions (migrations/0020): the settings that judge plays (zones with windows,
 * peak flags, groups and enabled flag; topics and rules; the policy), kept as one JSON document per
 * change, so a past month is judged by the settings in force at the time. Every writer of
 * station.ts calls noteStationChange after its write; a station-service change that spans several
 * writes (a YAML import) runs inside withStationRevision and makes ONE revision for all of them.
 * Revisions are never edited or deleted (triggers refuse it).
 */
import { Policy, type Window } from '../domain/station.ts';
import type { Db } from './db.ts';

/** Who made a change and when (`at`: epoch ms of the caller's clock); `tz`: the station time zone, if known. */
export interface RevisionMeta {
  at: number;
  by?: string | null;
  byName?: string;
  note?: string | null;
  tz?: string | null;
}

/** A zone as a revision keeps it: what judges plays, nothing else (no outputs, no secrets). */
export interface RevisionZone {
  id: string;
  name: string;
  group: string | null;
  enabled: boolean;
  windows: Window[];
}

/** A topic as a revision keeps it; rules as they were stored (readers re-parse them for defaults). */
export interface RevisionTopic {
  id: string;
  name: string;
  rules: unknown[];
}

/** The settings of one revision. */
export interface RevisionSettings {
  zones: RevisionZone[];
  topics: RevisionTopic[];
  policy: Policy;
}

/** One revision as read back. */
export interface StationRevision {
  id: number;
  createdAt: number;
  createdBy: string | null;
  createdByName: string;
  note: string | null;
  tz: string | null;
  settings: RevisionSettings;
}

interface RevisionRow {
  id: number;
  created_at: number;
  created_by: string | null;
  created_by_name: string;
  note: string | null;
  tz: string | null;
  settings: string;
}

/** Databases inside a withStationRevision: their writers leave the revision to it. */
const batching = new WeakSet<Db>();

/**
 * Runs `change` (writes through station.ts) in one transaction that ends with ONE revision for all
 * its writes, made by `meta`, or none when the settings are left as they were. Nested calls join the
 * outer one.
 */
export function withStationRevision<T>(db: Db, meta: RevisionMeta, change: () => T): T {
  if (batching.has(db)) return db.transaction(change)();
  return db.transaction(() => {
    batching.add(db);
    try {
      const out = change();
      recordStationRevision(db, meta);
      return out;
    } finally {
      batching.delete(db);
    }
  })();
}

/**
 * Called by every writer of station.ts after its write, in its transaction: makes a revision at `at`
 * (made by nobody in particular) unless a withStationRevision around it will make one.
 */
export function noteStationChange(db: Db, at: number): void {
  if (!batching.has(db)) recordStationRevision(db, { at });
}

/**
 * Makes a revision of the settings as they are now (station_settings_now) unless they equal the newest
 * revision's. Returns the new revision's id, or null when nothing changed.
 */
export function recordStationRevision(db: Db, meta: RevisionMeta): number | null {
  const info = db
    .prepare(
      `INSERT INTO station_revisions (id, created_at, created_by, created_by_name, note, tz, settings)
       SELECT coalesce((SELECT MAX(id) FROM station_revisions) + 1, 0), @at, @by, @byName, @note, @tz, s.settings
       FROM station_settings_now s
       WHERE s.settings IS NOT (SELECT settings FROM station_revisions ORDER BY id DESC LIMIT 1)`,
    )
    .run({
      at: Math.round(meta.at),
      by: meta.by ?? null,
      byName: meta.byName ?? 'system',
      note: meta.note ?? null,
      tz: meta.tz ?? null,
    });
  return info.changes > 0 ? Number(info.lastInsertRowid) : null;
}

/** The newest revision's id: the one a row logged now references. */
export function currentRevisionId(db: Db): number {
  const row = db.prepare('SELECT MAX(id) AS id FROM station_revisions').get() as { id: number | null };
  return row.id ?? 0;
}

/** A revision on the report's timeline: when it was made, and the earliest start of a row logged under it (null: none). */
export interface RevisionTimelineEntry {
  id: number;
  createdAt: number;
  firstPlayAt: number | null;
}

/** Every revision's id, creation instant and first play, by id (the report's timeline: which one was in force when). */
export function listRevisionTimeline(db: Db): RevisionTimelineEntry[] {
  return db
    .prepare(
      `SELECT r.id, r.created_at AS createdAt, s.first_started_at AS firstPlayAt
       FROM station_revisions r LEFT JOIN airtime_revision_spans s ON s.revision_id = r.id ORDER BY r.id`,
    )
    .all() as RevisionTimelineEntry[];
}

/** One revision, or undefined. */
export function getStationRevision(db: Db, id: number): StationRevision | undefined {
  const row = db.prepare('SELECT * FROM station_revisions WHERE id = ?').get(id) as RevisionRow | undefined;
  return row && toRevision(row);
}

/** Revisions newest first: `limit` of them from before revision `before` (all when absent). */
export function listStationRevisions(db: Db, q: { limit: number; before?: number }): StationRevision[] {
  const rows = db
    .prepare('SELECT * FROM station_revisions WHERE id < @before ORDER BY id DESC LIMIT @limit')
    .all({ before: q.before ?? Number.MAX_SAFE_INTEGER, limit: q.limit }) as RevisionRow[];
  return rows.map(toRevision);
}

function toRevision(r: RevisionRow): StationRevision {
  return {
    id: r.id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    note: r.note,
    tz: r.tz,
    settings: parseRevisionSettings(r.settings),
  };
}

/**
 * The settings of a revision's JSON. Tolerant like the readers of station.ts: a missing part reads as
 * empty, a policy that no longer parses as the defaults (a revision is history, never refused).
 */
export function parseRevisionSettings(json: string): RevisionSettings {
  const raw = JSON.parse(json) as { zones?: unknown; topics?: unknown; policy?: unknown };
  const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
  const zones = list(raw.zones).map((z) => ({
    id: String(z.id),
    name: String(z.name ?? z.id),
    group: typeof z.group === 'string' ? z.group : null,
    enabled: z.enabled !== false,
    windows: Array.isArray(z.windows) ? (z.windows as Window[]) : [],
  }));
  const topics = list(raw.topics).map((t) => ({
    id: String(t.id),
    name: String(t.name ?? t.id),
    rules: Array.isArray(t.rules) ? (t.rules as unknown[]) : [],
  }));
  const policy = Policy.safeParse(raw.policy ?? {});
  return { zones, topics, policy: policy.success ? policy.data : Policy.parse({}) };
}

/**
 * The station's relay sources and relays (tiếp âm, migrations/0019). Sources are upserted one by one;
 * the relays are replaced whole (PUT /api/relays), in the order given.
 */
import type { Db } from './db.ts';
import type { Relay, RelaySource, RelaySourceKind } from '../domain/relay.ts';

interface SourceRow {
  id: string; name: string; url: string; kind: RelaySourceKind; silence_limit_ms: number;
}
interface RelayRow {
  id: string; source_id: string; zones: string; days: string; start_time: string; end_time: string; fallback_item_id: string | null;
}

const toSource = (r: SourceRow): RelaySource => ({ id: r.id, name: r.name, url: r.url, kind: r.kind, silenceLimitMs: r.silence_limit_ms });
const toRelay = (r: RelayRow): Relay => ({
  id: r.id, source: r.source_id, zones: JSON.parse(r.zones) as string[], days: JSON.parse(r.days) as number[],
  start: r.start_time, end: r.end_time, fallbackItemId: r.fallback_item_id,
});

/** Every relay source, by id. Their URLs carry their passwords: present them redacted. */
export function listRelaySources(db: Db): RelaySource[] {
  return (db.prepare('SELECT * FROM relay_sources ORDER BY id').all() as SourceRow[]).map(toSource);
}

export function getRelaySource(db: Db, id: string): RelaySource | undefined {
  const row = db.prepare('SELECT * FROM relay_sources WHERE id = ?').get(id) as SourceRow | undefined;
  return row && toSource(row);
}

/** Creates or replaces a source; `by` is the user who saved it (null: the command line or the daemon). */
export function upsertRelaySource(db: Db, source: RelaySource, by: string | null, at: number): void {
  db.prepare(
    `INSERT INTO relay_sources (id, name, url, kind, silence_limit_ms, updated_at, updated_by)
     VALUES (@id, @name, @url, @kind, @silenceLimitMs, @at, @by)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url, kind = excluded.kind,
       silence_limit_ms = excluded.silence_limit_ms, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run({ ...source, at, by });
}

/** Deletes a source (the caller has checked that no relay uses it); true when there was one. */
export function deleteRelaySource(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM relay_sources WHERE id = ?').run(id).changes > 0;
}

/** The station's relays, in the order they were given. */
export function listRelays(db: Db): Relay[] {
  return (db.prepare('SELECT * FROM relays ORDER BY position').all() as RelayRow[]).map(toRelay);
}

export function getRelay(db: Db, id: string): Relay | undefined {
  const row = db.prepare('SELECT * FROM relays WHERE id = ?').get(id) as RelayRow | undefined;
  return row && toRelay(row);
}

/** Replaces every relay with `relays`, in their order (the caller runs it in its transaction). */
export function replaceRelays(db: Db, relays: Relay[], by: string | null, at: number): void {
  const insert = db.prepare(
    `INSERT INTO relays (id, position, source_id, zones, days, start_time, end_time, fallback_item_id, updated_at, updated_by)
     VALUES (@id, @position, @source, @zones, @days, @start, @end, @fallbackItemId, @at, @by)`,
  );
  db.prepare('DELETE FROM relays').run();
  relays.forEach((r, position) => {
    insert.run({ ...r, position, zones: JSON.stringify(r.zones), days: JSON.stringify(r.days), at, by });
  });
}

import type { Db } from './db.ts';

/** A hand-made play of an item on a zone at an instant (epoch ms). */
export interface ProgrammeEntryRecord {
  id: number;
  zoneId: string;
  startMs: number;
  endMs: number;
  itemId: string;
  source: 'programme' | 'emergency' | 'relay';
  /** The bulletin an emergency entry airs (migrations/0013); null otherwise. */
  emergencyId?: string | null;
}

export function insertProgrammeEntries(db: Db, entries: Omit<ProgrammeEntryRecord, 'id'>[], by: string | null, at: number): void {
  const ins = db.prepare(
    `INSERT INTO programme_entries (zone_id, start_ms, end_ms, item_id, source, emergency_id, created_by, created_at)
     VALUES (@zoneId, @startMs, @endMs, @itemId, @source, @emergencyId, @by, @at)`,
  );
  db.transaction(() => entries.forEach((e) => ins.run({ emergencyId: null, ...e, by, at })))();
}

/** Entries of the zones overlapping [fromMs, toMs). */
export function listProgrammeEntries(db: Db, zones: string[], fromMs: number, toMs: number): ProgrammeEntryRecord[] {
  const rows = db
    .prepare(
      `SELECT id, zone_id, start_ms, end_ms, item_id, source, emergency_id FROM programme_entries
       WHERE zone_id IN (${zones.map(() => '?').join(', ')}) AND end_ms > ? AND start_ms < ? ORDER BY start_ms`,
    )
    .all(...zones, fromMs, toMs) as { id: number; zone_id: string; start_ms: number; end_ms: number; item_id: string; source: ProgrammeEntryRecord['source']; emergency_id: string | null }[];
  return rows.map((r) => ({ id: r.id, zoneId: r.zone_id, startMs: r.start_ms, endMs: r.end_ms, itemId: r.item_id, source: r.source, emergencyId: r.emergency_id }));
}

import type { EmergencyOrigin, EmergencyRepeat, EmergencyState } from '../emergency/emergencyTypes.ts';
import type { Db } from './db.ts';

/** A bulletin as stored (instants in epoch ms). */
export interface EmergencyRecord {
  id: string;
  itemId: string;
  zones: string[];
  reached: string[];
  repeat: EmergencyRepeat | null;
  origin: EmergencyOrigin;
  state: EmergencyState;
  createdBy: string;
  createdAt: number;
  lastEndMs: number;
  endedAt: number | null;
  endedBy: string | null;
}

interface Row {
  id: string; item_id: string; zones: string; reached: string; repeat: string | null; origin: string; state: EmergencyState;
  created_by: string; created_at: number; last_end_ms: number; ended_at: number | null; ended_by: string | null;
}

const toRecord = (r: Row): EmergencyRecord => ({
  id: r.id, itemId: r.item_id, zones: JSON.parse(r.zones) as string[], reached: JSON.parse(r.reached) as string[],
  repeat: r.repeat === null ? null : (JSON.parse(r.repeat) as EmergencyRepeat), origin: JSON.parse(r.origin) as EmergencyOrigin,
  state: r.state, createdBy: r.created_by, createdAt: r.created_at, lastEndMs: r.last_end_ms, endedAt: r.ended_at, endedBy: r.ended_by,
});

export function insertEmergency(db: Db, e: EmergencyRecord): void {
  db.prepare(
    `INSERT INTO emergencies (id, item_id, zones, reached, repeat, origin, state, created_by, created_at, last_end_ms, ended_at, ended_by)
     VALUES (@id, @itemId, @zones, @reached, @repeat, @origin, @state, @createdBy, @createdAt, @lastEndMs, @endedAt, @endedBy)`,
  ).run({ ...e, zones: JSON.stringify(e.zones), reached: JSON.stringify(e.reached), repeat: e.repeat && JSON.stringify(e.repeat), origin: JSON.stringify(e.origin) });
}

export function getEmergency(db: Db, id: string): EmergencyRecord | undefined {
  const row = db.prepare('SELECT * FROM emergencies WHERE id = ?').get(id) as Row | undefined;
  return row && toRecord(row);
}

/** Bulletins still airing or with airings to come at `now` (state active, last airing not over), oldest first. */
export function listActiveEmergencies(db: Db, now: number): EmergencyRecord[] {
  return (db.prepare(`SELECT * FROM emergencies WHERE state = 'active' AND last_end_ms > ? ORDER BY created_at, id`).all(now) as Row[]).map(toRecord);
}

/** Bulletins created in [fromMs, toMs), newest first (the history beside the active ones). */
export function listEmergencies(db: Db, fromMs: number, toMs: number): EmergencyRecord[] {
  return (db.prepare('SELECT * FROM emergencies WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC, id').all(fromMs, toMs) as Row[]).map(toRecord);
}

/** Marks active bulletins whose last airing ended by `now` as finished (their end is that airing's). */
export function finishPastEmergencies(db: Db, now: number): void {
  db.prepare(`UPDATE emergencies SET state = 'finished', ended_at = last_end_ms WHERE state = 'active' AND last_end_ms <= ?`).run(now);
}

/**
 * Ends a bulletin at `now` (cancelled or replaced): its airings still to come are removed, the one on
 * air is cut short in the programme. Returns false when it was not active.
 */
export function endEmergency(db: Db, id: string, state: 'cancelled' | 'replaced', now: number, by: string): boolean {
  return db.transaction(() => {
    const changed = db
      .prepare(`UPDATE emergencies SET state = @state, ended_at = @now, ended_by = @by, last_end_ms = MIN(last_end_ms, @now) WHERE id = @id AND state = 'active'`)
      .run({ id, state, now, by }).changes;
    if (changed === 0) return false;
    db.prepare('DELETE FROM programme_entries WHERE emergency_id = ? AND start_ms > ?').run(id, now);
    db.prepare('UPDATE programme_entries SET end_ms = @now WHERE emergency_id = @id AND start_ms <= @now AND end_ms > @now').run({ id, now });
    return true;
  })();
}

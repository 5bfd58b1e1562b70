import type { Db } from './db.ts';

/** One row of the append-only audit log; `before` and `after` are JSON text, already redacted. */
export interface AuditRow {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  /** Zones the change reached beyond its target (see migrations/0011_audit.sql). */
  zones: string[];
  address: string | null;
  itemEventId: number | null;
  note: string | null;
  before: string | null;
  after: string | null;
}

/** Which rows to read: every filter is optional and they combine with AND. */
export interface AuditQuery {
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  /** A username (any case) or a user id, or 'cli' / 'system'. */
  actor?: string;
  /** One action ('item.approve') or every action of a noun ('item'). */
  action?: { exact: string } | { noun: string };
  /** A target type, with an id when given; a zone id also finds the changes that reached that zone. */
  target?: { type: string; id?: string };
  limit: number;
  offset: number;
}

/** Appends a row and its zones; returns the row's id. UPDATE and DELETE are refused by triggers. */
export function insertAuditRow(db: Db, row: Omit<AuditRow, 'id'>): number {
  const { zones, ...columns } = row;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO audit (at, actor_id, actor_name, action, target_type, target_id, address, item_event_id, note, before, after)
       VALUES (@at, @actorId, @actorName, @action, @targetType, @targetId, @address, @itemEventId, @note, @before, @after)`,
    )
    .run(columns);
  const id = Number(lastInsertRowid);
  const addZone = db.prepare('INSERT OR IGNORE INTO audit_zones (audit_id, zone_id) VALUES (?, ?)');
  for (const zone of zones) addZone.run(id, zone);
  return id;
}

/** The newest entry of an item's history (item_events): inside the change's transaction, the one it just wrote. */
export function lastItemEventId(db: Db, itemId: string): number | null {
  const row = db.prepare('SELECT max(id) AS id FROM item_events WHERE item_id = ?').get(itemId) as { id: number | null };
  return row.id;
}

interface Row {
  id: number; at: number; actor_id: string | null; actor_name: string; action: string; target_type: string;
  target_id: string | null; address: string | null; item_event_id: number | null; note: string | null;
  before: string | null; after: string | null;
}

/** Rows matching the query, newest first, with how many match in all. */
export function listAuditRows(db: Db, q: AuditQuery): { rows: AuditRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (q.fromMs !== undefined) {
    where.push('a.at >= @fromMs');
    params.fromMs = q.fromMs;
  }
  if (q.toMs !== undefined) {
    where.push('a.at < @toMs');
    params.toMs = q.toMs;
  }
  if (q.actor !== undefined) {
    where.push('(a.actor_name = @actor COLLATE NOCASE OR a.actor_id = @actor)');
    params.actor = q.actor;
  }
  if (q.action && 'exact' in q.action) {
    where.push('a.action = @action');
    params.action = q.action.exact;
  } else if (q.action) {
    // 'item' matches 'item.…': a range on the index rather than LIKE, which SQLite would scan.
    where.push("a.action >= @noun || '.' AND a.action < @noun || '/'");
    params.noun = q.action.noun;
  }
  if (q.target) {
    params.targetType = q.target.type;
    if (q.target.id === undefined) where.push('a.target_type = @targetType');
    else {
      params.targetId = q.target.id;
      const reached = q.target.type === 'zone' ? ' OR a.id IN (SELECT audit_id FROM audit_zones WHERE zone_id = @targetId)' : '';
      where.push(`((a.target_type = @targetType AND a.target_id = @targetId)${reached})`);
    }
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit a ${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT a.* FROM audit a ${clause} ORDER BY a.at DESC, a.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
  const zones = zonesOf(db, rows.map((r) => r.id));
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, targetType: r.target_type,
      targetId: r.target_id, zones: zones.get(r.id) ?? [], address: r.address, itemEventId: r.item_event_id,
      note: r.note, before: r.before, after: r.after,
    })),
  };
}

function zonesOf(db: Db, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(`SELECT audit_id, zone_id FROM audit_zones WHERE audit_id IN (${ids.map(() => '?').join(', ')}) ORDER BY zone_id`)
    .all(...ids) as { audit_id: number; zone_id: string }[];
  for (const r of rows) out.set(r.audit_id, [...(out.get(r.audit_id) ?? []), r.zone_id]);
  return out;
}

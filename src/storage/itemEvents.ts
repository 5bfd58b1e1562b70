import type { Db } from './db.ts';

/** One entry of an item's append-only audit log. */
export interface ItemEvent {
  id: number;
  itemId: string;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** Appends an audit entry (UPDATE and DELETE on the table are refused by triggers). */
export function appendItemEvent(db: Db, e: Omit<ItemEvent, 'id' | 'actorName'>): void {
  db.prepare(
    `INSERT INTO item_events (item_id, at, actor_id, action, from_status, to_status, note, data)
     VALUES (@itemId, @at, @actorId, @action, @fromStatus, @toStatus, @note, @data)`,
  ).run({ ...e, data: e.data ? JSON.stringify(e.data) : null });
}

export function listItemEvents(db: Db, itemId: string): ItemEvent[] {
  const rows = db
    .prepare(
      `SELECT e.*, u.username AS actor_name FROM item_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.item_id = ? ORDER BY e.id`,
    )
    .all(itemId) as {
    id: number; item_id: string; at: number; actor_id: string | null; actor_name: string | null; action: string;
    from_status: string | null; to_status: string | null; note: string | null; data: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
  }));
}

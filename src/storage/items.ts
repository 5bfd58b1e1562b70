import type { Db } from './db.ts';
import type { ItemKind, ItemStatus, Loudness, Priority } from '../domain/item.ts';

/** An item as stored: instants in epoch ms. The HTTP layer formats them in station time. */
export interface ItemRecord {
  id: string;
  title: string;
  kind: ItemKind;
  topics: string[];
  ceremonial: boolean;
  unit: string | null;
  priority: Priority;
  validFrom: number | null;
  validUntil: number | null;
  note: string | null;
  status: ItemStatus;
  failureReason: string | null;
  durationMs: number | null;
  audioSha256: string | null;
  originalName: string | null;
  loudnessBefore: Loudness | null;
  loudnessAfter: Loudness | null;
  incomingPath: string | null;
  submittedBy: string | null;
  reviewedBy: string | null;
  reviewedAt: number | null;
  reviewNote: string | null;
  approvedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Made by the demo loader (absent means false). Set when the item is inserted, never changed by saveItem. */
  demo?: boolean;
  /** The operator's order among priority items (smaller first; absent or null: none). Set by setPriorityOrder only. */
  priorityOrder?: number | null;
}

interface ItemRow {
  id: string;
  title: string;
  kind: ItemKind;
  topics: string;
  ceremonial: number;
  unit: string | null;
  priority: Priority;
  valid_from: number | null;
  valid_until: number | null;
  note: string | null;
  status: ItemStatus;
  failure_reason: string | null;
  duration_ms: number | null;
  audio_sha256: string | null;
  original_name: string | null;
  loudness_before: string | null;
  loudness_after: string | null;
  incoming_path: string | null;
  submitted_by: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  review_note: string | null;
  approved_at: number | null;
  created_at: number;
  updated_at: number;
  demo: number;
  priority_order: number | null;
}

const toItem = (r: ItemRow): ItemRecord => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  topics: JSON.parse(r.topics) as string[],
  ceremonial: r.ceremonial === 1,
  unit: r.unit,
  priority: r.priority,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  note: r.note,
  status: r.status,
  failureReason: r.failure_reason,
  durationMs: r.duration_ms,
  audioSha256: r.audio_sha256,
  originalName: r.original_name,
  loudnessBefore: r.loudness_before ? (JSON.parse(r.loudness_before) as Loudness) : null,
  loudnessAfter: r.loudness_after ? (JSON.parse(r.loudness_after) as Loudness) : null,
  incomingPath: r.incoming_path,
  submittedBy: r.submitted_by,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  reviewNote: r.review_note,
  approvedAt: r.approved_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  demo: r.demo === 1,
  priorityOrder: r.priority_order,
});

const toParams = (i: ItemRecord) => ({
  ...i,
  topics: JSON.stringify(i.topics),
  ceremonial: i.ceremonial ? 1 : 0,
  loudnessBefore: i.loudnessBefore ? JSON.stringify(i.loudnessBefore) : null,
  loudnessAfter: i.loudnessAfter ? JSON.stringify(i.loudnessAfter) : null,
  demo: i.demo ? 1 : 0,
});

const COLUMNS: [keyof ItemRecord, string][] = [
  ['id', 'id'], ['title', 'title'], ['kind', 'kind'], ['topics', 'topics'], ['ceremonial', 'ceremonial'],
  ['unit', 'unit'], ['priority', 'priority'], ['validFrom', 'valid_from'], ['validUntil', 'valid_until'],
  ['note', 'note'], ['status', 'status'], ['failureReason', 'failure_reason'], ['durationMs', 'duration_ms'],
  ['audioSha256', 'audio_sha256'], ['originalName', 'original_name'], ['loudnessBefore', 'loudness_before'],
  ['loudnessAfter', 'loudness_after'], ['incomingPath', 'incoming_path'], ['submittedBy', 'submitted_by'],
  ['reviewedBy', 'reviewed_by'], ['reviewedAt', 'reviewed_at'], ['reviewNote', 'review_note'],
  ['approvedAt', 'approved_at'], ['createdAt', 'created_at'], ['updatedAt', 'updated_at'],
];

/** Inserts a new item, its demo flag included (the one column saveItem leaves alone). */
export function insertItem(db: Db, item: ItemRecord): void {
  db.prepare(
    `INSERT INTO items (${COLUMNS.map(([, c]) => c).join(', ')}, demo) VALUES (${COLUMNS.map(([k]) => `@${k}`).join(', ')}, @demo)`,
  ).run(toParams(item));
}

/** Writes every column of an existing item (callers read-modify-write inside a transaction). */
export function saveItem(db: Db, item: ItemRecord): void {
  const sets = COLUMNS.filter(([k]) => k !== 'id').map(([k, c]) => `${c} = @${k}`).join(', ');
  db.prepare(`UPDATE items SET ${sets} WHERE id = @id`).run(toParams(item));
}

export function getItem(db: Db, id: string): ItemRecord | undefined {
  const row = db.prepare('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
  return row && toItem(row);
}

export interface ItemFilter {
  status?: ItemStatus[];
  topic?: string;
  unit?: string;
  text?: string;
  kind?: ItemKind;
  submittedBy?: string;
  limit: number;
  offset: number;
}

/** Items matching the filter, newest first, with the total count for paging. */
export function listItems(db: Db, f: ItemFilter): { items: ItemRecord[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
  if (f.status?.length) {
    where.push(`status IN (${f.status.map((_, i) => `@s${i}`).join(', ')})`);
    f.status.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (f.topic) {
    where.push('EXISTS (SELECT 1 FROM json_each(items.topics) WHERE json_each.value = @topic)');
    params.topic = f.topic;
  }
  for (const [key, column] of [['unit', 'unit'], ['kind', 'kind'], ['submittedBy', 'submitted_by']] as const) {
    if (f[key]) {
      where.push(`${column} = @${key}`);
      params[key] = f[key];
    }
  }
  if (f.text) {
    where.push("(title LIKE @text ESCAPE '\\' OR note LIKE @text ESCAPE '\\' OR original_name LIKE @text ESCAPE '\\')");
    params.text = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db
    .prepare(`SELECT * FROM items ${clause} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`)
    .all(params) as ItemRow[];
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM items ${clause}`).get(params) as { total: number };
  return { items: rows.map(toItem), total };
}

/** Items left mid-ingest by a stopped daemon. */
export function listProcessingItems(db: Db): ItemRecord[] {
  return (db.prepare("SELECT * FROM items WHERE status = 'processing' ORDER BY created_at").all() as ItemRow[]).map(toItem);
}

/** Every audio hash some item still references (the orphan sweep keeps these). */
export function referencedAudioHashes(db: Db): Set<string> {
  const rows = db.prepare('SELECT DISTINCT audio_sha256 AS h FROM items WHERE audio_sha256 IS NOT NULL').all() as { h: string }[];
  return new Set(rows.map((r) => r.h));
}

export function countItemsByStatus(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM items GROUP BY status').all() as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** True when any airtime row names the item (such an item is never hard-deleted). */
export function hasAired(db: Db, itemId: string): boolean {
  return db.prepare('SELECT 1 FROM airtime WHERE item_id = ? LIMIT 1').get(itemId) !== undefined;
}

/** All items in the given statuses (the planner takes the approved ones). */
export function listItemsInStatus(db: Db, statuses: ItemStatus[]): ItemRecord[] {
  const rows = db
    .prepare(`SELECT * FROM items WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...statuses) as ItemRow[];
  return rows.map(toItem);
}

/**
 * Gives the listed items the operator's order 1, 2, 3… in list order, and every other item none
 * (callers check the ids and run it in the transaction of the change).
 */
export function setPriorityOrder(db: Db, ids: readonly string[]): void {
  db.prepare('UPDATE items SET priority_order = NULL WHERE priority_order IS NOT NULL').run();
  const set = db.prepare('UPDATE items SET priority_order = ? WHERE id = ?');
  ids.forEach((id, k) => set.run(k + 1, id));
}

/** Marks an item as made by the demo loader; the flag is never cleared. */
export function markDemoItem(db: Db, id: string): void {
  db.prepare('UPDATE items SET demo = 1 WHERE id = ?').run(id);
}

/** Every item the demo loader made, in any status, oldest first. */
export function listDemoItems(db: Db): ItemRecord[] {
  return (db.prepare('SELECT * FROM items WHERE demo = 1 ORDER BY created_at, id').all() as ItemRow[]).map(toItem);
}

/** What a removal took out of the programme for one item. */
export interface DroppedPlans {
  slots: number;
  pins: number;
  programmes: number;
}

/**
 * Takes an item out of what may air from `fromMs` on: its saved plan slots and hand-made programme
 * entries starting then or later, and its pins (instructions, not a record of what aired). Earlier
 * slots and entries stay with the airtime log they explain.
 */
export function dropItemFuture(db: Db, itemId: string, fromMs: number): DroppedPlans {
  const p = { itemId, fromMs };
  return {
    slots: db.prepare('DELETE FROM plan_slots WHERE item_id = @itemId AND start_ms >= @fromMs').run(p).changes,
    pins: db.prepare('DELETE FROM pins WHERE item_id = @itemId').run(p).changes,
    programmes: db.prepare('DELETE FROM programme_entries WHERE item_id = @itemId AND start_ms >= @fromMs').run(p).changes,
  };
}

/**
 * Deletes a demo item that never aired, with every row that names it: saved plan slots, pins,
 * hand-made programme entries and its history. The schema refuses the history of any other item
 * (migration 0007), and this throws for an item that aired: such an item is archived, never deleted.
 */
export function deleteUnairedDemoItem(db: Db, itemId: string): DroppedPlans {
  if (hasAired(db, itemId)) throw new Error(`item ${itemId} has aired: archive it, never delete it`);
  const dropped = dropItemFuture(db, itemId, Number.MIN_SAFE_INTEGER);
  db.prepare('DELETE FROM item_events WHERE item_id = ?').run(itemId);
  const { changes } = db.prepare('DELETE FROM items WHERE id = ? AND demo = 1').run(itemId);
  if (changes !== 1) throw new Error(`item ${itemId} is not a demo item`);
  return dropped;
}

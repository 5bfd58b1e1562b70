/** Reading the airtime log back: the API's and the report's filtered, paged view of the rows. */
import type { Db } from './db.ts';
import type { AirtimeCarrier, AirtimeOutcome, AirtimeRow } from './airtime.ts';

/**
 * Rows by who got them: 'heard' (receivers ≥ 1); 'unheard' (audio went out, completed, interrupted or
 * preempted, to no receiver: what the report shows apart); 'unknown' (receivers NULL).
 */
export type AirtimeReception = 'heard' | 'unheard' | 'unknown';

/** A page of the log: rows that started in [fromMs, toMs). */
export interface AirtimeQuery {
  fromMs: number;
  toMs: number;
  zone?: string;
  /** Only rows with this outcome; 'airing' = rows still open (no outcome yet). */
  outcome?: AirtimeOutcome | 'airing';
  reception?: AirtimeReception;
  /** 'asc' (default): oldest first, as exports read; 'desc': newest first, as a log screen reads. */
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

interface RawRow {
  id: number;
  zone_id: string;
  item_id: string;
  item_title: string;
  item_kind: string;
  topics: string;
  ceremonial: number;
  unit: string | null;
  priority: string;
  source: string;
  window: string | null;
  planned_start: number | null;
  started_at: number;
  heartbeat_at: number;
  ended_at: number | null;
  played_ms: number | null;
  outcome: AirtimeOutcome | null;
  detail: string | null;
  outputs: string;
  receivers: number | null;
  carriers: string | null;
}

/** Rows that started in [fromMs, toMs), optionally for one zone and one outcome, oldest first unless asked. */
export function listAirtime(db: Db, query: AirtimeQuery): AirtimeRow[] {
  // The direction is one of two fixed words, never user text, so it may sit in the SQL.
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT * FROM airtime
       WHERE started_at >= @fromMs AND started_at < @toMs AND (@zone IS NULL OR zone_id = @zone)
         AND (@outcome IS NULL OR outcome = @outcome OR (@outcome = 'airing' AND outcome IS NULL))
         AND (@reception IS NULL OR (@reception = 'heard' AND receivers > 0) OR (@reception = 'unheard' AND receivers = 0
           AND outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0) OR (@reception = 'unknown' AND receivers IS NULL))
       ORDER BY started_at ${direction}, id ${direction} LIMIT @limit OFFSET @offset`,
    )
    .all({
      fromMs: query.fromMs,
      toMs: query.toMs,
      zone: query.zone ?? null,
      outcome: query.outcome ?? null,
      reception: query.reception ?? null,
      limit: query.limit ?? -1,
      offset: query.offset ?? 0,
    }) as RawRow[];
  return rows.map(toRow);
}

function toRow(r: RawRow): AirtimeRow {
  return {
    id: r.id,
    zoneId: r.zone_id,
    itemId: r.item_id,
    itemTitle: r.item_title,
    itemKind: r.item_kind,
    topics: JSON.parse(r.topics) as string[],
    ceremonial: r.ceremonial === 1,
    unit: r.unit,
    priority: r.priority,
    source: r.source,
    window: r.window,
    plannedStart: r.planned_start,
    startedAt: r.started_at,
    heartbeatAt: r.heartbeat_at,
    endedAt: r.ended_at,
    playedMs: r.played_ms,
    outcome: r.outcome,
    detail: r.detail,
    outputs: JSON.parse(r.outputs) as string[],
    receivers: r.receivers,
    carriers: r.carriers === null ? null : (JSON.parse(r.carriers) as AirtimeCarrier[]),
  };
}

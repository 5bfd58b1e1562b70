/**
 * The monthly report read straight from the airtime log (read-only), for any period the summaries
 * cannot stand for, the station's or one zone's (see reportSummaries.ts, reportZoneSummaries.ts). The month is read in one DISTINCT pass (the
 * facts each item carried) and ONE chunked pass (raw tuples of a packed cell key, the item id, the
 * airtime and a rare extras string) that feeds every per-zone/day/kind/topic/unit figure and the
 * incidents; a GROUP BY per dimension would sort the rows once each, which costs more. The "aired"
 * rule lives here once, as SQL (migrations/0005 states it again for the summaries).
 */
import type { Db } from './db.ts';

/**
 * Outcome completed/interrupted/preempted with some audio out, to a receiver or to receivers unknown
 * (migrations/0010: a play that went out to nobody is shown apart): the report's definition of aired.
 */
export const AIRED_SQL = `outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0 AND ifnull(receivers, 1) > 0`;

/** A UTC offset valid for instants before `untilMs` (null: to the end of the range). */
export interface OffsetSegment {
  untilMs: number | null;
  offsetMs: number;
}

/** Rows that started in [fromMs, toMs), optionally one zone; offsets turn instants into local days. */
export interface AirtimeScope {
  fromMs: number;
  toMs: number;
  zone: string | null;
  offsets: OffsetSegment[];
  /** Row ids of the scope's first and last rows (null: no row); see withIdRange. Computed when absent. */
  idRange?: { lo: number; hi: number } | null;
}

/**
 * One final row of the month pass, packed so that little crosses into JS per row (each converted
 * column costs more than the SQL that builds it): [cellKey, itemId, playedMs, extras]. `extras` is
 * null for the common row (completed and not known unheard, with a window label, plan/programme
 * source, an item whose facts did not vary); otherwise decode it with decodeExtras. Decode the cell with decodeCellKey.
 */
export type MonthTuple = [string, string, number | null, string | null];

/** The facts copied into airtime rows about an item (kind, unit, topics JSON, ceremonial, priority). */
export interface ItemFacts {
  itemId: string;
  kind: string;
  unit: string | null;
  topics: string;
  ceremonial: number;
  priority: string;
}

/** Per (zone, outcome, outputs JSON) counts of rows that failed, were cut, or were skipped (built by the month pass). */
export interface IncidentGroup {
  zone: string;
  outcome: 'failed' | 'interrupted' | 'preempted' | 'skipped';
  outputs: string;
  count: number;
}

/**
 * `started_at` shifted to local wall-clock ms, as SQL, with its parameters. JS numbers bind as REAL,
 * so offsets are cast back to INTEGER to keep the `/ 86400000` an integer (day) division.
 */
export function localMsSql(offsets: OffsetSegment[]): { sql: string; params: Record<string, number> } {
  const params: Record<string, number> = {};
  const last = offsets[offsets.length - 1];
  if (!last) throw new Error('offset segments must not be empty');
  params.offLast = last.offsetMs;
  if (offsets.length === 1) return { sql: '(started_at + CAST(@offLast AS INTEGER))', params };
  const branches = offsets.slice(0, -1).map((s, i) => {
    params[`until${i}`] = s.untilMs ?? Number.MAX_SAFE_INTEGER;
    params[`off${i}`] = s.offsetMs;
    return `WHEN started_at < @until${i} THEN @off${i}`;
  });
  return { sql: `(started_at + CAST(CASE ${branches.join(' ')} ELSE @offLast END AS INTEGER))`, params };
}

/** The WHERE clause of a scope; with a zone it leads with zone_id so the (zone_id, started_at) index serves. */
function scopeWhere(scope: AirtimeScope): { sql: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { fromMs: scope.fromMs, toMs: scope.toMs };
  if (scope.zone === null) return { sql: 'started_at >= @fromMs AND started_at < @toMs', params };
  params.zone = scope.zone;
  return { sql: 'zone_id = @zone AND started_at >= @fromMs AND started_at < @toMs', params };
}

/**
 * FROM and WHERE of a scan over a scope, or null when it holds no row. Without a zone the table is read
 * by row id between the scope's first and last row (airtime is append-only, so that range is tight)
 * rather than through one index lookup per row; with a zone the (zone_id, started_at) index serves.
 */
export function scanSource(db: Db, scope: AirtimeScope): { from: string; where: string; params: Record<string, string | number> } | null {
  const where = scopeWhere(scope);
  if (scope.zone !== null) return { from: 'airtime', where: where.sql, params: where.params };
  const ids = scope.idRange === undefined ? withIdRange(db, scope).idRange : scope.idRange;
  if (!ids) return null;
  return {
    from: 'airtime NOT INDEXED',
    where: `id >= @lo AND id <= @hi AND ${where.sql}`,
    params: { ...where.params, lo: ids.lo, hi: ids.hi },
  };
}

/** The scope with its row-id range looked up once (several passes over one scope share it). */
export function withIdRange(db: Db, scope: AirtimeScope): AirtimeScope {
  if (scope.zone !== null || scope.idRange !== undefined) return scope;
  const b = db
    .prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM airtime WHERE started_at >= @fromMs AND started_at < @toMs')
    .get({ fromMs: scope.fromMs, toMs: scope.toMs }) as { lo: number | null; hi: number | null };
  return { ...scope, idRange: b.lo === null || b.hi === null ? null : { lo: b.lo, hi: b.hi } };
}

/**
 * The distinct facts each item carried in the scope's final rows. DISTINCT runs on a temporary B-tree
 * (no sort), and lets the month pass send only an item id per row for items whose facts never varied.
 */
export function listItemFacts(db: Db, scope: AirtimeScope): ItemFacts[] {
  const scan = scanSource(db, scope);
  if (!scan) return [];
  return db
    .prepare(
      `SELECT DISTINCT item_id AS itemId, item_kind AS kind, NULLIF(TRIM(unit), '') AS unit, topics, ceremonial, priority
       FROM ${scan.from} WHERE ${scan.where} AND ${FINAL_SQL}`,
    )
    .all(scan.params) as ItemFacts[];
}

/** Final rows the month pass reads: aired, or gone wrong (failed, cut, skipped). */
const FINAL_SQL = `outcome IS NOT NULL AND (outcome <> 'completed' OR played_ms > 0)`;

/** Rows per chunk of the month pass: large enough to amortise the per-call cost, small enough for the young GC. */
const CHUNK_ROWS = 16_384;

/**
 * Every final row of the scope that aired or went wrong, as MonthTuples in chunks (arrays), in no
 * particular order. Without a zone, chunks are row-id ranges read with `all()`, which costs about a
 * third less per row than `iterate()`; with a zone, the (zone_id, started_at) index is streamed.
 * `variedItems` are items whose facts varied (see listItemFacts): their rows carry their own facts.
 */
export function* monthRowChunks(db: Db, scope: AirtimeScope, variedItems: readonly string[]): Generator<MonthTuple[]> {
  const local = localMsSql(scope.offsets);
  const scan = scanSource(db, scope);
  if (!scan) return;
  const params: Record<string, string | number> = { ...scan.params, ...local.params };
  let varied = 'FALSE';
  if (variedItems.length > 0) {
    varied = `item_id IN (SELECT value FROM json_each(@varied))`;
    params.varied = JSON.stringify(variedItems);
  }
  const chunked = scope.zone === null;
  const stmt = db
    .prepare(
      `SELECT
         zone_id || char(31) || ifnull(window, '') || char(31) || (${local.sql} / 86400000),
         item_id,
         played_ms,
         CASE WHEN ifnull(window, '') = '' OR outcome <> 'completed' OR receivers = 0 OR source IN ('emergency', 'relay') OR priority <> 'normal' OR ${varied}
           THEN source || char(31) || started_at || char(31) || ((${local.sql} % 86400000) / 1000) || char(31)
             || coalesce((${AIRED_SQL}), 0) || char(31) || CASE WHEN outcome <> 'completed' THEN outcome ELSE '' END || char(31)
             || CASE WHEN outcome <> 'completed' THEN outputs ELSE '' END || char(31)
             || CASE WHEN ${varied} THEN item_kind || char(30) || hex(ifnull(NULLIF(TRIM(unit), ''), '')) || char(30) || topics
                  || char(30) || ceremonial || char(30) || priority ELSE '' END || char(31)
             || CASE WHEN source IN ('emergency', 'relay') OR priority <> 'normal' THEN item_title ELSE '' END
         END
       FROM ${scan.from}
       WHERE ${chunked ? 'id >= @from AND id < @to AND ' : ''}${scan.where} AND ${FINAL_SQL}`,
    )
    .raw(true);
  if (!chunked) {
    let chunk: MonthTuple[] = [];
    for (const row of stmt.iterate(params) as IterableIterator<MonthTuple>) {
      chunk.push(row);
      if (chunk.length === CHUNK_ROWS) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
    return;
  }
  const lo = Number(params.lo);
  const hi = Number(params.hi);
  for (let from = lo; from <= hi; from += CHUNK_ROWS) {
    yield stmt.all({ ...params, from, to: Math.min(from + CHUNK_ROWS, hi + 1) }) as MonthTuple[];
  }
}

/** True when the zones table holds the id, or the airtime log mentions it (a since-deleted zone). */
export function zoneIsKnown(db: Db, zone: string): boolean {
  const row = db
    .prepare(
      `SELECT 1 AS hit FROM zones WHERE id = @zone
       UNION ALL SELECT 1 FROM (SELECT 1 FROM airtime WHERE zone_id = @zone LIMIT 1) LIMIT 1`,
    )
    .get({ zone });
  return row !== undefined;
}

/** Aggregates of a scope (the previous month's headline): aired figures plus incident counts. */
export interface AiredSummary {
  programmes: number;
  plays: number;
  airtimeMs: number;
  distinctItems: number;
  activeZones: number;
  ceremonialPlays: number;
  ceremonialMs: number;
  emergencyPlays: number;
  priorityPlays: number;
  relayPlays: number;
  failed: number;
  interrupted: number;
  preempted: number;
}

/**
 * Headline aggregates of a scope from the log, in SQL: one pass over the aired rows whose DISTINCT
 * counts run on temporary B-trees (programmes as a packed zone␟day␟window key), then one over the few
 * rows that went wrong. A row labelled '' is no programme, as in the month pass.
 */
export function summariseAired(db: Db, scope: AirtimeScope): AiredSummary {
  const scan = scanSource(db, scope);
  if (!scan) {
    return { programmes: 0, plays: 0, airtimeMs: 0, distinctItems: 0, activeZones: 0, ceremonialPlays: 0, ceremonialMs: 0,
      emergencyPlays: 0, priorityPlays: 0, relayPlays: 0, failed: 0, interrupted: 0, preempted: 0 };
  }
  const local = localMsSql(scope.offsets);
  const aired = db
    .prepare(
      `SELECT COUNT(*) AS plays, COALESCE(SUM(played_ms), 0) AS airtimeMs, COUNT(DISTINCT item_id) AS distinctItems,
         COUNT(DISTINCT zone_id) AS activeZones,
         COUNT(DISTINCT CASE WHEN window <> '' THEN zone_id || char(31) || (${local.sql} / 86400000) || char(31) || window END) AS programmes,
         COALESCE(SUM(ceremonial = 1), 0) AS ceremonialPlays,
         COALESCE(SUM(CASE WHEN ceremonial = 1 THEN played_ms ELSE 0 END), 0) AS ceremonialMs,
         COALESCE(SUM(priority = 'emergency' OR source = 'emergency'), 0) AS emergencyPlays,
         COALESCE(SUM(priority = 'priority' AND source <> 'emergency'), 0) AS priorityPlays,
         COALESCE(SUM(source = 'relay'), 0) AS relayPlays
       FROM ${scan.from} WHERE ${scan.where} AND ${AIRED_SQL}`,
    )
    .get({ ...scan.params, ...local.params }) as Omit<AiredSummary, 'failed' | 'interrupted' | 'preempted'>;
  const wrong = db
    .prepare(
      `SELECT COALESCE(SUM(outcome = 'failed'), 0) AS failed, COALESCE(SUM(outcome = 'interrupted'), 0) AS interrupted,
         COALESCE(SUM(outcome = 'preempted'), 0) AS preempted
       FROM ${scan.from} WHERE ${scan.where} AND outcome IN ('failed', 'interrupted', 'preempted')`,
    )
    .get(scan.params) as Pick<AiredSummary, 'failed' | 'interrupted' | 'preempted'>;
  return { ...aired, ...wrong };
}

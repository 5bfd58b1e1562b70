import { localDate } from '../domain/time.ts';
import type { Db } from './db.ts';

/** How an airtime row ended. */
export type AirtimeOutcome = 'completed' | 'interrupted' | 'preempted' | 'failed' | 'skipped';

/** What a zone player writes to the airtime log; the real store on ':memory:' serves tests too. */
export interface AirtimeRecorder {
  /** Opens a row for one zone as an entry starts airing; returns its id. */
  recordStart(start: AirtimeStart): number;
  /** Marks open rows as still airing at `at`, so a crash loses at most one heartbeat of airtime. */
  heartbeat(ids: number[], at: number): void;
  /** Finalises an open row; a final row is never changed again. */
  recordEnd(id: number, end: AirtimeEnd): void;
  /** True when the zone already finished this planned play (see `alreadyAired`). */
  alreadyAired(zoneId: string, plannedStart: number, itemId: string): boolean;
}

/** The facts of a planned play copied into its row (a playout ProgrammeEntry has them all). */
export interface AiredEntry {
  itemId: string;
  startMs: number;
  window: string | null;
  source: 'plan' | 'programme' | 'emergency' | 'relay';
  item: { title: string; kind: string; topics: string[]; ceremonial: boolean; unit: string | null; priority: string };
}

/** An entry starting to air in one zone. */
export interface AirtimeStart {
  zoneId: string;
  entry: AiredEntry;
  startedAt: number;
  outputs: string[];
}

/**
 * What kind of output a carrier is (from its name: http:/stream/…, icecast://…, rtp://…); 'device': a
 * download device that reported playing it (device:<id>, src/storage/deviceReports.ts).
 */
export type CarrierKind = 'http' | 'icecast' | 'rtp' | 'other' | 'device';

/** An output that delivered a play to at least one receiver, and to how many (migrations/0010). */
export interface AirtimeCarrier {
  output: string;
  kind: CarrierKind;
  receivers: number;
}

/** How and when an airing ended; `playedMs` is the audio actually sent. */
export interface AirtimeEnd {
  endedAt: number;
  playedMs: number;
  outcome: AirtimeOutcome;
  detail: string | null;
  outputs: string[];
  /**
   * How many receivers got the play (monitors never count) and the outputs that delivered it. A
   * writer that cannot tell leaves them out: the row then says "unknown" (NULL), never "heard".
   */
  receivers?: number | null;
  carriers?: AirtimeCarrier[] | null;
}

/** One row of the airtime log as read back (instants in epoch ms). */
export interface AirtimeRow {
  id: number;
  zoneId: string;
  itemId: string;
  itemTitle: string;
  itemKind: string;
  topics: string[];
  ceremonial: boolean;
  unit: string | null;
  priority: string;
  source: string;
  window: string | null;
  plannedStart: number | null;
  startedAt: number;
  heartbeatAt: number;
  endedAt: number | null;
  playedMs: number | null;
  outcome: AirtimeOutcome | null;
  detail: string | null;
  outputs: string[];
  /** Receivers that got the play; null: unknown (before migrations/0010, still on air, or closed after a crash). */
  receivers: number | null;
  /** Outputs that delivered it to a receiver; null when `receivers` is unknown. */
  carriers: AirtimeCarrier[] | null;
}

/** Options of createAirtimeRecorder. */
export interface AirtimeRecorderOptions {
  /**
   * How long a write may wait for another connection's lock before failing with SQLITE_BUSY (the
   * connection's own busy_timeout when absent). Playout sets it short: a write that fails is kept and
   * retried (playout/airtimeJournal.ts), while a write that waits stalls the stream for as long.
   */
  busyTimeoutMs?: number;
}

/**
 * An AirtimeRecorder over the airtime table, with its statements prepared once. Instants are rounded to
 * whole ms. `tz` is the station time zone: each row carries the local date it started on (local_date),
 * which the report summaries are kept by (migrations/0005).
 */
export function createAirtimeRecorder(db: Db, tz = 'Asia/Ho_Chi_Minh', opts: AirtimeRecorderOptions = {}): AirtimeRecorder {
  const insert = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source,
       window, planned_start, started_at, heartbeat_at, outputs, local_date)
     VALUES (@zoneId, @itemId, @title, @kind, @topics, @ceremonial, @unit, @priority, @source,
       @window, @plannedStart, @startedAt, @startedAt, @outputs, @localDate)`,
  );
  // Only open rows are touched: the trigger would abort on a final one, the WHERE keeps us clear of it.
  const beat = db.prepare('UPDATE airtime SET heartbeat_at = @at WHERE id = @id AND ended_at IS NULL');
  const finish = db.prepare(
    `UPDATE airtime SET ended_at = @endedAt, heartbeat_at = MAX(heartbeat_at, @endedAt), played_ms = @playedMs,
       outcome = @outcome, detail = @detail, outputs = @outputs, receivers = @receivers, carriers = @carriers
     WHERE id = @id AND ended_at IS NULL`,
  );
  const beatMany = db.transaction((ids: number[], at: number) => {
    for (const id of ids) beat.run({ id, at });
  });
  const write = busyWriter(db, opts.busyTimeoutMs);
  return {
    recordStart({ zoneId, entry, startedAt, outputs }) {
      const start = Math.round(startedAt);
      const info = write(() => insert.run({
        zoneId,
        itemId: entry.itemId,
        title: entry.item.title,
        kind: entry.item.kind,
        topics: JSON.stringify(entry.item.topics),
        ceremonial: entry.item.ceremonial ? 1 : 0,
        unit: entry.item.unit,
        priority: entry.item.priority,
        source: entry.source,
        window: entry.window,
        plannedStart: Math.round(entry.startMs),
        startedAt: start,
        outputs: JSON.stringify(outputs),
        localDate: localDate(start, tz),
      }));
      return Number(info.lastInsertRowid);
    },
    heartbeat(ids, at) {
      if (ids.length > 0) write(() => beatMany(ids, Math.round(at)));
    },
    recordEnd(id, end) {
      write(() =>
        finish.run({
          id,
          endedAt: Math.round(end.endedAt),
          playedMs: Math.max(0, Math.round(end.playedMs)),
          outcome: end.outcome,
          detail: end.detail,
          outputs: JSON.stringify(end.outputs),
          // Unknown stays unknown: a count without its carriers (or the reverse) is not written as known.
          receivers: end.receivers ?? null,
          carriers: end.receivers === undefined || end.receivers === null ? null : JSON.stringify(end.carriers ?? []),
        }),
      );
    },
    alreadyAired: (zoneId, plannedStart, itemId) => alreadyAired(db, zoneId, plannedStart, itemId),
  };
}

/** Runs a write with the connection's busy timeout set to `ms` for its duration (unchanged when undefined). */
function busyWriter(db: Db, ms: number | undefined): <T>(fn: () => T) => T {
  if (ms === undefined) return (fn) => fn();
  const wait = Math.max(0, Math.round(ms));
  return (fn) => {
    const previous = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${wait}`);
    try {
      return fn();
    } finally {
      db.pragma(`busy_timeout = ${previous}`);
    }
  };
}

/**
 * Start-up repair after a crash (kill -9, power loss): every row still open becomes 'interrupted',
 * ending at its last heartbeat, so only airtime the heartbeat vouched for is counted. Call it before
 * any player starts (it would close live rows). Returns how many rows were closed.
 */
export function closeInterrupted(db: Db): number {
  return db
    .prepare(
      `UPDATE airtime SET ended_at = heartbeat_at, played_ms = MAX(0, heartbeat_at - started_at),
         outcome = 'interrupted', detail = 'daemon stopped while airing (closed at last heartbeat)'
       WHERE ended_at IS NULL`,
    )
    .run().changes;
}

/**
 * True when the zone finished this planned play ('completed', or cut by a 'preempted' bulletin), so a
 * restarted player neither logs nor replays it. An 'interrupted' play (crash, stop) is cut in again.
 */
export function alreadyAired(db: Db, zoneId: string, plannedStart: number, itemId: string): boolean {
  const row = db
    .prepare(
      `SELECT 1 AS hit FROM airtime
       WHERE zone_id = @zoneId AND planned_start = @plannedStart AND item_id = @itemId
         AND outcome IN ('completed', 'preempted') LIMIT 1`,
    )
    .get({ zoneId, plannedStart: Math.round(plannedStart), itemId });
  return row !== undefined;
}

import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { AirtimeEnd, AirtimeRecorder } from '../storage/airtime.ts';
import type { AirtimeLogStatus } from './airtimeHealth.ts';
import { type Backoff, backoffDelay } from './backoff.ts';
import { describeError, iso, lostRow, type JournalRow as Row, rowSpecific } from './journalRow.ts';

/**
 * An AirtimeRecorder that never throws and never loses a write while the process lives. Its ids are
 * its own handles: a row's start may reach the database long after the play began. Also tells health
 * checks what is pending, and at shutdown logs what could not be written.
 */
export interface AirtimeJournal extends AirtimeRecorder {
  status(): AirtimeLogStatus;
  /** Pending writes by zone (zones with none are absent). */
  pendingByZone(): Map<string, number>;
  /** True while the start of the zone's row of this planned play waits for the database. */
  owesRow(zoneId: string, itemId: string, plannedStart: number): boolean;
  /** Tries the pending writes now; returns how many are still pending. */
  flush(): number;
  /**
   * Shutdown: one more try, then every row that could not be written is logged as an error with its
   * content and dropped. Writes after close are tried once and logged the same way if they fail.
   */
  close(): void;
}

export interface AirtimeJournalOptions {
  recorder: AirtimeRecorder;
  clock: Clock;
  log: Logger;
  /** Delay between retries while the database refuses writes (default 1 s doubling to 60 s). */
  backoff?: Backoff;
  /** Jitter source for the backoff (default Math.random). */
  random?: () => number;
}

/** A write waiting for the database: a row's start, or its end (never tried before its start is written). */
interface Write {
  kind: 'start' | 'end';
  row: Row;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 60_000 };
/** Outcomes that mean the zone is done with a planned play (storage/airtime.ts alreadyAired). */
const FINISHED = new Set(['completed', 'preempted']);

/**
 * Wraps the airtime store so a failed write (SQLITE_BUSY, a full disk, a read-only database) is kept
 * in memory, in order, and retried with backoff until the database takes it. While nothing is
 * pending, writes go straight through; once something is, later writes queue behind it so a row's
 * end is always written after its start, and playout never waits on a failing database more than once
 * per retry. A row is written once: its start's id is kept, and an end only touches an open row.
 */
export function createAirtimeJournal(opts: AirtimeJournalOptions): AirtimeJournal {
  const { recorder, clock, log } = opts;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const random = opts.random ?? Math.random;
  /** Rows whose end is not yet written, by handle. */
  const rows = new Map<number, Row>();
  let queue: Write[] = [];
  let handles = 0;
  let failures = 0;
  let lastError: string | null = null;
  let lastErrorAt: number | null = null;
  let pendingSince: number | null = null;
  let attempt = 0;
  let cancelRetry: (() => void) | null = null;
  let closed = false;
  let beatFailing = false;
  /** The last write failed for a reason every write shares (busy, full, read-only): heartbeats wait too. */
  let refusing = false;

  const forget = (row: Row) => void rows.delete(row.handle);
  const summary = (row: Row) => ({ zone: row.zoneId, item: row.start.entry.itemId, plannedStart: iso(row.start.entry.startMs) });

  function failed(err: unknown, w: Write, firstOfPass: boolean): void {
    failures++;
    lastError = describeError(err);
    lastErrorAt = clock.now();
    if (!rowSpecific(err)) refusing = true;
    if (pendingSince === null) {
      pendingSince = lastErrorAt;
      log.error({ err, write: w.kind, ...summary(w.row) }, 'airtime log write failed; the play is kept in memory and retried until written');
    } else if (firstOfPass) {
      log.warn({ error: lastError, pending: queue.length, attempt }, 'airtime log still refuses writes; retrying');
    }
  }

  /** Writes one (throws what the database threw); a row is forgotten once its end is written. */
  function apply(w: Write): void {
    const { row } = w;
    if (w.kind === 'start') {
      row.id = recorder.recordStart(row.start);
    } else {
      // An end is tried only once its start is written: it queues behind it (submit, pass).
      recorder.recordEnd(row.id as number, row.end as AirtimeEnd);
      forget(row);
    }
    refusing = false;
  }

  /** Tries the queue once, in order; a row whose write fails keeps its later writes waiting. */
  function pass(): boolean {
    let progress = false;
    let stop = false;
    let firstOfPass = true;
    const blocked = new Set<Row>();
    const remaining: Write[] = [];
    for (const w of queue) {
      if (stop || blocked.has(w.row)) {
        remaining.push(w);
        continue;
      }
      try {
        apply(w);
        progress = true;
      } catch (err) {
        remaining.push(w);
        blocked.add(w.row);
        failed(err, w, firstOfPass);
        firstOfPass = false;
        if (!rowSpecific(err)) stop = true;
      }
    }
    const written = queue.length - remaining.length;
    queue = remaining;
    if (queue.length === 0 && pendingSince !== null) {
      log.info({ written, failingForMs: clock.now() - pendingSince }, 'airtime log backlog written; alarm cleared');
      pendingSince = null;
    }
    return progress;
  }

  function retry(): void {
    cancelRetry = null;
    const progress = pass();
    if (queue.length === 0) {
      attempt = 0;
      return;
    }
    attempt = progress ? 0 : attempt + 1;
    arm();
  }

  function arm(): void {
    if (cancelRetry !== null || closed || queue.length === 0) return;
    cancelRetry = clock.at(clock.now() + backoffDelay(attempt, backoff, random), retry);
  }

  /** Writes now when nothing waits ahead of it, else queues it behind what does. */
  function submit(w: Write): void {
    if (closed) {
      queue.push(w);
      settle();
      return;
    }
    if (queue.length > 0 || (w.kind === 'end' && w.row.id === null)) {
      queue.push(w);
      arm();
      return;
    }
    try {
      apply(w);
    } catch (err) {
      queue.push(w);
      failed(err, w, true);
      arm();
    }
  }

  /** Shutdown: one more pass, then what is left is logged with its content and dropped. */
  function settle(): void {
    if (queue.length > 0) pass();
    for (const row of new Set(queue.map((w) => w.row))) {
      log.error(...lostRow(row, lastError));
      forget(row);
    }
    queue = [];
    pendingSince = null;
  }

  return {
    recordStart(start) {
      const handle = ++handles;
      const row: Row = { handle, zoneId: start.zoneId, start, id: null, end: null };
      rows.set(handle, row);
      submit({ kind: 'start', row });
      return handle;
    },

    recordEnd(handle, end) {
      const row = rows.get(handle);
      if (!row) {
        log.error({ handle, end }, 'airtime end for an unknown or already ended row; ignored');
        return;
      }
      if (row.end !== null) return; // a row ends once
      row.end = end;
      submit({ kind: 'end', row });
    },

    heartbeat(ids, at) {
      // Best effort: a missed beat only shortens what a crash would count. Skipped while the database
      // refuses writes, so it is not knocked on every 5 s by every player on top of the retries.
      if (refusing && queue.length > 0) return;
      const written = ids.flatMap((h) => {
        const id = rows.get(h)?.id;
        return id === null || id === undefined ? [] : [id];
      });
      if (written.length === 0) return;
      try {
        recorder.heartbeat(written, at);
        beatFailing = false;
      } catch (err) {
        failures++;
        lastError = describeError(err);
        lastErrorAt = clock.now();
        if (!beatFailing) log.warn({ err }, 'airtime heartbeat failed');
        beatFailing = true;
      }
    },

    alreadyAired(zoneId, plannedStart, itemId) {
      // A finished play whose end still waits is only known here (the database has not got it).
      const planned = Math.round(plannedStart);
      for (const { kind, row } of queue) {
        const e = row.start.entry;
        if (kind === 'end' && row.zoneId === zoneId && e.itemId === itemId && Math.round(e.startMs) === planned && FINISHED.has(row.end!.outcome)) return true;
      }
      try {
        return recorder.alreadyAired(zoneId, plannedStart, itemId);
      } catch (err) {
        log.warn({ err, zone: zoneId, item: itemId }, 'airtime log unreadable; assuming the play has not aired');
        return false;
      }
    },

    status() {
      return { ok: queue.length === 0, pending: queue.length, failures, lastError, lastErrorAt, pendingSince };
    },

    pendingByZone() {
      const byZone = new Map<string, number>();
      for (const { row } of queue) byZone.set(row.zoneId, (byZone.get(row.zoneId) ?? 0) + 1);
      return byZone;
    },

    owesRow(zoneId, itemId, plannedStart) {
      return queue.some(({ kind, row }) => kind === 'start' && row.zoneId === zoneId && row.start.entry.itemId === itemId && Math.round(row.start.entry.startMs) === plannedStart);
    },

    flush() {
      if (queue.length > 0) {
        cancelRetry?.();
        cancelRetry = null;
        retry();
      }
      return queue.length;
    },

    close() {
      cancelRetry?.();
      cancelRetry = null;
      closed = true;
      settle();
    },
  };
}

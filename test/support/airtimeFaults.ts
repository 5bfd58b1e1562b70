import type { AirtimeRecorder } from '../../src/storage/airtime.ts';
import { openDatabase } from '../../src/storage/db.ts';
import type { Db } from '../../src/storage/db.ts';

/**
 * Faults injected into a real SQLite airtime log, for test/unit/airtimeWrites.test.ts: the database
 * itself made read-only or locked by another connection, or the store's writes refused with a code.
 */

/** An error shaped like better-sqlite3's SqliteError: the SQLite result code in `code`. */
export function sqliteError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { name: 'SqliteError', code });
}

const MESSAGES: Record<string, string> = {
  SQLITE_FULL: 'database or disk is full',
  SQLITE_BUSY: 'database is locked',
  SQLITE_IOERR: 'disk I/O error',
};

/**
 * The airtime store with a switchable fault on its writes (reads pass through), like a disk that fills
 * up and is cleared again: `fault.fail('SQLITE_FULL')` … `fault.heal()`. `refused` counts refused calls.
 */
export function faultyRecorder(inner: AirtimeRecorder) {
  let code: string | null = null;
  const state = { refused: 0 };
  const check = () => {
    if (code === null) return;
    state.refused++;
    throw sqliteError(code, MESSAGES[code] ?? code);
  };
  const recorder: AirtimeRecorder = {
    recordStart(start) {
      check();
      return inner.recordStart(start);
    },
    recordEnd(id, end) {
      check();
      inner.recordEnd(id, end);
    },
    heartbeat(ids, at) {
      check();
      inner.heartbeat(ids, at);
    },
    alreadyAired: (zoneId, plannedStart, itemId) => inner.alreadyAired(zoneId, plannedStart, itemId),
  };
  return {
    recorder,
    state,
    fail: (c: string) => void (code = c),
    heal: () => void (code = null),
  };
}

/** Makes the connection refuse every write with SQLITE_READONLY (reads still work); returns the undo. */
export function readOnly(db: Db): () => void {
  db.pragma('query_only = ON');
  return () => void db.pragma('query_only = OFF');
}

/**
 * Another connection to the database file holding its write lock (BEGIN IMMEDIATE), as a CLI or a
 * backup tool might: writers on other connections get SQLITE_BUSY once their busy timeout runs out.
 */
export function holdWriteLock(file: string): { release(): void } {
  const other = openDatabase(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The database handle every storage module takes. Only src/storage/ imports better-sqlite3. */
export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/**
 * Opens (creating if needed) the SQLite file with WAL, foreign keys and a busy timeout, then applies
 * pending migrations. `:memory:` gives a private in-memory database for tests.
 */
export function openDatabase(file: string, migrationsDir = MIGRATIONS_DIR): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Two connections write this file (the daemon's and the plan worker's, src/scheduling/planRunner.ts).
  // A transaction that read before it writes cannot wait for the other's lock (SQLite answers
  // SQLITE_BUSY at once rather than deadlock), so every transaction takes the write lock as it begins
  // and waits for it (busy timeout); one that only reads says `.deferred`.
  const deferredTransaction = db.transaction.bind(db);
  db.transaction = ((fn) => deferredTransaction(fn).immediate) as Db['transaction'];
  migrate(db, migrationsDir);
  return db;
}

/** Applies every `NNNN_name.sql` above `PRAGMA user_version`, each in its own transaction. */
export function migrate(db: Db, migrationsDir = MIGRATIONS_DIR): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const files = readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: number[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 4));
    if (version <= current) continue;
    const sql = readFileSync(join(migrationsDir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
    applied.push(version);
  }
  return applied;
}

/** A consistent online copy of the database (safe while the daemon runs). */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  mkdirSync(dirname(destination), { recursive: true });
  await db.backup(destination);
}


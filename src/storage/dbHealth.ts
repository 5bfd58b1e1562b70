/** What the health check reads from the database: a real query through the open handle. */
import type { Db } from './db.ts';

/** The schema version and table count, read from the database file; throws when it cannot be read. */
export function readDatabaseStatus(db: Db): { schemaVersion: number; tables: number; file: string | null } {
  const row = db
    .prepare(
      "SELECT (SELECT user_version FROM pragma_user_version) AS schemaVersion, (SELECT count(*) FROM sqlite_master WHERE type = 'table') AS tables",
    )
    .get() as { schemaVersion: number; tables: number };
  // better-sqlite3 names an in-memory database ':memory:' and an anonymous temporary one ''.
  const file = db.memory || db.name === '' ? null : db.name;
  return { schemaVersion: row.schemaVersion, tables: row.tables, file };
}

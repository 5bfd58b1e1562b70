/**
 * The database health check: a real query through the daemon's handle, and the file still where it
 * was opened (a deleted file keeps working until restart, then everything since is gone).
 */
import { stat } from 'node:fs/promises';
import type { Db } from '../storage/db.ts';
import { readDatabaseStatus } from '../storage/dbHealth.ts';
import type { CheckResult, HealthCheck } from './health.ts';

/** A check that is failing when the query throws, the schema is empty or the file is gone. */
export function createDatabaseCheck(db: Db): HealthCheck {
  return async (): Promise<CheckResult> => {
    let status: ReturnType<typeof readDatabaseStatus>;
    try {
      status = readDatabaseStatus(db);
    } catch (err) {
      return { ok: false, problems: [{ code: 'health-db-failed', params: { reason: (err as Error).message } }] };
    }
    const details = { schemaVersion: status.schemaVersion, tables: status.tables };
    if (status.tables === 0 || status.schemaVersion === 0) {
      return { ok: false, problems: [{ code: 'health-db-failed', params: { reason: 'no schema' } }], details };
    }
    if (status.file !== null && !(await exists(status.file))) {
      return { ok: false, problems: [{ code: 'health-db-missing', params: { file: status.file } }], details };
    }
    return { ok: true, details };
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

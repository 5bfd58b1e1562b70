import { resolve } from 'node:path';
import { createAuditLog } from '../audit/auditLog.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { describeDemoRemoval, removeDemo } from '../demo/removeDemo.ts';
import type { Db } from '../storage/db.ts';

/** `loa demo remove`: deletes demo items that never aired, archives the others; returns the report. */
export function demoRemoveCommand(db: Db, config: Config): string {
  const removal = removeDemo({ db, clock: systemClock, audioDir: resolve(config.audioDir) });
  createAuditLog({ db, clock: systemClock }).record('cli', 'demo.remove', { type: 'demo' }, null, removal, { note: 'loa demo remove' });
  return describeDemoRemoval(removal);
}

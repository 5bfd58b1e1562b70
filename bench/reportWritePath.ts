/**
 * What the report summaries cost where the daemon pays for them: on its own write path, one airtime
 * row at a time (src/storage/airtime.ts: recordStart opens a row, recordEnd makes it final, each its
 * own autocommit transaction, as playout writes them). The summary triggers (migrations/0005,
 * airtime_summarise_inserted and airtime_summarise_ended, which feed every summary table) fire when a
 * row becomes final; the same rows are written with and without them, in alternating blocks so that
 * the machine's load falls on both alike, into the bench's full database.
 */
import { performance } from 'node:perf_hooks';
import { createAirtimeRecorder } from '../src/storage/airtime.ts';
import type { Db } from '../src/storage/db.ts';

/** The triggers through which a row becoming final reaches the summaries. */
const SUMMARY_TRIGGERS = ['airtime_summarise_inserted', 'airtime_summarise_ended'];

/** A row to write: zone, item facts and when it starts (the bench picks them like its loaded rows). */
export interface WriteRow {
  zoneId: string;
  itemId: string;
  title: string;
  kind: string;
  topics: string[];
  ceremonial: boolean;
  unit: string | null;
  priority: string;
  window: string | null;
  startedAt: number;
  playedMs: number;
}

/** Per row, µs of wall and CPU time, for recordStart and recordEnd, with and without the triggers. */
export interface WritePathCost {
  rows: number;
  withTriggers: { startUs: number; endUs: number; cpuUs: number };
  withoutTriggers: { startUs: number; endUs: number; cpuUs: number };
  /** The triggers dropped for the second case (by name, as found in the schema). */
  dropped: string[];
}

interface Tally {
  rows: number;
  startMs: number;
  endMs: number;
  cpuUs: number;
}

/** Writes `rows` through the recorder: each opened, then made final at once. */
function writeBlock(db: Db, rows: readonly WriteRow[], tz: string, tally: Tally): void {
  const recorder = createAirtimeRecorder(db, tz);
  const cpu = process.cpuUsage();
  for (const r of rows) {
    const entry = {
      itemId: r.itemId, startMs: r.startedAt, window: r.window, source: 'plan' as const,
      item: { title: r.title, kind: r.kind, topics: r.topics, ceremonial: r.ceremonial, unit: r.unit, priority: r.priority },
    };
    const t0 = performance.now();
    const id = recorder.recordStart({ zoneId: r.zoneId, entry, startedAt: r.startedAt, outputs: ['http:/stream/' + r.zoneId] });
    const t1 = performance.now();
    recorder.recordEnd(id, {
      endedAt: r.startedAt + r.playedMs, playedMs: r.playedMs, outcome: 'completed', detail: null,
      outputs: ['http:/stream/' + r.zoneId], receivers: 1, carriers: [{ output: 'http:/stream/' + r.zoneId, kind: 'http', receivers: 1 }],
    });
    tally.startMs += t1 - t0;
    tally.endMs += performance.now() - t1;
  }
  const used = process.cpuUsage(cpu);
  tally.cpuUs += used.user + used.system;
  tally.rows += rows.length;
}

/**
 * Measures the write path on `db` (left with the triggers in place): `blocks` pairs of blocks, one with
 * the summary triggers and one without, `rows` rows in all. The rows are added to the log for good.
 */
export function measureWritePath(db: Db, rows: readonly WriteRow[], tz: string, blocks = 4): WritePathCost {
  const saved = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'airtime' AND name IN (${SUMMARY_TRIGGERS.map(() => '?').join(', ')})`)
    .all(...SUMMARY_TRIGGERS) as { name: string; sql: string }[];
  if (saved.length !== SUMMARY_TRIGGERS.length) throw new Error(`summary triggers missing: found ${saved.map((t) => t.name).join(', ') || 'none'}`);
  const on: Tally = { rows: 0, startMs: 0, endMs: 0, cpuUs: 0 };
  const off: Tally = { rows: 0, startMs: 0, endMs: 0, cpuUs: 0 };
  const size = Math.ceil(rows.length / (2 * blocks));
  for (let b = 0; b < 2 * blocks; b++) {
    const block = rows.slice(b * size, (b + 1) * size);
    const withTriggers = b % 2 === 0;
    if (!withTriggers) for (const t of saved) db.exec(`DROP TRIGGER ${t.name}`);
    try {
      writeBlock(db, block, tz, withTriggers ? on : off);
    } finally {
      if (!withTriggers) for (const t of saved) db.exec(t.sql);
    }
  }
  const perRow = (t: Tally) => ({ startUs: (1000 * t.startMs) / t.rows, endUs: (1000 * t.endMs) / t.rows, cpuUs: t.cpuUs / t.rows });
  return { rows: on.rows + off.rows, withTriggers: perRow(on), withoutTriggers: perRow(off), dropped: saved.map((t) => t.name) };
}

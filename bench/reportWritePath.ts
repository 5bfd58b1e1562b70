/**
 * What the report summaries cost where the daemon pays for them: on its own write path, one airtime
 * row at a time (src/storage/airtime.ts: recordStart opens a row, recordEnd makes it final, each its
 * own autocommit transaction, as playout writes them). The summary triggers (migrations/0005,
 * airtime_summarise_inserted and airtime_summarise_ended, which feed every summary table) fire when a
 * row becomes final; the same rows are written with them, with them but without the per-zone summaries
 * of migrations/0022 (the feed's consumer airtime_summary_feed_zones, to show what those add), and
 * without them, in rotating blocks so that the machine's load falls on all alike, into the bench's
 * full database.
 */
import { performance } from 'node:perf_hooks';
import { createAirtimeRecorder } from '../src/storage/airtime.ts';
import type { Db } from '../src/storage/db.ts';

/** The triggers through which a row becoming final reaches the summaries. */
const SUMMARY_TRIGGERS = ['airtime_summarise_inserted', 'airtime_summarise_ended'];
/** The feed's consumer that keeps the per-zone summaries (migrations/0022). */
const ZONE_TRIGGERS = ['airtime_summary_feed_zones'];

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

/** Per row, µs of wall and CPU time of recordStart and recordEnd. */
export interface RowCost {
  startUs: number;
  endUs: number;
  cpuUs: number;
}

/** Per row costs with the triggers, without the per-zone summaries' consumer, and without the triggers. */
export interface WritePathCost {
  rows: number;
  withTriggers: RowCost;
  withoutZoneSummaries: RowCost;
  withoutTriggers: RowCost;
  /** The triggers dropped for the last case (by name, as found in the schema). */
  dropped: string[];
  /** The trigger dropped for the middle case. */
  droppedZone: string[];
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

/** The named triggers' definitions, as the schema holds them; throws when one is missing. */
function readTriggers(db: Db, names: readonly string[]): { name: string; sql: string }[] {
  const saved = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { name: string; sql: string }[];
  if (saved.length !== names.length) throw new Error(`triggers missing: wanted ${names.join(', ')}, found ${saved.map((t) => t.name).join(', ') || 'none'}`);
  return saved;
}

/**
 * Measures the write path on `db` (left with the triggers in place): `blocks` rounds of three blocks
 * (with the summary triggers, without the per-zone summaries' consumer, without the summary triggers),
 * `rows` rows in all. The rows are added to the log for good.
 */
export function measureWritePath(db: Db, rows: readonly WriteRow[], tz: string, blocks = 4): WritePathCost {
  const summary = readTriggers(db, SUMMARY_TRIGGERS);
  const zone = readTriggers(db, ZONE_TRIGGERS);
  const cases = [
    { tally: newTally(), drop: [] as { name: string; sql: string }[] },
    { tally: newTally(), drop: zone },
    { tally: newTally(), drop: summary },
  ];
  const size = Math.ceil(rows.length / (cases.length * blocks));
  for (let b = 0; b < cases.length * blocks; b++) {
    const block = rows.slice(b * size, (b + 1) * size);
    const c = cases[b % cases.length]!;
    for (const t of c.drop) db.exec(`DROP TRIGGER ${t.name}`);
    try {
      writeBlock(db, block, tz, c.tally);
    } finally {
      for (const t of c.drop) db.exec(t.sql);
    }
  }
  const perRow = (t: Tally): RowCost => ({ startUs: (1000 * t.startMs) / t.rows, endUs: (1000 * t.endMs) / t.rows, cpuUs: t.cpuUs / t.rows });
  return {
    rows: cases.reduce((n, c) => n + c.tally.rows, 0),
    withTriggers: perRow(cases[0]!.tally),
    withoutZoneSummaries: perRow(cases[1]!.tally),
    withoutTriggers: perRow(cases[2]!.tally),
    dropped: summary.map((t) => t.name),
    droppedZone: zone.map((t) => t.name),
  };
}

const newTally = (): Tally => ({ rows: 0, startMs: 0, endMs: 0, cpuUs: 0 });

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Zone } from '../../src/domain/station.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import type { Metrics } from '../../src/http/metrics.ts';
import { airtimeHealth, airtimeLogCheck } from '../../src/playout/airtimeHealth.ts';
import { createHealth } from '../../src/system/health.ts';
import { createAirtimeJournal } from '../../src/playout/airtimeJournal.ts';
import type { AirtimeJournal } from '../../src/playout/airtimeJournal.ts';
import { createPlayout } from '../../src/playout/playoutService.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { closeInterrupted, createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { AirtimeRecorder } from '../../src/storage/airtime.ts';
import { openDatabase } from '../../src/storage/db.ts';
import type { Db } from '../../src/storage/db.ts';
import { insertItem } from '../../src/storage/items.ts';
import { insertProgrammeEntries } from '../../src/storage/programmes.ts';
import { listZones, upsertZone } from '../../src/storage/station.ts';
import { faultyRecorder, holdWriteLock, readOnly } from '../support/airtimeFaults.ts';
import { fakeClock } from '../support/fakeClock.ts';
import type { FakeClock } from '../support/fakeClock.ts';
import { captureLog } from '../support/logCapture.ts';
import type { LogLine } from '../support/logCapture.ts';
import { FRAME_MS } from '../../src/playout/zonePlayer.ts';
import { audio, entry, setup, SILENCE, START, started, T0 } from '../support/playerHarness.ts';

/**
 * "A play is never silently missing from the log": airtime writes the database refuses (read-only,
 * full, locked by another connection, a row it rejects) are kept in order and retried with backoff;
 * each play lands once with its own instants and outcome; an alarm is up meanwhile; what is still
 * unwritten at shutdown is logged with its content. Real SQLite, the real zone player, a fake clock.
 */

/** The journal over `recorder`, on the test's clock, retrying after exactly 1, 2, 4 … s (no jitter). */
function journalOver(recorder: AirtimeRecorder, clock: FakeClock) {
  const { log, lines } = captureLog('info');
  const journal = createAirtimeJournal({ recorder, clock, log, random: () => 0.5 });
  return { journal, lines };
}

const metricsOf = (journal: AirtimeJournal) =>
  createMetrics({ itemsByStatus: () => ({}), ingestQueueSize: () => 0, outputs: () => [], airtimeWrites: () => journal.status() });

async function metric(m: Metrics, name: string): Promise<number | undefined> {
  const got = await m.registry.getSingleMetric(name)?.get();
  return got?.values[0]?.value;
}

const withMsg = (lines: LogLine[], level: number, re: RegExp) => lines.filter((l) => l.level === level && re.test(l.msg));
/** A logged airtime row as the shutdown line carries it. */
type LostLine = LogLine & { airtimeRow: Record<string, unknown> & { end: Record<string, unknown> | null }; startWritten: boolean; rowId: number | null };

/** When each play's first frame went out, as the player announced it. */
function startsOf(player: { on(e: 'item:started', fn: (e: { startedAt: number }) => void): unknown }): number[] {
  const at: number[] = [];
  player.on('item:started', (e) => at.push(e.startedAt));
  return at;
}

const outcomes = (rows: { itemId: string; outcome: string | null }[]) => rows.map((r) => `${r.itemId}:${r.outcome}`);

describe('airtime writes the database refuses', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('a read-only database: plays are kept and retried with backoff, then land once, in order, with their own instants; the alarm clears', async () => {
    const clock = fakeClock(T0);
    const db = openDatabase(':memory:');
    const { journal, lines } = journalOver(createAirtimeRecorder(db), clock);
    const metrics = metricsOf(journal);
    const health = createHealth({ airtimeLog: airtimeLogCheck(() => journal.status(), 'Asia/Ho_Chi_Minh') }); // as /healthz runs it
    const a = entry('A', 200, START); // ~5.2 s each, back to back
    const b = entry('B', 200, a.endMs);
    const c = entry('C', 200, b.endMs);
    const t = setup({ clock, db, entries: [a, b, c], files: [audio('A', 200), audio('B', 200), audio('C', 200)], options: { airtime: journal } });
    const starts = startsOf(t.player);
    const writable = readOnly(db);
    await started(t.player, clock, 2000 + 11_000); // A and B over, C on air

    // Nothing reached the database, nothing was dropped: A's and B's starts and ends and C's start wait.
    expect(t.rows()).toEqual([]);
    expect(journal.status()).toMatchObject({ ok: false, pending: 5, pendingSince: starts[0] });
    expect(journal.status().lastError).toMatch(/SQLITE_READONLY/);
    // Retried at +1, +3 and +7 s (1, 2, 4 s apart), one attempt each: the failing database is not hammered.
    expect(journal.status().failures).toBe(4);
    expect(await metric(metrics, 'loa_airtime_writes_pending')).toBe(5);
    expect(await metric(metrics, 'loa_airtime_write_failures_total')).toBe(4);
    expect(airtimeHealth(journal.status(), 'Asia/Ho_Chi_Minh').message).toMatch(/^Nhật ký phát sóng chưa ghi được 5 lượt ghi .*\(từ 2026-05-18T05:30:00[.\d]*\+07:00\).*SQLITE_READONLY/);
    expect((await health.run()).checks[0]!.result).toMatchObject({ ok: false, problems: [{ code: 'airtime-log-pending', params: { pending: 5 } }] });
    expect(withMsg(lines, 50, /airtime log write failed/)).toHaveLength(1);
    // The zone owes the log those rows (a device report of one of them waits for it), and no other.
    expect([a, b, c].map((e) => journal.owesRow('tdp-1', e.itemId, e.startMs))).toEqual([true, true, true]);
    expect([journal.owesRow('tdp-2', a.itemId, a.startMs), journal.owesRow('tdp-1', a.itemId, b.startMs)]).toEqual([false, false]);
    // Playout went on as if nothing happened.
    expect(t.out.of('A')).toHaveLength(200);
    expect(t.out.of('B')).toHaveLength(200);
    expect(t.out.first('C')!.at - c.startMs).toBeLessThan(FRAME_MS + 1);

    writable();
    clock.advance(30_000); // the retry at +15 s writes the backlog; C's end then goes straight through
    const rows = t.rows();
    expect(outcomes(rows)).toEqual(['item-A:completed', 'item-B:completed', 'item-C:completed']);
    expect(journal.owesRow('tdp-1', a.itemId, a.startMs)).toBe(false);
    // Written in play order, each with the instants of the play, not of the retry.
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((x, y) => x - y));
    expect(rows.map((r) => r.startedAt)).toEqual(starts.map(Math.round));
    expect(rows.map((r) => r.endedAt)).toEqual(t.ended.map((e) => Math.round(e.endedAt)));
    expect(rows.map((r) => r.plannedStart)).toEqual([a.startMs, b.startMs, c.startMs]);
    expect(rows[0]!.endedAt!).toBeLessThan(START + 15_000);
    expect(journal.status()).toMatchObject({ ok: true, pending: 0, failures: 4, pendingSince: null });
    expect(await metric(metrics, 'loa_airtime_writes_pending')).toBe(0);
    expect(await metric(metrics, 'loa_airtime_write_failures_total')).toBe(4);
    expect(airtimeHealth(journal.status(), 'Asia/Ho_Chi_Minh').message).toBeNull();
    expect((await health.run()).ok).toBe(true);
    expect(withMsg(lines, 30, /alarm cleared/)).toHaveLength(1);
  });

  it('a full disk refusing the end of an open row: the row is finished once, never opened twice', async () => {
    const clock = fakeClock(T0);
    const db = openDatabase(':memory:');
    const fault = faultyRecorder(createAirtimeRecorder(db));
    const { journal } = journalOver(fault.recorder, clock);
    const a = entry('A', 1200, START); // ~31.3 s
    const t = setup({ clock, db, entries: [a], files: [audio('A', 1200)], options: { airtime: journal, heartbeatMs: 5000 } });
    const starts = startsOf(t.player);
    await started(t.player, clock, 2000 + 12_000);
    const open = t.rows()[0]!;
    expect(open.endedAt).toBeNull();

    fault.fail('SQLITE_FULL');
    clock.advance(25_000); // heartbeats refused, then A ends and its end is refused
    expect(t.ended).toHaveLength(1);
    expect(journal.status()).toMatchObject({ ok: false, pending: 1 });
    expect(journal.status().lastError).toMatch(/SQLITE_FULL: database or disk is full/);
    expect(journal.pendingByZone()).toEqual(new Map([['tdp-1', 1]]));
    // Only the end waits: the row is in the log already, so nothing of it is owed to a device report.
    expect(journal.owesRow('tdp-1', a.itemId, a.startMs)).toBe(false);
    expect(t.rows()).toMatchObject([{ id: open.id, endedAt: null }]);

    fault.heal();
    clock.advance(60_000);
    const rows = t.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: open.id, outcome: 'completed', startedAt: Math.round(starts[0]!), endedAt: Math.round(t.ended[0]!.endedAt) });
    expect(rows[0]!.playedMs!).toBeGreaterThan(a.durationMs - FRAME_MS);
    expect(journal.status()).toMatchObject({ ok: true, pending: 0 });
    expect(closeInterrupted(db)).toBe(0);
  });

  it('SQLITE_BUSY from another connection holding the lock: writes fail fast instead of stalling playout, then land once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loa-airtime-'));
    dirs.push(dir);
    const file = join(dir, 'loa.sqlite');
    const clock = fakeClock(T0);
    const db = openDatabase(file);
    const { journal } = journalOver(createAirtimeRecorder(db, 'Asia/Ho_Chi_Minh', { busyTimeoutMs: 20 }), clock);
    const a = entry('A', 40, START); // ~1 s each
    const b = entry('B', 40, a.endMs);
    const t = setup({ clock, db, entries: [a, b], files: [audio('A', 40), audio('B', 40)], options: { airtime: journal } });
    const lock = holdWriteLock(file);
    try {
      const wall = performance.now();
      await started(t.player, clock, 2000 + 4000);
      // Four refused attempts (A's start, retries at +1 and +3 s) waited 20 ms each, not the
      // connection's 5 s busy timeout: the stream never waited on the log.
      expect(performance.now() - wall).toBeLessThan(2000);
      expect(journal.status()).toMatchObject({ ok: false, pending: 4 });
      expect(journal.status().lastError).toMatch(/SQLITE_BUSY/);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(t.out.of('B')).toHaveLength(40);
    } finally {
      lock.release();
    }
    clock.advance(10_000);
    expect(outcomes(t.rows())).toEqual(['item-A:completed', 'item-B:completed']);
    expect(journal.status().ok).toBe(true);
    db.close();
  });

  it('a row the schema rejects holds up only itself; at shutdown it is logged with its content', async () => {
    const clock = fakeClock(T0);
    const db = openDatabase(':memory:');
    const { journal, lines } = journalOver(createAirtimeRecorder(db), clock);
    const a = entry('A', 40, START);
    // A source the airtime table's CHECK refuses (as a new value before its migration would be).
    const b = entry('B', 40, a.endMs, { source: 'bogus' as ProgrammeEntry['source'] });
    const c = entry('C', 40, b.endMs);
    const t = setup({ clock, db, entries: [a, b, c], files: [audio('A', 40), audio('B', 40), audio('C', 40)], options: { airtime: journal } });
    const starts = startsOf(t.player);
    await started(t.player, clock, 2000 + 10_000);
    expect(outcomes(t.rows())).toEqual(['item-A:completed', 'item-C:completed']);
    expect(t.rows()[1]!.startedAt).toBe(Math.round(starts[2]!)); // written a retry later, with its own start
    expect(journal.status()).toMatchObject({ ok: false, pending: 2 }); // B's start, and its end behind it
    expect(journal.status().lastError).toMatch(/SQLITE_CONSTRAINT/);

    journal.close();
    const lost = withMsg(lines, 50, /airtime row lost/) as LostLine[];
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      startWritten: false,
      rowId: null,
      airtimeRow: {
        zone: 'tdp-1', itemId: 'item-B', title: 'Tin B', source: 'bogus', window: '05:30-06:30',
        plannedStart: new Date(b.startMs).toISOString(), startedAt: new Date(starts[1]!).toISOString(),
        end: { outcome: 'completed', endedAt: new Date(Math.round(t.ended[1]!.endedAt)).toISOString() },
      },
    });
    expect(lost[0]!.airtimeRow.end!.playedMs).toBeGreaterThan(1000);
    expect(outcomes(t.rows())).toEqual(['item-A:completed', 'item-C:completed']);
  });

  it('a database read-only until shutdown: the open row and the unwritten one are both logged, nothing vanishes', async () => {
    const clock = fakeClock(T0);
    const db = openDatabase(':memory:');
    const { journal, lines } = journalOver(createAirtimeRecorder(db), clock);
    const a = entry('A', 200, START); // ~5.2 s
    const b = entry('B', 400, a.endMs);
    const t = setup({ clock, db, entries: [a, b], files: [audio('A', 200), audio('B', 400)], options: { airtime: journal } });
    const starts = startsOf(t.player);
    await started(t.player, clock, 2000 + 3000); // A's row written, A on air
    const writable = readOnly(db);
    clock.advance(5000); // A ends (refused), B starts (refused)
    await t.player.stop(); // B interrupted (refused)
    journal.close();

    const endLost = withMsg(lines, 50, /airtime row end lost/) as LostLine[];
    const rowLost = withMsg(lines, 50, /airtime row lost/) as LostLine[];
    expect(endLost).toHaveLength(1);
    expect(endLost[0]).toMatchObject({ startWritten: true, airtimeRow: { itemId: 'item-A', end: { outcome: 'completed' } } });
    expect(rowLost).toHaveLength(1);
    expect(rowLost[0]).toMatchObject({
      startWritten: false,
      airtimeRow: { itemId: 'item-B', title: 'Tin B', startedAt: new Date(starts[1]!).toISOString(), end: { outcome: 'interrupted', detail: 'player stopped' } },
    });
    // The next start closes the open row at its last heartbeat, as after a crash.
    writable();
    expect(closeInterrupted(db)).toBe(1);
    expect(outcomes(t.rows())).toEqual(['item-A:interrupted']);
    expect(endLost[0]!.rowId).toBe(t.rows()[0]!.id);
  });

  it('a player restarted inside a slot whose end is still unwritten does not air it again', async () => {
    const clock = fakeClock(T0);
    const db = openDatabase(':memory:');
    const { journal } = journalOver(createAirtimeRecorder(db), clock);
    const a = entry('A', 400, START); // ~10.4 s
    const e = entry('E', 100, START + 3000, { key: 'emergency:1', source: 'emergency', window: null });
    const files = [audio('A', 400), audio('E', 100)];
    const writable = readOnly(db);
    const first = setup({ clock, db, entries: [a], files, options: { airtime: journal } });
    await started(first.player, clock, 2000 + 3000);
    await first.player.preempt(e); // A is cut ('preempted'); it would come back after E
    clock.advance(1000);
    await first.player.stop(); // but a zone edit restarts the player (playoutService.resync) during E
    // Inside A's slot with A's audio not over: only the journal knows A is done.
    const second = setup({ clock, db, entries: [a], files, options: { airtime: journal } });
    await started(second.player, clock, 2000);
    expect(second.out.of('A')).toHaveLength(0);
    writable();
    clock.advance(60_000);
    expect(outcomes(second.rows())).toEqual(['item-A:preempted', 'item-E:interrupted']);
  });
});

describe('the playout service', () => {
  it('shows the alarm in zone health and airtimeHealth(), and stop() logs what it could not write', async () => {
    const clock = fakeClock(T0);
    const db: Db = openDatabase(':memory:');
    upsertZone(db, Zone.parse({ id: 'tdp-1', name: 'Tổ dân phố số 1', outputs: [] }), T0);
    insertItem(db, {
      id: 'tin-1', title: 'Tin: lịch tiêm chủng', kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal',
      validFrom: null, validUntil: null, note: null, status: 'approved', failureReason: null, durationMs: 5000, audioSha256: null,
      originalName: null, loudnessBefore: null, loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null,
      reviewedAt: null, reviewNote: null, approvedAt: T0, createdAt: T0, updatedAt: T0,
    });
    insertProgrammeEntries(db, [{ zoneId: 'tdp-1', startMs: START, endMs: START + 5000, itemId: 'tin-1', source: 'programme' }], null, T0);
    const { log, lines } = captureLog('info');
    const playout = createPlayout({
      db, clock, log, audioDir: join(tmpdir(), 'loa-no-such-audio-dir'), ffmpegPath: 'ffmpeg', silenceFrame: SILENCE,
      zones: () => listZones(db), tz: 'Asia/Ho_Chi_Minh',
    });
    readOnly(db);
    await playout.start();
    clock.advance(2000);
    // The item's audio is missing: once the read fails (real I/O), the player logs it 'failed'.
    // The read runs on libuv's thread pool: give it real time (a busy machine may take a while), not only turns.
    for (let i = 0; i < 1000 && playout.airtimeHealth().ok; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (i < 200) clock.advance(100);
    }
    expect(playout.health()).toMatchObject([{ zone: 'tdp-1', airtimeWritesPending: 2 }]);
    expect(playout.airtimeHealth()).toMatchObject({ ok: false, pending: 2, message: expect.stringMatching(/Nhật ký phát sóng/) as unknown });

    await playout.stop();
    const lost = withMsg(lines, 50, /airtime row lost/) as LostLine[];
    expect(lost).toHaveLength(1);
    expect(lost[0]!.airtimeRow).toMatchObject({ zone: 'tdp-1', itemId: 'tin-1', title: 'Tin: lịch tiêm chủng', source: 'programme', end: { outcome: 'failed' } });
    expect(String(lost[0]!.airtimeRow.end!.detail)).toMatch(/ENOENT/);
  });
});

/**
 * kill -9 while a plan is being saved. A station of 40 zones planned 62 days ahead (~22,000 slots)
 * takes seconds to save; `POST /api/plan` is sent to the real daemon process and the process is
 * killed while the request is in flight, at several delays. After each kill the saved programme is
 * the old one or the new one whole — one save's rows from now on, every zone and week complete — the
 * next replan passes the validator, and the airtime log of a zone playing meanwhile lost no row and
 * gained no duplicate.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, isoWeekday, localDate } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { killHard, startDaemonProcess, stopGently, type DaemonProcess } from '../support/daemonProcess.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { freePort } from '../support/ports.ts';
import { PLAN_LEAD_MS } from '../../src/scheduling/planService.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TZ = 'Asia/Ho_Chi_Minh';
const ZONES = 40;
const LIVE = 'tdp-phat-ngay';
/**
 * When to kill: at fractions of how long an uninterrupted POST /api/plan takes to commit its save
 * (planning is a few tenths of a second of it, the save the rest), and the moment the save is seen
 * committed, before the daemon has answered or reloaded its players.
 */
const KILL_AT = [0.5, 0.85, 'commit'] as const;

interface SlotRow { id: number; zone_id: string; start_ms: number; end_ms: number; item_id: string; planned_at: number }
interface AirRow { id: number; zone_id: string; item_id: string; started_at: number; ended_at: number | null; heartbeat_at: number; outcome: string | null }

/** What the database holds now: the programme from `fromMs` on, the plan.run audit count, the airtime log. */
function readState(file: string, fromMs: number) {
  const db = new Database(file);
  try {
    return {
      slots: db.prepare('SELECT id, zone_id, start_ms, end_ms, item_id, planned_at FROM plan_slots WHERE start_ms >= ? ORDER BY zone_id, start_ms').all(fromMs) as SlotRow[],
      shortfallSaves: (db.prepare('SELECT DISTINCT planned_at AS p FROM shortfalls').all() as { p: number }[]).map((r) => r.p),
      planRuns: (db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'plan.run'").get() as { n: number }).n,
      airtime: db.prepare('SELECT id, zone_id, item_id, started_at, ended_at, heartbeat_at, outcome FROM airtime ORDER BY id').all() as AirRow[],
    };
  } finally {
    db.close();
  }
}

/** Resolves as soon as a save newer than `oldSave` is committed (watched from a second connection). */
async function committed(file: string, oldSave: number, ms: number): Promise<void> {
  const db = new Database(file, { readonly: true });
  const newest = db.prepare('SELECT planned_at AS p FROM plan_slots ORDER BY id DESC LIMIT 1');
  try {
    const deadline = Date.now() + ms;
    while ((newest.get() as { p: number }).p === oldSave) {
      if (Date.now() > deadline) throw new Error('the plan save did not commit');
      await sleep(5);
    }
  } finally {
    db.close();
  }
}

/** A slot by what it airs (ids and planned_at change with every save, the programme need not). */
const content = (s: SlotRow) => `${s.zone_id}|${s.start_ms}|${s.end_ms}|${s.item_id}`;

/** The airtime log's rows of one zone never overlap: a play is logged once, a resumed one after its cut. */
function expectNoOverlap(rows: AirRow[]): void {
  const byZone = new Map<string, AirRow[]>();
  for (const r of rows) byZone.set(r.zone_id, [...(byZone.get(r.zone_id) ?? []), r]);
  for (const [zone, list] of byZone) {
    const sorted = [...list].sort((a, b) => a.started_at - b.started_at);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      expect(prev.ended_at, `${zone}: row ${prev.id} still open under row ${sorted[i]!.id}`).not.toBeNull();
      expect(sorted[i]!.started_at, `${zone}: rows ${prev.id} and ${sorted[i]!.id} overlap`).toBeGreaterThanOrEqual(prev.ended_at! - 50);
    }
  }
}

describe('kill -9 during a plan save, restart', () => {
  let dir: string, fixtures: string, base: string, dbFile: string;
  let env: NodeJS.ProcessEnv;
  let proc: DaemonProcess | null = null;

  beforeAll(async () => {
    [dir, fixtures] = await Promise.all([makeTempDir(), makeTempDir()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dbFile = join(dir, 'data', 'loa.sqlite');
    env = cleanEnv({
      LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_PORT: String(port), LOA_HOST: '127.0.0.1',
      LOA_ADMIN_PASSWORD: 'admin-pass-123', LOA_DEMO: 'false', LOA_LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await stopGently(proc);
    await Promise.all([removeDir(dir), removeDir(fixtures)]);
  });

  it('keeps the old programme or saves the new one whole, every time, and the airtime log stays exact', async () => {
    const api = apiClient(base);
    // The library first, on an empty station: eight approved 3 s items.
    proc = await startDaemonProcess(env);
    await api.login('admin', 'admin-pass-123');
    for (let i = 0; i < 8; i++) {
      await api.uploadApproved(await makeTone(fixtures, { freq: 300 + 70 * i, seconds: 3, name: `tone-${i}.wav` }), { title: `Tin ${i}` });
    }
    await stopGently(proc);

    // The station, applied with the CLI as an operator would: 60 zones with windows away from now,
    // and one zone whose window is open for the whole test, so the airtime log grows meanwhile.
    await clearOfMidnight(TZ, 6 * 60_000);
    const now = Date.now();
    const hhmmss = (ms: number) => formatInstant(ms, TZ).slice(11, 19);
    const today = localDate(now, TZ);
    const later = (Number(hhmmss(now).slice(0, 2)) + 3) % 24;
    const windows = `[{ days: [1,2,3,4,5,6,7], start: "${String(later).padStart(2, '0')}:00", end: "${String(later).padStart(2, '0')}:59", peak: true }]`;
    // An item airs once per window: back-to-back 26 s windows (eight 3 s items each) keep it on air for 6 minutes.
    const liveWindows = Array.from({ length: 14 }, (_, k) => now + 3000 + k * 26_000).map(
      (start) => `{ days: [${isoWeekday(today)}], start: "${hhmmss(start)}", end: "${hhmmss(start + 25_000)}" }`,
    );
    const yaml = [
      'policy: { horizonDays: 62, maxPlaysPerItemPerDay: 20, minRepeatGapMinutes: 0 }',
      'zones:',
      `  - { id: ${LIVE}, name: Tổ phát ngay, windows: [${liveWindows.join(', ')}] }`,
      ...Array.from({ length: ZONES }, (_, i) => `  - { id: tdp-${i + 1}, name: Tổ dân phố ${i + 1}, windows: ${windows} }`),
    ].join('\n');
    writeFileSync(join(fixtures, 'station.yaml'), yaml);
    expect((await run(process.execPath, ['bin/loa.js', 'apply', join(fixtures, 'station.yaml')], { env })).stdout).toContain(`${ZONES + 1} zone(s)`);

    // Started, it plans the whole horizon; an uninterrupted POST /api/plan gives the save's length.
    proc = await startDaemonProcess(env);
    await api.login('admin', 'admin-pass-123');
    const body = { from: today, to: today };
    const startSave = readState(dbFile, Date.now()).slots[0]!.planned_at;
    let t0 = Date.now();
    const [measured] = await Promise.all([api.call('POST', '/api/plan', body), committed(dbFile, startSave, 60_000)]);
    const saveMs = Date.now() - t0;
    expect(measured.status).toBe(200);
    expect(readState(dbFile, Date.now()).slots.length).toBeGreaterThan(ZONES * 50 * 8); // ~8 plays a zone-day, 62 days and more

    const outcomes: ('old' | 'new')[] = [];
    for (const fraction of KILL_AT) {
      // A save replaces the slots from PLAN_LEAD_MS after its request on: those are one save's.
      const before = readState(dbFile, Date.now() + PLAN_LEAD_MS);
      const oldSave = new Set(before.slots.map((s) => s.planned_at));
      expect(oldSave.size).toBe(1);
      t0 = Date.now();
      const inFlight = api.call('POST', '/api/plan', body).then(() => 'answered', () => 'cut off');
      if (fraction === 'commit') await committed(dbFile, [...oldSave][0]!, 4 * saveMs + 10_000);
      else await sleep(fraction * saveMs);
      await killHard(proc);
      const killedAt = Date.now();
      const answer = await inFlight;

      // One save's rows from then on: the old one untouched, or the new one (with its audit row) whole.
      const after = readState(dbFile, killedAt + PLAN_LEAD_MS);
      const saves = new Set(after.slots.map((s) => s.planned_at));
      expect([...saves]).toHaveLength(1);
      const [save] = saves;
      const isOld = oldSave.has(save!);
      outcomes.push(isOld ? 'old' : 'new');
      const oldFromKill = before.slots.filter((s) => s.start_ms >= killedAt + PLAN_LEAD_MS);
      if (isOld) {
        expect(answer).toBe('cut off');
        expect(after.slots.map((s) => s.id)).toEqual(oldFromKill.map((s) => s.id));
        expect(after.planRuns).toBe(before.planRuns);
      } else {
        expect(save).toBeGreaterThanOrEqual(t0);
        expect(save).toBeLessThanOrEqual(killedAt);
        expect(after.planRuns).toBe(before.planRuns + 1);
        expect(Math.min(...after.slots.map((s) => s.id))).toBeGreaterThan(Math.max(...before.slots.map((s) => s.id)));
      }
      expect(after.shortfallSaves.filter((p) => p !== save)).toEqual([]);
      // Every zone and week complete: the planned zones' programme is the same plays either way.
      const quiet = (s: SlotRow) => s.zone_id !== LIVE;
      expect(after.slots.filter(quiet).map(content)).toEqual(oldFromKill.filter(quiet).map(content));

      // The airtime log lost nothing that was written before the kill.
      for (const row of before.airtime) {
        const kept = after.airtime.find((r) => r.id === row.id);
        expect(kept, `airtime row ${row.id}`).toMatchObject({ zone_id: row.zone_id, item_id: row.item_id, started_at: row.started_at });
        if (row.ended_at !== null) expect(kept).toEqual(row);
      }

      proc = await startDaemonProcess(env);
      const restarted = readState(dbFile, Date.now());
      // The cut play is closed at its last heartbeat; nothing else changed.
      for (const row of after.airtime) {
        const closed = restarted.airtime.find((r) => r.id === row.id)!;
        expect(closed).toMatchObject(row.ended_at === null ? { outcome: 'interrupted', ended_at: row.heartbeat_at } : row);
      }
      expectNoOverlap(restarted.airtime);
    }

    // After all that the next replan passes the validator (it refuses a plan that breaks a rule).
    await api.login('admin', 'admin-pass-123');
    expect((await api.call('POST', '/api/plan', body)).status).toBe(200);
    // And the zone on air plays on: two more plays complete, logged once each.
    const completed = () => readState(dbFile, 0).airtime.filter((r) => r.outcome === 'completed').length;
    const completedBefore = completed();
    for (let i = 0; i < 300 && completed() < completedBefore + 2; i++) await sleep(100);
    const final = readState(dbFile, 0);
    expect(final.airtime.filter((r) => r.outcome === 'completed').length).toBeGreaterThanOrEqual(completedBefore + 2);
    expectNoOverlap(final.airtime);
    // The kills fell on both sides of the commit.
    expect(outcomes).toContain('old');
    expect(outcomes.at(-1)).toBe('new');
    console.info(`plan committed ${saveMs} ms after the request (${final.slots.length} slots); kills at ${KILL_AT.join(', ')} of it left: ${outcomes.join(', ')}`);
  }, 540_000); // ~50 s (up to 90 s on a busy machine), plus up to 6 minutes waiting out a midnight
});

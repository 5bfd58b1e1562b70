import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.ts';
import { closeInterrupted } from '../../src/storage/airtime.ts';
import { FRAME_MS, TICK_FRAMES } from '../../src/playout/zonePlayer.ts';
import type { SilenceAlarmEvent } from '../../src/playout/playoutEvents.ts';
import type { FrameSource } from '../../src/playout/frameSource.ts';
import { audio, entry, indexOf, setup, SILENCE, START, started } from '../support/playerHarness.ts';
/**
 * The zone player's programme and airtime log: a new plan replacing the old, preemption, a missing
 * file, and crashes and restarts that must neither replay nor count anything twice.
 */
describe('zone player', () => {
  it('a new plan replaces the remaining entries whole; the airing entry finishes', async () => {
    const a = entry('A', 200, START);
    const b = entry('B', 40, a.endMs);
    const c = entry('C', 40, b.endMs);
    const d = entry('D', 40, a.endMs);
    const t = setup({ entries: [a, b, c], files: [audio('A', 200), audio('B', 40), audio('C', 40), audio('D', 40)] });
    await started(t.player, t.clock, 4000); // A under way
    t.programme.entries = [d]; // the new plan no longer even lists A
    t.player.reload();
    t.clock.advance(10_000);
    expect(t.out.of('A')).toHaveLength(200);
    expect(t.out.of('B')).toHaveLength(0);
    expect(t.out.of('C')).toHaveLength(0);
    expect(t.out.of('D')).toHaveLength(40);
    expect(t.out.first('D')!.at - d.startMs).toBeLessThan(FRAME_MS + 1);
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:completed', 'item-D:completed']);
  });

  it('preempt() cuts the airing item (logged preempted), airs the bulletin, then the programme resumes where the clock says', async () => {
    const a = entry('A', 400, START); // ~10.4 s
    const b = entry('B', 400, a.endMs);
    const e = entry('E', 100, START + 3000, { key: 'emergency:1', source: 'emergency', window: null, emergency: { id: 'em-1', rank: 1 } });
    const t = setup({ entries: [a, b], files: [audio('A', 400), audio('B', 400), audio('E', 100)] });
    await started(t.player, t.clock, 5000); // 3 s into A
    await t.player.preempt(e);
    const cutAt = t.clock.now();
    t.clock.advance(20_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:preempted', 'item-E:completed', 'item-A:completed', 'item-B:completed']);
    expect(rows[0]!.detail).toContain('emergency em-1');
    expect(rows[0]!.playedMs).toBeGreaterThan(2900);
    expect(rows[0]!.playedMs).toBeLessThan(3100);
    // The bulletin goes out whole from its first frame on the very next frame slot.
    expect(indexOf(t.out.first('E'))).toBe(0);
    expect(t.out.first('E')!.at - cutAt).toBeLessThan(FRAME_MS);
    expect(t.out.of('E')).toHaveLength(100);
    // A comes back right after the bulletin at the frame the clock gives (its own row), then B on time.
    const lastE = t.out.of('E').at(-1)!;
    const resumedA = t.out.of('A').find((f) => f.at > lastE.at)!;
    expect(resumedA.at - lastE.at).toBeLessThanOrEqual((TICK_FRAMES + 1) * FRAME_MS); // `at` is the batch's write time
    // Its row starts at the frame slot after the bulletin, with the frame the clock gives for that slot.
    expect(rows[2]!.startedAt).toBeGreaterThan(lastE.at - TICK_FRAMES * FRAME_MS);
    expect(rows[2]!.startedAt).toBeLessThanOrEqual(resumedA.at);
    expect(Math.abs(indexOf(resumedA) - (rows[2]!.startedAt - a.startMs) / FRAME_MS)).toBeLessThanOrEqual(1);
    expect(t.out.first('B')!.at - b.startMs).toBeLessThan(FRAME_MS);
  });

  it('logs a missing audio file as failed, airs silence for its slot and raises the dead-air alarm', async () => {
    const a = entry('A', 150, START); // ~3.9 s, its file is missing
    const b = entry('B', 40, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('B', 40)] });
    const alarms: SilenceAlarmEvent[] = [];
    t.player.on('silence-alarm', (e) => alarms.push(e));
    await started(t.player, t.clock, 10_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:failed', 'item-B:completed']);
    expect(rows[0]!.detail).toMatch(/ENOENT/);
    expect(rows[0]!.playedMs).toBe(0);
    expect(t.ended[0]).toMatchObject({ outcome: 'failed' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ reason: 'failed', entry: { key: 'slot:A' } });
    // Silence through A's slot, then B on time; idle() was not called inside the window.
    const inSlot = t.out.frames.filter((f) => f.at >= START && f.at < a.endMs - 1);
    expect(inSlot.length).toBeGreaterThan(0);
    expect(inSlot.every((f) => f.frame === SILENCE.toString())).toBe(true);
    expect(t.out.first('B')!.at - b.startMs).toBeLessThan(FRAME_MS + 1);
    expect(t.out.idles.filter((at) => at >= START && at < b.endMs)).toEqual([]);
  });

  it('survives a crash: closeInterrupted ends the open row at its last heartbeat, the restart cuts in, nothing counts twice', async () => {
    const db = openDatabase(':memory:');
    const a = entry('A', 1200, START); // ~31 s
    const files = [audio('A', 1200)];
    const first = setup({ db, entries: [a], files, options: { heartbeatMs: 5000 } });
    await started(first.player, first.clock, 2000 + 12_300); // 12.3 s into A, heartbeats at 5 and 10 s
    const open = first.rows()[0]!;
    expect(open.endedAt).toBeNull();
    expect(open.heartbeatAt - open.startedAt).toBeGreaterThanOrEqual(10_000);
    expect(open.heartbeatAt - open.startedAt).toBeLessThan(10_100);
    // kill -9: the first player's clock never moves again; the daemon comes back 2 s later.
    expect(closeInterrupted(db)).toBe(1);
    const second = setup({ db, entries: [a], files, start: START + 14_300 });
    await started(second.player, second.clock, 20_000);
    const [r1, r2] = second.rows();
    expect(r1).toMatchObject({ outcome: 'interrupted', endedAt: open.heartbeatAt, playedMs: open.heartbeatAt - open.startedAt });
    expect(r2).toMatchObject({ outcome: 'completed', startedAt: START + 14_300, plannedStart: START });
    expect(r1!.endedAt!).toBeLessThanOrEqual(r2!.startedAt);
    expect(r1!.playedMs! + r2!.playedMs!).toBeLessThanOrEqual(a.durationMs);
    expect(Math.abs(indexOf(second.out.first('A')) - 14_300 / FRAME_MS)).toBeLessThanOrEqual(1);
    // A second start-up repair finds nothing left to close: final rows are never touched again.
    expect(closeInterrupted(db)).toBe(0);
    expect(() => db.prepare('UPDATE airtime SET played_ms = 1 WHERE id = ?').run(r1!.id)).toThrow(/final/);
  });

  it('does not replay or re-log an entry already completed when restarted inside its slot', async () => {
    const db = openDatabase(':memory:');
    // The slot is longer than the audio (the planner rounded up): restarting in the tail must not replay it.
    const a = { ...entry('A', 100, START), durationMs: 10_000, endMs: START + 10_000 };
    const files = [audio('A', 100)];
    const first = setup({ db, entries: [a], files });
    await started(first.player, first.clock, 2000 + 5000);
    await first.player.stop();
    const second = setup({ db, entries: [a], files, start: START + 7000 });
    await started(second.player, second.clock, 5000);
    expect(second.out.of('A')).toHaveLength(0);
    expect(second.rows().map((r) => r.outcome)).toEqual(['completed']);
  });

  it("logs a play whose audio was still loading when its time ran out as 'skipped', and one that loads too late to air any of it too", async () => {
    const a = entry('A', 80, START); // ~2.1 s: its audio never loads in time
    const b = { ...entry('B', 40, a.endMs + 1000), durationMs: 4000 }; // a 1 s file in a 4 s slot: loads 2 s in
    b.endMs = b.startMs + b.durationMs;
    const c = entry('C', 40, b.endMs + 1000);
    const never = new Promise<FrameSource>(() => {});
    let releaseB: (f: FrameSource) => void = () => {};
    const slowB = new Promise<FrameSource>((resolve) => (releaseB = resolve));
    const t = setup({
      entries: [a, b, c],
      options: { loadFrames: (path) => (path.endsWith('A.mp3') ? never : path.endsWith('B.mp3') ? slowB : audio('C', 40)) },
    });
    await started(t.player, t.clock, 2000 + a.durationMs + 500);
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:skipped']);
    const [skipped] = t.rows();
    expect(skipped).toMatchObject({ playedMs: 0, detail: expect.stringMatching(/not ready/) });
    expect(Math.abs(skipped!.startedAt - START)).toBeLessThan(FRAME_MS); // due from its first frame slot
    expect(skipped!.endedAt).toBeGreaterThanOrEqual(a.endMs);
    t.clock.advance(b.startMs + 2000 - t.clock.now());
    releaseB(audio('B', 40));
    await Promise.resolve();
    t.clock.advance(c.endMs + 1000 - t.clock.now());
    // B's audio was over by the time it loaded: none of it airs, and the log says so; C airs as planned.
    expect(t.out.of('A')).toHaveLength(0);
    expect(t.out.of('B')).toHaveLength(0);
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:skipped', 'item-B:skipped', 'item-C:completed']);
    expect(t.ended.map((e) => e.outcome)).toEqual(['skipped', 'skipped', 'completed']);
  });

  it("logs a late item 'skipped' as its slot ends even while a bulletin holds the air (a device's report of it must not come first)", async () => {
    const a = entry('A', 80, START); // ~2.1 s: its audio never loads
    const e = entry('E', 400, START + 1000, { key: 'emergency:kc-1:0', source: 'emergency', window: null, emergency: { id: 'kc-1', rank: 1 } }); // ~10.4 s
    const never = new Promise<FrameSource>(() => {});
    const t = setup({ entries: [a, e], options: { loadFrames: (path) => (path.endsWith('A.mp3') ? never : audio('E', 400)) } });
    await started(t.player, t.clock, 2000 + a.durationMs + 500);
    // The bulletin is still on air (its row open), and A's row is already there, ended where its slot ended.
    expect(t.player.nowPlaying().entry?.key).toBe(e.key);
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:skipped', 'item-E:null']);
    expect(t.rows()[0]!.endedAt! - a.endMs).toBeLessThan(2 * FRAME_MS);
    t.clock.advance(e.endMs + 1000 - t.clock.now());
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:skipped', 'item-E:completed']);
  });
});

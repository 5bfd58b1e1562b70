import { describe, expect, it } from 'vitest';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { OutputDriver } from '../../src/playout/output.ts';
import { createZonePlayer, FRAME_MS, TICK_FRAMES } from '../../src/playout/zonePlayer.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { audio, captureOutput, entry, log, setup, SILENCE, START, started, T0 } from '../support/playerHarness.ts';
/**
 * The zone player's outputs: one Buffer per tick shared by all, a throwing output, and which
 * outputs carried a play (what the airtime log credits).
 */
describe('zone player', () => {
  it('keeps playing to the other outputs when one output throws', async () => {
    const a = entry('A', 40, START);
    const t = setup({ entries: [a], files: [audio('A', 40)] });
    const broken: OutputDriver = { ...t.out.driver, name: 'broken', write: () => { throw new Error('socket gone'); }, idle: () => { throw new Error('nope'); } };
    const player = createZonePlayer({
      id: 'p2', zones: ['tdp-9'], source: { entriesBetween: () => [a] }, outputs: new Map([['tdp-9', [broken, t.out.driver]]]),
      airtime: createAirtimeRecorder(t.db), clock: t.clock, log, silenceFrame: SILENCE, loadFrames: () => audio('A', 40),
    });
    await started(player, t.clock, 5000);
    expect(t.out.of('A')).toHaveLength(40);
    expect(t.rows().map((r) => r.outcome)).toEqual(['completed']);
  });

  it('writes one Buffer per ~100 ms tick, the same Buffer to every output', async () => {
    const clock = fakeClock(T0);
    const one = captureOutput(clock, 'one');
    const two = captureOutput(clock, 'two');
    const a = entry('A', 400, START);
    const t = setup({ clock, entries: [a], files: [audio('A', 400)], outputs: new Map([['tdp-1', [one.driver, two.driver]]]) });
    await started(t.player, clock, 14_000);
    const frames = one.frames.length;
    // ~38 frames a second in ~10 writes a second (a few more where entries start and end).
    expect(frames).toBeGreaterThan(Math.floor(14_000 / FRAME_MS) - TICK_FRAMES);
    expect(one.writes.length).toBeLessThanOrEqual(Math.ceil(frames / TICK_FRAMES) + 4);
    expect(one.writes.length).toBe(two.writes.length);
    for (const [i, w] of one.writes.entries()) expect(two.writes[i]!.buf).toBe(w.buf);
    // Consecutive writes of the steady state are one tick apart.
    const gaps = one.writes.slice(1).map((w, i) => w.at - one.writes[i]!.at);
    expect(Math.max(...gaps)).toBeLessThan(TICK_FRAMES * FRAME_MS + 0.001);
  });

  it("logs a play no output carried as 'failed', naming each output and its last error", async () => {
    const clock = fakeClock(T0);
    const push = captureOutput(clock, 'icecast://127.0.0.1:8000/tdp-1');
    const refused = 'cannot reach 127.0.0.1:8000: connection refused (is icecast running?)';
    push.setHealth({ state: 'down', lastError: refused });
    const rtp = captureOutput(clock, 'rtp://239.0.0.1:5004');
    rtp.setHealth({ state: 'connecting' });
    const a = entry('A', 80, START);
    const t = setup({ clock, entries: [a], files: [audio('A', 80)], outputs: new Map([['tdp-1', [push.driver, rtp.driver]]]) });
    await started(t.player, clock, 6000);
    // The frames were offered all the same: an output retries on its own and may come back mid-item.
    expect(push.of('A')).toHaveLength(80);
    const [row] = t.rows();
    // A failed row names the outputs that should have carried it; the detail says why each did not.
    expect(row).toMatchObject({ itemId: 'item-A', outcome: 'failed', outputs: ['icecast://127.0.0.1:8000/tdp-1', 'rtp://239.0.0.1:5004'], playedMs: Math.round(80 * FRAME_MS) });
    expect(row!.detail).toBe(`no output carried it — icecast://127.0.0.1:8000/tdp-1: ${refused}; rtp://239.0.0.1:5004: was connecting`);
    expect(t.ended).toMatchObject([{ outcome: 'failed', zones: ['tdp-1'], detail: row!.detail }]);
  });

  it("one output of two up: 'completed', listing only the one that carried it", async () => {
    const clock = fakeClock(T0);
    const push = captureOutput(clock, 'icecast://127.0.0.1:8000/tdp-1');
    push.setHealth({ state: 'down', lastError: 'cannot reach 127.0.0.1:8000: connection refused (is icecast running?)' });
    const rtp = captureOutput(clock, 'rtp://239.0.0.1:5004');
    const a = entry('A', 80, START);
    const b = entry('B', 80, a.endMs);
    const files = [audio('A', 80), audio('B', 80), audio('C', 40)];
    const t = setup({ clock, entries: [a, b], files, outputs: new Map([['tdp-1', [push.driver, rtp.driver]]]) });
    await started(t.player, clock, 2000 + 40 * FRAME_MS);
    // The head-end comes back half-way through A: from then on it carries A, and all of B.
    push.setHealth({ state: 'up', lastError: null });
    clock.advance(8000);
    expect(t.rows().map((r) => [r.itemId, r.outcome, r.detail, r.outputs])).toEqual([
      ['item-A', 'completed', null, ['icecast://127.0.0.1:8000/tdp-1', 'rtp://239.0.0.1:5004']],
      ['item-B', 'completed', null, ['icecast://127.0.0.1:8000/tdp-1', 'rtp://239.0.0.1:5004']],
    ]);
    rtp.setHealth({ state: 'down', lastError: 'ffmpeg exited 1' });
    const c = entry('C', 40, clock.now() + 1000);
    t.programme.entries = [c];
    t.player.reload();
    clock.advance(5000);
    expect(t.rows().at(-1)).toMatchObject({ itemId: 'item-C', outcome: 'completed', outputs: ['icecast://127.0.0.1:8000/tdp-1'] });
  });

  it('judges each zone of a group by its own outputs; a mount carries even while idle', async () => {
    const clock = fakeClock(T0);
    const mount = captureOutput(clock, 'http:/stream/tdp-1');
    // Between programmes a mount is 'idle'; the player's silence still reaches its devices.
    mount.setHealth({ state: 'idle', listeners: 3 });
    const push = captureOutput(clock, 'icecast://127.0.0.1:8000/tdp-2');
    push.setHealth({ state: 'down', lastError: 'mount /tdp-2 is already in use by another source (icecast 403: Mountpoint in use)' });
    const a = entry('A', 80, START);
    const t = setup({
      clock, zones: ['tdp-1', 'tdp-2'], entries: [a], files: [audio('A', 80)],
      outputs: new Map([['tdp-1', [mount.driver]], ['tdp-2', [push.driver]]]),
    });
    await started(t.player, clock, 6000);
    const rows = t.rows();
    expect(rows.map((r) => [r.zoneId, r.outcome, r.outputs])).toEqual([
      ['tdp-1', 'completed', ['http:/stream/tdp-1']],
      ['tdp-2', 'failed', ['icecast://127.0.0.1:8000/tdp-2']],
    ]);
    expect(rows[1]!.detail).toMatch(/^no output carried it — icecast:\/\/127\.0\.0\.1:8000\/tdp-2: mount \/tdp-2 is already in use/);
    // One event per outcome, each naming its zones.
    expect(t.ended.map((e) => [e.zones, e.outcome])).toEqual([[['tdp-1'], 'completed'], [['tdp-2'], 'failed']]);
  });

  it('rejects outputs for a zone the player does not serve', () => {
    expect(() => setup({ entries: [], zones: ['tdp-1'], outputs: new Map([['tdp-9', []]]) })).toThrow(/zone tdp-9, which is not one of its zones/);
  });
});

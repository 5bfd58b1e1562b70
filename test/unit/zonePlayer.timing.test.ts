import { describe, expect, it } from 'vitest';
import type { FrameSource } from '../../src/playout/frameSource.ts';
import { FRAME_MS, TICK_FRAMES } from '../../src/playout/zonePlayer.ts';
import type { SilenceAlarmEvent } from '../../src/playout/playoutEvents.ts';
import type { FakeClock } from '../support/fakeClock.ts';
import { audio, BATCH_LAG_MS, entry, indexOf, setup, SILENCE, START, started, steppableClock, T0 } from '../support/playerHarness.ts';
/**
 * The zone player's timing: order and real-time pacing, send-ahead, idleness between windows,
 * cutting in late, clock jumps and steps, audio loaded ahead, and what it reports as playing.
 */
describe('zone player', () => {
  it('plays entries in order, back to back, each starting within 100 ms and paced in real time', async () => {
    const a = entry('A', 40, START);
    const b = entry('B', 30, a.endMs);
    const c = entry('C', 20, b.endMs + 2000);
    const t = setup({ entries: [c, a, b], files: [audio('A', 40), audio('B', 30), audio('C', 20)], zones: ['tdp-1', 'tdp-2'] });
    await started(t.player, t.clock, 10_000);

    const items = t.out.frames.filter((f) => f.frame !== SILENCE.toString()).map((f) => f.frame);
    expect(items).toEqual([
      ...Array.from({ length: 40 }, (_, i) => audio('A', 40).frame(i).toString()),
      ...Array.from({ length: 30 }, (_, i) => audio('B', 30).frame(i).toString()),
      ...Array.from({ length: 20 }, (_, i) => audio('C', 20).frame(i).toString()),
    ]);
    for (const e of [a, b, c]) {
      const first = t.out.first(e.key.slice(5));
      expect(first!.at).toBeGreaterThanOrEqual(e.startMs - 1);
      expect(first!.at).toBeLessThanOrEqual(e.startMs + 100);
      // A tick is planned at every entry's first frame: it goes out in its own slot, not with a later batch.
      expect(first!.at - e.startMs).toBeLessThan(FRAME_MS + 1);
      // Frame n is due at start + n × 26.122 ms (real-time pacing, no drift across the item): it goes
      // out no earlier than that, and at most the rest of its ~104 ms batch later.
      for (const [n, w] of t.out.of(e.key.slice(5)).entries()) {
        const due = first!.at + n * FRAME_MS;
        expect(w.at).toBeGreaterThan(due - 0.001);
        expect(w.at).toBeLessThan(due + BATCH_LAG_MS + 0.001);
      }
    }
    // A and B are back to back: not one silent frame between them.
    const aLast = t.out.frames.indexOf(t.out.of('A').at(-1)!);
    expect(t.out.frames[aLast + 1]!.frame).toBe(audio('B', 30).frame(0).toString());
    // One completed row per zone per item, facts copied.
    const rows = t.rows();
    expect(rows.map((r) => `${r.zoneId}:${r.itemId}:${r.outcome}`).sort()).toEqual(
      ['tdp-1:item-A:completed', 'tdp-1:item-B:completed', 'tdp-1:item-C:completed', 'tdp-2:item-A:completed', 'tdp-2:item-B:completed', 'tdp-2:item-C:completed'],
    );
    const rowA = rows.find((r) => r.itemId === 'item-A')!;
    expect(rowA).toMatchObject({ itemTitle: 'Tin A', topics: ['dai-hoi-xiv'], plannedStart: START, window: '05:30-06:30', outputs: ['capture'] });
    expect(rowA.playedMs).toBe(Math.round(40 * FRAME_MS));
    // The 2 s gap before C is inside the window: idle() only at start-up and after the last entry.
    expect(t.out.idles).toHaveLength(2);
    expect(t.out.idles[0]).toBe(T0);
    expect(t.out.idles[1]! - c.endMs).toBeLessThan(FRAME_MS + 1);
    expect(rowA.endedAt! - rowA.startedAt).toBe(Math.round(40 * FRAME_MS));
  });

  it('writes the first frame no earlier than the send-ahead before its start', async () => {
    const a = entry('A', 10, START);
    const t = setup({ entries: [a], files: [audio('A', 10)], options: { sendAheadMs: 250 } });
    await started(t.player, t.clock, 4000);
    const first = t.out.first('A')!;
    expect(first.at).toBeGreaterThanOrEqual(START - 250 - 1);
    expect(first.at).toBeLessThanOrEqual(START + 100);
    expect(t.rows()[0]!.startedAt - START).toBeLessThan(FRAME_MS + 1);
  });

  it('writes silence between windows, calls idle() once per pause, and keeps pace', async () => {
    const a = entry('A', 20, START);
    const b = entry('B', 20, START + 30_000, { window: '17:00-18:00' });
    const t = setup({ entries: [a, b], files: [audio('A', 20), audio('B', 20)] });
    const idle: number[] = [];
    t.player.on('idle', (e) => idle.push(e.at));
    await started(t.player, t.clock, 40_000);
    // Idle at start (nothing on), right after A (the next entry is another window), and after B.
    expect(t.out.idles).toHaveLength(3);
    expect(idle).toEqual(t.out.idles);
    expect(idle[0]).toBe(T0);
    expect(idle[1]! - (a.startMs + 20 * FRAME_MS)).toBeLessThan(FRAME_MS + 1);
    expect(idle[2]! - (b.startMs + 20 * FRAME_MS)).toBeLessThan(FRAME_MS + 1);
    // Silence keeps flowing at real-time pace: ~38 frames a second over the whole 40 s (less at most
    // the frames of the batch not yet due to go out).
    expect(t.out.frames.length).toBeGreaterThanOrEqual(Math.floor(40_000 / FRAME_MS) - (TICK_FRAMES - 1));
    expect(t.out.frames.length).toBeLessThanOrEqual(Math.ceil(40_000 / FRAME_MS) + 1);
  });

  it('tells outputs it is idle only after the programme\'s last frames, even when frames go out in a batch', async () => {
    const a = entry('A', 40, START);
    const t = setup({ entries: [a], files: [audio('A', 40)] });
    await started(t.player, t.clock, 2000 + 30 * FRAME_MS);
    // The event loop stalls for 600 ms (below a clock jump): the late tick catches up in one batch
    // holding A's last frames and the silence after it.
    const clock = t.clock as FakeClock;
    clock.set(clock.now() + 600);
    const batch = t.out.frames.filter((f) => f.at === clock.now());
    expect(batch.length).toBeGreaterThan(20);
    expect(batch.some((f) => f.frame === audio('A', 40).frame(39).toString())).toBe(true);
    const lastA = t.out.sequence.lastIndexOf(audio('A', 40).frame(39).toString());
    expect(t.out.sequence.indexOf('IDLE', 1)).toBeGreaterThan(lastA);
    // Caught up, not skipped: every frame of A went out once.
    expect(t.out.of('A').map(indexOf)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('cuts into the entry under way at the right frame when started late', async () => {
    const a = entry('A', 800, START); // ~20.9 s
    const b = entry('B', 40, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('A', 800), audio('B', 40)], start: START + 10_000 });
    await started(t.player, t.clock, 15_000);
    const first = t.out.first('A')!;
    expect(first.at).toBe(START + 10_000);
    expect(Math.abs(indexOf(first) - 10_000 / FRAME_MS)).toBeLessThanOrEqual(1);
    // Nothing after it shifts: B still starts on time.
    expect(t.out.first('B')!.at - b.startMs).toBeGreaterThanOrEqual(-1);
    expect(t.out.first('B')!.at - b.startMs).toBeLessThan(FRAME_MS + 1);
    const rowA = t.rows().find((r) => r.itemId === 'item-A')!;
    expect(rowA).toMatchObject({ outcome: 'completed', plannedStart: START, startedAt: START + 10_000 });
    expect(Math.abs(rowA.playedMs! - (a.durationMs - 10_000))).toBeLessThan(30);
  });

  it('re-evaluates after the clock jumps forward: cuts in at the new position, no burst', async () => {
    const a = entry('A', 1200, START); // ~31 s
    const b = entry('B', 400, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('A', 1200), audio('B', 400)] });
    await started(t.player, t.clock, 2000 + 5000);
    const before = t.out.frames.length;
    (t.clock as FakeClock).set(START + 30_000);
    const jumpWrites = t.out.frames.length - before;
    expect(jumpWrites).toBeLessThanOrEqual(2);
    const resumed = t.out.frames[before]!;
    expect(Math.abs(indexOf(resumed) - 30_000 / FRAME_MS)).toBeLessThanOrEqual(1);
    // Jump again, past the end of A and into B.
    t.clock.advance(100);
    (t.clock as FakeClock).set(b.startMs + 5000);
    t.clock.advance(20_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:interrupted', 'item-B:completed']);
    expect(rows[0]!.detail).toMatch(/clock jumped forward/);
    expect(Math.abs(indexOf(t.out.first('B')) - 5000 / FRAME_MS)).toBeLessThanOrEqual(1);
  });

  it('does not replay finished entries when the clock steps back', async () => {
    const clock = steppableClock(T0);
    const a = entry('A', 100, START);
    const b = entry('B', 400, a.endMs);
    const t = setup({ clock, entries: [a, b], files: [audio('A', 100), audio('B', 400)] });
    await started(t.player, clock, 2000 + 100 * FRAME_MS + 2000); // 2 s into B
    clock.step(-5000); // back into A's slot
    clock.advance(15_000);
    expect(t.out.of('A')).toHaveLength(100);
    const bIdx = t.out.of('B').map(indexOf);
    expect(bIdx).toEqual(Array.from({ length: 400 }, (_, i) => i)); // B neither restarted nor skipped
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:completed', 'item-B:completed']);
  });

  it('loads audio ahead; audio that is late to load is dead air, then cut in at its position', async () => {
    const a = entry('A', 40, START);
    const b = entry('B', 400, a.endMs + 5000);
    let release: (f: FrameSource) => void = () => {};
    const slow = new Promise<FrameSource>((resolve) => (release = resolve));
    const loaded: string[] = [];
    const t = setup({
      entries: [a, b],
      options: {
        prefetchMs: 2500,
        loadFrames: (path) => {
          loaded.push(path);
          return path.endsWith('A.mp3') ? Promise.resolve(audio('A', 40)) : slow;
        },
      },
    });
    const alarms: SilenceAlarmEvent[] = [];
    t.player.on('silence-alarm', (e) => alarms.push(e));
    await t.player.start();
    expect(loaded).toEqual(['/audio/A.mp3']); // B is not wanted yet
    t.clock.advance(2000 + 1000);
    expect(t.out.first('A')!.at - START).toBeLessThan(FRAME_MS + 1);
    expect(loaded).toEqual(['/audio/A.mp3']);
    t.clock.advance(3000);
    expect(loaded).toEqual(['/audio/A.mp3', '/audio/B.mp3']);
    t.clock.advance(b.startMs + 3000 - t.clock.now());
    expect(t.out.of('B')).toHaveLength(0);
    expect(alarms).toMatchObject([{ reason: 'loading', entry: { key: 'slot:B' } }]);
    release(audio('B', 400));
    await Promise.resolve();
    t.clock.advance(1000);
    const firstB = t.out.first('B')!;
    // Cut in at the frame of the slot it went out in: that slot was due at most a batch before it was written.
    expect(indexOf(firstB)).toBeGreaterThanOrEqual(Math.floor((firstB.at - BATCH_LAG_MS - b.startMs) / FRAME_MS) - 1);
    expect(indexOf(firstB)).toBeLessThanOrEqual(Math.ceil((firstB.at - b.startMs) / FRAME_MS) + 1);
    // Already late, it goes out with the next regular batch.
    expect(firstB.at - (b.startMs + 3000)).toBeLessThan(TICK_FRAMES * FRAME_MS + 1);
  });

  it('reports what is playing, where in it, and what is next', async () => {
    const a = entry('A', 400, START);
    const b = entry('B', 40, a.endMs);
    const t = setup({ entries: [a, b], files: [audio('A', 400), audio('B', 40)] });
    await started(t.player, t.clock, 2000 + 4000);
    const np = t.player.nowPlaying();
    expect(np.entry?.key).toBe('slot:A');
    expect(Math.abs(np.positionMs - 4000)).toBeLessThan(FRAME_MS + 1);
    expect(np.next?.key).toBe('slot:B');
  });
});

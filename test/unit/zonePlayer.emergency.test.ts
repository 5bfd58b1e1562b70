import { describe, expect, it } from 'vitest';
import { isAiringProblem, planAirings } from '../../src/emergency/airings.ts';
import { formatInstant } from '../../src/domain/time.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { FRAME_MS } from '../../src/playout/zonePlayer.ts';
import { audio, BATCH_LAG_MS, entry, indexOf, setup, START, started } from '../support/playerHarness.ts';

/** Bulletin `label` airing number `n` of emergency `id` (rank: later triggers rank higher). */
const bulletin = (label: string, frames: number, startMs: number, id: string, rank: number, n = 0): ProgrammeEntry =>
  entry(label, frames, startMs, { key: `emergency:${id}:${n}`, source: 'emergency', window: null, emergency: { id, rank } });

/**
 * Precedence on air (decisions §4) as the zone player applies it to the programme it reads: a bulletin
 * due in the programme takes the air at its frame, a newer bulletin outranks an older one, and what a
 * bulletin cut comes back where the clock says.
 */
describe('zone player: emergency bulletins', () => {
  it('a bulletin due in the programme cuts in at its own frame; the cut item resumes at the clock position', async () => {
    const a = entry('A', 400, START); // ~10.4 s
    const e = bulletin('E', 80, START + 4000, 'kc-1', 1);
    const t = setup({ entries: [a, e], files: [audio('A', 400), audio('E', 80)] });
    await started(t.player, t.clock, 15_000);
    const firstE = t.out.first('E')!;
    expect(indexOf(firstE)).toBe(0);
    expect(firstE.at - e.startMs).toBeLessThanOrEqual(BATCH_LAG_MS + 1);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:preempted', 'item-E:completed', 'item-A:completed']);
    expect(Math.abs(rows[1]!.startedAt - e.startMs)).toBeLessThan(FRAME_MS);
    // A comes back for the rest of its slot: the frames it plays are those the clock gives.
    expect(rows[2]!.endedAt! - a.endMs).toBeLessThan(2 * FRAME_MS);
    expect(rows[0]!.playedMs! + rows[2]!.playedMs!).toBeLessThan(a.durationMs - e.durationMs + 2 * FRAME_MS);
  });

  it('a newer bulletin outranks an older one, which does not resume mid-way but airs its next repeat', async () => {
    const a = entry('A', 1200, START); // ~31 s
    const old0 = bulletin('O', 200, START + 2000, 'kc-old', 1, 0);
    const newer = bulletin('N', 80, START + 4000, 'kc-new', 2);
    const old1 = bulletin('O', 200, START + 20_000, 'kc-old', 1, 1);
    const t = setup({ entries: [a, old0, newer, old1], files: [audio('A', 1200), audio('O', 200), audio('N', 80)] });
    await started(t.player, t.clock, 40_000);
    expect(t.rows().map((r) => `${r.itemId}:${r.outcome}`)).toEqual([
      'item-A:preempted', 'item-O:preempted', 'item-N:completed', 'item-A:preempted', 'item-O:completed', 'item-A:completed',
    ]);
    // The older bulletin's next airing starts from its first frame.
    const second = t.out.of('O').filter((f) => f.at >= old1.startMs);
    expect(indexOf(second[0])).toBe(0);
    expect(second).toHaveLength(200);
  });

  it('a programme entry never cuts a bulletin: it waits, then joins at the clock position', async () => {
    const e = bulletin('E', 200, START, 'kc-1', 1);
    const b = entry('B', 400, START + 2000);
    const t = setup({ entries: [e, b], files: [audio('E', 200), audio('B', 400)] });
    await started(t.player, t.clock, 15_000);
    expect(t.out.of('E')).toHaveLength(200);
    const firstB = t.out.first('B')!;
    expect(firstB.at).toBeGreaterThan(t.out.of('E').at(-1)!.at - 1);
    expect(indexOf(firstB)).toBeGreaterThan(100); // B's slot had run ~3.2 s when E ended
  });

  it('withdraw() ends a cancelled bulletin at once and the programme comes back', async () => {
    const a = entry('A', 600, START);
    const e = bulletin('E', 300, START + 2000, 'kc-1', 1);
    const t = setup({ entries: [a, e], files: [audio('A', 600), audio('E', 300)] });
    await started(t.player, t.clock, 5000);
    t.programme.entries = [a];
    t.player.reload();
    const cancelAt = t.clock.now();
    t.player.withdraw((x) => x.emergency?.id === 'kc-1', 'cancelled by kiem-duyet');
    t.clock.advance(20_000);
    const rows = t.rows();
    expect(rows.map((r) => `${r.itemId}:${r.outcome}`)).toEqual(['item-A:preempted', 'item-E:interrupted', 'item-A:completed']);
    expect(rows[1]!.detail).toBe('cancelled by kiem-duyet');
    expect(t.out.of('E').at(-1)!.at).toBeLessThanOrEqual(cancelAt);
    expect(rows[2]!.startedAt - cancelAt).toBeLessThan(2 * FRAME_MS);
  });

  it('repeats every 2 hours on the hour until expiry, on a fast clock', async () => {
    const now = Date.parse('2026-10-05T10:20:00+07:00');
    const airings = planAirings(now, 80 * FRAME_MS, { everyMinutes: 120, onTheHour: true, until: '2026-10-05T15:30:00+07:00' }, 'Asia/Ho_Chi_Minh');
    if (isAiringProblem(airings)) throw new Error(airings.code);
    const entries = airings.map((x, n) => bulletin('E', 80, x.startMs, 'kc-1', 1, n));
    const t = setup({ start: now - 1000, entries, files: [audio('E', 80)] });
    await started(t.player, t.clock, 6 * 3_600_000);
    const rows = t.rows();
    expect(rows.map((r) => formatInstant(r.startedAt, 'Asia/Ho_Chi_Minh').slice(11, 16))).toEqual(['10:20', '11:00', '13:00', '15:00']);
    expect(rows.every((r) => r.outcome === 'completed' && r.source === 'emergency')).toBe(true);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.ts';
import type { OutputDriver, Receiver } from '../../src/playout/output.ts';
import { FRAME_MS } from '../../src/playout/zonePlayer.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { audio, captureOutput, entry, setup, SILENCE, START, started, T0 } from '../support/playerHarness.ts';

/**
 * Who heard a play (decisions §2): the receivers an output fed when the play's first frame went out
 * that took at least 90% of it. Receivers here are fakes fed by a capture output, each leaving after
 * a given share of a play's bytes, or joining late.
 */

/** A receiver that takes every write until it leaves: after `leaveAfter` bytes of the watched play, or never. */
class FakeReceiver implements Receiver {
  got = 0;
  connected = true;
  constructor(readonly leaveAfter = Infinity) {}
  delivered(): number {
    return this.got;
  }
}

/** A capture output whose receivers are the fakes the test adds (connected ones only, as a mount lists them). */
function outputWithReceivers(clock: Clock, name: string) {
  const cap = captureOutput(clock, name);
  const receivers: FakeReceiver[] = [];
  const driver: OutputDriver = {
    ...cap.driver,
    write(buf) {
      cap.driver.write(buf);
      for (const r of receivers) {
        if (!r.connected) continue;
        r.got += buf.length;
        if (r.got >= r.leaveAfter) r.connected = false;
      }
    },
    receivers: () => receivers.filter((r) => r.connected),
  };
  return { ...cap, driver, add: (r: FakeReceiver) => (receivers.push(r), r) };
}

/** Bytes of `frames` synthetic frames (8 bytes each, see playerHarness). */
const bytes = (frames: number) => frames * 8;

describe('zone player: receivers', () => {
  it('counts receivers present at the first frame that took ≥ 90% of it; a late joiner or an early leaver does not count', async () => {
    const clock = fakeClock(T0);
    const out = outputWithReceivers(clock, 'http:/stream/tdp-1');
    const frames = 1000; // ~26 s
    // Connected from before the play; each later counter starts from what it had taken by the first frame,
    // so the silence before the play (~2 s) is no part of its share.
    const before = bytes(Math.ceil(2000 / FRAME_MS));
    const whole = out.add(new FakeReceiver());
    const half = out.add(new FakeReceiver(before + bytes(frames * 0.5)));
    const most = out.add(new FakeReceiver(before + bytes(frames * 0.92)));
    const short = out.add(new FakeReceiver(before + bytes(frames * 0.85)));
    const a = entry('A', frames, START);
    const t = setup({ clock, entries: [a], files: [audio('A', frames)], outputs: new Map([['tdp-1', [out.driver]]]) });
    await started(t.player, clock, 3000); // 1 s into A
    const late = out.add(new FakeReceiver()); // it then takes ~96% of A, but missed its start
    clock.advance(30_000);
    expect(whole.connected && late.connected && !half.connected && !most.connected && !short.connected).toBe(true);
    const [row] = t.rows();
    expect(row).toMatchObject({ outcome: 'completed', receivers: 2, carriers: [{ output: 'http:/stream/tdp-1', kind: 'http', receivers: 2 }] });
  });

  it('a play that went out to nobody keeps its outcome and says 0 receivers; so does one that could not air', async () => {
    const clock = fakeClock(T0);
    const nobody = outputWithReceivers(clock, 'http:/stream/tdp-1');
    const push = outputWithReceivers(clock, 'icecast://127.0.0.1:8000/tdp-2');
    push.add(new FakeReceiver());
    const a = entry('A', 80, START);
    const b = entry('B', 40, a.endMs); // its file is missing
    const t = setup({
      clock, zones: ['tdp-1', 'tdp-2'], entries: [a, b], files: [audio('A', 80)],
      outputs: new Map([['tdp-1', [nobody.driver]], ['tdp-2', [push.driver]]]),
    });
    await started(t.player, clock, 8000);
    expect(t.rows().map((r) => [r.zoneId, r.itemId, r.outcome, r.receivers, r.carriers])).toEqual([
      ['tdp-1', 'item-A', 'completed', 0, []],
      ['tdp-2', 'item-A', 'completed', 1, [{ output: 'icecast://127.0.0.1:8000/tdp-2', kind: 'icecast', receivers: 1 }]],
      ['tdp-1', 'item-B', 'failed', 0, []],
      ['tdp-2', 'item-B', 'failed', 0, []],
    ]);
  });

  it('judges a cut play by what of it went out: a receiver that took all of that heard it', async () => {
    const clock = fakeClock(T0);
    const out = outputWithReceivers(clock, 'rtp://239.0.0.1:5004');
    out.add(new FakeReceiver());
    const a = entry('A', 400, START);
    const e = entry('E', 40, START + 3000, { key: 'emergency:1', source: 'emergency', window: null, emergency: { id: 'em-1', rank: 1 } });
    const t = setup({ clock, entries: [a], files: [audio('A', 400), audio('E', 40)], outputs: new Map([['tdp-1', [out.driver]]]) });
    await started(t.player, clock, 5000);
    await t.player.preempt(e);
    clock.advance(5000);
    // A comes back after the bulletin (its own row); the cut row counts what of A went out before it.
    expect(t.rows().map((r) => [r.itemId, r.outcome, r.receivers]).slice(0, 3)).toEqual([['item-A', 'preempted', 1], ['item-E', 'completed', 1], ['item-A', null, null]]);
  });

  it("writes a play's frames in batches of their own, never mixed with the silence before or after", async () => {
    const clock = fakeClock(T0 + 37); // off the frame grid, so the first airing frame falls mid-batch
    const out = outputWithReceivers(clock, 'http:/stream/tdp-1');
    const a = entry('A', 100, START);
    const t = setup({ clock, entries: [a], files: [audio('A', 100)], outputs: new Map([['tdp-1', [out.driver]]]) });
    await started(t.player, clock, 8000);
    const kinds = out.writes.map(({ buf }) => {
      const labels = new Set<string>();
      for (let o = 0; o < buf.length; o += 8) labels.add(buf.subarray(o, o + 8).equals(SILENCE) ? 'silence' : 'A');
      return [...labels].join('+');
    });
    expect(kinds).toContain('A');
    expect(kinds.filter((k) => k.includes('+'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { absSummary, itemStarts, playTimes, startErrors } from '../../bench/relayChainMeasure.ts';
import { FRAME_MS } from '../../src/playout/airing.ts';

const items = [{ name: 'A', frames: new Set(['a1', 'a2']) }, { name: 'B', frames: new Set(['b1', 'b2']) }];
const frames = (hexes: string[], at: (i: number) => number) => hexes.map((hex, i) => ({ hex, at: at(i) }));

describe('relay-chain measurement', () => {
  it('finds where each item begins, skipping frames no item owns', () => {
    const got = frames(['s', 'a1', 'a2', 's', 'a1', 'b1', 'b2', 'a2'], (i) => i);
    expect(itemStarts(got, items)).toEqual([{ name: 'A', index: 1 }, { name: 'B', index: 5 }, { name: 'A', index: 7 }]);
  });

  it('plays frames one after another from the first, waiting for late ones', () => {
    // A burst of three frames at once, then one that arrives late.
    const got = frames(['s', 's', 's', 's'], (i) => (i < 3 ? 1000 : 2000));
    expect(playTimes(got)).toEqual([1000, 1000 + FRAME_MS, 1000 + 2 * FRAME_MS, 2000]);
  });

  it('a burst of past audio makes the played start late by its length, while the arrival is on time', () => {
    // Ten frames of the past arrive at once at 0; item A's first frame arrives with them at its planned start 0.
    const got = frames([...Array(10).fill('s'), 'a1', 'a2'], () => 0);
    const e = startErrors(got, items, [0]);
    expect(e.arrival).toEqual([0]);
    expect(e.played[0]).toBeCloseTo(10 * FRAME_MS, 6);
  });

  it('summarises absolute errors', () => {
    expect(absSummary([-30, 10, 20, -40])).toEqual({ median: 20, p95: 40, max: 40 });
  });
});

import { describe, expect, it } from 'vitest';
import type { RelayAiring, RelaySource } from '../../src/domain/relay.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { FRAME_MS } from '../../src/playout/zonePlayer.ts';
import { createRelayFeeds } from '../../src/relay/relayFeeds.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { audio, entry, log, setup, SILENCE, START, T0 } from '../support/playerHarness.ts';
import { fakeSource } from './relayFakeSource.ts';

const SOURCE: RelaySource = { id: 'vov1', name: 'VOV1', url: 'http://vov.example/vov1.mp3', kind: 'http', silenceLimitMs: 10_000 };

/** The relay's programme entry as planSource emits it (src/domain/relay.ts, ProgrammeEntry.relay). */
function relayEntry(startMs: number, frames: number, fallback: string | null = '/audio/F.mp3'): ProgrammeEntry {
  const airing: RelayAiring = { relayId: 'thoi-su', source: SOURCE, fallbackAudioPath: fallback };
  return entry('R', frames, startMs, {
    key: `relay:thoi-su:${startMs}`, itemId: 'relay:vov1', source: 'relay', audioPath: '', relay: airing,
    item: { title: 'VOV1', kind: 'tiep-am', topics: [], ceremonial: false, unit: null, priority: 'normal' },
  });
}

/** A player (harness) airing A, the relay, then B back to back; the relay's source on the fake clock. */
function station(relayFrames = 1000, bulletin?: ProgrammeEntry) {
  const clock = fakeClock(T0);
  const src = fakeSource(clock);
  const a = entry('A', 200, START);
  const r = relayEntry(a.endMs, relayFrames);
  const b = entry('B', 200, r.endMs);
  const files = [audio('A', 200), audio('B', 200), audio('F', 40), ...(bulletin ? [audio('E', 100)] : [])];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const feeds = createRelayFeeds({ clock, log, silenceFrame: SILENCE, loadFrames: (p) => byPath.get(p)!, ffmpegPath: 'ffmpeg', startPull: src.start });
  const t = setup({ clock, entries: [a, r, b, ...(bulletin ? [bulletin] : [])], files, options: { openRelay: (e) => feeds.open(e) } });
  return { ...t, src, a, r, b, feeds };
}

/** Labels of what the output got, runs collapsed: "A×200 S×1000 B×200". */
function runs(frames: { frame: string }[]): string {
  const out: [string, number][] = [];
  for (const { frame } of frames) {
    const k = frame[0]!;
    if (out.at(-1)?.[0] === k) out.at(-1)![1]++;
    else out.push([k, 1]);
  }
  return out.map(([k, n]) => `${k}×${n}`).join(' ');
}

/** The runs from the programme's first frame to its last (the silence around it left out). */
const programme = (frames: { frame: string }[]) => runs(frames).replace(/^-×\d+ /, '').replace(/ -×\d+$/, '');

describe('zone player: relays', () => {
  it('airs the item before, the relay from its source, and the item after, with no frame of silence at the joins', async () => {
    const t = station();
    await t.player.start();
    t.clock.advance(t.b.endMs - T0 + 1000);
    expect(programme(t.out.frames)).toBe('A×200 S×1000 B×200');
    // The relay's frames are its source's, consecutive, and its first went out at its planned start.
    const relayed = t.out.of('S');
    expect(Math.abs(relayed[0]!.at - t.r.startMs)).toBeLessThan(6 * FRAME_MS + 1);
    const rows = t.rows();
    expect(rows.map((r) => [r.itemId, r.outcome, r.source])).toEqual([
      ['item-A', 'completed', 'plan'], ['relay:vov1', 'completed', 'relay'], ['item-B', 'completed', 'plan'],
    ]);
    expect(rows[1]).toMatchObject({ itemKind: 'tiep-am', itemTitle: 'VOV1' });
    expect(Math.abs(rows[1]!.playedMs! - 1000 * FRAME_MS)).toBeLessThan(2);
    expect(rows[1]!.detail).toBe('relay: relayed 0:26 of 0:26; source 0:00–0:26');
    expect(t.src.pulls).toHaveLength(1);
  });

  it('a source that ends midway: the fallback stands in to the relay end; the row is interrupted with the relayed time and the reason', async () => {
    const t = station(1500);
    await t.player.start();
    t.clock.advance(t.r.startMs - T0 + 10_000);
    t.src.refuse(true);
    t.src.end();
    t.clock.advance(t.b.endMs - t.clock.now() + 1000);
    const aired = programme(t.out.frames);
    expect(aired).toMatch(/^A×200 S×4\d\d F×1\d{3} B×200$/);
    const row = t.rows()[1]!;
    expect(row.outcome).toBe('interrupted');
    expect(row.playedMs!).toBeGreaterThan(10_000);
    expect(row.playedMs!).toBeLessThan(11_600);
    expect(row.detail).toMatch(/^relay: relayed 0:1\d of 0:39; source 0:00–0:1\d stopped: ended \(the source closed its stream\); fallback 0:1\d–0:39 no source: ended .*; \d retries$/);
  });

  it('a bulletin cuts the relay like any item; the relay comes back at the live edge, not where it was cut', async () => {
    const cutAt = START + 200 * FRAME_MS + 8000;
    const e = entry('E', 100, cutAt, { key: 'emergency:kc-1:0', source: 'emergency', window: null, emergency: { id: 'kc-1', rank: 1 } });
    const t = station(1500, e);
    await t.player.start();
    t.clock.advance(t.b.endMs - T0 + 1000);
    const aired = programme(t.out.frames);
    expect(aired).toMatch(/^A×200 S×3\d\d E×100 S×1\d{3} B×200$/);
    // Back at the live edge: the source frame after the bulletin is ~100 frames on from the last before it.
    const s = t.out.of('S').map((f) => Number(f.frame.slice(1)));
    const jump = s.findIndex((n, i) => i > 0 && n !== s[i - 1]! + 1);
    expect(s[jump]! - s[jump - 1]!).toBeGreaterThan(95);
    expect(s[jump]! - s[jump - 1]!).toBeLessThan(106);
    const rows = t.rows();
    expect(rows.map((r) => [r.itemId, r.outcome])).toEqual([
      ['item-A', 'completed'], ['relay:vov1', 'preempted'], ['item-E', 'completed'], ['relay:vov1', 'completed'], ['item-B', 'completed'],
    ]);
    expect(rows[1]!.detail).toMatch(/^preempted by emergency kc-1: Tin E; relay: relayed 0:0\d of 0:0\d; source 0:00–0:0\d$/);
    expect(rows[3]!.detail).toMatch(/^relay: relayed 0:2\d of 0:2\d; source 0:1\d–0:39$/);
    expect(t.src.pulls).toHaveLength(1);
  });

  it('a player built without relays logs the relay as failed and airs the rest of its programme', async () => {
    const clock = fakeClock(T0);
    const a = entry('A', 100, START);
    const r = relayEntry(a.endMs, 200);
    const b = entry('B', 100, r.endMs);
    const t = setup({ clock, entries: [a, r, b], files: [audio('A', 100), audio('B', 100)] });
    await t.player.start();
    t.clock.advance(b.endMs - T0 + 1000);
    const rows = t.rows();
    expect(rows.map((x) => [x.itemId, x.outcome])).toEqual([['item-A', 'completed'], ['relay:vov1', 'failed'], ['item-B', 'completed']]);
    expect(rows[1]!.detail).toMatch(/cannot pull relay sources/);
  });
});

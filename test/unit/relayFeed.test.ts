import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { RelayAiring, RelaySource } from '../../src/domain/relay.ts';
import { FRAME_MS } from '../../src/playout/airing.ts';
import type { Airing } from '../../src/playout/airing.ts';
import { Reception } from '../../src/playout/reception.ts';
import { createRelayFeed, type RelayFeed, type RelayFeedOptions } from '../../src/relay/relayFeed.ts';
import { createRelayFeeds } from '../../src/relay/relayFeeds.ts';
import { describeRelay, relayStopOf } from '../../src/relay/relayDetail.ts';
import { endOfAiring } from '../../src/relay/relayRecord.ts';
import { classifyExit } from '../../src/relay/sourceStop.ts';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { fakeSource } from './relayFakeSource.ts';
import { audio, entry } from '../support/playerHarness.ts';

const log = pino({ level: 'silent' });
const SILENCE = Buffer.from('--------');
const T0 = Date.parse('2026-05-18T05:59:50+07:00');
const START = Date.parse('2026-05-18T06:00:00+07:00');
const SOURCE: RelaySource = { id: 'vov1', name: 'VOV1', url: 'http://vov.example/vov1.mp3', kind: 'http', silenceLimitMs: 10_000 };
const AIRING: RelayAiring = { relayId: 'thoi-su', source: SOURCE, fallbackAudioPath: '/audio/F.mp3' };

function feedOf(clock: FakeClock, src: ReturnType<typeof fakeSource>, extra: Partial<RelayFeedOptions> = {}): RelayFeed {
  return createRelayFeed({
    key: `relay:thoi-su:${START}`, startMs: START, durationMs: 60_000, airing: AIRING, clock, log, silenceFrame: SILENCE,
    startPull: src.start, loadFrames: () => audio('F', 50), random: () => 0.5, ...extra,
  });
}

/** Reads slots [from, to) as a player would, each at its due time; returns their labels ("S…", "F…", "--------"). */
function air(clock: FakeClock, feed: RelayFeed, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const due = START + i * FRAME_MS;
    if (due > clock.now()) clock.advance(due - clock.now());
    out.push(feed.frames.frame(i).toString());
  }
  return out;
}

const kindOf = (f: string) => (f.startsWith('S') ? 'S' : f.startsWith('F') ? 'F' : '-');
/** Runs of frame kinds: "S×100 F×50 S×20". */
const runs = (frames: string[]) => {
  const r: [string, number][] = [];
  for (const f of frames) {
    const k = kindOf(f);
    if (r.at(-1)?.[0] === k) r.at(-1)![1]++;
    else r.push([k, 1]);
  }
  return r;
};

describe('relay feed: pacing, fallback and retries on an injected clock', () => {
  it('pulls ahead of the start, airs the source from the first frame, and has exactly the relay length', async () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const feed = feedOf(clock, src);
    expect(feed.frames.frameCount).toBe(Math.ceil(60_000 / FRAME_MS));
    clock.advance(START - 5000 - T0 - 1);
    expect(src.pulls).toHaveLength(0);
    clock.advance(1);
    expect(src.pulls).toHaveLength(1); // pre-roll: 5 s before the start
    const frames = air(clock, feed, 0, feed.frames.frameCount);
    expect(runs(frames)).toEqual([['S', feed.frames.frameCount]]);
    // Consecutive source frames, none skipped or repeated once under way.
    const n = frames.map((f) => Number(f.slice(1)));
    expect(n.every((x, i) => i === 0 || x === n[i - 1]! + 1)).toBe(true);
    expect(() => feed.frames.frame(feed.frames.frameCount)).toThrow(RangeError);
    clock.advance(1000);
    expect(src.pulls[0]!.stopped).toBe(true); // the pull ends with the relay
    expect(feed.outcome()).toMatchObject({ ended: true, retries: 0, segments: [{ kind: 'source', from: 0, to: feed.frames.frameCount, why: null }] });
  });

  it('keeps the relay near the live edge: a burst of buffered audio on connect is dropped, not aired late', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock, { burst: 200 }); // ~5 s of past audio at once
    const feed = feedOf(clock, src);
    const frames = air(clock, feed, 0, 400);
    // At slot i the frame aired is ~1 s (38 frames) older than what the source has sent by then.
    const sentBy = (i: number) => 200 + (5000 + i * FRAME_MS - 200) / FRAME_MS;
    for (const i of [0, 100, 399]) expect(sentBy(i) - Number(frames[i]!.slice(1))).toBeLessThan(1000 / FRAME_MS + 5);
    expect(feed.outcome().droppedFrames).toBeGreaterThan(150);
  });

  it('a source running fast is kept near the live edge; bursty delivery that is on time is aired whole, without gaps', () => {
    const clock = fakeClock(T0);
    const fast = fakeSource(clock, { rate: 1.02 }); // its clock runs 2 % fast: 1.2 s more per minute
    const feed = feedOf(clock, fast);
    const frames = air(clock, feed, 0, feed.frames.frameCount);
    // Frames sent by the end (from the pull at −5 s) less the last one aired: the lag stays within the
    // target (1 s) + slack (0.2 s) + two windows' drift (0.4 s), a minute on (2.2 s without the trims).
    const sent = ((clock.now() - (START - 5000)) / FRAME_MS) * 1.02;
    expect(sent - Number(frames.at(-1)!.slice(1))).toBeLessThan(1700 / FRAME_MS);
    expect(feed.outcome().droppedFrames).toBeGreaterThan(191 - 38 + 1); // the pre-roll's excess, and more
    expect(runs(frames)).toEqual([['S', feed.frames.frameCount]]);

    const clock2 = fakeClock(T0);
    const bursty = fakeSource(clock2, { chunkMs: 400 });
    const feed2 = feedOf(clock2, bursty, { latencyMs: 800 });
    const frames2 = air(clock2, feed2, 0, feed2.frames.frameCount);
    expect(runs(frames2)).toEqual([['S', feed2.frames.frameCount]]);
    const n = frames2.map((f) => Number(f.slice(1)));
    expect(n.every((x, i) => i === 0 || x === n[i - 1]! + 1)).toBe(true); // nothing dropped once on air
  });

  it('a source that ends midway: its last frames air, then the fallback from its top, looped; retried with backoff, it comes back', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const feed = feedOf(clock, src);
    const first = air(clock, feed, 0, 400);
    src.end();
    src.refuse(true); // the first retry is refused, the second connects
    clock.advance(1);
    const during = air(clock, feed, 400, 460); // ~1.6 s: the first retry (after 1 s) is refused
    src.refuse(false);
    during.push(...air(clock, feed, 460, 700));
    const after = air(clock, feed, 700, feed.frames.frameCount);
    const all = [...first, ...during, ...after];
    const r = runs(all);
    expect(r.map(([k]) => k)).toEqual(['S', 'F', 'S']);
    // Fallback: from its first frame, looped over its 50 frames.
    const fb = all.filter((f) => f.startsWith('F'));
    expect(fb.slice(0, 52)).toEqual([...Array.from({ length: 50 }, (_, i) => `F${String(i).padStart(7, '0')}`), 'F0000000', 'F0000001']);
    // Retries: refused after ~1 s, then connected after ~2 s more (backoff doubling, no jitter at 0.5).
    const endedAt = START + 399 * FRAME_MS + 1; // the clock when the test ended the stream
    expect(src.pulls).toHaveLength(3);
    expect(Math.abs(src.pulls[1]!.at - endedAt - 1000)).toBeLessThan(2);
    expect(Math.abs(src.pulls[2]!.at - src.pulls[1]!.at - 2000)).toBeLessThan(10); // refused 5 ms after the try
    const o = feed.outcome();
    expect(o.retries).toBe(2);
    expect(o.segments.map((s) => [s.kind, s.why?.reason ?? null])).toEqual([['source', 'ended'], ['fallback', 'ended'], ['source', null]]);
    const fallbackFrames = r[1]![1];
    // The stream ended at slot 400; its queued ~1 s aired; it is back ~3.45 s after the end (retries
    // at +1 s and +3 s, 200 ms to connect, 250 ms queued before it takes the air).
    expect(fallbackFrames * FRAME_MS).toBeGreaterThan(2200);
    expect(fallbackFrames * FRAME_MS).toBeLessThan(2700);
  });

  it('a silent source: the fallback airs once the silence limit is reported, the source again when sound returns', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const feed = feedOf(clock, src);
    const first = air(clock, feed, 0, 300);
    src.pulls[0]!.handlers.silent(); // ffmpeg's silencedetect: silent for the limit
    const during = air(clock, feed, 300, 500);
    src.pulls[0]!.handlers.sound();
    const after = air(clock, feed, 500, 800);
    expect(runs(first)).toEqual([['S', 300]]);
    expect(kindOf(during[0]!)).toBe('F'); // at once: the queued silent frames are dropped
    expect(runs(during)).toEqual([['F', 200]]);
    expect(runs(after).map(([k]) => k)).toEqual(['S']);
    expect(src.pulls).toHaveLength(1); // the same connection carried on
    expect(feed.outcome().segments.map((s) => [s.kind, s.why?.reason ?? null])).toEqual([['source', 'silent'], ['fallback', 'silent'], ['source', null]]);
  });

  it('an unreachable source: the fallback from the first frame, retried with growing delays', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock, { refuse: true });
    const feed = feedOf(clock, src);
    const frames = air(clock, feed, 0, feed.frames.frameCount);
    expect(runs(frames)).toEqual([['F', feed.frames.frameCount]]);
    const gaps = src.pulls.slice(1).map((p, i) => Math.round((p.at - src.pulls[i]!.at) / 1000));
    expect(gaps.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
    const sum = feed.summarize(0, feed.frames.frameCount);
    expect(sum).toMatchObject({ source: 0, fallback: feed.frames.frameCount });
    expect(describeRelay(sum)).toMatch(/^relay: relayed 0:00 of 1:00; fallback 0:00–1:00 no source: unreachable \(.*Connection refused\); \d+ retries$/);
  });

  it('a source that stalls (connected, no audio): the watchdog gives up after the limit and the fallback airs', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const feed = feedOf(clock, src, { airing: { ...AIRING, source: { ...SOURCE, silenceLimitMs: 3000 } } });
    air(clock, feed, 0, 200);
    src.mute(true);
    const frames = air(clock, feed, 200, 400);
    const r = runs(frames);
    // Queued frames, then silence (the source lags) until the 3 s limit, then the fallback.
    expect(r.map(([k]) => k)).toEqual(['S', '-', 'F']);
    const waited = (r[0]![1] + r[1]![1]) * FRAME_MS;
    expect(waited).toBeGreaterThan(2900);
    expect(waited).toBeLessThan(3800);
    expect(src.pulls[0]!.stopped).toBe(true);
    expect(feed.outcome().segments[0]!.why).toMatchObject({ reason: 'stalled' });
  });

  it('a relay that left the programme stops pulling unless a player still airs it', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    let planned = true;
    const feed = feedOf(clock, src, { stillPlanned: () => planned });
    clock.advance(START - T0 - 1000); // pulling ahead of the start
    planned = false; // re-planned without it
    air(clock, feed, 0, 1200); // a player airing it (the airing entry finishes whatever the plan says)
    expect(src.pulls[0]!.stopped).toBe(false);
    clock.advance(40_000); // nobody reads it any more: the next check stops the pull
    expect(src.pulls[0]!.stopped).toBe(true);
    expect(feed.outcome().ended).toBe(true);

    const clock2 = fakeClock(T0);
    const src2 = fakeSource(clock2);
    const unplanned = feedOf(clock2, src2, { stillPlanned: () => false });
    clock2.advance(START - T0 - 4000);
    expect(src2.pulls).toHaveLength(1); // asked at the pre-roll: …
    expect(src2.pulls[0]!.stopped).toBe(true); // … gone from the programme, nobody airs it: stopped at once
    expect(unplanned.outcome().ended).toBe(true);
  });

  it('no fallback item: silence stands in', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock, { refuse: true });
    const feed = feedOf(clock, src, { airing: { ...AIRING, fallbackAudioPath: null } });
    expect(runs(air(clock, feed, 0, 100))).toEqual([['-', 100]]);
    // Refused at the pre-roll already: the relay's first frame has the reason.
    expect(feed.outcome().segments).toMatchObject([{ kind: 'silence', from: 0, why: { reason: 'unreachable' } }]);
  });
});

describe('relay feeds: one per airing', () => {
  it('every player of the same relay entry shares one feed and one pull, and reads the same frames', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const feeds = createRelayFeeds({ clock, log, silenceFrame: SILENCE, loadFrames: () => audio('F', 50), ffmpegPath: 'ffmpeg', startPull: src.start });
    const e = entry('R', 2000, START, { key: `relay:thoi-su:${START}`, source: 'relay', audioPath: '', relay: AIRING });
    const a = feeds.open(e);
    const b = feeds.open({ ...e });
    expect(b).toBe(a);
    clock.advance(START - T0 + 1000);
    expect(src.pulls).toHaveLength(1);
    expect(a.frame(10).equals(b.frame(10))).toBe(true);
    expect(feeds.active()).toHaveLength(1);
    feeds.stop();
    expect(src.pulls[0]!.stopped).toBe(true);
  });
});

describe('relay airtime record', () => {
  const airingOver = (feed: RelayFeed, from: number, to: number): Airing => ({
    entry: entry('R', 10, START), frames: feed.frames, next: to, written: to - from, zeroAt: START, rows: [], reception: new Reception(), lastBeat: START,
  });

  it('completed only when the source aired the whole row; interrupted when the fallback stood in for part; failed when for all', () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const feed = feedOf(clock, src);
    air(clock, feed, 0, 400);
    src.end();
    src.refuse(true);
    air(clock, feed, 400, 800);

    const whole = endOfAiring(airingOver(feed, 0, 300), 'completed', null);
    expect(whole.outcome).toBe('completed');
    expect(whole.airing.written).toBe(300);
    expect(whole.detail).toBe('relay: relayed 0:08 of 0:08; source 0:00–0:08 stopped: ended (the source closed its stream)');

    const part = endOfAiring(airingOver(feed, 0, 800), 'completed', null);
    expect(part.outcome).toBe('interrupted');
    // Its last queued frames (~1 s behind the live edge, less what is still on its way) aired after it ended.
    expect(part.airing.written).toBeGreaterThanOrEqual(400 + 1000 / FRAME_MS - 6);
    expect(part.airing.written).toBeLessThanOrEqual(400 + 1000 / FRAME_MS + 1);
    expect(part.detail).toMatch(/^relay: relayed 0:1\d of 0:21; source 0:00–0:1\d stopped: ended \(the source closed its stream\); fallback 0:1\d–0:21 no source: (ended|unreachable)/);
    expect(relayStopOf(part.detail)).toBe('ended');

    const none = endOfAiring(airingOver(feed, 500, 800), 'completed', null);
    expect(none).toMatchObject({ outcome: 'failed', airing: { written: 0 } });

    const cut = endOfAiring(airingOver(feed, 0, 200), 'preempted', 'preempted by emergency kc-1: Bão');
    expect(cut.outcome).toBe('preempted');
    expect(cut.detail).toMatch(/^preempted by emergency kc-1: Bão; relay: relayed 0:05 of 0:05; source 0:00–0:05/);
  });

  it('an item airing is left as the player says', () => {
    const a = { ...airingOver(createRelayFeed({ key: 'k', startMs: START, durationMs: 1000, airing: AIRING, clock: fakeClock(T0), log, silenceFrame: SILENCE, startPull: fakeSource(fakeClock(T0)).start, loadFrames: () => audio('F', 5) }), 0, 5), frames: audio('A', 5) };
    expect(endOfAiring(a, 'completed', null)).toEqual({ airing: a, outcome: 'completed', detail: null });
  });

  it('reads ffmpeg exits as reasons', () => {
    expect(classifyExit(1, '[http @ 0x1] HTTP error 404 Not Found\nhttp://x/y: Server returned 404 Not Found\n', false)).toMatchObject({ reason: 'http-status', status: 404 });
    expect(classifyExit(1, 'http://x:1/y: Connection refused', false)).toMatchObject({ reason: 'unreachable' });
    expect(classifyExit(1, 'Connection reset by peer', true)).toMatchObject({ reason: 'ended' });
    expect(classifyExit(0, '[silencedetect @ 0x2] silence_start: 4', true)).toMatchObject({ reason: 'ended' });
    expect(classifyExit(1, 'pipe:0: Invalid data found when processing input', false)).toMatchObject({ reason: 'ffmpeg-error' });
    // A source URL's password never reaches the airtime log or the logs (decisions §1).
    const refused = classifyExit(1, 'http://relay:s3cret@radio.example:8000/vov1: Server returned 401 Unauthorized (authorization failed)', false);
    expect(refused).toMatchObject({ reason: 'http-status', status: 401 });
    expect(refused.message).toContain('http://relay:***@radio.example:8000/vov1');
    expect(refused.message).not.toContain('s3cret');
  });
});

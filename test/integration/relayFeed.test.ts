import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import type { RelaySource } from '../../src/domain/relay.ts';
import { parseFrameHeader } from '../../src/library/mp3Frames.ts';
import { FRAME_MS } from '../../src/playout/airing.ts';
import { createFrameLoader } from '../../src/playout/frameSource.ts';
import { encodeSilenceFrame } from '../../src/playout/silence.ts';
import { createRelayFeed, type RelayFeed } from '../../src/relay/relayFeed.ts';
import { createFfmpegPull } from '../../src/relay/sourcePull.ts';
import { ffmpegCli, makeTempDir, removeDir } from '../support/makeAudio.ts';
import { freePort } from '../support/ports.ts';
import { blockLabels, decodePcm, type BlockLabel } from '../support/tones.ts';
import { makeToneSources } from '../support/toneProgramme.ts';
import { makeStationAudio, startToneStation, type ToneStation } from './relayFeedSource.ts';

const log = pino({ level: 'silent' });
const SOURCE_HZ = 1000;
const FALLBACK_HZ = 440;
const LIMIT_MS = 3000;
const BLOCK_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The relay feed against real sources: ffmpeg pulls a local HTTP station streaming an MP3 tone (as an
 * Icecast mount does) and transcodes it; what the feed gives a player, frame by frame at their due
 * times, is decoded and told apart by frequency: the source's tone, the fallback item's, or silence.
 */
describe('relay feed: real ffmpeg, real HTTP sources', () => {
  let dir: string;
  let silenceFrame: Buffer;
  let fallbackPath: string;
  const loadFrames = createFrameLoader();
  const stations: ToneStation[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    silenceFrame = await encodeSilenceFrame(ffmpegCli());
    const [fallback] = await makeToneSources(dir, [FALLBACK_HZ], 5, loadFrames);
    fallbackPath = fallback!.path;
  }, 60_000);
  afterAll(async () => {
    for (const s of stations) await s.close();
    await removeDir(dir);
  });

  const source = (url: string, kind: RelaySource['kind'] = 'http'): RelaySource => ({ id: 'dai-tp', name: 'Đài thành phố', url, kind, silenceLimitMs: LIMIT_MS });

  /** A feed of `seconds` starting `inMs` from now, pulled by ffmpeg with a 2 s pre-roll. */
  function feedOf(url: string, seconds: number, inMs = 2500, kind: RelaySource['kind'] = 'http'): RelayFeed {
    return createRelayFeed({
      key: `relay:test:${Date.now()}`, startMs: Math.ceil((Date.now() + inMs) / 100) * 100, durationMs: seconds * 1000,
      airing: { relayId: 'test', source: source(url, kind), fallbackAudioPath: fallbackPath }, clock: systemClock, log,
      silenceFrame, startPull: createFfmpegPull(ffmpegCli()), loadFrames, preRollMs: 2000,
    });
  }

  /** Reads every frame at its due time (as a zone player does, ~50 ms batches); resolves with them all. */
  function airWhole(feed: RelayFeed): Promise<Buffer[]> {
    const frames: Buffer[] = [];
    return new Promise((resolve) => {
      const step = () => {
        const due = Date.now() + 30;
        while (frames.length < feed.frames.frameCount && feed.startMs + frames.length * FRAME_MS <= due) frames.push(feed.frames.frame(frames.length));
        if (frames.length === feed.frames.frameCount) resolve(frames);
        else setTimeout(step, 50);
      };
      step();
    });
  }

  /** What aired, per 100 ms block from the relay's start: the tone heard, 'silence' or 'mixed'. */
  async function heard(frames: Buffer[], name: string): Promise<BlockLabel[]> {
    const file = `${dir}/${name}.mp3`;
    await writeFile(file, Buffer.concat(frames));
    const pcm = await decodePcm(file, 8000);
    return blockLabels(pcm, 8000, (8000 * BLOCK_MS) / 1000, [SOURCE_HZ, FALLBACK_HZ]);
  }

  /** Runs of labels ("1000×52 440×30"), runs shorter than 3 blocks (a join, a loop point) left out. */
  function runs(labels: BlockLabel[]): string {
    const out: [BlockLabel, number][] = [];
    for (const l of labels) {
      if (out.at(-1)?.[0] === l) out.at(-1)![1]++;
      else out.push([l, 1]);
    }
    const merged: [BlockLabel, number][] = [];
    for (const [l, n] of out.filter(([, k]) => k >= 3)) {
      if (merged.at(-1)?.[0] === l) merged.at(-1)![1] += n; // across a blip (the fallback looping)
      else merged.push([l, n]);
    }
    return merged.map(([l, n]) => `${l}×${n}`).join(' ');
  }

  const firstBlock = (labels: BlockLabel[], what: BlockLabel, from = 0) => labels.findIndex((l, i) => i >= from && l === what);

  function expectCanonical(frames: Buffer[], count: number): void {
    expect(frames).toHaveLength(count);
    for (const f of frames) {
      expect(parseFrameHeader(f, 0)).toMatchObject({ version: 1, sampleRate: 44_100, channels: 1, bitrateKbps: 96 });
    }
  }

  it('a source killed midway: the fallback within the silence limit, retried, and the relay back on the source when it returns', async () => {
    const station = await startToneStation(await makeStationAudio(dir, 'tone.mp3', SOURCE_HZ, 20), { burstBytes: 64 * 1024 });
    stations.push(station);
    const feed = feedOf(station.url, 16);
    const killAt = feed.startMs + 5000;
    const reviveAt = killAt + 2500;
    const killed = new Promise<void>((r) => setTimeout(() => void station.kill().then(r), killAt - Date.now()));
    const revived = new Promise<void>((r) => setTimeout(() => void station.revive().then(r), reviveAt - Date.now()));
    const frames = await airWhole(feed);
    await Promise.all([killed, revived]);
    expectCanonical(frames, Math.ceil(16_000 / FRAME_MS));

    const labels = await heard(frames, 'killed');
    expect(runs(labels)).toMatch(/^1000×\d+ 440×\d+ 1000×\d+$/);
    // The relay starts on the source: real audio from its first block (the pre-roll), not silence.
    expect(labels.slice(0, 3)).toEqual([SOURCE_HZ, SOURCE_HZ, SOURCE_HZ]);
    const fallbackAt = feed.startMs + firstBlock(labels, FALLBACK_HZ) * BLOCK_MS;
    console.log(`relay: fallback on air ${fallbackAt - killAt} ms after the source died; back on the source ` +
      `${feed.startMs + firstBlock(labels, SOURCE_HZ, firstBlock(labels, FALLBACK_HZ)) * BLOCK_MS - reviveAt} ms after it returned`);
    expect(fallbackAt - killAt).toBeLessThan(LIMIT_MS);
    expect(fallbackAt - killAt).toBeGreaterThan(0); // the source's last queued audio aired first
    const o = feed.outcome();
    expect(o.segments.map((s) => s.kind)).toEqual(['source', 'fallback', 'source']);
    expect(o.segments[0]!.why?.reason).toBe('ended');
    expect(o.retries).toBeGreaterThanOrEqual(1);
    expect(station.connections()).toBeGreaterThanOrEqual(4); // a look and a pull, first and for the retry that found it back
    // The latency stays bounded: the 4 s burst on connect was dropped, not aired.
    expect(o.droppedFrames).toBeGreaterThan(2000 / FRAME_MS);
  }, 60_000);

  it('a source that sends only silence: the fallback airs once it has been silent for the limit', async () => {
    const station = await startToneStation(await makeStationAudio(dir, 'tone-then-silence.mp3', SOURCE_HZ, 8, 60));
    stations.push(station);
    const feed = feedOf(station.url, 14);
    const frames = await airWhole(feed);
    expectCanonical(frames, Math.ceil(14_000 / FRAME_MS));
    const labels = await heard(frames, 'silent');
    expect(runs(labels)).toMatch(/^1000×\d+ silence×\d+ 440×\d+$/);
    const toneEnd = labels.lastIndexOf(SOURCE_HZ);
    const fallback = firstBlock(labels, FALLBACK_HZ);
    // On air, the silence lasts the limit less the audio that was queued (the silent queue is dropped).
    expect((fallback - toneEnd) * BLOCK_MS).toBeLessThanOrEqual(LIMIT_MS + 300);
    expect((fallback - toneEnd) * BLOCK_MS).toBeGreaterThan(LIMIT_MS - 1800);
    expect(feed.outcome().segments.map((s) => [s.kind, s.why?.reason ?? null])).toEqual([['source', 'silent'], ['fallback', 'silent']]);
    // A silent source is not reconnected (it is listened to until sound returns): one look, one pull.
    expect(station.connections()).toBe(2);
  }, 60_000);

  it('an HLS source (AAC segments, a playlist that grows) airs from the first frame, without gaps', async () => {
    const hlsDir = `${dir}/hls`;
    await mkdir(hlsDir);
    const generator = spawn(ffmpegCli(), ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `sine=frequency=${SOURCE_HZ}`, '-c:a', 'aac', '-b:a', '64k',
      '-f', 'hls', '-hls_time', '2', '-hls_list_size', '5', '-hls_flags', 'delete_segments', `${hlsDir}/live.m3u8`], { stdio: 'ignore' });
    const files = http.createServer((req, res) => {
      const name = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '');
      readFile(`${hlsDir}/${name}`).then(
        (body) => res.writeHead(200, { 'content-type': name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t' }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    files.listen(0, '127.0.0.1');
    await once(files, 'listening');
    try {
      // Three segments in the playlist: what a player joining a live HLS stream starts from.
      for (let i = 0; i < 100 && ((await readFile(`${hlsDir}/live.m3u8`, 'utf8').catch(() => '')).match(/\.ts/g) ?? []).length < 3; i++) await sleep(100);
      const feed = feedOf(`http://127.0.0.1:${(files.address() as AddressInfo).port}/live.m3u8`, 10, 2500, 'hls');
      const frames = await airWhole(feed);
      expectCanonical(frames, Math.ceil(10_000 / FRAME_MS));
      const labels = await heard(frames, 'hls');
      expect(runs(labels)).toMatch(/^1000×\d+$/);
      expect(labels.slice(0, 3)).toEqual([SOURCE_HZ, SOURCE_HZ, SOURCE_HZ]);
      expect(labels.filter((l) => l === 'silence')).toEqual([]); // a segment at a time, and never an underrun
      expect(feed.outcome().segments).toMatchObject([{ kind: 'source', from: 0, to: frames.length, why: null }]);
    } finally {
      generator.kill('SIGKILL');
      files.close();
    }
  }, 60_000);

  it('an unreachable source: the fallback from the first frame, and the source retried', async () => {
    const url = `http://127.0.0.1:${await freePort()}/stream.mp3`;
    const feed = feedOf(url, 8);
    const frames = await airWhole(feed);
    expectCanonical(frames, Math.ceil(8000 / FRAME_MS));
    const labels = await heard(frames, 'unreachable');
    expect(runs(labels)).toMatch(/^440×\d+$/);
    expect(labels[0]).toBe(FALLBACK_HZ);
    const o = feed.outcome();
    expect(o.segments).toMatchObject([{ kind: 'fallback', from: 0, why: { reason: 'unreachable' } }]);
    expect(o.segments[0]!.why!.message).toMatch(/connection refused/i);
    expect(o.retries).toBeGreaterThanOrEqual(2); // at -1 s, +1 s, +5 s of the start
  }, 60_000);
});

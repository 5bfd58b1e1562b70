import dgram from 'node:dgram';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { systemClock } from '../../src/clock.ts';
import type { FrameSource } from '../../src/playout/frameSource.ts';
import { createRtpOutput } from '../../src/playout/rtpOutput.ts';
import { encodeSilenceFrame } from '../../src/playout/silence.ts';
import { createZonePlayer } from '../../src/playout/zonePlayer.ts';
import { ffmpegCli, makeTempDir, removeDir } from '../support/makeAudio.ts';
import { freeRtpPort } from '../support/ports.ts';
import { backToBack, fixedProgramme, makeToneSources, noAirtime } from '../support/toneProgramme.ts';
import type { ToneSource } from '../support/toneProgramme.ts';
import { capturePcm, dominantTones, toneRuns } from '../support/tones.ts';
import { waitForState } from '../support/waitForState.ts';

const silent = pino({ level: 'silent' });
const FREQS = [700, 1500];

describe('RTP output through ffmpeg', () => {
  let dir: string;
  let tones: ToneSource[];
  let silenceFrame: Buffer;
  const ffmpeg = ffmpegCli();
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('loa-rtp-e2e-');
    tones = await makeToneSources(dir, FREQS, 2);
    silenceFrame = await encodeSilenceFrame(ffmpeg);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    if (dir) await removeDir(dir);
  });

  it('sends a zone player programme as G.711 µ-law that an SDP receiver decodes, tones in order', async () => {
    const port = await freeRtpPort();
    const sdp = path.join(dir, 'pcmu.sdp');
    await writeFile(
      sdp,
      ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=loa-e2e', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', ''].join('\r\n'),
    );
    const capture = capturePcm(ffmpeg, ['-protocol_whitelist', 'file,udp,rtp', '-i', sdp]);
    cleanups.push(async () => void (await capture.stop().catch(() => Buffer.alloc(0))));

    const out = createRtpOutput({ address: '127.0.0.1', port, ttl: 1, codec: 'pcmu', ffmpegPath: ffmpeg, log: silent, clock: systemClock, silenceFrame });
    const entries = backToBack(tones, Date.now() + 1000, { keyPrefix: 'rtp', window: 'e2e', source: 'programme' });
    const player = createZonePlayer({
      id: 'rtp-e2e',
      zones: ['tdp-7'],
      source: fixedProgramme(entries),
      outputs: new Map([['tdp-7', [out]]]),
      airtime: noAirtime(),
      clock: systemClock,
      log: silent,
      silenceFrame,
      loadFrames: (p) => tones.find((t) => t.path === p) ?? Promise.reject(new Error(`unknown ${p}`)),
    });
    cleanups.push(() => player.stop());
    const idleAfter = new Promise<void>((resolve) => player.on('idle', () => resolve()));
    await player.start();
    // Only the player's silence so far: with the silent frame known, no RTP is sent between programmes.
    expect(out.health().state).toBe('idle');
    await waitForState(out, 'up');
    await idleAfter;
    // Between programmes ffmpeg is retired, so paging speakers release the channel.
    await waitForState(out, 'idle');
    await expect
      .poll(() => toneRuns(dominantTones(capture.snapshot(), 8000, FREQS), 5), { timeout: 5000, interval: 200 })
      .toSatisfy((runs: { freq: number; blocks: number }[]) => runs.length === 2 && (runs[1]?.blocks ?? 0) >= 17);
    const runs = toneRuns(dominantTones(await capture.stop(), 8000, FREQS), 5);
    expect(runs.map((r) => r.freq)).toEqual(FREQS);
    // The first tone may lose a few blocks while the receiver probes; the second must be whole (~20 blocks).
    expect(runs[1]?.blocks).toBeGreaterThanOrEqual(17);
    expect(runs[1]?.blocks).toBeLessThanOrEqual(22);
    expect(out.health().lastError).toBeNull();
  });

  it.each([
    ['pcma', 8, 172],
    ['mp3', 14, null],
  ] as const)('sends %s with payload type %i', async (codec, payloadType, size) => {
    const sock = dgram.createSocket('udp4');
    cleanups.push(() => new Promise<void>((r) => sock.close(() => r())));
    const packets: Buffer[] = [];
    sock.on('message', (m) => packets.push(m));
    sock.bind(0, '127.0.0.1');
    await once(sock, 'listening');
    const out = createRtpOutput({ address: '127.0.0.1', port: sock.address().port, ttl: 1, codec, ffmpegPath: ffmpeg, log: silent, clock: systemClock });
    cleanups.push(() => out.stop());
    await out.start();
    const tone = tones[0] as FrameSource;
    for (let i = 0; i < 40; i++) out.write(tone.frame(i));
    await expect.poll(() => packets.length, { timeout: 5000 }).toBeGreaterThan(5);
    const first = packets[0] as Buffer;
    expect(first[0] !== undefined && first[0] >> 6).toBe(2); // RTP version 2
    expect(first.length).toBeGreaterThanOrEqual(12); // a whole RTP header, so the byte below is really there
    expect(first[1]! & 0x7f).toBe(payloadType); // PCMU's type is 0: a missing byte read as 0 would pass
    if (size !== null) expect(first.length).toBe(size);
  });

  it('restarts ffmpeg with backoff when it dies, keeping its last words as lastError', async () => {
    const out = createRtpOutput({
      address: '127.0.0.1',
      port: await freeRtpPort(),
      ttl: 1,
      codec: 'pcmu',
      ffmpegPath: ffmpeg,
      log: silent,
      clock: systemClock,
      backoff: { initialMs: 200, maxMs: 1000 },
    });
    cleanups.push(() => out.stop());
    const spawned = once(out.events, 'spawn') as Promise<[{ pid: number | undefined }]>;
    await out.start();
    const [{ pid }] = await spawned;
    expect(pid).toBeTypeOf('number');
    process.kill(pid as number, 'SIGKILL');
    const down = await waitForState(out, 'down');
    expect(down.lastError).toMatch(/ffmpeg exited with SIGKILL/);
    const [again] = (await once(out.events, 'spawn')) as [{ pid: number | undefined }];
    expect(again.pid).not.toBe(pid);
    await waitForState(out, 'idle'); // running again; idle until programme audio is written
    out.write(tones[0]?.frame(0) ?? Buffer.alloc(0));
    expect(out.health().state).toBe('up');
  });

  it('reports an ffmpeg that cannot run, without throwing into write()', async () => {
    const out = createRtpOutput({
      address: '239.10.0.1',
      port: 5004,
      ttl: 4,
      codec: 'pcmu',
      ffmpegPath: path.join(dir, 'no-such-ffmpeg'),
      log: silent,
      clock: systemClock,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    cleanups.push(() => out.stop());
    await out.start();
    const h = await waitForState(out, 'down');
    expect(h.lastError).toMatch(/cannot run ffmpeg at .*no-such-ffmpeg: .*ENOENT/);
    expect(() => out.write(Buffer.alloc(313))).not.toThrow();
    expect(out.health().name).toBe('rtp://239.10.0.1:5004');
  });
});

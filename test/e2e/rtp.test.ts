import dgram from 'node:dgram';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { systemClock } from '../../src/clock.ts';
import { createFrameLoader } from '../../src/playout/frameSource.ts';
import type { FrameSource } from '../../src/playout/frameSource.ts';
import type { OutputHealth } from '../../src/playout/output.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { createRtpOutput } from '../../src/playout/rtpOutput.ts';
import type { RtpOutput } from '../../src/playout/rtpOutput.ts';
import { encodeSilenceFrame } from '../../src/playout/silence.ts';
import { createZonePlayer } from '../../src/playout/zonePlayer.ts';
import { ffmpegCli, makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { capturePcm, dominantTones, toneRuns } from '../support/tones.ts';

const silent = pino({ level: 'silent' });
const FREQS = [700, 1500];

/** Resolves on the first 'state' event (or current state) equal to `want`; a listener, not once(), so no event slips by between awaits. */
function waitForState(out: RtpOutput, want: OutputHealth['state']): Promise<OutputHealth> {
  if (out.health().state === want) return Promise.resolve(out.health());
  return new Promise((resolve) => {
    const onState = (h: OutputHealth) => {
      if (h.state !== want) return;
      out.events.off('state', onState);
      resolve(h);
    };
    out.events.on('state', onState);
  });
}

/** An even UDP port whose successor (RTCP) is free too, as an RTP receiver needs both. */
async function freeRtpPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 10_000);
    const socks = [dgram.createSocket('udp4'), dgram.createSocket('udp4')];
    const ok = await Promise.all(
      socks.map(
        (s, i) =>
          new Promise<boolean>((resolve) => {
            s.once('error', () => resolve(false));
            s.bind(port + i, '127.0.0.1', () => resolve(true));
          }),
      ),
    );
    await Promise.all(socks.map((s) => new Promise<void>((r) => s.close(() => r())).catch(() => undefined)));
    if (ok.every(Boolean)) return port;
  }
}

describe('RTP output through ffmpeg', () => {
  let dir: string;
  let tones: FrameSource[];
  let silenceFrame: Buffer;
  const ffmpeg = ffmpegCli();
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('loa-rtp-e2e-');
    const loadFrames = createFrameLoader();
    const mp3 = { bitrateKbps: 96, xing: false, id3: false };
    const files = await Promise.all(
      FREQS.map((freq) => makeTone(dir, { freq, seconds: 2, format: 'mp3', channels: 1, sampleRate: 44100, mp3 })),
    );
    tones = await Promise.all(files.map((f) => loadFrames(f)));
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
    let at = Date.now() + 1000;
    const entries: ProgrammeEntry[] = tones.map((s, i) => {
      const entry: ProgrammeEntry = {
        key: `rtp:${i}`,
        itemId: `tone-${FREQS[i]}`,
        startMs: at,
        endMs: at + s.durationMs,
        window: 'e2e',
        source: 'programme',
        audioPath: s.path,
        durationMs: s.durationMs,
        item: { title: `Tone ${FREQS[i]} Hz`, kind: 'khac', topics: [], ceremonial: false, unit: null, priority: 'normal' },
      };
      at += s.durationMs;
      return entry;
    });
    let rowId = 0;
    const player = createZonePlayer({
      id: 'rtp-e2e',
      zones: ['tdp-7'],
      source: { entriesBetween: (_id, from, to) => entries.filter((e) => e.endMs > from && e.startMs < to) },
      outputs: new Map([['tdp-7', [out]]]),
      airtime: { recordStart: () => ++rowId, heartbeat: () => {}, recordEnd: () => {}, alreadyAired: () => false },
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
    expect((first[1] ?? 0) & 0x7f).toBe(payloadType);
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

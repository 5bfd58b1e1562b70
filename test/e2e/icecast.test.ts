import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { systemClock } from '../../src/clock.ts';
import { createFrameLoader } from '../../src/playout/frameSource.ts';
import { createIcecastPush } from '../../src/playout/icecastPush.ts';
import { encodeSilenceFrame } from '../../src/playout/silence.ts';
import { createZonePlayer } from '../../src/playout/zonePlayer.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { startIcecast } from '../support/icecastServer.ts';
import type { IcecastServer } from '../support/icecastServer.ts';
import { captureLog } from '../support/logCapture.ts';
import { ffmpegCli, makeTempDir, removeDir } from '../support/makeAudio.ts';
import { freePort } from '../support/ports.ts';
import { backToBack, fixedProgramme, makeToneSources, noAirtime } from '../support/toneProgramme.ts';
import { capturePcm, dominantTones, toneRuns } from '../support/tones.ts';
import { waitForState } from '../support/waitForState.ts';

const silent = pino({ level: 'silent' });
const FREQS = [600, 1200, 2000];

describe('icecast push against a real icecast2', () => {
  let ice: IcecastServer;
  let dir: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    ice = await startIcecast();
    dir = await makeTempDir('loa-icecast-e2e-');
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await ice?.stop();
    if (dir) await removeDir(dir);
  });

  it('carries a zone player programme of three tones to a listener, in order and in real time', async () => {
    const ffmpeg = ffmpegCli();
    const loadFrames = createFrameLoader();
    const sources = await makeToneSources(dir, FREQS, 3, loadFrames);
    const silenceFrame = await encodeSilenceFrame(ffmpeg);
    // Far enough ahead for the source to connect and the listener to attach before the first tone.
    const entries = backToBack(sources, Date.now() + 3000, { keyPrefix: 'e2e', window: 'e2e', source: 'programme' });

    const push = createIcecastPush({
      url: `icecast://source:${ice.sourcePassword}@127.0.0.1:${ice.port}/tones`,
      name: 'Tổ dân phố 5',
      description: 'e2e',
      clock: systemClock,
      log: silent,
      backoff: { initialMs: 1000, maxMs: 30_000 },
      silenceFrame,
    });
    const player = createZonePlayer({
      id: 'e2e',
      zones: ['tdp-5'],
      source: fixedProgramme(entries),
      outputs: new Map([['tdp-5', [push]]]),
      airtime: noAirtime(),
      clock: systemClock,
      log: silent,
      silenceFrame,
      loadFrames,
    });
    cleanups.push(() => player.stop());
    const lastEnded = new Promise<void>((resolve) =>
      player.on('item:ended', (e) => {
        if (e.entry.key === 'e2e:2') resolve();
      }),
    );
    await player.start();
    // Connected and carrying the player's silence: no programme yet.
    await waitForState(push, 'idle');

    const capture = capturePcm(ffmpeg, ['-i', `http://127.0.0.1:${ice.port}/tones`]);
    cleanups.push(async () => void (await capture.stop().catch(() => Buffer.alloc(0))));
    await expect.poll(() => capture.bytes(), { timeout: 2500, interval: 50 }).toBeGreaterThan(0);
    expect(Date.now()).toBeLessThan(entries[0]?.startMs ?? 0);

    const upDuringProgramme = waitForState(push, 'up');
    await lastEnded;
    expect((await upDuringProgramme).lastError).toBeNull();
    // The tail still travels through icecast and the listener's decoder: wait until the last tone is whole.
    await expect
      .poll(() => toneRuns(dominantTones(capture.snapshot(), 8000, FREQS), 5), { timeout: 8000, interval: 200 })
      .toSatisfy((runs: { freq: number; blocks: number }[]) => runs.length === 3 && (runs[2]?.blocks ?? 0) >= 28);
    const runs = toneRuns(dominantTones(await capture.stop(), 8000, FREQS), 5);
    expect(runs.map((r) => r.freq)).toEqual(FREQS);
    // 3 s tones in 100 ms blocks: ~30 each; real-time pacing means none stretched or squeezed.
    for (const r of runs) {
      expect(r.blocks).toBeGreaterThanOrEqual(28);
      expect(r.blocks).toBeLessThanOrEqual(32);
    }
    expect(push.health().bytesSent).toBeGreaterThan(3 * 3 * 12_000);
  });

  it('reports a wrong password as down with an auth error and waits maxMs before asking again', async () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    const { log, lines } = captureLog('info');
    const push = createIcecastPush({
      url: `icecast://source:wrong-${ice.sourcePassword}@127.0.0.1:${ice.port}/auth`,
      clock,
      log,
      backoff: { initialMs: 1000, maxMs: 30_000 },
    });
    cleanups.push(() => push.stop());
    let attempts = 0;
    push.events.on('attempt', () => attempts++);
    await push.start();
    const h = await waitForState(push, 'down');
    expect(h.lastError).toMatch(/refused the source user\/password for \/auth \(401\)/);
    // Frames keep coming from the player; none of them may trigger a new attempt.
    for (let t = 0; t < 29; t++) {
      push.write(Buffer.alloc(313));
      clock.advance(1000);
    }
    expect(attempts).toBe(1);
    clock.advance(1000);
    expect(attempts).toBe(2);
    await waitForState(push, 'down');
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
  });

  it('refuses a second source on a mount in use, in plain words', async () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    const url = `icecast://source:${ice.sourcePassword}@127.0.0.1:${ice.port}/busy`;
    const first = createIcecastPush({ url, clock, log: silent, backoff: { initialMs: 1000, maxMs: 30_000 } });
    const second = createIcecastPush({ url, clock, log: silent, backoff: { initialMs: 1000, maxMs: 30_000 } });
    cleanups.push(() => first.stop(), () => second.stop());
    await first.start();
    await waitForState(first, 'idle');
    first.write(Buffer.alloc(313, 1));
    expect(first.health().state).toBe('up');
    await second.start();
    const h = await waitForState(second, 'down');
    expect(h.lastError).toBe('mount /busy is already in use by another source (icecast 403: Mountpoint in use)');
    expect(first.health().state).toBe('up');
  });

  it('connects after backoff when the head-end comes up after Loa', async () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    const port = await freePort();
    let late: IcecastServer | null = null;
    cleanups.push(async () => void (await late?.stop()));
    const push = createIcecastPush({
      url: `icecast://source:pw-late@127.0.0.1:${port}/late`,
      clock,
      log: silent,
      backoff: { initialMs: 1000, maxMs: 30_000 },
      random: () => 0.5,
    });
    cleanups.push(() => push.stop());
    let attempts = 0;
    push.events.on('attempt', () => attempts++);
    await push.start();
    expect((await waitForState(push, 'down')).lastError).toMatch(/connection refused/);
    late = await startIcecast({ port, sourcePassword: 'pw-late' });
    clock.advance(999);
    expect(attempts).toBe(1);
    clock.advance(1);
    expect(attempts).toBe(2);
    await waitForState(push, 'idle');
    push.write(Buffer.alloc(313, 1));
    expect(push.health()).toMatchObject({ state: 'up', bytesSent: 313 });
  });
});

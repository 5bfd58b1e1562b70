import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, isoWeekday, localDate } from '../../src/domain/time.ts';
import type { OutputHealth } from '../../src/playout/output.ts';
import { apiClient } from '../support/apiClient.ts';
import { startIcecast } from '../support/icecastServer.ts';
import type { IcecastServer } from '../support/icecastServer.ts';
import { ffmpegCli, makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { freePort } from '../support/ports.ts';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { capturePcm, dominantTones, toneRuns } from '../support/tones.ts';
import type { PcmCapture } from '../support/tones.ts';
import { PLAN_LEAD_MS } from '../../src/scheduling/planService.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const FREQS = [440, 660, 880, 1100];
const SOURCE_PASSWORD = 'nguon-bi-mat-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sleepUntil = (ms: number) => sleep(Math.max(0, ms - Date.now()));

interface Now {
  health: { outputs: OutputHealth[] } | null;
}
interface AirtimeJson {
  rows: { itemId: string; outcome: string; detail: string | null; outputs: string[]; plannedStart: string }[];
}
interface PlanJson {
  slots: { zone: string; itemId: string; start: string; end: string }[];
}

/**
 * A zone whose only output is an Icecast push, and the head-end is down when its first item airs.
 * The whole daemon runs (upload, approve, plan, playout); icecast2 is started on the output's port
 * during that first item. The push reconnects on its own, with backoff; a device listening to icecast
 * hears the later items, and the airtime log tells the truth: the first item 'failed' (nothing carried
 * it), the later ones 'completed' on the icecast output.
 *
 * Timing, with the push's backoff (1 s doubling, ±20 % jitter): failed attempts come ~1, ~3, ~7 and
 * ~15 s after it starts; after the fifth the next waits 16 s ± 20 %, i.e. 12.8–19.2 s. The test watches
 * for that fifth failure (at F) and only then plans, and a plan's new slots begin PLAN_LEAD_MS (5 s)
 * after it is asked for at the earliest: window A opens 6.5–7.5 s after F and holds one 3 s item, over
 * by F + 10.5 s, before any reconnect can happen; icecast starts half a second into it. Window B opens
 * 16 s after A, past the latest reconnect (F + 19.2 s) with time for the device to attach.
 */
describe('head-end down at the first slot, up during it', () => {
  let t: TestDaemon;
  let fixtures: string;
  let api: ReturnType<typeof apiClient>;
  let ice: IcecastServer | null = null;
  let capture: PcmCapture | null = null;

  beforeAll(async () => {
    t = await startTestDaemon({ listen: true });
    api = apiClient(`http://127.0.0.1:${(t.daemon.app.server.address() as AddressInfo).port}`);
    await api.login('admin', ADMIN_PASSWORD);
    fixtures = await makeTempDir();
  });
  afterAll(async () => {
    await capture?.stop().catch(() => Buffer.alloc(0));
    await t?.close();
    await ice?.stop();
    if (fixtures) await removeDir(fixtures);
  });

  it('logs the unheard item as failed, reconnects with backoff, and the later items reach the listener', async () => {
    const ids: string[] = [];
    for (const freq of FREQS) {
      const file = await makeTone(fixtures, { freq, seconds: 3, format: 'wav', name: `tone-${freq}.wav` });
      ids.push((await api.uploadApproved(file, { title: `Âm thử ${freq} Hz` })).id);
    }
    const freqOf = (itemId: string) => FREQS[ids.indexOf(itemId)];
    const port = await freePort(); // nothing listens there yet
    const outputName = `icecast://127.0.0.1:${port}/tdp-1`;
    const zone = (windows: unknown[]) =>
      api.call('PUT', '/api/zones/tdp-1', {
        name: 'Tổ dân phố 1',
        windows,
        outputs: [{ type: 'icecast', url: `icecast://source:${SOURCE_PASSWORD}@127.0.0.1:${port}/tdp-1` }],
      });
    // From the first attempt to window B's end is ~60 s, all of it on one local date.
    await clearOfMidnight(TZ, 90_000);
    expect((await zone([])).status).toBe(200);
    const health = async () => (await api.call<Now>('GET', '/api/zones/tdp-1/now')).body.health?.outputs[0];

    // Watch the push's attempts fail, until the one that was preceded by a ≥ 6 s wait (the fifth).
    const failures: number[] = [];
    for (let i = 0; i < 600; i++) {
      const at = (await health())?.lastErrorAt ?? null;
      if (at !== null && failures.at(-1) !== at) failures.push(at);
      const [before, last] = failures.slice(-2);
      if (before !== undefined && last !== undefined && last - before >= 6000) break;
      await sleep(50);
    }
    const fifth = failures.at(-1)!;
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(fifth - failures.at(-2)!).toBeGreaterThanOrEqual(6000);
    const down = (await health())!;
    expect(down).toMatchObject({ name: outputName, state: 'down' });
    expect(down.lastError).toMatch(/connection refused/);

    // Window A: one 3 s item, over before the next attempt (≥ 12.8 s after the fifth failure).
    const startA = Math.ceil((fifth + PLAN_LEAD_MS + 1500) / 1000) * 1000;
    const startB = startA + 16_000;
    const local = (ms: number) => formatInstant(ms, TZ).slice(11, 19);
    const date = localDate(startA, TZ);
    const days = [isoWeekday(date)];
    expect((await zone([
      { days, start: local(startA), end: local(startA + 4000), peak: true },
      { days, start: local(startB), end: local(startB + 10_000), peak: true },
    ])).status).toBe(200);
    const plan = await api.call<PlanJson>('POST', '/api/plan', { from: date, to: date, zones: ['tdp-1'] });
    expect(plan.status).toBe(200);
    const slots = plan.body.slots.filter((s) => s.zone === 'tdp-1');
    expect(slots).toHaveLength(4);
    expect(Date.parse(slots[0]!.start)).toBe(startA);
    expect(Date.parse(slots[1]!.start)).toBe(startB);
    expect(Date.now()).toBeLessThan(startA);

    // The first item airs with nothing listening on the port; icecast comes up half-way into it.
    await sleepUntil(startA + 500);
    expect((await health())?.state).toBe('down');
    ice = await startIcecast({ port, sourcePassword: SOURCE_PASSWORD });
    expect(Date.now()).toBeLessThan(Date.parse(slots[0]!.end));

    // The push reconnects at its next attempt; a device then attaches to icecast's mount.
    for (let i = 0; i < 300 && ['down', 'connecting'].includes((await health())?.state ?? 'down'); i++) await sleep(50);
    const reconnectedAt = Date.now();
    expect(reconnectedAt).toBeGreaterThan(Date.parse(slots[0]!.end));
    expect(reconnectedAt).toBeLessThan(startB - 1000);
    capture = capturePcm(ffmpegCli(), ['-i', `http://127.0.0.1:${port}/tdp-1`]);

    await sleepUntil(Date.parse(slots.at(-1)!.end) + 2500);
    const pcm = await capture.stop();
    capture = null;
    const runs = toneRuns(dominantTones(pcm, 8000, FREQS), 5);
    // Window B's items, in plan order and each about whole (3 s = 30 blocks); the first item never reached icecast.
    expect(runs.map((r) => r.freq)).toEqual(slots.slice(1).map((s) => freqOf(s.itemId)));
    for (const r of runs) expect(r.blocks).toBeGreaterThanOrEqual(27);

    const airtime = await api.call<AirtimeJson>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-1&format=json`);
    expect(airtime.status).toBe(200);
    const rows = airtime.body.rows;
    expect(rows.map((r) => r.itemId)).toEqual(slots.map((s) => s.itemId));
    const [first, ...later] = rows;
    console.info(
      `headend e2e: failures at +${failures.map((f) => f - failures[0]!).join(', +')} ms; window A at +${startA - fifth} ms, ` +
        `reconnected at +${reconnectedAt - fifth} ms after the 5th; first row: ${first?.outcome} "${first?.detail}"`,
    );
    expect(first).toMatchObject({ outcome: 'failed', outputs: [outputName] });
    expect(first!.detail).toContain(`${outputName}: cannot reach icecast at 127.0.0.1:${port}: connection refused`);
    for (const r of later) expect(r).toMatchObject({ outcome: 'completed', outputs: [outputName], detail: null });

    // Health and metrics show the output up again.
    expect(await health()).toMatchObject({ name: outputName, state: 'idle' });
    const metrics = await api.call<string>('GET', '/metrics');
    expect(metrics.body).toContain(`loa_output_up{zone="tdp-1",output="${outputName}"} 1`);
  }, 220_000); // 130 s, plus up to 90 s waiting out a midnight
});

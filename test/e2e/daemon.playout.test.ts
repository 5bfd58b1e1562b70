import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, isoWeekday, localDate } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { capturePcm, dominantTones, toneRuns } from '../support/tones.ts';
import { PLAN_LEAD_MS } from '../../src/scheduling/planService.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const FREQS = [440, 660, 880];

/**
 * The whole chain as an operator runs it: upload and approve audio, define a zone window, plan,
 * and a device (ffmpeg) pulling /stream/:zone hears the planned items in order; the airtime log
 * then says what aired.
 */
describe('daemon: plan → playout → airtime', () => {
  let t: TestDaemon;
  let fixtures: string;
  let api: ReturnType<typeof apiClient>;
  let base: string;

  beforeAll(async () => {
    t = await startTestDaemon({ listen: true });
    base = `http://127.0.0.1:${(t.daemon.app.server.address() as AddressInfo).port}`;
    api = apiClient(base);
    await api.login('admin', ADMIN_PASSWORD);
    fixtures = await makeTempDir();
  });
  afterAll(async () => {
    await t.close();
    await removeDir(fixtures);
  });

  it('airs the planned tones in order, on time and without gaps, and logs them', async () => {
    const ids: string[] = [];
    for (const freq of FREQS) {
      const file = await makeTone(fixtures, { freq, seconds: 3, format: 'wav', name: `tone-${freq}.wav` });
      ids.push((await api.uploadApproved(file, { title: `Âm thử ${freq} Hz` })).id);
    }
    // A window opening a few seconds from now, long enough for the three items.
    // The window (over ~17 s from now) must fall on one local date: wait out a midnight if one is near.
    await clearOfMidnight(TZ, 30_000);
    // A plan's new slots begin PLAN_LEAD_MS after it is asked for at the earliest.
    const startMs = Math.ceil((Date.now() + PLAN_LEAD_MS + 2000) / 1000) * 1000;
    const local = (ms: number) => formatInstant(ms, TZ).slice(11, 19);
    const date = localDate(startMs, TZ);
    const zone = await api.call('PUT', '/api/zones/tdp-thu', {
      name: 'Tổ dân phố thử',
      windows: [{ days: [isoWeekday(date)], start: local(startMs), end: local(startMs + 11_000), peak: true }],
    });
    expect(zone.status).toBe(200);
    const plan = await api.call<{ slots: { zone: string; itemId: string; start: string }[] }>('POST', '/api/plan', { from: date, to: date, zones: ['tdp-thu'] });
    expect(plan.status).toBe(200);
    const slots = plan.body.slots.filter((s) => s.zone === 'tdp-thu');
    expect(slots).toHaveLength(3);
    expect(Date.parse(slots[0]!.start)).toBe(startMs);
    const expectedOrder = slots.map((s) => FREQS[ids.indexOf(s.itemId)]);

    const capture = capturePcm('ffmpeg', ['-i', `${base}/stream/tdp-thu`]);
    await new Promise((r) => setTimeout(r, startMs + 10_500 - Date.now()));
    const pcm = await capture.stop();

    const labels = dominantTones(pcm, 8000, FREQS, 20);
    const runs = toneRuns(labels, 5);
    expect(runs.map((r) => r.freq)).toEqual(expectedOrder);
    // Each item lasts its 3 s (±60 ms), and the items follow one another without dead air.
    for (const run of runs) expect(Math.abs(run.blocks * 20 - 3000)).toBeLessThanOrEqual(60);
    const first = labels.findIndex((l) => l !== null);
    const last = labels.length - 1 - [...labels].reverse().findIndex((l) => l !== null);
    const silentInside = labels.slice(first, last + 1).filter((l) => l === null).length;
    expect(silentInside * 20).toBeLessThanOrEqual(3 * 60);

    const airtime = await api.call<{ rows: { itemId: string; outcome: string; startedAt: string; plannedStart: string }[] }>(
      'GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-thu&format=json`,
    );
    expect(airtime.status).toBe(200);
    const rows = airtime.body.rows;
    expect(rows.map((r) => r.itemId)).toEqual(slots.map((s) => s.itemId));
    expect(rows.every((r) => r.outcome === 'completed')).toBe(true);
    for (const r of rows) expect(Math.abs(Date.parse(r.startedAt) - Date.parse(r.plannedStart))).toBeLessThanOrEqual(100);
  }, 90_000); // 60 s, plus up to 30 s waiting out a midnight

  it('tells what is on air and refuses a wrong stream key', async () => {
    const now = await api.call<{ zone: string; health: { outputs: { state: string }[] } }>('GET', '/api/zones/tdp-thu/now');
    expect(now.status).toBe(200);
    expect(now.body.health.outputs[0]!.state).toBeDefined();
    await api.call('PUT', '/api/zones/tdp-khoa', { name: 'Có khoá', outputs: [{ type: 'http', key: 'bi-mat-12345' }] });
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${base}/stream/tdp-khoa`)).status).toBe(401);
    const ok = await fetch(`${base}/stream/tdp-khoa?key=bi-mat-12345`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('audio/mpeg');
    await ok.body?.cancel();
    expect((await fetch(`${base}/stream/khong-co`)).status).toBe(401); // as a wrong key: nothing tells a zone exists
  });
});

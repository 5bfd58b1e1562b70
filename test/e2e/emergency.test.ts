import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, isoWeekday, localDate } from '../../src/domain/time.ts';
import { audioPath } from '../../src/library/audioStore.ts';
import { getItem } from '../../src/storage/items.ts';
import { apiClient } from '../support/apiClient.ts';
import { arrivalsOf, connectFrameClient, framesOf, type FrameClient } from '../support/frameClient.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { PLAN_LEAD_MS } from '../../src/scheduling/planService.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));

interface Row { itemId: string; outcome: string; startedAt: string; endedAt: string; playedMs: number; source: string; detail: string | null; plannedStart: string }

/**
 * Issue 10's end-to-end: a programme plays on two zones; an emergency for one zone reaches a plain
 * client of that zone's stream within a second of the trigger, the other zone plays on, the log shows
 * the cut, the bulletin and the programme resuming where the clock says; a cancel mid-bulletin
 * returns to the programme at once.
 */
describe('emergency bulletins on a real daemon', () => {
  let t: TestDaemon;
  let dir: string;
  let admin: ReturnType<typeof apiClient>;
  let reviewer: ReturnType<typeof apiClient>;
  let port: number;
  const pathOf = (id: string) => audioPath(t.config.audioDir, getItem(t.daemon.db, id)!.audioSha256!);

  beforeAll(async () => {
    t = await startTestDaemon({ listen: true });
    port = (t.daemon.app.server.address() as AddressInfo).port;
    admin = apiClient(`http://127.0.0.1:${port}`);
    await admin.login('admin', ADMIN_PASSWORD);
    await t.userToken('kiem-duyet', 'reviewer');
    reviewer = apiClient(`http://127.0.0.1:${port}`);
    await reviewer.login('kiem-duyet', 'kiem-duyet-password');
    dir = await makeTempDir();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await removeDir(dir);
  });

  it('cuts in within a second on the targeted zone only, logs the cut, resumes the programme, and a cancel returns at once', async () => {
    const programme = [];
    for (const freq of [440, 660]) {
      programme.push(await admin.uploadApproved(await makeTone(dir, { freq, seconds: 12, format: 'wav', name: `p-${freq}.wav` }), { title: `Chương trình ${freq} Hz` }));
    }
    // The bulletin is the reviewer's own upload, left pending: triggering it approves it (decisions §4).
    const bulletin = (await reviewer.uploadPending(await makeTone(dir, { freq: 1200, seconds: 3, format: 'wav', name: 'kc.wav' }), { title: 'Khẩn cấp: bão số 3' })).id;

    await clearOfMidnight(TZ, 90_000);
    // A plan's new slots begin PLAN_LEAD_MS after it is asked for at the earliest.
    const startMs = Math.ceil((Date.now() + PLAN_LEAD_MS + 2000) / 1000) * 1000;
    const local = (ms: number) => formatInstant(ms, TZ).slice(11, 19);
    const date = localDate(startMs, TZ);
    for (const id of ['tdp-a', 'tdp-b']) {
      const put = await admin.call('PUT', `/api/zones/${id}`, {
        name: `Tổ dân phố ${id}`, windows: [{ days: [isoWeekday(date)], start: local(startMs), end: local(startMs + 28_000), peak: true }],
      });
      expect(put.status).toBe(200);
    }
    const plan = await admin.call<{ slots: { zone: string; itemId: string; start: string; end: string }[] }>('POST', '/api/plan', { from: date, to: date, zones: ['tdp-a', 'tdp-b'] });
    expect(plan.status).toBe(200);
    const slotsA = plan.body.slots.filter((s) => s.zone === 'tdp-a');
    expect(slotsA.length).toBeGreaterThanOrEqual(2); // two 12 s items in a 28 s window

    const programmeFrames = new Set<string>();
    for (const p of programme) for (const f of await framesOf(pathOf(p.id))) programmeFrames.add(f);
    const clientA = connectFrameClient(port, '/stream/tdp-a?monitor=1');
    const clientB = connectFrameClient(port, '/stream/tdp-b?monitor=1');
    expect(await clientA.ready).toBe(200);
    expect(await clientB.ready).toBe(200);

    // 4 s into the first programme item, the reviewer triggers the bulletin on tdp-a only.
    await sleepUntil(startMs + 4000);
    const triggeredAt = Date.now();
    const res = await reviewer.call<{ id: string; reached: string[]; airings: { start: string; end: string }[] }>('POST', '/api/emergency', { itemId: bulletin, zones: ['tdp-a'] });
    expect(res.status).toBe(201);
    expect(res.body.reached).toEqual(['tdp-a']);
    const bulletinFrames = await framesOf(pathOf(bulletin), programmeFrames);
    await sleepUntil(triggeredAt + 5000);

    const heardA = arrivalsOf(clientA, bulletinFrames);
    expect(heardA.length).toBeGreaterThan(0);
    const latency = heardA[0]! - triggeredAt;
    expect(latency).toBeLessThan(1000);
    expect(arrivalsOf(clientB, bulletinFrames)).toEqual([]); // the other zone plays on undisturbed

    // The log of tdp-a: the first item cut (about 4 s of it aired), the bulletin whole, then the same
    // slot's item again from where the clock was, to its planned end.
    const rows = (await admin.call<{ rows: Row[] }>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-a&format=json`)).body.rows;
    const [cut, aired, resumed] = rows;
    expect(cut).toMatchObject({ itemId: slotsA[0]!.itemId, outcome: 'preempted' });
    expect(cut!.playedMs).toBeGreaterThan(3500);
    expect(cut!.playedMs).toBeLessThan(4000 + latency + 200);
    expect(aired).toMatchObject({ itemId: bulletin, outcome: 'completed', source: 'emergency' });
    expect(resumed).toMatchObject({ itemId: slotsA[0]!.itemId, plannedStart: slotsA[0]!.start });
    expect(Math.abs(Date.parse(resumed!.startedAt) - Date.parse(aired!.endedAt))).toBeLessThan(150);
    const item = getItem(t.daemon.db, bulletin)!;
    expect(item.status).toBe('approved');
    const rowsB = (await admin.call<{ rows: Row[] }>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-b&format=json`)).body.rows;
    expect(rowsB.filter((r) => r.outcome !== null && r.outcome !== 'completed')).toEqual([]);

    // A second bulletin, cancelled one second in: the programme is back within a few frames.
    const second = await reviewer.call<{ id: string }>('POST', '/api/emergency', { itemId: bulletin, zones: ['tdp-a'], repeat: { times: 3, everyMinutes: 1 } });
    expect(second.status).toBe(201);
    await sleep(1000);
    const cancelAt = Date.now();
    const cancel = await reviewer.call<{ state: string }>('DELETE', `/api/emergency/${second.body.id}`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.state).toBe('cancelled');
    await sleep(1500);
    const lastBulletin = arrivalsOf(clientA, bulletinFrames).at(-1)!;
    expect(lastBulletin - cancelAt).toBeLessThan(300);
    const backOnProgramme = clientA.frames().find((f) => f.at > cancelAt && programmeFrames.has(f.frame.toString('hex')));
    expect(backOnProgramme!.at - cancelAt).toBeLessThan(500);
    expect((await admin.call<{ active: unknown[] }>('GET', '/api/emergency')).body.active).toEqual([]);
    const after = (await admin.call<{ rows: Row[] }>('GET', `/api/airtime?from=${date}&to=${date}&zone=tdp-a&format=json`)).body.rows;
    expect(after.find((r) => r.itemId === bulletin && r.outcome === 'interrupted')?.detail).toContain('kiem-duyet');
    closeAll(clientA, clientB);
  }, 90_000);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const closeAll = (...clients: FrameClient[]) => clients.forEach((c) => c.close());

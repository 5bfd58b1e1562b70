import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, isoWeekday, localDate } from '../../src/domain/time.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { freePort } from '../support/ports.ts';
import { apiClient } from '../support/apiClient.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { PLAN_LEAD_MS } from '../../src/scheduling/planService.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `npm start`'s entry point as a real process and resolves once it listens. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // A minute: tsx compiles the whole daemon at start, slow on a busy 2-core machine.
  for (let i = 0; i < 600 && !out.includes('is running: http'); i++) {
    if (child.exitCode !== null) throw new Error(`daemon exited: ${out}`);
    await sleep(100);
  }
  if (!out.includes('is running: http')) throw new Error(`daemon did not start: ${out}`);
  return child;
}

describe('kill -9 mid-item, restart', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    dir = await makeTempDir();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = cleanEnv({
      LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_PORT: String(port),
      LOA_HOST: '127.0.0.1', LOA_ADMIN_PASSWORD: 'admin-pass-123', LOA_DEMO: 'false', LOA_LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await removeDir(dir);
  });

  it('closes the open airtime row as interrupted and resumes the item at the right point', async () => {
    child = await startProcess(env);
    const api = apiClient(base);
    await api.login('admin', 'admin-pass-123');
    const tone = await makeTone(dir, { freq: 550, seconds: 20, format: 'wav' });
    const { id } = await api.uploadApproved(tone, { title: 'Bản tin dài' });
    // The window and the whole test after it (~30 s) fall on one local date, midnight or not.
    await clearOfMidnight(TZ, 45_000);
    // A plan's new slots begin PLAN_LEAD_MS after it is asked for at the earliest.
    const startMs = Math.ceil((Date.now() + PLAN_LEAD_MS + 1000) / 1000) * 1000;
    const date = localDate(startMs, TZ);
    const hhmmss = (ms: number) => formatInstant(ms, TZ).slice(11, 19);
    await api.call('PUT', '/api/zones/tdp-1', {
      name: 'Tổ dân phố 1',
      windows: [{ days: [isoWeekday(date)], start: hhmmss(startMs), end: hhmmss(startMs + 25_000) }],
    });
    const plan = await api.call<{ slots: { itemId: string }[] }>('POST', '/api/plan', { from: date, to: date });
    expect(plan.body.slots.map((s) => s.itemId)).toEqual([id]);

    // 7 s into the item: one heartbeat (every 5 s) has been written. Then the power cut.
    await sleep(startMs + 7000 - Date.now());
    child.kill('SIGKILL');
    await once(child, 'exit');
    await sleep(1500);
    const restartedAt = Date.now();
    child = await startProcess(env);
    await api.login('admin', 'admin-pass-123');

    // The player reads the item's audio before it goes back on air: on a busy machine that is a
    // moment after the daemon listens, so ask until it is on air (or 5 s have passed).
    type Now = { current: { itemId: string } | null; positionMs: number };
    let now = await api.call<Now>('GET', '/api/zones/tdp-1/now');
    for (let i = 0; i < 50 && !now.body.current; i++) {
      await sleep(100);
      now = await api.call<Now>('GET', '/api/zones/tdp-1/now');
    }
    console.log(`crash: back on air ${Date.now() - restartedAt} ms after the restart began`);
    expect(now.body.current?.itemId).toBe(id);
    // Cut in where the programme is now, not from the start of the item.
    expect(Math.abs(now.body.positionMs - (Date.now() - startMs))).toBeLessThan(1500);

    await sleep(startMs + 21_000 - Date.now());
    const log = await api.call<{ rows: { itemId: string; outcome: string; playedMs: number; startedAt: string; endedAt: string }[] }>(
      'GET', `/api/airtime?from=${date}&to=${date}&format=json`,
    );
    const rows = log.body.rows;
    expect(rows.map((r) => r.outcome)).toEqual(['interrupted', 'completed']);
    const [cut, resumed] = rows as [typeof rows[0], typeof rows[0]];
    // The interrupted row ends at its last heartbeat: nothing is claimed that may not have aired.
    expect(cut.playedMs).toBeGreaterThanOrEqual(4500);
    expect(cut.playedMs).toBeLessThanOrEqual(7000);
    expect(Date.parse(resumed.startedAt)).toBeGreaterThanOrEqual(restartedAt);
    // Nothing counted twice: the two rows together cover less than the item.
    expect(cut.playedMs + resumed.playedMs).toBeLessThan(20_100);
    expect(Math.abs(Date.parse(resumed.endedAt) - (startMs + 20_000))).toBeLessThan(500);
  }, 240_000); // two starts of up to a minute each, the programme, and up to 45 s waiting out a midnight
});

/**
 * The reference store-and-forward head-end against a real daemon (issue 14, "Done means"): `loa device`
 * downloads its zone's programme, the daemon is stopped, the device still plays each item on time
 * (judged from when its sink received the audio: within 100 ms of the slot), and once the daemon is
 * back its reports reach the airtime log, each play once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { startDaemon, type Daemon } from '../../src/daemon.ts';
import { localDate } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { freePort } from '../support/ports.ts';
import { dominantTones, toneRuns } from '../support/tones.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ROOT = join(import.meta.dirname, '..', '..');
/** The sink's PCM: s16le, 44.1 kHz, mono. */
const PCM_BYTES_PER_MS = 88.2;

/** Polls `read` until `done` holds (the test waits on what it observes, never on a fixed sleep). */
async function until<T>(read: () => Promise<T> | T, done: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Row { zone: string; itemId: string; plannedStart: string; startedAt: string; outcome: string; receivers: number; carriers: { output: string; kind: string; receivers: number }[] }

describe('loa device: store and forward through an outage', () => {
  let dir = '';
  let daemon: Daemon | null = null;
  let client: ChildProcess | null = null;
  afterAll(async () => {
    client?.kill('SIGKILL');
    await daemon?.stop();
    if (dir) await removeDir(dir);
  });

  it('plays the downloaded programme on time with the daemon stopped, and reports each play once when it is back', async () => {
    dir = await makeTempDir('loa-device-');
    const port = await freePort();
    const env = cleanEnv({
      LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_ADMIN_PASSWORD: ADMIN_PASSWORD, LOA_LOG_LEVEL: 'silent',
      LOA_DEMO: 'false', LOA_PORT: String(port), LOA_HOST: '127.0.0.1',
    });
    const boot = () => startDaemon(loadConfig(env), { clock: systemClock, log: pino({ level: 'silent' }), env, listen: true });
    daemon = await boot();
    const base = `http://127.0.0.1:${port}`;
    const api = apiClient(base);
    await api.login('admin', ADMIN_PASSWORD);
    // A zone served only by download devices: Loa streams it nowhere itself.
    expect((await api.call('PUT', '/api/zones/tdp-tai', { name: 'Tổ dân phố tải về', outputs: [] })).status).toBe(200);
    const low = await api.uploadApproved(await makeTone(dir, { freq: 440, seconds: 2, format: 'wav', name: 'a.wav' }), { title: 'Thông báo A' });
    const high = await api.uploadApproved(await makeTone(dir, { freq: 1320, seconds: 2, format: 'wav', name: 'b.wav' }), { title: 'Thông báo B' });
    const device = await api.call<{ key: string }>('PUT', '/api/devices/cum-tai', { name: 'Cụm loa tải về', zone: 'tdp-tai', kind: 'download' });
    expect(device.status).toBe(201);
    await clearOfMidnight(TZ, 90_000);

    // The device, as an installer starts it: its feed URL, its key, a cache, and a pipe for a sink.
    const received: { at: number; bytes: Buffer }[] = [];
    const logs: Record<string, unknown>[] = [];
    client = spawn(process.execPath, [join(ROOT, 'bin', 'loa.js'), 'device', '--url', `${base}/api/devices/cum-tai/feed`, '--key', device.body.key,
      '--cache', join(dir, 'cache'), '--sink', '-', '--poll', '1'], { env: cleanEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
    client.stdout!.on('data', (chunk: Buffer) => received.push({ at: Date.now(), bytes: chunk }));
    let pending = '';
    client.stderr!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          logs.push({ msg: line });
        }
      }
    });
    const said = (msg: string) => logs.filter((l) => l.msg === msg);
    await until(() => said('device started').length, (n) => n === 1, 30_000, 'the device to start');

    // A short programme a few seconds ahead: A, then B after a gap.
    const slotA = Math.ceil((Date.now() + 7000) / 1000) * 1000;
    const slotB = slotA + low.durationMs + 2000;
    for (const [item, at] of [[low, slotA], [high, slotB]] as const) {
      const res = await api.call('POST', '/api/programmes', { zones: ['tdp-tai'], items: [item.id], at: new Date(at).toISOString(), outsideWindows: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await until(() => said('audio cached').length, (n) => n === 2, 15_000, 'both files in the device cache');
    expect((await api.call<{ state: string }>('GET', '/api/devices/cum-tai')).body.state).toBe('online');

    // The link goes: Loa stops before the first slot.
    await daemon.stop();
    daemon = null;
    expect(Date.now(), 'the set-up took too long: Loa must be down before the first slot').toBeLessThan(slotA - 500);
    await until(() => said('Loa unreachable: playing from the cache').length, (n) => n > 0, 10_000, 'the device to notice');
    await until(() => said('play report').length, (n) => n === 2, slotB + high.durationMs + 15_000 - Date.now(), 'both plays to end');

    // Each item reached the sink on time: the first bytes after each slot, within 100 ms of it.
    const firstAfter = (ms: number) => received.find((c) => c.at >= ms - 1000)!;
    expect(received.filter((c) => c.at < slotA - 100).reduce((n, c) => n + c.bytes.length, 0)).toBe(0);
    for (const slot of [slotA, slotB]) expect(Math.abs(firstAfter(slot).at - slot), `sink started ${firstAfter(slot).at - slot} ms after the slot`).toBeLessThan(100);
    const pcmOf = (from: number, to: number) => Buffer.concat(received.filter((c) => c.at >= from - 100 && c.at < to).map((c) => c.bytes));
    const pcmA = pcmOf(slotA, slotB);
    const pcmB = pcmOf(slotB, slotB + 60_000);
    expect(pcmA.length).toBeGreaterThan(low.durationMs * PCM_BYTES_PER_MS * 0.95);
    expect(toneRuns(dominantTones(pcmA, 44_100, [440, 1320]), 5).map((r) => r.freq)).toEqual([440]);
    expect(toneRuns(dominantTones(pcmB, 44_100, [440, 1320]), 5).map((r) => r.freq)).toEqual([1320]);

    // Loa comes back: the queued reports reach the airtime log, one row per play, the device its carrier.
    daemon = await boot();
    const today = localDate(slotA, TZ);
    const log = async () => (await api.call<{ rows: Row[] }>('GET', `/api/airtime?from=${today}&to=${today}&zone=tdp-tai`)).body.rows ?? [];
    await api.login('admin', ADMIN_PASSWORD);
    const rows = await until(log, (rs) => rs.length === 2, 15_000, 'the reported plays in the airtime log');
    expect(rows.map((r) => [r.itemId, Date.parse(r.plannedStart), r.outcome, r.receivers, r.carriers])).toEqual([
      [low.id, slotA, 'completed', 1, [{ output: 'device:cum-tai', kind: 'device', receivers: 1 }]],
      [high.id, slotB, 'completed', 1, [{ output: 'device:cum-tai', kind: 'device', receivers: 1 }]],
    ]);
    for (const [row, slot] of [[rows[0]!, slotA], [rows[1]!, slotB]] as const) expect(Math.abs(Date.parse(row.startedAt) - slot)).toBeLessThan(100);
    await until(() => logs.filter((l) => l.msg === 'play reports sent').at(-1)?.waiting, (w) => w === 0, 10_000, 'the queue to empty');

    // Nothing counts twice: the same reports sent again are duplicates, and the log keeps its two rows.
    const again = await fetch(`${base}/api/devices/cum-tai/played`, {
      method: 'POST', headers: { 'x-stream-key': device.body.key, 'content-type': 'application/json' },
      body: JSON.stringify(rows.map((r) => ({ itemId: r.itemId, start: r.startedAt, end: r.startedAt, outcome: 'completed' }))),
    });
    expect(((await again.json()) as { accepted: { duplicate: boolean }[] }).accepted.map((a) => a.duplicate)).toEqual([true, true]);
    expect(await log()).toHaveLength(2);
    const report = await api.call<{ byZone: { zone: string; plays: number }[] }>('GET', `/api/reports/monthly?month=${today.slice(0, 7)}`);
    expect(report.body.byZone.find((z) => z.zone === 'tdp-tai')?.plays).toBe(2);

    client.kill('SIGTERM');
    await once(client, 'exit');
    client = null;
  }, 180_000);
});

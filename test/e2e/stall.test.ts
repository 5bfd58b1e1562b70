/**
 * A head-end that stalls: a device connects to a zone's HTTP mount and never reads again. The daemon
 * runs as a real process and plays a 30 s item to the zone; two well-behaved devices listen next to
 * the stalled one. The two must get the whole item in real time and the play must last exactly its
 * length; only they heard it.
 *
 * Known fault (reported, src/playout/httpMount.ts is not this test's to change): the mount judges a
 * listener by Node's own unsent bytes only, and counts what the kernel holds in the socket buffers
 * as delivered. Linux grows those buffers to megabytes (2.8–4.0 MB measured on loopback at 96 kbps:
 * a stalled device was dropped after 4.5–6 minutes), and meanwhile it counts as a listener and as a
 * receiver that heard every play. The second case states the right outcome and is expected to fail until the
 * mount is fixed (vitest reports it when it starts passing). The drop at the 256 KiB limit itself is
 * tested at an accelerated rate in test/e2e/stream.test.ts.
 */
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/time.ts';
import { apiClient } from '../support/apiClient.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { startDaemonProcess, stopGently, type DaemonProcess } from '../support/daemonProcess.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { freePort } from '../support/ports.ts';
import { listenToStream, type StreamListener } from '../support/streamListener.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ZONE = 'tdp-treo';
const ITEM_SECONDS = 30;
const BYTES_PER_MS = 12; // 96 kbps

interface Output { name: string; state: string; listeners: number | null; lastError: string | null; lastErrorAt: number | null }
interface Row { itemId: string; outcome: string | null; startedAt: string; endedAt: string | null; playedMs: number | null; receivers: number | null }

/** Polls `read` until `done` holds, or fails after `ms` naming `what`. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A device that sends its request and then never reads a byte (its kernel buffers fill, then Loa's). */
function stalledDevice(port: number, path: string): { socket: net.Socket; connected: Promise<void> } {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.pause();
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: stalled-device\r\n\r\n`);
    resolve();
  }));
  return { socket, connected };
}

describe('a head-end that stalls', () => {
  let dir: string, fixtures: string, base: string, port: number;
  let proc: DaemonProcess | null = null;
  const sockets: { close(): void }[] = [];
  let row: Row;
  let itemMs: number;
  let devices: StreamListener[];

  beforeAll(async () => {
    [dir, fixtures] = await Promise.all([makeTempDir(), makeTempDir()]);
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = await startDaemonProcess(cleanEnv({
      LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_PORT: String(port), LOA_HOST: '127.0.0.1',
      LOA_ADMIN_PASSWORD: 'admin-pass-123', LOA_DEMO: 'false', LOA_LOG_LEVEL: 'info',
    }));
    const api = apiClient(base);
    await api.login('admin', 'admin-pass-123');
    expect((await api.call('PUT', `/api/zones/${ZONE}`, { name: 'Tổ dân phố treo', outputs: [{ type: 'http' }] })).status).toBe(200);
    const item = await api.uploadApproved(await makeTone(fixtures, { freq: 440, seconds: ITEM_SECONDS }), { title: 'Tin dài' });
    itemMs = item.durationMs;
    const mount = async () =>
      (await api.call<{ zones: { zone: string; outputs: Output[] }[] }>('GET', '/api/health/zones')).body.zones.find((z) => z.zone === ZONE)?.outputs[0];
    await until(mount, (o) => o?.state === 'idle' || o?.state === 'up', 20_000, 'the zone player');
    await clearOfMidnight(TZ, (ITEM_SECONDS + 30) * 1000);

    devices = [listenToStream(port, `/stream/${ZONE}.mp3`), listenToStream(port, `/stream/${ZONE}.mp3`)];
    sockets.push(...devices);
    const stalled = stalledDevice(port, `/stream/${ZONE}.mp3`);
    sockets.push({ close: () => stalled.socket.destroy() });
    await stalled.connected;
    expect(await Promise.all(devices.map((d) => d.ready))).toEqual([200, 200]);
    await until(mount, (o) => o?.listeners === 3, 5000, 'three listeners');

    const played = await api.call('POST', '/api/programmes', { zones: [ZONE], items: [item.id], outsideWindows: true });
    expect(played.status, JSON.stringify(played.body)).toBe(201);
    const today = localDate(Date.now(), TZ);
    const log = async () => (await api.call<{ rows: Row[] }>('GET', `/api/airtime?from=${today}&to=${today}&format=json`)).body.rows;
    [row] = (await until(log, (rs) => rs.length === 1 && rs[0]!.outcome !== null, (ITEM_SECONDS + 20) * 1000, 'the airtime row')) as [Row];
    expect(row).toMatchObject({ itemId: item.id, outcome: 'completed' });
  }, 90_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stopGently(proc);
    await Promise.all([removeDir(dir), removeDir(fixtures)]);
  });

  it('lets the devices that read hear the whole item in real time, and the play lasts exactly its length', () => {
    const airedMs = Date.parse(row.endedAt!) - Date.parse(row.startedAt);
    expect(Math.abs(airedMs - itemMs)).toBeLessThan(500);
    expect(Math.abs(row.playedMs! - itemMs)).toBeLessThan(500);
    for (const d of devices) {
      expect(d.closed()).toBe(false);
      // Read as the row closed: nothing is sent ahead of time, so ≥ 97 % then means they kept pace.
      expect(d.programmeBytes()).toBeGreaterThan(itemMs * BYTES_PER_MS * 0.97);
    }
    expect(row.receivers).toBeGreaterThanOrEqual(2);
  });

  // Known fault, see the header: today the row says 3 (the stalled device "heard" it from the kernel's buffers).
  it.fails('counts only the two devices that read as receivers, not the stalled one', () => {
    expect(row.receivers).toBe(2);
  });
});

/**
 * A head-end that stalls: a device on a zone's HTTP mount reads for a moment, then never again (it
 * hung). The daemon runs as a real process; two well-behaved devices listen next to the stalled one.
 * Once the stall is established (DETECTED_MS after its last read), the zone plays a short item and
 * then a 30 s one. The two devices must get both in real time and each play must last exactly its
 * length; only they heard either play, although the stalled device was still connected when the
 * short one started; and the stalled device is dropped before the long one ends.
 *
 * Why the bound: Linux acknowledges on the stalled device's behalf until its receive buffer is full
 * (~139 kB, ~11.6 s of 96 kbps audio, measured: see src/playout/tcpBacklog.ts); from then on the
 * bytes stay unacknowledged in Loa's kernel, and the mount counts only what was acknowledged once
 * more than 3 s of audio is (read every 5 s): 11.6 + 3 + 5 s ≈ 20 s, DETECTED_MS leaves a margin. It
 * is dropped once 256 KiB are not taken: 11.6 + 21.8 s, seen within 5 s, so 33–39 s after its last read. Before the fix the stalled device counted
 * as a receiver of every play for the 4.5–6 minutes Linux took to fill its send buffers.
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
const SHORT_SECONDS = 8;
const LONG_SECONDS = 30;
const BYTES_PER_MS = 12; // 96 kbps
/** From the stalled device's last read to the first play it must not be counted for (see the header). */
const DETECTED_MS = 24_000;

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

/**
 * A device that sends its request, reads `readBytes` of the stream (the silence between programmes),
 * then never reads again: its kernel buffers fill, then Loa's. `stalled` resolves with when it stopped.
 */
function stallingDevice(port: number, path: string, readBytes: number): { socket: net.Socket; stalled: Promise<number> } {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  const stalled = new Promise<number>((resolve) => {
    let got = 0;
    socket.once('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: stalled-device\r\n\r\n`));
    const onData = (d: Buffer) => {
      got += d.length;
      if (got < readBytes) return;
      socket.off('data', onData);
      socket.pause();
      resolve(Date.now());
    };
    socket.on('data', onData);
  });
  return { socket, stalled };
}

describe('a head-end that stalls', () => {
  let dir: string, fixtures: string, base: string, port: number;
  let proc: DaemonProcess | null = null;
  const sockets: { close(): void }[] = [];
  let rows: [Row, Row];
  let items: { id: string; durationMs: number }[];
  let devices: StreamListener[];
  let stalledAt: number;
  let listenersAtShortStart: number | null;
  let mountAtLongEnd: Output | undefined;

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
    items = [
      await api.uploadApproved(await makeTone(fixtures, { freq: 660, seconds: SHORT_SECONDS }), { title: 'Tin ngắn' }),
      await api.uploadApproved(await makeTone(fixtures, { freq: 440, seconds: LONG_SECONDS }), { title: 'Tin dài' }),
    ];
    const mount = async () =>
      (await api.call<{ zones: { zone: string; outputs: Output[] }[] }>('GET', '/api/health/zones')).body.zones.find((z) => z.zone === ZONE)?.outputs[0];
    await until(mount, (o) => o?.state === 'idle' || o?.state === 'up', 20_000, 'the zone player');
    await clearOfMidnight(TZ, (SHORT_SECONDS + LONG_SECONDS + 60) * 1000);

    devices = [listenToStream(port, `/stream/${ZONE}.mp3`), listenToStream(port, `/stream/${ZONE}.mp3`)];
    sockets.push(...devices);
    const stalling = stallingDevice(port, `/stream/${ZONE}.mp3`, 2 * 1000 * BYTES_PER_MS);
    sockets.push({ close: () => stalling.socket.destroy() });
    expect(await Promise.all(devices.map((d) => d.ready))).toEqual([200, 200]);
    stalledAt = await stalling.stalled;
    await until(mount, (o) => o?.listeners === 3, 5000, 'three listeners');

    const at = new Date(stalledAt + DETECTED_MS).toISOString();
    const played = await api.call('POST', '/api/programmes', { zones: [ZONE], items: items.map((i) => i.id), at, outsideWindows: true });
    expect(played.status, JSON.stringify(played.body)).toBe(201);
    const today = localDate(Date.now(), TZ);
    const log = async () => (await api.call<{ rows: Row[] }>('GET', `/api/airtime?from=${today}&to=${today}&format=json`)).body.rows;
    await until(log, (rs) => rs.length > 0, DETECTED_MS + 20_000, 'the short play to start');
    listenersAtShortStart = (await mount())?.listeners ?? null;
    const final = await until(log, (rs) => rs.length === 2 && rs.every((r) => r.outcome !== null), (SHORT_SECONDS + LONG_SECONDS + 20) * 1000, 'both rows');
    mountAtLongEnd = await mount();
    rows = [...final].sort((a, b) => a.startedAt.localeCompare(b.startedAt)) as [Row, Row];
  }, 150_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stopGently(proc);
    await Promise.all([removeDir(dir), removeDir(fixtures)]);
  });

  it('lets the devices that read hear both items in real time, and each play lasts exactly its length', () => {
    expect(rows.map((r) => [r.itemId, r.outcome])).toEqual(items.map((i) => [i.id, 'completed']));
    for (const [i, row] of rows.entries()) {
      const itemMs = items[i]!.durationMs;
      expect(Math.abs(Date.parse(row.endedAt!) - Date.parse(row.startedAt) - itemMs)).toBeLessThan(500);
      expect(Math.abs(row.playedMs! - itemMs)).toBeLessThan(500);
    }
    const totalMs = items[0]!.durationMs + items[1]!.durationMs;
    for (const d of devices) {
      expect(d.closed()).toBe(false);
      // Read as the last row closed: nothing is sent ahead of time, so ≥ 97 % then means they kept pace.
      expect(d.programmeBytes()).toBeGreaterThan(totalMs * BYTES_PER_MS * 0.97);
    }
  });

  it('counts the two devices that read as receivers of each play, never the stalled one, though it was still connected', () => {
    expect(Date.parse(rows[0].startedAt)).toBeGreaterThanOrEqual(stalledAt + DETECTED_MS - 1000);
    expect(listenersAtShortStart).toBe(3);
    expect(rows.map((r) => r.receivers)).toEqual([2, 2]);
  });

  it('drops the stalled device once it has not taken 256 KiB, before the long play ends', () => {
    expect(mountAtLongEnd).toMatchObject({ listeners: 2, lastError: expect.stringMatching(/dropped: \d+ bytes not taken \(\d+ unsent, \d+ unacknowledged\)/) });
    console.info(`stalled device dropped ${((mountAtLongEnd!.lastErrorAt! - stalledAt) / 1000).toFixed(1)} s after its last read`);
  });
});

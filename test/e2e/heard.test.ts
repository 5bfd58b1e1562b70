/**
 * "Heard" end to end (decisions §2): a real daemon plays one approved item at once on six zones, each
 * with a different audience, and the airtime log and the monthly report must say exactly who got it.
 *   nghe-khong  HTTP mount, nobody connected                     → 0 receivers, shown apart
 *   nghe-mot    HTTP mount, a plain device connected before       → 1 receiver (http)
 *   nghe-nua    HTTP mount, a device that leaves half-way          → 0
 *   nghe-thu    HTTP mount, a ?monitor=1 client and a «Nghe thử» listener, both fed the whole play → 0
 *   nghe-ice    Icecast push to a real icecast2 on loopback        → 1 (handed to Icecast)
 *   nghe-rtp    RTP to a UDP socket on loopback                    → 1 (its destination)
 */
import dgram from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/time.ts';
import type { MonthlyReport } from '../../src/reports/model.ts';
import { apiClient } from '../support/apiClient.ts';
import { startIcecast, type IcecastServer } from '../support/icecastServer.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { clearOfMidnight } from '../support/midnight.ts';
import { freeRtpPort } from '../support/ports.ts';
import { listenToStream, type StreamListener } from '../support/streamListener.ts';
import { ADMIN_PASSWORD, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** 96 kbps: 12 bytes of MP3 per millisecond. */
const BYTES_PER_MS = 12;
const HTTP_ZONES = ['nghe-khong', 'nghe-mot', 'nghe-nua', 'nghe-thu'];
const ZONES = [...HTTP_ZONES, 'nghe-ice', 'nghe-rtp'];

interface Row { zone: string; outcome: string | null; playedMs: number | null; receivers: number | null; carriers: unknown }
interface ZoneHealth { zone: string; outputs: { name: string; state: string; listeners: number | null; bytesSent: number }[] }

/** Polls `read` until `done` holds (or fails after `ms`): the test waits on the daemon, never on a fixed sleep. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('heard: a play counts only where a receiver got it', () => {
  let t: TestDaemon;
  let ice: IcecastServer;
  let dir: string;
  let api: ReturnType<typeof apiClient>;
  let port: number;
  let rtp: dgram.Socket;
  let rtpPackets = 0;
  const listeners: StreamListener[] = [];

  beforeAll(async () => {
    // One after the other: icecast2 binds a port picked free beforehand, which a daemon on port 0 could take meanwhile.
    ice = await startIcecast();
    t = await startTestDaemon({ listen: true });
    dir = await makeTempDir('loa-heard-');
    port = (t.daemon.app.server.address() as AddressInfo).port;
    api = apiClient(`http://127.0.0.1:${port}`);
    await api.login('admin', ADMIN_PASSWORD);
    const rtpPort = await freeRtpPort();
    rtp = dgram.createSocket('udp4');
    rtp.on('message', () => rtpPackets++);
    rtp.bind(rtpPort, '127.0.0.1');
    await once(rtp, 'listening');
    const outputs: Record<string, unknown[]> = {
      'nghe-ice': [{ type: 'icecast', url: `icecast://source:${ice.sourcePassword}@127.0.0.1:${ice.port}/nghe-ice` }],
      'nghe-rtp': [{ type: 'rtp', address: '127.0.0.1', port: rtpPort, ttl: 1, codec: 'mp3' }],
    };
    for (const zone of ZONES) {
      const res = await api.call('PUT', `/api/zones/${zone}`, { name: `Vùng ${zone}`, outputs: outputs[zone] ?? [{ type: 'http' }] });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    for (const l of listeners) l.close();
    rtp?.close();
    await t?.close();
    await ice?.stop();
    if (dir) await removeDir(dir);
  });

  it('logs each zone with its receivers and carriers, and the report shows the plays to nobody apart', async () => {
    const item = await api.uploadApproved(await makeTone(dir, { freq: 660, seconds: 4, format: 'wav', name: 'tone.wav' }), { title: 'Âm thử nghe' });
    await clearOfMidnight(TZ, 30_000); // the play, its rows and the report's month on one local date
    const health = () => api.call<{ zones: ZoneHealth[] }>('GET', '/api/health/zones').then((r) => r.body.zones);
    const of = (zones: ZoneHealth[], id: string) => zones.find((z) => z.zone === id)?.outputs[0];
    // Every zone's player runs, and the Icecast source is connected (it carries the silence between programmes).
    await until(health, (zs) => ZONES.every((z) => of(zs, z)) && (of(zs, 'nghe-ice')?.bytesSent ?? 0) > 0, 20_000, 'players and the icecast source');

    const itemBytes = item.durationMs * BYTES_PER_MS;
    const device = listenToStream(port, '/stream/nghe-mot');
    const leaver = listenToStream(port, '/stream/nghe-nua', { leaveAfter: itemBytes / 2 });
    const monitor = listenToStream(port, '/stream/nghe-thu?monitor=1');
    const pass = await api.call<{ url: string }>('POST', '/api/zones/nghe-thu/listen');
    expect(pass.status).toBe(200);
    const tryout = listenToStream(port, pass.body.url);
    listeners.push(device, leaver, monitor, tryout);
    expect(await Promise.all([device, leaver, monitor, tryout].map((l) => l.ready))).toEqual([200, 200, 200, 200]);
    // Devices count as listeners; monitors never do.
    const zones = await until(health, (zs) => of(zs, 'nghe-mot')?.listeners === 1 && of(zs, 'nghe-nua')?.listeners === 1, 5000, 'listeners');
    expect(HTTP_ZONES.map((z) => of(zones, z)?.listeners)).toEqual([0, 1, 1, 0]);

    const played = await api.call('POST', '/api/programmes', { zones: ZONES, items: [item.id], outsideWindows: true });
    expect(played.status, JSON.stringify(played.body)).toBe(201);
    const today = localDate(Date.now(), TZ);
    const log = async (query = '') => (await api.call<{ rows: Row[] }>('GET', `/api/airtime?from=${today}&to=${today}${query}`)).body.rows;
    const rows = await until(log, (rs) => rs.length === ZONES.length && rs.every((r) => r.outcome !== null), item.durationMs + 15_000, 'final rows');

    const byZone = Object.fromEntries(rows.map((r) => [r.zone, [r.outcome, r.receivers, r.carriers]]));
    expect(byZone).toEqual({
      'nghe-khong': ['completed', 0, []],
      'nghe-mot': ['completed', 1, [{ output: 'http:/stream/nghe-mot', kind: 'http', receivers: 1 }]],
      'nghe-nua': ['completed', 0, []],
      'nghe-thu': ['completed', 0, []],
      'nghe-ice': ['completed', 1, [{ output: `icecast://127.0.0.1:${ice.port}/nghe-ice`, kind: 'icecast', receivers: 1 }]],
      'nghe-rtp': ['completed', 1, [{ output: expect.stringMatching(/^rtp:\/\/127\.0\.0\.1:\d+$/), kind: 'rtp', receivers: 1 }]],
    });
    // What the clients themselves saw: the device and both monitors got the whole play, the leaver half of it.
    for (const l of [device, monitor, tryout]) expect(l.programmeBytes()).toBeGreaterThan(itemBytes * 0.9);
    expect(leaver.closed()).toBe(true);
    expect(leaver.programmeBytes()).toBeLessThan(itemBytes * 0.6);
    expect(rtpPackets).toBeGreaterThan(0);
    expect((await log('&reception=unheard')).map((r) => r.zone).sort()).toEqual(['nghe-khong', 'nghe-nua', 'nghe-thu']);

    const month = today.slice(0, 7);
    const report = await api.call<MonthlyReport>('GET', `/api/reports/monthly?month=${month}`);
    expect(report.status).toBe(200);
    const plays = Object.fromEntries(report.body.byZone.filter((z) => ZONES.includes(z.zone)).map((z) => [z.zone, z.plays]));
    expect(plays).toEqual({ 'nghe-khong': 0, 'nghe-mot': 1, 'nghe-nua': 0, 'nghe-thu': 0, 'nghe-ice': 1, 'nghe-rtp': 1 });
    expect(report.body.reception.byZone.map((z) => [z.zone, z.unheardPlays, z.unknownPlays])).toEqual([
      ['nghe-khong', 1, 0], ['nghe-nua', 1, 0], ['nghe-thu', 1, 0],
    ]);
    const html = await api.call<string>('GET', `/api/reports/monthly?month=${month}&format=html`);
    expect(html.body).toContain('data-table="reception"');
    expect(html.body).toContain('phát nhưng không có thiết bị nhận');
  }, 120_000);
});

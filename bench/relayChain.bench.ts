// The relay chain (issue 13): a programme played by Loa, pushed to an icecast2 master, relayed by a
// second icecast2 (both local), and heard by plain clients at each step. For each setting of Loa's
// `sendAheadMs` and Icecast's `burst-size`, it prints the start-time error of every item: when its
// first frame arrived at the client, and when a device that plays what it receives would play it.
// Target: some setting brings the relay's listener under 100 ms (median and p95 of |error| of the
// played start); exit 1 otherwise. docs/scaling.md gives the settings.
// Usage: npm run bench:relay-chain [-- --items 8 --seconds 4] ; --small: the recommended setting, 3 items.
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { audioPath } from '../src/library/audioStore.ts';
import { getItem } from '../src/storage/items.ts';
import { apiClient } from '../test/support/apiClient.ts';
import { connectFrameClient, framesOf, type FrameClient } from '../test/support/frameClient.ts';
import { startIcecast, type IcecastServer } from '../test/support/icecastServer.ts';
import { makeTempDir, makeTone, removeDir } from '../test/support/makeAudio.ts';
import { ADMIN_PASSWORD, startTestDaemon } from '../test/support/testDaemon.ts';
import { absSummary, startErrors, type ItemFrames } from './relayChainMeasure.ts';

const TARGET_MS = 100;
const MOUNT = '/tdp-chain';
const small = process.argv.includes('--small');

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `port` serves `path` with 200 (the mount exists), or throws after `timeoutMs`. */
async function waitForMount(port: number, path: string, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(200)) {
    const ctrl = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: ctrl.signal });
      ctrl.abort();
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
  }
  throw new Error(`${path} on port ${port} did not come up within ${timeoutMs} ms`);
}

interface Setting {
  sendAheadMs: number;
  burstSize: number;
}

interface Row extends Setting {
  client: string;
  found: number;
  planned: number;
  arrival: ReturnType<typeof absSummary> & { mean: number };
  played: ReturnType<typeof absSummary> & { mean: number };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

/** One setting: fresh servers and daemon, a programme of alternating tones, every client's errors. */
async function measure(setting: Setting, items: number, seconds: number): Promise<Row[]> {
  const dir = await makeTempDir('loa-bench-chain-');
  const servers: IcecastServer[] = [];
  const t = await startTestDaemon({ listen: true, env: { LOA_SEND_AHEAD_MS: String(setting.sendAheadMs) } });
  const clients: Record<string, FrameClient> = {};
  try {
    const master = await startIcecast({ burstSize: setting.burstSize });
    servers.push(master);
    const port = (t.daemon.app.server.address() as AddressInfo).port;
    const api = apiClient(`http://127.0.0.1:${port}`);
    await api.login('admin', ADMIN_PASSWORD);
    const a = await api.uploadApproved(await makeTone(dir, { freq: 500, seconds, format: 'wav', name: 'a.wav' }), { title: 'A' });
    const b = await api.uploadApproved(await makeTone(dir, { freq: 900, seconds, format: 'wav', name: 'b.wav' }), { title: 'B' });
    const zone = await api.call('PUT', `/api/zones${MOUNT}`, {
      name: 'Chuỗi tiếp sóng', windows: [], outputs: [{ type: 'http' }, { type: 'icecast', url: `icecast://source:${master.sourcePassword}@127.0.0.1:${master.port}${MOUNT}` }],
    });
    if (zone.status >= 300) throw new Error(`zone: ${zone.status} ${JSON.stringify(zone.body)}`);
    await waitForMount(master.port, MOUNT, 15_000);
    const relay = await startIcecast({ burstSize: setting.burstSize, relayOf: { port: master.port, mount: MOUNT } });
    servers.push(relay);
    await waitForMount(relay.port, MOUNT, 30_000);
    clients['Loa (HTTP mount)'] = connectFrameClient(port, `/stream${MOUNT}?monitor=1`);
    clients['icecast2 master'] = connectFrameClient(master.port, MOUNT);
    clients['icecast2 relay'] = connectFrameClient(relay.port, MOUNT);
    for (const c of Object.values(clients)) await c.ready;

    const pathOf = (id: string) => audioPath(t.config.audioDir, getItem(t.daemon.db, id)!.audioSha256!);
    const aFrames = await framesOf(pathOf(a.id));
    const bFrames = await framesOf(pathOf(b.id), aFrames);
    const owners: ItemFrames[] = [{ name: 'A', frames: await framesOf(pathOf(a.id), bFrames) }, { name: 'B', frames: bFrames }];
    const ids = Array.from({ length: items }, (_, i) => (i % 2 === 0 ? a.id : b.id));
    const at = new Date(Date.now() + 3000).toISOString();
    const res = await api.call<{ entries: { start: string; end: string }[] }>('POST', '/api/programmes', { zones: [MOUNT.slice(1)], items: ids, outsideWindows: true, at });
    if (res.status !== 201) throw new Error(`programme: ${res.status} ${JSON.stringify(res.body)}`);
    const planned = res.body.entries.map((e) => Date.parse(e.start));
    await sleep(Date.parse(res.body.entries.at(-1)!.end) - Date.now() + 2000);

    return Object.entries(clients).map(([client, c]) => {
      const received = c.frames().map((f) => ({ hex: f.frame.toString('hex'), at: f.at }));
      const e = startErrors(received, owners, planned);
      return {
        ...setting, client, found: e.arrival.length, planned: planned.length,
        arrival: { ...absSummary(e.arrival), mean: mean(e.arrival) }, played: { ...absSummary(e.played), mean: mean(e.played) },
      };
    });
  } finally {
    for (const c of Object.values(clients)) c.close();
    await t.close();
    for (const s of servers.reverse()) await s.stop();
    await removeDir(dir);
  }
}

async function main(): Promise<void> {
  const items = small ? 3 : argValue('items', 8);
  const seconds = argValue('seconds', 4);
  const settings: Setting[] = small
    ? [{ sendAheadMs: 375, burstSize: 0 }]
    : [0, 150, 300, 375].flatMap((sendAheadMs) => [65535, 0].map((burstSize) => ({ sendAheadMs, burstSize })));
  const rows: Row[] = [];
  for (const s of settings) rows.push(...(await measure(s, items, seconds)));

  console.log(`relay-chain bench: ${items} items of ${seconds} s per setting; machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  console.log('errors in ms (+ late, − early); "played" = when a device playing what it receives plays the item\'s first frame');
  console.log('sendAhead  burst   client              found   arrival mean  |median|  |p95|    played mean  |median|  |p95|');
  const f = (v: number, w = 8) => (Number.isFinite(v) ? v.toFixed(0) : '—').padStart(w);
  for (const r of rows) {
    console.log(`${f(r.sendAheadMs, 9)} ${f(r.burstSize, 6)}   ${r.client.padEnd(18)} ${`${r.found}/${r.planned}`.padStart(6)}  ${f(r.arrival.mean, 12)} ${f(r.arrival.median, 9)} ${f(r.arrival.p95, 6)}   ${f(r.played.mean, 11)} ${f(r.played.median, 9)} ${f(r.played.p95, 6)}`);
  }
  const relayRows = rows.filter((r) => r.client === 'icecast2 relay' && r.found === r.planned);
  const good = relayRows.filter((r) => r.played.median < TARGET_MS && r.played.p95 < TARGET_MS);
  const best = [...relayRows].sort((x, y) => x.played.p95 - y.played.p95)[0];
  if (best) console.log(`best for the relay's listener: sendAheadMs ${best.sendAheadMs}, burst-size ${best.burstSize}: played |p95| ${best.played.p95.toFixed(0)} ms`);
  console.log(`target: played |error| median and p95 < ${TARGET_MS} ms at the relay's listener for some setting: ${good.length ? `met (${good.map((g) => `${g.sendAheadMs}/${g.burstSize}`).join(', ')})` : 'MISSED'}`);
  process.exitCode = good.length ? 0 : 1;
}

await main();

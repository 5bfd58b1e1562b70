// Emergency cut-in latency where a head-end hears it (issue 10): from the moment the trigger request
// is sent to the arrival of the bulletin's first frame at a plain client (a raw socket, no decoder),
// over N triggers, on Loa's HTTP mount and through a local icecast2 fed by Loa's Icecast push.
// Each trigger cuts into a programme that is playing, then is cancelled before the next one.
// Targets: median ≤ 1 s (exit 1 when missed); the goal is ≤ 300 ms (printed beside).
// Usage: npm run bench:emergency [-- --triggers 20]
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { apiClient } from '../test/support/apiClient.ts';
import { arrivalsOf, connectFrameClient, framesOf, type FrameClient } from '../test/support/frameClient.ts';
import { startIcecast } from '../test/support/icecastServer.ts';
import { makeTempDir, makeTone, removeDir } from '../test/support/makeAudio.ts';
import { ADMIN_PASSWORD, startTestDaemon } from '../test/support/testDaemon.ts';
import { audioPath } from '../src/library/audioStore.ts';
import { getItem } from '../src/storage/items.ts';

const TARGET_MS = 1000;
const GOAL_MS = 300;

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** Polls until the client has received a frame of `set` after `since`; its arrival, or null after `timeoutMs`. */
async function firstArrival(client: FrameClient, set: Set<string>, since: number, timeoutMs: number): Promise<number | null> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(5)) {
    const hit = arrivalsOf(client, set).find((at) => at >= since);
    if (hit !== undefined) return hit;
  }
  return null;
}

async function main(): Promise<void> {
  const triggers = argValue('triggers', 20);
  const dir = await makeTempDir('loa-bench-emergency-');
  const ice = await startIcecast();
  const t = await startTestDaemon({ listen: true });
  try {
    const port = (t.daemon.app.server.address() as AddressInfo).port;
    const api = apiClient(`http://127.0.0.1:${port}`);
    await api.login('admin', ADMIN_PASSWORD);
    const programme = await api.uploadApproved(await makeTone(dir, { freq: 440, seconds: 90, format: 'wav', name: 'p.wav' }), { title: 'Chương trình' });
    const bulletin = await api.uploadApproved(await makeTone(dir, { freq: 1200, seconds: 2, format: 'wav', name: 'kc.wav' }), { title: 'Khẩn cấp' });
    await api.call('PUT', '/api/zones/tdp-http', { name: 'HTTP mount', windows: [] });
    await api.call('PUT', '/api/zones/tdp-ice', {
      name: 'Icecast', windows: [], outputs: [{ type: 'icecast', url: `icecast://source:${ice.sourcePassword}@127.0.0.1:${ice.port}/tdp-ice` }],
    });
    await api.call('POST', '/api/programmes', { zones: ['tdp-http', 'tdp-ice'], items: [programme.id, programme.id, programme.id], outsideWindows: true });
    const pathOf = (id: string) => audioPath(t.config.audioDir, getItem(t.daemon.db, id)!.audioSha256!);
    const bulletinFrames = await framesOf(pathOf(bulletin.id), await framesOf(pathOf(programme.id)));
    await sleep(2000); // the push has connected and icecast serves the mount
    const clients = {
      'Loa HTTP mount': connectFrameClient(port, '/stream/tdp-http?monitor=1'),
      'Loa → icecast2 push': connectFrameClient(ice.port, '/tdp-ice'),
    };
    for (const c of Object.values(clients)) await c.ready;
    await sleep(1000);

    const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(clients).map((k) => [k, []]));
    for (let i = 0; i < triggers; i++) {
      const sent = Date.now();
      const res = await api.call<{ id: string }>('POST', '/api/emergency', { itemId: bulletin.id, zones: ['tdp-http', 'tdp-ice'] });
      if (res.status !== 201) throw new Error(`trigger ${i + 1} failed: ${res.status} ${JSON.stringify(res.body)}`);
      for (const [name, client] of Object.entries(clients)) {
        const at = await firstArrival(client, bulletinFrames, sent, 5000);
        latencies[name]!.push(at === null ? Infinity : at - sent);
      }
      await api.call('DELETE', `/api/emergency/${res.body.id}`);
      await sleep(700 + ((i * 137) % 400)); // land the next trigger at varied points of the stream's batches
    }
    for (const c of Object.values(clients)) c.close();

    console.log(`emergency bench: ${triggers} triggers; machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
    console.log('output                 median ms   p95 ms   max ms   target (median)   goal');
    let missed = false;
    for (const [name, values] of Object.entries(latencies)) {
      const sorted = [...values].sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      const ok = median <= TARGET_MS;
      missed ||= !ok;
      const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'never').padStart(8);
      console.log(`${name.padEnd(22)} ${fmt(median)}  ${fmt(quantile(sorted, 0.95))} ${fmt(sorted.at(-1)!)}   ≤ ${TARGET_MS} ${ok ? 'met   ' : 'MISSED'}     ≤ ${GOAL_MS} ${median <= GOAL_MS ? 'met' : 'not yet'}`);
    }
    process.exitCode = missed ? 1 : 0;
  } finally {
    await t.close();
    await ice.stop();
    await removeDir(dir);
  }
}

await main();

// The daemon's own memory for bench:stream: the real `node --import tsx src/main.ts` (as the Docker
// image runs it) on a fresh data dir, measured from /proc when just started, with its zones defined
// but silent, and with every zone playing a planned item to its listeners.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { formatInstant, isoWeekday, localDate } from '../src/domain/time.ts';
import { apiClient } from '../test/support/apiClient.ts';
import { cleanEnv } from '../test/support/cleanEnv.ts';
import { makeSpeechLike } from '../test/support/makeAudio.ts';
import { clearOfMidnight } from '../test/support/midnight.ts';
import { freePort } from '../test/support/ports.ts';
import { cpuSeconds, ROOT, rssMb, samplePeakRss, sleep, spawnRole, stdoutLines, stopChild } from './streamProcess.ts';
import type { ListenResult } from './streamRoles.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const ADMIN_PASSWORD = 'bench-admin-pass-1';

/** One state of the daemon and what it took. */
export interface DaemonFigure {
  state: string;
  rssMb: number;
  /** CPU % over the measured stretch (only while playing). */
  cpuPct: number | null;
  listeners: number;
}

/** What the daemon phase measured; `listen` judges its listeners as the scenarios' are judged. */
export interface DaemonMemory {
  figures: DaemonFigure[];
  listen: ListenResult;
}

/** Options of the daemon phase: the zones to define, the listeners of each while they play, how long to measure. */
export interface DaemonPhaseOptions {
  zones: number;
  perZone: number;
  seconds: number;
  /** How far ahead the programme is planned: the listeners connect meanwhile. */
  leadSeconds: number;
  /** After start-up or a change, the daemon settles (JIT, first ticks, GC) this long before its memory is read. */
  settleSeconds: number;
  bitrateKbps: number;
  dir: string;
}

/** Polls /healthz until the daemon answers (it may take a while on a busy machine: migrations, first ticks). */
async function waitHealthy(base: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the daemon exited during start-up');
    const ok = await fetch(`${base}/healthz`).then((r) => r.status < 500, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error('the daemon did not answer /healthz within 60 s');
}

/** Runs the daemon phase; the daemon and its data dir are gone when it resolves. */
export async function measureDaemon(o: DaemonPhaseOptions): Promise<DaemonMemory> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = cleanEnv({
    LOA_DATA_DIR: path.join(o.dir, 'data'),
    LOA_AUDIO_DIR: path.join(o.dir, 'audio'),
    LOA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOA_PORT: String(port),
    LOA_HOST: '127.0.0.1',
    LOA_DEMO: 'false',
    LOA_LOG_LEVEL: 'warn',
    LOA_TZ: TZ,
  });
  const raiseFds = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
  const daemon = spawn('/bin/sh', ['-c', raiseFds, process.execPath, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = daemon.pid ?? 0;
  const figures: DaemonFigure[] = [];
  try {
    await waitHealthy(base, () => daemon.exitCode !== null);
    await sleep(o.settleSeconds * 1000);
    figures.push({ state: 'started, no zones', rssMb: rssMb(pid), cpuPct: null, listeners: 0 });

    const api = apiClient(base);
    await api.login('admin', ADMIN_PASSWORD);
    const zones = Array.from({ length: o.zones }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
    for (const zone of zones) {
      const res = await api.call('PUT', `/api/zones/${zone}`, { name: `Tổ ${zone}` });
      if (res.status !== 200) throw new Error(`PUT /api/zones/${zone}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await sleep(o.settleSeconds * 1000);
    figures.push({ state: `${o.zones} zones, silence between programmes`, rssMb: rssMb(pid), cpuPct: null, listeners: 0 });

    // One approved item, planned in a window every zone opens a few seconds from now.
    const file = await makeSpeechLike(o.dir, { seconds: o.seconds + 4, format: 'wav', name: 'bench-item.wav' });
    const item = await api.uploadApproved(file, { title: 'Bài đo tải / bench item' });
    await clearOfMidnight(TZ, 60_000 + item.durationMs);
    const startMs = Math.ceil((Date.now() + o.leadSeconds * 1000) / 1000) * 1000;
    const local = (ms: number) => formatInstant(ms, TZ).slice(11, 19);
    const date = localDate(startMs, TZ);
    const window = { days: [isoWeekday(date)], start: local(startMs), end: local(startMs + item.durationMs + 5000), peak: true };
    for (const zone of zones) {
      const res = await api.call('PUT', `/api/zones/${zone}`, { name: `Tổ ${zone}`, windows: [window] });
      if (res.status !== 200) throw new Error(`PUT /api/zones/${zone} (window): ${res.status} ${JSON.stringify(res.body)}`);
    }
    const plan = await api.call<{ slots: { zone: string }[] }>('POST', '/api/plan', { from: date, to: date, zones });
    const planned = new Set(plan.body.slots?.map((s) => s.zone) ?? []);
    if (plan.status !== 200 || planned.size !== zones.length) {
      throw new Error(`planning the bench item: ${plan.status}, ${planned.size} of ${zones.length} zones planned`);
    }

    // Listeners connect during the silence before it (monitors: they never count as receivers).
    const listen = spawnRole('listen', {
      port,
      paths: zones.map((z) => `/stream/${z}?monitor=1`),
      perPath: o.perZone,
      seconds: (startMs - Date.now()) / 1000 + o.seconds + 60,
      bitrateKbps: o.bitrateKbps,
    });
    const lines = stdoutLines(listen);
    const result = lines.next('RESULT');
    try {
      await lines.next('CONNECTED');
      if (Date.now() > startMs) throw new Error('the listeners took longer to connect than the time left before the programme');
      await sleep(startMs + 1000 - Date.now());
      const rss = samplePeakRss([pid]);
      const cpu0 = cpuSeconds(pid);
      const t0 = performance.now();
      await sleep(o.seconds * 1000);
      const cpuPct = (100 * (cpuSeconds(pid) - cpu0)) / ((performance.now() - t0) / 1000);
      rss.stop();
      listen.stdin?.write('RESULT\n');
      const heard = JSON.parse(await result) as ListenResult;
      figures.push({ state: `${o.zones} zones playing`, rssMb: rss.peaks[0] ?? 0, cpuPct, listeners: heard.listeners });
      return { figures, listen: heard };
    } finally {
      await stopChild(listen);
    }
  } finally {
    await stopChild(daemon);
  }
}

// Streaming cost: Loa's embedded HTTP mount against icecast2 serving the same 96 kbps stream to the
// same raw-socket listeners, in (a) 1,000 listeners on one zone and (b) 50 zones × 20 listeners; then
// the daemon's own memory (bench/streamDaemon.ts). Every side runs in its own process (see
// bench/streamRoles.ts) and is measured from /proc alone (bench/streamProcess.ts).
//
// Side by side: both servers stream to their own listeners AT THE SAME TIME, and their CPU is read
// over the same windows, so load from other work on the machine falls on both alike. The ratio is
// over the whole measurement; the per-window ratios are printed as its spread.
// Targets (exit code 1 when missed): Loa / icecast CPU per listener ≤ 1.2 in both scenarios, and no
// listener failed or fell behind real time (< 95 % of the bytes 96 kbps owes it since its first byte).
// Usage: npm run bench:stream [-- --windows 5 --window-seconds 8]
//        npm run bench:stream -- --small   (test-sized: a few listeners, seconds; no target judged)
import { spawn } from 'node:child_process';
import { startIcecast } from '../test/support/icecastServer.ts';
import { freePort } from '../test/support/ports.ts';
import { ffmpegCli, makeSpeechLike, makeTempDir, removeDir } from '../test/support/makeAudio.ts';
import { measureDaemon } from './streamDaemon.ts';
import type { DaemonMemory } from './streamDaemon.ts';
import { cpuSeconds, describeMachine, ROOT, rssMb, samplePeakRss, sleep, spawnRole, stdoutLines, stopChild, writeCalls } from './streamProcess.ts';
import type { ListenResult } from './streamRoles.ts';

const BITRATE_KBPS = 96;
const TARGET_RATIO = 1.2;

interface Scenario {
  label: string;
  zones: number;
  perZone: number;
}

interface Settings {
  small: boolean;
  windows: number;
  windowSeconds: number;
  warmupSeconds: number;
  scenarios: Scenario[];
  daemon: { zones: number; perZone: number; seconds: number; leadSeconds: number; settleSeconds: number };
}

/** One server's figures in one scenario. */
interface Row {
  scenario: string;
  server: string;
  listeners: number | null;
  cpu: number[];
  wall: number[];
  rssMb: number;
  idleRssMb: number | null;
  writesPerListenerSecond: number | null;
  listen: ListenResult | null;
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function settings(): Settings {
  const small = process.argv.includes('--small');
  return {
    small,
    windows: argValue('windows', small ? 2 : 5),
    windowSeconds: argValue('window-seconds', small ? 1.5 : 8),
    warmupSeconds: small ? 1 : 3,
    scenarios: small
      ? [{ label: '(a) 1 zone × 20', zones: 1, perZone: 20 }, { label: '(b) 5 zones × 4', zones: 5, perZone: 4 }]
      : [{ label: '(a) 1 zone × 1000', zones: 1, perZone: 1000 }, { label: '(b) 50 zones × 20', zones: 50, perZone: 20 }],
    daemon: small
      ? { zones: 5, perZone: 4, seconds: 2, leadSeconds: 5, settleSeconds: 1 }
      : { zones: 50, perZone: 20, seconds: 10, leadSeconds: 12, settleSeconds: 3 },
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (r: Row) => (100 * sum(r.cpu)) / sum(r.wall);

/** Loa and icecast2 (fed by Loa's own players) stream at once; CPU is read over the same windows. */
async function runScenario(s: Scenario, zones: string[], audio: string, o: Settings): Promise<Row[]> {
  const listeners = s.zones * s.perZone;
  const loaPort = await freePort();
  const loa = spawnRole('serve-loa', { zones, audio, ffmpeg: ffmpegCli(), port: loaPort });
  const ice = await startIcecast({ clients: Math.max(2000, listeners * 2), sources: Math.max(60, zones.length + 10) });
  const feeder = spawnRole('feed-icecast', { zones, audio, ffmpeg: ffmpegCli(), port: ice.port, sourcePassword: ice.sourcePassword });
  const listenFor = (port: number, paths: string[]) =>
    spawnRole('listen', { port, paths, perPath: s.perZone, seconds: o.warmupSeconds + o.windows * o.windowSeconds + 120, bitrateKbps: BITRATE_KBPS });
  const children = [loa, feeder];
  try {
    await Promise.all([stdoutLines(loa).next('READY'), stdoutLines(feeder).next('READY')]);
    const loaPid = loa.pid ?? 0;
    const feederPid = feeder.pid ?? 0;
    const idleRss = [rssMb(loaPid), rssMb(ice.pid)];
    const listenLoa = listenFor(loaPort, zones.map((z) => `/stream/${z}?monitor=1`));
    const listenIce = listenFor(ice.port, zones.map((z) => `/${z}`));
    children.push(listenLoa, listenIce);
    const [loaLines, iceLines] = [stdoutLines(listenLoa), stdoutLines(listenIce)];
    const results = [loaLines.next('RESULT'), iceLines.next('RESULT')];
    await Promise.all([loaLines.next('CONNECTED'), iceLines.next('CONNECTED')]);
    await sleep(o.warmupSeconds * 1000);

    const pids = [loaPid, ice.pid, feederPid];
    const rss = samplePeakRss(pids);
    const cpu: number[][] = pids.map(() => []);
    const wall: number[] = [];
    const writes0 = writeCalls(loaPid);
    for (let w = 0; w < o.windows; w++) {
      const t0 = performance.now();
      const before = pids.map(cpuSeconds);
      await sleep(o.windowSeconds * 1000);
      pids.forEach((pid, i) => cpu[i]?.push(cpuSeconds(pid) - (before[i] ?? 0)));
      wall.push((performance.now() - t0) / 1000);
    }
    const writes1 = writeCalls(loaPid);
    rss.stop();
    listenLoa.stdin?.write('RESULT\n');
    listenIce.stdin?.write('RESULT\n');
    const [heardLoa, heardIce] = (await Promise.all(results)).map((r) => JSON.parse(r) as ListenResult);
    const perListenerSecond = writes0 === null || writes1 === null ? null : (writes1 - writes0) / listeners / sum(wall);
    const row = (server: string, i: number, listen: ListenResult | null, idle: number | null, wps: number | null): Row => ({
      scenario: s.label, server, listeners: listen?.listeners ?? null, cpu: cpu[i] ?? [], wall, rssMb: rss.peaks[i] ?? 0,
      idleRssMb: idle, writesPerListenerSecond: wps, listen,
    });
    return [
      row('loa http mount', 0, heardLoa ?? null, idleRss[0] ?? null, perListenerSecond),
      row('icecast2', 1, heardIce ?? null, idleRss[1] ?? null, null),
      { ...row('(loa players → icecast push)', 2, null, null, null), listeners: zones.length },
    ];
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    await ice.stop();
  }
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

function printStreaming(rows: Row[]): void {
  const header = ['scenario', 'server', 'listeners', 'CPU s', 'CPU %', 'CPU % / listener', 'RSS MB, no listeners', 'RSS MB serving (peak)', 'writes / listener / s', 'behind', 'failed'];
  printTable(header, rows.map((r) => [
    r.scenario,
    r.server,
    r.listen ? String(r.listeners) : `(${r.listeners} mounts)`,
    sum(r.cpu).toFixed(2),
    pct(r).toFixed(1),
    r.listen ? (pct(r) / (r.listeners ?? 1)).toFixed(4) : '–',
    r.idleRssMb === null ? '–' : r.idleRssMb.toFixed(0),
    r.rssMb.toFixed(0),
    r.writesPerListenerSecond === null ? '–' : r.writesPerListenerSecond.toFixed(2),
    r.listen ? String(r.listen.behind) : '–',
    r.listen ? String(r.listen.failed) : '–',
  ]));
}

function printDaemon(d: DaemonMemory, floorMb: number): void {
  printTable(['loa daemon (node --import tsx src/main.ts)', 'RSS MB', 'CPU %', 'listeners'], [
    ['node + tsx loader alone (an empty script)', floorMb.toFixed(0), '–', '–'],
    ...d.figures.map((f) => [f.state, f.rssMb.toFixed(0), f.cpuPct === null ? '–' : f.cpuPct.toFixed(1), String(f.listeners)]),
  ]);
}

/** Judges one scenario: prints its ratio, spread and listeners; false when a target is missed. */
function judge(s: Scenario, rows: Row[], o: Settings): boolean {
  const of = (server: string) => rows.find((r) => r.scenario === s.label && r.server.startsWith(server));
  const [loa, ice, feeder] = [of('loa http'), of('icecast2'), of('(loa players')];
  if (!loa?.listen || !ice?.listen || !feeder) return false;
  // Same listener count on both sides, so the ratio of CPU % is the ratio of CPU % per listener.
  const ratio = pct(loa) / pct(ice);
  const perWindow = loa.cpu.map((c, i) => c / (ice.cpu[i] ?? Number.NaN)).filter(Number.isFinite).sort((a, b) => a - b);
  const spread = perWindow.length ? `${perWindow[0]?.toFixed(2)}–${perWindow.at(-1)?.toFixed(2)} over ${perWindow.length} windows` : 'no window had icecast CPU';
  // --small judges only that every listener got audio: time targets are the full bench's.
  const lost = loa.listen.failed + ice.listen.failed + (o.small ? 0 : loa.listen.behind + ice.listen.behind);
  console.log(`${s.label}:`);
  console.log(`  Loa / icecast CPU per listener = ${ratio.toFixed(2)} (${spread}; target ≤ ${TARGET_RATIO}${o.small ? ', not judged in --small' : ''})`);
  console.log(`  listeners behind real time or failed: loa ${loa.listen.behind + loa.listen.failed}, icecast ${ice.listen.behind + ice.listen.failed} (target 0)`);
  // What a deployment pays in total: Loa alone, or Loa's players and pushes plus icecast.
  console.log(`  whole system, Loa alone / (Loa push + icecast) = ${(pct(loa) / (pct(ice) + pct(feeder))).toFixed(2)}`);
  const ratioOk = o.small || ratio <= TARGET_RATIO;
  return ratioOk && lost === 0;
}

/** RSS of node with the tsx loader and nothing else: the part of the daemon's memory that is the runtime's. */
async function memoryFloor(): Promise<number> {
  const idle = spawn(process.execPath, ['--import', 'tsx', '-e', 'console.log("READY"); setInterval(() => {}, 60_000);'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await stdoutLines(idle).next('READY');
    await sleep(1000);
    return rssMb(idle.pid ?? 0);
  } finally {
    await stopChild(idle);
  }
}

async function main(): Promise<void> {
  const o = settings();
  const machineBefore = describeMachine();
  const dir = await makeTempDir('loa-bench-stream-');
  const rows: Row[] = [];
  let daemon: DaemonMemory;
  let floor: number;
  try {
    const audio = await makeSpeechLike(dir, {
      seconds: 20,
      format: 'mp3',
      channels: 1,
      sampleRate: 44100,
      mp3: { bitrateKbps: BITRATE_KBPS, xing: false, id3: false },
    });
    for (const s of o.scenarios) {
      const zones = Array.from({ length: s.zones }, (_, i) => `z${String(i + 1).padStart(2, '0')}`);
      console.error(`${s.label}: loa http mount and icecast2 side by side, ${o.windows} × ${o.windowSeconds} s…`);
      rows.push(...(await runScenario(s, zones, audio, o)));
    }
    console.error(`daemon: ${o.daemon.zones} zones, idle then playing to ${o.daemon.perZone} listeners each…`);
    floor = await memoryFloor();
    daemon = await measureDaemon({ ...o.daemon, bitrateKbps: BITRATE_KBPS, dir });
  } finally {
    await removeDir(dir);
  }

  console.log(`\nStreaming ${BITRATE_KBPS} kbps MP3${o.small ? ' (--small: test-sized, targets not judged)' : ''}, ${o.windows} windows × ${o.windowSeconds} s measured per scenario, ${process.arch}, node ${process.version}`);
  console.log(`Machine: ${machineBefore} (at start); load average ${describeMachine().replace(/.*load average /, '')} (at end)\n`);
  printStreaming(rows);
  console.log('');
  printDaemon(daemon, floor);
  console.log('');
  let ok = true;
  for (const s of o.scenarios) ok = judge(s, rows, o) && ok;
  const daemonLost = daemon.listen.failed + (o.small ? 0 : daemon.listen.behind);
  console.log(`daemon: listeners behind real time or failed while playing: ${daemon.listen.failed + daemon.listen.behind} (target 0)`);
  ok &&= daemonLost === 0;
  console.log(ok ? '\nAll targets met.' : '\nTargets NOT met (see above).');
  process.exitCode = ok ? 0 : 1;
}

await main();

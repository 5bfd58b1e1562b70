// Streaming cost: Loa's embedded HTTP mount against icecast2 serving the same 96 kbps stream to the
// same raw-socket listeners, in (a) 1,000 listeners on one zone and (b) 50 zones × 20 listeners.
// Every side runs in its own process (see bench/streamRoles.ts) and is measured from /proc alone.
// Targets: Loa / icecast CPU per listener ≤ 2, and no listener behind real time (< 95 % of the bytes
// 96 kbps owes it since its first byte).
// Usage: npm run bench:stream [-- --seconds 25]
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startIcecast } from '../test/support/icecastServer.ts';
import { freePort } from '../test/support/ports.ts';
import { ffmpegCli, makeSpeechLike, makeTempDir, removeDir } from '../test/support/makeAudio.ts';
import type { ListenOptions, ListenResult, ServeOptions } from './streamRoles.ts';

const BITRATE_KBPS = 96;
const LOA = 'loa http mount';
const ROLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'streamRoles.ts');
const CLK_TCK = 100; // Linux USER_HZ: /proc times are in 1/100 s on every architecture Loa runs on

interface Scenario {
  label: string;
  zones: number;
  perZone: number;
}

interface Row {
  scenario: string;
  server: string;
  listeners: number;
  cpuSeconds: number;
  wallSeconds: number;
  rssMb: number;
  behind: number | null;
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** utime + stime of a process (all its threads) in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] !== undefined ? Number(m[1]) / 1024 : 0;
}

/** Starts a bench role in a plain node (no tsx wrapper process), with the fd limit raised to the hard limit. */
function spawnRole(role: string, options: ServeOptions | ListenOptions): ChildProcess {
  const raiseFds = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
  return spawn('/bin/sh', ['-c', raiseFds, process.execPath, '--import', 'tsx', ROLES, role, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // `--import tsx` resolves from the working directory: the repository root.
    cwd: path.dirname(path.dirname(ROLES)),
  });
}

/**
 * Reads a child's stdout lines once; `next(prefix)` resolves with the rest of the first line (seen
 * before or after the call) starting with `prefix`, and rejects if the child exits first.
 */
function stdoutLines(child: ChildProcess): { next(prefix: string): Promise<string> } {
  const seen: string[] = [];
  const waiting: { prefix: string; resolve: (rest: string) => void; reject: (err: Error) => void }[] = [];
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const w = waiting.findIndex((x) => line.startsWith(x.prefix));
      const waiter = w < 0 ? undefined : waiting.splice(w, 1)[0];
      if (waiter) waiter.resolve(line.slice(waiter.prefix.length).trim());
      else seen.push(line);
    });
  }
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`bench process exited (${code}) before printing ${w.prefix}`));
  });
  return {
    next(prefix) {
      const i = seen.findIndex((l) => l.startsWith(prefix));
      if (i >= 0) return Promise.resolve((seen.splice(i, 1)[0] ?? '').slice(prefix.length).trim());
      if (child.exitCode !== null) return Promise.reject(new Error(`bench process exited before printing ${prefix}`));
      return new Promise((resolve, reject) => waiting.push({ prefix, resolve, reject }));
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Runs the listeners against `port` and measures `pids` between their CONNECTED and RESULT lines. */
async function measure(port: number, paths: string[], perPath: number, seconds: number, pids: number[]) {
  const load = spawnRole('listen', { port, paths, perPath, seconds, bitrateKbps: BITRATE_KBPS });
  const lines = stdoutLines(load);
  const connected = lines.next('CONNECTED');
  const result = lines.next('RESULT');
  await connected;
  const t0 = performance.now();
  const cpu0 = pids.map(cpuSeconds);
  const peakRss = pids.map(rssMb);
  const sampler = setInterval(() => pids.forEach((pid, i) => (peakRss[i] = Math.max(peakRss[i] ?? 0, rssMb(pid)))), 1000);
  const listened = JSON.parse(await result) as ListenResult;
  clearInterval(sampler);
  const cpu = pids.map((pid, i) => cpuSeconds(pid) - (cpu0[i] ?? 0));
  const wall = (performance.now() - t0) / 1000;
  await stopChild(load);
  return { listened, cpu, wall, peakRss };
}

async function runLoa(s: Scenario, zones: string[], audio: string, seconds: number): Promise<Row> {
  const port = await freePort();
  const server = spawnRole('serve-loa', { zones, audio, ffmpeg: ffmpegCli(), port });
  try {
    await stdoutLines(server).next('READY');
    const m = await measure(port, zones.map((z) => `/stream/${z}`), s.perZone, seconds, [server.pid ?? 0]);
    return row(s, LOA, m.listened.listeners, m.cpu[0] ?? 0, m.wall, m.peakRss[0] ?? 0, m.listened.behind);
  } finally {
    await stopChild(server);
  }
}

async function runIcecast(s: Scenario, zones: string[], audio: string, seconds: number): Promise<Row[]> {
  const listeners = s.zones * s.perZone;
  const ice = await startIcecast({ clients: Math.max(2000, listeners * 2), sources: Math.max(60, zones.length + 10) });
  const feeder = spawnRole('feed-icecast', { zones, audio, ffmpeg: ffmpegCli(), port: ice.port, sourcePassword: ice.sourcePassword });
  try {
    await stdoutLines(feeder).next('READY');
    const m = await measure(ice.port, zones.map((z) => `/${z}`), s.perZone, seconds, [ice.pid, feeder.pid ?? 0]);
    return [
      row(s, 'icecast2', m.listened.listeners, m.cpu[0] ?? 0, m.wall, m.peakRss[0] ?? 0, m.listened.behind),
      row(s, '(loa players → icecast push)', zones.length, m.cpu[1] ?? 0, m.wall, m.peakRss[1] ?? 0, null),
    ];
  } finally {
    await stopChild(feeder);
    await ice.stop();
  }
}

function row(s: Scenario, server: string, listeners: number, cpu: number, wall: number, rss: number, behind: number | null): Row {
  return { scenario: s.label, server, listeners, cpuSeconds: cpu, wallSeconds: wall, rssMb: rss, behind };
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'server', 'listeners', 'CPU s', 'CPU %', 'CPU % / listener', 'RSS MB', 'behind'];
  const body = rows.map((r) => {
    const pct = (100 * r.cpuSeconds) / r.wallSeconds;
    return [
      r.scenario,
      r.server,
      String(r.listeners),
      r.cpuSeconds.toFixed(2),
      pct.toFixed(1),
      r.behind === null ? '–' : (pct / r.listeners).toFixed(4),
      r.rssMb.toFixed(0),
      r.behind === null ? '–' : String(r.behind),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const seconds = argValue('seconds', 25);
  const scenarios: Scenario[] = [
    { label: '(a) 1 zone × 1000', zones: 1, perZone: 1000 },
    { label: '(b) 50 zones × 20', zones: 50, perZone: 20 },
  ];
  const dir = await makeTempDir('loa-bench-stream-');
  const rows: Row[] = [];
  try {
    const audio = await makeSpeechLike(dir, {
      seconds: 20,
      format: 'mp3',
      channels: 1,
      sampleRate: 44100,
      mp3: { bitrateKbps: BITRATE_KBPS, xing: false, id3: false },
    });
    for (const s of scenarios) {
      const zones = Array.from({ length: s.zones }, (_, i) => `z${String(i + 1).padStart(2, '0')}`);
      console.error(`${s.label}: loa http mount, ${seconds} s…`);
      rows.push(await runLoa(s, zones, audio, seconds));
      console.error(`${s.label}: icecast2, ${seconds} s…`);
      rows.push(...(await runIcecast(s, zones, audio, seconds)));
    }
  } finally {
    await removeDir(dir);
  }

  console.log(`\nStreaming ${BITRATE_KBPS} kbps MP3, ${seconds} s measured per run, ${process.arch}, node ${process.version}\n`);
  printTable(rows);
  console.log('');
  let ok = true;
  const pct = (r: Row | undefined) => (r ? (100 * r.cpuSeconds) / r.wallSeconds : Number.NaN);
  for (const s of scenarios) {
    const of = (server: string) => rows.find((r) => r.scenario === s.label && r.server.startsWith(server));
    const [loa, ice, feeder] = [of(LOA), of('icecast2'), of('(loa players')];
    if (!loa || !ice) continue;
    // Same listener count on both sides, so the ratio of CPU % is the ratio of CPU % per listener.
    const ratio = pct(loa) / pct(ice);
    const behind = (loa.behind ?? 0) + (ice.behind ?? 0);
    ok &&= ratio <= 2 && behind === 0;
    console.log(`${s.label}:`);
    console.log(`  Loa / icecast CPU per listener = ${ratio.toFixed(2)} (target ≤ 2)`);
    console.log(`  listeners behind real time: loa ${loa.behind}, icecast ${ice.behind} (target 0)`);
    // What a deployment pays in total: Loa alone, or Loa's players and pushes plus icecast.
    console.log(`  whole system, Loa alone / (Loa push + icecast) = ${(pct(loa) / (pct(ice) + pct(feeder))).toFixed(2)}`);
  }
  console.log(ok ? '\nAll targets met.' : '\nTargets NOT met (see above).');
}

await main();

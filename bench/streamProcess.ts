// The streaming bench's child processes (bench/streamRoles.ts) and what /proc says about them: every
// figure of bench:stream is read here, from outside the measured process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ListenOptions, ServeOptions } from './streamRoles.ts';

const ROLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'streamRoles.ts');
/** The repository root: `--import tsx` resolves from the working directory. */
export const ROOT = path.dirname(path.dirname(ROLES));
const CLK_TCK = 100; // Linux USER_HZ: /proc times are in 1/100 s on every architecture Loa runs on

/** utime + stime of a process (all its threads) in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident memory of a process in MB (VmRSS). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] !== undefined ? Number(m[1]) / 1024 : 0;
}

/** write()/writev() calls the process made so far (/proc/<pid>/io syscw; sendto() is not counted), or null. */
export function writeCalls(pid: number): number | null {
  try {
    const m = /syscw:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m?.[1] !== undefined ? Number(m[1]) : null;
  } catch {
    return null; // /proc/<pid>/io needs the same user (or root) and task IO accounting
  }
}

/** One line that says what the figures were measured on: cores, model, load average. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, load average ${load}`;
}

/** Starts a bench role in a plain node (no tsx wrapper process), with the fd limit raised to the hard limit. */
export function spawnRole(role: string, options: ServeOptions | ListenOptions, nodeFlags: string[] = []): ChildProcess {
  const raiseFds = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
  return spawn('/bin/sh', ['-c', raiseFds, process.execPath, ...nodeFlags, '--import', 'tsx', ROLES, role, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: ROOT,
  });
}

/**
 * Reads a child's stdout lines once; `next(prefix)` resolves with the rest of the first line (seen
 * before or after the call) starting with `prefix`, and rejects if the child exits first.
 */
export function stdoutLines(child: ChildProcess): { next(prefix: string): Promise<string> } {
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

/** SIGTERM, then waits for the exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The peak resident memory of some processes, sampled every second until stop(). */
export function samplePeakRss(pids: number[]): { peaks: number[]; stop(): void } {
  const peaks = pids.map(rssMb);
  const timer = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i] ?? 0, rssMb(pid)))), 1000);
  return { peaks, stop: () => clearInterval(timer) };
}

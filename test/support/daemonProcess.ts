/**
 * The daemon as a real process (`npm start`'s entry point), for tests that pull its plug with
 * SIGKILL: start it, kill it hard, and see which of its child processes (ffmpeg) outlived it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A running daemon process and everything it printed so far. */
export interface DaemonProcess {
  child: ChildProcess;
  output(): string;
}

/** Starts `src/main.ts` with `env` and resolves once it says it is running (up to `timeoutMs`). */
export async function startDaemonProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<DaemonProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('is running: http')) {
    if (child.exitCode !== null) throw new Error(`daemon exited: ${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`daemon did not start within ${timeoutMs} ms: ${out}`);
    }
    await sleep(100);
  }
  return { child, output: () => out };
}

/** The power cut: SIGKILL, resolved once the process is gone. */
export async function killHard(p: DaemonProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = once(p.child, 'exit');
  p.child.kill('SIGKILL');
  await exited;
}

/** Stops it the polite way (SIGTERM), if it still runs. */
export async function stopGently(p: DaemonProcess | null | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = once(p.child, 'exit');
  p.child.kill('SIGTERM');
  await exited;
}

/** The direct children of a process, as `{pid, command, args}` (empty when it has none or is gone). */
export function childProcesses(pid: number): { pid: number; command: string; args: string }[] {
  let text: string;
  try {
    text = execFileSync('ps', ['-ww', '-o', 'pid=,comm=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when nothing matches
  }
  return text
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\S+)\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), command: m[2]!, args: m[3]! }));
}

/** Whether a process id is alive (and not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}

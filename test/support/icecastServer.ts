import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

/** A real icecast2 on loopback, for end-to-end tests and the streaming bench. */
export interface IcecastServer {
  port: number;
  /** The icecast2 process, for CPU and memory figures. */
  pid: number;
  sourcePassword: string;
  adminPassword: string;
  /** Icecast's own error log, for failure messages. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Knobs of startIcecast; the defaults suit a test with a few mounts. */
export interface IcecastServerOptions {
  /** Listen on this port (e.g. one a test reserved earlier); a free one otherwise. */
  port?: number;
  /** A fixed source password (e.g. one a client was configured with before the server existed). */
  sourcePassword?: string;
  /** <limits><clients>: listeners plus sources. */
  clients?: number;
  /** <limits><sources>: mounts fed at once. */
  sources?: number;
  icecastPath?: string;
  /** <limits><burst-size>: bytes of past audio a new listener gets at once (icecast's default 65535). */
  burstSize?: number;
  /** Relay this master's mount (a slave icecast2 for the relay-chain bench); the mount is served under the same name. */
  relayOf?: { port: number; mount: string };
}

const ICECAST_PATH = '/usr/bin/icecast2';
/** Debian's package creates this user and group; icecast refuses to run as root without them. */
const RUN_AS = { user: 'icecast2', group: 'icecast' };
const START_TIMEOUT_MS = 10_000;

/** Starts icecast2 with a minimal config in a temp dir; fails (never skips) when icecast2 is missing. */
export async function startIcecast(opts: IcecastServerOptions = {}): Promise<IcecastServer> {
  const bin = opts.icecastPath ?? ICECAST_PATH;
  if (!existsSync(bin)) {
    throw new Error(`icecast2 not found at ${bin}: install icecast2: apt-get install icecast2`);
  }
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'loa-icecast-'));
  const logdir = join(dir, 'log');
  mkdirSync(logdir);
  const sourcePassword = opts.sourcePassword ?? `src-${Math.random().toString(36).slice(2, 10)}`;
  const adminPassword = `adm-${Math.random().toString(36).slice(2, 10)}`;
  const asRoot = process.getuid?.() === 0;
  const config = icecastXml({
    port,
    logdir,
    sourcePassword,
    adminPassword,
    clients: opts.clients ?? 100,
    sources: opts.sources ?? 10,
    asRoot,
    burstSize: opts.burstSize ?? 65535,
    relayOf: opts.relayOf ?? null,
  });
  const configPath = join(dir, 'icecast.xml');
  writeFileSync(configPath, config);
  if (asRoot) chownTree(dir, logdir, configPath);

  // Through sh only to raise the soft fd limit to the hard one: each listener is a socket.
  const raiseFds = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
  const child = spawn('/bin/sh', ['-c', raiseFds, bin, '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const errorLog = () => {
    try {
      return readFileSync(join(logdir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  try {
    await waitForPort(port, child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    const tail = (output + errorLog()).split('\n').slice(-15).join('\n');
    throw new Error(`icecast2 did not start on port ${port}: ${(err as Error).message}\n${tail}`, { cause: err });
  }
  return {
    port,
    pid: child.pid ?? 0,
    sourcePassword,
    adminPassword,
    errorLog,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface XmlParams {
  port: number;
  logdir: string;
  sourcePassword: string;
  adminPassword: string;
  clients: number;
  sources: number;
  asRoot: boolean;
  burstSize: number;
  relayOf: { port: number; mount: string } | null;
}

function icecastXml(p: XmlParams): string {
  const security = p.asRoot
    ? `<security><chroot>0</chroot><changeowner><user>${RUN_AS.user}</user><group>${RUN_AS.group}</group></changeowner></security>`
    : '<security><chroot>0</chroot></security>';
  // queue-size bounds each listener's lag (bytes); 512 KiB is ~43 s at 96 kbps, icecast's default.
  return `<icecast>
  <location>loa-test</location>
  <admin>loa@localhost</admin>
  <limits>
    <clients>${p.clients}</clients>
    <sources>${p.sources}</sources>
    <queue-size>524288</queue-size>
    <client-timeout>30</client-timeout>
    <header-timeout>15</header-timeout>
    <source-timeout>10</source-timeout>
    <burst-size>${p.burstSize}</burst-size>
  </limits>
  <authentication>
    <source-password>${p.sourcePassword}</source-password>
    <relay-password>${p.sourcePassword}</relay-password>
    <admin-user>admin</admin-user>
    <admin-password>${p.adminPassword}</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>${p.port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>/usr/share/icecast2</basedir>
    <logdir>${p.logdir}</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  ${p.relayOf ? relayXml(p.relayOf) : ''}
  ${security}
</icecast>
`;
}

/** A slave's relay of one master mount, always on (not on demand), so it is pulling before any listener comes. */
function relayXml(r: { port: number; mount: string }): string {
  return `<relay><server>127.0.0.1</server><port>${r.port}</port><mount>${r.mount}</mount><local-mount>${r.mount}</local-mount>
    <on-demand>0</on-demand><relay-shoutcast-metadata>0</relay-shoutcast-metadata></relay>`;
}

/** As root, icecast drops to icecast2:icecast before opening its logs, so they must be theirs. */
function chownTree(...paths: string[]): void {
  const uid = lookupId('/etc/passwd', RUN_AS.user);
  const gid = lookupId('/etc/group', RUN_AS.group);
  if (uid === null || gid === null) {
    throw new Error(
      `running as root, icecast2 needs user ${RUN_AS.user} and group ${RUN_AS.group} (created by the Debian package): apt-get install icecast2`,
    );
  }
  for (const p of paths) chownSync(p, uid, gid);
}

function lookupId(file: string, name: string): number | null {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const id = line?.split(':')[2];
  return id === undefined ? null : Number(id);
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  for (;;) {
    if (exited !== null) throw new Error(`icecast2 ${exited}`);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`nothing answered within ${START_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

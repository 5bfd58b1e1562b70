/**
 * What the kernel still holds for the TCP connections Loa streams on. Bytes Node handed to the kernel
 * are not bytes a device got: Linux lets a connection queue megabytes unsent or unacknowledged (the
 * send buffer autotunes to 4 MB), so a device that stops reading looked like a listener for minutes.
 * Linux shows, per connection, `tx_queue` in /proc/net/tcp and /proc/net/tcp6: the bytes handed to
 * the kernel that the peer has not acknowledged yet (unsent or in flight). What Node handed, less
 * that, is what the device's TCP stack acknowledged.
 *
 * What even that overstates (measured on Linux 6.x, loopback, a reader that stops reading): the
 * device's own receive buffer acknowledges data its application never reads, up to one default
 * receive buffer (tcp_rmem[1], 128 KiB): 139,024 bytes were acknowledged after the stall, ~11.6 s of
 * 96 kbps audio, whether it stalled at once or after 30 s of reading at real time (a reader at 12 kB/s
 * does not grow its buffer). Loa cannot see the far side's buffer; that residual is stated, not hidden.
 *
 * One reading of the whole table serves every socket of the process (all mounts), every few seconds
 * of real time (the kernel drains its queues in real time, whatever clock the players run on). Where
 * the table cannot be read (not Linux) nothing is watched and callers keep judging by what Node handed.
 */
import { accessSync, constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { isIPv6 } from 'node:net';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/**
 * How often the kernel's table is read while any socket is watched. The kernel formats every TCP
 * socket of the host for each reading (~5 µs each, measured: 5 ms per reading with 1,000 listeners,
 * 20–40 ms where the listeners' own ends and icecast2's share the host, as in bench:stream).
 */
export const DEFAULT_SAMPLE_MS = 5000;

/** What the kernel said about one socket at one reading. */
export interface BacklogSample {
  /**
   * Bytes the peer had acknowledged by the reading, at least (a lower bound: what Node had handed just
   * before the read, less the kernel's unacknowledged bytes at the read). Never decreases.
   */
  acked: number;
  /** Bytes handed to the kernel that the peer had not acknowledged (tx_queue). */
  unacked: number;
}

/** A watched socket's owner: says what Node handed, hears each reading. */
export interface BacklogWatcher {
  /** Bytes Node has handed to the kernel for this socket so far (written, less Node's own unsent). */
  handed(): number;
  /** After each reading that found the socket. */
  sampled(sample: BacklogSample): void;
}

/** Reads the kernel's per-socket queues for every watched socket, together, every few seconds. */
export interface TcpBacklog {
  /** False where /proc/net/tcp cannot be read: watch() then watches nothing. */
  readonly supported: boolean;
  /** Starts watching `socket` (connected); returns how to stop, or null when it cannot be watched. */
  watch(socket: Socket, watcher: BacklogWatcher): (() => void) | null;
  /** Reads the table now, once (tests; the timer does it otherwise). */
  sample(): Promise<void>;
}

export interface TcpBacklogOptions {
  log: Logger;
  sampleMs?: number;
  /** Where the tables are (tests point it at fixtures). */
  procDir?: string;
}

type Table = 'tcp' | 'tcp6';

interface Watched {
  watcher: BacklogWatcher;
  table: Table;
  acked: number;
  /** handed() just before the current reading. */
  before: number;
}

/** Creates a reader of the kernel's TCP table (one per process suffices: see sharedTcpBacklog). */
export function createTcpBacklog(opts: TcpBacklogOptions): TcpBacklog {
  const procDir = opts.procDir ?? '/proc/net';
  const sampleMs = opts.sampleMs ?? DEFAULT_SAMPLE_MS;
  const supported = readable(`${procDir}/tcp`);
  const watched: Record<Table, Map<string, Watched>> = { tcp: new Map(), tcp6: new Map() };
  let timer: NodeJS.Timeout | null = null;
  let reading = false;
  /** Reused between readings; grown when a table does not fit. */
  let buffer = Buffer.alloc(0);

  /** The whole table in one read() where it fits: each further read() makes the kernel walk to its place again. */
  async function readTable(table: Table): Promise<string> {
    for (;;) {
      if (buffer.length === 0) buffer = Buffer.allocUnsafe(TABLE_BUFFER_BYTES);
      const file = await open(`${procDir}/${table}`, 'r');
      let n = 0;
      try {
        for (;;) {
          const { bytesRead } = await file.read(buffer, n, buffer.length - n, null);
          n += bytesRead;
          if (bytesRead === 0 || n === buffer.length) break;
        }
      } finally {
        await file.close();
      }
      if (n < buffer.length) return buffer.toString('latin1', 0, n);
      buffer = Buffer.allocUnsafe(buffer.length * 2);
    }
  }

  async function sample(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      for (const table of ['tcp', 'tcp6'] as const) {
        const sockets = watched[table];
        if (sockets.size === 0) continue;
        for (const w of sockets.values()) w.before = w.watcher.handed();
        let text: string;
        try {
          text = await readTable(table);
        } catch (err) {
          opts.log.warn({ err, table }, 'kernel TCP table unreadable');
          continue;
        }
        scanTable(text, table === 'tcp' ? V4_KEY_LENGTH : V6_KEY_LENGTH, sockets, (w, unacked) => {
          // handed() only grows: what it was before the read, less what the kernel still held at the read,
          // had certainly been acknowledged.
          w.acked = Math.max(w.acked, w.before - unacked);
          w.watcher.sampled({ acked: w.acked, unacked });
        });
      }
    } finally {
      reading = false;
    }
  }

  function stopIfIdle(): void {
    if (timer && watched.tcp.size + watched.tcp6.size === 0) {
      clearInterval(timer);
      timer = null;
    }
  }

  return {
    supported,
    watch(socket, watcher) {
      if (!supported) return null;
      const where = socketKey(socket);
      if (!where) return null;
      const entry: Watched = { watcher, table: where.table, acked: 0, before: 0 };
      watched[where.table].set(where.key, entry);
      if (!timer) {
        timer = setInterval(() => void sample(), sampleMs);
        timer.unref();
      }
      return () => {
        if (watched[where.table].get(where.key) === entry) watched[where.table].delete(where.key);
        stopIfIdle();
      };
    },
    sample,
  };
}

let shared: TcpBacklog | null = null;

/**
 * The process's one reader (the table is the whole host's: one reading serves every mount of every
 * player). Says once, when first asked, whether listeners are judged by the kernel or by Node alone.
 */
export function sharedTcpBacklog(log: Logger): TcpBacklog {
  if (shared) return shared;
  shared = createTcpBacklog({ log });
  if (shared.supported) {
    log.info('HTTP listeners are judged by what their devices acknowledged (kernel TCP queues from /proc/net/tcp)');
  } else {
    log.warn(
      'kernel TCP queues cannot be read here (no /proc/net/tcp): HTTP listeners are judged by what was handed to the kernel, ' +
        'so a device that stops reading counts as a receiver until the socket buffers fill (minutes)',
    );
  }
  return shared;
}

/** Enough for ~3,000 sockets at once (150 bytes a line in the v4 table). */
const TABLE_BUFFER_BYTES = 512 * 1024;
/** "AAAAAAAA:PPPP AAAAAAAA:PPPP": local and remote address:port as the v4 table prints them. */
const V4_KEY_LENGTH = 27;
/** The same with 32-digit IPv6 addresses. */
const V6_KEY_LENGTH = 75;
/** After the key: " st " (state, two digits) and then tx_queue, 8 hex digits. */
const TX_OFFSET = 4;

/**
 * Walks a /proc/net/tcp{,6} text and calls `found` with each watched socket's tx_queue. Only a lookup
 * per line and a parse per watched socket: the table lists every TCP socket of the host.
 */
export function scanTable<T>(text: string, keyLength: number, sockets: ReadonlyMap<string, T>, found: (entry: T, txQueue: number) => void): void {
  let left = sockets.size;
  let at = text.indexOf('\n') + 1; // the header line
  while (at > 0 && at < text.length && left > 0) {
    const end = text.indexOf('\n', at);
    const colon = text.indexOf(':', at); // after the slot number, "   12: "
    const start = colon + 2;
    const lineEnd = end < 0 ? text.length : end;
    if (colon > 0 && start + keyLength + TX_OFFSET + 8 <= lineEnd) {
      const entry = sockets.get(text.substr(start, keyLength));
      if (entry !== undefined) {
        const tx = parseInt(text.substr(start + keyLength + TX_OFFSET, 8), 16);
        if (Number.isFinite(tx)) {
          found(entry, tx);
          left--;
        }
      }
    }
    at = end + 1;
  }
}

/** Where a connected socket appears in the kernel's tables, keyed as they print it; null when not known. */
export function socketKey(socket: Socket): { table: Table; key: string } | null {
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (!localAddress || !remoteAddress || localPort === undefined || remotePort === undefined) return null;
  // A dual-stack listener's IPv4 clients are IPv6 sockets (::ffff:a.b.c.d): in the tcp6 table.
  const v6 = isIPv6(remoteAddress);
  const local = v6 ? ipv6Bytes(localAddress) : ipv4Bytes(localAddress);
  const remote = v6 ? ipv6Bytes(remoteAddress) : ipv4Bytes(remoteAddress);
  if (!local || !remote) return null;
  return { table: v6 ? 'tcp6' : 'tcp', key: `${addressHex(local)}:${portHex(localPort)} ${addressHex(remote)}:${portHex(remotePort)}` };
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** The kernel prints each 32-bit word of an address as a host-order integer (%08X). */
function addressHex(bytes: number[]): string {
  let out = '';
  for (let w = 0; w < bytes.length; w += 4) {
    const word = bytes.slice(w, w + 4);
    if (LITTLE_ENDIAN) word.reverse();
    for (const b of word) out += b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function portHex(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

function ipv4Bytes(address: string): number[] | null {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

/** The 16 bytes of an IPv6 address in any of its written forms (::, embedded IPv4, a %zone suffix). */
export function ipv6Bytes(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`; // stands in for the two words, replaced below
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const words = (s: string | undefined) => (s ? s.split(':') : []);
  const head = words(halves[0]);
  const rest = halves.length === 2 ? words(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 0) || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const w of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return null;
    const n = parseInt(w, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : null;
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

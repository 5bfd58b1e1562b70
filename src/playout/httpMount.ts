import { EventEmitter } from 'node:events';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { OutputDriver, OutputHealth, Receiver } from './output.ts';
import { isSilence } from './silence.ts';
import { sharedTcpBacklog } from './tcpBacklog.ts';
import type { BacklogSample, TcpBacklog } from './tcpBacklog.ts';

/**
 * A listener whose device has not taken more than this (Node's unsent plus the kernel's unacknowledged
 * bytes: ~21 s of 96 kbps audio) is not keeping up: it is dropped, as icecast2 drops slow clients.
 */
const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
/**
 * A listener whose device left more than this unacknowledged in the kernel (3 s of 96 kbps audio; a
 * device keeping up leaves a few packets in flight) is not taking the stream: from that reading on
 * only what it acknowledged counts toward a play, so it hears no play while it stays behind.
 */
const DEFAULT_STALLED_BYTES = 3 * 12_000;

/** What an HTTP mount is built from (one per zone with an 'http' output). */
export interface HttpMountOptions {
  zoneId: string;
  /** Shown by players as the station name (icy-name), e.g. the zone's name. */
  name: string;
  description?: string;
  /** 'silence': keep streaming silence between programmes; 'close': end clients and turn new ones away. */
  idle: 'silence' | 'close';
  /** When set, a client must present it (`?key=` or the X-Stream-Key header). */
  key?: string | undefined;
  /** The canonical silent frame the player writes when there is no programme (see silence.ts). */
  silenceFrame: Buffer;
  clock: Clock;
  log: Logger;
  maxBufferedBytes?: number;
  /** Unacknowledged bytes from which a listener counts only what it acknowledged (default 3 s of audio). */
  stalledBytes?: number;
  /** The kernel's per-socket queues (default: the process's one reader of /proc/net/tcp). */
  backlog?: TcpBacklog;
}

/** Why a listener left the fan-out. */
export type ListenerRemoval = 'disconnected' | 'slow' | 'idle' | 'stopped';

/**
 * A device pulling the stream is a receiver (it counts toward a play being heard); a monitor (the
 * admin page's «Nghe thử», a test or bench asking with ?monitor=1) gets the same audio but never counts.
 */
export type ListenerRole = 'receiver' | 'monitor';

/** Listener changes, so tests and health pages wait on events instead of polling; `listeners` counts receivers. */
export interface HttpMountEvents {
  'listener:added': [{ listeners: number; role: ListenerRole }];
  'listener:removed': [{ listeners: number; role: ListenerRole; reason: ListenerRemoval }];
}

/** Whether a new listener can be served now. */
export type MountAvailability = 'open' | 'idle' | 'stopped';

/** An OutputDriver that is an Icecast-style HTTP mount: any number of pulling devices share one stream. */
export interface HttpMount extends OutputDriver {
  readonly zoneId: string;
  readonly events: EventEmitter<HttpMountEvents>;
  /** True when the mount has no key or `presented` matches it (constant-time compare). */
  authorize(presented: string | undefined): boolean;
  /** 'idle' only in 'close' mode between programmes; 'stopped' before start() and after stop(). */
  availability(): MountAvailability;
  /**
   * Takes over a (hijacked) response: writes the Icecast-style headers and adds it to the fan-out,
   * so it receives every frame from the next write on. A HEAD request gets the headers only.
   */
  attach(res: ServerResponse, headOnly?: boolean, role?: ListenerRole): void;
  /** Receivers connected now (monitors not counted). */
  listeners(): number;
  /** The connected receivers, whose delivered bytes count a play's reception (monitors left out). */
  receivers(): Iterable<Receiver>;
}

/**
 * One connected client and what its device took. Without the kernel's word (not Linux, or before the
 * first reading), what went to its socket; with it, what the device acknowledged: see delivered().
 */
class Listener implements Receiver {
  /** Bytes written to its socket. */
  written = 0;
  /** The kernel's latest reading of its connection; null until one (or where there is none). */
  kernel: BacklogSample | null = null;
  /** Stops the kernel watching it. */
  unwatch: (() => void) | null = null;
  /** What it had taken when it left (unsent and unacknowledged bytes of a dropped socket never arrive). */
  private final: number | null = null;

  constructor(
    readonly res: ServerResponse,
    /** Kept from attach(): the response lets go of its socket when it closes, the count must not. */
    readonly socket: Socket,
    readonly role: ListenerRole,
    private readonly stalledBytes: number,
  ) {}

  /** Bytes handed to the kernel so far. */
  handed(): number {
    return this.written - this.socket.writableLength;
  }

  /** Bytes its device has not taken: Node's unsent plus, at the latest reading, the kernel's unacknowledged. */
  backlog(): number {
    return this.socket.writableLength + (this.kernel?.unacked ?? 0);
  }

  /**
   * Bytes its device took. A device keeping up (a few packets in flight at the latest reading) took
   * what was handed since, less that: exact to the frame, which short plays need. A device behind by
   * more than `stalledBytes` took only what it had acknowledged at the latest reading, until a reading
   * shows it caught up: so a device that stopped reading hears no play that starts after that reading.
   */
  delivered(): number {
    if (this.final !== null) return this.final;
    const k = this.kernel;
    if (k === null) return this.handed();
    if (k.unacked > this.stalledBytes) return k.acked;
    return Math.max(k.acked, this.handed() - k.unacked);
  }

  /** It left: what it had taken stays as it was. */
  leave(): void {
    this.final ??= this.delivered();
    this.unwatch?.();
    this.unwatch = null;
  }
}

/** Creates the HTTP mount of one zone (served by GET /stream/:zone). */
export function createHttpMount(opts: HttpMountOptions): HttpMount {
  const { clock, silenceFrame } = opts;
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const stalledBytes = opts.stalledBytes ?? DEFAULT_STALLED_BYTES;
  const backlog = opts.backlog ?? sharedTcpBacklog(opts.log);
  const name = `http:/stream/${opts.zoneId}`;
  const log = opts.log.child({ output: name });
  const events = new EventEmitter<HttpMountEvents>();
  const clients = new Map<ServerResponse, Listener>();
  /** The same listeners as `clients`, in an array: write() walks it ~10 times a second per mount. */
  let fanout: Listener[] = [];
  let receiverCount = 0;
  const keyDigest = opts.key === undefined ? null : digest(opts.key);
  const headers: Record<string, string> = {
    'Content-Type': 'audio/mpeg',
    'icy-name': headerText(opts.name),
    'icy-description': headerText(opts.description ?? opts.name),
    'icy-br': '96',
    'icy-sr': '44100',
    'icy-pub': '0',
    'Cache-Control': 'no-cache, no-store',
    Connection: 'close',
  };

  let started = false;
  /** Between idle() and the next write that is not pure silence. */
  let idle = true;
  let bytesSent = 0;
  let lastError: string | null = null;
  let lastErrorAt: number | null = null;

  function remove(res: ServerResponse, reason: ListenerRemoval): void {
    const client = clients.get(res);
    if (!client) return;
    clients.delete(res);
    fanout = fanout.filter((c) => c !== client);
    client.leave();
    if (client.role === 'receiver') receiverCount--;
    if (reason === 'slow') res.destroy();
    else if (!res.writableEnded) res.end();
    events.emit('listener:removed', { listeners: receiverCount, role: client.role, reason });
  }

  function endAll(reason: ListenerRemoval): void {
    for (const res of [...clients.keys()]) remove(res, reason);
  }

  function fail(message: string): void {
    lastError = message;
    lastErrorAt = clock.now();
  }

  return {
    name,
    zoneId: opts.zoneId,
    events,
    async start() {
      started = true;
    },
    write(frames) {
      if (!started) return;
      // The player keeps writing silence between programmes; any other audio means a programme is on.
      if (idle && !isSilence(frames, silenceFrame)) idle = false;
      if (idle && opts.idle === 'close') return;
      // The hot path (every listener, every ~100 ms): one write per socket of the one shared Buffer,
      // and nothing allocated per listener. Listeners found gone are removed after the walk.
      const list = fanout;
      let gone: Listener[] | null = null;
      let fed = 0;
      for (let i = 0; i < list.length; i++) {
        const client = list[i] as Listener;
        const socket = client.socket;
        if (socket.destroyed || client.res.writableEnded) {
          (gone ??= []).push(client);
          continue;
        }
        // Fan-out never queues without bound: a device that stops reading loses its place, not our memory
        // nor the kernel's. Its backlog counts the kernel's unacknowledged bytes as of the latest reading.
        const behind = client.backlog();
        if (behind > maxBuffered) {
          const unsent = socket.writableLength;
          const unacked = client.kernel?.unacked ?? 0;
          const message = `listener ${socket.remoteAddress ?? '?'} dropped: ${behind} bytes not taken (${unsent} unsent, ${unacked} unacknowledged)`;
          log.warn({ unsent, unacked }, message);
          fail(message);
          remove(client.res, 'slow');
          continue;
        }
        try {
          // Straight to the socket: the head went out in attach() and the body is raw MP3 (no chunking),
          // so res.write() would only add its cork/uncork-on-next-tick per listener per write.
          socket.write(frames);
          client.written += frames.length;
          fed++;
        } catch (err) {
          fail(`write to listener failed: ${(err as Error).message}`);
          (gone ??= []).push(client);
        }
      }
      bytesSent += fed * frames.length;
      if (gone) for (const client of gone) remove(client.res, 'disconnected');
    },
    idle() {
      idle = true;
      if (opts.idle === 'close') endAll('idle');
    },
    async stop() {
      started = false;
      endAll('stopped');
    },
    health(): OutputHealth {
      const state: OutputHealth['state'] = !started ? 'down' : idle ? 'idle' : 'up';
      return { name, state, listeners: receiverCount, lastError, lastErrorAt, bytesSent };
    },
    authorize(presented) {
      if (keyDigest === null) return true;
      return presented !== undefined && timingSafeEqual(digest(presented), keyDigest);
    },
    availability() {
      if (!started) return 'stopped';
      return idle && opts.idle === 'close' ? 'idle' : 'open';
    },
    attach(res, headOnly = false, role = 'receiver') {
      // Icecast streams are HTTP/1.0-style bodies that run until the socket closes; many decoders
      // (Barix, older firmware) cannot read chunked encoding, so it is switched off.
      res.removeHeader('Transfer-Encoding');
      res.writeHead(200, headers);
      if (headOnly) {
        res.end();
        return;
      }
      const socket = res.socket;
      if (!socket || socket.destroyed) return; // gone before its first byte
      socket.setNoDelay(true);
      socket.setTimeout(0);
      // Sends the head now. Not flushHeaders(): Node writes that as UTF-8 text, which would mangle the
      // latin1-carried UTF-8 bytes of the name; an empty latin1 write sends the head byte for byte.
      res.write('', 'latin1');
      // No burst of past audio: a device that starts with a backlog plays everything late by it.
      const client = new Listener(res, socket, role, stalledBytes);
      client.unwatch = backlog.watch(socket, { handed: () => client.handed(), sampled: (s) => (client.kernel = s) });
      clients.set(res, client);
      fanout.push(client);
      if (role === 'receiver') receiverCount++;
      res.on('close', () => remove(res, 'disconnected'));
      res.on('error', (err) => log.debug({ err }, 'listener socket error'));
      log.info({ listeners: receiverCount, role, remote: socket.remoteAddress }, 'listener connected');
      events.emit('listener:added', { listeners: receiverCount, role });
    },
    listeners: () => receiverCount,
    receivers: () => fanout.filter((c) => c.role === 'receiver'),
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Header values travel as latin1 in Node; sending the UTF-8 bytes keeps Vietnamese names intact. */
function headerText(s: string): string {
  return Buffer.from(s.replace(/[\r\n]+/g, ' '), 'utf8').toString('latin1');
}

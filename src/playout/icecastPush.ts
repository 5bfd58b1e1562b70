import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { backoffDelay } from './backoff.ts';
import type { Backoff } from './backoff.ts';
import type { OutputDriver, OutputHealth } from './output.ts';
import { describeIcecastTarget, parseIcecastUrl } from './outputUrl.ts';
import type { IcecastTarget } from './outputUrl.ts';
import { openLegacySource, openPutSource } from './icecastSource.ts';
import type { SourceConnection, SourceOutcome } from './icecastSource.ts';

/** Options of createIcecastPush; the URL carries host, port, mount and credentials. */
export interface IcecastPushOptions {
  /** `icecast://user:pass@host:port/mount` (see parseIcecastUrl). */
  url: string;
  name?: string;
  description?: string;
  clock: Clock;
  log: Logger;
  backoff: Backoff;
  /**
   * The player's silent frame (silence.ts). Between programmes the player keeps writing it: the
   * source stays connected and health says 'idle' until other audio comes. Without it any write counts as programme.
   */
  silenceFrame?: Buffer;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
}

/** What an Icecast push reports besides health: every state change and every connection attempt. */
export interface IcecastPushEvents {
  state: [OutputHealth];
  attempt: [{ protocol: 'put' | 'source' }];
}

/** An OutputDriver that is an Icecast source client, with a manual "retry now". */
export interface IcecastPush extends OutputDriver {
  readonly events: EventEmitter<IcecastPushEvents>;
  /** Drops any wait (including the long wait after refused credentials) and reconnects now. */
  restart(): void;
}

/** Frames written while the first connection of a programme is being made (~1 s at 96 kbps). */
const PREROLL_BYTES = 12_000;
/** Beyond ~2 s of audio waiting in the socket the head-end is not keeping up: drop, don't queue. */
const MAX_QUEUED_BYTES = 24_000;
/** A socket that stays that full for this long is dead even if TCP has not noticed yet. */
const STALL_MS = 10_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Icecast drops a silent source after its source-timeout (10 s by default); that is our idleness, not a fault. */
const STARVED_MS = 5_000;

/** Creates an Icecast source push (PUT, falling back to legacy SOURCE) for one mount. */
export function createIcecastPush(opts: IcecastPushOptions): IcecastPush {
  const parsed = parseIcecastUrl(opts.url);
  if (!parsed.ok) throw new Error(`icecast output: ${parsed.error}`);
  const target: IcecastTarget = parsed.value;
  const name = describeIcecastTarget(target);
  const { clock, backoff, silenceFrame } = opts;
  const random = opts.random ?? Math.random;
  const log = opts.log.child({ output: name });
  const events = new EventEmitter<IcecastPushEvents>();
  const headers: Record<string, string> = {
    'Content-Type': 'audio/mpeg',
    'ice-name': headerText(opts.name ?? target.mount.slice(1)),
    'ice-description': headerText(opts.description ?? ''),
    'ice-public': '0',
    'ice-audio-info': 'samplerate=44100;channels=1;bitrate=96',
  };

  let started = false;
  /** The source connection itself; 'off' = not wanted (stopped, or the player stopped writing). */
  let link: 'off' | 'connecting' | 'up' | 'down' = 'off';
  /** No programme on air: idle() was called and only silence has been written since. */
  let programmeIdle = true;
  let reported: OutputHealth['state'] = 'idle';
  let protocol: 'put' | 'source' = 'put';
  let conn: SourceConnection | null = null;
  /** Bumped on every connect/close so late events from an abandoned socket are ignored. */
  let generation = 0;
  let attempt = 0;
  let notBefore = 0;
  let cancelRetry: (() => void) | null = null;
  let cancelHandshake: (() => void) | null = null;
  let preroll: Buffer[] = [];
  let prerollBytes = 0;
  let upSince = 0;
  let lastWriteAt = 0;
  let stalledSince: number | null = null;
  let bytesSent = 0;
  let lastError: string | null = null;
  let lastErrorAt: number | null = null;
  /** The failure already logged; repeats of it stay quiet until a connection succeeds. */
  let loggedError: string | null = null;

  const stateNow = (): OutputHealth['state'] => (link === 'off' || (link === 'up' && programmeIdle) ? 'idle' : link);
  const health = (): OutputHealth => ({ name, state: stateNow(), listeners: null, lastError, lastErrorAt, bytesSent });

  /** Emits 'state' when the reported state changes, or always when `force` (the reason changed). */
  function report(force = false): void {
    const next = stateNow();
    if (next === reported && !force) return;
    reported = next;
    events.emit('state', health());
  }

  function setLink(next: typeof link, force = false): void {
    link = next;
    report(force);
  }

  function closeConnection(): void {
    generation++;
    cancelHandshake?.();
    cancelHandshake = null;
    conn?.close();
    conn = null;
    preroll = [];
    prerollBytes = 0;
    stalledSince = null;
  }

  function connect(): void {
    cancelRetry?.();
    cancelRetry = null;
    closeConnection();
    if (!started) return;
    const gen = generation;
    setLink('connecting');
    events.emit('attempt', { protocol });
    const open = protocol === 'put' ? openPutSource : openLegacySource;
    conn = open(target, headers, (outcome) => {
      if (gen === generation) onOutcome(outcome);
    });
    cancelHandshake = clock.at(clock.now() + HANDSHAKE_TIMEOUT_MS, () => {
      if (gen === generation && link === 'connecting') {
        fail(`icecast at ${target.host}:${target.port} did not answer within ${HANDSHAKE_TIMEOUT_MS / 1000} s`, false);
      }
    });
  }

  function onOutcome(outcome: SourceOutcome): void {
    switch (outcome.kind) {
      case 'up':
        cancelHandshake?.();
        cancelHandshake = null;
        upSince = clock.now();
        log.info({ protocol }, loggedError !== null ? 'icecast source connected again' : 'icecast source connected');
        loggedError = null;
        setLink('up');
        for (const b of preroll) send(b);
        preroll = [];
        prerollBytes = 0;
        return;
      case 'rejected':
        return onRejected(outcome.status, outcome.body);
      case 'failed':
        return fail(outcome.message, false);
      case 'closed': {
        const now = clock.now();
        // A connection that outlived the longest wait was healthy: start the schedule over.
        if (now - upSince >= backoff.maxMs) attempt = 0;
        if (now - lastWriteAt >= STARVED_MS) {
          // The player stopped writing and icecast timed the source out: reconnect on the next write.
          closeConnection();
          log.debug('icecast closed the source connection the player had stopped feeding');
          setLink('off');
          return;
        }
        return fail(outcome.message, false);
      }
    }
  }

  function onRejected(status: number, body: string): void {
    const said = body.trim().split('\n')[0]?.slice(0, 200) ?? '';
    if (protocol === 'put' && (status === 405 || status === 501 || /not (supported|implemented|allowed)/i.test(said))) {
      // Icecast before 2.4 only speaks the legacy SOURCE method; not a failure, just ask again.
      log.info({ status }, 'icecast does not accept PUT; using the legacy SOURCE request');
      protocol = 'source';
      connect();
      return;
    }
    if (status === 401) {
      return fail(`icecast refused the source user/password for ${target.mount} (401): check the password in the output URL`, true);
    }
    if (status === 403 && /in use/i.test(said)) {
      return fail(`mount ${target.mount} is already in use by another source (icecast 403: ${said})`, true);
    }
    if (status === 403) return fail(`icecast refused the source for ${target.mount} (403${said ? `: ${said}` : ''})`, true);
    fail(`icecast answered ${status}${said ? ` (${said})` : ''} to the source request for ${target.mount}`, false);
  }

  /** Records a failure and schedules the next attempt; `refused` ones wait the longest delay. */
  function fail(message: string, refused: boolean): void {
    closeConnection();
    const now = clock.now();
    lastError = message;
    lastErrorAt = now;
    const delay = refused ? backoff.maxMs : backoffDelay(attempt++, backoff, random);
    if (loggedError !== message) {
      if (refused) log.error({ retryInMs: delay }, message);
      else log.warn({ retryInMs: delay }, message);
      loggedError = message;
    } else {
      log.debug({ retryInMs: delay }, message);
    }
    setLink('down', true);
    scheduleRetry(now + delay);
  }

  function scheduleRetry(atMs: number): void {
    notBefore = atMs;
    cancelRetry?.();
    cancelRetry = clock.at(atMs, () => {
      cancelRetry = null;
      connect();
    });
  }

  function send(frames: Buffer): void {
    if (conn === null) return;
    if (conn.queued() > MAX_QUEUED_BYTES) {
      const now = clock.now();
      stalledSince ??= now;
      if (now - stalledSince >= STALL_MS) {
        fail(`icecast at ${target.host}:${target.port} stopped reading the stream for ${STALL_MS / 1000} s`, false);
      }
      return;
    }
    stalledSince = null;
    conn.send(frames);
    bytesSent += frames.length;
  }

  function write(frames: Buffer): void {
    try {
      if (!started) return;
      lastWriteAt = clock.now();
      if (programmeIdle && !isSilence(frames, silenceFrame)) {
        programmeIdle = false;
        report();
      }
      if (link === 'off') {
        if (clock.now() >= notBefore) connect();
        else if (cancelRetry === null) scheduleRetry(notBefore);
      }
      if (link === 'up') send(frames);
      else if (link === 'connecting') keepPreroll(frames);
      // 'down': a live stream drops audio instead of delivering it late.
    } catch (err) {
      // The player must never see an output's trouble; it shows in health instead.
      fail(`icecast output error: ${(err as Error).message}`, false);
    }
  }

  function keepPreroll(frames: Buffer): void {
    preroll.push(frames);
    prerollBytes += frames.length;
    while (prerollBytes > PREROLL_BYTES && preroll.length > 1) prerollBytes -= preroll.shift()?.length ?? 0;
  }

  return {
    name,
    events,
    async start() {
      if (started) return;
      started = true;
      lastWriteAt = clock.now();
      connect();
    },
    write,
    idle() {
      // The source stays connected and carries the player's silence, so devices pulling the mount
      // stay attached and the next programme starts on time everywhere.
      programmeIdle = true;
      report();
    },
    async stop() {
      started = false;
      cancelRetry?.();
      cancelRetry = null;
      closeConnection();
      setLink('off');
    },
    restart() {
      attempt = 0;
      notBefore = 0;
      loggedError = null;
      if (!started) return;
      lastWriteAt = clock.now();
      connect();
    },
    health,
  };
}

/** True when `frames` is nothing but repeats of the player's silent frame. */
function isSilence(frames: Buffer, silenceFrame: Buffer | undefined): boolean {
  const n = silenceFrame?.length ?? 0;
  if (silenceFrame === undefined || n === 0 || frames.length === 0 || frames.length % n !== 0) return false;
  for (let off = 0; off < frames.length; off += n) {
    if (!frames.subarray(off, off + n).equals(silenceFrame)) return false;
  }
  return true;
}

/** HTTP header values must be latin1 without line breaks; Vietnamese names are sent as UTF-8 bytes read as latin1, which icecast passes through. */
function headerText(s: string): string {
  return Buffer.from(s.replace(/[\r\n]+/g, ' '), 'utf8').toString('latin1');
}

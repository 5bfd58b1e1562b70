import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Backoff } from './backoff.ts';
import type { OutputDriver, Receiver } from './output.ts';
import { OutputState } from './outputState.ts';
import type { OutputStateEvents } from './outputState.ts';
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
export interface IcecastPushEvents extends OutputStateEvents {
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
  let protocol: 'put' | 'source' = 'put';
  let conn: SourceConnection | null = null;
  /** Bumped on every connect/close so late events from an abandoned socket are ignored. */
  let generation = 0;
  let cancelHandshake: (() => void) | null = null;
  let preroll: Buffer[] = [];
  let prerollBytes = 0;
  let lastWriteAt = 0;
  let stalledSince: number | null = null;
  /**
   * The Icecast server as the receiver of what we push ("handed to Icecast": Loa cannot see its own
   * listeners). It took what went into the source connection, less what was still unsent when one
   * was dropped.
   */
  let handed = 0;
  let lost = 0;
  const server: Receiver = { delivered: () => handed - lost - (conn?.queued() ?? 0) };
  /** The source connection's state; link 'off' = not wanted (stopped, or the player stopped writing). */
  const st = new OutputState({ name, clock, log, backoff, random, events, delayField: 'retryInMs', retry: connect, silenceFrame });

  function closeConnection(): void {
    generation++;
    cancelHandshake?.();
    cancelHandshake = null;
    lost += conn?.queued() ?? 0;
    conn?.close();
    conn = null;
    preroll = [];
    prerollBytes = 0;
    stalledSince = null;
  }

  function connect(): void {
    st.cancelRetry();
    closeConnection();
    if (!started) return;
    const gen = generation;
    st.setLink('connecting');
    events.emit('attempt', { protocol });
    const open = protocol === 'put' ? openPutSource : openLegacySource;
    conn = open(target, headers, (outcome) => {
      if (gen === generation) onOutcome(outcome);
    });
    cancelHandshake = clock.at(clock.now() + HANDSHAKE_TIMEOUT_MS, () => {
      if (gen === generation && st.link === 'connecting') {
        fail(`icecast at ${target.host}:${target.port} did not answer within ${HANDSHAKE_TIMEOUT_MS / 1000} s`, false);
      }
    });
  }

  function onOutcome(outcome: SourceOutcome): void {
    switch (outcome.kind) {
      case 'up':
        cancelHandshake?.();
        cancelHandshake = null;
        st.up((again) => log.info({ protocol }, again ? 'icecast source connected again' : 'icecast source connected'));
        for (const b of preroll) send(b);
        preroll = [];
        prerollBytes = 0;
        return;
      case 'rejected':
        return onRejected(outcome.status, outcome.body);
      case 'failed':
        return fail(outcome.message, false);
      case 'closed': {
        st.forgiveIfLongLived();
        if (clock.now() - lastWriteAt >= STARVED_MS) {
          // The player stopped writing and icecast timed the source out: reconnect on the next write.
          closeConnection();
          log.debug('icecast closed the source connection the player had stopped feeding');
          st.setLink('off');
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

  /** Drops the connection, records the failure and schedules the next attempt; `refused` ones wait the longest delay. */
  function fail(message: string, refused: boolean): void {
    closeConnection();
    st.fail(message, refused);
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
    st.bytesSent += frames.length;
    handed += frames.length;
  }

  function write(frames: Buffer): void {
    try {
      if (!started) return;
      lastWriteAt = clock.now();
      st.noteFrames(frames);
      st.retryIfOff();
      if (st.link === 'up') send(frames);
      else if (st.link === 'connecting') keepPreroll(frames);
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
      st.programmeIdle = true;
      st.report();
    },
    async stop() {
      started = false;
      st.cancelRetry();
      closeConnection();
      st.setLink('off');
    },
    restart() {
      st.resetBackoff();
      if (!started) return;
      lastWriteAt = clock.now();
      connect();
    },
    health: () => st.health(),
    // Only a connection the server accepted takes frames, so the server is always the one receiver.
    receivers: () => [server],
  };
}

/** HTTP header values must be latin1 without line breaks; Vietnamese names are sent as UTF-8 bytes read as latin1, which icecast passes through. */
function headerText(s: string): string {
  return Buffer.from(s.replace(/[\r\n]+/g, ' '), 'utf8').toString('latin1');
}

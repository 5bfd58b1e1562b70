import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Backoff } from './backoff.ts';
import type { OutputDriver, Receiver } from './output.ts';
import { OutputState } from './outputState.ts';
import type { OutputStateEvents } from './outputState.ts';
import type { RtpCodec } from './outputUrl.ts';

/** Options of createRtpOutput: destination, codec, and the ffmpeg that encodes and sends. */
export interface RtpOutputOptions {
  /** Unicast or multicast (224.0.0.0/4, ff00::/8) destination. */
  address: string;
  port: number;
  /** Multicast hop limit; 1 keeps the stream on the local network. */
  ttl: number;
  codec: RtpCodec;
  ffmpegPath: string;
  log: Logger;
  clock: Clock;
  /**
   * The player's silent frame (silence.ts). When given, RTP stops between programmes (idle() until
   * audio other than this frame comes); without it the silence is sent like any audio.
   */
  silenceFrame?: Buffer;
  /** Restart timing when ffmpeg dies; defaults to 1 s doubling to 30 s. */
  backoff?: Backoff;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
}

/** What an RTP output reports besides health: every state change and every ffmpeg started. */
export interface RtpOutputEvents extends OutputStateEvents {
  spawn: [{ pid: number | undefined; args: string[] }];
}

/** An OutputDriver that sends RTP through an ffmpeg child process. */
export interface RtpOutput extends OutputDriver {
  readonly events: EventEmitter<RtpOutputEvents>;
}

/** Destination and codec of an RTP stream, as rtpFfmpegArgs needs them. */
export interface RtpStreamSpec {
  address: string;
  port: number;
  ttl: number;
  codec: RtpCodec;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000 };
/** ffmpeg normally takes frames as fast as they come; ~2 s waiting means it is stuck: drop, don't queue. */
const MAX_QUEUED_BYTES = 24_000;
/** How long ffmpeg gets to flush and exit after its input ends before it is killed. */
const EXIT_GRACE_MS = 2000;
const STDERR_TAIL_LINES = 5;

/**
 * ffmpeg arguments turning canonical MP3 on stdin into RTP. No `-re`: the player already paces the
 * frames in real time, so ffmpeg sends as soon as it decodes.
 */
export function rtpFfmpegArgs(spec: RtpStreamSpec): string[] {
  const host = spec.address.includes(':') ? `[${spec.address}]` : spec.address;
  const codecArgs =
    spec.codec === 'mp3'
      ? // RFC 2250 (payload type 14) carries the frames untouched.
        ['-acodec', 'copy']
      : [
          // 160 samples at 8 kHz = the 20 ms packets paging speakers expect (PT 0 µ-law, PT 8 A-law).
          '-af',
          'aresample=8000,asetnsamples=n=160:p=0',
          '-acodec',
          spec.codec === 'pcmu' ? 'pcm_mulaw' : 'pcm_alaw',
          '-ar',
          '8000',
          '-ac',
          '1',
        ];
  // pkt_size: 12-byte RTP header + 160 bytes of G.711, or + 4-byte MPA header + one 314-byte frame.
  const pktSize = spec.codec === 'mp3' ? 344 : 172;
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    // Start sending on the first frames instead of probing seconds of a live input.
    '-fflags',
    '+nobuffer',
    '-probesize',
    '4096',
    '-analyzeduration',
    '0',
    '-f',
    'mp3',
    '-i',
    'pipe:0',
    '-vn',
    ...codecArgs,
    '-f',
    'rtp',
    `rtp://${host}:${spec.port}?ttl=${spec.ttl}&pkt_size=${pktSize}`,
  ];
}

type Ffmpeg = ChildProcessByStdio<Writable, null, Readable>;

/** Creates an RTP output (G.711 µ-law/A-law or MP3) fed by a spawned ffmpeg, restarted with backoff. */
export function createRtpOutput(opts: RtpOutputOptions): RtpOutput {
  const { clock, silenceFrame } = opts;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const random = opts.random ?? Math.random;
  const host = opts.address.includes(':') ? `[${opts.address}]` : opts.address;
  const name = `rtp://${host}:${opts.port}`;
  const args = rtpFfmpegArgs(opts);
  const log = opts.log.child({ output: name, codec: opts.codec });
  const events = new EventEmitter<RtpOutputEvents>();
  /** With the silent frame known, RTP stops between programmes so paging speakers release the channel. */
  const pausesOnIdle = silenceFrame !== undefined;

  let started = false;
  let child: Ffmpeg | null = null;
  /**
   * The destination as a receiver: RTP has no answer, so what was sent to it is what ffmpeg took from
   * us, less what was still in its pipe when an ffmpeg died.
   */
  let handed = 0;
  let lost = 0;
  const destination: Receiver = { delivered: () => handed - lost - (child?.stdin.writableLength ?? 0) };
  /** ffmpeg's state; link 'off' = not running and not wanted (stopped, or paused between programmes). */
  const st = new OutputState({ name, clock, log, backoff, random, events, delayField: 'restartInMs', retry: launch, silenceFrame });
  const wanted = () => started && !(pausesOnIdle && st.programmeIdle);

  function launch(): void {
    st.cancelRetry();
    if (!wanted() || child !== null) return;
    st.setLink('connecting');
    const proc: Ffmpeg = spawn(opts.ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    child = proc;
    const tail: string[] = [];
    let spawnError: string | null = null;
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.trim() === '') continue;
        tail.push(line.trim());
        if (tail.length > STDERR_TAIL_LINES) tail.shift();
        // ffmpeg logs at error level only: anything it says is worth showing while it keeps running.
        st.noteError(`ffmpeg: ${line.trim()}`);
      }
    });
    // EPIPE when ffmpeg dies mid-write; its exit is what we act on.
    proc.stdin.on('error', () => {});
    proc.on('spawn', () => {
      if (child !== proc) return;
      events.emit('spawn', { pid: proc.pid, args });
      st.up((again) => {
        if (again) log.info('rtp ffmpeg running again');
      });
    });
    proc.on('error', (err) => {
      spawnError = `cannot run ffmpeg at ${opts.ffmpegPath}: ${err.message}`;
    });
    proc.on('close', (code, signal) => {
      if (child !== proc) return;
      lost += proc.stdin.writableLength;
      child = null;
      // A run that outlived the longest wait was healthy: start the schedule over.
      st.forgiveIfLongLived();
      st.fail(spawnError ?? `ffmpeg exited with ${code ?? signal}${tail.length > 0 ? `: ${tail.join(' | ')}` : ''}`);
    });
  }

  /** Ends ffmpeg's input so it sends what it holds and exits; kills it if it lingers. */
  function retire(): Promise<void> {
    st.cancelRetry();
    const proc = child;
    child = null;
    st.link = 'off';
    if (proc === null || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const cancelKill = clock.at(clock.now() + EXIT_GRACE_MS, () => proc.kill('SIGKILL'));
      proc.once('close', () => {
        cancelKill();
        resolve();
      });
      proc.stdin.end();
    });
  }

  function write(frames: Buffer): void {
    try {
      if (!started) return;
      st.noteFrames(frames);
      if (!wanted()) return;
      st.retryIfOff();
      const proc = child;
      // While ffmpeg starts, node keeps the frames in the pipe; while it is down they are dropped.
      if (proc === null || !proc.stdin.writable || proc.stdin.writableLength > MAX_QUEUED_BYTES) return;
      proc.stdin.write(frames);
      st.bytesSent += frames.length;
      handed += frames.length;
    } catch (err) {
      // The player must never see an output's trouble; it shows in health instead.
      st.noteError(`rtp output error: ${(err as Error).message}`);
    }
  }

  return {
    name,
    events,
    async start() {
      if (started) return;
      started = true;
      launch();
    },
    write,
    idle() {
      st.programmeIdle = true;
      // A fresh ffmpeg per programme gives receivers a new SSRC instead of a timestamp jump.
      if (pausesOnIdle) void retire();
      st.report();
    },
    async stop() {
      started = false;
      await retire();
      st.report();
    },
    health: () => st.health(),
    receivers: () => [destination],
  };
}

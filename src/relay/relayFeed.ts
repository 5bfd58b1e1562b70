import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { RelayAiring } from '../domain/relay.ts';
import { FRAME_MS } from '../playout/airing.ts';
import { backoffDelay, type Backoff } from '../playout/backoff.ts';
import type { FrameSource } from '../playout/frameSource.ts';
import { RelayMix, type MixSummary, type RelaySegment } from './relayMix.ts';
import type { SourcePull, StartPull } from './sourcePull.ts';
import { hidePasswords, type SourceStop } from './sourceStop.ts';

/** What a relay feed is built from; the timings have the defaults noted. */
export interface RelayFeedOptions {
  /** The programme entry's key ("relay:<relayId>:<startMs>"): one feed per airing. */
  key: string;
  startMs: number;
  durationMs: number;
  airing: RelayAiring;
  clock: Clock;
  log: Logger;
  silenceFrame: Buffer;
  startPull: StartPull;
  /** Loads the fallback item's canonical audio (the player's frame loader). */
  loadFrames: (path: string) => FrameSource | Promise<FrameSource>;
  /** The source is pulled this long before the relay starts, so real audio is there at its first frame (default 5 s). */
  preRollMs?: number;
  /**
   * Latency kept behind the live edge of the source (default 1 s for http: room for a delivery
   * stall before the relay underruns; 6 s for HLS, whose audio comes a segment at a time); players
   * sending ahead need sendAheadMs more.
   */
  latencyMs?: number;
  sendAheadMs?: number;
  /** Delays between retries of a failed source (default 1 s doubling to 30 s). */
  backoff?: Backoff;
  random?: () => number;
  /** How often the feed decides the slots due and watches the source (default 100 ms). */
  tickMs?: number;
  /**
   * Whether the relay is still in the programme (a re-plan or a deleted relay may drop it): asked at
   * the pull's start and every 30 s; a feed no player has read for 5 s then stops pulling.
   */
  stillPlanned?: () => boolean;
}

/** What a relay airing was: its segments, how often the source was retried, and how many frames were dropped. */
export interface RelayOutcome {
  key: string;
  relayId: string;
  sourceId: string;
  startMs: number;
  totalFrames: number;
  segments: RelaySegment[];
  /** Connections attempted after the first. */
  retries: number;
  droppedFrames: number;
  /** The feed ended (its time is over or it was stopped). */
  ended: boolean;
}

/** What aired in a range of a relay's slots, and how often the source was retried meanwhile. */
export interface RelaySummary extends MixSummary {
  retries: number;
}

/** The frames a zone player airs for a relay, and the feed behind them (for the airtime row). */
export interface RelayFrames extends FrameSource {
  readonly relayFeed: RelayFeed;
}

/** One relay airing's feed: shared by every player airing it (see relayFeeds.ts). */
export interface RelayFeed {
  readonly key: string;
  readonly startMs: number;
  readonly frames: RelayFrames;
  /** What aired in slots [from, to) of the relay. */
  summarize(from: number, to: number): RelaySummary;
  outcome(): RelayOutcome;
  /** Ends the feed now (its pull is stopped; slots not yet decided are never aired). */
  stop(): void;
}

/** A connection that has delivered audio this long is sound: the next failure retries from the shortest delay. */
const STEADY_MS = 10_000;
/** How often a feed asks whether its relay is still planned. */
const PLANNED_CHECK_MS = 30_000;
/** A feed no player has read from for this long is not on air anywhere. */
const UNREAD_MS = 5000;

/**
 * A relay airing's FrameSource, clock-paced and frame-exact: exactly ⌈durationMs / FRAME_MS⌉ frames on
 * the items' grid, slot i due at startMs + i × FRAME_MS. The source is pulled (startPull: ffmpeg)
 * from preRollMs before the start; its frames queue a little behind the live edge (a burst of
 * buffered audio on connect is dropped down to latencyMs, so the relay never runs seconds late; see
 * RelayMix for how the latency is kept).
 * When the source cannot be reached, fails, ends, sends no audio or only silence for its silence
 * limit, the fallback item (looped) or silence airs and the source is retried with backoff; once it
 * delivers again the relay goes back to it. Slots are decided as the clock reaches them, or earlier
 * when a player asks, so a player coming back after a bulletin is at the live edge.
 */
export function createRelayFeed(o: RelayFeedOptions): RelayFeed {
  const { clock, airing } = o;
  const source = airing.source;
  const log = o.log.child({ relay: airing.relayId, source: source.id, key: o.key });
  // Whole frames covering the slot (a duration rounded to the ms is not taken for a frame more): the
  // relay ends on, or just after, its planned end, so the entry after it starts in the very next frame.
  const totalFrames = Math.max(1, Math.ceil(o.durationMs / FRAME_MS - 0.05));
  const endMs = o.startMs + totalFrames * FRAME_MS;
  const latencyMs = (o.latencyMs ?? (source.kind === 'hls' ? 6000 : 1000)) + (o.sendAheadMs ?? 0);
  const latencyFrames = Math.max(4, Math.round(latencyMs / FRAME_MS));
  const mix = new RelayMix({
    totalFrames, silenceFrame: o.silenceFrame, targetFrames: latencyFrames, resumeFrames: Math.min(latencyFrames, Math.round(250 / FRAME_MS)),
  });
  const backoff = o.backoff ?? { initialMs: 1000, maxMs: 30_000 };
  const random = o.random ?? Math.random;
  const tickMs = o.tickMs ?? 100;
  // No audio this long gives the pull up. HLS comes a segment at a time: its gaps may be long.
  const stallMs = source.kind === 'hls' ? Math.max(source.silenceLimitMs, 20_000) : source.silenceLimitMs;
  let pull: SourcePull | null = null;
  let pullStartedAt = 0;
  let lastAudioAt = 0;
  let hadAudio = false;
  let silent = false;
  let attempt = 0;
  let connects = 0;
  /** When each retry started. */
  const retries: number[] = [];
  let ended = false;
  let cancelTimer: (() => void) | null = null;
  let cancelRetry: (() => void) | null = null;
  let lastReadAt = -Infinity;
  let plannedCheckAt = 0;

  if (airing.fallbackAudioPath) loadFallback(airing.fallbackAudioPath);

  function loadFallback(path: string): void {
    const unreadable = (err: unknown) => log.error({ err, path }, 'relay fallback audio unreadable; silence stands in for it');
    try {
      const loaded = o.loadFrames(path);
      if (loaded instanceof Promise) loaded.then((frames) => mix.setFallback(frames), unreadable);
      else mix.setFallback(loaded);
    } catch (err) {
      unreadable(err);
    }
  }

  function connect(): void {
    cancelRetry = null;
    if (ended) return;
    connects++;
    const now = clock.now();
    if (connects > 1) retries.push(now);
    pullStartedAt = now;
    lastAudioAt = now;
    hadAudio = false;
    silent = false;
    log.info({ url: hidePasswords(source.url), attempt }, connects === 1 ? 'relay: pulling the source' : 'relay: retrying the source');
    const mine: { pull: SourcePull | null } = { pull: null };
    mine.pull = o.startPull(source, {
      frames(frames) {
        if (pull !== mine.pull) return;
        lastAudioAt = clock.now();
        for (const f of frames) mix.push(f);
        if (!hadAudio) {
          hadAudio = true;
          log.info({ afterMs: lastAudioAt - pullStartedAt }, 'relay: source audio arriving');
          if (!silent) mix.sourceUp();
        }
      },
      silent() {
        if (pull !== mine.pull || silent) return;
        silent = true;
        log.warn({ limitMs: source.silenceLimitMs }, 'relay: the source is silent; the fallback airs');
        mix.sourceDown({ reason: 'silent', message: `silent for more than ${seconds(source.silenceLimitMs)} s` }, true);
      },
      sound() {
        if (pull !== mine.pull || !silent) return;
        silent = false;
        log.info('relay: sound from the source again');
        if (hadAudio) mix.sourceUp();
      },
      exited(stop) {
        if (pull !== mine.pull) return;
        fail(stop);
      },
    });
    pull = mine.pull;
  }

  /** The pull is over (it exited or the watchdog gave up on it): the fallback airs, a retry is armed. */
  function fail(stop: SourceStop): void {
    const said = pull?.lastWords?.() ?? null;
    pull?.stop();
    pull = null;
    mix.sourceDown(stop, stop.reason === 'silent');
    if (ended) return;
    const delay = backoffDelay(attempt++, backoff, random);
    const at = clock.now() + delay;
    log.warn({ reason: stop.reason, status: stop.status, error: stop.message, ffmpeg: said, retryInMs: delay }, 'relay: source lost; the fallback airs');
    if (at < endMs - 1000) cancelRetry = clock.at(at, connect);
  }

  /** False once the relay left the programme and no player airs it: the pull is not wanted any more. */
  function wanted(now: number): boolean {
    if (!o.stillPlanned || now - lastReadAt < UNREAD_MS) return true;
    try {
      return o.stillPlanned();
    } catch (err) {
      log.warn({ err }, 'relay: programme unreadable; the feed goes on');
      return true;
    }
  }

  function tick(): void {
    cancelTimer = null;
    if (ended) return;
    const now = clock.now();
    mix.decideThrough(Math.floor((now - o.startMs) / FRAME_MS));
    if (now >= endMs) return finish();
    if (now >= plannedCheckAt) {
      plannedCheckAt = now + PLANNED_CHECK_MS;
      if (!wanted(now)) {
        log.info('relay: no longer in the programme; the pull stops');
        return finish();
      }
    }
    if (pull) {
      if (now - lastAudioAt > stallMs) {
        fail(hadAudio
          ? { reason: 'stalled', message: `no audio from the source for ${seconds(now - lastAudioAt)} s` }
          : { reason: 'unreachable', message: `no audio within ${seconds(now - pullStartedAt)} s of connecting` });
      } else if (hadAudio && attempt > 0 && now - pullStartedAt >= STEADY_MS) {
        attempt = 0;
      }
    }
    cancelTimer = clock.at(Math.min(now + tickMs, endMs), tick);
  }

  function finish(): void {
    if (ended) return;
    ended = true;
    cancelTimer?.();
    cancelRetry?.();
    cancelTimer = cancelRetry = null;
    pull?.stop();
    pull = null;
    const sum = mix.summarize(0, totalFrames);
    log.info({ relayedMs: Math.round(sum.source * FRAME_MS), fallbackMs: Math.round(sum.fallback * FRAME_MS), silenceMs: Math.round((sum.silence + sum.underrun) * FRAME_MS), retries: Math.max(0, connects - 1) }, 'relay: airing over');
  }

  // The pull and the ticks start at the pre-roll (at once for a relay already under way).
  cancelTimer = clock.at(Math.max(clock.now(), o.startMs - (o.preRollMs ?? 5000)), () => {
    cancelTimer = null;
    if (ended) return;
    connect();
    tick();
  });

  const feed: RelayFeed = {
    key: o.key,
    startMs: o.startMs,
    frames: {
      path: `relay:${o.key}`,
      frameCount: totalFrames,
      durationMs: Math.round(totalFrames * FRAME_MS),
      bytes: 0,
      frame: (i) => {
        lastReadAt = clock.now();
        return mix.frame(i);
      },
      get relayFeed() {
        return feed;
      },
    },
    summarize: (from, to) => {
      const within = (at: number) => at >= o.startMs + from * FRAME_MS && at < o.startMs + to * FRAME_MS;
      return { ...mix.summarize(from, to), retries: retries.filter(within).length };
    },
    outcome: () => ({
      key: o.key, relayId: airing.relayId, sourceId: source.id, startMs: o.startMs, totalFrames, segments: mix.segments(),
      retries: Math.max(0, connects - 1), droppedFrames: mix.dropped, ended,
    }),
    stop: finish,
  };
  return feed;
}

function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toString();
}

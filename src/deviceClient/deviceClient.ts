/**
 * The reference store-and-forward head-end (issue 14): it polls its feed (ETag), downloads each file
 * once into its cache, plays each entry at its slot to its sink, keeps playing from the cache while
 * Loa cannot be reached, and queues its play reports (on disk) until Loa takes them. Time comes from
 * the injected clock.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { DeviceCache } from './deviceCache.ts';
import type { LinkEntry, LinkFeed, LoaLink, PlayedReport } from './loaLink.ts';
import { preparePlay, type PreparedPlay, type Sink } from './sinkPlayer.ts';

export interface DeviceClientOptions {
  link: LoaLink;
  cache: DeviceCache;
  clock: Clock;
  log: Logger;
  sink: Sink;
  ffmpegPath: string;
  /** How often the feed is polled (a 304 costs nothing). */
  pollMs: number;
  /** How long before a slot its audio is decoded (and a sound card opened), so it leaves on time (default 5 s). */
  prepareMs?: number;
}

/** What the client tells whoever runs it (the CLI logs these; tests may wait on them). */
export interface DeviceClientEvents {
  feed: [{ entries: number; changed: boolean }];
  downloaded: [{ sha256: string; bytes: number }];
  'link-down': [{ error: string }];
  'play-started': [{ itemId: string; slotMs: number; startedAt: number }];
  played: [PlayedReport];
  reported: [{ sent: number; refused: number; waiting: number }];
}

/** A slot is joined late only while this much of it is left; otherwise it is let go. */
const MIN_LEFT_MS = 1000;
/** The slot timer wakes this much early; the rest is waited out precisely (see atPrecisely). */
const EARLY_MS = 25;
const REPORT_BATCH = 200;

/** An entry waiting for its slot: its timers, and its ffmpeg once readied. */
interface Slot {
  entry: LinkEntry;
  cancels: (() => void)[];
  prepared: PreparedPlay | null;
}

export function createDeviceClient(opts: DeviceClientOptions) {
  const { link, cache, clock, log } = opts;
  const prepareMs = opts.prepareMs ?? 5000;
  const events = new EventEmitter<DeviceClientEvents>();
  const scheduled = new Map<string, Slot>();
  let current: { key: string; play: PreparedPlay; finished: Promise<void> } | null = null;
  let etag: string | null = null;
  let reports = cache.loadReports();
  let sending = false;
  let stopping = false;
  let cancelPoll: (() => void) | null = null;

  const keyOf = (e: LinkEntry) => `${e.itemId}@${e.start}`;
  const iso = (ms: number) => new Date(ms).toISOString();

  function queueReport(report: PlayedReport): void {
    reports = [...reports, report];
    cache.saveReports(reports);
    log.info({ report, waiting: reports.length }, 'play report');
    events.emit('played', report);
    void flushReports();
  }

  /** Sends what waits; whatever Loa settles (accepted, or refused for good) leaves the queue. */
  async function flushReports(): Promise<void> {
    if (sending || reports.length === 0) return;
    sending = true;
    try {
      const batch = reports.slice(0, REPORT_BATCH);
      const answer = await link.sendReports(batch);
      if ('retry' in answer) {
        log.warn({ waiting: reports.length, why: answer.retry }, 'play reports wait for the link');
        return;
      }
      const done = new Set(answer.done.map((i) => batch[i]));
      reports = reports.filter((r) => !done.has(r));
      cache.saveReports(reports);
      for (const r of answer.refused) log.warn({ report: batch[r.index], reason: r.reason }, 'play report refused (not resent)');
      log.info({ sent: done.size, refused: answer.refused.length, waiting: reports.length }, 'play reports sent');
      events.emit('reported', { sent: done.size, refused: answer.refused.length, waiting: reports.length });
      // More than one batch waited: send the next one (never loop on an answer that settled nothing).
      if (done.size > 0 && reports.length > 0 && !stopping) setImmediate(() => void flushReports());
    } finally {
      sending = false;
    }
  }

  /** Readies the slot's ffmpeg (once); null when its audio is not in the cache. */
  function prepare(slot: Slot): PreparedPlay | null {
    if (stopping) return null;
    const file = cache.audio(slot.entry.sha256);
    if (!file) return null;
    slot.prepared ??= preparePlay({ ffmpegPath: opts.ffmpegPath, sink: opts.sink, file, clock, log });
    return slot.prepared;
  }

  /**
   * Calls `fn` at `atMs`: a timer wakes EARLY_MS before, then the last stretch is waited out on the
   * event loop (a timer alone may fire tens of ms late on a busy board). Bounded in real time, so a
   * clock that does not move (a test's) cannot spin it for ever.
   */
  function atPrecisely(atMs: number, fn: () => void): () => void {
    let cancelled = false;
    const cancel = clock.at(atMs - EARLY_MS, () => {
      const giveUp = performance.now() + 4 * EARLY_MS;
      const step = () => {
        if (cancelled) return;
        if (clock.now() >= atMs || performance.now() > giveUp) fn();
        else setImmediate(step);
      };
      step();
    });
    return () => {
      cancelled = true;
      cancel();
    };
  }

  function begin(key: string): void {
    const slot = scheduled.get(key);
    if (!slot || stopping) return;
    scheduled.delete(key);
    const { entry } = slot;
    const slotMs = Date.parse(entry.start);
    const startedAt = clock.now();
    // One sound at a time: whatever still plays is cut for the entry whose slot has come.
    current?.play.stop();
    const play = prepare(slot);
    if (!play) {
      log.error({ itemId: entry.itemId, start: entry.start }, 'slot came with its audio not in the cache');
      queueReport({ itemId: entry.itemId, start: iso(startedAt), end: iso(startedAt), outcome: 'failed' });
      return;
    }
    const late = startedAt - slotMs;
    // Joined late (the client started mid-slot): the audio goes on from where the slot has got to.
    play.start(late > 250 ? late : 0);
    events.emit('play-started', { itemId: entry.itemId, slotMs, startedAt });
    log.info({ itemId: entry.itemId, title: entry.title, slot: entry.start, lateMs: Math.max(0, late) }, 'playing');
    const finished = play.done.then(({ outcome, endedAt, detail }) => {
      if (current?.play === play) current = null;
      if (detail) log.error({ itemId: entry.itemId, detail }, 'play failed');
      queueReport({ itemId: entry.itemId, start: iso(startedAt), end: iso(endedAt), outcome });
    });
    current = { key, play, finished };
  }

  function unschedule(key: string): void {
    const slot = scheduled.get(key);
    if (!slot) return;
    slot.cancels.forEach((c) => c());
    slot.prepared?.stop();
    scheduled.delete(key);
  }

  /** Schedules every entry still to come (or still under way) of the feed; entries gone from it are dropped. */
  function apply(feed: LinkFeed): void {
    const now = clock.now();
    const wanted = new Map(feed.entries.map((e) => [keyOf(e), e]));
    for (const key of [...scheduled.keys()]) if (!wanted.has(key)) unschedule(key);
    for (const [key, entry] of wanted) {
      if (scheduled.has(key) || current?.key === key) continue;
      const startMs = Date.parse(entry.start);
      if (startMs + entry.durationMs - MIN_LEFT_MS <= now) continue;
      const slot: Slot = { entry, cancels: [], prepared: null };
      scheduled.set(key, slot);
      slot.cancels.push(clock.at(Math.max(now, startMs - prepareMs), () => void prepare(slot)));
      slot.cancels.push(atPrecisely(startMs, () => begin(key)));
    }
  }

  /** Downloads what the feed names and the cache lacks, soonest slot first. */
  async function download(feed: LinkFeed): Promise<void> {
    const now = clock.now();
    const todo = feed.entries
      .filter((e) => Date.parse(e.end) > now && !cache.audio(e.sha256))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const seen = new Set<string>();
    for (const e of todo) {
      if (seen.has(e.sha256) || stopping) continue;
      seen.add(e.sha256);
      const bytes = await link.fetchAudio(e.audioUrl);
      cache.storeAudio(e.sha256, bytes);
      events.emit('downloaded', { sha256: e.sha256, bytes: bytes.length });
      log.info({ itemId: e.itemId, sha256: e.sha256, bytes: bytes.length }, 'audio cached');
    }
  }

  /** One round with Loa: the feed, missing audio, waiting reports. A failure leaves the cache playing. */
  async function pollOnce(): Promise<void> {
    try {
      const got = await link.fetchFeed(etag);
      let feed: LinkFeed | null = null;
      if (got === 'unchanged') {
        feed = cache.loadFeed()?.feed ?? null;
        events.emit('feed', { entries: feed?.entries.length ?? 0, changed: false });
      } else {
        feed = got.feed;
        etag = got.etag;
        cache.saveFeed(feed, etag);
        apply(feed);
        events.emit('feed', { entries: feed.entries.length, changed: true });
        cache.pruneAudio(new Set(feed.entries.map((e) => e.sha256)));
      }
      if (feed) await download(feed);
      await flushReports();
    } catch (err) {
      // Loa is unreachable (or answered badly): keep playing from the cache, try again at the next poll.
      log.warn({ err: (err as Error).message }, 'Loa unreachable: playing from the cache');
      events.emit('link-down', { error: (err as Error).message });
    }
  }

  function schedulePoll(): void {
    cancelPoll = clock.at(clock.now() + opts.pollMs, () => {
      void pollOnce().finally(() => {
        if (!stopping) schedulePoll();
      });
    });
  }

  return {
    events,
    /** Plays what the cache already holds, then polls Loa now and every pollMs. */
    async start(): Promise<void> {
      const saved = cache.loadFeed();
      if (saved) {
        etag = saved.etag;
        apply(saved.feed);
      }
      await pollOnce();
      if (!stopping) schedulePoll();
    },
    /** Stops polling and playing; the report of a cut play is kept on disk for the next start. */
    async stop(): Promise<void> {
      stopping = true;
      cancelPoll?.();
      for (const key of [...scheduled.keys()]) unschedule(key);
      const playing = current;
      playing?.play.stop();
      await playing?.finished;
      cache.saveReports(reports);
    },
    /** Reports waiting for Loa. */
    waitingReports: () => reports.length,
  };
}

export type DeviceClient = ReturnType<typeof createDeviceClient>;

/**
 * The CAP feed poller: each feed of the station's settings is fetched every `everySeconds` (on the
 * injected clock), with a doubling backoff after failures (up to an hour); each new entry's CAP
 * document goes through the same path as a posted one. Started and stopped by the daemon.
 */
import type { Logger } from 'pino';
import { redactUrlPasswords as shown } from '../audit/redact.ts';
import type { Clock } from '../clock.ts';
import type { CapFeed } from '../domain/cap.ts';
import { ApiError } from '../errors.ts';
import { readFeedDocument } from './capFeedDocument.ts';
import type { CapAnswer } from './capOutcome.ts';
import type { CapActor, CapReceipt } from './capService.ts';

export interface CapFeedsDeps {
  clock: Clock;
  log: Logger;
  /** The feeds now, and the user their alerts are approved by (null: no one may; polling waits). */
  settings: () => { feeds: CapFeed[]; owner: CapActor | null };
  receive: (xml: string, receipt: CapReceipt) => Promise<CapAnswer>;
  timeoutMs: number;
  /** The largest feed or CAP document read (bytes). */
  maxBytes: number;
  fetch?: typeof fetch;
}

/** How a feed is doing (for the API and the logs). */
export interface FeedStatus {
  url: string;
  everySeconds: number;
  lastPollAt: number | null;
  lastOkAt: number | null;
  failures: number;
  lastError: string | null;
  nextPollAt: number | null;
}

interface FeedState extends FeedStatus {
  cancel: (() => void) | null;
  etag: string | null;
  seen: Set<string>;
  running: Promise<void> | null;
}

/** Most entries remembered per feed (older keys drop out; a re-read entry is a duplicate, never aired twice). */
const SEEN_LIMIT = 2000;
const MAX_BACKOFF_MS = 3_600_000;

/** Delay after `failures` failed polls in a row: the interval, doubled per failure, at most an hour (or the interval if longer). */
export const pollDelayMs = (everySeconds: number, failures: number) =>
  Math.min(everySeconds * 1000 * 2 ** Math.min(failures, 20), Math.max(MAX_BACKOFF_MS, everySeconds * 1000));

export function createCapFeeds(deps: CapFeedsDeps) {
  const { clock, log } = deps;
  const states = new Map<string, FeedState>();
  let stopped = true;

  async function fetchText(url: string, state: FeedState | null): Promise<string | null> {
    const headers: Record<string, string> = { accept: 'application/atom+xml, application/cap+xml, application/xml;q=0.9, */*;q=0.5' };
    if (state?.etag) headers['if-none-match'] = state.etag;
    const res = await (deps.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(deps.timeoutMs), redirect: 'follow' });
    if (res.status === 304) return null;
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`${url} answered ${res.status}`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > deps.maxBytes) {
      await res.body?.cancel();
      throw new Error(`${url} is ${declared} bytes, more than ${deps.maxBytes}`);
    }
    const text = await res.text();
    if (Buffer.byteLength(text) > deps.maxBytes) throw new Error(`${url} is more than ${deps.maxBytes} bytes`);
    if (state) state.etag = res.headers.get('etag');
    return text;
  }

  /** Hands one CAP document to the service; a document it refuses (400) is logged, never retried. */
  async function deliver(xml: string, feed: string): Promise<void> {
    const owner = deps.settings().owner;
    if (!owner) throw new Error('no user to approve this feed\'s alerts: save the feeds as an admin (PUT /api/cap/feeds)');
    try {
      const answer = await deps.receive(xml, { via: 'feed', feedUrl: feed, actor: owner });
      log.info({ feed: shown(feed), alert: answer.body.alertId, status: answer.status, state: answer.body.state, duplicate: answer.body.duplicate }, 'CAP alert from a feed');
    } catch (err) {
      if (!(err instanceof ApiError) || err.statusCode !== 400) throw err;
      log.warn({ feed: shown(feed), details: err.details }, 'a CAP feed served an invalid alert; skipped');
    }
  }

  const remember = (state: FeedState, key: string) => {
    state.seen.add(key);
    if (state.seen.size > SEEN_LIMIT) state.seen.delete(state.seen.values().next().value!);
  };

  async function pollOnce(state: FeedState): Promise<void> {
    const text = await fetchText(state.url, state);
    if (text === null) return;
    const doc = readFeedDocument(text, state.url);
    if (doc.kind === 'unknown') throw new Error(`${state.url}: ${doc.problem}`);
    if (doc.kind === 'alert') {
      if (state.seen.has(doc.key)) return;
      await deliver(doc.xml, state.url);
      remember(state, doc.key);
      return;
    }
    for (const entry of doc.entries) {
      if (state.seen.has(entry.key)) continue;
      if (entry.url) {
        const xml = await fetchText(entry.url, null);
        if (xml !== null) await deliver(xml, state.url);
      } else {
        log.warn({ feed: shown(state.url), entry: entry.key }, 'a CAP feed entry links no document; skipped');
      }
      remember(state, entry.key);
    }
  }

  function schedule(state: FeedState, delayMs: number): void {
    state.cancel?.();
    if (stopped) return;
    state.nextPollAt = clock.now() + delayMs;
    state.cancel = clock.at(state.nextPollAt, () => {
      state.cancel = null;
      state.running = poll(state).finally(() => (state.running = null));
    });
  }

  async function poll(state: FeedState): Promise<void> {
    state.lastPollAt = clock.now();
    state.nextPollAt = null;
    try {
      await pollOnce(state);
      state.failures = 0;
      state.lastOkAt = clock.now();
      state.lastError = null;
    } catch (err) {
      state.failures++;
      state.lastError = shown((err as Error).message);
      log.warn({ feed: shown(state.url), failures: state.failures, err: state.lastError }, 'CAP feed poll failed; backing off');
    }
    if (states.get(state.url) === state) schedule(state, pollDelayMs(state.everySeconds, state.failures));
  }

  /** Brings the pollers in line with the settings: new feeds polled at once, removed ones stopped. */
  function reload(): void {
    const feeds = deps.settings().feeds;
    const wanted = new Map(feeds.map((f) => [f.url, f]));
    for (const [url, state] of states) {
      if (wanted.has(url)) continue;
      state.cancel?.();
      states.delete(url);
    }
    for (const feed of feeds) {
      const known = states.get(feed.url);
      if (known) {
        if (known.everySeconds !== feed.everySeconds && !known.running) schedule(known, feed.everySeconds * 1000);
        known.everySeconds = feed.everySeconds;
        continue;
      }
      const state: FeedState = {
        url: feed.url, everySeconds: feed.everySeconds, lastPollAt: null, lastOkAt: null, failures: 0, lastError: null, nextPollAt: null,
        cancel: null, etag: null, seen: new Set(), running: null,
      };
      states.set(feed.url, state);
      schedule(state, 0);
    }
  }

  return {
    start(): void {
      stopped = false;
      reload();
    },
    /** Re-reads the feed list (after a change of settings or of the station file). */
    reload(): void {
      if (!stopped) reload();
    },
    stop(): void {
      stopped = true;
      for (const state of states.values()) state.cancel?.();
      states.clear();
    },
    status(): FeedStatus[] {
      return [...states.values()].map(({ url, everySeconds, lastPollAt, lastOkAt, failures, lastError, nextPollAt }) => ({
        url, everySeconds, lastPollAt, lastOkAt, failures, lastError, nextPollAt,
      }));
    },
    /** Resolves when no poll is running (tests wait on it after moving the clock). */
    async idle(): Promise<void> {
      for (;;) {
        const running = [...states.values()].map((s) => s.running).filter((p) => p !== null);
        if (!running.length) return;
        await Promise.all(running);
      }
    },
  };
}

export type CapFeeds = ReturnType<typeof createCapFeeds>;

import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { RelaySource } from '../domain/relay.ts';
import { backoffDelay } from '../playout/backoff.ts';
import { probeSource, type ProbeResult } from './sourceProbe.ts';
import { hidePasswords } from './sourceStop.ts';

/** A relay source's health as last checked (GET /api/sources shows it; /metrics has a gauge of it). */
export interface SourceHealth {
  id: string;
  /** null until the first check has answered. */
  reachable: boolean | null;
  bitrateKbps: number | null;
  contentType: string | null;
  /** The last failed check's reason (kept after the source recovers, with when). */
  lastError: string | null;
  lastErrorAt: number | null;
  /** When the last check answered (epoch ms), null before the first. */
  checkedAt: number | null;
  /** Failed checks in a row. */
  failures: number;
  /** When the next check is due (later while the source keeps failing). */
  nextCheckAt: number;
}

/** What a watcher is built from. */
export interface SourceWatcherOptions {
  /** The station's sources, read at every round (new, changed and removed sources are noticed). */
  list: () => RelaySource[];
  clock: Clock;
  log: Logger;
  /** A healthy source is checked this often (default 60 s); a failing one backs off to 10× this. */
  intervalMs?: number;
  /** Injected by tests; a short GET by default (sourceProbe.ts). */
  probe?: (source: RelaySource) => Promise<ProbeResult>;
}

/** The watcher: start() it once; health(id) answers at once from the last check. */
export interface SourceWatcher {
  start(): void;
  stop(): void;
  health(id: string): SourceHealth | null;
  /** Every watched source's health. */
  all(): SourceHealth[];
}

/**
 * Watches every relay source whether or not a relay airs: a cheap look (sourceProbe.ts) every
 * intervalMs per source, backing off (doubling up to ten intervals) while one keeps failing, so a dead
 * station is not knocked on every minute forever. A source whose URL or kind changes is checked anew
 * at once. Checks never overlap for one source; a round looks at the list every few seconds.
 */
export function createSourceWatcher(o: SourceWatcherOptions): SourceWatcher {
  const intervalMs = o.intervalMs ?? 60_000;
  const roundMs = Math.min(intervalMs, 5000);
  const probe = o.probe ?? ((s: RelaySource) => probeSource(s, { timeoutMs: Math.min(10_000, intervalMs) }));
  const log = o.log.child({ module: 'relay-sources' });
  const states = new Map<string, { health: SourceHealth; signature: string; checking: boolean }>();
  let cancel: (() => void) | null = null;
  let running = false;

  function round(): void {
    cancel = null;
    if (!running) return;
    const now = o.clock.now();
    let sources: RelaySource[] = [];
    try {
      sources = o.list();
    } catch (err) {
      log.error({ err }, 'relay sources unreadable; health not checked this round');
    }
    const ids = new Set(sources.map((s) => s.id));
    for (const id of states.keys()) if (!ids.has(id)) states.delete(id);
    for (const source of sources) {
      const signature = `${source.kind} ${source.url}`;
      let state = states.get(source.id);
      if (!state || state.signature !== signature) {
        state = { health: blank(source.id, now), signature, checking: false };
        states.set(source.id, state);
      }
      if (!state.checking && state.health.nextCheckAt <= now) check(source, state);
    }
    cancel = o.clock.at(now + roundMs, round);
  }

  function check(source: RelaySource, state: { health: SourceHealth; signature: string; checking: boolean }): void {
    state.checking = true;
    probe(source)
      .catch((err: unknown): ProbeResult => ({ reachable: false, bitrateKbps: null, contentType: null, error: (err as Error).message }))
      .then((r) => {
        state.checking = false;
        if (states.get(source.id) !== state) return; // removed or changed meanwhile: a fresh check is due
        const now = o.clock.now();
        const h = state.health;
        const failures = r.reachable ? 0 : h.failures + 1;
        if (!r.reachable && h.failures === 0) log.warn({ source: source.id, url: hidePasswords(source.url), error: r.error }, 'relay source unreachable');
        if (r.reachable && h.failures > 0) log.info({ source: source.id, failures: h.failures }, 'relay source reachable again');
        state.health = {
          ...h,
          reachable: r.reachable,
          bitrateKbps: r.reachable ? r.bitrateKbps : h.bitrateKbps,
          contentType: r.contentType ?? h.contentType,
          lastError: r.reachable ? h.lastError : r.error,
          lastErrorAt: r.reachable ? h.lastErrorAt : now,
          checkedAt: now,
          failures,
          // Healthy: every interval. Failing: 2, 4, 8… intervals up to 10 (no jitter needed: one watcher).
          nextCheckAt: now + (failures === 0 ? intervalMs : backoffDelay(failures, { initialMs: intervalMs, maxMs: 10 * intervalMs }, () => 0.5)),
        };
      });
  }

  return {
    start() {
      if (running) return;
      running = true;
      round();
    },
    stop() {
      running = false;
      cancel?.();
      cancel = null;
    },
    health: (id) => {
      const h = states.get(id)?.health;
      return h ? { ...h } : null;
    },
    all: () => [...states.values()].map((s) => ({ ...s.health })),
  };
}

function blank(id: string, now: number): SourceHealth {
  return { id, reachable: null, bitrateKbps: null, contentType: null, lastError: null, lastErrorAt: null, checkedAt: null, failures: 0, nextCheckAt: now };
}

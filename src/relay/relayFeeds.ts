import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Backoff } from '../playout/backoff.ts';
import type { FrameSource } from '../playout/frameSource.ts';
import type { ProgrammeEntry } from '../playout/programme.ts';
import { createRelayFeed, type RelayFeed, type RelayFrames, type RelayOutcome } from './relayFeed.ts';
import { createFfmpegPull, type StartPull } from './sourcePull.ts';

/** What the feeds of a playout are built from. */
export interface RelayFeedsOptions {
  clock: Clock;
  log: Logger;
  silenceFrame: Buffer;
  loadFrames: (path: string) => FrameSource | Promise<FrameSource>;
  /** ffmpeg for the pulls (ignored when startPull is given). */
  ffmpegPath: string;
  /** Injected by tests; ffmpeg by default. */
  startPull?: StartPull;
  /** The players' send-ahead: a relay keeps that much more of the source queued, so early reads find audio. */
  sendAheadMs?: number;
  preRollMs?: number;
  /** See RelayFeedOptions.latencyMs (its default by source kind when absent). */
  latencyMs?: number;
  backoff?: Backoff;
  /** Whether an entry is still in some player's programme (see RelayFeedOptions.stillPlanned). */
  stillPlanned?: (entry: ProgrammeEntry) => boolean;
}

/** The relay feeds of a playout: one per relay airing, however many players air it. */
export interface RelayFeeds {
  /**
   * The frames of a relay entry (entry.relay set), opening its feed on first call: every player
   * airing the same entry key shares one feed, so a relay on twenty zones pulls its source once.
   */
  open(entry: ProgrammeEntry): RelayFrames;
  /** The feeds open now (airing, or pulling ahead of their start). */
  active(): RelayOutcome[];
  /** Stops every feed (shutdown). */
  stop(): void;
}

/** A feed is kept this long after its end: a player finishing the airing late still reads its last frames. */
const KEEP_AFTER_END_MS = 60_000;

/** Builds the feeds registry (see RelayFeeds). */
export function createRelayFeeds(o: RelayFeedsOptions): RelayFeeds {
  const feeds = new Map<string, { feed: RelayFeed; cancel: () => void }>();
  const startPull = o.startPull ?? createFfmpegPull(o.ffmpegPath);
  const log = o.log.child({ module: 'relay' });

  return {
    open(entry) {
      if (!entry.relay) throw new Error(`entry ${entry.key} is not a relay`);
      const known = feeds.get(entry.key);
      // A feed stopped before its end (its relay had left the programme) is not reused: the relay is back.
      const stoppedEarly = known && known.feed.outcome().ended && o.clock.now() < entry.startMs + known.feed.frames.durationMs;
      if (known && !stoppedEarly) return known.feed.frames;
      known?.cancel();
      const feed = createRelayFeed({
        key: entry.key, startMs: entry.startMs, durationMs: entry.durationMs, airing: entry.relay,
        clock: o.clock, log, silenceFrame: o.silenceFrame, startPull, loadFrames: o.loadFrames,
        sendAheadMs: o.sendAheadMs ?? 0,
        ...(o.latencyMs !== undefined && { latencyMs: o.latencyMs }),
        ...(o.preRollMs !== undefined && { preRollMs: o.preRollMs }),
        ...(o.backoff && { backoff: o.backoff }),
        ...(o.stillPlanned && { stillPlanned: () => o.stillPlanned!(entry) }),
      });
      const endMs = entry.startMs + feed.frames.durationMs;
      const cancel = o.clock.at(endMs + KEEP_AFTER_END_MS, () => {
        feed.stop();
        if (feeds.get(entry.key)?.feed === feed) feeds.delete(entry.key);
      });
      feeds.set(entry.key, { feed, cancel });
      return feed.frames;
    },
    active() {
      return [...feeds.values()].map((f) => f.feed.outcome()).filter((x) => !x.ended);
    },
    stop() {
      for (const { feed, cancel } of feeds.values()) {
        cancel();
        feed.stop();
      }
      feeds.clear();
    },
  };
}

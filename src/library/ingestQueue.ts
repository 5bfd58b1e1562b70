import { existsSync, rmSync } from 'node:fs';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../storage/db.ts';
import { appendItemEvent } from '../storage/itemEvents.ts';
import { getItem, listProcessingItems, referencedAudioHashes, saveItem, type ItemRecord } from '../storage/items.ts';
import type { StationEvents } from '../stationEvents.ts';
import { listStoredHashes, removeAudio, removeStaleParts } from './audioStore.ts';
import { IngestError } from './errors.ts';
import { QUEUE_FAILURES } from './failureReason.ts';
import { ingestFile, removeStaleTranscodes, type IngestOptions } from './ingestFile.ts';

export interface IngestQueueDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: StationEvents;
  concurrency: number;
  options: Omit<IngestOptions, 'signal' | 'log'>;
  /** Called after each finished job (metrics). */
  onDone?: (outcome: 'ok' | 'failed', seconds: number) => void;
}

/**
 * A bounded queue of ingest jobs (concurrency = cores by default) so uploads never starve the API.
 * State lives in the items table: a job is an item in `processing` with its upload in `incomingPath`,
 * so a restart can pick up exactly what was interrupted.
 */
export function createIngestQueue(deps: IngestQueueDeps) {
  const { db, clock, log, events } = deps;
  const queue = new PQueue({ concurrency: deps.concurrency });
  const abort = new AbortController();
  const queued = new Set<string>();

  function finish(before: ItemRecord, patch: Partial<ItemRecord>, action: string, data: Record<string, unknown>): void {
    const now = clock.now();
    const after: ItemRecord = { ...before, ...patch, incomingPath: null, updatedAt: now };
    db.transaction(() => {
      saveItem(db, after);
      appendItemEvent(db, {
        itemId: before.id, at: now, actorId: null, action, fromStatus: before.status, toStatus: after.status,
        note: after.failureReason, data,
      });
    })();
    events.emit('item:changed', { itemId: before.id, from: before.status, to: after.status, reason: action });
  }

  async function run(itemId: string): Promise<void> {
    const item = getItem(db, itemId);
    if (!item || item.status !== 'processing' || !item.incomingPath) return;
    const started = performance.now();
    const upload = item.incomingPath;
    const previousSha = item.audioSha256;
    try {
      const result = await ingestFile(upload, { ...deps.options, signal: abort.signal, log });
      if (abort.signal.aborted) return; // shutting down: left in `processing`, re-queued at next start
      finish(
        item,
        {
          status: 'pending',
          audioSha256: result.sha256,
          durationMs: result.durationMs,
          loudnessBefore: result.loudnessBefore,
          loudnessAfter: result.loudnessAfter,
          failureReason: null,
        },
        'ingested',
        { durationMs: result.durationMs, loudnessBefore: result.loudnessBefore, loudnessAfter: result.loudnessAfter, source: result.source },
      );
      if (previousSha && previousSha !== result.sha256 && !referencedAudioHashes(db).has(previousSha)) {
        removeAudio(deps.options.audioDir, previousSha);
      }
      deps.onDone?.('ok', (performance.now() - started) / 1000);
    } catch (err) {
      if (abort.signal.aborted) return;
      // IngestErrors were logged by ingestFile with ffmpeg's output; anything else is unexpected.
      if (!(err instanceof IngestError)) log.error({ err, itemId }, 'ingest failed on the server side');
      const reason = err instanceof IngestError ? err.messageVi : QUEUE_FAILURES.internal.vi;
      finish(item, { status: 'failed', failureReason: reason }, 'ingest-failed', {
        code: err instanceof IngestError ? err.code : 'internal',
        error: (err as Error).message,
      });
      deps.onDone?.('failed', (performance.now() - started) / 1000);
    } finally {
      if (!abort.signal.aborted) rmSync(upload, { force: true });
    }
  }

  /** Adds an item (in `processing`) to the queue once. */
  function enqueue(itemId: string): void {
    if (queued.has(itemId) || abort.signal.aborted) return;
    queued.add(itemId);
    void queue.add(() => run(itemId).finally(() => queued.delete(itemId)));
  }

  return {
    enqueue,

    /**
     * At start-up: re-queues interrupted jobs whose upload survived, fails those whose upload is gone,
     * and removes what a killed process left: half-written transcodes in tmpDir, partial copies in
     * the store, and stored audio no item references (a crash between store and commit).
     */
    recover(): { requeued: number; failed: number; orphansRemoved: number } {
      let requeued = 0, failed = 0;
      // Before any job is re-queued: from here on a transcode in tmpDir may be a live one.
      let orphansRemoved = removeStaleParts(deps.options.audioDir) + removeStaleTranscodes(deps.options.tmpDir);
      for (const item of listProcessingItems(db)) {
        if (item.incomingPath && existsSync(item.incomingPath)) {
          enqueue(item.id);
          requeued++;
        } else {
          finish(item, { status: 'failed', failureReason: QUEUE_FAILURES.interrupted.vi }, 'ingest-failed', { code: 'interrupted' });
          failed++;
        }
      }
      const referenced = referencedAudioHashes(db);
      for (const sha of listStoredHashes(deps.options.audioDir)) {
        if (!referenced.has(sha) && removeAudio(deps.options.audioDir, sha)) orphansRemoved++;
      }
      return { requeued, failed, orphansRemoved };
    },

    /** Jobs waiting plus running. */
    size: () => queue.size + queue.pending,

    /** Resolves when every queued job has finished (tests, and shutdown when draining). */
    onIdle: () => queue.onIdle(),

    /** Stops: kills running ffmpeg processes; their items stay `processing` and resume at next start. */
    async stop(): Promise<void> {
      queue.clear();
      abort.abort();
      await queue.onIdle();
    },
  };
}

export type IngestQueue = ReturnType<typeof createIngestQueue>;

import { once } from 'node:events';
import { ApiError } from '../errors.ts';
import { getItem } from '../storage/items.ts';
import type { Db } from '../storage/db.ts';
import type { StationEvents } from '../stationEvents.ts';
import type { EmergencyActor, EmergencyRequest } from './emergencyTypes.ts';

/** What a bulletin needs of the station's speech engine (src/speech/). */
export interface BulletinSpeech {
  available(): boolean;
  /** Renders the text and ingests it like an upload; the new item is `processing` until ingest ends. */
  createSpeechItem(input: { text: string; title: string; kind: 'thong-bao' }, user: EmergencyActor): Promise<{ id: string }>;
}

/** Speech and loudness take seconds; past this the engine or the ingest queue is stuck. */
const READY_WITHIN_MS = 120_000;

/** A title from the text's first words ("Khẩn cấp: Bão số 3 đang…"). */
export function titleFromText(text: string): string {
  const words = text.trim().split(/\s+/).slice(0, 10).join(' ');
  return `Khẩn cấp: ${words.length > 80 ? `${words.slice(0, 79)}…` : words}`;
}

/**
 * Makes the audio of a typed bulletin and waits until it is ingested (pending review: the trigger
 * approves it). Returns the item id; a station without an engine, or an engine that fails, is a 4xx/502.
 */
export async function bulletinFromText(
  deps: { db: Db; events: StationEvents; speech?: BulletinSpeech },
  req: EmergencyRequest,
  by: EmergencyActor,
): Promise<string> {
  if (!deps.speech?.available()) throw new ApiError(422, 'emergency-speech-unavailable', {}, [{ field: 'body.text' }]);
  const { id } = await deps.speech.createSpeechItem({ text: req.text!, title: req.title ?? titleFromText(req.text!), kind: 'thong-bao' }, by);
  const abort = AbortSignal.timeout(READY_WITHIN_MS);
  for (;;) {
    const item = getItem(deps.db, id);
    if (item && item.status !== 'processing') {
      if (item.status === 'failed') throw new ApiError(502, 'emergency-speech-failed', { reason: item.failureReason ?? '' }, [{ field: 'body.text' }]);
      return id;
    }
    try {
      await once(deps.events, 'item:changed', { signal: abort });
    } catch {
      throw new ApiError(503, 'emergency-speech-failed', { reason: `not ready after ${READY_WITHIN_MS / 1000} s` }, [{ field: 'body.text' }]);
    }
  }
}

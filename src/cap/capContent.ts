/**
 * The audio an alert airs: its audio `resource` ingested as a library item (sniffed and normalised
 * like an upload); failing that, speech from its headline, description and instruction. Bulletins
 * may hand their text to the emergency service (which has its own speech); library items at
 * priority need the speech engine here. No audio and no text is a failure the caller logs (422).
 */
import type { Logger } from 'pino';
import type { ItemFields } from '../domain/item.ts';
import type { EmergencyActor } from '../emergency/emergencyTypes.ts';
import { ApiError } from '../errors.ts';
import type { ItemService } from '../library/itemService.ts';
import type { Db } from '../storage/db.ts';
import { getItem, type ItemRecord } from '../storage/items.ts';
import type { StationEvents } from '../stationEvents.ts';
import type { CapAlert, CapInfo } from './capAlert.ts';
import { loadAlertAudio, type CapAudioMiss, type CapAudioOptions } from './capAudio.ts';
import { speechTextOf, titleOf } from './capMap.ts';

/** The station's speech engine as CAP uses it (the same shape the emergency service takes). */
export interface CapSpeech {
  available(): boolean;
  /** Renders the text and ingests it like an upload with these item fields; the item is `processing` until ingest ends. */
  createSpeechItem(input: Partial<ItemFields> & { text: string; title: string }, user: EmergencyActor): Promise<{ id: string }>;
}

export interface CapContentDeps {
  db: Db;
  events: StationEvents;
  log: Logger;
  items: ItemService;
  speech?: CapSpeech;
  audio: CapAudioOptions;
  /** Aborted when the daemon stops: waits for ingest give up. */
  signal: AbortSignal;
}

/** Why an alert has nothing to air (a message code of the catalogue). */
export type CapContentFailure = 'cap-no-audio' | 'cap-no-speech' | 'cap-audio-failed';

export type CapContent =
  | { kind: 'item'; itemId: string; source: 'resource' | 'speech'; misses: CapAudioMiss[] }
  | { kind: 'text'; text: string; misses: CapAudioMiss[] }
  | { kind: 'none'; failure: CapContentFailure; detail: string; misses: CapAudioMiss[] };

/** Resolves when ingest has finished with the item (pending, or failed); rejects when the daemon stops. */
export function awaitIngest(deps: Pick<CapContentDeps, 'db' | 'events' | 'signal'>, itemId: string): Promise<ItemRecord> {
  return new Promise((resolve, reject) => {
    const settled = () => {
      const item = getItem(deps.db, itemId);
      if (!item || item.status === 'processing') return false;
      cleanup();
      resolve(item);
      return true;
    };
    const onChange = ({ itemId: changed }: { itemId: string }) => {
      if (changed === itemId) settled();
    };
    const onAbort = () => {
      cleanup();
      reject(new Error(`stopped while item ${itemId} was being ingested`));
    };
    const cleanup = () => {
      deps.events.off('item:changed', onChange);
      deps.signal.removeEventListener('abort', onAbort);
    };
    deps.events.on('item:changed', onChange);
    deps.signal.addEventListener('abort', onAbort);
    if (deps.signal.aborted) onAbort();
    else settled();
  });
}

/** The library fields of an alert's item: a notice by its sender, at priority when it enters the programme. */
export function itemFieldsOf(alert: CapAlert, info: CapInfo, opts: { priority: 'normal' | 'priority'; expiresMs: number | null }): ItemFields {
  return {
    title: titleOf(info),
    kind: 'thong-bao',
    topics: [],
    ceremonial: false,
    unit: (info.senderName?.trim() || alert.sender).slice(0, 200),
    priority: opts.priority,
    validFrom: null,
    validUntil: opts.expiresMs === null ? null : new Date(opts.expiresMs).toISOString(),
    note: `CAP ${alert.sender} ${alert.identifier} ${alert.sent.text}`.slice(0, 4000),
  };
}

/**
 * Makes what the alert airs. `textAllowed`: the caller can air plain text (a bulletin); otherwise
 * text becomes a speech item here. Items come back ingested (pending review), not yet approved.
 */
export async function prepareContent(
  deps: CapContentDeps,
  alert: CapAlert,
  info: CapInfo,
  opts: { actor: EmergencyActor; priority: 'normal' | 'priority'; expiresMs: number | null; textAllowed: boolean },
): Promise<CapContent> {
  const fields = itemFieldsOf(alert, info, opts);
  const { file, misses } = await loadAlertAudio(info, deps.audio);
  if (file) {
    const item = deps.items.create(fields, { incomingPath: file.path, originalName: file.originalName }, opts.actor);
    const ingested = await awaitIngest(deps, item.id);
    if (ingested.status === 'pending') return { kind: 'item', itemId: item.id, source: 'resource', misses };
    misses.push({ resourceDesc: file.resource.resourceDesc, uri: file.resource.uri, problem: `ingest failed: ${ingested.failureReason ?? 'unknown'}` });
  }
  const text = speechTextOf(info);
  if (!text) {
    return { kind: 'none', failure: misses.length ? 'cap-audio-failed' : 'cap-no-audio', detail: 'no usable audio resource and no headline, description or instruction to read', misses };
  }
  if (opts.textAllowed) return { kind: 'text', text, misses };
  if (!deps.speech?.available()) return { kind: 'none', failure: 'cap-no-speech', detail: 'the station has no speech engine', misses };
  // The speech item gets the alert's library fields (priority, validity, sender) like a resource would.
  let id: string;
  try {
    ({ id } = await deps.speech.createSpeechItem({ ...fields, text }, opts.actor));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { kind: 'none', failure: 'cap-no-speech', detail: `speech refused: ${err.code}`, misses };
  }
  const spoken = await awaitIngest(deps, id);
  if (spoken.status !== 'pending') {
    return { kind: 'none', failure: 'cap-no-speech', detail: `speech failed: ${spoken.failureReason ?? spoken.status}`, misses };
  }
  return { kind: 'item', itemId: id, source: 'speech', misses };
}

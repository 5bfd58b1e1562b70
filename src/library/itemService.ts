import { rmSync } from 'node:fs';
import { createAuditLog } from '../audit/auditLog.ts';
import { itemSnapshot } from '../audit/snapshots.ts';
import type { Clock } from '../clock.ts';
import type { ItemFields } from '../domain/item.ts';
import { parseInstant } from '../domain/time.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Db } from '../storage/db.ts';
import { appendItemEvent } from '../storage/itemEvents.ts';
import { getItem, hasAired, insertItem, saveItem, type ItemRecord } from '../storage/items.ts';
import type { StationEvents } from '../stationEvents.ts';
import { ACTIONS, ITEM_STATUS, THINGS } from '../i18n/words.ts';

export interface Actor {
  id: string;
  role: string;
}

export interface ItemServiceDeps {
  db: Db;
  clock: Clock;
  events: StationEvents;
  /** Ids of the station's topics: an item may only name known topics. */
  topicIds: () => Set<string>;
  /** Queues an item whose upload waits in `incomingPath`. */
  enqueueIngest: (itemId: string) => void;
}

/** Checks cross-field rules zod cannot see: known topics, validity range. Throws 400. */
function checkFields(fields: Partial<ItemFields>, topicIds: Set<string>): void {
  fields.topics?.forEach((t, i) => {
    if (!topicIds.has(t)) throw badRequest('unknown-topic', { id: t }, { field: `topics[${i}]` });
  });
  if (fields.validFrom && fields.validUntil && parseInstant(fields.validUntil)! <= parseInstant(fields.validFrom)!) {
    throw badRequest('validity-range', {}, { field: 'validUntil' });
  }
}

const toMs = (iso: string | null | undefined) => (iso ? parseInstant(iso) : null);

/** Creating, editing and archiving library items; every change is audited in the same transaction. */
export function createItemService(deps: ItemServiceDeps) {
  const { db, clock, events } = deps;
  const audit = createAuditLog({ db, clock });

  function mustGet(id: string): ItemRecord {
    const item = getItem(db, id);
    if (!item) throw notFound(THINGS.item, id);
    return item;
  }

  return {
    get: mustGet,

    /** Registers an upload (already written to `incomingPath`) and queues its ingest. */
    create(fields: ItemFields, upload: { incomingPath: string; originalName: string | null }, actor: Actor): ItemRecord {
      checkFields(fields, deps.topicIds());
      const now = clock.now();
      const item: ItemRecord = {
        id: newId('itm'),
        title: fields.title,
        kind: fields.kind,
        topics: [...new Set(fields.topics)],
        ceremonial: fields.ceremonial,
        unit: fields.unit,
        priority: fields.priority,
        validFrom: toMs(fields.validFrom),
        validUntil: toMs(fields.validUntil),
        note: fields.note,
        status: 'processing',
        failureReason: null,
        durationMs: null,
        audioSha256: null,
        originalName: upload.originalName,
        loudnessBefore: null,
        loudnessAfter: null,
        incomingPath: upload.incomingPath,
        submittedBy: actor.id,
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
        approvedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      db.transaction(() => {
        insertItem(db, item);
        appendItemEvent(db, {
          itemId: item.id, at: now, actorId: actor.id, action: 'uploaded', fromStatus: null, toStatus: 'processing',
          note: null, data: { originalName: upload.originalName },
        });
        audit.record(actor, 'item.upload', { type: 'item', id: item.id }, null, itemSnapshot(item), { itemEventOf: item.id });
      })();
      deps.enqueueIngest(item.id);
      return item;
    },

    /**
     * Edits metadata; with a new upload the audio is replaced and the item goes back through ingest
     * and review (an approved item stops being schedulable until approved again).
     */
    update(id: string, patch: Partial<ItemFields>, upload: { incomingPath: string; originalName: string | null } | null, actor: Actor): ItemRecord {
      const before = mustGet(id);
      if (before.status === 'archived') throw new ApiError(409, 'invalid-transition', { action: ACTIONS.edit, status: ITEM_STATUS[before.status] });
      if (upload && before.status === 'processing') throw new ApiError(409, 'invalid-transition', { action: ACTIONS.replaceAudio, status: ITEM_STATUS[before.status] });
      const merged = {
        validFrom: patch.validFrom !== undefined ? patch.validFrom : before.validFrom === null ? null : new Date(before.validFrom).toISOString(),
        validUntil: patch.validUntil !== undefined ? patch.validUntil : before.validUntil === null ? null : new Date(before.validUntil).toISOString(),
      };
      checkFields({ ...patch, ...merged }, deps.topicIds());
      const now = clock.now();
      const after: ItemRecord = {
        ...before,
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.kind !== undefined && { kind: patch.kind }),
        ...(patch.topics !== undefined && { topics: [...new Set(patch.topics)] }),
        ...(patch.ceremonial !== undefined && { ceremonial: patch.ceremonial }),
        ...(patch.unit !== undefined && { unit: patch.unit }),
        ...(patch.priority !== undefined && { priority: patch.priority }),
        ...(patch.note !== undefined && { note: patch.note }),
        validFrom: toMs(merged.validFrom),
        validUntil: toMs(merged.validUntil),
        updatedAt: now,
      };
      if (upload) {
        Object.assign(after, {
          status: 'processing', incomingPath: upload.incomingPath, originalName: upload.originalName,
          failureReason: null, approvedAt: null, reviewedAt: null, reviewedBy: null, reviewNote: null,
        });
      }
      const changed = Object.keys(patch).filter((k) => k !== 'file');
      db.transaction(() => {
        saveItem(db, after);
        appendItemEvent(db, {
          itemId: id, at: now, actorId: actor.id, action: upload ? 'audio-replaced' : 'edited',
          fromStatus: before.status, toStatus: after.status, note: null, data: { fields: changed },
        });
        audit.record(actor, upload ? 'item.replace-audio' : 'item.edit', { type: 'item', id }, itemSnapshot(before), itemSnapshot(after), { itemEventOf: id });
      })();
      if (upload) deps.enqueueIngest(id);
      if (before.status === 'approved') events.emit('item:changed', { itemId: id, from: before.status, to: after.status, reason: upload ? 'audio-replaced' : 'edited' });
      return after;
    },

    /** Archives an item (never a hard delete: aired items must stay for the airtime log and reports). */
    archive(id: string, actor: Actor, note: string | null): ItemRecord {
      const before = mustGet(id);
      if (before.status === 'archived') return before;
      if (before.status === 'processing') throw new ApiError(409, 'invalid-transition', { action: ACTIONS.archive, status: ITEM_STATUS[before.status] });
      const now = clock.now();
      const after: ItemRecord = { ...before, status: 'archived', updatedAt: now };
      db.transaction(() => {
        saveItem(db, after);
        appendItemEvent(db, {
          itemId: id, at: now, actorId: actor.id, action: 'archived', fromStatus: before.status, toStatus: 'archived',
          note, data: { aired: hasAired(db, id) },
        });
        audit.record(actor, 'item.archive', { type: 'item', id }, itemSnapshot(before), itemSnapshot(after), { itemEventOf: id, note });
      })();
      events.emit('item:changed', { itemId: id, from: before.status, to: 'archived', reason: 'archived' });
      return after;
    },

    /** Removes a leftover upload file (after ingest, or when a request fails half-way). */
    discardUpload(path: string): void {
      rmSync(path, { force: true });
    },
  };
}

export type ItemService = ReturnType<typeof createItemService>;

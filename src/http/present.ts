import type { Item } from '../domain/item.ts';
import { formatInstant } from '../domain/time.ts';
import type { ItemEvent } from '../storage/itemEvents.ts';
import type { ItemRecord } from '../storage/items.ts';

const iso = (ms: number | null, tz: string) => (ms === null ? null : formatInstant(ms, tz));

/** An item as the API shows it: instants in station time with offset; internal paths left out. */
export function presentItem(i: ItemRecord, tz: string): Item {
  return {
    id: i.id,
    title: i.title,
    kind: i.kind,
    topics: i.topics,
    ceremonial: i.ceremonial,
    unit: i.unit,
    priority: i.priority,
    validFrom: iso(i.validFrom, tz),
    validUntil: iso(i.validUntil, tz),
    note: i.note,
    status: i.status,
    failureReason: i.failureReason,
    durationMs: i.durationMs,
    audioSha256: i.audioSha256,
    originalName: i.originalName,
    loudnessBefore: i.loudnessBefore,
    loudnessAfter: i.loudnessAfter,
    submittedBy: i.submittedBy,
    reviewedBy: i.reviewedBy,
    reviewedAt: iso(i.reviewedAt, tz),
    reviewNote: i.reviewNote,
    createdAt: formatInstant(i.createdAt, tz),
    updatedAt: formatInstant(i.updatedAt, tz),
    demo: i.demo ?? false,
  };
}

export function presentEvent(e: ItemEvent, tz: string) {
  return {
    id: e.id,
    at: formatInstant(e.at, tz),
    actor: e.actorName,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    note: e.note,
    data: e.data,
  };
}

import type { ItemRecord } from '../../src/storage/items.ts';

/**
 * An approved library item as the database holds it, for tests that write items straight to the DB
 * (planning needs no audio file): approved (and last changed) at `approvedAt`, made a second before.
 */
export function approvedItem(id: string, minutes: number, approvedAt: number, extra: Partial<ItemRecord> = {}): ItemRecord {
  return {
    id, title: `Tin ${id}`, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null,
    validUntil: null, note: null, status: 'approved', failureReason: null, durationMs: minutes * 60_000, audioSha256: null,
    originalName: null, loudnessBefore: null, loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null,
    reviewedAt: approvedAt, reviewNote: null, approvedAt, createdAt: approvedAt - 1000, updatedAt: approvedAt, ...extra,
  };
}

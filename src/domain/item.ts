import { z } from 'zod';
import { parseInstant } from './time.ts';

/** Kinds of audio the station airs (tin, bài, phóng sự, thông báo, nhạc hiệu, other). */
/** `truc-tiep`: the recording of a live broadcast (never planned: it aired as it was made). */
export const ItemKind = z.enum(['tin', 'bai', 'phong-su', 'thong-bao', 'nhac-hieu', 'khac', 'truc-tiep']);
export type ItemKind = z.infer<typeof ItemKind>;

/** The three bulletin levels of Circular 39/2020: thông thường, ưu tiên, khẩn cấp. */
export const Priority = z.enum(['normal', 'priority']);
export type Priority = z.infer<typeof Priority>;

/** Life of an item: ingest → review → (aired) → archive. Only `approved` may ever be scheduled. */
export const ItemStatus = z.enum(['processing', 'pending', 'approved', 'rejected', 'failed', 'archived']);
export type ItemStatus = z.infer<typeof ItemStatus>;

/** An ISO 8601 instant with an explicit offset or Z ("2026-05-18T05:30:00+07:00"). */
export const Instant = z
  .string()
  .refine((s) => parseInstant(s) !== null, { message: 'must be an ISO 8601 instant with offset, e.g. 2026-05-18T05:30:00+07:00' });

export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens (e.g. tdp-1)');

/** Editable metadata of an item (the fields of an upload and of PATCH). */
export const ItemFields = z.object({
  title: z.string().trim().min(1).max(300),
  kind: ItemKind.default('tin'),
  topics: z.array(Slug).max(50).default([]),
  ceremonial: z.boolean().default(false),
  unit: z.string().trim().max(200).nullable().default(null),
  priority: Priority.default('normal'),
  validFrom: Instant.nullable().default(null),
  validUntil: Instant.nullable().default(null),
  note: z.string().max(4000).nullable().default(null),
});
export type ItemFields = z.infer<typeof ItemFields>;

export const Loudness = z.object({
  integratedLufs: z.number().nullable(),
  truePeakDb: z.number().nullable(),
  lra: z.number().nullable(),
});
export type Loudness = z.infer<typeof Loudness>;

/** An item as stored and returned by the API. */
export const Item = ItemFields.extend({
  id: z.string(),
  status: ItemStatus,
  failureReason: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  audioSha256: z.string().nullable(),
  originalName: z.string().nullable(),
  loudnessBefore: Loudness.nullable(),
  loudnessAfter: Loudness.nullable(),
  submittedBy: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: Instant.nullable(),
  reviewNote: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  /** Made by the demo loader (`loa demo remove` clears these). */
  demo: z.boolean(),
});
export type Item = z.infer<typeof Item>;

/** A metadata change (PATCH): every field optional, nothing defaulted. */
export const ItemPatch = z
  .object({
    title: z.string().trim().min(1).max(300),
    kind: ItemKind,
    topics: z.array(Slug).max(50),
    ceremonial: z.boolean(),
    unit: z.string().trim().max(200).nullable(),
    priority: Priority,
    validFrom: Instant.nullable(),
    validUntil: Instant.nullable(),
    note: z.string().max(4000).nullable(),
  })
  .partial()
  .strict();
export type ItemPatch = z.infer<typeof ItemPatch>;

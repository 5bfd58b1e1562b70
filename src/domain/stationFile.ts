import { z } from 'zod';
import { CapFeeds, CapPolicy } from './cap.ts';
import { Slug } from './item.ts';
import { Relay, RelaySourceBody } from './relay.ts';
import { Policy, Topic, Zone } from './station.ts';

/** A declarative station file (schedules/*.yaml): what `loa apply` upserts and `loa export` writes. */
export const StationFile = z
  .object({
    station: z.object({ name: z.string().min(1).max(200).optional() }).optional(),
    policy: Policy.optional(),
    topics: z.array(Topic).default([]),
    zones: z.array(Zone).default([]),
    /** CAP feeds the station polls (decisions §6); absent leaves the stored ones. */
    capFeeds: CapFeeds.optional(),
    /** The CAP level table (urgency × severity) and the emergency repeat; absent leaves the stored ones. */
    capPolicy: CapPolicy.optional(),
    /** Relay sources (tiếp âm), upserted by id; absent leaves the stored ones. */
    sources: z.array(RelaySourceBody.extend({ id: Slug })).max(100).optional(),
    /** The relays, replacing the stored ones whole; absent leaves them. */
    relays: z.array(Relay).max(200).optional(),
  })
  .strict();
export type StationFile = z.infer<typeof StationFile>;

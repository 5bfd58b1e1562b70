import { z } from 'zod';
import { Policy, Topic, Zone } from './station.ts';

/** A declarative station file (schedules/*.yaml): what `loa apply` upserts and `loa export` writes. */
export const StationFile = z
  .object({
    station: z.object({ name: z.string().min(1).max(200).optional() }).optional(),
    policy: Policy.optional(),
    topics: z.array(Topic).default([]),
    zones: z.array(Zone).default([]),
  })
  .strict();
export type StationFile = z.infer<typeof StationFile>;

import { z } from 'zod';
import { Instant } from '../domain/item.ts';

/**
 * How a bulletin repeats (decisions §5): `times` counts airings (default 1); `everyMinutes` is the
 * interval between starts (needed when `times` > 1 or `until` is given, at least the bulletin's
 * length); `onTheHour` puts each repeat on a full hour of station time (interval a multiple of 60);
 * `until` ends the repeats and must be in the future.
 */
export const EmergencyRepeat = z.object({
  times: z.number().int().min(1).max(500).optional(),
  everyMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
  onTheHour: z.boolean().optional(),
  until: Instant.optional(),
});
export type EmergencyRepeat = z.infer<typeof EmergencyRepeat>;

/** What started a bulletin: an operator's request, or a CAP alert (its row id in the CAP store). */
export type EmergencyOrigin = { kind: 'operator' } | { kind: 'cap'; alertId: string };

/** A bulletin to air at once: an approved item, or text the station's speech engine turns into one. */
export interface EmergencyRequest {
  itemId?: string;
  text?: string;
  /** The title of an item made from `text` (defaults to the text's first words). */
  title?: string;
  /** `["*"]` (every enabled zone), zone ids or group ids. */
  zones: string[];
  repeat?: EmergencyRepeat;
  origin: EmergencyOrigin;
}

/** Who triggers or cancels: a signed-in reviewer or admin, or a CAP sender (a user with a token scoped cap:post). */
export interface EmergencyActor {
  id: string;
  username: string;
  role: string;
}

export type EmergencyState = 'active' | 'finished' | 'cancelled' | 'replaced';

/** A bulletin as the API shows it; instants are epoch ms here and ISO with offset in responses. */
export interface EmergencyView {
  id: string;
  itemId: string;
  title: string;
  /** The zones asked for, and every zone that hears it (a group shares one stream). */
  zones: string[];
  reached: string[];
  airings: { startMs: number; endMs: number }[];
  state: EmergencyState;
  origin: EmergencyOrigin;
  createdBy: string;
  /** The triggering user's name then (null when the account is gone). */
  createdByName?: string | null;
  createdAt: number;
  endedAt: number | null;
}

/** What CAP and the routes call: the one path every bulletin takes. */
export interface EmergencyService {
  /** Validates (4xx ApiError on bad input), approves the content as the actor, and airs it within a second. */
  trigger(req: EmergencyRequest, by: EmergencyActor): Promise<EmergencyView>;
  /** Stops a bulletin and its repeats; the programme resumes at once. Unknown id: 404 ApiError. */
  cancel(id: string, by: EmergencyActor): Promise<EmergencyView>;
  /** Active bulletins (airing now or with repeats to come). */
  active(): EmergencyView[];
  get(id: string): EmergencyView | undefined;
}

import { z } from 'zod';
import { TimeOfDay } from './station.ts';

/**
 * Relays (tiếp âm / tiếp sóng, issue 11, decisions §9): a source another station streams, and the
 * fixed times it airs on chosen zones. Shared by the planner (relays are fixed events it plans items
 * around), the station's settings and playout (which pulls the source while a relay airs).
 */

/** How a source is pulled: an MP3/AAC stream over http(s) (Icecast mounts included), or HLS. */
export const RelaySourceKind = z.enum(['http', 'hls']);
export type RelaySourceKind = z.infer<typeof RelaySourceKind>;

/** A relay source as the station keeps it (`PUT /api/sources/:id`). */
export interface RelaySource {
  id: string;
  name: string;
  url: string;
  kind: RelaySourceKind;
  /** Silence (or no audio) for longer than this ends the source's part of an airing: the fallback airs. */
  silenceLimitMs: number;
}

/** The default silence limit (issue 11: 10 s). */
export const DEFAULT_RELAY_SILENCE_MS = 10_000;

/**
 * A source as `PUT /api/sources/:id` takes it (and a station file writes it, with its id). The URL's
 * scheme is checked by the service (http(s) only), so that the refusal can explain icecast://.
 */
export const RelaySourceBody = z.object({
  name: z.string().trim().min(1).max(200),
  url: z.string().trim().min(1).max(2000),
  kind: RelaySourceKind,
  /** Silence longer than this airs the fallback; DEFAULT_RELAY_SILENCE_MS when absent. */
  silenceLimitSeconds: z.number().min(1).max(600).optional(),
});
export type RelaySourceBody = z.infer<typeof RelaySourceBody>;

/**
 * A relay of the programme: `source` airs on `zones` (zone or group ids) on `days` (1 = Monday …
 * 7 = Sunday) from `start` to `end` (station-local "HH:MM"). It may lie outside windows (it is its
 * own airtime); inside a window the planner plans items around it. `fallbackItemId`: an approved
 * item that airs (looped to the relay's end) when the source cannot be reached or goes silent; null:
 * silence.
 */
export const Relay = z.object({
  id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/),
  source: z.string().min(1).max(64),
  zones: z.array(z.string().min(1)).min(1),
  days: z.array(z.number().int().min(1).max(7)).min(1),
  start: TimeOfDay,
  end: TimeOfDay,
  fallbackItemId: z.string().min(1).nullable().default(null),
});
export type Relay = z.infer<typeof Relay>;

/** What a programme entry of a relay carries to the player (see ProgrammeEntry.relay). */
export interface RelayAiring {
  relayId: string;
  source: RelaySource;
  /** Canonical audio of the fallback item, or null for silence. */
  fallbackAudioPath: string | null;
}

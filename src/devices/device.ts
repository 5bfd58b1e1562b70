/**
 * A head-end device (cụm loa: one IP receiver and its horns) as the API takes and shows it. Its key is
 * write-only (decisions §1): every read shows `"key": "***"` with `"hasKey": true`.
 */
import { z } from 'zod';
import { Slug } from '../domain/item.ts';
import { formatInstant } from '../domain/time.ts';
import type { DeviceRecord } from '../storage/devices.ts';
import type { Localized } from '../i18n/words.ts';

export const DeviceKind = z.enum(['stream', 'download', 'rtp', 'relay-fed']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** What a device is called in messages ("No device … was found"). */
export const DEVICE_WORD: Localized = { vi: 'thiết bị', en: 'device' };
export const AUDIO_WORD: Localized = { vi: 'tệp âm thanh', en: 'audio file' };

/** The body of PUT /api/devices/:id. Fields a read shows (key, state, last seen…) are ignored if sent back. */
export const DeviceBody = z.object({
  name: z.string().trim().min(1).max(200),
  /** The zone (Tổ dân phố) it serves; a member of a group gets the group's shared programme. */
  zone: Slug,
  kind: DeviceKind,
  location: z
    .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .nullable()
    .optional()
    .describe('Where the cluster hangs (WGS 84 degrees)'),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type DeviceBody = z.infer<typeof DeviceBody>;

/** Kinds that reach Loa and so can be watched; rtp and relay-fed devices never do (decisions §10). */
export const isMonitored = (kind: DeviceKind): boolean => kind === 'stream' || kind === 'download';

/** What the API says of a device's state: 'not-monitored' for rtp and relay-fed devices. */
export type PresentedState = 'online' | 'offline' | 'not-monitored';

/** The state a device is shown in (a monitored device never yet seen is offline). */
export function stateOf(d: Pick<DeviceRecord, 'kind' | 'state'>): PresentedState {
  if (!isMonitored(d.kind)) return 'not-monitored';
  return d.state ?? 'offline';
}

/** A device as every API read shows it (instants as ISO 8601 with the station's offset). */
export function presentDevice(d: DeviceRecord, ctx: { tz: string; reaches: string[]; streams: number }) {
  const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms, ctx.tz));
  const state = stateOf(d);
  return {
    id: d.id,
    name: d.name,
    zone: d.zoneId,
    /** The zones whose programme it carries: its zone, or every zone of its zone's group (decisions §3). */
    reaches: ctx.reaches,
    kind: d.kind,
    location: d.location,
    note: d.note,
    key: '***',
    hasKey: true,
    keySetAt: iso(d.keySetAt),
    state,
    /** An offline monitored device is an alarm; a device that is not monitored never is. */
    alarm: state === 'offline',
    stateSince: iso(d.stateSince),
    lastSeenAt: iso(d.lastSeenAt),
    lastSeenVia: d.lastSeenVia,
    /** Stream connections it holds open now. */
    streams: ctx.streams,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}
export type PresentedDevice = ReturnType<typeof presentDevice>;

/**
 * The report's devices section as data (issue 14, decisions §10): the loudspeaker clusters (cụm loa)
 * registered in each zone during the month, with the facts they had then, their hours online and
 * offline, their outages and the plays download devices reported; and the ward's totals, among them
 * the number of working clusters the upper level asks for.
 *
 * Counting rules:
 * - A device belongs to the month when it was registered at some moment of it (a device deleted since
 *   still counts for the months it existed). Its name, zone and kind are those it had at the month's
 *   end, or when it was deleted.
 * - Hours online and offline come from its recorded state changes, over the part of the month it was
 *   registered and monitored, up to the report's instant for the current month. A stream or download
 *   device is monitored; rtp and relay-fed devices never reach Loa: "not monitored", never working
 *   or failing in these figures.
 * - An outage is a stretch offline; one still open when the month (or the report) ends says so. A new
 *   device is offline until it first calls in, so that wait is an outage too.
 * - Working (hoạt động tốt): monitored, and online at least `workingShare` (95%) of the time it was
 *   monitored in the month.
 * - Reported plays: plays download devices reported for slots that started in the month (heard: they
 *   counted as a receiver of the zone's play).
 */
import { z } from 'zod';

/** The share of its monitored time a cluster must be online to count as working. */
export const WORKING_SHARE = 0.95;

/** One stretch offline; instants in station time with their offset. */
export const DeviceOutage = z.object({
  from: z.string(),
  to: z.string(),
  /** Still offline when the month (or, for the current month, the report) ended. */
  open: z.boolean(),
  durationMs: z.number().int(),
  hours: z.number(),
});
export type DeviceOutage = z.infer<typeof DeviceOutage>;

/** One cluster's month. */
export const DeviceFigures = z.object({
  id: z.string(),
  name: z.string(),
  /** stream | download | rtp | relay-fed; null when no record says (a device known only from its states). */
  kind: z.string().nullable(),
  monitored: z.boolean(),
  /** Deleted during the month (its figures stop there); `removedAt` when the time is known. */
  removed: z.boolean(),
  removedAt: z.string().nullable(),
  registeredMs: z.number().int(),
  registeredHours: z.number(),
  onlineMs: z.number().int(),
  offlineMs: z.number().int(),
  onlineHours: z.number(),
  offlineHours: z.number(),
  /** onlineMs / (onlineMs + offlineMs); null when it was never monitored in the month. */
  onlineShare: z.number().nullable(),
  /** null when not monitored. */
  working: z.boolean().nullable(),
  outages: z.array(DeviceOutage),
  reportedPlays: z.number().int(),
  reportedHeard: z.number().int(),
});
export type DeviceFigures = z.infer<typeof DeviceFigures>;

/** Counts of a zone, or of the ward. */
const Counts = {
  clusters: z.number().int(),
  monitored: z.number().int(),
  notMonitored: z.number().int(),
  working: z.number().int(),
  withOutages: z.number().int(),
  outages: z.number().int(),
  removed: z.number().int(),
  onlineMs: z.number().int(),
  offlineMs: z.number().int(),
  onlineHours: z.number(),
  offlineHours: z.number(),
  reportedPlays: z.number().int(),
};
export const DeviceCounts = z.object(Counts);
export type DeviceCounts = z.infer<typeof DeviceCounts>;

/** A zone's clusters. */
export const ZoneDevices = z.object({ zone: z.string(), name: z.string(), ...Counts, devices: z.array(DeviceFigures) });
export type ZoneDevices = z.infer<typeof ZoneDevices>;

/** The section. */
export const DevicesSection = z.object({
  workingShare: z.number(),
  totals: DeviceCounts,
  zones: z.array(ZoneDevices),
  /** Enabled zones in scope with no cluster registered in the month (listed only when some zone has one). */
  zonesWithout: z.array(z.object({ zone: z.string(), name: z.string() })),
});
export type DevicesSection = z.infer<typeof DevicesSection>;

/** Hours rounded to one decimal, from milliseconds. */
export const toHours = (ms: number): number => Math.round(ms / 360_000) / 10;

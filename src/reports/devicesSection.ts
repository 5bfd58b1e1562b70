/**
 * Builds the report's devices section (devicesModel.ts has the counting rules): the devices registered
 * in the month as they were (deviceRoster.ts), their hours online and outages from their state history
 * (deviceUptime.ts), the plays download devices reported, per zone with the ward's totals.
 */
import { isMonitored, type DeviceKind } from '../devices/device.ts';
import { readDeviceUptime, type DeviceUptime } from '../devices/deviceUptime.ts';
import { formatInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { countReportedPlays, listDeviceFactsChanges } from '../storage/deviceHistory.ts';
import { listDevices } from '../storage/devices.ts';
import { listRosterDevices, type RosterDevice } from './deviceRoster.ts';
import type { DeviceCounts, DeviceFigures, DevicesSection, ZoneDevices } from './devicesModel.ts';
import { toHours, WORKING_SHARE } from './devicesModel.ts';

/** What the section is about: the month's bounds, the zone chosen (if any), the report's instant. */
export interface DevicesSetup {
  fromMs: number;
  /** The month's end (exclusive). */
  toMs: number;
  /** The report's instant: the current month is counted up to it. */
  untilMs: number;
  zone: string | null;
  tz: string;
}

/** The station's zones (today's names; a zone gone since shows under its id). */
export type ZoneList = readonly { id: string; name: string; enabled: boolean }[];

/** Reads the month's devices and builds the section. */
export function devicesSection(db: Db, setup: DevicesSetup, zones: ZoneList): DevicesSection {
  const fromMs = setup.fromMs;
  const toMs = Math.max(fromMs, Math.min(setup.toMs, setup.untilMs));
  const uptime = readDeviceUptime(db, { fromMs, toMs });
  const roster = listRosterDevices({ changes: listDeviceFactsChanges(db, toMs), current: listDevices(db), uptime, fromMs, toMs });
  const reported = new Map(countReportedPlays(db, { fromMs: setup.fromMs, toMs: setup.toMs }).map((p) => [p.deviceId, p]));
  return foldDevices({
    roster: setup.zone === null ? roster : roster.filter((d) => d.facts.zone === setup.zone),
    uptime,
    reported,
    zones,
    zone: setup.zone,
    tz: setup.tz,
  });
}

/** Folds the roster, uptime and reported plays into the section (pure). */
export function foldDevices(input: {
  roster: readonly RosterDevice[];
  uptime: readonly DeviceUptime[];
  reported: ReadonlyMap<string, { plays: number; heard: number }>;
  zones: ZoneList;
  zone: string | null;
  tz: string;
}): DevicesSection {
  const { tz } = input;
  const watched = new Map(input.uptime.map((u) => [u.deviceId, u]));
  const names = new Map(input.zones.map((z) => [z.id, z.name]));
  const collator = new Intl.Collator('vi', { numeric: true });
  const byZone = new Map<string, DeviceFigures[]>();
  for (const d of input.roster) {
    const figures = deviceFigures(d, watched.get(d.id), input.reported.get(d.id), tz);
    byZone.set(d.facts.zone, [...(byZone.get(d.facts.zone) ?? []), figures]);
  }
  const zones: ZoneDevices[] = [...byZone.keys()]
    .sort((a, b) => collator.compare(a, b))
    .map((zone) => {
      const devices = byZone.get(zone)!.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
      return { zone, name: names.get(zone) ?? zone, ...countDevices(devices), devices };
    });
  const all = zones.flatMap((z) => z.devices);
  const inScope = input.zones.filter((z) => z.enabled && (input.zone === null || z.id === input.zone));
  return {
    workingShare: WORKING_SHARE,
    totals: countDevices(all),
    zones,
    zonesWithout: all.length === 0 ? [] : inScope.filter((z) => !byZone.has(z.id)).map((z) => ({ zone: z.id, name: z.name })),
  };
}

function deviceFigures(d: RosterDevice, u: DeviceUptime | undefined, reported: { plays: number; heard: number } | undefined, tz: string): DeviceFigures {
  const onlineMs = u?.onlineMs ?? 0;
  const offlineMs = u?.offlineMs ?? 0;
  const monitoredMs = onlineMs + offlineMs;
  // Monitored when its states were watched in the month, or its kind reaches Loa (decisions §10).
  const monitored = monitoredMs > 0 || (d.facts.kind !== null && isMonitored(d.facts.kind as DeviceKind));
  const onlineShare = monitoredMs > 0 ? onlineMs / monitoredMs : null;
  return {
    id: d.id,
    name: d.facts.name,
    kind: d.facts.kind,
    monitored,
    removed: d.removed || (u?.removed ?? false),
    removedAt: d.removedAt === null ? null : formatInstant(d.removedAt, tz),
    registeredMs: d.registeredMs,
    registeredHours: toHours(d.registeredMs),
    onlineMs,
    offlineMs,
    onlineHours: toHours(onlineMs),
    offlineHours: toHours(offlineMs),
    onlineShare,
    working: monitored ? onlineShare !== null && onlineShare >= WORKING_SHARE : null,
    outages: (u?.outages ?? []).map((o) => ({
      from: formatInstant(o.fromMs, tz),
      to: formatInstant(o.toMs, tz),
      open: o.open,
      durationMs: o.toMs - o.fromMs,
      hours: toHours(o.toMs - o.fromMs),
    })),
    reportedPlays: reported?.plays ?? 0,
    reportedHeard: reported?.heard ?? 0,
  };
}

/** Counts over some devices (a zone's, or all). */
export function countDevices(devices: readonly DeviceFigures[]): DeviceCounts {
  const sum = (f: (d: DeviceFigures) => number) => devices.reduce((n, d) => n + f(d), 0);
  const onlineMs = sum((d) => d.onlineMs);
  const offlineMs = sum((d) => d.offlineMs);
  return {
    clusters: devices.length,
    monitored: sum((d) => (d.monitored ? 1 : 0)),
    notMonitored: sum((d) => (d.monitored ? 0 : 1)),
    working: sum((d) => (d.working ? 1 : 0)),
    withOutages: sum((d) => (d.outages.length > 0 ? 1 : 0)),
    outages: sum((d) => d.outages.length),
    removed: sum((d) => (d.removed ? 1 : 0)),
    onlineMs,
    offlineMs,
    onlineHours: toHours(onlineMs),
    offlineHours: toHours(offlineMs),
    reportedPlays: sum((d) => d.reportedPlays),
  };
}

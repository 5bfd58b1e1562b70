/**
 * Hours online and outages of each monitored device over a period, from its stored state changes
 * (device_states): what the monthly report's devices section needs ("clusters per zone, hours online,
 * outages"). Time while a device was not monitored (rtp, relay-fed) or not registered counts as neither.
 */
import type { Db } from '../storage/db.ts';
import { listStateChanges, type StateChangeRecord } from '../storage/devices.ts';

/** One stretch offline inside the period; `open`: still offline when the period ends (cut there). */
export interface Outage {
  fromMs: number;
  toMs: number;
  open: boolean;
}

export interface DeviceUptime {
  deviceId: string;
  /** The device's zone at the end of the period (or when it was last watched). */
  zoneId: string;
  onlineMs: number;
  offlineMs: number;
  /** onlineMs + offlineMs: the time it was watched. */
  monitoredMs: number;
  outages: Outage[];
  /** Removed before the period ended. */
  removed: boolean;
}

/**
 * Per device, from its changes as listStateChanges gives them (the last before `fromMs`, then those
 * inside, in time order): pure, so the report and tests can feed it changes directly.
 */
export function computeDeviceUptime(changes: StateChangeRecord[], fromMs: number, toMs: number): DeviceUptime[] {
  const byDevice = new Map<string, StateChangeRecord[]>();
  for (const c of changes) byDevice.set(c.deviceId, [...(byDevice.get(c.deviceId) ?? []), c]);
  const out: DeviceUptime[] = [];
  for (const [deviceId, list] of byDevice) {
    const u: DeviceUptime = { deviceId, zoneId: list.at(-1)!.zoneId, onlineMs: 0, offlineMs: 0, monitoredMs: 0, outages: [], removed: false };
    list.forEach((c, i) => {
      if (c.state === 'removed' && c.at < toMs) u.removed = true;
      const start = Math.max(fromMs, c.at);
      const end = Math.min(toMs, list[i + 1]?.at ?? toMs);
      if (end <= start) return;
      if (c.state === 'online') u.onlineMs += end - start;
      if (c.state !== 'offline') return;
      u.offlineMs += end - start;
      // Still offline when the period ends: the last change is this one.
      const open = i + 1 === list.length;
      const last = u.outages.at(-1);
      // Offline restated in another zone (the device moved) continues the same outage.
      if (last && last.toMs === start) Object.assign(last, { toMs: end, open });
      else u.outages.push({ fromMs: start, toMs: end, open });
    });
    u.monitoredMs = u.onlineMs + u.offlineMs;
    if (u.monitoredMs > 0 || u.outages.length > 0) out.push(u);
  }
  return out.sort((a, b) => a.zoneId.localeCompare(b.zoneId) || a.deviceId.localeCompare(b.deviceId));
}

/**
 * Uptime and outages of every device watched during [fromMs, toMs) (epoch ms; a report passes its
 * month's local bounds). The storage query the monthly report's devices section can call.
 */
export function readDeviceUptime(db: Db, range: { fromMs: number; toMs: number }): DeviceUptime[] {
  return computeDeviceUptime(listStateChanges(db, range.fromMs, range.toMs), range.fromMs, range.toMs);
}

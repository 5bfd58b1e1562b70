/**
 * When each device was last heard from, and whether it is online (issue 14, decisions §10). A stream
 * device is seen by its stream connections (all the time they stay open, and when they close); a
 * download device by its feed polls, audio downloads and play reports. A monitored device goes offline
 * after `offlineMs` of silence; rtp and relay-fed devices never reach Loa and are never judged.
 * Every change is stored (device_states) and announced as 'device:state' on the station events.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../storage/db.ts';
import { getDevice, listDevices, recordDeviceState, touchDevice, type DeviceRecord, type DeviceState, type SeenVia } from '../storage/devices.ts';
import type { StationEvents } from '../stationEvents.ts';
import { isMonitored } from './device.ts';

export interface DevicePresenceDeps {
  db: Db;
  clock: Clock;
  events: StationEvents;
  /** Silence after which a monitored device is offline (LOA_DEVICE_OFFLINE_SECONDS). */
  offlineMs: number;
  log: Logger;
}

export interface DevicePresence {
  /** The device reached Loa now: last seen moves, and an offline device is online again at once. */
  seen(device: DeviceRecord, via: SeenVia): void;
  /** A stream connection opened with the device's key; call the returned function when it closes. */
  streamOpened(device: DeviceRecord): () => void;
  /** Stream connections the device holds open now. */
  streams(deviceId: string): number;
  /** Judges every monitored device against the silence (the periodic check; tests call it too). */
  check(): void;
}

/** Creates the presence tracker; the periodic check is driven by the device service's timer. */
export function createDevicePresence(deps: DevicePresenceDeps): DevicePresence {
  const { db, clock, events, offlineMs } = deps;
  const open = new Map<string, number>();

  function change(device: DeviceRecord, state: DeviceState, at: number, lastSeenAt: number | null): void {
    recordDeviceState(db, { deviceId: device.id, zoneId: device.zoneId, state, at });
    deps.log.info({ device: device.id, zone: device.zoneId, state, at: new Date(at).toISOString() }, `device ${state}`);
    events.emit('device:state', { device: device.id, name: device.name, zone: device.zoneId, kind: device.kind, state, at, lastSeenAt });
  }

  function seen(device: DeviceRecord, via: SeenVia): void {
    const now = clock.now();
    touchDevice(db, device.id, now, via);
    // The record may have been read before another call marked it online: judge the stored state.
    const current = getDevice(db, device.id);
    if (current && isMonitored(current.kind) && current.state !== 'online') change(current, 'online', now, now);
  }

  return {
    seen,
    streamOpened(device) {
      open.set(device.id, (open.get(device.id) ?? 0) + 1);
      seen(device, 'stream');
      let closed = false;
      return () => {
        if (closed) return;
        closed = true;
        const left = (open.get(device.id) ?? 1) - 1;
        if (left > 0) open.set(device.id, left);
        else open.delete(device.id);
        // Heard until the moment it hung up; a device deleted meanwhile is simply gone.
        const current = getDevice(db, device.id);
        if (current) touchDevice(db, current.id, clock.now(), 'stream');
      };
    },
    streams: (deviceId) => open.get(deviceId) ?? 0,
    check() {
      const now = clock.now();
      for (const device of listDevices(db)) {
        if (!isMonitored(device.kind)) continue;
        if (open.has(device.id)) {
          // Connected all along: it is being heard right now.
          touchDevice(db, device.id, now, 'stream');
          if (device.state !== 'online') change(device, 'online', now, now);
          continue;
        }
        const last = device.lastSeenAt;
        const online = last !== null && now - last < offlineMs;
        if (online && device.state !== 'online') change(device, 'online', Math.max(last, device.stateSince ?? 0), last);
        // The outage is dated from the moment the silence became too long, not from when it was noticed.
        else if (!online && device.state !== 'offline') change(device, 'offline', last === null ? now : Math.min(now, Math.max(last + offlineMs, device.stateSince ?? 0)), last);
      }
    },
  };
}

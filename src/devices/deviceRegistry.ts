/**
 * The device registry: which receiver serves which zone, its kind, where it hangs, and its key. A key
 * is 256 random bits, shown once (on creation and on rotation) and stored as its SHA-256 only, like
 * API tokens. A wrong key and an unknown device are the same to a caller (no existence leak).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import { ApiError } from '../errors.ts';
import { playerIdOf } from '../playout/playoutService.ts';
import type { Db } from '../storage/db.ts';
import {
  deleteDevice, findDeviceByKeyHash, forgetGivenEntries, getDevice, insertDevice, listDevices, recordDeviceState,
  updateDeviceFields, updateDeviceKey, type DeviceFields, type DeviceRecord,
} from '../storage/devices.ts';
import { isMonitored, type DeviceBody } from './device.ts';

/** A fast hash is enough: keys are 256-bit random, never chosen by people. */
export const hashDeviceKey = (key: string): string => createHash('sha256').update(key).digest('hex');
const newDeviceKey = (): string => randomBytes(32).toString('base64url');

export interface DeviceRegistryDeps {
  db: Db;
  clock: Clock;
  /** The station's zones now. */
  zones: () => Zone[];
}

export interface DeviceRegistry {
  list(): DeviceRecord[];
  get(id: string): DeviceRecord | undefined;
  /** Creates (with a new key, returned once) or replaces a device; 400 for a zone that does not exist. */
  put(id: string, body: DeviceBody): { device: DeviceRecord; created: boolean; key: string | null };
  /** Removes a device (its state history stays for the reports); false when there was none. */
  remove(id: string): boolean;
  /** Gives the device a new key (the old one stops working at once), returned once; undefined: no such device. */
  rotateKey(id: string): { device: DeviceRecord; key: string } | undefined;
  /** The device with this id whose key is `key`; undefined for a wrong key or an unknown device alike. */
  authenticate(id: string, key: string | undefined): DeviceRecord | undefined;
  /** The device whose key is `key`, if any. */
  byKey(key: string | undefined): DeviceRecord | undefined;
  /** The zones whose programme a device of `zoneId` carries: the zone, or its whole group (decisions §3). */
  reaches(zoneId: string): string[];
}

export function createDeviceRegistry(deps: DeviceRegistryDeps): DeviceRegistry {
  const { db, clock } = deps;

  function byKey(key: string | undefined): DeviceRecord | undefined {
    if (!key || key.length > 256) return undefined;
    return findDeviceByKeyHash(db, hashDeviceKey(key));
  }

  return {
    list: () => listDevices(db),
    get: (id) => getDevice(db, id),
    put(id, body) {
      const zone = deps.zones().find((z) => z.id === body.zone);
      if (!zone) throw new ApiError(400, 'unknown-zone', { id: body.zone }, [{ field: 'body.zone', problem: `zone "${body.zone}" does not exist` }]);
      const fields: DeviceFields = { id, name: body.name, zoneId: body.zone, kind: body.kind, location: body.location ?? null, note: body.note || null };
      const now = clock.now();
      const before = getDevice(db, id);
      if (!before) {
        const key = newDeviceKey();
        db.transaction(() => {
          insertDevice(db, fields, hashDeviceKey(key), null, now);
          // A new monitored device has not been heard from yet: it starts offline (an alarm until it calls in).
          if (isMonitored(body.kind)) recordDeviceState(db, { deviceId: id, zoneId: body.zone, state: 'offline', at: now });
        })();
        return { device: getDevice(db, id)!, created: true, key };
      }
      db.transaction(() => {
        updateDeviceFields(db, fields, now);
        const wasWatched = isMonitored(before.kind);
        const watched = isMonitored(body.kind);
        if (wasWatched && !watched) recordDeviceState(db, { deviceId: id, zoneId: body.zone, state: 'unmonitored', at: now });
        else if (!wasWatched && watched) recordDeviceState(db, { deviceId: id, zoneId: body.zone, state: 'offline', at: now });
        // Moved to another zone: its state carries on, counted from now in the new zone.
        else if (watched && before.zoneId !== body.zone && before.state) recordDeviceState(db, { deviceId: id, zoneId: body.zone, state: before.state, at: now });
      })();
      return { device: getDevice(db, id)!, created: false, key: null };
    },
    remove(id) {
      const before = getDevice(db, id);
      if (!before) return false;
      db.transaction(() => {
        if (isMonitored(before.kind)) recordDeviceState(db, { deviceId: id, zoneId: before.zoneId, state: 'removed', at: clock.now() });
        forgetGivenEntries(db, id);
        deleteDevice(db, id);
      })();
      return true;
    },
    rotateKey(id) {
      if (!getDevice(db, id)) return undefined;
      const key = newDeviceKey();
      updateDeviceKey(db, id, hashDeviceKey(key), clock.now());
      return { device: getDevice(db, id)!, key };
    },
    authenticate(id, key) {
      const device = byKey(key);
      return device && device.id === id ? device : undefined;
    },
    byKey,
    reaches(zoneId) {
      const zones = deps.zones();
      const zone = zones.find((z) => z.id === zoneId);
      if (!zone) return [zoneId];
      return zones.filter((z) => playerIdOf(z) === playerIdOf(zone)).map((z) => z.id);
    },
  };
}

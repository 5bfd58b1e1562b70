/** The device registry (migrations/0015): devices, their state history, and the feed entries each was given. */
import type { Db } from './db.ts';

export type DeviceKind = 'stream' | 'download' | 'rtp' | 'relay-fed';
export type DeviceState = 'online' | 'offline';
export type SeenVia = 'stream' | 'feed' | 'audio' | 'report';
/** A row of device_states: a monitored state, or the end of monitoring. */
export type DeviceStateChange = DeviceState | 'unmonitored' | 'removed';

/** A registered device as stored (instants in epoch ms; never the clear key). */
export interface DeviceRecord {
  id: string;
  name: string;
  zoneId: string;
  kind: DeviceKind;
  location: { lat: number; lon: number } | null;
  note: string | null;
  keySetAt: number;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
  lastSeenVia: SeenVia | null;
  state: DeviceState | null;
  stateSince: number | null;
}

interface DeviceRow {
  id: string; name: string; zone_id: string; kind: DeviceKind; lat: number | null; lon: number | null; note: string | null;
  key_set_at: number; created_at: number; updated_at: number; last_seen_at: number | null; last_seen_via: SeenVia | null;
  state: DeviceState | null; state_since: number | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id, name: r.name, zoneId: r.zone_id, kind: r.kind,
  location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
  note: r.note, keySetAt: r.key_set_at, createdAt: r.created_at, updatedAt: r.updated_at,
  lastSeenAt: r.last_seen_at, lastSeenVia: r.last_seen_via, state: r.state, stateSince: r.state_since,
});

const COLUMNS = 'id, name, zone_id, kind, lat, lon, note, key_set_at, created_at, updated_at, last_seen_at, last_seen_via, state, state_since';

/** Every device, by zone then id. */
export function listDevices(db: Db): DeviceRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM devices ORDER BY zone_id, id`).all() as DeviceRow[]).map(toDevice);
}

export function getDevice(db: Db, id: string): DeviceRecord | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM devices WHERE id = ?`).get(id) as DeviceRow | undefined;
  return row && toDevice(row);
}

/** The device whose key hashes to `keyHash`, if any. */
export function findDeviceByKeyHash(db: Db, keyHash: string): DeviceRecord | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM devices WHERE key_hash = ?`).get(keyHash) as DeviceRow | undefined;
  return row && toDevice(row);
}

/** The fields PUT /api/devices/:id sets. */
export interface DeviceFields {
  id: string;
  name: string;
  zoneId: string;
  kind: DeviceKind;
  location: { lat: number; lon: number } | null;
  note: string | null;
}

/** Inserts a new device with its key's hash and its first state (offline, or none when not monitored). */
export function insertDevice(db: Db, d: DeviceFields, keyHash: string, state: DeviceState | null, at: number): void {
  db.prepare(
    `INSERT INTO devices (id, name, zone_id, kind, lat, lon, note, key_hash, key_set_at, created_at, updated_at, state, state_since)
     VALUES (@id, @name, @zoneId, @kind, @lat, @lon, @note, @keyHash, @at, @at, @at, @state, @stateSince)`,
  ).run({ ...flat(d), keyHash, at, state, stateSince: state === null ? null : at });
}

/** Replaces a device's fields (its key, last seen and state stay). */
export function updateDeviceFields(db: Db, d: DeviceFields, at: number): void {
  db.prepare(
    `UPDATE devices SET name = @name, zone_id = @zoneId, kind = @kind, lat = @lat, lon = @lon, note = @note, updated_at = @at
     WHERE id = @id`,
  ).run({ ...flat(d), at });
}

const flat = (d: DeviceFields) => ({
  id: d.id, name: d.name, zoneId: d.zoneId, kind: d.kind, note: d.note, lat: d.location?.lat ?? null, lon: d.location?.lon ?? null,
});

export function updateDeviceKey(db: Db, id: string, keyHash: string, at: number): void {
  db.prepare('UPDATE devices SET key_hash = @keyHash, key_set_at = @at, updated_at = @at WHERE id = @id').run({ id, keyHash, at });
}

export function deleteDevice(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM devices WHERE id = ?').run(id).changes > 0;
}

/** Stamps when and how a device was last heard from (never moves backwards). */
export function touchDevice(db: Db, id: string, at: number, via: SeenVia): void {
  db.prepare(
    'UPDATE devices SET last_seen_at = @at, last_seen_via = @via WHERE id = @id AND (last_seen_at IS NULL OR last_seen_at <= @at)',
  ).run({ id, at, via });
}

/**
 * Records a change of a device's state: the history row, and the device's current state (NULL for
 * 'unmonitored' and 'removed'). One transaction.
 */
export function recordDeviceState(db: Db, change: { deviceId: string; zoneId: string; state: DeviceStateChange; at: number }): void {
  const current = change.state === 'online' || change.state === 'offline' ? change.state : null;
  db.transaction(() => {
    db.prepare('INSERT INTO device_states (device_id, zone_id, state, at) VALUES (@deviceId, @zoneId, @state, @at)').run(change);
    db.prepare('UPDATE devices SET state = @current, state_since = @since WHERE id = @deviceId').run({
      deviceId: change.deviceId, current, since: current === null ? null : change.at,
    });
  })();
}

/** One row of the state history. */
export interface StateChangeRecord {
  deviceId: string;
  zoneId: string;
  state: DeviceStateChange;
  at: number;
}

/**
 * The state changes that matter to [fromMs, toMs): each device's last change before `fromMs` (its
 * state as the range opens) and every change inside, ordered by device then time.
 */
export function listStateChanges(db: Db, fromMs: number, toMs: number): StateChangeRecord[] {
  return db
    .prepare(
      `SELECT device_id AS deviceId, zone_id AS zoneId, state, at FROM device_states s
       WHERE (at >= @fromMs AND at < @toMs)
          OR id = (SELECT id FROM device_states p WHERE p.device_id = s.device_id AND p.at < @fromMs ORDER BY at DESC, id DESC LIMIT 1)
       ORDER BY device_id, at, id`,
    )
    .all({ fromMs, toMs }) as StateChangeRecord[];
}

/** A feed entry as given to a device. */
export interface GivenEntry {
  itemId: string;
  startMs: number;
  endMs: number;
  source: string;
  window: string | null;
  sha256: string;
}

/** Remembers the entries a feed gave a device (already given ones are kept as they were). */
export function recordGivenEntries(db: Db, deviceId: string, entries: GivenEntry[], at: number): void {
  const ins = db.prepare(
    `INSERT INTO device_feed_entries (device_id, item_id, start_ms, end_ms, source, window, sha256, given_at)
     VALUES (@deviceId, @itemId, @startMs, @endMs, @source, @window, @sha256, @at) ON CONFLICT DO NOTHING`,
  );
  db.transaction(() => entries.forEach((e) => ins.run({ ...e, deviceId, at })))();
}

/** The device's given entries of an item that start within [fromMs, toMs], nearest first to `nearMs`. */
export function findGivenEntries(db: Db, q: { deviceId: string; itemId: string; fromMs: number; toMs: number; nearMs: number }): GivenEntry[] {
  return db
    .prepare(
      `SELECT item_id AS itemId, start_ms AS startMs, end_ms AS endMs, source, window, sha256 FROM device_feed_entries
       WHERE device_id = @deviceId AND item_id = @itemId AND start_ms BETWEEN @fromMs AND @toMs
       ORDER BY abs(start_ms - @nearMs)`,
    )
    .all(q) as GivenEntry[];
}

/** Whether any feed ever gave this device the item. */
export function wasItemGiven(db: Db, deviceId: string, itemId: string): boolean {
  return db.prepare('SELECT 1 FROM device_feed_entries WHERE device_id = ? AND item_id = ? LIMIT 1').get(deviceId, itemId) !== undefined;
}

/** Whether any feed gave this device audio with this hash. */
export function wasAudioGiven(db: Db, deviceId: string, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM device_feed_entries WHERE device_id = ? AND sha256 = ? LIMIT 1').get(deviceId, sha256) !== undefined;
}

/** Forgets given entries that ended before `beforeMs` (reports that old are refused); returns how many. */
export function pruneGivenEntries(db: Db, beforeMs: number): number {
  return db.prepare('DELETE FROM device_feed_entries WHERE end_ms < ?').run(beforeMs).changes;
}

/** Forgets what a deleted device was given. */
export function forgetGivenEntries(db: Db, deviceId: string): void {
  db.prepare('DELETE FROM device_feed_entries WHERE device_id = ?').run(deviceId);
}

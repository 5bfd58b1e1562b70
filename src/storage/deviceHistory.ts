/**
 * What the monthly report reads about devices as they were, not as they are: every change of a
 * device's facts (name, zone, kind) as the audit log kept it, and the plays download devices
 * reported, counted per device. The devices table holds only today's facts and forgets a deleted
 * device; the audit log (append-only, written in the same transaction as each change) does not.
 */
import type { Db } from './db.ts';

/** One change of a device's facts: created or changed (`device.put`), or deleted (`device.delete`). */
export interface DeviceFactsChange {
  deviceId: string;
  at: number;
  action: 'device.put' | 'device.delete';
  /** The fields the change touched, as they were (null: the device did not exist). */
  before: Record<string, unknown> | null;
  /** The same fields afterwards (null: the device is gone). */
  after: Record<string, unknown> | null;
}

const parseObject = (json: string | null): Record<string, unknown> | null => {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Every device put and delete recorded before `toMs`, oldest first (as they happened). */
export function listDeviceFactsChanges(db: Db, toMs: number): DeviceFactsChange[] {
  const rows = db
    .prepare(
      `SELECT target_id AS deviceId, at, action, before, after FROM audit
       WHERE target_type = 'device' AND action IN ('device.put', 'device.delete') AND target_id IS NOT NULL AND at < ?
       ORDER BY at, id`,
    )
    .all(toMs) as { deviceId: string; at: number; action: DeviceFactsChange['action']; before: string | null; after: string | null }[];
  return rows.map((r) => ({ deviceId: r.deviceId, at: r.at, action: r.action, before: parseObject(r.before), after: parseObject(r.after) }));
}

/** Plays one device reported for slots that started in the range, and how many of them it heard. */
export interface ReportedPlayCount {
  deviceId: string;
  plays: number;
  heard: number;
}

/** Reported plays per device whose slots started in [fromMs, toMs) (kept after the device is deleted). */
export function countReportedPlays(db: Db, range: { fromMs: number; toMs: number }): ReportedPlayCount[] {
  return db
    .prepare(
      `SELECT device_id AS deviceId, count(*) AS plays, sum(heard) AS heard FROM device_plays
       WHERE slot_start_ms >= @fromMs AND slot_start_ms < @toMs GROUP BY device_id ORDER BY device_id`,
    )
    .all(range) as ReportedPlayCount[];
}

/**
 * PURE: which devices (cụm loa) were registered during a period, with the facts they had then — not
 * today's. Three sources, best first:
 * - the audit log's device changes (every create, change and delete is there, with the facts after
 *   it): a device renamed, moved or deleted since shows as it was;
 * - today's devices table, for a device with no audit row at all (made without the API);
 * - the device's state history (deviceUptime), for a device known only from it: named by its id.
 */
import type { DeviceUptime } from '../devices/deviceUptime.ts';
import type { DeviceRecord } from '../storage/devices.ts';
import type { DeviceFactsChange } from '../storage/deviceHistory.ts';

/** The facts a device had: its name, its zone, its kind (null when no record says). */
export interface DeviceFacts {
  name: string;
  zone: string;
  kind: string | null;
}

/** A device registered during the period. */
export interface RosterDevice {
  id: string;
  /** Its facts at the end of the period, or when it was deleted. */
  facts: DeviceFacts;
  /** How long it was registered inside the period. */
  registeredMs: number;
  /** Deleted before the period ended (so after it registered), and when (when known). */
  removed: boolean;
  removedAt: number | null;
}

/** One stretch of a device's life: facts from `at` (null: deleted from `at`). */
interface Version {
  at: number;
  facts: Partial<DeviceFacts> | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The facts fields of an audit snapshot (others — location, note — are not the report's). */
function factsOf(snapshot: Record<string, unknown> | null): Partial<DeviceFacts> {
  const out: Partial<DeviceFacts> = {};
  const name = str(snapshot?.name);
  const zone = str(snapshot?.zone);
  const kind = str(snapshot?.kind);
  if (name !== undefined) out.name = name;
  if (zone !== undefined) out.zone = zone;
  if (kind !== undefined) out.kind = kind;
  return out;
}

/** Each device's versions from its audit changes, in order; a change names only the fields it touched. */
function versionsOf(changes: readonly DeviceFactsChange[]): Map<string, Version[]> {
  const out = new Map<string, Version[]>();
  for (const c of changes) {
    const list = out.get(c.deviceId) ?? [];
    const previous = list.at(-1)?.facts ?? null;
    if (c.action === 'device.delete') list.push({ at: c.at, facts: null });
    // A put of a new device carries every field; a put of an existing one only those it changed.
    else list.push({ at: c.at, facts: { ...(c.before === null ? {} : (previous ?? {})), ...factsOf(c.after) } });
    out.set(c.deviceId, list);
  }
  return out;
}

/** Where a device's versions put it in [fromMs, toMs): registered time, last facts, deletion. */
function placeVersions(id: string, versions: readonly Version[], fromMs: number, toMs: number, fallback: Partial<DeviceFacts>): RosterDevice | null {
  let registeredMs = 0;
  let last: Partial<DeviceFacts> | null = null;
  let removedAt: number | null = null;
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i]!;
    const start = Math.max(fromMs, v.at);
    const end = Math.min(toMs, versions[i + 1]?.at ?? toMs);
    if (v.facts === null) {
      if (v.at >= fromMs && v.at < toMs && last !== null) removedAt = v.at;
      continue;
    }
    if (end <= start) continue;
    registeredMs += end - start;
    last = v.facts;
    removedAt = null;
  }
  if (registeredMs === 0 || last === null) return null;
  const f: Partial<DeviceFacts> = { ...fallback, ...last };
  return { id, facts: { name: f.name ?? id, zone: f.zone ?? '', kind: f.kind ?? null }, registeredMs, removed: removedAt !== null, removedAt };
}

/**
 * The devices registered during [fromMs, toMs) (toMs no later than the report's instant), sorted by
 * zone then id. `changes` are the audit log's device changes before `toMs`; `current` today's
 * devices; `uptime` the state history's view of the same period.
 */
export function listRosterDevices(input: {
  changes: readonly DeviceFactsChange[];
  current: readonly DeviceRecord[];
  uptime: readonly DeviceUptime[];
  fromMs: number;
  toMs: number;
}): RosterDevice[] {
  const { fromMs, toMs } = input;
  const versions = versionsOf(input.changes);
  const current = new Map(input.current.map((d) => [d.id, d]));
  const watched = new Map(input.uptime.map((u) => [u.deviceId, u]));
  const out = new Map<string, RosterDevice>();
  for (const [id, list] of versions) {
    const now = current.get(id);
    // Audit rows may name only some fields (a device made before its audit row): today's record fills in.
    const fallback: Partial<DeviceFacts> = now ? { name: now.name, zone: now.zoneId, kind: now.kind } : { zone: watched.get(id)?.zoneId ?? '' };
    const placed = placeVersions(id, list, fromMs, toMs, fallback);
    if (placed) out.set(id, placed);
  }
  for (const d of input.current) {
    if (versions.has(d.id) || d.createdAt >= toMs) continue;
    out.set(d.id, { id: d.id, facts: { name: d.name, zone: d.zoneId, kind: d.kind }, registeredMs: toMs - Math.max(fromMs, d.createdAt), removed: false, removedAt: null });
  }
  for (const u of input.uptime) {
    if (out.has(u.deviceId)) continue;
    out.set(u.deviceId, { id: u.deviceId, facts: { name: u.deviceId, zone: u.zoneId, kind: null }, registeredMs: u.monitoredMs, removed: u.removed, removedAt: null });
  }
  return [...out.values()].sort((a, b) => a.facts.zone.localeCompare(b.facts.zone) || a.id.localeCompare(b.id));
}

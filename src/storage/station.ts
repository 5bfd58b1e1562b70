import type { Db } from './db.ts';
import { Policy, type Output, type Topic, type TopicRule, type Window, type Zone } from '../domain/station.ts';
import { noteStationChange } from './stationRevisions.ts';

interface ZoneRow {
  id: string; name: string; area_codes: string; test_alerts: number; grp: string | null;
  windows: string; outputs: string; enabled: number;
}
interface TopicRow { id: string; name: string; rules: string }

const toZone = (r: ZoneRow): Zone => ({
  id: r.id,
  name: r.name,
  areaCodes: JSON.parse(r.area_codes) as string[],
  testAlerts: r.test_alerts === 1,
  group: r.grp,
  windows: JSON.parse(r.windows) as Window[],
  outputs: JSON.parse(r.outputs) as Output[],
  enabled: r.enabled === 1,
});

export function listZones(db: Db): Zone[] {
  return (db.prepare('SELECT * FROM zones ORDER BY id').all() as ZoneRow[]).map(toZone);
}

export function getZone(db: Db, id: string): Zone | undefined {
  const row = db.prepare('SELECT * FROM zones WHERE id = ?').get(id) as ZoneRow | undefined;
  return row && toZone(row);
}

/**
 * Every writer below changes the settings that judge plays, so each ends with noteStationChange in
 * its own transaction: a new settings revision (stationRevisions.ts), or the enclosing
 * withStationRevision's one. A writer added here must do the same (test/unit/stationRevisions.test.ts).
 */
function changeStation(db: Db, at: number, write: () => boolean): boolean {
  return db.transaction(() => {
    const changed = write();
    if (changed) noteStationChange(db, at);
    return changed;
  })();
}

/** Inserts or replaces a zone whole (PUT semantics). */
export function upsertZone(db: Db, z: Zone, at: number): void {
  changeStation(db, at, () => db.prepare(
    `INSERT INTO zones (id, name, area_codes, test_alerts, grp, windows, outputs, enabled, updated_at)
     VALUES (@id, @name, @areaCodes, @testAlerts, @group, @windows, @outputs, @enabled, @at)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, area_codes = excluded.area_codes, test_alerts = excluded.test_alerts,
       grp = excluded.grp, windows = excluded.windows, outputs = excluded.outputs, enabled = excluded.enabled, updated_at = excluded.updated_at`,
  ).run({
    id: z.id, name: z.name, group: z.group, areaCodes: JSON.stringify(z.areaCodes), testAlerts: z.testAlerts ? 1 : 0,
    windows: JSON.stringify(z.windows), outputs: JSON.stringify(z.outputs), enabled: z.enabled ? 1 : 0, at,
  }).changes > 0);
}

/** Deletes a zone; `at` dates the settings revision the deletion makes. */
export function deleteZone(db: Db, id: string, at: number): boolean {
  return changeStation(db, at, () => db.prepare('DELETE FROM zones WHERE id = ?').run(id).changes > 0);
}

export function listTopics(db: Db): Topic[] {
  return (db.prepare('SELECT * FROM topics ORDER BY id').all() as TopicRow[]).map((r) => ({
    id: r.id,
    name: r.name,
    rules: JSON.parse(r.rules) as TopicRule[],
  }));
}

export function getTopic(db: Db, id: string): Topic | undefined {
  return listTopics(db).find((t) => t.id === id);
}

export function upsertTopic(db: Db, t: Topic, at: number): void {
  changeStation(db, at, () => db.prepare(
    `INSERT INTO topics (id, name, rules, updated_at) VALUES (@id, @name, @rules, @at)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, rules = excluded.rules, updated_at = excluded.updated_at`,
  ).run({ id: t.id, name: t.name, rules: JSON.stringify(t.rules), at }).changes > 0);
}

/** Deletes a topic; `at` dates the settings revision the deletion makes. */
export function deleteTopic(db: Db, id: string, at: number): boolean {
  return changeStation(db, at, () => db.prepare('DELETE FROM topics WHERE id = ?').run(id).changes > 0);
}

/** The station policy; defaults until an operator saves one. */
export function getPolicy(db: Db): Policy {
  const row = db.prepare('SELECT body FROM policy WHERE id = 1').get() as { body: string } | undefined;
  return Policy.parse(row ? JSON.parse(row.body) : {});
}

export function savePolicy(db: Db, p: Policy, at: number): void {
  changeStation(db, at, () => db.prepare(
    `INSERT INTO policy (id, body, updated_at) VALUES (1, @body, @at)
     ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  ).run({ body: JSON.stringify(p), at }).changes > 0);
}

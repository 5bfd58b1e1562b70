/**
 * The monthly report as a document: one working draft per (month, scope) and the finalized versions,
 * which are never changed or deleted (triggers refuse it). `scope` is '' for the whole station, else
 * a zone id. Bodies are JSON; the reports layer parses and validates them.
 */
import type { Db } from './db.ts';

/** The working draft of a month and scope. */
export interface DraftRecord {
  body: string;
  updatedAt: number;
  updatedBy: { id: string; name: string } | null;
}

/** A finalized version: the figures and text as sent, who finalized it and when. */
export interface VersionRecord {
  month: string;
  scope: string;
  version: number;
  report: string;
  narrative: string;
  finalizedBy: string;
  finalizedByName: string;
  finalizedAt: number;
  reason: string | null;
}

/** The draft of a month and scope, with the name of who saved it last; undefined when none was saved. */
export function findReportDraft(db: Db, month: string, scope: string): DraftRecord | undefined {
  const row = db
    .prepare(
      `SELECT d.body, d.updated_at, d.updated_by, u.username FROM report_drafts d LEFT JOIN users u ON u.id = d.updated_by
       WHERE d.month = ? AND d.scope = ?`,
    )
    .get(month, scope) as { body: string; updated_at: number; updated_by: string | null; username: string | null } | undefined;
  if (!row) return undefined;
  return {
    body: row.body,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by === null ? null : { id: row.updated_by, name: row.username ?? row.updated_by },
  };
}

/** Creates or replaces the draft of a month and scope. */
export function saveReportDraft(db: Db, d: { month: string; scope: string; body: string; updatedBy: string | null; updatedAt: number }): void {
  db.prepare(
    `INSERT INTO report_drafts (month, scope, body, updated_by, updated_at) VALUES (@month, @scope, @body, @updatedBy, @updatedAt)
     ON CONFLICT (month, scope) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(d);
}

interface VersionRow {
  month: string;
  scope: string;
  version: number;
  report: string;
  narrative: string;
  finalized_by: string;
  finalized_by_name: string;
  finalized_at: number;
  reason: string | null;
}

const toVersion = (r: VersionRow): VersionRecord => ({
  month: r.month,
  scope: r.scope,
  version: r.version,
  report: r.report,
  narrative: r.narrative,
  finalizedBy: r.finalized_by,
  finalizedByName: r.finalized_by_name,
  finalizedAt: r.finalized_at,
  reason: r.reason,
});

/** The versions of a month and scope, oldest first, without their bodies (report and narrative are ''). */
export function listReportVersions(db: Db, month: string, scope: string): VersionRecord[] {
  const rows = db
    .prepare(
      `SELECT month, scope, version, '' AS report, '' AS narrative, finalized_by, finalized_by_name, finalized_at, reason
       FROM report_versions WHERE month = ? AND scope = ? ORDER BY version`,
    )
    .all(month, scope) as VersionRow[];
  return rows.map(toVersion);
}

/** One version with its bodies; undefined when it does not exist. */
export function findReportVersion(db: Db, month: string, scope: string, version: number): VersionRecord | undefined {
  const row = db.prepare('SELECT * FROM report_versions WHERE month = ? AND scope = ? AND version = ?').get(month, scope, version) as
    | VersionRow
    | undefined;
  return row && toVersion(row);
}

/** Stores a new version; throws on a (month, scope, version) that exists (the primary key). */
export function insertReportVersion(db: Db, v: VersionRecord): void {
  db.prepare(
    `INSERT INTO report_versions (month, scope, version, report, narrative, finalized_by, finalized_by_name, finalized_at, reason)
     VALUES (@month, @scope, @version, @report, @narrative, @finalizedBy, @finalizedByName, @finalizedAt, @reason)`,
  ).run(v);
}

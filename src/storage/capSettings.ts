import { CapFeeds, CapPolicy, type CapSettings } from '../domain/cap.ts';
import type { Db } from './db.ts';

/** The station's CAP settings (feeds, level table, repeat), and who saved them last; defaults until saved. */
export function getCapSettings(db: Db): CapSettings & { updatedBy: string | null } {
  const row = db.prepare('SELECT body, updated_by FROM cap_settings WHERE id = 1').get() as { body: string; updated_by: string | null } | undefined;
  const body = row ? (JSON.parse(row.body) as { feeds?: unknown; policy?: unknown }) : {};
  return { feeds: CapFeeds.parse(body.feeds ?? []), policy: CapPolicy.parse(body.policy ?? {}), updatedBy: row?.updated_by ?? null };
}

/** Saves the settings whole; `updatedBy` is the user a feed's alerts are approved by (null: the command line). */
export function saveCapSettings(db: Db, settings: CapSettings, updatedBy: string | null, at: number): void {
  db.prepare(
    `INSERT INTO cap_settings (id, body, updated_by, updated_at) VALUES (1, @body, @updatedBy, @at)
     ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run({ body: JSON.stringify({ feeds: settings.feeds, policy: settings.policy }), updatedBy, at });
}

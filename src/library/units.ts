import type { Db } from '../storage/db.ts';

/**
 * The submitting units the station knows (đơn vị gửi tin): those of its users and those named on
 * items, sorted. The library offers them as suggestions; a unit stays free text on the item.
 */
export function knownUnits(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT unit FROM users WHERE unit IS NOT NULL AND TRIM(unit) <> ''
       UNION SELECT unit FROM items WHERE unit IS NOT NULL AND TRIM(unit) <> ''`,
    )
    .all() as { unit: string }[];
  return rows.map((r) => r.unit).sort((a, b) => a.localeCompare(b, 'vi'));
}

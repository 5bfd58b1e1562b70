import type { Db } from './db.ts';

/** A live mount: where a source client's broadcast airs, and at which level. */
export interface LiveMount {
  mount: string;
  zones: string[];
  level: 'priority' | 'emergency';
}

export function listLiveMounts(db: Db): LiveMount[] {
  const rows = db.prepare('SELECT mount, zones, level FROM live_mounts ORDER BY mount').all() as { mount: string; zones: string; level: LiveMount['level'] }[];
  return rows.map((r) => ({ mount: r.mount, zones: JSON.parse(r.zones) as string[], level: r.level }));
}

/** Replaces the station's live mounts whole (PUT semantics). */
export function replaceLiveMounts(db: Db, mounts: LiveMount[], by: string, at: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM live_mounts').run();
    const ins = db.prepare('INSERT INTO live_mounts (mount, zones, level, updated_at, updated_by) VALUES (@mount, @zones, @level, @at, @by)');
    for (const m of mounts) ins.run({ ...m, zones: JSON.stringify(m.zones), at, by });
  })();
}

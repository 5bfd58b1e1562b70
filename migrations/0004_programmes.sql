-- Hand-made programmes ("play now / play once"): items an operator airs at an instant, outside the
-- planner. They take precedence over planned slots they overlap on the same zone.
CREATE TABLE programme_entries (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id    TEXT NOT NULL,
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  item_id    TEXT NOT NULL REFERENCES items(id),
  source     TEXT NOT NULL DEFAULT 'programme' CHECK (source IN ('programme', 'emergency', 'relay')),
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX programme_entries_zone_start ON programme_entries(zone_id, start_ms);

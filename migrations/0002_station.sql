-- The station model (zones, topics, policy) and saved programmes (slots), pins and exclusions.

CREATE TABLE zones (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  area_code  TEXT,
  grp        TEXT,
  windows    TEXT NOT NULL DEFAULT '[]', -- JSON [{days, start, end, peak}]
  outputs    TEXT NOT NULL DEFAULT '[]', -- JSON, see domain Output
  enabled    INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL
);

CREATE TABLE topics (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  rules      TEXT NOT NULL DEFAULT '[]', -- JSON [{per, min, max, peakOnly, from, to, zones}]
  updated_at INTEGER NOT NULL
);

-- One row: the station-wide policy as JSON.
CREATE TABLE policy (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A zone's saved programme, one row per slot; replaced per (zone, date) from a cut-off instant.
CREATE TABLE plan_slots (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id  TEXT NOT NULL,
  date     TEXT NOT NULL, -- station-local YYYY-MM-DD
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL,
  item_id  TEXT NOT NULL REFERENCES items(id),
  window   TEXT NOT NULL,
  reason   TEXT NOT NULL DEFAULT '[]',
  planned_at INTEGER NOT NULL
);
CREATE INDEX plan_slots_zone_start ON plan_slots(zone_id, start_ms);
CREATE INDEX plan_slots_item ON plan_slots(item_id, start_ms);

-- Shortfalls of the latest plan of each (zone, period).
CREATE TABLE shortfalls (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id      TEXT NOT NULL,
  topic_id     TEXT NOT NULL,
  period       TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  body         TEXT NOT NULL, -- JSON shortfall
  planned_at   INTEGER NOT NULL
);
CREATE INDEX shortfalls_period ON shortfalls(period_start, period_end);

CREATE TABLE pins (
  id         TEXT PRIMARY KEY,
  zone_id    TEXT NOT NULL,
  date       TEXT NOT NULL,
  window     TEXT NOT NULL, -- window start HH:MM[:SS]
  item_id    TEXT NOT NULL REFERENCES items(id),
  kind       TEXT NOT NULL CHECK (kind IN ('pin', 'exclude')),
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX pins_date ON pins(date);

-- The airtime log: what actually aired. One row per item played per zone. Item facts are copied
-- at air time so reports show what aired even if the item is edited or archived later.

CREATE TABLE airtime (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id       TEXT NOT NULL,
  item_id       TEXT NOT NULL,
  item_title    TEXT NOT NULL,
  item_kind     TEXT NOT NULL,
  topics        TEXT NOT NULL DEFAULT '[]',
  ceremonial    INTEGER NOT NULL DEFAULT 0,
  unit          TEXT,
  priority      TEXT NOT NULL DEFAULT 'normal',
  source        TEXT NOT NULL DEFAULT 'plan' CHECK (source IN ('plan', 'programme', 'emergency', 'relay')),
  window        TEXT,
  planned_start INTEGER,
  started_at    INTEGER NOT NULL,
  heartbeat_at  INTEGER NOT NULL,
  ended_at      INTEGER,
  played_ms     INTEGER,
  outcome       TEXT CHECK (outcome IN ('completed', 'interrupted', 'preempted', 'failed', 'skipped')),
  detail        TEXT,
  outputs       TEXT NOT NULL DEFAULT '[]' -- JSON list of outputs that carried it
);
CREATE INDEX airtime_started ON airtime(started_at);
CREATE INDEX airtime_zone_started ON airtime(zone_id, started_at);
CREATE INDEX airtime_open ON airtime(ended_at) WHERE ended_at IS NULL;

-- A final row is never edited (heartbeats and finalisation only touch open rows), and never deleted
-- except by an explicit retention setting, which drops this guard's sibling below deliberately.
CREATE TRIGGER airtime_final_is_final BEFORE UPDATE ON airtime
WHEN OLD.ended_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'airtime rows are final once ended'); END;

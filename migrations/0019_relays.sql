-- Relays (tiếp âm, issue 11, decisions §9): the sources another station streams, and the fixed times
-- the station airs them on chosen zones. The planner places relay slots as fixed events of the
-- programme and plans items around them, so a saved slot is now of a kind: an item or a relay.

-- A source, configured once: an MP3/AAC stream over http(s) (Icecast mounts included) or HLS.
CREATE TABLE relay_sources (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  url              TEXT NOT NULL,                  -- may carry user:password (never shown back)
  kind             TEXT NOT NULL CHECK (kind IN ('http', 'hls')),
  silence_limit_ms INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  updated_by       TEXT REFERENCES users(id)
);

-- The station's relays, replaced whole by PUT /api/relays; `position` keeps the order they were given.
-- fallback_item_id has no foreign key: a missing or unapproved item at air time means silence.
CREATE TABLE relays (
  id               TEXT PRIMARY KEY,
  position         INTEGER NOT NULL,
  source_id        TEXT NOT NULL REFERENCES relay_sources(id),
  zones            TEXT NOT NULL,                  -- JSON: zone or group ids
  days             TEXT NOT NULL,                  -- JSON: ISO weekdays, 1 = Monday … 7 = Sunday
  start_time       TEXT NOT NULL,                  -- station-local "HH:MM[:SS]"
  end_time         TEXT NOT NULL,
  fallback_item_id TEXT,
  updated_at       INTEGER NOT NULL,
  updated_by       TEXT REFERENCES users(id)
);
CREATE INDEX relays_source ON relays(source_id);

-- plan_slots gains a kind: an item slot names its item (and window), a relay slot its relay and that
-- relay's source (and the window it lies in, or none). SQLite cannot relax NOT NULL in place: the
-- table is rebuilt with every row, id and index kept. Dropping it drops its triggers first (so the
-- plan_slot_days summary is not touched); they are made again on the new table below.
CREATE TABLE plan_slots_new (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id    TEXT NOT NULL,
  date       TEXT NOT NULL, -- station-local YYYY-MM-DD
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'item' CHECK (kind IN ('item', 'relay')),
  item_id    TEXT REFERENCES items(id),
  relay_id   TEXT,
  source_id  TEXT,
  window     TEXT,
  reason     TEXT NOT NULL DEFAULT '[]',
  planned_at INTEGER NOT NULL,
  CHECK (
    (kind = 'item' AND item_id IS NOT NULL AND window IS NOT NULL AND relay_id IS NULL)
    OR (kind = 'relay' AND item_id IS NULL AND relay_id IS NOT NULL AND source_id IS NOT NULL)
  )
);
INSERT INTO plan_slots_new (id, zone_id, date, start_ms, end_ms, kind, item_id, window, reason, planned_at)
SELECT id, zone_id, date, start_ms, end_ms, 'item', item_id, window, reason, planned_at FROM plan_slots;
DROP TABLE plan_slots;
ALTER TABLE plan_slots_new RENAME TO plan_slots;
CREATE INDEX plan_slots_zone_start ON plan_slots(zone_id, start_ms);
CREATE INDEX plan_slots_item ON plan_slots(item_id, start_ms);

CREATE TRIGGER plan_slots_counted AFTER INSERT ON plan_slots
BEGIN
  INSERT INTO plan_slot_days (date, zone_id, slots, planned_ms) VALUES (NEW.date, NEW.zone_id, 1, NEW.end_ms - NEW.start_ms)
  ON CONFLICT DO UPDATE SET slots = slots + 1, planned_ms = planned_ms + excluded.planned_ms;
END;

CREATE TRIGGER plan_slots_uncounted AFTER DELETE ON plan_slots
BEGIN
  UPDATE plan_slot_days SET slots = slots - 1, planned_ms = planned_ms - (OLD.end_ms - OLD.start_ms)
  WHERE date = OLD.date AND zone_id = OLD.zone_id;
  DELETE FROM plan_slot_days WHERE date = OLD.date AND zone_id = OLD.zone_id AND slots = 0;
END;

CREATE TRIGGER plan_slots_recounted AFTER UPDATE OF date, zone_id, start_ms, end_ms ON plan_slots
BEGIN
  UPDATE plan_slot_days SET slots = slots - 1, planned_ms = planned_ms - (OLD.end_ms - OLD.start_ms)
  WHERE date = OLD.date AND zone_id = OLD.zone_id;
  DELETE FROM plan_slot_days WHERE date = OLD.date AND zone_id = OLD.zone_id AND slots = 0;
  INSERT INTO plan_slot_days (date, zone_id, slots, planned_ms) VALUES (NEW.date, NEW.zone_id, 1, NEW.end_ms - NEW.start_ms)
  ON CONFLICT DO UPDATE SET slots = slots + 1, planned_ms = planned_ms + excluded.planned_ms;
END;

-- Report summaries kept in step with the airtime log and the plan, so the monthly report reads a few
-- summary rows instead of every airtime row. Each summary counts FINAL rows (ended_at set) once: when
-- a row is inserted already final, or when its ended_at is first set (rows become final exactly once,
-- see airtime_final_is_final). Days are the station-local dates the recorder writes into local_date;
-- a row without one (logged before this migration, or by a writer that does not set it) is left out,
-- and the report reads the log itself for any period holding such a row (src/reports/monthSource.ts).
-- "Aired" is the report's rule: outcome completed, interrupted or preempted with played_ms > 0.

-- Station-local YYYY-MM-DD of started_at, written by the recorder.
ALTER TABLE airtime ADD COLUMN local_date TEXT
  CHECK (local_date IS NULL OR local_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
-- Empty in normal operation: rows the summaries cannot place, looked up by the report's coverage check.
CREATE INDEX airtime_no_local_date ON airtime(started_at) WHERE local_date IS NULL;

-- Every summarised row, per local date, with the instants it spans: the report checks that they lie
-- inside that date in its own time zone before trusting the summaries.
CREATE TABLE airtime_days (
  local_date       TEXT PRIMARY KEY,
  rows             INTEGER NOT NULL,
  first_started_at INTEGER NOT NULL,
  last_started_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- A local month's headline (the comparison month of a report): aired plays and airtime, programmes
-- (labelled zone-date-window cells with an aired play), distinct items and zones aired, ceremonial,
-- bulletin and relay plays, and the rows that failed or were cut.
CREATE TABLE airtime_months (
  local_month      TEXT PRIMARY KEY,
  programmes       INTEGER NOT NULL,
  plays            INTEGER NOT NULL,
  played_ms        INTEGER NOT NULL,
  items            INTEGER NOT NULL,
  zones            INTEGER NOT NULL,
  ceremonial_plays INTEGER NOT NULL,
  ceremonial_ms    INTEGER NOT NULL,
  emergency_plays  INTEGER NOT NULL,
  priority_plays   INTEGER NOT NULL,
  relay_plays      INTEGER NOT NULL,
  failed           INTEGER NOT NULL,
  interrupted      INTEGER NOT NULL,
  preempted        INTEGER NOT NULL
) WITHOUT ROWID;

-- Aired plays per date, zone and window label ('' for none): zone, day and headline figures.
CREATE TABLE airtime_day_cells (
  local_date       TEXT NOT NULL,
  zone_id          TEXT NOT NULL,
  window           TEXT NOT NULL,
  plays            INTEGER NOT NULL,
  played_ms        INTEGER NOT NULL,
  ceremonial_plays INTEGER NOT NULL,
  ceremonial_ms    INTEGER NOT NULL,
  PRIMARY KEY (local_date, zone_id, window)
) WITHOUT ROWID;

-- An item with the facts the report groups it by (kind, unit with blank as '', topics JSON), numbered.
CREATE TABLE airtime_item_facts (
  id      INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL,
  kind    TEXT NOT NULL,
  unit    TEXT NOT NULL,
  topics  TEXT NOT NULL,
  UNIQUE (item_id, kind, unit, topics)
);

-- Aired plays per date and item facts: distinct items per day, kinds, units, topics.
CREATE TABLE airtime_day_items (
  local_date TEXT NOT NULL,
  facts_id   INTEGER NOT NULL REFERENCES airtime_item_facts(id),
  plays      INTEGER NOT NULL,
  played_ms  INTEGER NOT NULL,
  PRIMARY KEY (local_date, facts_id)
) WITHOUT ROWID;

-- What aired in a local month (YYYY-MM): the items, the zones with how many distinct items each, and
-- the (zone, item) pairs behind those counts (a count rises when a pair first appears).
CREATE TABLE airtime_month_items (
  local_month TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  PRIMARY KEY (local_month, item_id)
) WITHOUT ROWID;
CREATE TABLE airtime_month_zones (
  local_month TEXT NOT NULL,
  zone_id     TEXT NOT NULL,
  items       INTEGER NOT NULL,
  PRIMARY KEY (local_month, zone_id)
) WITHOUT ROWID;
CREATE TABLE airtime_month_zone_items (
  local_month TEXT NOT NULL,
  zone_id     TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  PRIMARY KEY (local_month, zone_id, item_id)
) WITHOUT ROWID;

-- Topic ids as the rows carried them, numbered.
CREATE TABLE airtime_topics (
  id    INTEGER PRIMARY KEY,
  topic TEXT NOT NULL UNIQUE
);

-- Aired plays of each topic per date, zone, window label and, for an unlabelled play (whose peak
-- test needs its time), its started_at (`at`, 0 for a labelled one): topic-rule counts. `plays` is a
-- JSON object {"<airtime_topics id>": plays}; a play counts once for each of its topics.
CREATE TABLE airtime_day_topics (
  local_date TEXT NOT NULL,
  zone_id    TEXT NOT NULL,
  window     TEXT NOT NULL,
  at         INTEGER NOT NULL,
  plays      TEXT NOT NULL,
  PRIMARY KEY (local_date, zone_id, window, at)
) WITHOUT ROWID;

-- Rows that failed, were cut or were skipped (aired or not), per date, zone, outcome and outputs JSON.
CREATE TABLE airtime_day_incidents (
  local_date TEXT NOT NULL,
  zone_id    TEXT NOT NULL,
  outcome    TEXT NOT NULL,
  outputs    TEXT NOT NULL,
  rows       INTEGER NOT NULL,
  PRIMARY KEY (local_date, zone_id, outcome, outputs)
) WITHOUT ROWID;

-- Aired bulletins (level emergency: priority or source emergency; else priority) and relays (source
-- relay) per date and item; the title is the one of the first play (earliest start, then lowest id).
CREATE TABLE airtime_day_bulletins (
  local_date       TEXT NOT NULL,
  level            TEXT NOT NULL CHECK (level IN ('emergency', 'priority', 'relay')),
  item_id          TEXT NOT NULL,
  plays            INTEGER NOT NULL,
  played_ms        INTEGER NOT NULL,
  first_started_at INTEGER NOT NULL,
  last_started_at  INTEGER NOT NULL,
  first_title      TEXT NOT NULL,
  PRIMARY KEY (local_date, level, item_id)
) WITHOUT ROWID;

-- The number of zones each bulletin or relay aired in per local month, and the pairs behind it.
CREATE TABLE airtime_month_bulletins (
  local_month TEXT NOT NULL,
  level       TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  zones       INTEGER NOT NULL,
  PRIMARY KEY (local_month, level, item_id)
) WITHOUT ROWID;
CREATE TABLE airtime_month_bulletin_zones (
  local_month TEXT NOT NULL,
  level       TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  zone_id     TEXT NOT NULL,
  PRIMARY KEY (local_month, level, item_id, zone_id)
) WITHOUT ROWID;

-- A final row as the summaries see it: every derived value defined once.
CREATE VIEW airtime_summary_rows AS
SELECT
  id, local_date, substr(local_date, 1, 7) AS local_month, zone_id, item_id, item_title, started_at, played_ms,
  ifnull(window, '') AS window,
  CASE WHEN ifnull(window, '') = '' THEN started_at ELSE 0 END AS at,
  ceremonial = 1 AS ceremonial,
  item_kind AS kind, ifnull(NULLIF(TRIM(unit), ''), '') AS unit,
  CASE WHEN NOT json_valid(topics) THEN '[]' WHEN json_type(topics) = 'array' THEN topics ELSE '[]' END AS topics,
  source, outcome, outputs,
  coalesce(outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0, 0) AS aired,
  CASE WHEN priority = 'emergency' OR source = 'emergency' THEN 'emergency' WHEN priority = 'priority' THEN 'priority' END AS bulletin
FROM airtime;

-- Inserting a row of airtime_summary_rows here adds that final row to every summary (the one place
-- that does). Statements that test whether something is new run before the ones that add it.
CREATE VIEW airtime_summary_feed AS SELECT * FROM airtime_summary_rows WHERE 0;

CREATE TRIGGER airtime_summary_feed_add INSTEAD OF INSERT ON airtime_summary_feed
BEGIN
  INSERT INTO airtime_days (local_date, rows, first_started_at, last_started_at)
  VALUES (NEW.local_date, 1, NEW.started_at, NEW.started_at)
  ON CONFLICT DO UPDATE SET rows = rows + 1, first_started_at = MIN(first_started_at, excluded.first_started_at),
    last_started_at = MAX(last_started_at, excluded.last_started_at);

  INSERT INTO airtime_months (local_month, programmes, plays, played_ms, items, zones, ceremonial_plays, ceremonial_ms,
    emergency_plays, priority_plays, relay_plays, failed, interrupted, preempted)
  SELECT NEW.local_month,
    NEW.aired AND NEW.window <> '' AND NOT EXISTS (SELECT 1 FROM airtime_day_cells
      WHERE local_date = NEW.local_date AND zone_id = NEW.zone_id AND window = NEW.window),
    NEW.aired, NEW.aired * NEW.played_ms,
    NEW.aired AND NOT EXISTS (SELECT 1 FROM airtime_month_items WHERE local_month = NEW.local_month AND item_id = NEW.item_id),
    NEW.aired AND NOT EXISTS (SELECT 1 FROM airtime_month_zones WHERE local_month = NEW.local_month AND zone_id = NEW.zone_id),
    NEW.aired AND NEW.ceremonial, NEW.aired * NEW.ceremonial * NEW.played_ms,
    NEW.aired AND NEW.bulletin IS 'emergency', NEW.aired AND NEW.bulletin IS 'priority', NEW.aired AND NEW.source IS 'relay',
    NEW.outcome IS 'failed', NEW.outcome IS 'interrupted', NEW.outcome IS 'preempted'
  WHERE true
  ON CONFLICT DO UPDATE SET programmes = programmes + excluded.programmes, plays = plays + excluded.plays,
    played_ms = played_ms + excluded.played_ms, items = items + excluded.items, zones = zones + excluded.zones,
    ceremonial_plays = ceremonial_plays + excluded.ceremonial_plays, ceremonial_ms = ceremonial_ms + excluded.ceremonial_ms,
    emergency_plays = emergency_plays + excluded.emergency_plays, priority_plays = priority_plays + excluded.priority_plays,
    relay_plays = relay_plays + excluded.relay_plays, failed = failed + excluded.failed,
    interrupted = interrupted + excluded.interrupted, preempted = preempted + excluded.preempted;

  INSERT INTO airtime_day_cells (local_date, zone_id, window, plays, played_ms, ceremonial_plays, ceremonial_ms)
  SELECT NEW.local_date, NEW.zone_id, NEW.window, 1, NEW.played_ms, NEW.ceremonial, NEW.ceremonial * NEW.played_ms
  WHERE NEW.aired
  ON CONFLICT DO UPDATE SET plays = plays + 1, played_ms = played_ms + excluded.played_ms,
    ceremonial_plays = ceremonial_plays + excluded.ceremonial_plays, ceremonial_ms = ceremonial_ms + excluded.ceremonial_ms;

  INSERT INTO airtime_item_facts (item_id, kind, unit, topics)
  SELECT NEW.item_id, NEW.kind, NEW.unit, NEW.topics WHERE NEW.aired
  ON CONFLICT DO NOTHING;

  INSERT INTO airtime_day_items (local_date, facts_id, plays, played_ms)
  SELECT NEW.local_date, id, 1, NEW.played_ms FROM airtime_item_facts
  WHERE NEW.aired AND item_id = NEW.item_id AND kind = NEW.kind AND unit = NEW.unit AND topics = NEW.topics
  ON CONFLICT DO UPDATE SET plays = plays + 1, played_ms = played_ms + excluded.played_ms;

  INSERT INTO airtime_month_items (local_month, item_id) SELECT NEW.local_month, NEW.item_id WHERE NEW.aired
  ON CONFLICT DO NOTHING;

  INSERT INTO airtime_month_zones (local_month, zone_id, items)
  SELECT NEW.local_month, NEW.zone_id, NOT EXISTS (SELECT 1 FROM airtime_month_zone_items
    WHERE local_month = NEW.local_month AND zone_id = NEW.zone_id AND item_id = NEW.item_id)
  WHERE NEW.aired
  ON CONFLICT DO UPDATE SET items = items + excluded.items;

  INSERT INTO airtime_month_zone_items (local_month, zone_id, item_id) SELECT NEW.local_month, NEW.zone_id, NEW.item_id
  WHERE NEW.aired
  ON CONFLICT DO NOTHING;

  INSERT INTO airtime_topics (topic) SELECT value FROM json_each(NEW.topics) WHERE NEW.aired AND type = 'text'
  ON CONFLICT DO NOTHING;

  INSERT INTO airtime_day_topics (local_date, zone_id, window, at, plays)
  SELECT NEW.local_date, NEW.zone_id, NEW.window, NEW.at, json_group_object(k.id, 1)
  FROM (SELECT DISTINCT value FROM json_each(NEW.topics) WHERE NEW.aired AND type = 'text') t JOIN airtime_topics k ON k.topic = t.value
  GROUP BY NEW.id
  ON CONFLICT DO UPDATE SET plays = (SELECT json_group_object(key, n) FROM (SELECT key, SUM(value) AS n FROM (
    SELECT key, value FROM json_each(airtime_day_topics.plays) UNION ALL SELECT key, value FROM json_each(excluded.plays)) GROUP BY key));

  INSERT INTO airtime_day_incidents (local_date, zone_id, outcome, outputs, rows)
  SELECT NEW.local_date, NEW.zone_id, NEW.outcome, NEW.outputs, 1
  WHERE NEW.outcome IN ('failed', 'interrupted', 'preempted', 'skipped')
  ON CONFLICT DO UPDATE SET rows = rows + 1;

  INSERT INTO airtime_day_bulletins (local_date, level, item_id, plays, played_ms, first_started_at, last_started_at, first_title)
  SELECT NEW.local_date, level, NEW.item_id, 1, NEW.played_ms, NEW.started_at, NEW.started_at, NEW.item_title
  FROM (SELECT NEW.bulletin AS level UNION ALL SELECT 'relay' WHERE NEW.source = 'relay')
  WHERE NEW.aired AND level IS NOT NULL
  ON CONFLICT DO UPDATE SET plays = plays + 1, played_ms = played_ms + excluded.played_ms,
    first_title = CASE WHEN excluded.first_started_at < first_started_at THEN excluded.first_title ELSE first_title END,
    first_started_at = MIN(first_started_at, excluded.first_started_at),
    last_started_at = MAX(last_started_at, excluded.last_started_at);

  INSERT INTO airtime_month_bulletins (local_month, level, item_id, zones)
  SELECT NEW.local_month, level, NEW.item_id, NOT EXISTS (SELECT 1 FROM airtime_month_bulletin_zones b
    WHERE b.local_month = NEW.local_month AND b.level = l.level AND b.item_id = NEW.item_id AND b.zone_id = NEW.zone_id)
  FROM (SELECT NEW.bulletin AS level UNION ALL SELECT 'relay' WHERE NEW.source = 'relay') l
  WHERE NEW.aired AND level IS NOT NULL
  ON CONFLICT DO UPDATE SET zones = zones + excluded.zones;

  INSERT INTO airtime_month_bulletin_zones (local_month, level, item_id, zone_id)
  SELECT NEW.local_month, level, NEW.item_id, NEW.zone_id
  FROM (SELECT NEW.bulletin AS level UNION ALL SELECT 'relay' WHERE NEW.source = 'relay')
  WHERE NEW.aired AND level IS NOT NULL
  ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER airtime_summarise_inserted AFTER INSERT ON airtime
WHEN NEW.ended_at IS NOT NULL AND NEW.local_date IS NOT NULL
BEGIN INSERT INTO airtime_summary_feed SELECT * FROM airtime_summary_rows WHERE id = NEW.id; END;

CREATE TRIGGER airtime_summarise_ended AFTER UPDATE OF ended_at ON airtime
WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL AND NEW.local_date IS NOT NULL
BEGIN INSERT INTO airtime_summary_feed SELECT * FROM airtime_summary_rows WHERE id = NEW.id; END;

-- The summaries only ever add, so a final row stays (the sibling of airtime_final_is_final). A
-- retention job must drop this guard deliberately and delete the summaries of the dates it removes.
CREATE TRIGGER airtime_final_is_kept BEFORE DELETE ON airtime
WHEN OLD.ended_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'final airtime rows are kept: the report summaries count them'); END;

-- Plan slots per local date and zone (planned vs aired), exact through inserts, deletes and updates.
CREATE TABLE plan_slot_days (
  date       TEXT NOT NULL,
  zone_id    TEXT NOT NULL,
  slots      INTEGER NOT NULL,
  planned_ms INTEGER NOT NULL,
  PRIMARY KEY (date, zone_id)
) WITHOUT ROWID;

INSERT INTO plan_slot_days (date, zone_id, slots, planned_ms)
SELECT date, zone_id, COUNT(*), SUM(end_ms - start_ms) FROM plan_slots GROUP BY date, zone_id;

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

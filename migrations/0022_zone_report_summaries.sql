-- One zone's monthly report from the summaries too (issue 13: under 0.2 s at a million rows a month).
-- A zone's rows are scattered through the log among every other zone's, so reading them costs about
-- one page read per row. The summaries of migrations/0005 already keep most figures per zone (cells,
-- topic cells, incidents, distinct items per month); two did not, and get a per-zone sibling here:
--   airtime_zone_day_items      aired plays per zone, date and item facts (as airtime_day_items per
--                               date): the zone's kinds, units, topics, distinct items per day;
--   airtime_zone_day_bulletins  aired bulletins and relays per zone, date, level and item (as
--                               airtime_day_bulletins per date): the zone's bulletin and relay lists
--                               and its comparison month's bulletin and relay plays.
-- Both lead with the zone, so a zone's month is one short run of each. The per-zone summaries that
-- lead with the date gain an index on (zone, date) for the same reason, and the relay rows cut short
-- (listed with their reasons from the log itself) an index of their own. Only aired rows are counted
-- (like airtime_day_items): a play a device's report makes heard later is fed again whole
-- (airtime_heard_later, migrations/0015) and is counted then, with nothing to take back.

CREATE TABLE airtime_zone_day_items (
  zone_id    TEXT NOT NULL,
  local_date TEXT NOT NULL,
  facts_id   INTEGER NOT NULL REFERENCES airtime_item_facts(id),
  plays      INTEGER NOT NULL,
  played_ms  INTEGER NOT NULL,
  PRIMARY KEY (zone_id, local_date, facts_id)
) WITHOUT ROWID;

CREATE TABLE airtime_zone_day_bulletins (
  zone_id          TEXT NOT NULL,
  local_date       TEXT NOT NULL,
  level            TEXT NOT NULL CHECK (level IN ('emergency', 'priority', 'relay')),
  item_id          TEXT NOT NULL,
  plays            INTEGER NOT NULL,
  played_ms        INTEGER NOT NULL,
  first_started_at INTEGER NOT NULL,
  last_started_at  INTEGER NOT NULL,
  first_title      TEXT NOT NULL,
  PRIMARY KEY (zone_id, local_date, level, item_id)
) WITHOUT ROWID;

-- Written only when a (date, zone, …) key is first met, never when its counts grow.
CREATE INDEX airtime_day_cells_zone ON airtime_day_cells(zone_id, local_date);
CREATE INDEX airtime_day_topics_zone ON airtime_day_topics(zone_id, local_date);
CREATE INDEX airtime_day_incidents_zone ON airtime_day_incidents(zone_id, local_date);
CREATE INDEX airtime_day_reception_zone ON airtime_day_reception(zone_id, local_date);

-- A fourth consumer of airtime_summary_feed (migrations/0005, 0010, 0020). The order in which SQLite
-- fires the feed's triggers is not promised, so the item facts record is made here too if it is new.
CREATE TRIGGER airtime_summary_feed_zones INSTEAD OF INSERT ON airtime_summary_feed
WHEN NEW.aired
BEGIN
  INSERT INTO airtime_item_facts (item_id, kind, unit, topics) VALUES (NEW.item_id, NEW.kind, NEW.unit, NEW.topics)
  ON CONFLICT DO NOTHING;

  INSERT INTO airtime_zone_day_items (zone_id, local_date, facts_id, plays, played_ms)
  SELECT NEW.zone_id, NEW.local_date, id, 1, NEW.played_ms FROM airtime_item_facts
  WHERE item_id = NEW.item_id AND kind = NEW.kind AND unit = NEW.unit AND topics = NEW.topics
  ON CONFLICT DO UPDATE SET plays = plays + 1, played_ms = played_ms + excluded.played_ms;

  INSERT INTO airtime_zone_day_bulletins (zone_id, local_date, level, item_id, plays, played_ms, first_started_at, last_started_at,
    first_title)
  SELECT NEW.zone_id, NEW.local_date, level, NEW.item_id, 1, NEW.played_ms, NEW.started_at, NEW.started_at, NEW.item_title
  FROM (SELECT NEW.bulletin AS level UNION ALL SELECT 'relay' WHERE NEW.source = 'relay')
  WHERE level IS NOT NULL
  ON CONFLICT DO UPDATE SET plays = plays + 1, played_ms = played_ms + excluded.played_ms,
    first_title = CASE WHEN excluded.first_started_at < first_started_at THEN excluded.first_title ELSE first_title END,
    first_started_at = MIN(first_started_at, excluded.first_started_at),
    last_started_at = MAX(last_started_at, excluded.last_started_at);
END;

-- Backfill: the rows the other summaries already count (final, with a local date), aired ones only.
CREATE TEMP TABLE zone_summary_backfill AS
SELECT r.id, r.zone_id, r.local_date, r.item_id, r.item_title, r.kind, r.unit, r.topics, r.started_at, r.played_ms, r.source, r.bulletin
FROM airtime a JOIN airtime_summary_rows r ON r.id = a.id
WHERE a.ended_at IS NOT NULL AND a.local_date IS NOT NULL AND r.aired;

INSERT INTO airtime_item_facts (item_id, kind, unit, topics)
SELECT DISTINCT item_id, kind, unit, topics FROM zone_summary_backfill WHERE true
ON CONFLICT DO NOTHING;

INSERT INTO airtime_zone_day_items (zone_id, local_date, facts_id, plays, played_ms)
SELECT b.zone_id, b.local_date, f.id, COUNT(*), SUM(b.played_ms)
FROM zone_summary_backfill b
JOIN airtime_item_facts f ON f.item_id = b.item_id AND f.kind = b.kind AND f.unit = b.unit AND f.topics = b.topics
GROUP BY b.zone_id, b.local_date, f.id;

-- The title is the first play's (earliest start, then lowest id), as the trigger keeps it.
INSERT INTO airtime_zone_day_bulletins (zone_id, local_date, level, item_id, plays, played_ms, first_started_at, last_started_at,
  first_title)
SELECT zone_id, local_date, level, item_id, COUNT(*), SUM(played_ms), MIN(started_at), MAX(started_at),
  MAX(CASE WHEN rank = 1 THEN item_title END)
FROM (
  SELECT zone_id, local_date, level, item_id, item_title, started_at, played_ms,
    ROW_NUMBER() OVER (PARTITION BY zone_id, local_date, level, item_id ORDER BY started_at, id) AS rank
  FROM (
    SELECT id, zone_id, local_date, bulletin AS level, item_id, item_title, started_at, played_ms FROM zone_summary_backfill
    WHERE bulletin IS NOT NULL
    UNION ALL
    SELECT id, zone_id, local_date, 'relay', item_id, item_title, started_at, played_ms FROM zone_summary_backfill
    WHERE source = 'relay'
  )
)
GROUP BY zone_id, local_date, level, item_id;

DROP TABLE zone_summary_backfill;

-- A zone's relay airings cut short (src/storage/reportRelays.ts) are read from the log itself, which
-- holds their reasons: only those rows, zone first (an entry is written when a relay row ends cut).
CREATE INDEX airtime_relay_cuts ON airtime(zone_id, started_at) WHERE source = 'relay' AND outcome <> 'completed';

-- Who a play reached (decisions §2, issue 12 "a log that never overstates"). A play is HEARD in a zone
-- when at least one receiver got it: an HTTP client connected when its first frame went out that took
-- at least 90% of its bytes; an Icecast server that accepted at least 90% of them ("handed to
-- Icecast"); an RTP destination at least 90% of them were sent to. Monitors (the admin page's «Nghe
-- thử», clients asking with ?monitor=1) never count. The outcome keeps its meaning; each row gains:
--   receivers  how many receivers got the play (0: it went out to nobody);
--   carriers   JSON [{"output", "kind": "http"|"icecast"|"rtp"|"other", "receivers"}]: the outputs that
--              delivered it to at least one receiver.
-- Both are written with the row's end. NULL means UNKNOWN, never "heard": every row logged before this
-- migration (Loa did not count receivers then), a row still on air, and a row closed at start-up after
-- a crash (its end, and so its count, was never written). The report keeps counting those as aired
-- (as it did before) and says how many there are; a row with receivers = 0 is not counted as aired:
-- the report shows it apart ("phát nhưng không có thiết bị nhận").
ALTER TABLE airtime ADD COLUMN receivers INTEGER CHECK (receivers IS NULL OR receivers >= 0);
ALTER TABLE airtime ADD COLUMN carriers TEXT CHECK (carriers IS NULL OR json_valid(carriers));

-- The summaries' "aired" (migrations/0005) now also needs a receiver, or an unknown count; the view
-- keeps its columns (airtime_summary_feed is `SELECT *` of it) and gains `receivers` at the end.
DROP VIEW airtime_summary_rows;
CREATE VIEW airtime_summary_rows AS
SELECT
  id, local_date, substr(local_date, 1, 7) AS local_month, zone_id, item_id, item_title, started_at, played_ms,
  ifnull(window, '') AS window,
  CASE WHEN ifnull(window, '') = '' THEN started_at ELSE 0 END AS at,
  ceremonial = 1 AS ceremonial,
  item_kind AS kind, ifnull(NULLIF(TRIM(unit), ''), '') AS unit,
  CASE WHEN NOT json_valid(topics) THEN '[]' WHEN json_type(topics) = 'array' THEN topics ELSE '[]' END AS topics,
  source, outcome, outputs,
  coalesce(outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0 AND ifnull(receivers, 1) > 0, 0) AS aired,
  CASE WHEN priority = 'emergency' OR source = 'emergency' THEN 'emergency' WHEN priority = 'priority' THEN 'priority' END AS bulletin,
  receivers
FROM airtime;

-- Plays that went out (outcome completed, interrupted or preempted with played_ms > 0) but were not
-- known to be heard, per date and zone: `heard` 'no' (receivers = 0, left out of every other summary)
-- or 'unknown' (receivers NULL, counted as aired in the others).
CREATE TABLE airtime_day_reception (
  local_date TEXT NOT NULL,
  zone_id    TEXT NOT NULL,
  heard      TEXT NOT NULL CHECK (heard IN ('no', 'unknown')),
  plays      INTEGER NOT NULL,
  played_ms  INTEGER NOT NULL,
  PRIMARY KEY (local_date, zone_id, heard)
) WITHOUT ROWID;

-- A second consumer of the feed (airtime_summary_feed_add keeps the others): same rows, same moment.
CREATE TRIGGER airtime_summary_feed_reception INSTEAD OF INSERT ON airtime_summary_feed
WHEN NEW.outcome IN ('completed', 'interrupted', 'preempted') AND NEW.played_ms > 0 AND ifnull(NEW.receivers, 0) = 0
BEGIN
  INSERT INTO airtime_day_reception (local_date, zone_id, heard, plays, played_ms)
  VALUES (NEW.local_date, NEW.zone_id, CASE WHEN NEW.receivers IS NULL THEN 'unknown' ELSE 'no' END, 1, NEW.played_ms)
  ON CONFLICT DO UPDATE SET plays = plays + 1, played_ms = played_ms + excluded.played_ms;
END;

-- The rows already summarised (final, with a local date) all have unknown receivers.
INSERT INTO airtime_day_reception (local_date, zone_id, heard, plays, played_ms)
SELECT local_date, zone_id, 'unknown', COUNT(*), SUM(played_ms) FROM airtime
WHERE ended_at IS NOT NULL AND local_date IS NOT NULL AND outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0
GROUP BY local_date, zone_id;

-- Station settings revisions (issue 12 "a report for a past month judges peak windows and required
-- periods by today's station settings"; decisions §11). Every change of the settings that judge plays
-- (zones with their windows, peak flags, groups and enabled flag; topics and their rules; the policy)
-- makes a new revision in the same transaction (src/storage/stationRevisions.ts, called by every
-- writer of src/storage/station.ts), and each airtime row references the revision in force when it was
-- logged, so the monthly report judges a play by the rules of its time, not by today's.
-- Revision 0 is the settings at this migration: every row logged before it belongs to revision 0.

-- The settings that judge plays, as one JSON document, built in ONE place (here), for revision 0 below
-- and for every later revision (stationRevisions.ts inserts from this view). Secrets (zone outputs:
-- stream keys, Icecast passwords) are not settings that judge plays and never enter a revision.
CREATE VIEW station_settings_now AS
SELECT json_object(
  'zones', (SELECT json_group_array(json_object(
      'id', id, 'name', name, 'group', grp,
      'enabled', CASE WHEN enabled = 1 THEN json('true') ELSE json('false') END,
      'windows', CASE WHEN json_valid(windows) THEN json(windows) ELSE json('[]') END))
    FROM (SELECT id, name, grp, enabled, windows FROM zones ORDER BY id)),
  'topics', (SELECT json_group_array(json_object(
      'id', id, 'name', name,
      'rules', CASE WHEN json_valid(rules) THEN json(rules) ELSE json('[]') END))
    FROM (SELECT id, name, rules FROM topics ORDER BY id)),
  'policy', (SELECT CASE WHEN json_valid(body) THEN json(body) END FROM policy WHERE id = 1)
) AS settings;

CREATE TABLE station_revisions (
  id              INTEGER PRIMARY KEY,              -- 0: the settings at this migration; then 1, 2, … in order
  created_at      INTEGER NOT NULL,                 -- epoch ms (the daemon's clock; revision 0: the wall clock)
  created_by      TEXT,                             -- the user's id; NULL for the system, the CLI or a bare writer
  created_by_name TEXT NOT NULL DEFAULT 'system',   -- who, as shown (a username, 'system', 'cli', 'migration')
  note            TEXT,                             -- where the change came from (a YAML file, the demo…)
  tz              TEXT,                             -- the station time zone when the revision was made, if known
  settings        TEXT NOT NULL CHECK (json_valid(settings))  -- station_settings_now at that moment
);

-- A revision is history: never edited, never deleted.
CREATE TRIGGER station_revisions_final BEFORE UPDATE ON station_revisions
BEGIN SELECT RAISE(ABORT, 'station revisions are history: never edited'); END;
CREATE TRIGGER station_revisions_kept BEFORE DELETE ON station_revisions
BEGIN SELECT RAISE(ABORT, 'station revisions are history: never deleted'); END;

INSERT INTO station_revisions (id, created_at, created_by, created_by_name, note, settings)
SELECT 0, CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'migration', 'the settings at migration 0020', settings
FROM station_settings_now;

-- The revision each airtime row was logged under: the newest revision when the row was inserted,
-- written by the trigger below for every writer (the recorder, device reports, anything else), so no
-- writer can forget it. A side table rather than a column: a row inserted already final cannot be
-- updated (airtime_final_is_final), and the log's own columns stay as they were. A row with no entry
-- here was logged before this migration: it belongs to revision 0 (decisions §11).
-- No foreign key to airtime: a later migration that rebuilds airtime (new table, copy, DROP, rename)
-- must not cascade away every stamp; the ids are kept by such a copy. A deleted row takes its stamp along.
CREATE TABLE airtime_revisions (
  airtime_id  INTEGER PRIMARY KEY,
  revision_id INTEGER NOT NULL REFERENCES station_revisions(id)
);

CREATE TRIGGER airtime_revision_unstamped AFTER DELETE ON airtime
BEGIN DELETE FROM airtime_revisions WHERE airtime_id = OLD.id; END;

-- Per revision, the earliest and latest start of a row logged under it: a row that started before its
-- revision was made (a device reporting a play late, a clock set back, history logged afterwards) shows
-- that the revision was already in force then; the report dates each revision's start by it.
CREATE TABLE airtime_revision_spans (
  revision_id      INTEGER PRIMARY KEY REFERENCES station_revisions(id),
  first_started_at INTEGER NOT NULL,
  last_started_at  INTEGER NOT NULL,
  rows             INTEGER NOT NULL
);

CREATE TRIGGER airtime_revision_stamped AFTER INSERT ON airtime
BEGIN
  INSERT INTO airtime_revisions (airtime_id, revision_id) VALUES (NEW.id, (SELECT MAX(id) FROM station_revisions));
  INSERT INTO airtime_revision_spans (revision_id, first_started_at, last_started_at, rows)
  VALUES ((SELECT MAX(id) FROM station_revisions), NEW.started_at, NEW.started_at, 1)
  ON CONFLICT DO UPDATE SET first_started_at = MIN(first_started_at, excluded.first_started_at),
    last_started_at = MAX(last_started_at, excluded.last_started_at), rows = rows + 1;
END;

-- Aired plays per local date and revision (a third consumer of airtime_summary_feed, migrations/0005
-- and 0010): a date logged under one revision is judged from the summaries by that revision; a date
-- that spans a change is judged row by row from the log (src/reports/monthSource.ts). The feed may
-- run before the stamp above (both fire after the insert of a row inserted final): the newest revision
-- is then what the stamp writes too.
CREATE TABLE airtime_day_revisions (
  local_date  TEXT NOT NULL,
  revision_id INTEGER NOT NULL,
  plays       INTEGER NOT NULL,
  PRIMARY KEY (local_date, revision_id)
) WITHOUT ROWID;

CREATE TRIGGER airtime_summary_feed_revisions INSTEAD OF INSERT ON airtime_summary_feed
WHEN NEW.aired
BEGIN
  INSERT INTO airtime_day_revisions (local_date, revision_id, plays)
  VALUES (NEW.local_date,
    coalesce((SELECT revision_id FROM airtime_revisions WHERE airtime_id = NEW.id), (SELECT MAX(id) FROM station_revisions)), 1)
  ON CONFLICT DO UPDATE SET plays = plays + 1;
END;

-- The rows already summarised (final, with a local date) belong to revision 0.
INSERT INTO airtime_day_revisions (local_date, revision_id, plays)
SELECT local_date, 0, COUNT(*) FROM airtime
WHERE ended_at IS NOT NULL AND local_date IS NOT NULL
  AND coalesce(outcome IN ('completed', 'interrupted', 'preempted') AND played_ms > 0 AND ifnull(receivers, 1) > 0, 0)
GROUP BY local_date;

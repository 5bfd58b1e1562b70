-- Plan runs (issue 12 "a revision per change, referenced by plans and airtime rows"): every save of
-- planned slots (a plan asked for, a replan after a pin, an unpin or a recall, the replan scheduler,
-- `loa plan`) is one row here, written in the SAME transaction as its slots
-- (src/storage/plans.ts replaceSlots), naming the station settings revision (migrations/0020) the
-- plan was computed under. The schedule API compares it with the revision in force now: when they
-- differ, the settings changed since the programme was planned and an operator knows to replan.
CREATE TABLE plan_runs (
  id              INTEGER PRIMARY KEY,
  planned_at      INTEGER NOT NULL,                 -- epoch ms: the plan's "now"; its slots' and shortfalls' planned_at
  revision_id     INTEGER NOT NULL REFERENCES station_revisions(id),
  from_date       TEXT NOT NULL,                    -- station-local YYYY-MM-DD: the dates the run planned
  to_date         TEXT NOT NULL,
  all_zones       INTEGER NOT NULL DEFAULT 0 CHECK (all_zones IN (0, 1)), -- 1: every zone of the station
  zones           TEXT NOT NULL CHECK (json_valid(zones)),                -- the zones it planned, a JSON array
  slots           INTEGER NOT NULL,                 -- item slots saved
  relay_slots     INTEGER NOT NULL DEFAULT 0,       -- relay slots (tiếp âm) saved
  shortfalls      INTEGER NOT NULL DEFAULT 0,
  planned_by      TEXT,                             -- the user's id; NULL for the system, the CLI, the migration
  planned_by_name TEXT NOT NULL DEFAULT 'system',   -- who, as shown (a username, 'system', 'cli', 'migration')
  cause           TEXT                              -- why: 'plan', 'pin', 'unpin', 'recall', 'replan:nightly', …
);
-- The runs that planned a date (the schedule's question).
CREATE INDEX plan_runs_dates ON plan_runs(to_date, from_date);
-- A slot is traced to its run by planned_at (plan_slots.planned_at = plan_runs.planned_at): one stamp
-- per save, kept unique here (two saves in one millisecond, as with a fake clock, get stamps 1 ms
-- apart: replaceSlots). No column is added to plan_slots: a save of ~1 M slots writes and binds
-- nothing more per slot than before (measured: a run_id column cost 10–17% CPU on such a save).
CREATE UNIQUE INDEX plan_runs_planned_at ON plan_runs(planned_at);

-- A run is history: never edited.
CREATE TRIGGER plan_runs_final BEFORE UPDATE ON plan_runs
BEGIN SELECT RAISE(ABORT, 'plan runs are history: never edited'); END;

-- Slots saved before this migration: one run per save (one planned_at), under the newest revision
-- made by then (revision 0 before revisions began: decisions §11). Its dates and zones are those of
-- its slots still saved (the save's own range is not known), and it is never taken for all zones.
INSERT INTO plan_runs (planned_at, revision_id, from_date, to_date, all_zones, zones, slots, relay_slots, shortfalls, planned_by_name, cause)
SELECT s.planned_at,
  coalesce((SELECT MAX(r.id) FROM station_revisions r WHERE r.created_at <= s.planned_at), 0),
  MIN(s.date), MAX(s.date), 0, json_group_array(DISTINCT s.zone_id),
  SUM(s.kind = 'item'), SUM(s.kind = 'relay'), 0, 'migration', 'before-runs'
FROM plan_slots s GROUP BY s.planned_at ORDER BY s.planned_at;

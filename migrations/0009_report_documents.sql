-- The monthly report as the document a ward sends upward (issue 15): the words a ward adds to the
-- figures (one working draft per month and scope) and every version it sent, frozen with its figures.
-- `scope` is '' for the whole station, else the zone the report covers.

CREATE TABLE report_drafts (
  month      TEXT NOT NULL,             -- "YYYY-MM"
  scope      TEXT NOT NULL,
  body       TEXT NOT NULL,             -- JSON ReportNarrative (src/reports/narrative.ts)
  updated_by TEXT REFERENCES users(id),
  updated_at INTEGER NOT NULL,          -- epoch ms
  PRIMARY KEY (month, scope)
) WITHOUT ROWID;

-- A finalized report: its figures and text exactly as they were sent, who finalized it and when.
-- A correction is a new version (a reissue); the old ones stay.
CREATE TABLE report_versions (
  month             TEXT NOT NULL,
  scope             TEXT NOT NULL,
  version           INTEGER NOT NULL CHECK (version >= 1),
  report            TEXT NOT NULL,      -- JSON MonthlyReport (src/reports/model.ts)
  narrative         TEXT NOT NULL,      -- JSON ReportNarrative
  finalized_by      TEXT NOT NULL REFERENCES users(id),
  finalized_by_name TEXT NOT NULL,      -- the username then
  finalized_at      INTEGER NOT NULL,   -- epoch ms
  reason            TEXT,               -- a reissue's reason (NULL for version 1)
  PRIMARY KEY (month, scope, version)
) WITHOUT ROWID;

CREATE TRIGGER report_versions_no_update BEFORE UPDATE ON report_versions
BEGIN SELECT RAISE(ABORT, 'a finalized report is frozen'); END;
CREATE TRIGGER report_versions_no_delete BEFORE DELETE ON report_versions
BEGIN SELECT RAISE(ABORT, 'a finalized report is frozen'); END;

-- Foundation: users and tokens, the audio library, and its append-only audit log.
-- Instants are stored as INTEGER epoch milliseconds; the API formats them in station time.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'operator', 'submitter')),
  unit          TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
CREATE INDEX tokens_user ON tokens(user_id);

CREATE TABLE items (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  kind              TEXT NOT NULL,
  topics            TEXT NOT NULL DEFAULT '[]', -- JSON array of topic ids
  ceremonial        INTEGER NOT NULL DEFAULT 0,
  unit              TEXT,
  priority          TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'priority', 'emergency')),
  valid_from        INTEGER,
  valid_until       INTEGER,
  note              TEXT,
  status            TEXT NOT NULL CHECK (status IN ('processing', 'pending', 'approved', 'rejected', 'failed', 'archived')),
  failure_reason    TEXT,
  duration_ms       INTEGER,
  audio_sha256      TEXT,
  original_name     TEXT,
  loudness_before   TEXT, -- JSON {integratedLufs, truePeakDb, lra}
  loudness_after    TEXT,
  incoming_path     TEXT, -- upload waiting for ingest; NULL once processed
  submitted_by      TEXT REFERENCES users(id),
  reviewed_by       TEXT REFERENCES users(id),
  reviewed_at       INTEGER,
  review_note       TEXT,
  approved_at       INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX items_status ON items(status);
CREATE INDEX items_unit ON items(unit);
CREATE INDEX items_sha ON items(audio_sha256);

-- Append-only: every state change of an item, who did it and when.
CREATE TABLE item_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id     TEXT NOT NULL REFERENCES items(id),
  at          INTEGER NOT NULL,
  actor_id    TEXT REFERENCES users(id),
  action      TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  note        TEXT,
  data        TEXT -- JSON details
);
CREATE INDEX item_events_item ON item_events(item_id, id);
CREATE TRIGGER item_events_no_update BEFORE UPDATE ON item_events
BEGIN SELECT RAISE(ABORT, 'item_events is append-only'); END;
CREATE TRIGGER item_events_no_delete BEFORE DELETE ON item_events
BEGIN SELECT RAISE(ABORT, 'item_events is append-only'); END;

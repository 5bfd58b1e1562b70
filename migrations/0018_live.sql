-- Live broadcast from an Icecast source client (issue 11, decisions §9): the station's live mounts.
-- A source client (BUTT, Mixxx, a phone app, ffmpeg) sends PUT /live/<mount> with a Loa username and
-- one of that user's API tokens; Loa airs it on the mount's zones at its level and keeps the recording
-- as an item of kind truc-tiep.
CREATE TABLE live_mounts (
  mount      TEXT PRIMARY KEY,
  zones      TEXT NOT NULL,                -- JSON: zone or group ids, or ["*"]
  level      TEXT NOT NULL CHECK (level IN ('priority', 'emergency')),
  updated_at INTEGER NOT NULL,
  updated_by TEXT REFERENCES users(id)
);

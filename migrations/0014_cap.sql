-- CAP 1.2 alerts and CAP feeds (issue 10, decisions §6 and §7).

-- Zones carry a list of area codes (a CAP geocode value naming one reaches the zone) and whether
-- Exercise/Test alerts air there. The single `area_code` of before becomes a one-element list.
ALTER TABLE zones ADD COLUMN area_codes TEXT NOT NULL DEFAULT '[]'; -- JSON ["20194", …]
ALTER TABLE zones ADD COLUMN test_alerts INTEGER NOT NULL DEFAULT 0;
UPDATE zones SET area_codes = json_array(trim(area_code)) WHERE area_code IS NOT NULL AND trim(area_code) <> '';
ALTER TABLE zones DROP COLUMN area_code;

-- Every CAP alert Loa accepted (an invalid document is refused and not kept), identified as CAP
-- says by (sender, identifier, sent); `sent_at` is `sent` as an instant, so one alert written with
-- two offsets is still one. `answer` is the response it got, given again to a duplicate.
CREATE TABLE cap_alerts (
  id           TEXT PRIMARY KEY,            -- cap_…
  sender       TEXT NOT NULL,
  identifier   TEXT NOT NULL,
  sent         TEXT NOT NULL,               -- as written, with its offset
  sent_at      INTEGER NOT NULL,            -- epoch ms
  status       TEXT NOT NULL,               -- Actual, Exercise, System, Test, Draft
  msg_type     TEXT NOT NULL,               -- Alert, Update, Cancel, Ack, Error
  event        TEXT,
  headline     TEXT,
  language     TEXT,                        -- of the info that was used
  urgency      TEXT,
  severity     TEXT,
  level        TEXT,                        -- priority | emergency (NULL: airs nowhere)
  zones        TEXT NOT NULL DEFAULT '[]',  -- JSON: the zones it was meant for
  state        TEXT NOT NULL,               -- active, logged, failed, replaced, cancelled, expired, applied
  reason       TEXT,                        -- why it airs nowhere, or why it failed
  item_id      TEXT,                        -- the library item with its audio
  bulletin_id  TEXT,                        -- the emergency bulletin that airs it
  expires_at   INTEGER,                     -- epoch ms of info/expires
  via          TEXT NOT NULL,               -- api | feed
  feed_url     TEXT,
  received_by  TEXT,                        -- the user whose token or feed brought it
  received_at  INTEGER NOT NULL,
  http_status  INTEGER NOT NULL,
  answer       TEXT NOT NULL,               -- JSON
  xml          TEXT NOT NULL,
  UNIQUE (sender, identifier, sent_at)
);
CREATE INDEX cap_alerts_received ON cap_alerts(received_at);
-- Expiry timers are re-armed at start from the alerts still airing.
CREATE INDEX cap_alerts_active ON cap_alerts(state, expires_at) WHERE state = 'active';

-- An alert's journey, step by step (the audit log has the same steps, with who).
CREATE TABLE cap_alert_steps (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id TEXT NOT NULL REFERENCES cap_alerts(id),
  at       INTEGER NOT NULL,
  step     TEXT NOT NULL,                   -- received, mapped, aired, logged, updated, replaced, cancelled, expired, failed
  detail   TEXT                             -- JSON
);
CREATE INDEX cap_alert_steps_alert ON cap_alert_steps(alert_id, id);

-- One row: the station's CAP settings as JSON ({ feeds, levels }), and who saved them (a feed's
-- alerts are approved in that user's name).
CREATE TABLE cap_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  body       TEXT NOT NULL,
  updated_by TEXT,
  updated_at INTEGER NOT NULL
);

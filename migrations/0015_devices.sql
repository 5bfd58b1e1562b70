-- Head-ends as devices (issue 14, decisions §1, §2, §10): the loudspeaker clusters (cụm loa) of each
-- zone, their keys, when they were last heard from, their online/offline history, the feed entries
-- each was given, and the plays download devices report back.

-- One receiver. `kind`: 'stream' (pulls the zone's HTTP stream; seen by its connections), 'download'
-- (store-and-forward: seen by its feed polls and reports), 'rtp' and 'relay-fed' (never reach Loa:
-- "not monitored", never an alarm). The key is stored as its SHA-256 only (shown once, rotatable).
-- `state` is the current monitored state ('online' | 'offline'; NULL when not monitored), the last
-- row of device_states for it.
CREATE TABLE devices (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  zone_id        TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('stream', 'download', 'rtp', 'relay-fed')),
  lat            REAL CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lon            REAL CHECK (lon IS NULL OR (lon BETWEEN -180 AND 180)),
  note           TEXT,
  key_hash       TEXT NOT NULL UNIQUE,
  key_set_at     INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  last_seen_at   INTEGER,
  last_seen_via  TEXT CHECK (last_seen_via IS NULL OR last_seen_via IN ('stream', 'feed', 'audio', 'report')),
  state          TEXT CHECK (state IS NULL OR state IN ('online', 'offline')),
  state_since    INTEGER
);
CREATE INDEX devices_zone ON devices(zone_id);

-- Every change of a device's monitored state, kept after the device is removed, so a month's hours
-- online and outages can be computed (src/devices/deviceUptime.ts). 'unmonitored': its kind became
-- rtp or relay-fed; 'removed': it was deleted. The zone is the device's zone at that moment.
CREATE TABLE device_states (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id  TEXT NOT NULL,
  zone_id    TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('online', 'offline', 'unmonitored', 'removed')),
  at         INTEGER NOT NULL
);
CREATE INDEX device_states_device_at ON device_states(device_id, at);
CREATE INDEX device_states_at ON device_states(at);

-- What a feed answered in full gave a device: a report must name one of these (within ±5 minutes
-- of its start), and a device may fetch only the audio these name. Old rows are pruned.
CREATE TABLE device_feed_entries (
  device_id  TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  source     TEXT NOT NULL,
  window     TEXT,
  sha256     TEXT NOT NULL,
  given_at   INTEGER NOT NULL,
  PRIMARY KEY (device_id, item_id, start_ms)
) WITHOUT ROWID;
CREATE INDEX device_feed_entries_audio ON device_feed_entries(device_id, sha256);
CREATE INDEX device_feed_entries_end ON device_feed_entries(end_ms);

-- A play a device reported, once per (device, item, slot start): the idempotency key of
-- POST /api/devices/:id/played. `heard`: it counts as a receiver of the zone's play (completed, or
-- at least 90% played). `airtime_id`: the zone's airtime row it was attached to (or made); NULL while
-- `settled` = 0 (the zone's row is still on air) or when it was not heard and no row exists.
CREATE TABLE device_plays (
  device_id      TEXT NOT NULL,
  item_id        TEXT NOT NULL,
  slot_start_ms  INTEGER NOT NULL,
  slot_end_ms    INTEGER NOT NULL,
  zone_id        TEXT NOT NULL,
  started_at     INTEGER NOT NULL,
  ended_at       INTEGER NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('completed', 'interrupted', 'preempted', 'failed', 'skipped')),
  heard          INTEGER NOT NULL CHECK (heard IN (0, 1)),
  reported_at    INTEGER NOT NULL,
  settled        INTEGER NOT NULL DEFAULT 0 CHECK (settled IN (0, 1)),
  airtime_id     INTEGER,
  PRIMARY KEY (device_id, item_id, slot_start_ms)
) WITHOUT ROWID;
CREATE INDEX device_plays_unsettled ON device_plays(settled) WHERE settled = 0;

-- A download device's report attaches to the zone's row for that slot (decisions §2): the row's
-- `receivers` grows and the device joins its `carriers`, even when the row is final. Such an update
-- is allowed only while src/storage/deviceReports.ts holds a grant for that row (inside its
-- transaction), and then only the reception may change, and only upward.
CREATE TABLE airtime_reception_grants (airtime_id INTEGER PRIMARY KEY);

DROP TRIGGER airtime_final_is_final;
CREATE TRIGGER airtime_final_is_final BEFORE UPDATE ON airtime
WHEN OLD.ended_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM airtime_reception_grants WHERE airtime_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'airtime rows are final once ended'); END;

CREATE TRIGGER airtime_final_reception_only BEFORE UPDATE ON airtime
WHEN OLD.ended_at IS NOT NULL AND (
  NEW.id IS NOT OLD.id OR NEW.zone_id IS NOT OLD.zone_id OR NEW.item_id IS NOT OLD.item_id
  OR NEW.item_title IS NOT OLD.item_title OR NEW.item_kind IS NOT OLD.item_kind OR NEW.topics IS NOT OLD.topics
  OR NEW.ceremonial IS NOT OLD.ceremonial OR NEW.unit IS NOT OLD.unit OR NEW.priority IS NOT OLD.priority
  OR NEW.source IS NOT OLD.source OR NEW.window IS NOT OLD.window OR NEW.planned_start IS NOT OLD.planned_start
  OR NEW.started_at IS NOT OLD.started_at OR NEW.heartbeat_at IS NOT OLD.heartbeat_at OR NEW.ended_at IS NOT OLD.ended_at
  OR NEW.played_ms IS NOT OLD.played_ms OR NEW.outcome IS NOT OLD.outcome OR NEW.detail IS NOT OLD.detail
  OR NEW.outputs IS NOT OLD.outputs OR NEW.local_date IS NOT OLD.local_date
  OR NEW.receivers IS NULL OR NEW.receivers < ifnull(OLD.receivers, 0) OR NEW.carriers IS NULL)
BEGIN SELECT RAISE(ABORT, 'a final airtime row may only gain receivers'); END;

-- A play that went out to nobody (receivers 0) is left out of every "aired" summary and counted in
-- airtime_day_reception as 'no' (migrations/0010). When a device's report makes it heard, it moves:
-- out of 'no', and into every aired figure. The summary feed adds a row whole; what it counts for
-- every final row whatever its reception (the day's rows, the month's outcome counts, the incidents)
-- was counted when the row ended, so it is taken back out here. (A later consumer of the feed that
-- counts rows regardless of reception must be taken back out here too.)
CREATE TRIGGER airtime_heard_later AFTER UPDATE OF receivers ON airtime
WHEN OLD.ended_at IS NOT NULL AND OLD.local_date IS NOT NULL AND OLD.receivers = 0 AND NEW.receivers > 0
  AND OLD.outcome IN ('completed', 'interrupted', 'preempted') AND OLD.played_ms > 0
BEGIN
  UPDATE airtime_day_reception SET plays = plays - 1, played_ms = played_ms - OLD.played_ms
  WHERE local_date = OLD.local_date AND zone_id = OLD.zone_id AND heard = 'no';
  DELETE FROM airtime_day_reception WHERE local_date = OLD.local_date AND zone_id = OLD.zone_id AND heard = 'no' AND plays <= 0;

  INSERT INTO airtime_summary_feed SELECT * FROM airtime_summary_rows WHERE id = NEW.id;

  UPDATE airtime_days SET rows = rows - 1 WHERE local_date = NEW.local_date;
  UPDATE airtime_months SET failed = failed - (NEW.outcome IS 'failed'), interrupted = interrupted - (NEW.outcome IS 'interrupted'),
    preempted = preempted - (NEW.outcome IS 'preempted')
  WHERE local_month = substr(NEW.local_date, 1, 7);
  UPDATE airtime_day_incidents SET rows = rows - 1
  WHERE local_date = NEW.local_date AND zone_id = NEW.zone_id AND outcome = NEW.outcome AND outputs = NEW.outputs
    AND NEW.outcome IN ('failed', 'interrupted', 'preempted', 'skipped');
END;

-- A play of unknown reception (receivers NULL) is already counted as aired; a device's report makes
-- it known: it leaves the 'unknown' count.
CREATE TRIGGER airtime_known_later AFTER UPDATE OF receivers ON airtime
WHEN OLD.ended_at IS NOT NULL AND OLD.local_date IS NOT NULL AND OLD.receivers IS NULL AND NEW.receivers > 0
  AND OLD.outcome IN ('completed', 'interrupted', 'preempted') AND OLD.played_ms > 0
BEGIN
  UPDATE airtime_day_reception SET plays = plays - 1, played_ms = played_ms - OLD.played_ms
  WHERE local_date = OLD.local_date AND zone_id = OLD.zone_id AND heard = 'unknown';
  DELETE FROM airtime_day_reception WHERE local_date = OLD.local_date AND zone_id = OLD.zone_id AND heard = 'unknown' AND plays <= 0;
END;

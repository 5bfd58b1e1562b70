-- Relay airings cut short are listed in every monthly report (src/storage/reportRelays.ts): relay rows
-- are few among a month's plays, so they get a partial index of their own instead of a walk of the
-- month's rows (a one-zone report must stay well under 0.2 s at a million rows).
CREATE INDEX airtime_relay_started ON airtime(started_at) WHERE source = 'relay';

-- Emergency bulletins (issue 10, decisions §4–§5): emergency is an action, not an item property.
-- A bulletin airs an approved item at once on its zones, with its repeats as programme entries that
-- point back to it (programme_entries.emergency_id); cancelling removes the entries still to come.
CREATE TABLE emergencies (
  id          TEXT PRIMARY KEY,
  item_id     TEXT NOT NULL REFERENCES items(id),
  zones       TEXT NOT NULL,            -- JSON: the zones and groups asked for ("*" for all)
  reached     TEXT NOT NULL,            -- JSON: every zone that hears it (whole groups)
  repeat      TEXT,                     -- JSON: {times, everyMinutes, onTheHour, until} as asked
  origin      TEXT NOT NULL,            -- JSON: {"kind":"operator"} or {"kind":"cap","alertId":…}
  state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'finished', 'cancelled', 'replaced')),
  created_by  TEXT NOT NULL REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  last_end_ms INTEGER NOT NULL,         -- when its last airing ends as planned (active until then)
  ended_at    INTEGER,
  ended_by    TEXT REFERENCES users(id)
);
CREATE INDEX emergencies_active ON emergencies(state, last_end_ms);

ALTER TABLE programme_entries ADD COLUMN emergency_id TEXT REFERENCES emergencies(id);
CREATE INDEX programme_entries_emergency ON programme_entries(emergency_id) WHERE emergency_id IS NOT NULL;

-- Items marked emergency become priority items: approving an item never cuts in (decisions §4).
UPDATE items SET priority = 'priority' WHERE priority = 'emergency';

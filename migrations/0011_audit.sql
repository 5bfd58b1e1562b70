-- One append-only audit log of every change (decisions §12, issue 12 "Security"): who, what, when,
-- before and after. An item's own history (item_events) stays as it is; an item's audit row points
-- to its entry there (item_event_id, no foreign key: `loa demo remove` may delete the history of a
-- demo item that never aired, never its audit rows). Secrets never reach this table: the writer
-- (src/audit/auditLog.ts) leaves passwords and tokens out and shows stream keys and URL passwords
-- as "***".
CREATE TABLE audit (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            INTEGER NOT NULL,   -- epoch ms
  actor_id      TEXT,               -- the user's id; NULL for the command line, the daemon, an unknown login name
  actor_name    TEXT NOT NULL,      -- the username then, or 'cli' / 'system'
  action        TEXT NOT NULL,      -- noun.verb, e.g. 'item.approve', 'zone.put', 'auth.login-failed'
  target_type   TEXT NOT NULL,      -- item, zone, topic, policy, pin, plan, programme, user, token, demo
  target_id     TEXT,
  address       TEXT,               -- the client's address (logins)
  item_event_id INTEGER,            -- the matching entry of item_events, for item changes
  note          TEXT,               -- a reviewer's note, the command line that made the change …
  before        TEXT,               -- JSON: the fields the change touched, as they were (NULL: did not exist)
  after         TEXT                -- JSON: the same fields afterwards (NULL: gone)
);
-- The filters of GET /api/audit, each newest first.
CREATE INDEX audit_at ON audit(at, id);
CREATE INDEX audit_actor_name ON audit(actor_name COLLATE NOCASE, at);
CREATE INDEX audit_actor_id ON audit(actor_id, at) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_action ON audit(action, at);
CREATE INDEX audit_target ON audit(target_type, target_id, at);

-- The zones a change reached beyond its target (a plan's zones, a play-now's zones with every member
-- of their groups, a pin's zone), so `target=zone:ID` finds them too.
CREATE TABLE audit_zones (
  audit_id INTEGER NOT NULL REFERENCES audit(id),
  zone_id  TEXT NOT NULL,
  PRIMARY KEY (zone_id, audit_id)
) WITHOUT ROWID;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_zones_no_update BEFORE UPDATE ON audit_zones
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_zones_no_delete BEFORE DELETE ON audit_zones
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

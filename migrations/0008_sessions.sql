-- Browser sessions of the admin page are tokens too (one table, one revocation path): a session
-- token lives in an httpOnly cookie and expires; an API token (kind 'api') has no expiry unless set.
ALTER TABLE tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'session'));
ALTER TABLE tokens ADD COLUMN expires_at INTEGER;

-- A token may be narrowed to some of its user's permissions (a script that only uploads, a device
-- feed that only reads): `scopes` is a JSON array of permission names; NULL means all of the role's.
ALTER TABLE tokens ADD COLUMN scopes TEXT;

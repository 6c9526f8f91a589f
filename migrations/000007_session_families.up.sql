-- Refresh-token families: a login starts a family; every rotation continues it. Logging out
-- revokes the family, and so does presenting a refresh token that was already rotated, which
-- means it was stolen or replayed (RFC 9700 §4.14.2, refresh token reuse detection).
CREATE SEQUENCE session_families;

ALTER TABLE sessions ADD COLUMN family_id bigint;
UPDATE sessions SET family_id = nextval('session_families');
ALTER TABLE sessions
    ALTER COLUMN family_id SET DEFAULT nextval('session_families'),
    ALTER COLUMN family_id SET NOT NULL;

-- Serves revoking a family at logout or on reuse.
CREATE INDEX sessions_family_id_idx ON sessions (family_id) WHERE revoked_at IS NULL;

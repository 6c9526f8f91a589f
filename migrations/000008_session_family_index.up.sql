-- Admin operations check that the session of an access token is alive (queries/auth.sql,
-- caller_role), which looks at every session of its family, revoked ones included; the
-- partial index only had the live ones. One index on the family serves both.
CREATE INDEX sessions_family_idx ON sessions (family_id) INCLUDE (expires_at, revoked_at);
DROP INDEX sessions_family_id_idx;

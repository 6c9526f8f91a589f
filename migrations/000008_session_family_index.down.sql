CREATE INDEX sessions_family_id_idx ON sessions (family_id) WHERE revoked_at IS NULL;
DROP INDEX sessions_family_idx;

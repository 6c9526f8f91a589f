-- Serves the purge of expired sessions in the housekeeping sweep (queries/users.sql).
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
-- Serves the cap on idempotency keys a user may claim in 24 hours (queries/idempotency.sql).
CREATE INDEX idempotency_keys_user_id_created_at_idx ON idempotency_keys (user_id, created_at);

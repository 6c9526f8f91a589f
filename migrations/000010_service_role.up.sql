-- Least privilege: the service connects as `boxoffice_app`, a role that owns nothing and has
-- only the statements it runs (queries/*.sql). Migrations run as the owner of the schema
-- (MIGRATION_DATABASE_URL). The service role cannot alter the schema, disable triggers (only
-- owners can), truncate anything, or update or delete a ledger entry or transfer.
--
-- Operators create `boxoffice_app` with LOGIN and a password (or make their login role a
-- member of it); if it does not exist yet, it is created here without LOGIN, which needs
-- the CREATEROLE privilege.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'boxoffice_app') THEN
        CREATE ROLE boxoffice_app NOLOGIN;
    END IF;
END;
$$;

GRANT USAGE ON SCHEMA public TO boxoffice_app;

-- Readiness reads the migration history (the runner's table: absent when the migrations are
-- applied by another tool, as cornucopia does to generate code).
DO $$
BEGIN
    IF to_regclass('schema_history') IS NOT NULL THEN
        GRANT SELECT ON schema_history TO boxoffice_app;
    END IF;
END;
$$;

GRANT SELECT, INSERT ON users TO boxoffice_app;
GRANT UPDATE (login_count, last_login_at) ON users TO boxoffice_app;
GRANT SELECT, INSERT, DELETE ON sessions TO boxoffice_app;
GRANT UPDATE (revoked_at) ON sessions TO boxoffice_app;
GRANT USAGE ON SEQUENCE session_families TO boxoffice_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON movies TO boxoffice_app;
GRANT SELECT, INSERT ON theaters TO boxoffice_app;
GRANT SELECT, INSERT ON screenings TO boxoffice_app;
GRANT UPDATE (available_seats) ON screenings TO boxoffice_app;
GRANT SELECT ON movies_rated, screenings_now TO boxoffice_app;

GRANT SELECT, INSERT ON bookings TO boxoffice_app;
GRANT UPDATE (status) ON bookings TO boxoffice_app;

GRANT SELECT ON currencies TO boxoffice_app;
-- Balances move only through entries (accounts_balance_from_entries); UPDATE (balance) is
-- what locking an account FOR NO KEY UPDATE needs, and what the entries trigger runs as.
GRANT SELECT, INSERT ON accounts TO boxoffice_app;
GRANT UPDATE (balance) ON accounts TO boxoffice_app;
-- The ledger is append-only for the service: no UPDATE, DELETE or TRUNCATE.
GRANT SELECT, INSERT ON transfers, entries TO boxoffice_app;
GRANT SELECT, INSERT ON payments TO boxoffice_app;
GRANT UPDATE (status, refund_transfer_id) ON payments TO boxoffice_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO boxoffice_app;

GRANT SELECT, INSERT ON products TO boxoffice_app;
GRANT SELECT, INSERT ON orders TO boxoffice_app;
GRANT UPDATE (status) ON orders TO boxoffice_app;

GRANT SELECT, INSERT, DELETE ON reviews, messages TO boxoffice_app;

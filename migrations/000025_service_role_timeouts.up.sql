-- Timeouts on the database side of every request: a statement that runs longer than 5 s, a
-- lock waited on for more than 2 s (an operator's forgotten BEGIN holding a screening's
-- rows, a migration), and a transaction left idle for more than 30 s (a client that went
-- away mid-transaction) end with an error, which the service answers 503
-- database_unavailable with Retry-After, instead of holding a pooled connection until the
-- pool drains. They are boxoffice_app's defaults on the server (per role, not per database,
-- so that a database copied from a template or restored from a dump keeps them), and apply
-- to sessions that log in as boxoffice_app: a login role that is only a member of it gets
-- none, and the service warns at start (README, "Database timeouts").
--
-- Operators override them for the role (ALTER ROLE boxoffice_app SET lock_timeout = '5s';
-- this migration does not run again) or per connection (DATABASE_URL's
-- options=-c%20statement_timeout%3D10s). Setting another role's defaults needs CREATEROLE;
-- without it the migration warns and leaves them unset rather than fail the upgrade.
--
-- A setting the role already has is left as it is: an operator's value stays, and databases
-- migrated at once on one server (each migration holds its own database's lock, not the
-- server's) do not write the role's settings at the same time once they are there.
DO $$
DECLARE
    given text[] := (
        SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
        WHERE r.rolname = 'boxoffice_app' AND s.setdatabase = 0
    );
    wanted text[] := ARRAY['statement_timeout=5s', 'lock_timeout=2s',
                           'idle_in_transaction_session_timeout=30s'];
    setting text;
BEGIN
    FOREACH setting IN ARRAY wanted LOOP
        IF NOT EXISTS (SELECT 1 FROM unnest(given) AS g
                       WHERE split_part(g, '=', 1) = split_part(setting, '=', 1)) THEN
            EXECUTE format('ALTER ROLE boxoffice_app SET %I = %L',
                           split_part(setting, '=', 1), split_part(setting, '=', 2));
        END IF;
    END LOOP;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'boxoffice_app''s timeouts are not set (needs CREATEROLE): as a superuser, '
        'ALTER ROLE boxoffice_app SET statement_timeout = ''5s''; '
        'ALTER ROLE boxoffice_app SET lock_timeout = ''2s''; '
        'ALTER ROLE boxoffice_app SET idle_in_transaction_session_timeout = ''30s''';
END;
$$;

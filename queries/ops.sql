--: BlockedSession(blocked_query?, waited_seconds?, wanted_mode?, relation?, blocking_query?, blocking_state?, blocking_transaction_seconds?)
--: LockHealth()

--! blocked_sessions : BlockedSession
-- vet: not null: blocked_pid, blocking_pid: every backend has a process id
-- `boxoffice db locks`: every session waiting for a lock, once per session holding it up
-- (pg_blocking_pids), with both queries, how long the waiter has waited, the lock mode it
-- wants and on what. Queries of other roles' sessions read as null unless the caller may
-- see them (pg_read_all_stats).
SELECT waiting.pid AS blocked_pid,
       waiting.query AS blocked_query,
       extract(epoch FROM now() - wanted.waitstart)::float8 AS waited_seconds,
       wanted.mode AS wanted_mode,
       CASE WHEN wanted.relation IS NOT NULL THEN wanted.relation::regclass::text
            ELSE wanted.locktype END AS relation,
       blocker.pid AS blocking_pid,
       blocker.query AS blocking_query,
       blocker.state AS blocking_state,
       extract(epoch FROM now() - blocker.xact_start)::float8 AS blocking_transaction_seconds
FROM pg_stat_activity waiting
CROSS JOIN LATERAL unnest(pg_blocking_pids(waiting.pid)) AS blocking (pid)
JOIN pg_stat_activity blocker ON blocker.pid = blocking.pid
LEFT JOIN pg_locks wanted ON wanted.pid = waiting.pid AND NOT wanted.granted
WHERE waiting.wait_event_type = 'Lock'
ORDER BY waited_seconds DESC NULLS LAST, blocked_pid, blocking_pid;

--! lock_health : LockHealth
-- vet: not null: lock_waits, longest_transaction_seconds: count(*) and coalesce(…, 0)
-- Sampled by the housekeeping sweep for /metrics: how many lock requests wait, and how long
-- the oldest open transaction of this database has been open (0 when none is), in seconds.
SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted) AS lock_waits,
       coalesce((SELECT extract(epoch FROM max(now() - xact_start))
                 FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()), 0)::float8
           AS longest_transaction_seconds;

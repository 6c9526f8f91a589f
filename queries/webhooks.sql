--: Webhook(paused_until?)
--: Delivery(last_attempt_at?, last_status_code?, last_error?, delivered_at?)
--: ClaimedDelivery()
--: RecordedAttempt()

--! insert_webhook : Webhook
INSERT INTO webhooks (url, event_types, secret)
VALUES (:url, :event_types, :secret)
RETURNING id, url, event_types, created_at, consecutive_failures, paused_until;

--! list_webhooks : Webhook
-- A keyset page of the webhooks. `limit` is the page size plus one.
SELECT id, url, event_types, created_at, consecutive_failures, paused_until
FROM webhooks
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! get_webhook : Webhook
SELECT id, url, event_types, created_at, consecutive_failures, paused_until
FROM webhooks WHERE id = :id;

--! delete_webhook
-- Deletes a webhook and its deliveries (ON DELETE CASCADE): nothing more is sent to it.
DELETE FROM webhooks WHERE id = :id;

--! list_deliveries (status?) : Delivery
-- A keyset page of a webhook's deliveries, optionally in one status
-- (webhook_deliveries_webhook_idx). `limit` is the page size plus one.
-- vet: not null: event_id: a cast of a NOT NULL column
SELECT d.id, e.id::text AS event_id, e.type AS event_type, d.status, d.attempts,
       d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at,
       d.created_at
FROM webhook_deliveries d
JOIN events e ON e.position = d.event_position
WHERE d.webhook_id = :webhook_id AND d.id > :after
  AND (:status::webhook_delivery_status IS NULL OR d.status = :status)
ORDER BY d.id
LIMIT :limit;

--! retry_dead_delivery : Delivery
-- Makes a dead delivery pending and due now, with a fresh retry window. No row when the
-- delivery is not this webhook's or not dead.
-- vet: not null: event_id: a cast of a NOT NULL column
UPDATE webhook_deliveries d
SET status = 'pending', next_attempt_at = now(), retry_from = now()
FROM events e
WHERE d.id = :delivery_id AND d.webhook_id = :webhook_id AND d.status = 'dead'
  AND e.position = d.event_position
RETURNING d.id, e.id::text AS event_id, e.type AS event_type, d.status, d.attempts,
          d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error,
          d.delivered_at, d.created_at;

--! delivery_status
-- The status of one of a webhook's deliveries (why a retry was refused).
SELECT status FROM webhook_deliveries WHERE id = :delivery_id AND webhook_id = :webhook_id;

--! claim_deliveries : ClaimedDelivery
-- Claims up to `limit` due deliveries for one attempt each, at most `per_webhook` leased at
-- once per webhook and none of a paused webhook's, taking each webhook's soonest first and
-- the webhooks in turn (one dead receiver holds at most `per_webhook` places). Counts the
-- attempt and leases it for `lease_seconds` (`next_attempt_at` moves as far ahead, so no
-- other worker claims it while this one sends; SKIP LOCKED: workers of other replicas take
-- other rows instead of waiting); a delivery whose worker dies is claimed again when the
-- lease lapses. Reads each webhook's deliveries by webhook_deliveries_webhook_due_idx.
-- vet: not null: event_id: a cast of a NOT NULL column
WITH candidates AS (
    SELECT d.id, d.nth, d.next_attempt_at
    FROM webhooks w
    CROSS JOIN LATERAL (
        SELECT count(*) AS leased
        FROM webhook_deliveries x
        WHERE x.webhook_id = w.id AND x.status = 'pending' AND x.next_attempt_at > now()
          AND x.leased_until > now()
    ) busy
    CROSS JOIN LATERAL (
        SELECT x.id, x.next_attempt_at,
               row_number() OVER (ORDER BY x.next_attempt_at, x.id) AS nth
        FROM webhook_deliveries x
        WHERE x.webhook_id = w.id AND x.status = 'pending' AND x.next_attempt_at <= now()
        ORDER BY x.next_attempt_at, x.id
        LIMIT greatest(:per_webhook - busy.leased, 0)
    ) d
    WHERE w.paused_until IS NULL OR w.paused_until <= now()
), due AS (
    SELECT x.id
    FROM webhook_deliveries x
    JOIN candidates c ON c.id = x.id
    WHERE x.status = 'pending' AND x.next_attempt_at <= now()
    ORDER BY c.nth, c.next_attempt_at
    LIMIT :limit
    FOR UPDATE OF x SKIP LOCKED
)
UPDATE webhook_deliveries d
SET attempts = d.attempts + 1,
    next_attempt_at = now() + make_interval(secs => :lease_seconds),
    leased_until = now() + make_interval(secs => :lease_seconds)
FROM due, webhooks w, events e
WHERE d.id = due.id AND w.id = d.webhook_id AND e.position = d.event_position
RETURNING d.id, d.webhook_id, d.attempts, w.url, w.secret, e.id::text AS event_id,
          e.type AS event_type, e.created_at AS event_created_at, e.payload;

--! record_attempt (status_code?, error?) : RecordedAttempt
-- Records the outcome of attempt `attempt` of a delivery: delivered; or pending again after
-- `retry_delay_seconds`; or dead when that retry would fall after `retry_window_seconds`
-- from `retry_from`. Ends its lease. Does nothing when the delivery has been claimed again
-- since (its lease lapsed) or deleted. Then the webhook's circuit breaker: a delivery closes
-- it (no failures, no pause); a failure counts, and from the `failures_before_pause`-th in a
-- row pauses the webhook for `pause_seconds`. A webhook without failures is not written on a
-- delivery. Returns the new status and whether this attempt paused the webhook.
-- vet: not null: paused: a coalesce(…, false)
WITH attempt AS (
    UPDATE webhook_deliveries
    SET status = CASE
            WHEN :delivered THEN 'delivered'
            WHEN now() + make_interval(secs => :retry_delay_seconds)
                 > retry_from + make_interval(secs => :retry_window_seconds) THEN 'dead'
            ELSE 'pending'
        END::webhook_delivery_status,
        next_attempt_at = now() + make_interval(secs => :retry_delay_seconds),
        leased_until = NULL,
        delivered_at = CASE WHEN :delivered THEN now() END,
        last_attempt_at = now(),
        last_status_code = :status_code,
        last_error = :error
    WHERE id = :id AND attempts = :attempt AND status = 'pending'
    RETURNING webhook_id, status
), breaker AS (
    UPDATE webhooks w
    SET consecutive_failures = CASE WHEN :delivered THEN 0 ELSE w.consecutive_failures + 1 END,
        paused_until = CASE
            WHEN :delivered THEN NULL
            WHEN w.consecutive_failures + 1 >= :failures_before_pause
                THEN now() + make_interval(secs => :pause_seconds)
            ELSE w.paused_until
        END
    FROM attempt a
    WHERE w.id = a.webhook_id
      AND (NOT :delivered OR w.consecutive_failures > 0 OR w.paused_until IS NOT NULL)
    RETURNING NOT :delivered AND w.consecutive_failures >= :failures_before_pause AS paused
)
SELECT a.status, coalesce((SELECT paused FROM breaker), false) AS paused
FROM attempt a;

--! oldest_pending_delivery
-- Seconds since the oldest event still waiting for a delivery was written; 0 when none
-- waits.
-- vet: not null: age: COALESCE with a constant
SELECT COALESCE(extract(epoch FROM now() - min(e.created_at))::float8, 0) AS age
FROM webhook_deliveries d
JOIN events e ON e.position = d.event_position
WHERE d.status = 'pending';

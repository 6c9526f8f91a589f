--: Webhook()
--: Delivery(last_attempt_at?, last_status_code?, last_error?, delivered_at?)
--: ClaimedDelivery()

--! insert_webhook : Webhook
INSERT INTO webhooks (url, event_types, secret)
VALUES (:url, :event_types, :secret)
RETURNING id, url, event_types, created_at;

--! list_webhooks : Webhook
-- A keyset page of the webhooks. `limit` is the page size plus one.
SELECT id, url, event_types, created_at
FROM webhooks
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! get_webhook : Webhook
SELECT id, url, event_types, created_at FROM webhooks WHERE id = :id;

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
-- Claims up to `limit` due deliveries for one attempt each: counts the attempt and moves
-- `next_attempt_at` a lease of `lease_seconds` ahead, so no other worker claims them while
-- this one sends (SKIP LOCKED: workers of other replicas take other rows instead of
-- waiting), and a delivery whose worker dies is claimed again when the lease lapses.
-- vet: not null: event_id: a cast of a NOT NULL column
WITH due AS (
    SELECT id
    FROM webhook_deliveries
    WHERE status = 'pending' AND next_attempt_at <= now()
    ORDER BY next_attempt_at
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE webhook_deliveries d
SET attempts = d.attempts + 1,
    next_attempt_at = now() + make_interval(secs => :lease_seconds)
FROM due, webhooks w, events e
WHERE d.id = due.id AND w.id = d.webhook_id AND e.position = d.event_position
RETURNING d.id, d.attempts, w.url, w.secret, e.id::text AS event_id, e.type AS event_type,
          e.created_at AS event_created_at, e.payload;

--! record_attempt (status_code?, error?)
-- Records the outcome of attempt `attempt` of a delivery: delivered; or pending again after
-- `retry_delay_seconds`; or dead when that retry would fall after `retry_window_seconds`
-- from `retry_from`. Does nothing when the delivery has been claimed again since (its lease
-- lapsed) or deleted. Returns the new status.
UPDATE webhook_deliveries
SET status = CASE
        WHEN :delivered THEN 'delivered'
        WHEN now() + make_interval(secs => :retry_delay_seconds)
             > retry_from + make_interval(secs => :retry_window_seconds) THEN 'dead'
        ELSE 'pending'
    END::webhook_delivery_status,
    next_attempt_at = now() + make_interval(secs => :retry_delay_seconds),
    delivered_at = CASE WHEN :delivered THEN now() END,
    last_attempt_at = now(),
    last_status_code = :status_code,
    last_error = :error
WHERE id = :id AND attempts = :attempt AND status = 'pending'
RETURNING status;

--! oldest_pending_delivery
-- Seconds since the oldest event still waiting for a delivery was written; 0 when none
-- waits.
-- vet: not null: age: COALESCE with a constant
SELECT COALESCE(extract(epoch FROM now() - min(e.created_at))::float8, 0) AS age
FROM webhook_deliveries d
JOIN events e ON e.position = d.event_position
WHERE d.status = 'pending';

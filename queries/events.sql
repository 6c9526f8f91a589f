--: FeedEvent()

--! event_feed : FeedEvent
-- A keyset page of the outbox after (`after_txid`, `after_position`), oldest first
-- (events_feed_idx). Only events of transactions older than every transaction still running
-- are shown, so that a page never skips an event that commits later; a long transaction holds
-- the feed back until it ends. `limit` is the page size plus one.
-- vet: not null: txid, id: casts of NOT NULL columns
SELECT txid::text::bigint AS txid, position, id::text AS id, aggregatetype, aggregateid, type,
       payload, created_at
FROM events
WHERE (txid, position) > (:after_txid::bigint::text::xid8, :after_position::bigint)
  AND txid < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY txid, position
LIMIT :limit;

--! purge_finished_deliveries
-- Deletes up to `batch` webhook deliveries that ended (delivered or dead) more than
-- `retention_days` after they began, oldest first (webhook_deliveries_pkey). Returns how
-- many.
DELETE FROM webhook_deliveries
WHERE id = ANY (ARRAY(
    SELECT id FROM webhook_deliveries
    WHERE status <> 'pending' AND created_at < now() - make_interval(days => :retention_days)
    ORDER BY id
    LIMIT :batch
));

--! purge_events
-- Deletes up to `batch` events older than `retention_days` that no webhook delivery refers
-- to any more, oldest first (events_pkey, webhook_deliveries_event_position_idx): a consumer
-- of the feed that far behind misses them. Returns how many.
-- (`= ANY (ARRAY(…))`: the batch is found first, then deleted by primary key, rather than
-- joined with the whole table.)
DELETE FROM events
WHERE position = ANY (ARRAY(
    SELECT e.position FROM events e
    WHERE e.created_at < now() - make_interval(days => :retention_days)
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_position = e.position)
    ORDER BY e.position
    LIMIT :batch
));

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

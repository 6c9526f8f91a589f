-- One dead receiver no longer delays every webhook. Deliveries were claimed first in, first
-- out with no limit per webhook: a receiver that drops packets held a worker's place for the
-- whole timeout on each attempt, and healthy receivers waited behind it.
--
-- - A delivery being sent is leased (`leased_until`); the claim takes at most so many
--   leased deliveries per webhook, round robin across webhooks.
-- - A webhook counts its consecutive failed attempts; after so many it is paused
--   (`paused_until`: a circuit breaker) and nothing is claimed for it until then; the first
--   attempt after the pause closes it again on success, or pauses it anew.
ALTER TABLE webhooks
    ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0,
    ADD COLUMN paused_until timestamptz;
ALTER TABLE webhook_deliveries ADD COLUMN leased_until timestamptz;

-- The claim: each webhook's due pending deliveries, soonest first, and how many it has
-- leased.
CREATE INDEX webhook_deliveries_webhook_due_idx ON webhook_deliveries (webhook_id, next_attempt_at)
    WHERE status = 'pending';

GRANT UPDATE (consecutive_failures, paused_until) ON webhooks TO boxoffice_app;
GRANT UPDATE (leased_until) ON webhook_deliveries TO boxoffice_app;

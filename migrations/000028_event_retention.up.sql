-- Events, their finished webhook deliveries and the provider events already applied are no
-- longer kept for ever: the sweep deletes them after EVENT_RETENTION_DAYS (the outbox and its
-- deliveries) and 30 days (provider events; Stripe retries an event for three days at most).
-- An event some webhook still waits for is kept until its delivery ends.

-- Whether an event is still waited for, by its position.
CREATE INDEX webhook_deliveries_event_position_idx ON webhook_deliveries (event_position);
-- The oldest provider events first.
CREATE INDEX provider_events_received_at_idx ON provider_events (received_at);

GRANT DELETE ON events, webhook_deliveries, provider_events TO boxoffice_app;

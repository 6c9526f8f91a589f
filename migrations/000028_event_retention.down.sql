REVOKE DELETE ON events, webhook_deliveries, provider_events FROM boxoffice_app;
DROP INDEX provider_events_received_at_idx;
DROP INDEX webhook_deliveries_event_position_idx;

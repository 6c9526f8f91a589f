DROP INDEX webhook_deliveries_webhook_due_idx;
ALTER TABLE webhook_deliveries DROP COLUMN leased_until;
ALTER TABLE webhooks DROP COLUMN paused_until, DROP COLUMN consecutive_failures;

-- loses: webhooks, webhook_deliveries
DROP TRIGGER events_fan_out ON events;
DROP FUNCTION fan_out_event();
DROP TABLE webhook_deliveries;
DROP TYPE webhook_delivery_status;
DROP TABLE webhooks;

-- loses: events
DROP TRIGGER tickets_checked_in ON tickets;
DROP TRIGGER orders_status_changed ON orders;
DROP TRIGGER orders_created ON orders;
DROP TRIGGER payment_refunds_made ON payment_refunds;
DROP TRIGGER payments_completed ON payments;
DROP TRIGGER bookings_status_changed ON bookings;
DROP TRIGGER bookings_created ON bookings;
DROP FUNCTION ticket_event();
DROP FUNCTION order_event();
DROP FUNCTION payment_refund_event();
DROP FUNCTION payment_event();
DROP FUNCTION booking_event();
DROP FUNCTION emit_event(text, bigint, text, jsonb);
DROP TABLE events;

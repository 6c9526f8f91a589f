DROP TRIGGER tickets_voided ON tickets;
DROP FUNCTION ticket_voided_event();
DROP TRIGGER booking_items_released ON booking_items;
DROP FUNCTION booking_items_released_event();

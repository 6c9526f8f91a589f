-- Every ticket change reaches the door: a partial cancellation writes booking.seats_released
-- (which seats, what they cost, what was refunded), and a ticket made void writes
-- ticket.voided, in the transaction that makes the change. Booking events fired only on a
-- status change, and nothing on tickets.voided_at, so a door system following the events
-- could not learn that a ticket had stopped being valid.

-- booking.seats_released: once per booking and statement, for the items the statement gave
-- back (their released_at set), with the booking as it now is.
CREATE FUNCTION booking_items_released_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('booking', r.booking_id, 'booking.seats_released',
        jsonb_build_object('id', r.booking_id, 'seat_labels', r.labels,
                           'released_amount', r.amount,
                           'refunded_amount',
                               CASE WHEN b.status = 'confirmed' THEN r.amount ELSE 0 END,
                           'seats', b.seats, 'amount', b.amount, 'currency', b.currency,
                           'status', b.status))
    FROM (
        SELECT n.booking_id, array_agg(n.seat_label ORDER BY n.row_index, n.number) AS labels,
               sum(n.amount) AS amount
        FROM after_update n
        JOIN before_update o USING (booking_id, row_index, number)
        WHERE o.released_at IS NULL AND n.released_at IS NOT NULL
        GROUP BY n.booking_id
    ) r
    JOIN bookings b ON b.id = r.booking_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER booking_items_released AFTER UPDATE ON booking_items
    REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
    FOR EACH STATEMENT EXECUTE FUNCTION booking_items_released_event();

-- ticket.voided: a ticket that stopped being valid (its seat given back, its booking
-- cancelled).
CREATE FUNCTION ticket_voided_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('ticket', NEW.id, 'ticket.voided',
        jsonb_build_object('id', NEW.id, 'booking_id', NEW.booking_id,
                           'screening_id', NEW.screening_id, 'seat_label', NEW.seat_label,
                           'voided_at', NEW.voided_at));
    RETURN NULL;
END;
$$;
CREATE TRIGGER tickets_voided AFTER UPDATE OF voided_at ON tickets
    FOR EACH ROW WHEN (OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL)
    EXECUTE FUNCTION ticket_voided_event();

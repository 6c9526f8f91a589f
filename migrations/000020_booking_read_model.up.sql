-- The booking's life in one place each: how the API reads a booking (a view, as screenings
-- have one), and how a booking gives its seats back (triggers, so that every statement that
-- cancels or expires a booking, or releases some of its seats, frees exactly those seats and
-- no code path can forget to).

-- A booking as the API shows it: a pending booking whose hold has lapsed reads as expired
-- before the sweep marks it, and its seats and items are those not given back, in seat order
-- (booking_items_pkey). list_bookings and get_booking select from it.
CREATE VIEW bookings_as_read AS
SELECT b.id, b.user_id, b.screening_id, b.seats, b.amount, b.currency,
       CASE WHEN b.status = 'pending' AND b.expires_at <= now() THEN 'expired'
            ELSE b.status END AS status,
       b.expires_at, b.created_at,
       coalesce(i.labels, '{}') AS seat_labels,
       coalesce(i.categories, '{}') AS item_categories,
       coalesce(i.ticket_types, '{}') AS item_ticket_types,
       coalesce(i.amounts, '{}') AS item_amounts
FROM bookings b
CROSS JOIN LATERAL (
    SELECT array_agg(seat_label ORDER BY row_index, number) AS labels,
           array_agg(category ORDER BY row_index, number) AS categories,
           array_agg(ticket_type ORDER BY row_index, number) AS ticket_types,
           array_agg(amount ORDER BY row_index, number) AS amounts
    FROM booking_items WHERE booking_id = b.id AND released_at IS NULL
) i;

-- A booking that is cancelled or expires gives back the seats it still holds
-- (screening_seats_booking_id_idx). A seat another booking took after this one's hold lapsed
-- is that booking's, and is not touched.
CREATE FUNCTION booking_releases_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_seats SET booking_id = NULL, held_until = NULL
    WHERE booking_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_release_seats AFTER UPDATE OF status ON bookings
    FOR EACH ROW WHEN (NEW.status IN ('cancelled', 'expired')
                       AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION booking_releases_seats();

-- A booking item given back (a partial cancellation) gives back its seat, if the booking
-- still holds it (screening_seats_pkey).
CREATE FUNCTION booking_item_releases_seat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_seats SET booking_id = NULL, held_until = NULL
    WHERE screening_id = NEW.screening_id AND row_index = NEW.row_index
      AND number = NEW.number AND booking_id = NEW.booking_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER booking_items_release_seat AFTER UPDATE OF released_at ON booking_items
    FOR EACH ROW WHEN (OLD.released_at IS NULL AND NEW.released_at IS NOT NULL)
    EXECUTE FUNCTION booking_item_releases_seat();

-- A screening's pending bookings by when their holds end: the ones that lapsed, for a booking
-- that found no seats before the sweep came by (expire_lapsed_holds).
CREATE INDEX bookings_pending_screening_idx ON bookings (screening_id, expires_at)
    WHERE status = 'pending';

GRANT SELECT ON bookings_as_read TO boxoffice_app;

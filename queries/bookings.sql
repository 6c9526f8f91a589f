--: Booking()
--: BookableScreening(child_price?, senior_price?, student_price?)
--: LockedBooking()
--: ReleasedSeats()

--! bookable_screening : BookableScreening
-- What booking a screening needs to know before it takes seats: whether it has started, its
-- prices by ticket type, the surcharge of premium seats, and its currency (primary key).
-- vet: not null: started: a comparison of a NOT NULL column with now()
SELECT id, starts_at <= now() AS started, price, child_price, senior_price, student_price,
       premium_surcharge, currency
FROM screenings
WHERE id = :screening_id;

--! sweep_expired_holds
-- The periodic sweep: expires up to `batch` pending bookings whose hold has lapsed and gives
-- their seats back (bookings_pending_expires_at_idx, screening_seats_booking_id_idx).
-- Bookings another transaction holds are skipped, so several replicas sweep at once; a lapsed
-- seat already taken by a newer booking is not touched. Affects the bookings expired.
WITH expired AS (
    UPDATE bookings
    SET status = 'expired'
    WHERE id = ANY(ARRAY(
        SELECT id FROM bookings
        WHERE status = 'pending' AND expires_at <= now()
        ORDER BY expires_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED))
    RETURNING id
), released AS (
    UPDATE screening_seats x
    SET booking_id = NULL, held_until = NULL
    FROM expired e
    WHERE x.booking_id = e.id
)
SELECT id FROM expired;

--! list_bookings : Booking
-- A keyset page of the user's bookings (bookings_user_id_idx), each with its seats and items
-- in seat order (booking_items_pkey), less those a partial cancellation gave back. A lapsed hold reads as expired even before the sweep
-- marks it. `limit` is the page size plus one.
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- vet: not null: seat_labels, item_categories, item_ticket_types, item_amounts: coalesce(…, '{}')
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
) i
WHERE b.user_id = :user_id AND b.id > :after
ORDER BY b.id
LIMIT :limit;

--! get_booking : Booking
-- One booking of the user's, as list_bookings shows it; another user's booking is no row.
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- vet: not null: seat_labels, item_categories, item_ticket_types, item_amounts: coalesce(…, '{}')
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
) i
WHERE b.id = :id AND b.user_id = :user_id;

--! cancel_booking
-- Cancels a pending booking whose hold is still running, and gives its seats back, in one
-- statement. Affects no row when the booking is not pending or its hold has lapsed.
WITH cancelled AS (
    UPDATE bookings
    SET status = 'cancelled'
    WHERE id = :id AND status = 'pending' AND expires_at > now()
    RETURNING id
), released AS (
    UPDATE screening_seats x
    SET booking_id = NULL, held_until = NULL
    FROM cancelled c
    WHERE x.booking_id = c.id
)
SELECT id FROM cancelled;

--! lock_booking : LockedBooking
-- Locks one of the user's bookings for a payment or a cancellation (primary key). `holding`
-- tells whether a pending booking's hold is still running.
-- vet: not null: holding, upcoming: comparisons of NOT NULL columns with now()
SELECT b.id, b.screening_id, b.seats, b.amount, b.currency, b.status,
       b.expires_at > now() AS holding, s.starts_at > now() AS upcoming
FROM bookings b JOIN screenings s ON s.id = b.screening_id
WHERE b.id = :id AND b.user_id = :user_id
FOR NO KEY UPDATE OF b;

--! confirm_booking
-- Marks a paid booking confirmed, if it is still pending and holding its seats.
UPDATE bookings
SET status = 'confirmed'
WHERE id = :id AND status = 'pending' AND expires_at > now();

--! release_booking_seats : ReleasedSeats
-- A partial cancellation: gives back the seats of the booking whose labels are in
-- `seat_labels` and that it still has, marks their items released, and takes them off the
-- booking's seats and amount, and voids their tickets, in one statement (booking_items_pkey,
-- screening_seats_booking_id_idx, tickets_booking_id_row_index_number_key). Returns how many
-- seats were released and their amount. A ticket already checked in fails it with
-- tickets_admitted_not_void.
-- vet: not null: seats, amount: a count, and a coalesce(…, 0)
WITH items AS (
    UPDATE booking_items
    SET released_at = now()
    WHERE booking_id = :booking_id AND released_at IS NULL AND seat_label = ANY(:seat_labels)
    RETURNING screening_id, row_index, number, amount
), seats AS (
    UPDATE screening_seats x
    SET booking_id = NULL, held_until = NULL
    FROM items i
    WHERE x.screening_id = i.screening_id AND x.row_index = i.row_index
      AND x.number = i.number AND x.booking_id = :booking_id
), released AS (
    SELECT count(*)::int AS seats, coalesce(sum(amount), 0)::bigint AS amount FROM items
), booking AS (
    UPDATE bookings b
    SET seats = b.seats - r.seats, amount = b.amount - r.amount
    FROM released r
    WHERE b.id = :booking_id
), voided AS (
    -- A paid booking's tickets of those seats become void; one already admitted fails the
    -- statement (tickets_admitted_not_void), so nothing is given back.
    UPDATE tickets t
    SET voided_at = now()
    FROM items i
    WHERE t.booking_id = :booking_id AND t.row_index = i.row_index AND t.number = i.number
)
SELECT seats, amount FROM released;

--! cancel_confirmed_booking
-- Cancels a confirmed booking whose payment was refunded, gives its seats back and voids its
-- tickets (screening_seats_booking_id_idx, tickets_booking_id_row_index_number_key). A ticket
-- already checked in fails it with tickets_admitted_not_void.
WITH cancelled AS (
    UPDATE bookings
    SET status = 'cancelled'
    WHERE id = :id AND status = 'confirmed'
    RETURNING id
), voided AS (
    UPDATE tickets t
    SET voided_at = now()
    FROM cancelled c
    WHERE t.booking_id = c.id AND t.voided_at IS NULL
)
UPDATE screening_seats x
SET booking_id = NULL, held_until = NULL
FROM cancelled c
WHERE x.booking_id = c.id;

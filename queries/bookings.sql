--: Booking()
--: BookableScreening(child_price?, senior_price?, student_price?)
--: LockedBooking()
--: ReleasedSeats()
--: CustomerHolds()
--: SweptBooking()

--! bookable_screening : BookableScreening
-- What booking a screening needs to know before it takes seats: whether it has started, its
-- prices by ticket type, the surcharge of premium seats, and its currency (screenings_pkey);
-- and the role of the customer booking, whose row it locks (users_pkey) so that one
-- customer's bookings take seats one at a time: admins and staff selling at the counter are
-- not capped, and customer_holds then counts what a customer holds in a snapshot taken
-- after the lock, so concurrent requests of one customer cannot both pass the caps. No row
-- when the screening does not exist.
-- vet: not null: started: a comparison of a NOT NULL column with now()
SELECT s.id, s.starts_at <= now() AS started, s.price, s.child_price, s.senior_price,
       s.student_price, s.premium_surcharge, s.currency, u.role
FROM screenings s, users u
WHERE s.id = :screening_id AND u.id = :user_id
FOR NO KEY UPDATE OF u;

--! sweep_expired_holds : SweptBooking
-- The periodic sweep: locks up to `batch` pending bookings whose hold has lapsed
-- (bookings_pending_expires_at_idx) and expires them (expire_bookings, which locks their rows
-- first; bookings_release_seats gives their seats back). Bookings another transaction holds
-- are skipped, so several replicas sweep at once. Returns the bookings expired, with their
-- screenings, whose waiting lists the freed seats go to next.
-- vet: not null: id: the ids expire_bookings returns
WITH lapsed AS (
    SELECT id, screening_id FROM bookings
    WHERE status = 'pending' AND expires_at <= now()
    ORDER BY expires_at
    LIMIT :batch
    FOR UPDATE SKIP LOCKED
)
SELECT e.id, l.screening_id
FROM expire_bookings(ARRAY(SELECT id FROM lapsed)) AS e (id)
JOIN lapsed l ON l.id = e.id;

--! expire_lapsed_holds
-- Expires the pending bookings of one screening whose holds have lapsed, before the sweep
-- gets to them, so that their seats can be chosen again (bookings_pending_screening_idx,
-- expire_bookings). A booking another transaction holds (a sweep expiring it, a payment that
-- began before its hold ended) is waited for, so that the next look at the seats sees what
-- it decided; the caller holds no row of seats meanwhile.
-- vet: not null: id: the ids expire_bookings returns
SELECT id FROM expire_bookings(ARRAY(
    SELECT id FROM bookings
    WHERE screening_id = :screening_id AND status = 'pending' AND expires_at <= now()
    ORDER BY id
    FOR UPDATE)) AS id;

--! customer_holds : CustomerHolds
-- The seats a customer's pending bookings hold now, of one screening and in all
-- (bookings_pending_user_idx). Run after bookable_screening has locked the customer.
-- vet: not null: here, total: coalesce(sum(…), 0)
SELECT coalesce(sum(seats) FILTER (WHERE screening_id = :screening_id), 0)::int AS here,
       coalesce(sum(seats), 0)::int AS total
FROM bookings
WHERE user_id = :user_id AND status = 'pending' AND expires_at > now();

--! list_bookings : Booking
-- A keyset page of the user's bookings as the API reads them (bookings_as_read, over
-- bookings_user_id_idx). `limit` is the page size plus one.
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- vet: not null: id, user_id, screening_id, seats, amount, currency, expires_at, created_at: bookings' NOT NULL columns through the view
-- vet: not null: seat_labels, item_categories, item_ticket_types, item_amounts, item_discounts: coalesce(…, '{}')
SELECT id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at,
       seat_labels, item_categories, item_ticket_types, item_amounts, item_discounts
FROM bookings_as_read
WHERE user_id = :user_id AND id > :after
ORDER BY id
LIMIT :limit;

--! get_booking : Booking
-- One booking of the user's, as list_bookings shows it; another user's booking is no row.
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- vet: not null: id, user_id, screening_id, seats, amount, currency, expires_at, created_at: bookings' NOT NULL columns through the view
-- vet: not null: seat_labels, item_categories, item_ticket_types, item_amounts, item_discounts: coalesce(…, '{}')
SELECT id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at,
       seat_labels, item_categories, item_ticket_types, item_amounts, item_discounts
FROM bookings_as_read
WHERE id = :id AND user_id = :user_id;

--! cancel_booking
-- Cancels a pending booking whose hold is still running; bookings_release_seats gives its
-- seats back. No row when the booking is not pending or its hold has lapsed.
UPDATE bookings
SET status = 'cancelled'
WHERE id = :id AND status = 'pending' AND expires_at > now()
RETURNING id;

--! lock_booking : LockedBooking
-- Locks one of the user's bookings for a payment or a cancellation (primary key). `holding`
-- tells whether a pending booking's hold is still running, `has_voucher` whether it was made
-- with a voucher.
-- vet: not null: holding, upcoming, has_voucher: comparisons of NOT NULL columns with now(), IS NOT NULL
SELECT b.id, b.screening_id, b.seats, b.amount, b.currency, b.status,
       b.expires_at > now() AS holding, s.starts_at > now() AS upcoming,
       b.voucher_id IS NOT NULL AS has_voucher
FROM bookings b JOIN screenings s ON s.id = b.screening_id
WHERE b.id = :id AND b.user_id = :user_id
FOR NO KEY UPDATE OF b;

--! lock_booking_by_id : LockedBooking
-- Locks a booking whoever's it is, as lock_booking does: for what the payment provider says
-- of it (primary key).
-- vet: not null: holding, upcoming, has_voucher: comparisons of NOT NULL columns with now(), IS NOT NULL
SELECT b.id, b.screening_id, b.seats, b.amount, b.currency, b.status,
       b.expires_at > now() AS holding, s.starts_at > now() AS upcoming,
       b.voucher_id IS NOT NULL AS has_voucher
FROM bookings b JOIN screenings s ON s.id = b.screening_id
WHERE b.id = :id
FOR NO KEY UPDATE OF b;

--! confirm_booking
-- Marks a paid booking confirmed, if it is still pending and holding its seats.
UPDATE bookings
SET status = 'confirmed'
WHERE id = :id AND status = 'pending' AND expires_at > now();

--! release_booking_seats : ReleasedSeats
-- A partial cancellation: marks released the items of the booking whose labels are in
-- `seat_labels` and that it still has (booking_items_release_seat gives their seats back),
-- takes them off the booking's seats and amount, and voids their tickets, in one statement
-- (booking_items_pkey, tickets_booking_id_row_index_number_key). Returns how many seats were
-- released and what was paid for them (their amounts less discounts). A ticket already checked in fails it with
-- tickets_admitted_not_void.
-- vet: not null: seats, amount: a count, and a coalesce(…, 0)
WITH items AS (
    UPDATE booking_items
    SET released_at = now()
    WHERE booking_id = :booking_id AND released_at IS NULL AND seat_label = ANY(:seat_labels)
    RETURNING screening_id, row_index, number, amount - discount AS paid
), released AS (
    SELECT count(*)::int AS seats, coalesce(sum(paid), 0)::bigint AS amount FROM items
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
-- Cancels a confirmed booking whose payment was refunded (bookings_release_seats gives its
-- seats back) and voids its tickets (tickets_booking_id_row_index_number_key). A ticket
-- already checked in fails it with tickets_admitted_not_void.
WITH cancelled AS (
    UPDATE bookings
    SET status = 'cancelled'
    WHERE id = :id AND status = 'confirmed'
    RETURNING id
)
UPDATE tickets t
SET voided_at = now()
FROM cancelled c
WHERE t.booking_id = c.id AND t.voided_at IS NULL;

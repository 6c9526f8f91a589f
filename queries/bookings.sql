--: Booking()
--: ScreeningSeats()
--: LockedBooking()

--! book_seats : Booking
-- Holds `seats` of a screening that has not started: the seats are taken by one conditional
-- UPDATE (so concurrent bookings never oversell) and the booking is inserted in the same
-- statement. The hold ends after `hold_seconds`, or when the screening starts if that is
-- sooner: a booking cannot be paid for a screening under way. No row when the screening is
-- missing, started, or has too few seats.
WITH taken AS (
    UPDATE screenings
    SET available_seats = available_seats - :seats
    WHERE id = :screening_id AND available_seats >= :seats AND starts_at > now()
    RETURNING id, price, currency, starts_at
)
INSERT INTO bookings (user_id, screening_id, seats, amount, currency, expires_at)
SELECT :user_id, id, :seats, price * :seats, currency,
       least(now() + make_interval(secs => :hold_seconds), starts_at)
FROM taken
RETURNING id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at;

--! screening_seats : ScreeningSeats
-- Why a booking failed: the screening's start and its seats left.
SELECT starts_at, available_seats
FROM screenings
WHERE id = :screening_id;

--! reclaim_expired_holds
-- Returns the seats of one screening's expired pending bookings, marking them expired, in one
-- statement (bookings_screening_id_idx). Affects one row when it freed seats.
WITH expired AS (
    UPDATE bookings
    SET status = 'expired'
    WHERE screening_id = :screening_id AND status = 'pending' AND expires_at <= now()
    RETURNING seats
)
UPDATE screenings
SET available_seats = available_seats + (SELECT sum(seats) FROM expired)
WHERE id = :screening_id AND EXISTS (SELECT 1 FROM expired);

--! sweep_expired_holds
-- The periodic sweep: expires up to `batch` pending bookings whose hold has lapsed and returns
-- their seats (bookings_pending_expires_at_idx). Bookings another transaction holds are
-- skipped, and screenings are locked in id order, so concurrent sweeps never deadlock.
-- Returns the number of screenings that got seats back.
WITH expired AS (
    UPDATE bookings
    SET status = 'expired'
    WHERE id IN (
        SELECT id FROM bookings
        WHERE status = 'pending' AND expires_at <= now()
        ORDER BY expires_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED
    )
    RETURNING screening_id, seats
), freed AS (
    SELECT screening_id, sum(seats)::int AS seats FROM expired GROUP BY screening_id
), locked AS MATERIALIZED (
    SELECT s.id FROM screenings s
    WHERE s.id IN (SELECT screening_id FROM freed)
    ORDER BY s.id
    FOR NO KEY UPDATE
)
UPDATE screenings s
SET available_seats = s.available_seats + freed.seats
FROM freed JOIN locked ON locked.id = freed.screening_id
WHERE s.id = freed.screening_id;

--! list_bookings : Booking
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- A keyset page of the user's bookings (bookings_user_id_idx). A lapsed hold reads as expired
-- even before the sweep marks it. `limit` is the page size plus one.
SELECT id, user_id, screening_id, seats, amount, currency,
       CASE WHEN status = 'pending' AND expires_at <= now() THEN 'expired' ELSE status END AS status,
       expires_at, created_at
FROM bookings
WHERE user_id = :user_id AND id > :after
ORDER BY id
LIMIT :limit;

--! get_booking : Booking
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- One booking of the user; another user's booking is no row.
SELECT id, user_id, screening_id, seats, amount, currency,
       CASE WHEN status = 'pending' AND expires_at <= now() THEN 'expired' ELSE status END AS status,
       expires_at, created_at
FROM bookings
WHERE id = :id AND user_id = :user_id;

--! cancel_booking : Booking
-- Cancels the user's pending, unexpired booking and returns its seats, in one statement.
-- No row when the booking is not the user's or is not pending.
WITH cancelled AS (
    UPDATE bookings
    SET status = 'cancelled'
    WHERE id = :id AND user_id = :user_id AND status = 'pending' AND expires_at > now()
    RETURNING id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at
), released AS (
    UPDATE screenings s
    SET available_seats = s.available_seats + cancelled.seats
    FROM cancelled
    WHERE s.id = cancelled.screening_id
)
SELECT id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at
FROM cancelled;

--! lock_booking : LockedBooking
-- vet: not null: holding, upcoming: comparisons of NOT NULL columns with now()
-- Locks one of the user's bookings for a payment or a cancellation (primary key). `holding`
-- tells whether a pending booking's hold is still running.
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

--! cancel_confirmed_booking
-- Cancels a confirmed booking whose payment was refunded, and returns its seats.
WITH cancelled AS (
    UPDATE bookings
    SET status = 'cancelled'
    WHERE id = :id AND status = 'confirmed'
    RETURNING screening_id, seats
)
UPDATE screenings s
SET available_seats = s.available_seats + cancelled.seats
FROM cancelled
WHERE s.id = cancelled.screening_id;

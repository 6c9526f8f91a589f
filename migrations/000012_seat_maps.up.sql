-- Seat maps: theaters get rows of numbered seats with categories, every screening gets its
-- own seat inventory (one row per seat), bookings hold concrete seats, and each booked seat
-- is an item with a ticket type and an amount. The per-screening counter of free seats is
-- gone: availability is derived from the seats, so that bookings of different seats of one
-- screening never wait on one shared row.

CREATE TYPE seat_category AS ENUM ('standard', 'premium', 'wheelchair', 'companion');
CREATE TYPE ticket_type AS ENUM ('adult', 'child', 'senior', 'student');

-- A theater's rows, front (row_index 1) to back; seats are numbered 1..seats left to right
-- as the audience sees them.
CREATE TABLE theater_rows (
    theater_id bigint   NOT NULL REFERENCES theaters (id) ON DELETE CASCADE,
    row_index  smallint NOT NULL CHECK (row_index >= 1),
    label      text     NOT NULL CHECK (label ~ '^[A-Z]{1,3}$'),
    seats      smallint NOT NULL CHECK (seats >= 1),
    PRIMARY KEY (theater_id, row_index),
    CONSTRAINT theater_rows_label_key UNIQUE (theater_id, label)
);

CREATE TABLE theater_seats (
    theater_id bigint        NOT NULL,
    row_index  smallint      NOT NULL,
    number     smallint      NOT NULL CHECK (number >= 1),
    category   seat_category NOT NULL DEFAULT 'standard',
    -- Not sold (a broken seat, a camera position).
    blocked    boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (theater_id, row_index, number),
    FOREIGN KEY (theater_id, row_index) REFERENCES theater_rows ON DELETE CASCADE
);

-- Every seat of every screening, copied from the theater's layout when the screening is
-- scheduled (a theater's layout cannot change once it has screenings). A seat is held by the
-- booking in booking_id until held_until, or sold to it when held_until is null; a hold that
-- has lapsed leaves the seat free for anyone, even before the sweep clears it. One column
-- holds one booking: a seat is in at most one active booking by construction, and
-- screening_seats_guard refuses to give a taken seat to another booking, whatever the
-- statement.
CREATE TABLE screening_seats (
    screening_id bigint        NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    row_index    smallint      NOT NULL,
    number       smallint      NOT NULL,
    category     seat_category NOT NULL,
    blocked      boolean       NOT NULL,
    booking_id   bigint        REFERENCES bookings (id),
    held_until   timestamptz,
    PRIMARY KEY (screening_id, row_index, number),
    CONSTRAINT screening_seats_blocked_unsold CHECK (NOT (blocked AND booking_id IS NOT NULL)),
    CONSTRAINT screening_seats_hold_has_booking CHECK (booking_id IS NOT NULL OR held_until IS NULL)
);

-- Serves counting a screening's taken seats (available_seats) from the index alone, and
-- releasing a booking's seats.
CREATE INDEX screening_seats_taken_idx ON screening_seats (screening_id)
    INCLUDE (held_until) WHERE booking_id IS NOT NULL;
CREATE INDEX screening_seats_booking_id_idx ON screening_seats (booking_id)
    WHERE booking_id IS NOT NULL;

CREATE FUNCTION screening_seats_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.booking_id IS NOT NULL AND NEW.booking_id IS NOT NULL
       AND NEW.booking_id <> OLD.booking_id
       AND (OLD.held_until IS NULL OR OLD.held_until > now()) THEN
        RAISE EXCEPTION 'seat % of row % of screening % is taken', OLD.number, OLD.row_index,
                        OLD.screening_id
            USING ERRCODE = 'integrity_constraint_violation',
                  CONSTRAINT = 'screening_seats_taken';
    END IF;
    IF NEW.booking_id IS NOT NULL AND NEW.booking_id = OLD.booking_id
       AND NEW.held_until IS NULL AND OLD.held_until IS NOT NULL AND OLD.held_until <= now() THEN
        RAISE EXCEPTION 'the hold on seat % of row % of screening % has lapsed', OLD.number,
                        OLD.row_index, OLD.screening_id
            USING ERRCODE = 'integrity_constraint_violation',
                  CONSTRAINT = 'screening_seats_hold_lapsed';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER screening_seats_guard BEFORE UPDATE OF booking_id, held_until ON screening_seats
    FOR EACH ROW EXECUTE FUNCTION screening_seats_guard();

-- Ticket types: adults pay `price`; child, senior and student tickets are sold when the
-- screening sets their prices. Premium seats cost `premium_surcharge` more.
ALTER TABLE screenings
    ADD COLUMN child_price bigint CHECK (child_price > 0),
    ADD COLUMN senior_price bigint CHECK (senior_price > 0),
    ADD COLUMN student_price bigint CHECK (student_price > 0),
    ADD COLUMN premium_surcharge bigint NOT NULL DEFAULT 0 CHECK (premium_surcharge >= 0);

-- The seats a booking took, each with its ticket type and what it costs. released_at is set
-- when a partial cancellation gives the seat back; the booking's seats and amount are those of
-- its items not released.
CREATE TABLE booking_items (
    booking_id   bigint        NOT NULL REFERENCES bookings (id),
    screening_id bigint        NOT NULL,
    row_index    smallint      NOT NULL,
    number       smallint      NOT NULL,
    seat_label   text          NOT NULL,
    category     seat_category NOT NULL,
    ticket_type  ticket_type   NOT NULL,
    -- In minor units of the booking's currency.
    amount       bigint        NOT NULL CHECK (amount >= 0),
    released_at  timestamptz,
    PRIMARY KEY (booking_id, row_index, number),
    FOREIGN KEY (screening_id, row_index, number) REFERENCES screening_seats
);

-- Serves the check that no seat is in two active bookings (double_sold_seats), and the
-- foreign key.
CREATE INDEX booking_items_seat_idx ON booking_items (screening_id, row_index, number);

-- The seats best available may choose, per row: free (no booking, not even a lapsed hold),
-- standard, not blocked. A full row has no entry, so finding the rows with free seats does
-- not read the seats that are taken.
CREATE INDEX screening_seats_free_idx ON screening_seats (screening_id, row_index, number)
    WHERE booking_id IS NULL AND category = 'standard' AND NOT blocked;

-- Best available: `wanted` adjacent free standard seats in one row, for `booking`, held until
-- `until` (null: sold). Rows are tried by their distance from the row two thirds of the way
-- back (the one behind first on a tie), skipping rows without a free seat
-- (screening_seats_free_idx); blocks within a row by the distance of their middle from the
-- row's middle (the left one first on a tie), found with a window over the row's free seats.
-- Each block is locked with SKIP LOCKED, so concurrent bookings take different blocks instead
-- of waiting on the same seats. A block some of whose seats another booking is taking is
-- passed over; the seats of it that were locked stay locked until this transaction ends (a
-- subtransaction per attempt would give them back, but dozens of them per booking under load
-- overflow PostgreSQL's subtransaction cache, which slows every snapshot on the server).
-- Seats held by lapsed holds are not chosen until released (release_lapsed_holds, or the
-- sweep). Returns the seats taken, or none when no row has such a block.
CREATE FUNCTION take_best_available(screening bigint, wanted integer, booking bigint,
                                    until timestamptz)
RETURNS TABLE (row_index smallint, number smallint)
LANGUAGE plpgsql AS $$
DECLARE
    theater bigint;
    row_count integer;
    target integer;
    candidate record;
    block record;
    locked integer;
BEGIN
    SELECT s.theater_id INTO theater FROM screenings s WHERE s.id = screening;
    SELECT count(*) INTO row_count FROM theater_rows r WHERE r.theater_id = theater;
    target := greatest(1, round(row_count * 2.0 / 3.0));
    FOR candidate IN
        SELECT r.row_index AS idx, r.seats
        FROM theater_rows r
        WHERE r.theater_id = theater
          AND EXISTS (
              SELECT 1 FROM screening_seats x
              WHERE x.screening_id = screening AND x.row_index = r.row_index
                AND x.booking_id IS NULL AND x.category = 'standard' AND NOT x.blocked)
        ORDER BY abs(r.row_index - target), r.row_index DESC
    LOOP
        FOR block IN
            WITH free AS (
                SELECT x.number, x.number - row_number() OVER (ORDER BY x.number) AS run
                FROM screening_seats x
                WHERE x.screening_id = screening AND x.row_index = candidate.idx
                  AND x.booking_id IS NULL AND x.category = 'standard' AND NOT x.blocked
            ), runs AS (
                SELECT min(f.number) AS first, max(f.number) AS last FROM free f GROUP BY f.run
            )
            SELECT g.first
            FROM runs, LATERAL generate_series(runs.first, runs.last - wanted + 1) AS g (first)
            ORDER BY abs((g.first + (wanted - 1) / 2.0) - (candidate.seats + 1) / 2.0), g.first
        LOOP
            WITH lockable AS (
                SELECT x.number FROM screening_seats x
                WHERE x.screening_id = screening AND x.row_index = candidate.idx
                  AND x.number BETWEEN block.first AND block.first + wanted - 1
                  AND x.booking_id IS NULL AND x.category = 'standard' AND NOT x.blocked
                ORDER BY x.number
                FOR UPDATE SKIP LOCKED
            )
            SELECT count(*) INTO locked FROM lockable;
            IF locked = wanted THEN
                RETURN QUERY
                UPDATE screening_seats x SET booking_id = booking, held_until = until
                WHERE x.screening_id = screening AND x.row_index = candidate.idx
                  AND x.number BETWEEN block.first AND block.first + wanted - 1
                RETURNING x.row_index, x.number;
                RETURN;
            END IF;
            -- Another booking is taking part of the block: on to the next one.
        END LOOP;
    END LOOP;
END;
$$;

-- What exists now moves to seats. Theaters get rows of at most 20 standard seats labelled A,
-- B, … Z, AA, AB, …; screenings get their seats; every booking gets concrete seats, chosen as
-- best available among the seats free at its turn (in booking order): those of pending and
-- confirmed bookings stay taken, those of cancelled and expired ones are recorded and given
-- back. Nothing booked is lost: each active booking keeps its number of seats and amount.
CREATE FUNCTION row_label(row_index integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN row_index <= 26 THEN chr(64 + row_index)
        WHEN row_index <= 702 THEN chr(64 + (row_index - 27) / 26 + 1) || chr(65 + (row_index - 27) % 26)
        ELSE chr(65 + (row_index - 703) / 676) || chr(65 + (row_index - 703) / 26 % 26)
             || chr(65 + (row_index - 703) % 26)
    END
$$;

INSERT INTO theater_rows (theater_id, row_index, label, seats)
SELECT t.id, r, row_label(r), least(20, t.capacity - (r - 1) * 20)
FROM theaters t, generate_series(1, (t.capacity + 19) / 20) AS r;

INSERT INTO theater_seats (theater_id, row_index, number)
SELECT r.theater_id, r.row_index, n
FROM theater_rows r, generate_series(1, r.seats) AS n;

INSERT INTO screening_seats (screening_id, row_index, number, category, blocked)
SELECT s.id, ts.row_index, ts.number, ts.category, ts.blocked
FROM screenings s JOIN theater_seats ts ON ts.theater_id = s.theater_id;

DO $$
DECLARE
    booking record;
    seat record;
    given integer;
BEGIN
    FOR booking IN
        SELECT b.id, b.screening_id, b.seats, b.amount, b.status,
               -- A confirmed booking's seats are sold: no hold.
               CASE WHEN b.status = 'confirmed' THEN NULL ELSE b.expires_at END AS until
        FROM bookings b ORDER BY b.id
    LOOP
        given := 0;
        -- Adjacent seats when a block is left, else any free seats, front to back.
        FOR seat IN
            SELECT * FROM take_best_available(booking.screening_id, booking.seats, booking.id,
                                              booking.until)
        LOOP
            given := given + 1;
        END LOOP;
        IF given = 0 THEN
            UPDATE screening_seats x SET booking_id = booking.id, held_until = booking.until
            WHERE (x.screening_id, x.row_index, x.number) IN (
                SELECT f.screening_id, f.row_index, f.number FROM screening_seats f
                WHERE f.screening_id = booking.screening_id AND NOT f.blocked
                  AND (f.booking_id IS NULL OR f.held_until <= now())
                ORDER BY f.row_index, f.number
                LIMIT booking.seats);
        END IF;
        -- The amount was seats × price: every item costs the same share.
        INSERT INTO booking_items (booking_id, screening_id, row_index, number, seat_label,
                                   category, ticket_type, amount)
        SELECT booking.id, x.screening_id, x.row_index, x.number, r.label || x.number,
               x.category, 'adult', booking.amount / booking.seats
        FROM screening_seats x
        JOIN screenings s ON s.id = x.screening_id
        JOIN theater_rows r ON r.theater_id = s.theater_id AND r.row_index = x.row_index
        WHERE x.booking_id = booking.id;
        IF booking.status IN ('cancelled', 'expired') THEN
            UPDATE screening_seats x SET booking_id = NULL, held_until = NULL
            WHERE x.booking_id = booking.id;
        END IF;
    END LOOP;
END;
$$;

-- Every refund of a payment: a partial cancellation refunds the seats it gives back, the
-- cancellation of the rest refunds what is left (and marks the payment refunded).
CREATE TABLE payment_refunds (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id  bigint      NOT NULL REFERENCES payments (id),
    transfer_id bigint      NOT NULL REFERENCES transfers (id),
    -- In minor units of the payment's currency.
    amount      bigint      NOT NULL CHECK (amount > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_refunds_payment_id_idx ON payment_refunds (payment_id);
CREATE INDEX payment_refunds_transfer_id_idx ON payment_refunds (transfer_id);
INSERT INTO payment_refunds (payment_id, transfer_id, amount, created_at)
SELECT p.id, p.refund_transfer_id, p.amount, t.created_at
FROM payments p JOIN transfers t ON t.id = p.refund_transfer_id
WHERE p.status = 'refunded';

-- The counter goes: a deliberate break (the commit says Breaking-Schema), deployed by draining
-- the old replicas before this migration runs.
-- squawk-ignore ban-drop-view
DROP VIEW screenings_now;
-- squawk-ignore ban-drop-column
ALTER TABLE screenings DROP COLUMN available_seats;
-- total_seats: the seats on sale (not blocked).

-- What the service may do with the new tables (see 000010_service_role).
GRANT SELECT, INSERT, DELETE ON theater_rows, theater_seats TO boxoffice_app;
GRANT UPDATE (capacity) ON theaters TO boxoffice_app;
GRANT SELECT, INSERT ON screening_seats TO boxoffice_app;
GRANT UPDATE (booking_id, held_until) ON screening_seats TO boxoffice_app;
GRANT SELECT, INSERT ON booking_items TO boxoffice_app;
GRANT UPDATE (released_at) ON booking_items TO boxoffice_app;
-- A partial cancellation takes seats off a booking.
GRANT UPDATE (seats, amount) ON bookings TO boxoffice_app;
GRANT SELECT, INSERT ON payment_refunds TO boxoffice_app;

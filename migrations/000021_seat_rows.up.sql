-- Selling every seat: the row of a screening becomes the unit a booking locks, and carries its
-- seats' state as two bitmaps, so that best available reads a whole screening in one row per
-- theater row and decides, under the lock of the row it takes seats in, which block leaves no
-- lone seat (src/ticketing/best_available.rs). screening_seats stays the truth of who holds
-- which seat (tickets and items name its rows; screening_seats_guard still refuses a taken
-- seat); the bitmaps follow it by trigger, in the same transaction.

-- A seat's bit in a row's bitmap: seat n is bit n - 1, numbered as get_bit/set_bit number
-- bytea bits (the least significant bit of the first byte is bit 0).
CREATE FUNCTION seat_bitmap(seats integer, numbers integer[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    bits bytea := decode(repeat('00', (seats + 7) / 8), 'hex');
    n integer;
BEGIN
    FOREACH n IN ARRAY coalesce(numbers, '{}') LOOP
        bits := set_bit(bits, n - 1, 1);
    END LOOP;
    RETURN bits;
END;
$$;

-- One row per row of a screening's seats. Bookings lock it: best available locks the row it
-- takes seats in (and nothing else, or waits for one row while holding none); a chosen-seats
-- booking locks the rows of its seats in row order; a booking that gives seats back locks
-- their rows in row order first (lock_rows_of_bookings). So rows are taken in one order and
-- no two bookings deadlock, and a block is chosen on a row no one else changes meanwhile.
CREATE TABLE screening_rows (
    screening_id bigint   NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    row_index    smallint NOT NULL,
    label        text     NOT NULL,
    seats        smallint NOT NULL CHECK (seats >= 1),
    -- The seats best available may choose: standard and not blocked. Fixed.
    standard     bytea    NOT NULL,
    -- The seats no booking holds, not blocked. A seat whose hold lapsed counts as held until
    -- its booking expires (expire_lapsed_holds, the sweep).
    free         bytea    NOT NULL,
    PRIMARY KEY (screening_id, row_index),
    CONSTRAINT screening_rows_label_key UNIQUE (screening_id, label)
);

-- A screening's rows come with its seats, whichever statement inserts them (scheduling a
-- screening, the benchmark's loader): all seats of a row in one statement.
CREATE FUNCTION screening_rows_from_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO screening_rows (screening_id, row_index, label, seats, standard, free)
    SELECT a.screening_id, a.row_index, r.label, r.seats,
           seat_bitmap(r.seats, array_agg(a.number::integer)
                                FILTER (WHERE a.category = 'standard' AND NOT a.blocked)),
           seat_bitmap(r.seats, array_agg(a.number::integer)
                                FILTER (WHERE NOT a.blocked AND a.booking_id IS NULL))
    FROM added a
    JOIN screenings s ON s.id = a.screening_id
    JOIN theater_rows r ON r.theater_id = s.theater_id AND r.row_index = a.row_index
    GROUP BY a.screening_id, a.row_index, r.label, r.seats;
    RETURN NULL;
END;
$$;
CREATE TRIGGER screening_seats_make_rows AFTER INSERT ON screening_seats
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION screening_rows_from_seats();

-- `bits` with the bits of seats `freed` set and those of seats `taken` cleared.
CREATE FUNCTION seat_bitmap_apply(bits bytea, freed integer[], taken integer[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    n integer;
BEGIN
    FOREACH n IN ARRAY coalesce(freed, '{}') LOOP
        bits := set_bit(bits, n - 1, 1);
    END LOOP;
    FOREACH n IN ARRAY coalesce(taken, '{}') LOOP
        bits := set_bit(bits, n - 1, 0);
    END LOOP;
    RETURN bits;
END;
$$;

-- Seats taken or given back flip their bits in their rows' free bitmaps, once per row and
-- statement (screening_rows_pkey): a booking of several seats writes its row once, since a
-- row that a rush keeps writing is read by every booking (each write a new version to step
-- over). Every statement that changes seats has locked their rows already.
CREATE FUNCTION screening_seats_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_rows r
    SET free = seat_bitmap_apply(r.free, c.freed, c.taken)
    FROM (
        SELECT n.screening_id, n.row_index,
               array_agg(n.number::integer) FILTER (WHERE n.booking_id IS NULL) AS freed,
               array_agg(n.number::integer) FILTER (WHERE n.booking_id IS NOT NULL) AS taken
        FROM after_update n
        JOIN before_update o USING (screening_id, row_index, number)
        WHERE (o.booking_id IS NULL) <> (n.booking_id IS NULL)
        GROUP BY n.screening_id, n.row_index
    ) c
    WHERE r.screening_id = c.screening_id AND r.row_index = c.row_index;
    RETURN NULL;
END;
$$;
-- (Transition tables cannot go with a column list: it fires for every update of seats, and
-- finds nothing to do for those that leave booking_id alone, such as a payment's.)
CREATE TRIGGER screening_seats_mark_rows AFTER UPDATE ON screening_seats
    REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
    FOR EACH STATEMENT EXECUTE FUNCTION screening_seats_mark_rows();

-- The rows of the screenings that exist.
INSERT INTO screening_rows (screening_id, row_index, label, seats, standard, free)
SELECT x.screening_id, x.row_index, r.label, r.seats,
       seat_bitmap(r.seats, array_agg(x.number::integer)
                            FILTER (WHERE x.category = 'standard' AND NOT x.blocked)),
       seat_bitmap(r.seats, array_agg(x.number::integer)
                            FILTER (WHERE NOT x.blocked AND x.booking_id IS NULL))
FROM screening_seats x
JOIN screenings s ON s.id = x.screening_id
JOIN theater_rows r ON r.theater_id = s.theater_id AND r.row_index = x.row_index
GROUP BY x.screening_id, x.row_index, r.label, r.seats;

-- Locks, in row order, the rows holding seats of these bookings: what gives seats back does
-- this first, so that it takes rows in the order bookings take them.
CREATE FUNCTION lock_rows_of_bookings(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    SELECT 1 FROM screening_rows r
    WHERE (r.screening_id, r.row_index) IN (
        SELECT x.screening_id, x.row_index FROM screening_seats x
        WHERE x.booking_id = ANY(ids))
    ORDER BY r.screening_id, r.row_index
    FOR UPDATE;
$$;

-- Giving seats back (migration 000020) locks their rows first.
CREATE OR REPLACE FUNCTION booking_releases_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_rows_of_bookings(ARRAY[NEW.id]);
    UPDATE screening_seats SET booking_id = NULL, held_until = NULL
    WHERE booking_id = NEW.id;
    RETURN NULL;
END;
$$;

-- A booking item given back (migration 000020) locks its row first; a partial cancellation
-- releases its items in seat order (booking_items_pkey), so its rows in row order.
CREATE OR REPLACE FUNCTION booking_item_releases_seat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM screening_rows
    WHERE screening_id = NEW.screening_id AND row_index = NEW.row_index
    FOR UPDATE;
    UPDATE screening_seats SET booking_id = NULL, held_until = NULL
    WHERE screening_id = NEW.screening_id AND row_index = NEW.row_index
      AND number = NEW.number AND booking_id = NEW.booking_id;
    RETURN NULL;
END;
$$;

-- Expires pending bookings the caller has locked (the sweep, a booking that found its seats
-- held by lapsed holds): their rows are locked in row order before any is expired, so that a
-- batch of bookings gives its seats back in the order bookings take them. Returns the
-- bookings expired.
CREATE FUNCTION expire_bookings(ids bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_rows_of_bookings(ids);
    RETURN QUERY
    UPDATE bookings SET status = 'expired'
    WHERE id = ANY(ids) AND status = 'pending'
    RETURNING id;
END;
$$;

-- Holds are capped per customer (MAX_HELD_SEATS_PER_SCREENING, MAX_HELD_SEATS): a booking
-- counts the seats the customer's pending bookings hold, of the screening and in all
-- (customer_holds, after locking the customer's row).
CREATE INDEX bookings_pending_user_idx ON bookings (user_id, screening_id)
    INCLUDE (seats, expires_at) WHERE status = 'pending';

-- Scheduling a screening inserts its rows (screening_rows_from_seats); SELECT … FOR UPDATE
-- needs an UPDATE privilege, and the trigger sets `free`. (A booking's lock of its customer's
-- row is covered by the UPDATE the service already has on users.)
GRANT SELECT, INSERT ON screening_rows TO boxoffice_app;
GRANT UPDATE (free) ON screening_rows TO boxoffice_app;

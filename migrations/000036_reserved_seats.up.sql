-- Seats kept back for a voucher's holders (press, a school class, a partner): a voucher of a
-- screening with `reserved_seats` marks that many of its seats reserved_for it. Such a seat is
-- off sale to everyone else (not free in its row's bitmap, unavailable on the public seat map,
-- not counted in available_seats); a booking with the voucher may take it; disabling the
-- voucher gives the seats back to the sale (and to the waiting list first).
ALTER TABLE vouchers ADD COLUMN reserved_seats integer;
-- ADD COLUMN took vouchers' ACCESS EXCLUSIVE lock, held to the end of this migration's
-- transaction either way, so NOT VALID and a later VALIDATE would shorten nothing; and every
-- row has the null the column was added with.
ALTER TABLE vouchers
    -- squawk-ignore constraint-missing-not-valid
    ADD CONSTRAINT vouchers_reserved_seats_check
        CHECK (reserved_seats IS NULL
               OR reserved_seats BETWEEN 1 AND 1000 AND screening_id IS NOT NULL);

-- squawk-ignore adding-foreign-key-constraint
ALTER TABLE screening_seats ADD COLUMN reserved_for bigint REFERENCES vouchers (id);
-- A screening's reserved seats: its availability, and a voucher's seats when it is disabled.
CREATE INDEX screening_seats_reserved_idx ON screening_seats (screening_id, reserved_for)
    WHERE reserved_for IS NOT NULL;

-- A seat is free in its row's bitmap when no booking holds it and no voucher keeps it
-- (migrations 000021, 000026): reserving or releasing a seat flips its bit as booking does.
CREATE OR REPLACE FUNCTION screening_seats_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_rows r
    SET free = seat_bitmap_apply(r.free, c.freed, c.taken), changes = r.changes + 1
    FROM (
        SELECT n.screening_id, n.row_index,
               array_agg(n.number::integer)
                   FILTER (WHERE n.booking_id IS NULL AND n.reserved_for IS NULL
                             AND (o.booking_id IS NOT NULL OR o.reserved_for IS NOT NULL))
                   AS freed,
               array_agg(n.number::integer)
                   FILTER (WHERE (n.booking_id IS NOT NULL OR n.reserved_for IS NOT NULL)
                             AND o.booking_id IS NULL AND o.reserved_for IS NULL) AS taken
        FROM after_update n
        JOIN before_update o USING (screening_id, row_index, number)
        WHERE n.booking_id IS DISTINCT FROM o.booking_id
           OR n.reserved_for IS DISTINCT FROM o.reserved_for
           OR (n.held_until IS NOT NULL AND n.held_until IS DISTINCT FROM o.held_until)
        GROUP BY n.screening_id, n.row_index
    ) c
    WHERE r.screening_id = c.screening_id AND r.row_index = c.row_index;
    RETURN NULL;
END;
$$;

-- available_seats leaves out the seats kept for vouchers that no booking holds
-- (screening_seats_reserved_idx); those held or sold are counted once, as taken.
CREATE OR REPLACE VIEW screenings_with_availability AS
SELECT s.id, s.movie_id, s.theater_id, s.starts_at, s.ends_at, s.price, s.child_price,
       s.senior_price, s.student_price, s.premium_surcharge, s.currency, s.total_seats,
       s.total_seats - (
           SELECT count(*) FROM screening_seats x
           WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL
             AND (x.held_until IS NULL OR x.held_until > now()))::int - (
           SELECT count(*) FROM screening_seats x
           WHERE x.screening_id = s.id AND x.reserved_for IS NOT NULL
             AND (x.booking_id IS NULL OR x.held_until <= now()))::int AS available_seats,
       s.version
FROM screenings s;

GRANT UPDATE (reserved_for) ON screening_seats TO boxoffice_app;
GRANT UPDATE (reserved_seats) ON vouchers TO boxoffice_app;

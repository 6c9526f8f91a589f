-- loses: vouchers (which seats each kept, and how many: the seats go back on sale)
CREATE OR REPLACE VIEW screenings_with_availability AS
SELECT s.id, s.movie_id, s.theater_id, s.starts_at, s.ends_at, s.price, s.child_price,
       s.senior_price, s.student_price, s.premium_surcharge, s.currency, s.total_seats,
       s.total_seats - (
           SELECT count(*) FROM screening_seats x
           WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL
             AND (x.held_until IS NULL OR x.held_until > now()))::int AS available_seats,
       s.version
FROM screenings s;
-- The seats kept back become free in their rows' bitmaps before the column goes.
UPDATE screening_seats SET reserved_for = NULL WHERE reserved_for IS NOT NULL;
CREATE OR REPLACE FUNCTION screening_seats_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_rows r
    SET free = seat_bitmap_apply(r.free, c.freed, c.taken), changes = r.changes + 1
    FROM (
        SELECT n.screening_id, n.row_index,
               array_agg(n.number::integer)
                   FILTER (WHERE n.booking_id IS NULL AND o.booking_id IS NOT NULL) AS freed,
               array_agg(n.number::integer)
                   FILTER (WHERE n.booking_id IS NOT NULL AND o.booking_id IS NULL) AS taken
        FROM after_update n
        JOIN before_update o USING (screening_id, row_index, number)
        WHERE n.booking_id IS DISTINCT FROM o.booking_id
           OR (n.held_until IS NOT NULL AND n.held_until IS DISTINCT FROM o.held_until)
        GROUP BY n.screening_id, n.row_index
    ) c
    WHERE r.screening_id = c.screening_id AND r.row_index = c.row_index;
    RETURN NULL;
END;
$$;
DROP INDEX screening_seats_reserved_idx;
ALTER TABLE screening_seats DROP COLUMN reserved_for;
ALTER TABLE vouchers DROP COLUMN reserved_seats;

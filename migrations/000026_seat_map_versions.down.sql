CREATE OR REPLACE FUNCTION screening_seats_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
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
ALTER TABLE screening_rows DROP COLUMN changes;

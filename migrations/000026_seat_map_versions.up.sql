-- Every change to what a screening's seat map shows is counted on its rows, so that the map
-- can be kept in memory while the count stays (GET /v1/screenings/{id}/seats reads a digest
-- of a few dozen rows instead of every seat). The free bitmaps alone do not do: a seat whose
-- hold lapsed and that another booking then takes changes hands without ever being free.
--
-- `changes` rises, once per row and statement, when a seat of the row changes booking (taken,
-- given back, taken over after its hold lapsed) or gets a hold or a longer one (a card
-- payment's). A payment that clears its seats' holds changes nothing the map shows and
-- writes no row, as before.
ALTER TABLE screening_rows ADD COLUMN changes bigint NOT NULL DEFAULT 0;

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

GRANT UPDATE (changes) ON screening_rows TO boxoffice_app;

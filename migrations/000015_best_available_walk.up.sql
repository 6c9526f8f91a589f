-- Best available, same choice, less work (BENCHMARKS.md, "Seat maps: the release run"): the
-- rows are walked outwards from the target row one at a time (target, one behind, one in
-- front, …, as before: nearest first, the further back first on a tie) instead of probing and
-- sorting every row of the theater first, and a row is read only if it has two adjacent free
-- standard seats (or one, for one seat), so the rows that filling from the centre leaves with
-- single seats at their ends cost an index probe each, not a scan.
CREATE OR REPLACE FUNCTION take_best_available(screening bigint, wanted integer, booking bigint,
                                               until timestamptz)
RETURNS TABLE (row_index smallint, number smallint)
LANGUAGE plpgsql AS $$
DECLARE
    theater bigint;
    first_row integer;
    last_row integer;
    target integer;
    distance integer;
    idx integer;
    row_seats integer;
    block record;
    locked integer;
BEGIN
    SELECT s.theater_id INTO theater FROM screenings s WHERE s.id = screening;
    SELECT min(r.row_index), max(r.row_index), count(*)
    INTO first_row, last_row, target
    FROM theater_rows r WHERE r.theater_id = theater;
    IF first_row IS NULL THEN
        RETURN;
    END IF;
    target := greatest(1, round(target * 2.0 / 3.0));
    FOR distance IN 0 .. greatest(last_row - target, target - first_row) LOOP
        FOREACH idx IN ARRAY CASE WHEN distance = 0 THEN ARRAY[target]
                                  ELSE ARRAY[target + distance, target - distance] END
        LOOP
            CONTINUE WHEN idx < first_row OR idx > last_row;
            SELECT r.seats INTO row_seats
            FROM theater_rows r WHERE r.theater_id = theater AND r.row_index = idx;
            CONTINUE WHEN NOT FOUND;
            -- A row without min(wanted, 2) adjacent free seats has no block
            -- (screening_seats_free_idx).
            CONTINUE WHEN NOT EXISTS (
                SELECT 1 FROM screening_seats x
                WHERE x.screening_id = screening AND x.row_index = idx
                  AND x.booking_id IS NULL AND x.category = 'standard' AND NOT x.blocked
                  AND (wanted = 1 OR EXISTS (
                      SELECT 1 FROM screening_seats y
                      WHERE y.screening_id = screening AND y.row_index = idx
                        AND y.number = x.number + 1
                        AND y.booking_id IS NULL AND y.category = 'standard'
                        AND NOT y.blocked)));
            FOR block IN
                WITH free AS (
                    SELECT x.number, x.number - row_number() OVER (ORDER BY x.number) AS run
                    FROM screening_seats x
                    WHERE x.screening_id = screening AND x.row_index = idx
                      AND x.booking_id IS NULL AND x.category = 'standard' AND NOT x.blocked
                ), runs AS (
                    SELECT min(f.number) AS first, max(f.number) AS last
                    FROM free f GROUP BY f.run
                )
                SELECT g.first
                FROM runs, LATERAL generate_series(runs.first, runs.last - wanted + 1) AS g (first)
                ORDER BY abs((g.first + (wanted - 1) / 2.0) - (row_seats + 1) / 2.0), g.first
            LOOP
                WITH lockable AS (
                    SELECT x.number FROM screening_seats x
                    WHERE x.screening_id = screening AND x.row_index = idx
                      AND x.number BETWEEN block.first AND block.first + wanted - 1
                      AND x.booking_id IS NULL AND x.category = 'standard' AND NOT x.blocked
                    ORDER BY x.number
                    FOR UPDATE SKIP LOCKED
                )
                SELECT count(*) INTO locked FROM lockable;
                IF locked = wanted THEN
                    RETURN QUERY
                    UPDATE screening_seats x SET booking_id = booking, held_until = until
                    WHERE x.screening_id = screening AND x.row_index = idx
                      AND x.number BETWEEN block.first AND block.first + wanted - 1
                    RETURNING x.row_index, x.number;
                    RETURN;
                END IF;
                -- Another booking is taking part of the block: on to the next one.
            END LOOP;
        END LOOP;
    END LOOP;
END;
$$;

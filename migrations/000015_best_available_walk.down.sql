-- Back to 000012's take_best_available.
CREATE OR REPLACE FUNCTION take_best_available(screening bigint, wanted integer, booking bigint,
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

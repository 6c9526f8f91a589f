--: Theater()
--: LayoutSeat()
--: LayoutLock()

--! list_theaters : Theater
-- A keyset page of theaters by id. `limit` is the page size plus one.
SELECT id, name, city, capacity, version
FROM theaters
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! get_theater : Theater
-- One theater by id (primary key).
SELECT id, name, city, capacity, version
FROM theaters
WHERE id = :id;

--! insert_theater : Theater
-- A new theater; its rows and seats follow (insert_layout). `capacity` is the count of its
-- seats that are not blocked.
INSERT INTO theaters (name, city, capacity)
VALUES (:name, :city, :capacity)
RETURNING id, name, city, capacity, version;

--! insert_layout
-- The rows and seats of a theater, from parallel arrays: one element per row
-- (`row_indexes`, `labels`, `row_seats`) and one per seat (`seat_rows`, `numbers`,
-- `categories`, `blocked`).
WITH inserted_rows AS (
    INSERT INTO theater_rows (theater_id, row_index, label, seats)
    SELECT :theater_id, r.row_index, r.label, r.seats
    FROM unnest(:row_indexes::smallint[], :labels::text[], :row_seats::smallint[])
         AS r (row_index, label, seats)
)
INSERT INTO theater_seats (theater_id, row_index, number, category, blocked)
SELECT :theater_id, s.row_index, s.number, s.category, s.blocked
FROM unnest(:seat_rows::smallint[], :numbers::smallint[], :categories::seat_category[],
            :blocked::boolean[]) AS s (row_index, number, category, blocked);

--! get_layout : LayoutSeat
-- A theater's seats, row by row front to back, left to right (theater_seats_pkey), each with
-- the theater's version (which its layout changes raise).
SELECT r.row_index, r.label, s.number, s.category, s.blocked, t.version
FROM theater_rows r
JOIN theater_seats s ON s.theater_id = r.theater_id AND s.row_index = r.row_index
JOIN theaters t ON t.id = r.theater_id
WHERE r.theater_id = :theater_id
ORDER BY r.row_index, s.number;

--! lock_theater_for_layout : LayoutLock
-- Locks a theater before its layout is replaced. FOR UPDATE conflicts with the key-share lock
-- that scheduling a screening takes on its theater, so no screening can copy the seats while
-- they change. `has_screenings`: the layout can no longer change (screenings_theater_id_idx).
-- vet: not null: has_screenings: EXISTS is never null
SELECT t.id, EXISTS (SELECT 1 FROM screenings s WHERE s.theater_id = t.id) AS has_screenings
FROM theaters t
WHERE t.id = :id
FOR UPDATE;

--! delete_layout
-- Removes a theater's rows, and with them its seats.
DELETE FROM theater_rows WHERE theater_id = :theater_id;

--! set_capacity : Theater
-- A theater's capacity after its layout changed.
UPDATE theaters SET capacity = :capacity WHERE id = :id
RETURNING id, name, city, capacity, version;

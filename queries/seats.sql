--: MapSeat(next_lapse?)
--: SeatMapVersion(version?)
--: NearSeat()
--: HeldSeat()
--: SeatRow()

--! seat_map (voucher_id?) : MapSeat
-- A screening's seats as of now, row by row front to back, left to right
-- (screening_seats_pkey): a seat is available unless it is blocked, sold, held by a booking
-- whose hold has not lapsed, or kept for a voucher (but `voucher_id`'s, for its holders);
-- and on every row, when the next of those holds lapses (null: none will), after which the
-- map changes without a write. No row when the screening does not exist.
-- vet: not null: available: `… IS TRUE` is never null (a sold seat's held_until is)
SELECT x.row_index, r.label AS row_label, x.number, x.category, x.blocked,
       NOT x.blocked AND (x.booking_id IS NULL OR x.held_until <= now()) IS TRUE
       AND (x.reserved_for IS NULL OR x.reserved_for = :voucher_id) IS TRUE AS available,
       min(x.held_until) FILTER (WHERE x.held_until > now()) OVER () AS next_lapse
FROM screenings s
JOIN screening_seats x ON x.screening_id = s.id
JOIN theater_rows r ON r.theater_id = s.theater_id AND r.row_index = x.row_index
WHERE s.id = :screening_id
ORDER BY x.row_index, x.number;

--! seat_map_version : SeatMapVersion
-- What a screening's seat map is made from, as a digest of its rows' change counts
-- (screening_rows_pkey, a few dozen rows): it changes with every booking, expiry, release or
-- new hold of a seat (screening_seats_mark_rows, migration 000026), in the transaction that
-- makes the change. Null when the screening has no rows (it does not exist). A hold that
-- lapses changes the map but not this: seat_map's next_lapse covers it.
SELECT md5(string_agg(int8send(changes), '\x'::bytea ORDER BY row_index)) AS version
FROM screening_rows
WHERE screening_id = :screening_id;

--! lock_seats_around (voucher_id?) : NearSeat
-- Chosen seats: locks the seats asked for (by row label and number) and their neighbours two
-- either side in the same row, in seat order (the one lock order of seats, so two bookings
-- never deadlock), and reads them as of now. The rules of a chosen-seats booking (taken
-- seats, companion seats, lone seats left) are then decided on seats no one else can change
-- meanwhile. Seats asked for that do not exist are missing from the answer
-- (screening_seats_pkey, theater_rows_label_key). A seat whose hold lapsed is available,
-- unless the screening has a waiting list: then it is the list's first, once its booking
-- expires (waiting_list_entries_queue_idx, looked at once). A seat kept for a voucher is
-- available only to a booking with it (`voucher_id`).
-- vet: not null: available: `… IS TRUE` is never null (a sold seat's held_until is)
WITH near AS (
    SELECT DISTINCT r.row_index, r.label, r.seats, n::smallint AS number
    FROM unnest(:row_labels::text[], :numbers::smallint[]) AS w (label, number)
    JOIN screenings s ON s.id = :screening_id
    JOIN theater_rows r ON r.theater_id = s.theater_id AND r.label = w.label
    CROSS JOIN LATERAL generate_series(w.number - 2, w.number + 2) AS n
    ORDER BY r.row_index, number
)
SELECT x.row_index, near.label AS row_label, near.seats AS row_seats, x.number, x.category,
       x.blocked,
       NOT x.blocked AND (x.booking_id IS NULL OR x.held_until <= now() AND NOT EXISTS (
           SELECT 1 FROM waiting_list_entries w
           WHERE w.screening_id = :screening_id AND w.status = 'waiting')) IS TRUE
       AND (x.reserved_for IS NULL OR x.reserved_for = :voucher_id) IS TRUE AS available
FROM near
-- One primary-key probe per seat near, in seat order (the nested loop keeps the order of
-- `near`, so the seats are locked in it), never a scan of the screening's seats: the LIMIT
-- keeps the planner from flattening the subquery into a hash join over all of them.
CROSS JOIN LATERAL (
    SELECT * FROM screening_seats x
    WHERE x.screening_id = :screening_id AND x.row_index = near.row_index
      AND x.number = near.number
    LIMIT 1
) x
ORDER BY x.row_index, x.number
FOR UPDATE OF x;

--! hold_seats (voucher_id?) : HeldSeat
-- Books seats whose rows the booking has locked (chosen seats: also the seats, by
-- lock_seats_around): the booking (with the voucher it uses, if any, and `amount` what is
-- paid: the items' amounts less their discounts), its seats held until the hold ends (after
-- `hold_seconds`, or when the screening starts if sooner) and one item per seat, with its
-- ticket type, amount and discount, in one statement. Returns the booking as it now is, one row per
-- seat taken, so that it need not be read again. The seats are free (they were checked
-- under lock); should one not be, it is missing from the answer and the caller rolls back.
-- No row when the screening has started.
-- vet: not null: label, ticket_type, amount, discount: the arrays the service passes hold no nulls
WITH booking AS (
    INSERT INTO bookings (user_id, screening_id, seats, amount, currency, expires_at,
                          voucher_id)
    SELECT :user_id, s.id, cardinality(:row_indexes::smallint[]), :amount, s.currency,
           least(now() + make_interval(secs => :hold_seconds), s.starts_at), :voucher_id
    FROM screenings s
    WHERE s.id = :screening_id AND s.starts_at > now()
    RETURNING id, screening_id, expires_at, created_at, currency, voucher_id
), wanted AS (
    SELECT w.* FROM unnest(:row_indexes::smallint[], :numbers::smallint[], :labels::text[],
                           :ticket_types::ticket_type[], :amounts::bigint[],
                           :discounts::bigint[])
                    AS w (row_index, number, label, ticket_type, amount, discount)
), taken AS (
    UPDATE screening_seats x SET booking_id = b.id, held_until = b.expires_at
    FROM booking b, wanted w
    WHERE x.screening_id = b.screening_id AND x.row_index = w.row_index
      AND x.number = w.number AND NOT x.blocked
      AND (x.booking_id IS NULL OR x.held_until <= now())
      AND (x.reserved_for IS NULL OR x.reserved_for = b.voucher_id)
    RETURNING x.row_index, x.number, x.category
), items AS (
    INSERT INTO booking_items (booking_id, screening_id, row_index, number, seat_label,
                               category, ticket_type, amount, discount)
    SELECT b.id, b.screening_id, t.row_index, t.number, w.label, t.category, w.ticket_type,
           w.amount, w.discount
    FROM booking b, taken t JOIN wanted w ON w.row_index = t.row_index AND w.number = t.number
)
SELECT b.id AS booking_id, b.expires_at, b.created_at, b.currency, t.row_index, t.number,
       t.category, w.label, w.ticket_type, w.amount, w.discount
FROM booking b, taken t JOIN wanted w ON w.row_index = t.row_index AND w.number = t.number
ORDER BY t.row_index, t.number;

--! seat_rows : SeatRow
-- Best available's view of a screening: every row with the bitmaps of its standard seats and
-- of its free seats, front to back (screening_rows_pkey). One row per theater row, whatever
-- the size of the hall. No row when the screening does not exist.
SELECT row_index, label, seats, standard, free
FROM screening_rows
WHERE screening_id = :screening_id
ORDER BY row_index;

--! lock_row_if_idle : SeatRow
-- Best available: locks one row of the screening unless another booking holds it (SKIP
-- LOCKED: no row then, at once), and reads its state as of the lock: a row updated by a
-- booking that committed after this statement began is read in its newest version
-- (screening_rows_pkey).
SELECT row_index, label, seats, standard, free
FROM screening_rows
WHERE screening_id = :screening_id AND row_index = :row_index
FOR UPDATE SKIP LOCKED;

--! lock_row : SeatRow
-- Best available, when every row that may have a block is held: waits for one of them, then
-- reads it as lock_row_if_idle does (screening_rows_pkey). Run while holding no other row.
SELECT row_index, label, seats, standard, free
FROM screening_rows
WHERE screening_id = :screening_id AND row_index = :row_index
FOR UPDATE;

--! lock_rows_of_labels
-- Chosen seats: locks the rows of the seats asked for, in row order (the order in which every
-- booking takes rows), before their seats are locked and read (screening_rows_label_key).
SELECT row_index
FROM screening_rows
WHERE screening_id = :screening_id AND label = ANY(:row_labels)
ORDER BY row_index
FOR UPDATE;

--! lock_booking_seats
-- The seats a booking still holds, locked (screening_seats_booking_id_idx): what a payment
-- checks before it moves any money. A seat another booking took after this one's hold lapsed
-- is that booking's and missing here.
SELECT row_index, number
FROM screening_seats
WHERE booking_id = :booking_id
FOR UPDATE;

--! confirm_seats
-- A paid booking's seats become sold: their hold ends. Affects as many rows as the booking
-- has seats only if every hold is still running (screening_seats_booking_id_idx).
UPDATE screening_seats
SET held_until = NULL
WHERE booking_id = :booking_id AND held_until > now();

--! double_sold_seats
-- The check every concurrent test and benchmark ends with: seats that an active booking's
-- item names but the seat is not the booking's, or that two active bookings' items name. Both
-- must be zero (booking_items_seat_idx).
-- vet: allow seq scan: a whole-screening audit, run by tests and the benchmark after a load
-- vet: not null: misplaced, doubled: count(*) is never null
SELECT
    (SELECT count(*) FROM booking_items i
     JOIN bookings b ON b.id = i.booking_id
     JOIN screening_seats x ON x.screening_id = i.screening_id AND x.row_index = i.row_index
                           AND x.number = i.number
     WHERE i.screening_id = :screening_id AND i.released_at IS NULL
       AND (b.status = 'confirmed' OR (b.status = 'pending' AND b.expires_at > now()))
       AND x.booking_id IS DISTINCT FROM b.id) AS misplaced,
    (SELECT count(*) FROM (
        SELECT 1 FROM booking_items i
        JOIN bookings b ON b.id = i.booking_id
        WHERE i.screening_id = :screening_id AND i.released_at IS NULL
          AND (b.status = 'confirmed' OR (b.status = 'pending' AND b.expires_at > now()))
        GROUP BY i.row_index, i.number
        HAVING count(*) > 1) d) AS doubled;

--! share_seat_rows : SeatRow
-- Joining the waiting list: every row of the screening, front to back, share-locked in row
-- order (screening_rows_pkey) so that no seat comes free while the party is found not to fit
-- and its entry is made; a transaction freeing seats meanwhile waits, and then offers them
-- to the new entry too.
SELECT row_index, label, seats, standard, free
FROM screening_rows
WHERE screening_id = :screening_id
ORDER BY row_index
FOR SHARE;

--! lock_idle_seat_rows : SeatRow
-- Offering freed seats to the waiting list: the rows of the screening this transaction holds
-- (those it just freed seats in) or that no one holds, locked, front to back
-- (screening_rows_pkey). A row another transaction holds is skipped, never waited for: that
-- transaction is taking seats there, or freeing them and offering them itself.
SELECT row_index, label, seats, standard, free
FROM screening_rows
WHERE screening_id = :screening_id
ORDER BY row_index
FOR UPDATE SKIP LOCKED;

--! lock_seat_rows : SeatRow
-- Keeping seats for a voucher: every row of the screening, front to back, locked in row order
-- (screening_rows_pkey), to choose the seats on rows no one changes meanwhile.
SELECT row_index, label, seats, standard, free
FROM screening_rows
WHERE screening_id = :screening_id
ORDER BY row_index
FOR UPDATE;

--! reserved_seat_rows : SeatRow
-- A booking with a voucher that keeps seats here: the rows holding them, with `free` the
-- bitmap of those seats no booking holds now (a lapsed hold's too), front to back. Run after
-- lock_rows_of_reserved_seats (screening_seats_reserved_idx, screening_rows_pkey).
-- vet: not null: free: seat_bitmap of an aggregate is never null
SELECT r.row_index, r.label, r.seats, r.standard,
       seat_bitmap(r.seats, array_agg(x.number::integer)
                            FILTER (WHERE x.booking_id IS NULL OR x.held_until <= now())) AS free
FROM screening_seats x
JOIN screening_rows r ON r.screening_id = x.screening_id AND r.row_index = x.row_index
WHERE x.screening_id = :screening_id AND x.reserved_for = :voucher_id
GROUP BY r.row_index, r.label, r.seats, r.standard
ORDER BY r.row_index;

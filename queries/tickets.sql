--: Ticket(checked_in_at?, voided_at?)
--: TicketState(checked_in_at?, voided_at?)
--: CheckinListItem(checked_in_at?)

--! issue_tickets
-- A paid booking's tickets: one per seat it still has, in seat order (booking_items_pkey).
-- Run in the payment's transaction, right after the booking is confirmed.
INSERT INTO tickets (booking_id, row_index, number, screening_id, seat_label, ticket_type)
SELECT booking_id, row_index, number, screening_id, seat_label, ticket_type
FROM booking_items
WHERE booking_id = :booking_id AND released_at IS NULL
ORDER BY row_index, number;

--! owns_booking
-- Whether the booking exists and is the user's (bookings_pkey).
-- vet: not null: exists: EXISTS is never null
SELECT EXISTS (SELECT 1 FROM bookings WHERE id = :booking_id AND user_id = :user_id);

--! booking_tickets : Ticket
-- The tickets of a booking, in seat order, void ones included
-- (tickets_booking_id_row_index_number_key). Ownership is checked by owns_booking.
SELECT id, booking_id, screening_id, seat_label, ticket_type, checked_in_at, voided_at
FROM tickets
WHERE booking_id = :booking_id
ORDER BY row_index, number;

--! owned_ticket : Ticket
-- One ticket, if its booking is the user's (tickets_pkey, bookings_pkey).
SELECT t.id, t.booking_id, t.screening_id, t.seat_label, t.ticket_type, t.checked_in_at,
       t.voided_at
FROM tickets t
JOIN bookings b ON b.id = t.booking_id
WHERE t.id = :id AND b.user_id = :user_id;

--! check_in : Ticket
-- Admits a ticket: one statement, so that of two scanners scanning one code at once exactly
-- one admits it (the other's update finds it admitted and affects no row), and so that the
-- door's rules hold at the moment of admission: the screening's check-in is open (from
-- `opens_minutes` before its start until its end) and the scanner is an admin or staff of
-- the screening's theater. No row when the ticket does not exist, is of another screening,
-- is void, was admitted before, or a rule refuses; then door_state and ticket_state say
-- which (tickets_pkey, screenings_pkey, staff_theaters_pkey).
UPDATE tickets t
SET checked_in_at = now(), checked_in_by = :staff_id
FROM screenings s
WHERE t.id = :id AND t.screening_id = :screening_id AND t.voided_at IS NULL
  AND t.checked_in_at IS NULL
  AND s.id = t.screening_id
  AND now() >= s.starts_at - make_interval(mins => :opens_minutes) AND now() < s.ends_at
  AND (EXISTS (SELECT 1 FROM users u WHERE u.id = :staff_id AND u.role = 'admin')
       OR EXISTS (SELECT 1 FROM staff_theaters st
                  WHERE st.user_id = :staff_id AND st.theater_id = s.theater_id))
RETURNING t.id, t.booking_id, t.screening_id, t.seat_label, t.ticket_type, t.checked_in_at,
          t.voided_at;

--! door_state
-- Why check_in admitted nothing, the door's part: whether the scanner may admit at this
-- screening's theater, and whether its check-in is open now; no row when the screening does
-- not exist (screenings_pkey, users_pkey, staff_theaters_pkey).
-- vet: not null: allowed, open: EXISTS and comparisons of NOT NULL columns
SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = :staff_id AND u.role = 'admin')
       OR EXISTS (SELECT 1 FROM staff_theaters st
                  WHERE st.user_id = :staff_id AND st.theater_id = s.theater_id) AS allowed,
       now() >= s.starts_at - make_interval(mins => :opens_minutes) AND now() < s.ends_at
           AS open,
       s.starts_at, s.ends_at
FROM screenings s
WHERE s.id = :screening_id;

--! ticket_state : TicketState
-- Why check_in admitted nothing, read after it (tickets_pkey).
SELECT screening_id, checked_in_at, voided_at FROM tickets WHERE id = :id;

--! screening_checkins
-- How many of a screening's tickets are valid (sold, not void) and how many admitted; no row
-- when the screening does not exist (screenings_pkey, tickets_screening_id_idx).
-- vet: not null: sold, admitted: counts
SELECT s.id,
       count(t.id) FILTER (WHERE t.voided_at IS NULL)::int AS sold,
       count(t.checked_in_at)::int AS admitted
FROM screenings s
LEFT JOIN tickets t ON t.screening_id = s.id
WHERE s.id = :screening_id
GROUP BY s.id;

--! checkin_list_cursor
-- Where the next delta of a check-in list starts: the oldest transaction still running. Read
-- before the list, so that every change the list misses has a transaction id at or past it.
-- vet: not null: xmin: the snapshot always has an xmin
SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin;

--! checkin_list : CheckinListItem
-- Every ticket of a screening, in id order (tickets_screening_id_idx).
-- vet: not null: voided: a comparison of a column with null
SELECT id, seat_label, ticket_type, voided_at IS NOT NULL AS voided, checked_in_at
FROM tickets
WHERE screening_id = :screening_id
ORDER BY id;

--! checkin_list_changes : CheckinListItem
-- The tickets of a screening changed by a transaction at or past `after` (a cursor of
-- checkin_list_cursor), in id order (tickets_screening_changed_idx).
-- vet: not null: voided: a comparison of a column with null
SELECT id, seat_label, ticket_type, voided_at IS NOT NULL AS voided, checked_in_at
FROM tickets
WHERE screening_id = :screening_id AND changed_xid >= :after::bigint::text::xid8
ORDER BY id;

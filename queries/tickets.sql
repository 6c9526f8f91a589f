--: Ticket(checked_in_at?, voided_at?)
--: TicketState(checked_in_at?, voided_at?)

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
-- one admits it (the other's update finds it admitted and affects no row). No row when the
-- ticket does not exist, is of another screening, is void, or was admitted before; then
-- ticket_state says which (tickets_pkey).
UPDATE tickets
SET checked_in_at = now(), checked_in_by = :staff_id
WHERE id = :id AND screening_id = :screening_id AND voided_at IS NULL AND checked_in_at IS NULL
RETURNING id, booking_id, screening_id, seat_label, ticket_type, checked_in_at, voided_at;

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

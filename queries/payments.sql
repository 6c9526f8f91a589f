--: Payment()

--! confirm_booking
-- Marks a paid booking confirmed, if it is still pending and holding its seats.
UPDATE bookings
SET status = 'confirmed'
WHERE id = :id AND status = 'pending' AND expires_at > now();

--! insert_payment : Payment
INSERT INTO payments (booking_id, account_id, transfer_id, amount, currency)
VALUES (:booking_id, :account_id, :transfer_id, :amount, :currency)
RETURNING id, booking_id, account_id, transfer_id, amount, currency, status, created_at;

--! get_payment : Payment
-- One payment from one of the user's accounts.
SELECT p.id, p.booking_id, p.account_id, p.transfer_id, p.amount, p.currency, p.status,
       p.created_at
FROM payments p JOIN accounts a ON a.id = p.account_id
WHERE p.id = :id AND a.owner_id = :user_id;

--! lock_payment_of_booking : Payment
-- The completed payment of a booking, locked for its refund (payments_booking_id_key).
SELECT id, booking_id, account_id, transfer_id, amount, currency, status, created_at
FROM payments
WHERE booking_id = :booking_id AND status = 'completed'
FOR NO KEY UPDATE;

--! mark_refunded
UPDATE payments
SET status = 'refunded', refund_transfer_id = :refund_transfer_id
WHERE id = :id AND status = 'completed';

--! cancel_confirmed_booking
-- Cancels a confirmed booking whose payment was refunded, and returns its seats.
WITH cancelled AS (
    UPDATE bookings
    SET status = 'cancelled'
    WHERE id = :id AND status = 'confirmed'
    RETURNING screening_id, seats
)
UPDATE screenings s
SET available_seats = s.available_seats + cancelled.seats
FROM cancelled
WHERE s.id = cancelled.screening_id;

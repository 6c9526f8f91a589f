--: Payment()

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

--! insert_refund
-- Records a refund of a payment (in full or of some seats) and the transfer that made it.
INSERT INTO payment_refunds (payment_id, transfer_id, amount)
VALUES (:payment_id, :transfer_id, :amount);

--: CardPayment(provider_payment_id?, client_secret?, next_action?, failure_reason?, transfer_id?)
--: CardRefund(provider_payment_id?, provider_refund_id?, last_error?)
--: PaidByCard()
--: ClearingBalance()

--! open_card_payment : CardPayment
-- The booking's open card payment, if it has one (card_payments_one_open_per_booking). Read
-- while the booking is locked.
SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
FROM card_payments
WHERE booking_id = :booking_id
  AND status IN ('requires_payment_method', 'requires_action', 'processing');

--! reserve_card_payment : CardPayment
-- A booking's new card payment, before its intent is made (the booking is locked): the
-- booking's amount and currency, a hold of `hold_seconds` from now (never past the
-- screening's start), and the provider-side idempotency key of this attempt, which names the
-- booking, its amount and how many card payments it has had: a retry of this attempt makes
-- the same intent, and the next attempt (after a decline) a new one. A second concurrent
-- attempt violates card_payments_one_open_per_booking.
WITH attempt AS (
    SELECT count(*) + 1 AS n FROM card_payments WHERE booking_id = :booking_id
)
INSERT INTO card_payments (booking_id, provider, provider_idempotency_key, amount, currency,
                           hold_expires_at)
SELECT b.id, :provider, format('boxoffice-booking-%s-%s-%s', b.id, b.amount, a.n), b.amount,
       b.currency, least(now() + make_interval(secs => :hold_seconds), s.starts_at)
FROM bookings b JOIN screenings s ON s.id = b.screening_id, attempt a
WHERE b.id = :booking_id
RETURNING id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
          currency, status, client_secret, next_action, failure_reason, refunded_amount,
          hold_expires_at, transfer_id, created_at;

--! lock_card_payment : CardPayment
-- One card payment, locked (primary key). Lock its booking first: the order every workflow
-- keeps.
SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
FROM card_payments
WHERE id = :id
FOR UPDATE;

--! card_payment_of_intent (card_payment_id?) : CardPayment
-- The card payment of a provider's intent (card_payments_provider_payment_key), or, for an
-- intent whose card payment has not recorded it yet, the one its metadata names (primary
-- key).
-- vet: not null: id, booking_id, provider, provider_idempotency_key, amount, currency, status, refunded_amount, hold_expires_at, created_at: the card_payments' NOT NULL columns, through the union
(SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
 FROM card_payments
 WHERE provider = :provider AND provider_payment_id = :provider_payment_id)
UNION ALL
(SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
 FROM card_payments
 WHERE id = :card_payment_id AND provider_payment_id IS NULL)
LIMIT 1;

--! record_intent (client_secret?, next_action?, failure_reason?) : CardPayment
-- What the provider said of an open card payment's intent: its id, status, client secret,
-- the action the customer must take, or why it failed. No row when the payment is no longer
-- open (a webhook settled it first). The caller holds the payment's lock.
UPDATE card_payments
SET provider_payment_id = :provider_payment_id, status = :status,
    client_secret = :client_secret, next_action = :next_action,
    failure_reason = :failure_reason, updated_at = now()
WHERE id = :id AND status IN ('requires_payment_method', 'requires_action', 'processing')
RETURNING id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
          currency, status, client_secret, next_action, failure_reason, refunded_amount,
          hold_expires_at, transfer_id, created_at;

--! extend_hold
-- A booking with an open card payment holds its seats until the payment's hold ends: the
-- booking's expiry and its seats' holds move there, if the booking is pending and still
-- holding (screening_seats_booking_id_idx). Never shortened.
WITH booking AS (
    UPDATE bookings
    SET expires_at = :until
    WHERE id = :booking_id AND status = 'pending' AND expires_at > now() AND expires_at < :until
    RETURNING id
)
UPDATE screening_seats x
SET held_until = :until
FROM booking b
WHERE x.booking_id = b.id AND x.held_until > now();

--! mark_succeeded : CardPayment
-- A card payment whose charge confirmed its booking, with the ledger transfer of its money
-- and its intent (which a success reported before the intent was recorded brings).
UPDATE card_payments
SET status = 'succeeded', transfer_id = :transfer_id,
    provider_payment_id = coalesce(provider_payment_id, :provider_payment_id),
    client_secret = NULL,
    next_action = NULL, failure_reason = NULL, updated_at = now()
WHERE id = :id
RETURNING id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
          currency, status, client_secret, next_action, failure_reason, refunded_amount,
          hold_expires_at, transfer_id, created_at;

--! mark_failed (provider_payment_id?)
-- An open card payment that will not succeed: declined, abandoned past its hold, cancelled
-- with its booking, or refused by the provider; with its intent, if one was made.
UPDATE card_payments
SET status = 'failed', failure_reason = :failure_reason, client_secret = NULL,
    provider_payment_id = coalesce(provider_payment_id, :provider_payment_id),
    next_action = NULL, updated_at = now()
WHERE id = :id AND status IN ('requires_payment_method', 'requires_action', 'processing');

--! fail_open_payments : (provider_payment_id?)
-- A booking's open card payment ends `failed` for `failure_reason` (its booking was
-- cancelled): returns its intent, to cancel at the provider after the commit.
UPDATE card_payments
SET status = 'failed', failure_reason = :failure_reason, client_secret = NULL,
    next_action = NULL, updated_at = now()
WHERE booking_id = :booking_id
  AND status IN ('requires_payment_method', 'requires_action', 'processing')
RETURNING provider_payment_id;

--! expire_booking
-- A pending booking whose hold lapsed, expired now (its seats go back by trigger, after
-- their rows are locked: expire_bookings).
-- vet: not null: id: expire_bookings returns the ids of the bookings it expired
SELECT id FROM expire_bookings(ARRAY[:id::bigint]) AS id;

--! retake_seats
-- A late success: the seats of a booking whose hold lapsed (and which has expired), taken
-- again and sold if every one of them is free (and kept for no voucher), in one statement:
-- no seat is taken unless all are (screening_seats_pkey, booking_items_pkey). Returns how
-- many were taken; the caller has locked their rows (lock_item_rows) and rolls back to a
-- savepoint unless it is all of them.
-- vet: not null: taken: count(*) is never null
WITH wanted AS (
    SELECT i.screening_id, i.row_index, i.number
    FROM booking_items i
    WHERE i.booking_id = :booking_id AND i.released_at IS NULL
), free AS (
    SELECT count(*) AS n FROM wanted w
    JOIN screening_seats x USING (screening_id, row_index, number)
    WHERE x.booking_id IS NULL AND NOT x.blocked AND x.reserved_for IS NULL
), taken AS (
    UPDATE screening_seats x SET booking_id = :booking_id, held_until = NULL
    FROM wanted w, free f
    WHERE x.screening_id = w.screening_id AND x.row_index = w.row_index
      AND x.number = w.number AND x.booking_id IS NULL AND x.reserved_for IS NULL
      AND f.n = (SELECT count(*) FROM wanted)
    RETURNING 1
)
SELECT count(*)::int AS taken FROM taken;

--! lock_item_rows
-- Locks the rows holding a booking's items' seats, in row order, as every booking does before
-- it takes seats (screening_rows_pkey).
SELECT r.row_index
FROM screening_rows r
WHERE (r.screening_id, r.row_index) IN (
    SELECT i.screening_id, i.row_index FROM booking_items i
    WHERE i.booking_id = :booking_id AND i.released_at IS NULL)
ORDER BY r.screening_id, r.row_index
FOR UPDATE;

--! reconfirm_booking
-- A booking that had expired and whose seats a late card payment took again: confirmed,
-- with no expiry to wait for (primary key).
UPDATE bookings SET status = 'confirmed'
WHERE id = :id AND status = 'expired';

--! paid_by_card : PaidByCard
-- The card payment that paid a booking, locked for its refund (card_payments_booking_id_idx).
SELECT id, amount, refunded_amount, currency
FROM card_payments
WHERE booking_id = :booking_id AND status IN ('succeeded', 'partially_refunded')
FOR UPDATE;

--! add_refunded
-- A refund of `amount` on a card payment: refunded wholly, or in part.
UPDATE card_payments
SET refunded_amount = refunded_amount + :amount,
    status = CASE WHEN refunded_amount + :amount >= amount THEN 'refunded'
                  ELSE 'partially_refunded' END::card_payment_status,
    updated_at = now()
WHERE id = :id;

--! refund_unsold
-- A success that sold nothing (it came after the seats were gone, or for a booking paid or
-- changed since): the card payment ends refunded with `reason` as its failure reason, and
-- a refund of the whole amount is due (no ledger transfer: the money never became revenue,
-- and the clearing account nets the charge and the refund). Returns the refund.
WITH payment AS (
    UPDATE card_payments
    SET status = 'refunded', refunded_amount = amount, failure_reason = :reason,
        provider_payment_id = coalesce(provider_payment_id, :provider_payment_id),
        client_secret = NULL, next_action = NULL, updated_at = now()
    WHERE id = :id
    RETURNING id, amount
)
INSERT INTO card_refunds (card_payment_id, amount, reason, provider_idempotency_key)
SELECT p.id, p.amount, :reason, format('boxoffice-refund-%s-unsold', p.id)
FROM payment p
RETURNING id;

--! insert_card_refund
-- A refund to the card of a cancellation (the whole booking or some seats), with its ledger
-- transfer, due at the provider. Its provider-side idempotency key names the payment and the
-- refund, so a retry never refunds twice.
INSERT INTO card_refunds (card_payment_id, amount, reason, provider_idempotency_key,
                          transfer_id)
SELECT :card_payment_id, :amount, 'cancellation',
       format('boxoffice-refund-%s-%s', :card_payment_id::bigint,
              (SELECT count(*) + 1 FROM card_refunds WHERE card_payment_id = :card_payment_id)),
       :transfer_id
RETURNING id;

--! due_refunds : CardRefund
-- Refunds the provider has not accepted yet, oldest first, up to `limit`
-- (card_refunds_pending_idx). Not locked: they are sent outside any transaction, and their
-- provider-side idempotency keys make a refund sent twice (by two replicas) one refund.
SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status,
       r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error,
       r.created_at
FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id
WHERE r.status = 'pending'
ORDER BY r.created_at
LIMIT :limit;

--! due_refunds_of : CardRefund
-- The refunds of one card payment the provider has not accepted yet, oldest first
-- (card_refunds_card_payment_id_idx): what a request or a webhook just made.
SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status,
       r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error,
       r.created_at
FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id
WHERE r.card_payment_id = :card_payment_id AND r.status = 'pending'
ORDER BY r.id;

--! settle_refund (provider_refund_id?, last_error?)
-- What the provider said of a refund: done (`succeeded`), refused (`failed`), or still to
-- send or to ask about again (`pending`), with its id and the last error.
UPDATE card_refunds
SET status = :status, provider_refund_id = coalesce(:provider_refund_id, provider_refund_id),
    attempts = attempts + 1, last_error = :last_error, updated_at = now()
WHERE id = :id AND status = 'pending';

--! open_payments_past_hold : CardPayment
-- Card payments still open after their hold ended, oldest first (card_payments_open_idx):
-- the sweep asks the provider what became of them. Not locked: the provider is asked
-- outside any transaction, and what it says is applied under the locks.
SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
FROM card_payments
WHERE status IN ('requires_payment_method', 'requires_action', 'processing')
  AND hold_expires_at <= now()
ORDER BY hold_expires_at
LIMIT :limit;

--! get_card_payment : CardPayment
-- One card payment, if its booking is the user's or the user is an admin (primary key).
SELECT p.id, p.booking_id, p.provider, p.provider_payment_id, p.provider_idempotency_key,
       p.amount, p.currency, p.status, p.client_secret, p.next_action, p.failure_reason,
       p.refunded_amount, p.hold_expires_at, p.transfer_id, p.created_at
FROM card_payments p JOIN bookings b ON b.id = p.booking_id
WHERE p.id = :id AND (b.user_id = :user_id OR :is_admin);

--! refunds_of_payments : CardRefund
-- The refunds of card payments, oldest first (card_refunds_card_payment_id_idx).
SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status,
       r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error,
       r.created_at
FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id
WHERE r.card_payment_id = ANY(:card_payment_ids)
ORDER BY r.card_payment_id, r.id;

--! card_payments_of_bookings : CardPayment
-- The card payments of bookings, each booking's newest first (card_payments_booking_id_idx).
SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
FROM card_payments
WHERE booking_id = ANY(:booking_ids)
ORDER BY booking_id, id DESC;

--! record_provider_event
-- Records a provider event as applied; no row if it was already (provider_events_pkey): it
-- commits with what applying it changed, so an event is applied exactly once.
INSERT INTO provider_events (provider, event_id, type)
VALUES (:provider, :event_id, :type)
ON CONFLICT DO NOTHING
RETURNING event_id;

--! all_card_payments : CardPayment
-- Every card payment that reached the provider, for `boxoffice payments reconcile`.
-- vet: allow seq scan: the reconciliation reads every card payment, by design
SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount,
       currency, status, client_secret, next_action, failure_reason, refunded_amount,
       hold_expires_at, transfer_id, created_at
FROM card_payments
WHERE provider_payment_id IS NOT NULL
ORDER BY id;

--! all_card_refunds : CardRefund
-- Every refund to a card, for `boxoffice payments reconcile`.
-- vet: allow seq scan: the reconciliation reads every refund, by design
SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status,
       r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error,
       r.created_at
FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id
ORDER BY r.card_payment_id, r.id;

--! clearing_balances : ClearingBalance
-- Each currency's provider clearing account and the sum of its entries (what the provider
-- owes the box office, negated), for `boxoffice payments reconcile`.
-- vet: allow seq scan: the reconciliation reads every clearing account, by design
-- vet: not null: balance: coalesce(sum(…), 0)
SELECT a.currency, coalesce(sum(e.amount), 0)::bigint AS balance
FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
WHERE a.kind = 'clearing'
GROUP BY a.currency
ORDER BY a.currency;

--! purge_provider_events
-- Forgets up to `batch` provider events received more than `retention_days` ago
-- (provider_events_received_at_idx): the provider no longer sends them again. Returns how
-- many.
DELETE FROM provider_events
WHERE (provider, event_id) IN (
    SELECT provider, event_id FROM provider_events
    WHERE received_at < now() - make_interval(days => :retention_days)
    ORDER BY received_at
    LIMIT :batch
);

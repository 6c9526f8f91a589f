-- Card payments through a payment provider (Stripe's PaymentIntents), and a ledger that no
-- payment queues on.
--
-- The ledger: every payment of a currency used to lock and update the one box-office revenue
-- account, so that a premiere's payments waited on one row. A system account (cash, revenue,
-- and now each currency's provider clearing account) keeps no balance column any more: its
-- balance is the sum of its entries, read when wanted (ledger check, reports). Entries are
-- appended, never updated, so payments into one currency no longer write a shared row.
-- Wallets keep their balance, which the entries move and which never goes below zero.

-- What the payment provider owes the box office: card money lands here when a charge
-- succeeds and leaves it with each refund (the accounts are made by the next migration, as
-- a new enum value cannot be used in the transaction that adds it).
-- IF NOT EXISTS: the down migration cannot remove the value, so up, down, up finds it.
ALTER TYPE account_kind ADD VALUE IF NOT EXISTS 'clearing' AFTER 'revenue';

CREATE OR REPLACE FUNCTION entries_apply_to_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount
    WHERE id = NEW.account_id AND kind = 'user';
    IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = NEW.account_id) THEN
        RAISE EXCEPTION 'entry % names no account %', NEW.id, NEW.account_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$;

-- The system accounts' balances as kept so far go: their entries say them.
ALTER TABLE accounts DISABLE TRIGGER accounts_balance_from_entries;
UPDATE accounts SET balance = 0 WHERE kind <> 'user';
ALTER TABLE accounts ENABLE TRIGGER accounts_balance_from_entries;
-- The check reads accounts once (a row per wallet) while this migration holds the lock that
-- DISABLE TRIGGER took above, which writes to accounts wait for already; NOT VALID would
-- save nothing.
ALTER TABLE accounts
    -- squawk-ignore constraint-missing-not-valid
    ADD CONSTRAINT accounts_system_balance_from_entries CHECK (kind = 'user' OR balance = 0);

-- Where a card payment is. Open: requires_payment_method (made, or waiting for the customer's
-- card), requires_action (3-D Secure), processing. Then succeeded (the booking confirmed) or
-- failed (declined, abandoned); partially_refunded and refunded after refunds.
CREATE TYPE card_payment_status AS ENUM (
    'requires_payment_method', 'requires_action', 'processing', 'succeeded', 'failed',
    'partially_refunded', 'refunded');

CREATE TABLE card_payments (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id          bigint              NOT NULL REFERENCES bookings (id),
    provider            text                NOT NULL,
    -- The provider's payment intent; null only while it is being made (the row is written
    -- first, so that two requests for one booking make one intent).
    provider_payment_id text,
    -- The provider-side idempotency key the intent is made with: a retry, a crash between the
    -- provider's answer and the commit, or a concurrent request never makes a second one.
    provider_idempotency_key text           NOT NULL,
    -- In minor units of `currency`: the booking's amount when the payment was made.
    amount              bigint              NOT NULL CHECK (amount > 0),
    currency            text                NOT NULL REFERENCES currencies (code),
    status              card_payment_status NOT NULL DEFAULT 'requires_payment_method',
    client_secret       text,
    next_action         jsonb,
    failure_reason      text,
    refunded_amount     bigint              NOT NULL DEFAULT 0,
    hold_expires_at     timestamptz         NOT NULL,
    -- The ledger transfer of a success: the provider's clearing account to revenue.
    transfer_id         bigint              REFERENCES transfers (id),
    created_at          timestamptz         NOT NULL DEFAULT now(),
    updated_at          timestamptz         NOT NULL DEFAULT now(),
    CONSTRAINT card_payments_provider_payment_key UNIQUE (provider, provider_payment_id),
    CONSTRAINT card_payments_provider_idempotency_key UNIQUE (provider_idempotency_key),
    CONSTRAINT card_payments_refunded_check
        CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    -- A payment that confirmed its booking has its revenue in the ledger.
    CONSTRAINT card_payments_sold_has_transfer
        CHECK (status NOT IN ('succeeded', 'partially_refunded') OR transfer_id IS NOT NULL),
    -- A charge (sold, or refunded for selling nothing) names the provider's intent, which
    -- its refunds go to.
    CONSTRAINT card_payments_charged_has_intent
        CHECK (status NOT IN ('succeeded', 'partially_refunded', 'refunded')
               OR provider_payment_id IS NOT NULL)
);

-- A booking has at most one open card payment: asking again returns it.
CREATE UNIQUE INDEX card_payments_one_open_per_booking ON card_payments (booking_id)
    WHERE status IN ('requires_payment_method', 'requires_action', 'processing');
-- A booking's card payments, newest first (bookings_as_read); the sweep's open payments past
-- their hold.
CREATE INDEX card_payments_booking_id_idx ON card_payments (booking_id, id);
CREATE INDEX card_payments_open_idx ON card_payments (hold_expires_at)
    WHERE status IN ('requires_payment_method', 'requires_action', 'processing');
CREATE INDEX card_payments_transfer_id_idx ON card_payments (transfer_id);

-- Refunds to the card: one per cancellation (or one of the whole amount for a success that
-- came after the seats were gone), each with its own provider-side idempotency key. Pending
-- until the provider accepts it; the sweep retries those it has not.
CREATE TYPE card_refund_status AS ENUM ('pending', 'succeeded', 'failed');

CREATE TABLE card_refunds (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_payment_id    bigint             NOT NULL REFERENCES card_payments (id),
    -- In minor units of the payment's currency.
    amount             bigint             NOT NULL CHECK (amount > 0),
    reason             text               NOT NULL,
    status             card_refund_status NOT NULL DEFAULT 'pending',
    provider_refund_id text,
    provider_idempotency_key text         NOT NULL UNIQUE,
    -- The ledger transfer of a refund of seats that were sold: revenue back to clearing.
    transfer_id        bigint             REFERENCES transfers (id),
    attempts           integer            NOT NULL DEFAULT 0,
    last_error         text,
    created_at         timestamptz        NOT NULL DEFAULT now(),
    updated_at         timestamptz        NOT NULL DEFAULT now()
);
CREATE INDEX card_refunds_card_payment_id_idx ON card_refunds (card_payment_id);
CREATE INDEX card_refunds_pending_idx ON card_refunds (created_at) WHERE status = 'pending';
CREATE INDEX card_refunds_transfer_id_idx ON card_refunds (transfer_id);

-- Provider events applied, by the provider's id: each is applied once, however often and in
-- whatever order it arrives.
CREATE TABLE provider_events (
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

-- payment.completed for a card payment that confirmed its booking (a wallet payment writes
-- its own on insert, migration 000014). The aggregate is `card_payment`: card payments
-- number their ids apart from wallet payments.
CREATE FUNCTION card_payment_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('card_payment', NEW.id, 'payment.completed',
        jsonb_build_object('id', NEW.id, 'booking_id', NEW.booking_id, 'method', 'card',
                           'provider', NEW.provider,
                           'provider_payment_id', NEW.provider_payment_id,
                           'transfer_id', NEW.transfer_id, 'amount', NEW.amount,
                           'currency', NEW.currency));
    RETURN NULL;
END;
$$;
CREATE TRIGGER card_payments_completed AFTER UPDATE OF status ON card_payments
    FOR EACH ROW WHEN (NEW.status = 'succeeded' AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION card_payment_event();

-- payment.refunded for each refund to a card.
CREATE FUNCTION card_refund_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('card_payment', p.id, 'payment.refunded',
        jsonb_build_object('id', p.id, 'booking_id', p.booking_id, 'method', 'card',
                           'refund_id', NEW.id, 'reason', NEW.reason,
                           'transfer_id', NEW.transfer_id, 'amount', NEW.amount,
                           'currency', p.currency))
    FROM card_payments p WHERE p.id = NEW.card_payment_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER card_refunds_made AFTER INSERT ON card_refunds
    FOR EACH ROW EXECUTE FUNCTION card_refund_event();

GRANT SELECT, INSERT ON card_payments TO boxoffice_app;
GRANT UPDATE (provider_payment_id, status, client_secret, next_action, failure_reason,
              refunded_amount, hold_expires_at, transfer_id, updated_at)
    ON card_payments TO boxoffice_app;
GRANT SELECT, INSERT ON card_refunds TO boxoffice_app;
GRANT UPDATE (status, provider_refund_id, attempts, last_error, updated_at)
    ON card_refunds TO boxoffice_app;
GRANT SELECT, INSERT ON provider_events TO boxoffice_app;
-- A late success confirms a booking its hold had expired, if its seats are still free.
GRANT UPDATE (expires_at) ON bookings TO boxoffice_app;

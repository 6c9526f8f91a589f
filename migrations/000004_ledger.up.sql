-- The wallet ledger (double entry), payments of bookings, and idempotency keys.

-- ISO 4217 currencies the service accepts, with their number of minor units.
CREATE TABLE currencies (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4)
);
INSERT INTO currencies (code, minor_units) VALUES
    ('AUD', 2), ('BRL', 2), ('CAD', 2), ('CHF', 2), ('CNY', 2), ('DKK', 2), ('EUR', 2),
    ('GBP', 2), ('INR', 2), ('JPY', 0), ('MXN', 2), ('NOK', 2), ('NZD', 2), ('PLN', 2),
    ('SEK', 2), ('USD', 2), ('ZAR', 2);

-- Screenings are priced in an accepted currency too.
ALTER TABLE screenings
    ADD CONSTRAINT screenings_currency_fkey FOREIGN KEY (currency) REFERENCES currencies (code);

-- `user` accounts are wallets; each currency also has two system accounts: `cash`, where
-- deposits come from, and `revenue`, where ticket payments go.
CREATE TYPE account_kind AS ENUM ('user', 'cash', 'revenue');

CREATE TABLE accounts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       account_kind NOT NULL DEFAULT 'user',
    owner_id   bigint       REFERENCES users (id),
    currency   text         NOT NULL REFERENCES currencies (code),
    -- In minor units of `currency`. Always the sum of the account's entries.
    balance    bigint       NOT NULL DEFAULT 0,
    created_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT accounts_owner_check CHECK ((kind = 'user') = (owner_id IS NOT NULL)),
    -- A wallet never goes below zero; only system accounts may.
    CONSTRAINT accounts_balance_check CHECK (kind <> 'user' OR balance >= 0)
);

-- One wallet per user per currency; serves the caller's account list (keyset on id).
CREATE UNIQUE INDEX accounts_owner_currency_key ON accounts (owner_id, currency) WHERE kind = 'user';
CREATE INDEX accounts_owner_id_idx ON accounts (owner_id, id) WHERE kind = 'user';
-- One cash and one revenue account per currency.
CREATE UNIQUE INDEX accounts_system_key ON accounts (kind, currency) WHERE kind <> 'user';

INSERT INTO accounts (kind, currency)
SELECT kind, code
FROM currencies, unnest(ARRAY['cash', 'revenue']::account_kind[]) AS kind;

CREATE TABLE transfers (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_account_id bigint      NOT NULL REFERENCES accounts (id),
    to_account_id   bigint      NOT NULL REFERENCES accounts (id),
    -- In minor units of `currency`.
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        text        NOT NULL REFERENCES currencies (code),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT transfers_distinct_accounts CHECK (from_account_id <> to_account_id)
);

-- Serve "transfers the caller is party to" and the foreign keys.
CREATE INDEX transfers_from_account_id_idx ON transfers (from_account_id);
CREATE INDEX transfers_to_account_id_idx ON transfers (to_account_id);

CREATE TABLE entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id),
    transfer_id bigint      NOT NULL REFERENCES transfers (id),
    -- Signed, in minor units: negative debits the account, positive credits it.
    amount      bigint      NOT NULL CHECK (amount <> 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Serves an account's entries (keyset on id) and the ledger check.
CREATE INDEX entries_account_id_idx ON entries (account_id, id);
-- Serves the double-entry check of a transfer.
CREATE INDEX entries_transfer_id_idx ON entries (transfer_id);

-- Double entry, checked by the database at commit: every transfer has exactly two entries,
-- a debit of its source and a credit of its destination, of its amount.
CREATE FUNCTION transfers_check_double_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM entries e
        WHERE e.transfer_id = NEW.id
          AND ((e.account_id = NEW.from_account_id AND e.amount = -NEW.amount)
            OR (e.account_id = NEW.to_account_id AND e.amount = NEW.amount))) <> 2
       OR (SELECT count(*) FROM entries e WHERE e.transfer_id = NEW.id) <> 2
    THEN
        RAISE EXCEPTION 'transfer % does not have exactly two balancing entries', NEW.id
            USING ERRCODE = 'integrity_constraint_violation',
                  CONSTRAINT = 'transfers_double_entry';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER transfers_double_entry
    AFTER INSERT ON transfers
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION transfers_check_double_entry();

-- The ledger is append-only: entries and transfers are never changed or removed.
CREATE FUNCTION ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

CREATE TYPE payment_status AS ENUM ('completed', 'refunded');

CREATE TABLE payments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id  bigint         NOT NULL REFERENCES bookings (id),
    account_id  bigint         NOT NULL REFERENCES accounts (id),
    transfer_id bigint         NOT NULL REFERENCES transfers (id),
    -- In minor units of `currency`: the booking's amount.
    amount      bigint         NOT NULL CHECK (amount > 0),
    currency    text           NOT NULL REFERENCES currencies (code),
    status      payment_status NOT NULL DEFAULT 'completed',
    -- The reverse transfer of a refund.
    refund_transfer_id bigint  REFERENCES transfers (id),
    created_at  timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT payments_refund_check CHECK ((status = 'refunded') = (refund_transfer_id IS NOT NULL))
);

-- A booking is paid at most once; serves the refund's lookup of the payment.
CREATE UNIQUE INDEX payments_booking_id_key ON payments (booking_id);
-- Serves the foreign keys.
CREATE INDEX payments_account_id_idx ON payments (account_id);
CREATE INDEX payments_transfer_id_idx ON payments (transfer_id);

-- Idempotency keys of money-moving requests: the first request with a key stores its
-- response in the same transaction as its effect; a replay returns it.
CREATE TABLE idempotency_keys (
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- SHA-256 of the operation and its body: the same key with another request is refused.
    request_hash    bytea       NOT NULL,
    -- Set before the transaction that claimed the key commits.
    response_status smallint,
    response_body   jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);

-- Serves the purge of keys older than 24 hours.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);

-- The database guards the ledger by itself, whatever statement a bug or an intruder sends:
-- a transfer's entries balance however they are inserted, a balance changes only with an
-- entry, the ledger cannot be truncated, and moving money is one function that either does
-- all of it or refuses.

-- Double entry, checked at commit for every transfer and every entry: the transfer has
-- exactly two entries, the debit of its source and the credit of its destination, of its
-- amount. Checking on entries too catches a third entry added to an old transfer.
CREATE FUNCTION ledger_check_transfer(checked bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM entries e JOIN transfers t ON t.id = e.transfer_id
        WHERE e.transfer_id = checked
          AND ((e.account_id = t.from_account_id AND e.amount = -t.amount)
            OR (e.account_id = t.to_account_id AND e.amount = t.amount))) <> 2
       OR (SELECT count(*) FROM entries e WHERE e.transfer_id = checked) <> 2
    THEN
        RAISE EXCEPTION 'transfer % does not have exactly two balancing entries', checked
            USING ERRCODE = 'integrity_constraint_violation',
                  CONSTRAINT = 'transfers_double_entry';
    END IF;
END;
$$;

CREATE OR REPLACE FUNCTION transfers_check_double_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_transfer(NEW.id);
    RETURN NULL;
END;
$$;

CREATE FUNCTION entries_check_double_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_transfer(NEW.transfer_id);
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER entries_double_entry
    AFTER INSERT ON entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION entries_check_double_entry();

-- A balance is the sum of its entries, kept so by the entries themselves: inserting an entry
-- moves its account's balance, and nothing else may.
CREATE FUNCTION entries_apply_to_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'entry % names no account %', NEW.id, NEW.account_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER entries_apply_to_balance
    AFTER INSERT ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_apply_to_balance();

-- A statement that changes a balance directly runs this at trigger depth 1; the entries
-- trigger's own update runs it at depth 2.
CREATE FUNCTION accounts_balance_from_entries_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.balance IS DISTINCT FROM OLD.balance AND pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'the balance of account % changes only through ledger entries', OLD.id
            USING ERRCODE = 'integrity_constraint_violation',
                  CONSTRAINT = 'accounts_balance_from_entries';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER accounts_balance_from_entries
    BEFORE UPDATE OF balance ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_balance_from_entries_only();

-- The ledger is never emptied, not even by its owner without first dropping these.
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON transfers
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Moving money: `amount` from one account to another in `currency`. Refuses (no row) when
-- the source is a wallet with less than the amount; raises when an account is missing or in
-- another currency (the workflows check that first, so it is a bug). Otherwise writes the
-- transfer and its two entries, whose trigger moves both balances: all of it, or nothing.
-- The caller locks both accounts first (queries/ledger.sql, lock_accounts).
CREATE FUNCTION post_transfer(source_id bigint, destination_id bigint, moved bigint,
                              moved_currency text)
RETURNS SETOF transfers
LANGUAGE plpgsql AS $$
DECLARE
    source accounts;
    destination accounts;
    posted transfers;
BEGIN
    SELECT * INTO source FROM accounts WHERE id = source_id;
    SELECT * INTO destination FROM accounts WHERE id = destination_id;
    IF source.id IS NULL OR destination.id IS NULL
       OR source.currency <> moved_currency OR destination.currency <> moved_currency THEN
        RAISE EXCEPTION 'no transfer of % from account % to account %', moved_currency,
                        source_id, destination_id
            USING ERRCODE = 'integrity_constraint_violation',
                  DETAIL = 'both accounts must exist and be in the transfer''s currency';
    END IF;
    IF source.kind = 'user' AND source.balance < moved THEN
        RETURN;
    END IF;
    INSERT INTO transfers (from_account_id, to_account_id, amount, currency)
    VALUES (source_id, destination_id, moved, moved_currency)
    RETURNING * INTO posted;
    INSERT INTO entries (account_id, transfer_id, amount, created_at)
    VALUES (source_id, posted.id, -moved, posted.created_at),
           (destination_id, posted.id, moved, posted.created_at);
    RETURN NEXT posted;
END;
$$;

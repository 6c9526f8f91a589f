DROP FUNCTION post_transfer(bigint, bigint, bigint, text);
DROP TRIGGER transfers_no_truncate ON transfers;
DROP TRIGGER entries_no_truncate ON entries;
DROP TRIGGER accounts_balance_from_entries ON accounts;
DROP FUNCTION accounts_balance_from_entries_only();
DROP TRIGGER entries_apply_to_balance ON entries;
DROP FUNCTION entries_apply_to_balance();
DROP TRIGGER entries_double_entry ON entries;
DROP FUNCTION entries_check_double_entry();
CREATE OR REPLACE FUNCTION transfers_check_double_entry() RETURNS trigger
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
DROP FUNCTION ledger_check_transfer(bigint);

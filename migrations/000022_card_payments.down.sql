-- loses: card_payments, card_refunds, provider_events
-- A new enum value cannot be removed: account_kind keeps 'clearing'.
REVOKE UPDATE (expires_at) ON bookings FROM boxoffice_app;
DROP TRIGGER card_refunds_made ON card_refunds;
DROP FUNCTION card_refund_event();
DROP TRIGGER card_payments_completed ON card_payments;
DROP FUNCTION card_payment_event();
DROP TABLE provider_events;
DROP TABLE card_refunds;
DROP TYPE card_refund_status;
DROP TABLE card_payments;
DROP TYPE card_payment_status;
ALTER TABLE accounts DROP CONSTRAINT accounts_system_balance_from_entries;
-- The system accounts' balances again as the sum of their entries.
ALTER TABLE accounts DISABLE TRIGGER accounts_balance_from_entries;
UPDATE accounts a SET balance = coalesce((SELECT sum(e.amount) FROM entries e
                                          WHERE e.account_id = a.id), 0)
WHERE a.kind <> 'user';
ALTER TABLE accounts ENABLE TRIGGER accounts_balance_from_entries;
CREATE OR REPLACE FUNCTION entries_apply_to_balance() RETURNS trigger
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

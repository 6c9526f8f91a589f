-- loses: transfers, payments, idempotency_keys (entries go with transfers; accounts and currencies hold what the migrations seed and wallets, whose money is in transfers)
DROP TABLE idempotency_keys;
DROP TABLE payments;
DROP TYPE payment_status;
DROP TRIGGER transfers_append_only ON transfers;
DROP TRIGGER entries_append_only ON entries;
DROP FUNCTION ledger_append_only();
DROP TRIGGER transfers_double_entry ON transfers;
DROP FUNCTION transfers_check_double_entry();
DROP TABLE entries;
DROP TABLE transfers;
DROP TABLE accounts;
DROP TYPE account_kind;
ALTER TABLE screenings DROP CONSTRAINT screenings_currency_fkey;
DROP TABLE currencies;

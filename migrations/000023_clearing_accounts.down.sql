-- Refused if a clearing account has entries (the ledger is append-only).
DELETE FROM accounts WHERE kind = 'clearing';

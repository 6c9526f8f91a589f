--: Account()
--: LockedAccount()
--: Transfer()
--: Entry()
--: CurrencyImbalance()
--: CardAccounts()
--: BalanceMismatch()

--! open_account : Account
-- vet: not null: owner_id: a wallet always has an owner (accounts_owner_check)
-- Opens a wallet. Violates accounts_owner_currency_key if the user has one in that currency,
-- accounts_currency_fkey if the currency is not accepted.
INSERT INTO accounts (kind, owner_id, currency)
VALUES ('user', :owner_id, :currency)
RETURNING id, owner_id, currency, balance, created_at;

--! list_accounts : Account
-- vet: not null: owner_id: only wallets are read, and a wallet has an owner (accounts_owner_check)
-- A keyset page of the user's wallets (accounts_owner_id_idx). `limit` is the page size + 1.
SELECT id, owner_id, currency, balance, created_at
FROM accounts
WHERE kind = 'user' AND owner_id = :owner_id AND id > :after
ORDER BY id
LIMIT :limit;

--! get_account : Account
-- vet: not null: owner_id: only wallets are read, and a wallet has an owner (accounts_owner_check)
-- One of the user's wallets; another user's account or a system account is no row.
SELECT id, owner_id, currency, balance, created_at
FROM accounts
WHERE id = :id AND kind = 'user' AND owner_id = :owner_id;

--! lock_accounts (owner_id?, system_kind?, system_currency?) : LockedAccount
-- Locks the wallets among `ids` in ascending id order (every workflow takes account locks in
-- this one order, so transfers running in opposite directions never deadlock), and finds the
-- system account of `system_kind` in `system_currency` if given, without locking it: a system
-- account keeps no balance to guard (its entries are its balance, migration 000022), so
-- payments into one currency do not wait on one row. `owns` tells whether `owner_id` owns
-- each (accounts_pkey; accounts_system_key).
-- vet: not null: id, kind, currency, balance, owns: the accounts' NOT NULL columns, and IS NOT DISTINCT FROM, through the union
WITH wallets AS (
    SELECT id, kind, currency, balance, owner_id IS NOT DISTINCT FROM :owner_id AS owns
    FROM accounts
    WHERE id = ANY(:ids::bigint[]) AND kind = 'user'
    ORDER BY id
    FOR NO KEY UPDATE
)
SELECT id, kind, currency, balance, owns FROM wallets
UNION ALL
SELECT id, kind, currency, balance, false AS owns
FROM accounts
WHERE kind <> 'user' AND kind = :system_kind AND currency = :system_currency;

--! get_wallet : Account
-- vet: not null: owner_id: only wallets are read, and a wallet has an owner (accounts_owner_check)
-- Any user's wallet by id (primary key), for admin deposits.
SELECT id, owner_id, currency, balance, created_at
FROM accounts
WHERE id = :id AND kind = 'user';

--! post_transfer : Transfer
-- vet: not null: id, from_account_id, to_account_id, amount, currency, created_at: the columns of the transfers row the function returns, all NOT NULL
-- Moves `amount` between two accounts already locked by lock_accounts, through the
-- database's post_transfer function (migration 000009): the transfer and its two entries,
-- whose trigger moves both balances, all or nothing. No row when the source is a wallet
-- without the funds; an error when an account is missing or in another currency.
SELECT id, from_account_id, to_account_id, amount, currency, created_at
FROM post_transfer(:from_account_id, :to_account_id, :amount, :currency);

--! get_transfer : Transfer
-- A transfer the user is party to (owns its source or its destination).
SELECT t.id, t.from_account_id, t.to_account_id, t.amount, t.currency, t.created_at
FROM transfers t
WHERE t.id = :id
  AND EXISTS (
      SELECT 1 FROM accounts a
      WHERE a.id IN (t.from_account_id, t.to_account_id) AND a.owner_id = :user_id
  );

--! list_entries : Entry
-- A keyset page of an account's entries (entries_account_id_idx). `limit` is the page size + 1.
SELECT id, account_id, transfer_id, amount, created_at
FROM entries
WHERE account_id = :account_id AND id > :after
ORDER BY id
LIMIT :limit;

--! currency_imbalances : CurrencyImbalance
-- vet: allow seq scan: the ledger check reads every entry, by design
-- vet: not null: total: sum over a group that has rows
-- The ledger check: currencies whose entries do not sum to zero (money created or lost).
SELECT currency, sum(e.amount)::bigint AS total
FROM entries e JOIN accounts a ON a.id = e.account_id
GROUP BY currency
HAVING sum(e.amount) <> 0;

--! balance_mismatches : BalanceMismatch
-- vet: allow seq scan: the ledger check reads every account and entry, by design
-- vet: not null: entries_total: coalesce(…, 0)
-- The ledger check: wallets whose balance is not the sum of their entries, or below 0. (A
-- system account's balance is the sum of its entries by definition: migration 000022.)
SELECT a.id, a.balance, coalesce(e.total, 0)::bigint AS entries_total
FROM accounts a
LEFT JOIN (SELECT account_id, sum(amount) AS total FROM entries GROUP BY account_id) e
       ON e.account_id = a.id
WHERE a.kind = 'user' AND (a.balance <> coalesce(e.total, 0) OR a.balance < 0);

--! ledger_totals
-- vet: allow seq scan: the ledger check counts every account, transfer and entry, by design
-- vet: not null: accounts, transfers, entries: count(*) is never null
-- The ledger check's summary: how many accounts, transfers and entries it verified.
SELECT (SELECT count(*) FROM accounts) AS accounts,
       (SELECT count(*) FROM transfers) AS transfers,
       (SELECT count(*) FROM entries) AS entries;

--! card_accounts : CardAccounts
-- The accounts card money moves between in a currency: the provider's clearing account and
-- the box office's revenue (accounts_system_key). Neither is locked: system accounts keep no
-- balance to guard (migration 000022).
-- vet: not null: clearing, revenue: the system accounts of an accepted currency exist
SELECT (SELECT id FROM accounts WHERE kind = 'clearing' AND currency = :currency) AS clearing,
       (SELECT id FROM accounts WHERE kind = 'revenue' AND currency = :currency) AS revenue;

//! The ledger engine: every movement of money is a transfer between two accounts, written as
//! exactly two entries that sum to zero. The database guards this by itself (migration
//! 000009): the entries of every transfer are checked at commit, an entry moves its account's
//! balance and nothing else may, and the database's `post_transfer` writes a transfer and its
//! entries or nothing.
//! Workflows lock the accounts they touch in ascending id order ([`lock_accounts`]), so
//! concurrent transfers in opposite directions never deadlock. [`check`] verifies the books
//! (`boxoffice ledger check`).

use chrono::{DateTime, Utc};
use codegen::client::Params as _;
use codegen::queries::ledger as q;
use codegen::types::AccountKind;
use deadpool_postgres::{Pool, Transaction};
use poem_openapi::Object;

use crate::platform::db::read_snapshot;
use crate::platform::db_errors::QueryError;
use crate::platform::problem::ApiError;

/// Money moved from one account to another.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The transfer's id.
    pub id: i64,
    /// Where the money came from.
    pub from_account_id: i64,
    /// Where it went.
    pub to_account_id: i64,
    /// How much, in minor units of `currency`; always positive.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// When it happened (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Transfer> for Transfer {
    fn from(row: q::Transfer) -> Self {
        Transfer {
            id: row.id,
            from_account_id: row.from_account_id,
            to_account_id: row.to_account_id,
            amount: row.amount,
            currency: row.currency,
            created_at: row.created_at,
        }
    }
}

/// 404 `account_not_found`.
pub fn account_not_found(id: i64) -> ApiError {
    ApiError::not_found("account_not_found", format!("you have no account {id}"))
}

/// Accounts locked for a workflow: the wallets asked for, and the system account asked for.
pub struct LockedAccounts(Vec<q::LockedAccount>);

impl LockedAccounts {
    /// The wallet `id` if `owner_id` (given to [`lock_accounts`]) owns it.
    pub fn owned_wallet(&self, id: i64) -> Option<&q::LockedAccount> {
        self.0
            .iter()
            .find(|a| a.id == id && a.kind == AccountKind::User && a.owns)
    }

    /// The wallet `id`, whoever owns it.
    pub fn wallet(&self, id: i64) -> Option<&q::LockedAccount> {
        self.0
            .iter()
            .find(|a| a.id == id && a.kind == AccountKind::User)
    }

    /// The system account of `kind`.
    pub fn system(&self, kind: AccountKind) -> Result<&q::LockedAccount, ApiError> {
        self.0
            .iter()
            .find(|a| a.kind == kind)
            .ok_or_else(|| ApiError::Internal(format!("no {kind:?} system account")))
    }
}

/// Locks the wallets `ids` and, if asked, the `system` account of a currency, in ascending id
/// order (the one lock order of every money workflow). `owner_id` decides
/// [`LockedAccounts::owned_wallet`].
pub async fn lock_accounts(
    tx: &Transaction<'_>,
    owner_id: Option<i64>,
    ids: &[i64],
    system: Option<(AccountKind, &str)>,
) -> Result<LockedAccounts, ApiError> {
    let rows = q::lock_accounts()
        .params(
            tx,
            &q::LockAccountsParams {
                owner_id,
                ids,
                system_kind: system.map(|(kind, _)| kind),
                system_currency: system.map(|(_, currency)| currency),
            },
        )
        .all()
        .await?;
    Ok(LockedAccounts(rows))
}

/// Moves `amount` from `from` to `to` (both locked by [`lock_accounts`]): the transfer and its
/// two entries, which move both balances, in one statement.
///
/// Errors: 409 `insufficient_funds` when `from` is a wallet with less than `amount`; a
/// database error (500) when an account is missing or in another currency, which the
/// workflows rule out first.
pub async fn post_transfer(
    tx: &Transaction<'_>,
    from: i64,
    to: i64,
    amount: i64,
    currency: &str,
) -> Result<Transfer, ApiError> {
    let transfer = q::post_transfer()
        .params(
            tx,
            &q::PostTransferParams {
                amount,
                from_account_id: from,
                currency,
                to_account_id: to,
            },
        )
        .opt()
        .await?
        .ok_or_else(|| {
            ApiError::conflict(
                "insufficient_funds",
                format!("account {from} has less than {amount} {currency} minor units"),
            )
        })?;
    Ok(transfer.into())
}

/// What `boxoffice ledger check` found.
#[derive(Debug, Default)]
pub struct LedgerReport {
    /// Accounts, transfers and entries verified.
    pub accounts: i64,
    pub transfers: i64,
    pub entries: i64,
    /// Each problem found, in words; empty when the ledger balances.
    pub problems: Vec<String>,
}

/// Verifies that money was neither created nor lost: per currency, all entries sum to zero;
/// every wallet's balance equals the sum of its entries, and none is below zero (a system
/// account's balance is the sum of its entries by definition). Reads one consistent snapshot.
pub async fn check(pool: &Pool) -> Result<LedgerReport, QueryError> {
    let mut client = pool.get().await?;
    let tx = read_snapshot(&mut client).await?;
    let totals = q::ledger_totals().bind(&tx).one().await?;
    let mut report = LedgerReport {
        accounts: totals.accounts,
        transfers: totals.transfers,
        entries: totals.entries,
        problems: Vec::new(),
    };
    for imbalance in q::currency_imbalances().bind(&tx).all().await? {
        report.problems.push(format!(
            "the entries in {} sum to {} instead of 0",
            imbalance.currency, imbalance.total
        ));
    }
    for mismatch in q::balance_mismatches().bind(&tx).all().await? {
        report.problems.push(format!(
            "account {} has balance {} but its entries sum to {}",
            mismatch.id, mismatch.balance, mismatch.entries_total
        ));
    }
    tx.commit().await?;
    Ok(report)
}

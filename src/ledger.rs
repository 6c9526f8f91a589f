//! The wallet ledger: accounts, double-entry transfers, deposits, and the ledger check.
//!
//! Every movement of money is a transfer between two accounts, written as exactly two entries
//! that sum to zero (the database checks this at commit). An account's balance is the sum of
//! its entries: the transfer statement updates both in one statement. Workflows lock the
//! accounts they touch in ascending id order ([`lock_accounts`]), so concurrent transfers in
//! opposite directions never deadlock.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::client::Params as _;
use codegen::queries::ledger as q;
use codegen::types::AccountKind;
use deadpool_postgres::{Pool, Transaction};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};

use crate::AppState;
use crate::auth::BearerAuth;
use crate::db::{Workflow, in_transaction};
use crate::http::{Page, PageRequest, default_page_size};
use crate::idempotency;
use crate::problem::ApiError;
use crate::problem_responses;

/// A wallet: money of one user in one currency.
#[derive(Object, Debug, Clone)]
pub struct Account {
    /// The account's id.
    pub id: i64,
    /// The user who owns it.
    pub owner_id: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// In minor units of `currency`; never below 0.
    pub balance: i64,
    /// When it was opened (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Account> for Account {
    fn from(row: q::Account) -> Self {
        Account {
            id: row.id,
            owner_id: row.owner_id,
            currency: row.currency,
            balance: row.balance,
            created_at: row.created_at,
        }
    }
}

/// One side of a transfer, as it changed one account.
#[derive(Object, Debug, Clone)]
pub struct Entry {
    /// The entry's id.
    pub id: i64,
    /// The account it changed.
    pub account_id: i64,
    /// The transfer it belongs to.
    pub transfer_id: i64,
    /// Signed, in minor units: negative took money out of the account, positive put it in.
    pub amount: i64,
    /// When it was posted (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Entry> for Entry {
    fn from(row: q::Entry) -> Self {
        Entry {
            id: row.id,
            account_id: row.account_id,
            transfer_id: row.transfer_id,
            amount: row.amount,
            created_at: row.created_at,
        }
    }
}

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

/// `POST /v1/accounts` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewAccount {
    /// An accepted ISO 4217 code: AUD, BRL, CAD, CHF, CNY, DKK, EUR, GBP, INR, JPY, MXN, NOK,
    /// NZD, PLN, SEK, USD or ZAR.
    #[oai(validator(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
}

/// `POST /v1/accounts/{id}/deposits` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct Deposit {
    /// How much to credit, in minor units of the account's currency, 1–1000000000.
    #[oai(validator(minimum(value = "1"), maximum(value = "1000000000")))]
    pub amount: i64,
}

/// `POST /v1/transfers` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewTransfer {
    /// One of the caller's accounts.
    pub from_account_id: i64,
    /// Any user's account in the same currency; not `from_account_id`.
    pub to_account_id: i64,
    /// How much, in minor units of `currency`, 1–1000000000.
    #[oai(validator(minimum(value = "1"), maximum(value = "1000000000")))]
    pub amount: i64,
    /// ISO 4217 code; both accounts must be in it.
    #[oai(validator(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
}

#[derive(ApiResponse)]
enum CreatedAccount {
    /// The account is open, with a balance of 0.
    #[oai(status = 201)]
    Created(Json<Account>),
}

#[derive(ApiResponse)]
enum CreatedTransfer {
    /// The money has moved. A replay of the same request with the same `Idempotency-Key`
    /// answers this again, without moving money twice.
    #[oai(status = 201)]
    Created(Json<Transfer>),
}

problem_responses! {
    enum OpenAccountError {
        /// `invalid_request`: malformed JSON, unknown fields or a value out of range.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `account_exists`: the caller already has an account in that currency.
        Conflict = 409,
        /// `payload_too_large`: the body is over 1 MiB.
        PayloadTooLarge = 413,
        /// `unsupported_media_type`: the body is missing or not `application/json`.
        UnsupportedMediaType = 415,
        /// `unsupported_currency`.
        UnprocessableEntity = 422,
    }
}

problem_responses! {
    enum ListAccountsError {
        /// `invalid_request`: a query parameter is malformed or out of range.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
    }
}

problem_responses! {
    enum AccountError {
        /// `invalid_request`: the id or a query parameter is malformed or out of range.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `account_not_found`: no such account of the caller's.
        NotFound = 404,
    }
}

problem_responses! {
    enum DepositError {
        /// `invalid_request`: malformed JSON, unknown fields or a value out of range.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `forbidden`: the caller is not an admin.
        Forbidden = 403,
        /// `account_not_found`.
        NotFound = 404,
        /// `payload_too_large`: the body is over 1 MiB.
        PayloadTooLarge = 413,
        /// `unsupported_media_type`: the body is missing or not `application/json`.
        UnsupportedMediaType = 415,
    }
}

problem_responses! {
    enum TransferError {
        /// `invalid_request` (malformed JSON, unknown fields, a value out of range, no
        /// `Idempotency-Key`) or `same_account`.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `account_not_found`: `from_account_id` is not one of the caller's accounts.
        NotFound = 404,
        /// `insufficient_funds` or `currency_mismatch`.
        Conflict = 409,
        /// `payload_too_large`: the body is over 1 MiB.
        PayloadTooLarge = 413,
        /// `unsupported_media_type`: the body is missing or not `application/json`.
        UnsupportedMediaType = 415,
        /// `destination_not_found` (`to_account_id` is not a user's account) or
        /// `idempotency_key_reused` (the key was used for another request).
        UnprocessableEntity = 422,
    }
}

problem_responses! {
    enum GetTransferError {
        /// `invalid_request`: the id is not an integer.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `transfer_not_found`: no such transfer between accounts of the caller's.
        NotFound = 404,
    }
}

/// 404 `account_not_found`.
pub fn account_not_found(id: i64) -> ApiError {
    ApiError::not_found("account_not_found", format!("you have no account {id}"))
}

/// `/v1/accounts`.
#[derive(Default)]
pub struct AccountsApi;

#[OpenApi(prefix_path = "/v1/accounts", tag = "crate::ApiTags::Accounts")]
impl AccountsApi {
    /// Open an account
    ///
    /// Opens a wallet in a currency, with a balance of 0. One per currency.
    #[oai(path = "/", method = "post", operation_id = "open_account")]
    async fn open(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        body: Json<NewAccount>,
    ) -> Result<CreatedAccount, OpenAccountError> {
        let client = state.pool.get().await?;
        let account = q::open_account()
            .bind(&client, &auth.0.user_id, &body.currency)
            .one()
            .await?;
        Ok(CreatedAccount::Created(Json(account.into())))
    }

    /// List my accounts
    #[oai(path = "/", method = "get", operation_id = "list_accounts")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// Page size, 1–100.
        #[oai(
            default = "default_page_size",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// Start after this id: the previous page's `next_after`.
        #[oai(validator(minimum(value = "0")))]
        after: Query<Option<i64>>,
    ) -> Result<Json<Page<Account>>, ListAccountsError> {
        let page = PageRequest::new(limit.0, after.0);
        let client = state.pool.get().await?;
        let rows = q::list_accounts()
            .bind(&client, &auth.0.user_id, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |a| a.id, Account::from)))
    }

    /// Get one of my accounts
    ///
    /// With its current balance.
    #[oai(path = "/:id", method = "get", operation_id = "get_account")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The account's id.
        id: Path<i64>,
    ) -> Result<Json<Account>, AccountError> {
        let client = state.pool.get().await?;
        let account = q::get_account()
            .bind(&client, &id.0, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| account_not_found(id.0))?;
        Ok(Json(account.into()))
    }

    /// List an account's entries
    ///
    /// The ledger entries of one of the caller's accounts, oldest first.
    #[oai(path = "/:id/entries", method = "get", operation_id = "list_entries")]
    async fn entries(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The account's id.
        id: Path<i64>,
        /// Page size, 1–100.
        #[oai(
            default = "default_page_size",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// Start after this id: the previous page's `next_after`.
        #[oai(validator(minimum(value = "0")))]
        after: Query<Option<i64>>,
    ) -> Result<Json<Page<Entry>>, AccountError> {
        let page = PageRequest::new(limit.0, after.0);
        let client = state.pool.get().await?;
        q::get_account()
            .bind(&client, &id.0, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| account_not_found(id.0))?;
        let rows = q::list_entries()
            .bind(&client, &id.0, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |e| e.id, Entry::from)))
    }

    /// Deposit into an account
    ///
    /// Admin only. Credits any user's account from the system cash account of its currency.
    #[oai(
        path = "/:id/deposits",
        method = "post",
        operation_id = "create_deposit"
    )]
    async fn deposit(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The account's id.
        id: Path<i64>,
        body: Json<Deposit>,
    ) -> Result<CreatedTransfer, DepositError> {
        auth.0.require_admin()?;
        let deposit = DepositMoney {
            account_id: id.0,
            amount: body.amount,
        };
        let transfer = in_transaction(&state.pool, &deposit).await?;
        Ok(CreatedTransfer::Created(Json(transfer)))
    }
}

/// `/v1/transfers`.
#[derive(Default)]
pub struct TransfersApi;

#[OpenApi(prefix_path = "/v1/transfers", tag = "crate::ApiTags::Transfers")]
impl TransfersApi {
    /// Transfer money
    ///
    /// Moves money from one of the caller's accounts to another account in the same currency.
    /// Requires an `Idempotency-Key`: retrying with the same key and body returns the first
    /// answer instead of moving the money again.
    #[oai(path = "/", method = "post", operation_id = "create_transfer")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// A unique string per intended transfer (1–255 characters), e.g. a UUID. Kept for 24
        /// hours.
        #[oai(name = "Idempotency-Key", validator(min_length = 1, max_length = 255))]
        idempotency_key: Header<String>,
        body: Json<NewTransfer>,
    ) -> Result<CreatedTransfer, TransferError> {
        let caller = auth.0.user_id;
        let request = &body.0;
        if request.from_account_id == request.to_account_id {
            return Err(ApiError::bad_request(
                "same_account",
                "the source and destination accounts are the same",
            )
            .into());
        }
        let result = idempotency::once(
            &state.pool,
            caller,
            &idempotency_key.0,
            "POST /v1/transfers",
            request,
            &TransferMoney { caller, request },
        )
        .await;
        state.metrics.transfer(&result);
        Ok(CreatedTransfer::Created(Json(result?)))
    }

    /// Get a transfer
    ///
    /// A transfer from or to one of the caller's accounts.
    #[oai(path = "/:id", method = "get", operation_id = "get_transfer")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The transfer's id.
        id: Path<i64>,
    ) -> Result<Json<Transfer>, GetTransferError> {
        let client = state.pool.get().await?;
        let transfer = q::get_transfer()
            .bind(&client, &id.0, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::not_found(
                    "transfer_not_found",
                    format!("no transfer {} involves your accounts", id.0),
                )
            })?;
        Ok(Json(transfer.into()))
    }
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

/// Moves `amount` from `from` to `to` (both locked by [`lock_accounts`]): a conditional
/// debit, the credit, the transfer and its two entries, in one statement.
///
/// Errors: 409 `insufficient_funds` when `from` is a wallet with less than `amount`.
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

/// A user's transfer from one of their wallets to any user's wallet.
///
/// Errors: 404 `account_not_found`, 422 `destination_not_found`, 409 `currency_mismatch`,
/// 409 `insufficient_funds`.
pub struct TransferMoney<'a> {
    /// Who asks; must own the source account.
    pub caller: i64,
    /// What to move where.
    pub request: &'a NewTransfer,
}

impl Workflow for TransferMoney<'_> {
    type Output = Transfer;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Transfer, ApiError> {
        let request = self.request;
        let (from, to) = (request.from_account_id, request.to_account_id);
        let locked = lock_accounts(tx, Some(self.caller), &[from, to], None).await?;
        let source = locked
            .owned_wallet(from)
            .ok_or_else(|| account_not_found(from))?;
        let destination = locked.wallet(to).ok_or_else(|| {
            ApiError::unprocessable(
                "destination_not_found",
                format!("there is no account {to} to transfer to"),
            )
        })?;
        if source.currency != request.currency || destination.currency != request.currency {
            return Err(ApiError::conflict(
                "currency_mismatch",
                format!(
                    "the transfer is in {}, account {from} in {} and account {to} in {}",
                    request.currency, source.currency, destination.currency
                ),
            ));
        }
        post_transfer(tx, from, to, request.amount, &request.currency).await
    }
}

/// Credits a wallet from the cash account of its currency (an admin deposit).
///
/// Errors: 404 `account_not_found`.
pub struct DepositMoney {
    /// The wallet to credit.
    pub account_id: i64,
    /// In minor units of the wallet's currency.
    pub amount: i64,
}

impl Workflow for DepositMoney {
    type Output = Transfer;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Transfer, ApiError> {
        let wallet = q::get_wallet()
            .bind(tx, &self.account_id)
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::not_found(
                    "account_not_found",
                    format!("there is no account {}", self.account_id),
                )
            })?;
        let locked = lock_accounts(
            tx,
            None,
            &[wallet.id],
            Some((AccountKind::Cash, &wallet.currency)),
        )
        .await?;
        let cash = locked.system(AccountKind::Cash)?.id;
        post_transfer(tx, cash, wallet.id, self.amount, &wallet.currency).await
    }
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
/// every account's balance equals the sum of its entries; no wallet is below zero. Reads one
/// consistent snapshot.
pub async fn check(pool: &Pool) -> Result<LedgerReport, ApiError> {
    let mut client = pool.get().await?;
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
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

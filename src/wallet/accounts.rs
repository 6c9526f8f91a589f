//! Wallets: opening them, their balances and ledger entries, and admin deposits.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::ledger as q;
use codegen::types::AccountKind;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::{AdminAuth, BearerAuth};
use crate::platform::currency::Currency;
use crate::platform::db::Workflow;
use crate::platform::http::Page;
use crate::platform::idempotency;
use crate::platform::params::{IdempotencyKey, Paging};
use crate::platform::problem::{ApiError, RATE_LIMITED};

use super::ledger::{Transfer, account_not_found, lock_accounts, post_transfer};

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

/// `POST /v1/accounts` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewAccount {
    // No doc comment: poem-openapi would wrap the enum in allOf, which some SDK generators
    // refuse; `Currency` documents itself.
    pub currency: Currency,
}

/// `POST /v1/accounts/{id}/deposits` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct Deposit {
    /// How much to credit, in minor units of the account's currency, 1–1000000000.
    #[oai(validator(minimum(value = "1"), maximum(value = "1000000000")))]
    pub amount: i64,
}

#[derive(ApiResponse)]
enum CreatedAccount {
    /// The account is open, with a balance of 0.
    #[oai(status = 201)]
    Created(Json<Account>),
}

#[derive(ApiResponse)]
enum CreatedDeposit {
    /// The money has moved. A replay of the same request with the same `Idempotency-Key`
    /// answers this again, without moving money twice.
    #[oai(status = 201)]
    Created(Json<Transfer>),
}

operation_errors! {
    OpenAccountError(JsonBody, Bearer) {
        409: "`account_exists`: the caller already has an account in that currency.",
    }
    ListAccountsError(Query, Bearer) {}
    GetAccountError(Path, Bearer) {
        404: "`account_not_found`: no such account of the caller's.",
    }
    ListEntriesError(Path, Query, Bearer) {
        404: "`account_not_found`: no such account of the caller's.",
    }
    DepositError(Path, JsonBody, Admin) {
        400: "`invalid_request`: the id is not an integer, malformed JSON, unknown fields, a \
              value out of range, or no `Idempotency-Key`.",
        404: "`account_not_found`.",
        422: "`idempotency_key_reused`: the key was used for another request.",
        429: RATE_LIMITED,
    }
}

/// `/v1/accounts`.
#[derive(Default)]
pub struct AccountsApi;

#[OpenApi(prefix_path = "/v1/accounts", tag = "super::Tag::Accounts")]
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
            .bind(&client, &auth.0.user_id, &body.currency.code())
            .one()
            .await?;
        Ok(CreatedAccount::Created(Json(account.into())))
    }

    /// List my accounts
    ///
    /// The caller's wallets in id order, with their balances.
    #[oai(path = "/", method = "get", operation_id = "list_accounts")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        page: Paging,
    ) -> Result<Json<Page<Account>>, ListAccountsError> {
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
    ) -> Result<Json<Account>, GetAccountError> {
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
        page: Paging,
    ) -> Result<Json<Page<Entry>>, ListEntriesError> {
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
    /// Requires an `Idempotency-Key`: retrying with the same key and body returns the first
    /// answer instead of crediting the account again.
    #[oai(
        path = "/:id/deposits",
        method = "post",
        operation_id = "create_deposit"
    )]
    async fn deposit(
        &self,
        state: Data<&Arc<AppState>>,
        auth: AdminAuth,
        /// The account's id.
        id: Path<i64>,
        /// A unique string per intended deposit (1–255 characters), e.g. a UUID. Kept for 24
        /// hours.
        idempotency_key: IdempotencyKey,
        body: Json<Deposit>,
    ) -> Result<CreatedDeposit, DepositError> {
        let deposit = DepositMoney {
            account_id: id.0,
            amount: body.amount,
        };
        // The account is in the key's scope (the path): a key reused for another account is
        // another request.
        let transfer =
            idempotency::once(&state, auth.0.user_id, &idempotency_key, &body.0, &deposit).await?;
        Ok(CreatedDeposit::Created(Json(transfer)))
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

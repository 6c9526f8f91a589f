//! Transfers: money moved from one of the caller's wallets to another wallet.

use std::sync::Arc;

use codegen::queries::ledger as q;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::currency::Currency;
use crate::platform::db::Workflow;
use crate::platform::idempotency;
use crate::platform::params::IdempotencyKey;
use crate::platform::problem::{ApiError, RATE_LIMITED};

use super::Wallet;

use super::ledger::{Transfer, account_not_found, lock_accounts, post_transfer};

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
    // Both accounts must be in it. No doc comment: poem-openapi would wrap the enum in allOf,
    // which some SDK generators refuse; `Currency` documents itself.
    pub currency: Currency,
}

#[derive(ApiResponse)]
enum CreatedTransfer {
    /// The money has moved. A replay of the same request with the same `Idempotency-Key`
    /// answers this again, without moving money twice.
    #[oai(status = 201)]
    Created(Json<Transfer>),
}

operation_errors! {
    TransferError(JsonBody, Bearer) {
        400: "`invalid_request` (malformed JSON, unknown fields, a value out of range, no \
              `Idempotency-Key`) or `same_account`.",
        404: "`account_not_found`: `from_account_id` is not one of the caller's accounts.",
        409: "`insufficient_funds`, or `currency_mismatch` (`from_account_id` is not in \
              `currency`).",
        422: "`destination_not_found` (`to_account_id` is not a user's wallet in `currency`) \
              or `idempotency_key_reused` (the key was used for another request).",
        429: RATE_LIMITED,
    }
    GetTransferError(Path, Bearer) {
        404: "`transfer_not_found`: no such transfer between accounts of the caller's.",
    }
}

/// `/v1/transfers`.
pub struct TransfersApi {
    /// The context: its metrics.
    pub wallet: Arc<Wallet>,
}

#[OpenApi(prefix_path = "/v1/transfers", tag = "super::Tag::Transfers")]
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
        idempotency_key: IdempotencyKey,
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
        let transfer = TransferMoney { caller, request };
        let result = idempotency::once(&state, caller, &idempotency_key, request, &transfer).await;
        self.wallet.transfers.count(&result);
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

/// A user's transfer from one of their wallets to any user's wallet.
///
/// Errors: 404 `account_not_found`, 409 `currency_mismatch` (the source), 422
/// `destination_not_found` (no wallet, or one in another currency: one answer for both), 409
/// `insufficient_funds`.
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
        let currency = request.currency.code();
        let (from, to) = (request.from_account_id, request.to_account_id);
        let locked = lock_accounts(tx, Some(self.caller), &[from, to], None).await?;
        let source = locked
            .owned_wallet(from)
            .ok_or_else(|| account_not_found(from))?;
        if source.currency != currency {
            return Err(ApiError::conflict(
                "currency_mismatch",
                format!(
                    "the transfer is in {} but your account {from} is in {}",
                    currency, source.currency
                ),
            ));
        }
        // Another user's wallet in another currency gets the same answer as no wallet at all:
        // what currencies a stranger holds is not the caller's to learn.
        if locked
            .wallet(to)
            .is_none_or(|destination| destination.currency != currency)
        {
            return Err(ApiError::unprocessable(
                "destination_not_found",
                format!("there is no wallet in {currency} with that id to transfer to"),
            ));
        }
        post_transfer(tx, from, to, request.amount, currency).await
    }
}

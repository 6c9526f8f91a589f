//! Payments: a pending booking paid from one of the caller's wallets into the box-office
//! revenue account, and refunds, which cancelling a paid booking (or some of its seats)
//! makes ([`super::bookings`]).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::client::Params as _;
use codegen::queries::bookings as bq;
use codegen::queries::payments as q;
use codegen::queries::seats as sq;
use codegen::types::{AccountKind, BookingStatus as DbBookingStatus, PaymentStatus as DbStatus};
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::db::Workflow;
use crate::platform::idempotency;
use crate::platform::params::IdempotencyKey;
use crate::platform::problem::{ApiError, RATE_LIMITED};
use crate::wallet::ledger::{account_not_found, lock_accounts, post_transfer};

use super::tickets::issue_tickets;
use super::{Ticketing, booking_not_found, booking_not_payable};

/// Where a payment is in its life.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum PaymentStatus {
    /// The money moved to the box office; the booking is confirmed.
    Completed,
    /// The booking was cancelled and the money returned.
    Refunded,
}

impl From<DbStatus> for PaymentStatus {
    fn from(status: DbStatus) -> Self {
        match status {
            DbStatus::Completed => PaymentStatus::Completed,
            DbStatus::Refunded => PaymentStatus::Refunded,
        }
    }
}

/// A booking paid from a wallet.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The payment's id.
    pub id: i64,
    /// The booking paid for.
    pub booking_id: i64,
    /// The wallet it was paid from.
    pub account_id: i64,
    /// The transfer that moved the money.
    pub transfer_id: i64,
    /// The booking's amount, in minor units of `currency`.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    pub status: PaymentStatus,
    /// When it was made (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Payment> for Payment {
    fn from(row: q::Payment) -> Self {
        Payment {
            id: row.id,
            booking_id: row.booking_id,
            account_id: row.account_id,
            transfer_id: row.transfer_id,
            amount: row.amount,
            currency: row.currency,
            status: row.status.into(),
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/payments` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewPayment {
    /// A pending booking of the caller's.
    pub booking_id: i64,
    /// One of the caller's wallets, in the booking's currency.
    pub account_id: i64,
}

#[derive(ApiResponse)]
enum CreatedPayment {
    /// Paid: the booking is confirmed. A replay of the same request with the same
    /// `Idempotency-Key` answers this again, without paying twice.
    #[oai(status = 201)]
    Created(Json<Payment>),
}

operation_errors! {
    PayError(JsonBody, Bearer) {
        400: "`invalid_request`: malformed JSON, unknown fields, or no `Idempotency-Key`.",
        404: "`booking_not_found` or `account_not_found`: not one of the caller's.",
        409: "`booking_not_payable` (not pending, its hold expired, or its screening has \
              started), `currency_mismatch` or `insufficient_funds`.",
        422: "`idempotency_key_reused`: the key was used for another request.",
        429: RATE_LIMITED,
    }
    GetPaymentError(Path, Bearer) {
        404: "`payment_not_found`: no such payment of the caller's.",
    }
}

/// `/v1/payments`.
pub struct PaymentsApi {
    /// The context: its metrics.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(prefix_path = "/v1/payments", tag = "super::Tag::Payments")]
impl PaymentsApi {
    /// Pay for a booking
    ///
    /// Pays a pending booking of the caller's from one of the caller's wallets in the
    /// booking's currency; the booking becomes `confirmed`. Requires an `Idempotency-Key`:
    /// retrying with the same key and body returns the first answer instead of paying again.
    #[oai(path = "/", method = "post", operation_id = "create_payment")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// A unique string per intended payment (1–255 characters), e.g. a UUID. Kept for 24
        /// hours.
        idempotency_key: IdempotencyKey,
        body: Json<NewPayment>,
    ) -> Result<CreatedPayment, PayError> {
        let caller = auth.0.user_id;
        let request = &body.0;
        let pay = PayBooking { caller, request };
        let result = idempotency::once(&state, caller, &idempotency_key, request, &pay).await;
        self.ticketing.metrics.payments.count(&result);
        Ok(CreatedPayment::Created(Json(result?)))
    }

    /// Get a payment
    ///
    /// A payment from one of the caller's wallets.
    #[oai(path = "/:id", method = "get", operation_id = "get_payment")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The payment's id.
        id: Path<i64>,
    ) -> Result<Json<Payment>, GetPaymentError> {
        let client = state.pool.get().await?;
        let payment = q::get_payment()
            .bind(&client, &id.0, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::not_found("payment_not_found", format!("you have no payment {}", id.0))
            })?;
        Ok(Json(payment.into()))
    }
}

/// Pays a booking: locks it, then the wallet and the revenue account (ascending id), moves the
/// booking's amount, records the payment, and confirms the booking and its seats (their holds
/// end: sold). The booking's row lock
/// keeps the expiry sweep away until this commits, so a payment racing the expiry either
/// confirms the booking or finds it expired, never both.
///
/// Errors: 404 `booking_not_found` / `account_not_found`, 409 `booking_not_payable` /
/// `currency_mismatch` / `insufficient_funds`.
pub struct PayBooking<'a> {
    /// Who pays; must own the booking and the wallet.
    pub caller: i64,
    /// Which booking, from which wallet.
    pub request: &'a NewPayment,
}

impl Workflow for PayBooking<'_> {
    type Output = Payment;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Payment, ApiError> {
        let (caller, request) = (self.caller, self.request);
        let booking = bq::lock_booking()
            .bind(tx, &request.booking_id, &caller)
            .opt()
            .await?
            .ok_or_else(|| booking_not_found(request.booking_id))?;
        if booking.status != DbBookingStatus::Pending || !booking.holding {
            return Err(ApiError::conflict(
                "booking_not_payable",
                format!(
                    "booking {} is not pending: it was cancelled, expired or already paid",
                    booking.id
                ),
            ));
        }
        // A paid booking of a screening under way could never be refunded (cancelling needs
        // an upcoming screening), so it is not sold at all.
        if !booking.upcoming {
            return Err(ApiError::conflict(
                "booking_not_payable",
                format!("booking {}: its screening has started", booking.id),
            ));
        }
        // A payment whose transaction began before the hold lapsed may find that another
        // booking has taken some of its seats since: then the booking is not payable. Decided
        // before anything is written, with the seats locked so that none is taken meanwhile.
        let held = sq::lock_booking_seats().bind(tx, &booking.id).all().await?;
        if held.len() != booking.seats as usize {
            return Err(booking_not_payable(format!(
                "booking {}: its hold lapsed and {} of its {} seats were booked by someone \
                 else meanwhile",
                booking.id,
                booking.seats as usize - held.len(),
                booking.seats
            )));
        }
        let locked = lock_accounts(
            tx,
            Some(caller),
            &[request.account_id],
            Some((AccountKind::Revenue, &booking.currency)),
        )
        .await?;
        let wallet = locked
            .owned_wallet(request.account_id)
            .ok_or_else(|| account_not_found(request.account_id))?;
        if wallet.currency != booking.currency {
            return Err(ApiError::conflict(
                "currency_mismatch",
                format!(
                    "the booking is in {} but account {} is in {}",
                    booking.currency, wallet.id, wallet.currency
                ),
            ));
        }
        let revenue = locked.system(AccountKind::Revenue)?.id;
        let transfer =
            post_transfer(tx, wallet.id, revenue, booking.amount, &booking.currency).await?;
        let confirmed = bq::confirm_booking().bind(tx, &booking.id).await?;
        let sold = sq::confirm_seats().bind(tx, &booking.id).await?;
        let issued = issue_tickets(tx, booking.id).await?;
        if confirmed != 1 || sold != booking.seats as u64 || issued != sold {
            return Err(ApiError::Internal(format!(
                "booking {} was locked as pending and holding, but {confirmed} booking, \
                 {sold} of its {} seats and {issued} tickets could be confirmed",
                booking.id, booking.seats
            )));
        }
        let payment = q::insert_payment()
            .params(
                tx,
                &q::InsertPaymentParams {
                    booking_id: booking.id,
                    account_id: wallet.id,
                    transfer_id: transfer.id,
                    amount: booking.amount,
                    currency: &booking.currency,
                },
            )
            .one()
            .await?;
        Ok(payment.into())
    }
}

/// Refunds `amount` of the payment of a confirmed booking (locked by the caller): a reverse
/// transfer from the revenue account to the wallet it came from, recorded as a refund of the
/// payment. With `whole`, the payment is marked refunded and the booking cancelled with its
/// seats returned; otherwise the caller has released the seats refunded.
pub async fn refund(
    tx: &Transaction<'_>,
    booking_id: i64,
    amount: i64,
    whole: bool,
) -> Result<(), ApiError> {
    let payment = q::lock_payment_of_booking()
        .bind(tx, &booking_id)
        .one()
        .await?;
    let locked = lock_accounts(
        tx,
        None,
        &[payment.account_id],
        Some((AccountKind::Revenue, &payment.currency)),
    )
    .await?;
    let revenue = locked.system(AccountKind::Revenue)?.id;
    let reverse = post_transfer(tx, revenue, payment.account_id, amount, &payment.currency).await?;
    q::insert_refund()
        .bind(tx, &payment.id, &reverse.id, &amount)
        .await?;
    if whole {
        q::mark_refunded()
            .bind(tx, &reverse.id, &payment.id)
            .await?;
        bq::cancel_confirmed_booking().bind(tx, &booking_id).await?;
    }
    Ok(())
}

//! Card payments: a pending booking paid by card through the payment provider
//! ([`super::provider`]).
//!
//! `POST /v1/bookings/{id}/card-payment` runs in three steps, so that no transaction waits
//! on the provider and no step can charge a card twice:
//!
//! 1. [`StartCardPayment`], one short transaction under the booking's lock: the booking's
//!    open card payment if it has one, else a new one, written before the provider is called
//!    with a provider-side idempotency key that names the booking, its amount and the attempt.
//! 2. The provider call: the intent, made with that key (and confirmed at once when the
//!    client gave a payment method). A retry, a concurrent request, or a replica that died
//!    between the provider's answer and step 3 makes the same call with the same key, and
//!    the provider answers with the same intent: one intent, one charge.
//! 3. [`RecordIntent`], under the request's `Idempotency-Key`: what the provider said,
//!    recorded under the booking's and the payment's locks; a charge that succeeded at once
//!    is applied there ([`super::card_outcomes::apply_success`]), and the booking's hold is
//!    extended to the payment's.
//!
//! A provider outage in step 2 answers 503 and leaves the payment open without an intent:
//! the same request retried resumes it. What the provider reports later (its webhooks, or
//! the sweep asking about payments open past their hold) is [`super::card_outcomes`]'s.

use std::sync::Arc;
use std::time::Instant;

use codegen::client::Params as _;
use codegen::queries::bookings as bq;
use codegen::queries::card_payments as q;
use codegen::types::{BookingStatus as DbBookingStatus, CardPaymentStatus as DbStatus};
use deadpool_postgres::Transaction;
use poem::http::StatusCode;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::http::OptionalJson;
use crate::platform::idempotency;
use crate::platform::params::IdempotencyKey;
use crate::platform::problem::{ApiError, Problem, RATE_LIMITED};

use super::card_outcomes::{
    apply_success, cancel_intent_quietly, is_open, lock_booking_and_payment, mark_failed, relock,
};
use super::card_records::{CardPayment, CardPaymentStatus, with_refunds};
use super::card_refunds::settle_refunds_of;
use super::provider::{Intent, IntentStatus, NewIntent, ProviderError};
use super::{Ticketing, booking_not_found, booking_not_payable};

/// `POST /v1/bookings/{id}/card-payment` body (optional).
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct NewCardPayment {
    /// A payment method the provider's client library made (`pm_…`): the payment is
    /// confirmed on the server at once. Without it the client confirms the payment with
    /// `client_secret`.
    #[oai(validator(max_length = 255, pattern = "^pm_[A-Za-z0-9_]+$"))]
    pub payment_method: Option<String>,
}

/// The outcome of `POST /v1/bookings/{id}/card-payment` as recorded under its
/// `Idempotency-Key`: the payment, and whether this request began it.
#[derive(Object, Debug, Clone)]
pub struct OpenedCardPayment {
    /// The card payment.
    pub payment: CardPayment,
    /// Whether this request began it (201) rather than found it open (200).
    pub created: bool,
}

#[derive(ApiResponse)]
enum CardPaymentAnswer {
    /// The card payment began: confirm it with `client_secret`, or, given a
    /// `payment_method`, it was confirmed on the server (`succeeded`, or `requires_action`
    /// for 3-D Secure). A replay of the request with the same `Idempotency-Key` answers this
    /// again, without making another payment.
    #[oai(status = 201)]
    Created(Json<CardPayment>),
    /// The booking already has an open card payment: this is it.
    #[oai(status = 200)]
    Existing(Json<CardPayment>),
}

operation_errors! {
    CardPaymentError(Path, JsonBody, Bearer) {
        400: "`invalid_request`: malformed JSON, unknown fields, a `payment_method` that is no \
              `pm_…` id, or no `Idempotency-Key`.",
        402: "`card_declined`: the provider refused the card (the detail says why); the \
              booking stays pending and may be paid again, with a new `Idempotency-Key`, \
              before its hold lapses.",
        404: "`booking_not_found`: no such booking of the caller's.",
        409: "`booking_not_payable`: the booking is not pending, its hold lapsed, its \
              screening has started, it costs nothing, or the provider will not take a \
              payment of it.",
        422: "`payment_method_invalid` (the provider knows no such payment method, or it \
              cannot pay) or `idempotency_key_reused` (the key was used for another \
              request).",
        429: RATE_LIMITED,
        503: "`card_payments_unavailable` (the service takes no cards), \
              `payment_provider_unavailable` (the provider could not be reached or failed: \
              retry with the same `Idempotency-Key` after `Retry-After` seconds; nothing is \
              charged twice) or `database_unavailable`.",
    }
    GetCardPaymentError(Path, Bearer) {
        404: "`card_payment_not_found`: no such card payment of the caller's (an admin sees \
              every one).",
    }
}

/// `/v1/bookings/{id}/card-payment` and `/v1/card-payments`.
pub struct CardPaymentsApi {
    /// The context: the provider, the hold, the metrics.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(prefix_path = "/v1", tag = "super::Tag::Payments")]
impl CardPaymentsApi {
    /// Pay for a booking by card
    ///
    /// Begins a card payment of a pending booking of the caller's through the payment
    /// provider (Stripe) and holds the booking's seats until `hold_expires_at`. Without a
    /// body, the client confirms the payment with `client_secret` (Stripe.js
    /// `confirmCardPayment`, or a mobile SDK); with `payment_method`, it is confirmed here at
    /// once. The booking is confirmed when the provider reports the charge, and its tickets
    /// issued. A booking has at most one open card payment: asking again returns it (200).
    /// Requires an `Idempotency-Key`: retrying with the same key and body returns the first
    /// answer instead of paying again.
    #[oai(
        path = "/bookings/:id/card-payment",
        method = "post",
        operation_id = "create_card_payment"
    )]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The booking's id.
        id: Path<i64>,
        /// A unique string per intended payment (1–255 characters), e.g. a UUID. Kept for 24
        /// hours.
        idempotency_key: IdempotencyKey,
        body: OptionalJson<NewCardPayment>,
    ) -> Result<CardPaymentAnswer, CardPaymentError> {
        let result = self
            .open(&state, auth.0.user_id, id.0, &idempotency_key, &body.0)
            .await;
        self.ticketing.metrics.card_payments.count(&result);
        let opened = result?;
        Ok(if opened.created {
            CardPaymentAnswer::Created(Json(opened.payment))
        } else {
            CardPaymentAnswer::Existing(Json(opened.payment))
        })
    }

    /// Get a card payment
    ///
    /// A card payment of one of the caller's bookings, with its refunds; an admin may read
    /// any (without its client secret).
    #[oai(
        path = "/card-payments/:id",
        method = "get",
        operation_id = "get_card_payment"
    )]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The card payment's id.
        id: Path<i64>,
    ) -> Result<Json<CardPayment>, GetCardPaymentError> {
        let client = state.pool.get().await?;
        let not_found = || {
            ApiError::not_found(
                "card_payment_not_found",
                format!("you have no card payment {}", id.0),
            )
        };
        let own = q::get_card_payment()
            .bind(&client, &id.0, &auth.0.user_id, &false)
            .opt()
            .await?;
        let (row, owner) = match own {
            Some(row) => (row, true),
            None if auth.0.is_admin_now(&state.pool).await? => {
                let row = q::get_card_payment()
                    .bind(&client, &id.0, &auth.0.user_id, &true)
                    .opt()
                    .await?
                    .ok_or_else(not_found)?;
                (row, false)
            }
            None => return Err(not_found().into()),
        };
        let mut payments = with_refunds(&client, vec![row], owner).await?;
        Ok(Json(payments.remove(0)))
    }
}

impl CardPaymentsApi {
    /// The three steps of the module's doc, and what follows the commit: refunds the
    /// provider must send, and an intent that must never be charged, cancelled.
    async fn open(
        &self,
        state: &AppState,
        caller: i64,
        booking_id: i64,
        key: &IdempotencyKey,
        request: &Option<NewCardPayment>,
    ) -> Result<OpenedCardPayment, ApiError> {
        let ticketing = &self.ticketing;
        let provider = ticketing.provider()?;
        if let Some(outcome) =
            idempotency::recorded::<OpenedCardPayment>(state, caller, key, request).await?
        {
            return outcome.map_err(ApiError::Problem);
        }
        let start = StartCardPayment {
            caller,
            booking_id,
            provider: provider.name(),
            hold_seconds: ticketing.settings.card_hold.as_secs_f64(),
        };
        let payment = match in_transaction(&state.pool, &start).await? {
            Started::Open(payment) if payment.provider_payment_id.is_some() => {
                let found = FoundOpen { payment };
                return idempotency::once(state, caller, key, request, &found).await;
            }
            // One made by a request that failed before the provider answered (this one,
            // retried, or another) gets its intent from this request, as a new one does.
            Started::Open(payment) | Started::Reserved(payment) => payment,
        };
        let payment_method = request.as_ref().and_then(|r| r.payment_method.as_deref());
        let started = Instant::now();
        let result = provider
            .create_intent(NewIntent {
                amount: payment.amount,
                currency: &payment.currency,
                booking_id,
                card_payment_id: payment.id,
                payment_method,
                idempotency_key: &payment.provider_idempotency_key,
            })
            .await;
        ticketing
            .metrics
            .provider_call("create_intent", started, &result);
        let answer = match result {
            Ok(intent) => Ok(intent),
            Err(ProviderError::Unavailable(reason)) => {
                tracing::warn!(
                    booking_id,
                    card_payment_id = payment.id,
                    %reason,
                    "the payment provider is unavailable; the payment stays open for a retry"
                );
                return Err(provider_unavailable());
            }
            Err(ProviderError::Refused {
                code,
                message,
                card,
            }) => Err(Refusal {
                code,
                message,
                card,
            }),
        };
        let record = RecordIntent {
            booking_id,
            payment_id: payment.id,
            answer,
            server_side: payment_method.is_some(),
        };
        let outcome = idempotency::once(state, caller, key, request, &record).await;
        // After the commit: an intent that must never be charged is cancelled (if it is
        // charged anyway, its success is refunded: card_outcomes), and refunds are sent.
        if let Ok(intent) = &record.answer {
            let failed = outcome
                .as_ref()
                .map_or(true, |o| o.payment.status == CardPaymentStatus::Failed);
            if failed && intent.status != IntentStatus::Succeeded {
                cancel_intent_quietly(ticketing, &intent.id).await;
            }
        }
        if outcome
            .as_ref()
            .is_ok_and(|o| o.payment.status == CardPaymentStatus::Refunded)
        {
            settle_refunds_of(&state.pool, ticketing, payment.id).await;
        }
        outcome
    }
}

/// 503 `payment_provider_unavailable`, retry after 5 seconds.
pub fn provider_unavailable() -> ApiError {
    ApiError::Problem(
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "payment_provider_unavailable",
            "the payment provider could not be reached or failed; nothing was charged twice: \
             retry with the same Idempotency-Key",
        )
        .retry_after(5),
    )
}

/// What step 1 found or made.
enum Started {
    /// The booking's open card payment (with an intent, or one whose intent is still to be
    /// made: a request that failed or died before recording it).
    Open(q::CardPayment),
    /// A new card payment, its intent still to be made.
    Reserved(q::CardPayment),
}

/// Step 1: the booking's open card payment, or a new one, under the booking's lock.
///
/// Errors: 404 `booking_not_found`, 409 `booking_not_payable`.
struct StartCardPayment {
    caller: i64,
    booking_id: i64,
    provider: &'static str,
    hold_seconds: f64,
}

impl Workflow for StartCardPayment {
    type Output = Started;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Started, ApiError> {
        let booking = bq::lock_booking()
            .bind(tx, &self.booking_id, &self.caller)
            .opt()
            .await?
            .ok_or_else(|| booking_not_found(self.booking_id))?;
        if booking.status != DbBookingStatus::Pending || !booking.holding {
            return Err(booking_not_payable(format!(
                "booking {} is not pending: it was cancelled, expired or already paid",
                booking.id
            )));
        }
        if !booking.upcoming {
            return Err(booking_not_payable(format!(
                "booking {}: its screening has started",
                booking.id
            )));
        }
        if booking.amount == 0 {
            return Err(booking_not_payable(format!(
                "booking {} costs nothing; there is no card payment to make",
                booking.id
            )));
        }
        if let Some(open) = q::open_card_payment().bind(tx, &booking.id).opt().await? {
            return Ok(Started::Open(open));
        }
        let reserved = q::reserve_card_payment()
            .bind(tx, &booking.id, &self.provider, &self.hold_seconds)
            .one()
            .await?;
        Ok(Started::Reserved(reserved))
    }
}

/// A booking's open card payment with its intent, returned as it is (200).
struct FoundOpen {
    payment: q::CardPayment,
}

impl Workflow for FoundOpen {
    type Output = OpenedCardPayment;

    async fn run(&self, tx: &Transaction<'_>) -> Result<OpenedCardPayment, ApiError> {
        let mut payments = with_refunds(tx, vec![self.payment.clone()], true).await?;
        Ok(OpenedCardPayment {
            payment: payments.remove(0),
            created: false,
        })
    }
}

/// Why the provider would not make an intent.
#[derive(Debug)]
struct Refusal {
    code: String,
    message: String,
    card: bool,
}

/// Step 3: what the provider said, recorded under the booking's and the payment's locks.
///
/// Errors: 402 `card_declined` and 422 `payment_method_invalid` (the payment is recorded
/// `failed`, and that is the recorded outcome of the key), 409 `booking_not_payable` (the
/// hold lapsed while the intent was being made: the payment fails, and its intent is
/// cancelled after the commit).
struct RecordIntent {
    booking_id: i64,
    payment_id: i64,
    answer: Result<Intent, Refusal>,
    server_side: bool,
}

impl Workflow for RecordIntent {
    type Output = OpenedCardPayment;

    async fn run(&self, tx: &Transaction<'_>) -> Result<OpenedCardPayment, ApiError> {
        let (booking, payment) = lock_booking_and_payment(tx, self.booking_id, self.payment_id)
            .await?
            .ok_or_else(|| {
                ApiError::Internal(format!("card payment {} vanished", self.payment_id))
            })?;
        let opened = |payment: q::CardPayment| async move {
            let mut payments = with_refunds(tx, vec![payment], true).await?;
            Ok::<_, ApiError>(OpenedCardPayment {
                payment: payments.remove(0),
                created: true,
            })
        };
        let intent = match &self.answer {
            Err(refusal) => {
                // A decline decided by the provider: recorded, and the key's outcome.
                mark_failed(tx, payment.id, &refusal.code, None).await?;
                return Err(refused(refusal, self.server_side));
            }
            Ok(intent) => intent,
        };
        if !is_open(payment.status) {
            // A webhook reported the outcome first.
            return opened(payment).await;
        }
        match intent.status {
            IntentStatus::Succeeded => {
                apply_success(tx, &booking, &payment, &intent.id).await?;
                let now = relock(tx, payment.id).await?;
                opened(now).await
            }
            IntentStatus::RequiresPaymentMethod if self.server_side && intent.failure.is_some() => {
                let reason = intent.failure.clone().unwrap_or_default();
                mark_failed(tx, payment.id, &reason, Some(&intent.id)).await?;
                Err(declined(&reason))
            }
            IntentStatus::Canceled => {
                mark_failed(tx, payment.id, "canceled", Some(&intent.id)).await?;
                Err(booking_not_payable(format!(
                    "the payment provider cancelled the payment of booking {}",
                    booking.id
                )))
            }
            _ if booking.status != DbBookingStatus::Pending || !booking.holding => {
                mark_failed(tx, payment.id, "hold_lapsed", Some(&intent.id)).await?;
                Err(booking_not_payable(format!(
                    "booking {}: its hold lapsed while the payment was being made",
                    booking.id
                )))
            }
            status => {
                let recorded = q::record_intent()
                    .params(
                        tx,
                        &q::RecordIntentParams {
                            provider_payment_id: &intent.id,
                            status: open_status(status),
                            client_secret: intent.client_secret.as_deref(),
                            next_action: intent.next_action.clone(),
                            failure_reason: intent.failure.as_deref(),
                            id: payment.id,
                        },
                    )
                    .one()
                    .await?;
                q::extend_hold()
                    .bind(tx, &recorded.hold_expires_at, &booking.id)
                    .await?;
                opened(recorded).await
            }
        }
    }
}

/// The open status a payment has while its intent is in `status`.
fn open_status(status: IntentStatus) -> DbStatus {
    match status {
        IntentStatus::RequiresAction => DbStatus::RequiresAction,
        IntentStatus::Processing | IntentStatus::RequiresCapture => DbStatus::Processing,
        _ => DbStatus::RequiresPaymentMethod,
    }
}

/// 402 `card_declined`.
fn declined(reason: &str) -> ApiError {
    ApiError::Problem(Problem::new(
        StatusCode::PAYMENT_REQUIRED,
        "card_declined",
        format!("the card was declined ({reason}); try another card"),
    ))
}

/// The problem of a request the provider refused.
fn refused(refusal: &Refusal, server_side: bool) -> ApiError {
    let Refusal {
        code,
        message,
        card,
    } = refusal;
    if *card {
        declined(code)
    } else if server_side {
        ApiError::unprocessable(
            "payment_method_invalid",
            format!("the payment provider refused the payment method: {code}: {message}"),
        )
    } else {
        booking_not_payable(format!(
            "the payment provider refused a payment of this booking: {code}: {message}"
        ))
    }
}

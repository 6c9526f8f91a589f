//! What becomes of a card payment after it began: the provider's success or failure, as its
//! webhook reports it (`POST /v1/providers/stripe/webhook`) or as the sweep finds it by
//! asking about payments still open past their hold.
//!
//! No path keeps a customer's money without seats. A success is applied in one transaction
//! ([`apply_success`]): the booking confirmed, its tickets issued, the money moved from the
//! provider's clearing account to revenue, the events written. A success that comes after
//! the hold lapsed takes the seats again if every one is still free; otherwise, as for a
//! booking cancelled or paid some other way meanwhile, the whole charge is refunded through
//! the provider ([`super::card_refunds`]). Each provider event is applied once, by its id,
//! in the transaction that applies it; and applying a success twice changes nothing, so the
//! webhook, the sweep and the request that confirmed on the server may all report one.

use std::time::Instant;

use codegen::client::Params as _;
use codegen::queries::bookings as bq;
use codegen::queries::card_payments as q;
use codegen::queries::ledger as lq;
use codegen::queries::seats as sq;
use codegen::queries::tickets as tq;
use codegen::types::{BookingStatus as DbBookingStatus, CardPaymentStatus as DbStatus};
use deadpool_postgres::{Pool, Transaction};

use crate::platform::db::{Workflow, in_transaction};
use crate::platform::problem::{ApiError, error_chain};
use crate::wallet::ledger::post_transfer;

use super::Ticketing;
use super::card_refunds::{settle_due_refunds, settle_refunds_of};
use super::provider::{Intent, IntentStatus, PaymentProvider};

/// Whether a card payment is still open: it may yet succeed.
pub fn is_open(status: DbStatus) -> bool {
    matches!(
        status,
        DbStatus::RequiresPaymentMethod | DbStatus::RequiresAction | DbStatus::Processing
    )
}

/// Locks a card payment's booking, then the payment: the order of every card workflow (and
/// of a cancellation, which locks the booking first). `None` when the payment is not the
/// booking's.
pub async fn lock_booking_and_payment(
    tx: &Transaction<'_>,
    booking_id: i64,
    payment_id: i64,
) -> Result<Option<(bq::LockedBooking, q::CardPayment)>, ApiError> {
    let Some(booking) = bq::lock_booking_by_id().bind(tx, &booking_id).opt().await? else {
        return Ok(None);
    };
    let payment = relock(tx, payment_id).await?;
    Ok((payment.booking_id == booking.id).then_some((booking, payment)))
}

/// A card payment as it now is, locked (after its booking).
pub async fn relock(tx: &Transaction<'_>, payment_id: i64) -> Result<q::CardPayment, ApiError> {
    Ok(q::lock_card_payment().bind(tx, &payment_id).one().await?)
}

/// Why a success sold nothing and was refunded in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsold {
    /// The hold lapsed and a seat was taken by another booking, or the booking was cancelled,
    /// or the screening has started.
    SeatsNoLongerAvailable,
    /// The booking was paid another way (a wallet, another card payment) first.
    BookingAlreadyPaid,
    /// Seats were given back while the payment was open: the charge is not the booking's
    /// amount any more.
    BookingChanged,
}

impl Unsold {
    /// The payment's `failure_reason` and the refund's `reason`.
    pub fn reason(self) -> &'static str {
        match self {
            Unsold::SeatsNoLongerAvailable => "seats_no_longer_available",
            Unsold::BookingAlreadyPaid => "booking_already_paid",
            Unsold::BookingChanged => "booking_changed",
        }
    }
}

/// What applying a success did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The booking is confirmed and paid by this payment.
    Confirmed,
    /// Nothing was sold; the charge is to be refunded in full.
    Refunded(Unsold),
    /// The payment had succeeded (or been refunded) before: nothing changed.
    Already,
}

/// Applies the provider's success of `intent_id` to `payment`, whose booking (`booking`) and
/// itself the caller has locked, in that order ([`lock_booking_and_payment`]).
///
/// - The booking pending and holding every seat: confirmed, its seats sold, its tickets
///   issued, the amount moved from the clearing account to revenue, the payment
///   `succeeded`; the triggers write `booking.confirmed` and `payment.completed`.
/// - Its hold lapsed: the booking is expired (if the sweep has not yet), and if every seat
///   is still free and the screening upcoming, the seats are taken again under their rows'
///   locks and the booking confirmed as above. Otherwise nothing is sold.
/// - Nothing sold (seats gone, booking cancelled, paid another way, or changed): the payment
///   ends `refunded` with the reason, and a refund of the whole charge is due, sent after
///   the commit.
///
/// Errors: the database's.
pub async fn apply_success(
    tx: &Transaction<'_>,
    booking: &bq::LockedBooking,
    payment: &q::CardPayment,
    intent_id: &str,
) -> Result<Applied, ApiError> {
    if matches!(
        payment.status,
        DbStatus::Succeeded | DbStatus::PartiallyRefunded | DbStatus::Refunded
    ) {
        return Ok(Applied::Already);
    }
    let sold = sell(tx, booking, payment).await?;
    match sold {
        Ok(()) => {
            let accounts = lq::card_accounts()
                .bind(tx, &payment.currency)
                .one()
                .await?;
            let transfer = post_transfer(
                tx,
                accounts.clearing,
                accounts.revenue,
                payment.amount,
                &payment.currency,
            )
            .await?;
            q::mark_succeeded()
                .bind(tx, &transfer.id, &intent_id, &payment.id)
                .one()
                .await?;
            Ok(Applied::Confirmed)
        }
        Err(unsold) => {
            q::refund_unsold()
                .bind(tx, &unsold.reason(), &intent_id, &payment.id)
                .one()
                .await?;
            tracing::warn!(
                booking_id = booking.id,
                card_payment_id = payment.id,
                reason = unsold.reason(),
                "a card payment succeeded but sold nothing; refunding it in full"
            );
            Ok(Applied::Refunded(unsold))
        }
    }
}

/// Confirms the booking for a successful charge, taking its seats again if its hold lapsed;
/// `Err` when it cannot be sold.
async fn sell(
    tx: &Transaction<'_>,
    booking: &bq::LockedBooking,
    payment: &q::CardPayment,
) -> Result<Result<(), Unsold>, ApiError> {
    match booking.status {
        DbBookingStatus::Confirmed => return Ok(Err(Unsold::BookingAlreadyPaid)),
        DbBookingStatus::Cancelled => return Ok(Err(Unsold::SeatsNoLongerAvailable)),
        DbBookingStatus::Pending | DbBookingStatus::Expired => {}
    }
    if booking.amount != payment.amount {
        return Ok(Err(Unsold::BookingChanged));
    }
    let seats = booking.seats as u64;
    if booking.status == DbBookingStatus::Pending && booking.holding {
        // Holding as of this transaction's start; a seat another booking took since its hold
        // lapsed is missing here (see PayBooking).
        let held = sq::lock_booking_seats().bind(tx, &booking.id).all().await?;
        if held.len() as u64 == seats {
            let confirmed = bq::confirm_booking().bind(tx, &booking.id).await?;
            let sold = sq::confirm_seats().bind(tx, &booking.id).await?;
            let issued = tq::issue_tickets().bind(tx, &booking.id).await?;
            if confirmed != 1 || sold != seats || issued != seats {
                return Err(ApiError::Internal(format!(
                    "booking {} was locked as pending and holding, but {confirmed} booking, \
                     {sold} of its {seats} seats and {issued} tickets could be confirmed",
                    booking.id
                )));
            }
            return Ok(Ok(()));
        }
    }
    if booking.has_voucher {
        // Its voucher's use went back when its hold lapsed, perhaps to another booking: it is
        // not sold again at the voucher's price.
        return Ok(Err(Unsold::BookingChanged));
    }
    if !booking.upcoming {
        return Ok(Err(Unsold::SeatsNoLongerAvailable));
    }
    // A late success: the booking expires (giving back what it still holds), then takes its
    // seats again if every one is free, or none.
    q::expire_booking().bind(tx, &booking.id).all().await?;
    tx.batch_execute("SAVEPOINT retake").await?;
    q::lock_item_rows().bind(tx, &booking.id).all().await?;
    let taken = q::retake_seats().bind(tx, &booking.id).one().await?;
    if taken as u64 != seats {
        tx.batch_execute("ROLLBACK TO SAVEPOINT retake").await?;
        return Ok(Err(Unsold::SeatsNoLongerAvailable));
    }
    let confirmed = q::reconfirm_booking().bind(tx, &booking.id).await?;
    let issued = tq::issue_tickets().bind(tx, &booking.id).await?;
    if confirmed != 1 || issued != seats {
        return Err(ApiError::Internal(format!(
            "booking {} took its {seats} seats again, but {confirmed} booking and {issued} \
             tickets could be confirmed",
            booking.id
        )));
    }
    tracing::info!(
        booking_id = booking.id,
        card_payment_id = payment.id,
        "a card payment succeeded after its hold lapsed; its seats were still free"
    );
    Ok(Ok(()))
}

/// Cancels an intent at the provider so that it is never charged, logging a failure: a
/// charge that happens anyway is refunded when it is reported.
pub async fn cancel_intent_quietly(ticketing: &Ticketing, intent_id: &str) {
    let Some(provider) = ticketing.provider.as_deref() else {
        return;
    };
    let started = Instant::now();
    let result = provider.cancel_intent(intent_id).await;
    ticketing
        .metrics
        .provider_call("cancel_intent", started, &result);
    if let Err(err) = result {
        tracing::info!(
            intent_id,
            error = %err,
            "cancelling a payment intent failed; a charge it makes will be refunded"
        );
    }
}

/// Applies what the provider says of `intent` to its card payment: a success
/// ([`apply_success`]), or the end of an open payment (declined, cancelled). Any order: a
/// failure reported after the success changes nothing, and a success after a failure is
/// applied. Returns the card payment, or `None` when the intent is not one of ours.
pub async fn apply_intent(
    tx: &Transaction<'_>,
    provider: &str,
    intent: &Intent,
) -> Result<Option<i64>, ApiError> {
    let Some(found) = q::card_payment_of_intent()
        .bind(tx, &provider, &intent.id, &intent.card_payment_id)
        .opt()
        .await?
    else {
        return Ok(None);
    };
    let Some((booking, payment)) = lock_booking_and_payment(tx, found.booking_id, found.id).await?
    else {
        return Ok(None);
    };
    match intent.status {
        IntentStatus::Succeeded => {
            apply_success(tx, &booking, &payment, &intent.id).await?;
        }
        IntentStatus::Canceled if is_open(payment.status) => {
            mark_failed(tx, payment.id, "canceled", Some(&intent.id)).await?;
        }
        IntentStatus::RequiresPaymentMethod if is_open(payment.status) => {
            let reason = intent.failure.as_deref().unwrap_or("payment_failed");
            mark_failed(tx, payment.id, reason, Some(&intent.id)).await?;
        }
        _ => {}
    }
    Ok(Some(payment.id))
}

/// Marks an open payment failed for `reason`, with its intent if one was made.
///
/// Errors: the database's.
pub async fn mark_failed(
    tx: &Transaction<'_>,
    payment_id: i64,
    reason: &str,
    intent_id: Option<&str>,
) -> Result<(), ApiError> {
    q::mark_failed()
        .params(
            tx,
            &q::MarkFailedParams {
                failure_reason: reason,
                provider_payment_id: intent_id,
                id: payment_id,
            },
        )
        .await?;
    Ok(())
}

/// The sweep's part in card payments: asks the provider about each payment still open past
/// its hold (a lost webhook, an abandoned 3-D Secure) and applies the answer, then sends the
/// refunds not yet accepted. Up to `batch` of each per pass. Failures are logged; the next
/// pass tries again.
pub async fn sweep_card_payments(pool: &Pool, ticketing: &Ticketing, batch: i64) {
    let Some(provider) = ticketing.provider.as_deref() else {
        return;
    };
    match open_past_hold(pool, batch).await {
        Ok(open) => {
            for payment in open {
                if let Err(err) = resolve_open(pool, ticketing, provider, &payment).await {
                    tracing::warn!(
                        card_payment_id = payment.id,
                        error = %error_chain(&err),
                        "resolving a card payment open past its hold failed"
                    );
                }
            }
        }
        Err(err) => {
            tracing::warn!(error = %error_chain(&err), "reading open card payments failed");
        }
    }
    settle_due_refunds(pool, ticketing, batch).await;
}

async fn open_past_hold(pool: &Pool, batch: i64) -> Result<Vec<q::CardPayment>, ApiError> {
    let client = pool.get().await?;
    Ok(q::open_payments_past_hold()
        .bind(&client, &batch)
        .all()
        .await?)
}

/// Asks the provider what became of a payment open past its hold and applies it: a success
/// as the webhook would; a payment still waiting for the customer is cancelled at the
/// provider first (so that it can no longer be charged) and then failed as `abandoned`; one
/// the provider is processing is left for the next pass.
async fn resolve_open(
    pool: &Pool,
    ticketing: &Ticketing,
    provider: &dyn PaymentProvider,
    payment: &q::CardPayment,
) -> Result<(), ApiError> {
    let resolution = match &payment.provider_payment_id {
        // No intent was recorded: made by a request that then failed, or never made.
        None => Resolution::Abandon(None),
        Some(intent_id) => {
            let started = Instant::now();
            let read = provider.retrieve_intent(intent_id).await;
            ticketing
                .metrics
                .provider_call("retrieve_intent", started, &read);
            let intent = read.map_err(|err| ApiError::Internal(err.to_string()))?;
            match intent.status {
                IntentStatus::Succeeded | IntentStatus::Canceled => Resolution::Apply(intent),
                IntentStatus::Processing | IntentStatus::RequiresCapture => return Ok(()),
                _ => {
                    let started = Instant::now();
                    let cancelled = provider.cancel_intent(intent_id).await;
                    ticketing
                        .metrics
                        .provider_call("cancel_intent", started, &cancelled);
                    match cancelled {
                        Ok(intent) if intent.status == IntentStatus::Canceled => {
                            Resolution::Abandon(Some(intent.id))
                        }
                        // Charged meanwhile (or not cancellable): the next pass reads it.
                        Ok(_) | Err(_) => return Ok(()),
                    }
                }
            }
        }
    };
    let resolve = Resolve {
        provider: provider.name(),
        payment,
        resolution: &resolution,
    };
    in_transaction(pool, &resolve).await?;
    settle_refunds_of(pool, ticketing, payment.id).await;
    Ok(())
}

/// What to do with a payment open past its hold.
enum Resolution {
    /// Apply the intent as the provider has it (succeeded or cancelled).
    Apply(Intent),
    /// Fail it as `abandoned` (its intent, if any, is cancelled).
    Abandon(Option<String>),
}

struct Resolve<'a> {
    provider: &'static str,
    payment: &'a q::CardPayment,
    resolution: &'a Resolution,
}

impl Workflow for Resolve<'_> {
    type Output = ();

    async fn run(&self, tx: &Transaction<'_>) -> Result<(), ApiError> {
        match self.resolution {
            Resolution::Apply(intent) => {
                apply_intent(tx, self.provider, intent).await?;
            }
            Resolution::Abandon(intent_id) => {
                q::mark_failed()
                    .params(
                        tx,
                        &q::MarkFailedParams {
                            failure_reason: "abandoned",
                            provider_payment_id: intent_id.as_deref(),
                            id: self.payment.id,
                        },
                    )
                    .await?;
            }
        }
        Ok(())
    }
}

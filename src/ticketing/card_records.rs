//! Card payments and their refunds as the API shows them: their statuses, the records, and
//! reading a booking's (with [`with_refunds`], two statements for any number of payments).

use chrono::{DateTime, Utc};
use codegen::client::GenericClient;
use codegen::queries::card_payments as q;
use codegen::types::{CardPaymentStatus as DbStatus, CardRefundStatus as DbRefundStatus};
use poem_openapi::{Enum, Object};

use crate::platform::problem::ApiError;

use super::card_outcomes::is_open;

/// Where a card payment is in its life.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum CardPaymentStatus {
    /// Made; waiting for the customer's card (confirm it with `client_secret`).
    RequiresPaymentMethod,
    /// The customer must act (3-D Secure): `next_action` says how.
    RequiresAction,
    /// The provider is processing the charge.
    Processing,
    /// Charged: the booking is confirmed.
    Succeeded,
    /// It will not succeed: declined, abandoned past its hold, or its booking was cancelled
    /// (`failure_reason`).
    Failed,
    /// Some of its seats were cancelled and refunded to the card.
    PartiallyRefunded,
    /// Refunded in full: the booking was cancelled, or the charge came too late
    /// (`failure_reason`).
    Refunded,
}

impl From<DbStatus> for CardPaymentStatus {
    fn from(status: DbStatus) -> Self {
        match status {
            DbStatus::RequiresPaymentMethod => CardPaymentStatus::RequiresPaymentMethod,
            DbStatus::RequiresAction => CardPaymentStatus::RequiresAction,
            DbStatus::Processing => CardPaymentStatus::Processing,
            DbStatus::Succeeded => CardPaymentStatus::Succeeded,
            DbStatus::Failed => CardPaymentStatus::Failed,
            DbStatus::PartiallyRefunded => CardPaymentStatus::PartiallyRefunded,
            DbStatus::Refunded => CardPaymentStatus::Refunded,
        }
    }
}

/// Where a refund to a card is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum CardRefundStatus {
    /// Not yet accepted by the provider: retried until it is.
    Pending,
    /// The provider returned the money to the card.
    Succeeded,
    /// The provider refused it; the box office must settle it by hand.
    Failed,
}

impl From<DbRefundStatus> for CardRefundStatus {
    fn from(status: DbRefundStatus) -> Self {
        match status {
            DbRefundStatus::Pending => CardRefundStatus::Pending,
            DbRefundStatus::Succeeded => CardRefundStatus::Succeeded,
            DbRefundStatus::Failed => CardRefundStatus::Failed,
        }
    }
}

/// Money returned to the card of a card payment.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct CardRefund {
    /// The refund's id.
    pub id: i64,
    /// In minor units of the payment's currency.
    pub amount: i64,
    /// `cancellation` (seats given back), or why a charge sold nothing
    /// (`seats_no_longer_available`, `booking_already_paid`, `booking_changed`).
    pub reason: String,
    pub status: CardRefundStatus,
    /// When it was made (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::CardRefund> for CardRefund {
    fn from(row: q::CardRefund) -> Self {
        CardRefund {
            id: row.id,
            amount: row.amount,
            reason: row.reason,
            status: row.status.into(),
            created_at: row.created_at,
        }
    }
}

/// A booking paid, or being paid, by card.
#[derive(Object, Debug, Clone, PartialEq)]
pub struct CardPayment {
    /// The card payment's id.
    pub id: i64,
    /// The booking paid for.
    pub booking_id: i64,
    /// The payment provider: `stripe`.
    pub provider: String,
    /// The provider's payment intent (`pi_…`); none while it is being made.
    #[oai(nullable)]
    pub provider_payment_id: Option<String>,
    /// What is charged: the booking's amount when the payment began, in minor units of
    /// `currency`.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    pub status: CardPaymentStatus,
    /// What the provider's client library (Stripe.js, the mobile SDKs) confirms the payment
    /// with: shown to the booking's owner only, while the payment is open.
    #[oai(nullable)]
    pub client_secret: Option<String>,
    /// What the customer must do for `requires_action` (3-D Secure), as the provider
    /// describes it; the provider's client library acts on it.
    #[oai(nullable)]
    pub next_action: Option<serde_json::Value>,
    /// Why it failed or was refunded in full: the provider's decline code
    /// (`card_declined`, `insufficient_funds`, …), `abandoned` (still open when its hold
    /// ended), `booking_cancelled`, or for a charge that sold nothing
    /// `seats_no_longer_available`, `booking_already_paid`, `booking_changed`.
    #[oai(nullable)]
    pub failure_reason: Option<String>,
    /// Refunded to the card so far, in minor units.
    pub refunded_amount: i64,
    /// Until when the booking holds its seats for this payment (RFC 3339, UTC):
    /// CARD_PAYMENT_HOLD_SECONDS after it began, never past the screening's start.
    pub hold_expires_at: DateTime<Utc>,
    /// When it began (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// Its refunds, oldest first.
    pub refunds: Vec<CardRefund>,
}

impl CardPayment {
    /// The payment as its booking's owner sees it (`owner`: with the client secret while it
    /// is open) or as an admin does.
    pub fn from_row(row: q::CardPayment, refunds: Vec<CardRefund>, owner: bool) -> Self {
        let open = is_open(row.status);
        CardPayment {
            id: row.id,
            booking_id: row.booking_id,
            provider: row.provider,
            provider_payment_id: row.provider_payment_id,
            amount: row.amount,
            currency: row.currency,
            status: row.status.into(),
            client_secret: row.client_secret.filter(|_| owner && open),
            next_action: row.next_action.filter(|_| open),
            failure_reason: row.failure_reason,
            refunded_amount: row.refunded_amount,
            hold_expires_at: row.hold_expires_at,
            created_at: row.created_at,
            refunds,
        }
    }
}

/// The card payments of `booking_ids` with their refunds, as their owner sees them: each
/// booking's, newest first, in the order of the ids given.
///
/// Errors: the database's.
pub async fn card_payments_of(
    client: &impl GenericClient,
    booking_ids: &[i64],
) -> Result<Vec<CardPayment>, ApiError> {
    let rows = q::card_payments_of_bookings()
        .bind(client, &booking_ids)
        .all()
        .await?;
    with_refunds(client, rows, true).await
}

/// Card payments with their refunds (two statements for any number of payments), as their
/// booking's owner sees them (`owner`) or as an admin does.
///
/// Errors: the database's.
pub async fn with_refunds(
    client: &impl GenericClient,
    rows: Vec<q::CardPayment>,
    owner: bool,
) -> Result<Vec<CardPayment>, ApiError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let refunds = q::refunds_of_payments().bind(client, &ids).all().await?;
    let mut payments = Vec::with_capacity(rows.len());
    let mut by_payment: std::collections::HashMap<i64, Vec<CardRefund>> = Default::default();
    for refund in refunds {
        by_payment
            .entry(refund.card_payment_id)
            .or_default()
            .push(refund.into());
    }
    for row in rows {
        let own = by_payment.remove(&row.id).unwrap_or_default();
        payments.push(CardPayment::from_row(row, own, owner));
    }
    Ok(payments)
}

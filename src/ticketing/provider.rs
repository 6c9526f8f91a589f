//! The payment-provider boundary: what card payments need of a provider (make a payment
//! intent, read it, cancel it, refund it, and verify the events it sends), whatever the
//! provider. Stripe's PaymentIntents API is the first implementation ([`super::stripe`]);
//! tests point it at localstripe, or at a receiver that counts calls.
//!
//! Every call has a timeout; a provider that cannot be reached, times out, or answers 5xx or
//! 429 is [`ProviderError::Unavailable`], which the API answers 503
//! `payment_provider_unavailable` with `Retry-After`, having changed nothing it cannot redo.

use std::future::Future;
use std::pin::Pin;

/// A boxed future of a provider call.
pub type ProviderCall<'a, T> = Pin<Box<dyn Future<Output = Result<T, ProviderError>> + Send + 'a>>;

/// A payment intent to make, for one card payment of a booking.
#[derive(Debug, Clone)]
pub struct NewIntent<'a> {
    /// In minor units of `currency`.
    pub amount: i64,
    /// ISO 4217, as the booking has it (`EUR`).
    pub currency: &'a str,
    /// Kept in the intent's metadata, so that a success can be traced to its booking.
    pub booking_id: i64,
    /// Kept in the intent's metadata: the card payment the intent is made for.
    pub card_payment_id: i64,
    /// A payment method the client's library made (`pm_…`): the intent is confirmed at once,
    /// on the server. Without it the client confirms with the client secret.
    pub payment_method: Option<&'a str>,
    /// The provider-side idempotency key: the same key makes the same intent.
    pub idempotency_key: &'a str,
}

/// Where a provider's payment intent is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntentStatus {
    /// Waiting for a payment method (made without one, or a card was declined).
    RequiresPaymentMethod,
    /// A payment method is attached; not confirmed yet.
    RequiresConfirmation,
    /// The customer must act (3-D Secure): see the intent's `next_action`.
    RequiresAction,
    /// The provider is processing it.
    Processing,
    /// Authorised, waiting for a capture (not used: captures are automatic).
    RequiresCapture,
    /// The money was taken.
    Succeeded,
    /// Cancelled; it will never succeed.
    Canceled,
}

/// A provider's payment intent, as far as card payments read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    /// The provider's id (`pi_…`).
    pub id: String,
    /// Its status.
    pub status: IntentStatus,
    /// In minor units of `currency`.
    pub amount: i64,
    /// ISO 4217, upper case.
    pub currency: String,
    /// What the client's library confirms it with.
    pub client_secret: Option<String>,
    /// What the customer must do, for [`IntentStatus::RequiresAction`].
    pub next_action: Option<serde_json::Value>,
    /// Why the last attempt failed (a decline code or message), if it did.
    pub failure: Option<String>,
    /// The card payment it was made for (its metadata), if it names one.
    pub card_payment_id: Option<i64>,
}

/// A refund to make.
#[derive(Debug, Clone)]
pub struct NewRefund<'a> {
    /// The payment intent refunded.
    pub payment_id: &'a str,
    /// In minor units of the payment's currency.
    pub amount: i64,
    /// The provider-side idempotency key: the same key makes the same refund.
    pub idempotency_key: &'a str,
}

/// Where a provider's refund is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundStatus {
    /// The money went back.
    Succeeded,
    /// Accepted, not yet done.
    Pending,
    /// It failed, or was cancelled.
    Failed,
}

/// A provider's refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// The provider's id (`re_…`).
    pub id: String,
    /// Its status.
    pub status: RefundStatus,
    /// In minor units.
    pub amount: i64,
}

/// An event the provider sent, verified.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderEvent {
    /// The provider's id of the event (`evt_…`): applied once.
    pub id: String,
    /// Its type (`payment_intent.succeeded`, …).
    pub kind: String,
    /// The payment intent it is about, for payment intent events.
    pub intent: Option<Intent>,
}

/// Why a provider call failed.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider cannot be reached or answered 5xx or 429: try again later.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider refused the request (a card error, a payment method that does not exist,
    /// an intent in a state that does not allow it): `code` is its error code.
    #[error("the payment provider refused the request: {code}: {message}")]
    Refused {
        /// The provider's error code (`card_declined`, `resource_missing`, …).
        code: String,
        /// Its message.
        message: String,
        /// Whether it is a card error (a decline).
        card: bool,
    },
}

/// Why a webhook's signature is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No signature header, or one that does not parse.
    #[error("the signature header is missing or malformed")]
    Malformed,
    /// Signed longer ago (or further ahead) than the tolerance.
    #[error("the signature is too old")]
    Stale,
    /// No signature of the header matches the payload.
    #[error("no signature matches the payload")]
    Mismatch,
    /// The payload is not an event.
    #[error("the payload is not an event: {0}")]
    Payload(String),
}

/// A payment provider.
pub trait PaymentProvider: Send + Sync {
    /// Its name, as card payments record it (`stripe`).
    fn name(&self) -> &'static str;

    /// Makes a payment intent (and confirms it when given a payment method). The same
    /// idempotency key makes the same intent.
    fn create_intent<'a>(&'a self, intent: NewIntent<'a>) -> ProviderCall<'a, Intent>;

    /// Reads a payment intent as it is now.
    fn retrieve_intent<'a>(&'a self, id: &'a str) -> ProviderCall<'a, Intent>;

    /// Cancels a payment intent that has not succeeded, so that it never will.
    fn cancel_intent<'a>(&'a self, id: &'a str) -> ProviderCall<'a, Intent>;

    /// Refunds some or all of a payment. The same idempotency key makes the same refund.
    fn refund<'a>(&'a self, refund: NewRefund<'a>) -> ProviderCall<'a, Refund>;

    /// The refunds of a payment intent.
    fn refunds_of<'a>(&'a self, payment_id: &'a str) -> ProviderCall<'a, Vec<Refund>>;

    /// Verifies an event's signature (`signature` is the signature header) at `now` (Unix
    /// seconds) and reads it.
    ///
    /// Errors: the signature is missing, stale or does not match, or the payload is no event.
    fn verify_event(
        &self,
        payload: &[u8],
        signature: &str,
        now: i64,
    ) -> Result<ProviderEvent, SignatureError>;
}

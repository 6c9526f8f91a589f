//! Stripe as the payment provider: its PaymentIntents and Refunds APIs over HTTPS, with the
//! `reqwest` client the webhooks already use and serde types for the few calls (the
//! `async-stripe` crates would bring a generated client of the whole API for five calls),
//! and its webhook signatures (<https://docs.stripe.com/webhooks#verify-manually>).
//!
//! Requests are form-encoded as Stripe's API takes them, authenticated with the secret key,
//! and carry an `Idempotency-Key` where they create something. A server-side confirmation
//! makes the intent with the payment method attached, then confirms it in a second call, so
//! that a declined card leaves an intent whose id is known.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

use crate::platform::db::tls_config;
use crate::platform::problem::error_chain;
use crate::platform::secret::Secret;

use super::provider::{
    Intent, IntentStatus, NewIntent, NewRefund, PaymentProvider, ProviderCall, ProviderError,
    ProviderEvent, Refund, RefundStatus, SignatureError,
};

/// How far a webhook's signature time may be from now: Stripe's libraries' default, 300 s.
pub const SIGNATURE_TOLERANCE_SECONDS: i64 = 300;

/// Stripe's API, as the settings name it.
pub struct Stripe {
    http: reqwest::Client,
    api_base: String,
    secret_key: Secret,
    webhook_secret: Secret,
}

/// Why the Stripe client could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("setting up the Stripe client: {0}")]
pub struct StripeSetupError(String);

impl Stripe {
    /// A client of the API at `api_base` (`https://api.stripe.com`, or a localstripe),
    /// authenticated with `secret_key`, verifying webhooks with `webhook_secret`, giving up on
    /// a call after `timeout`. Like the webhook client it follows no redirect and ignores the
    /// environment's proxies.
    ///
    /// Errors: the TLS set-up or the client cannot be built.
    pub fn new(
        api_base: &str,
        secret_key: Secret,
        webhook_secret: Secret,
        timeout: Duration,
    ) -> Result<Arc<Self>, StripeSetupError> {
        let tls = tls_config(None).map_err(|err| StripeSetupError(err.to_string()))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            .user_agent(concat!("boxoffice/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| StripeSetupError(error_chain(&err)))?;
        Ok(Arc::new(Stripe {
            http,
            api_base: api_base.trim_end_matches('/').to_owned(),
            secret_key,
            webhook_secret,
        }))
    }

    /// Sends a request to `path` (form `params`, an `Idempotency-Key` if given) and reads
    /// its answer as `T`.
    async fn call<T: for<'de> Deserialize<'de>>(
        &self,
        method: reqwest::Method,
        path: &str,
        params: &[(&str, String)],
        idempotency_key: Option<&str>,
    ) -> Result<T, ProviderError> {
        let url = format!("{}{path}", self.api_base);
        let mut request = self
            .http
            .request(method.clone(), &url)
            .bearer_auth(self.secret_key.expose());
        request = if method == reqwest::Method::GET {
            request.query(params)
        } else {
            request.form(params)
        };
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let response = request
            .send()
            .await
            .map_err(|err| ProviderError::Unavailable(error_chain(&err)))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|err| ProviderError::Unavailable(error_chain(&err)))?;
        // 409: a request with the same idempotency key is still running at Stripe (a retry
        // or a concurrent request of ours); it answers the same once that one is done.
        if status.is_server_error() || matches!(status.as_u16(), 409 | 429) {
            return Err(ProviderError::Unavailable(format!(
                "{method} {path} answered {status}"
            )));
        }
        if !status.is_success() {
            let error: ErrorBody = serde_json::from_slice(&body).unwrap_or_default();
            return Err(ProviderError::Refused {
                code: error
                    .error
                    .decline_code
                    .or(error.error.code)
                    .unwrap_or_else(|| status.as_u16().to_string()),
                message: error.error.message.unwrap_or_default(),
                card: status.as_u16() == 402 || error.error.kind.as_deref() == Some("card_error"),
            });
        }
        serde_json::from_slice(&body).map_err(|err| {
            ProviderError::Unavailable(format!(
                "{method} {path}: an answer that does not parse: {err}"
            ))
        })
    }
}

/// A payment intent as Stripe writes it.
#[derive(Deserialize)]
struct IntentBody {
    id: String,
    status: String,
    amount: i64,
    currency: String,
    client_secret: Option<String>,
    next_action: Option<serde_json::Value>,
    last_payment_error: Option<ErrorDetail>,
    #[serde(default)]
    metadata: std::collections::HashMap<String, String>,
}

impl IntentBody {
    fn into_intent(self) -> Intent {
        let status = match self.status.as_str() {
            "requires_payment_method" => IntentStatus::RequiresPaymentMethod,
            "requires_confirmation" => IntentStatus::RequiresConfirmation,
            "requires_action" => IntentStatus::RequiresAction,
            "requires_capture" => IntentStatus::RequiresCapture,
            "succeeded" => IntentStatus::Succeeded,
            "canceled" => IntentStatus::Canceled,
            // `processing`, and whatever Stripe adds: not settled yet.
            _ => IntentStatus::Processing,
        };
        Intent {
            id: self.id,
            status,
            amount: self.amount,
            currency: self.currency.to_ascii_uppercase(),
            client_secret: self.client_secret,
            next_action: self.next_action,
            failure: self
                .last_payment_error
                .and_then(|e| e.decline_code.or(e.code).or(e.message)),
            card_payment_id: self
                .metadata
                .get("card_payment_id")
                .and_then(|id| id.parse().ok()),
        }
    }
}

/// A refund as Stripe writes it.
#[derive(Deserialize)]
struct RefundBody {
    id: String,
    status: String,
    amount: i64,
}

impl RefundBody {
    fn into_refund(self) -> Refund {
        Refund {
            id: self.id,
            status: match self.status.as_str() {
                "succeeded" => RefundStatus::Succeeded,
                "failed" | "canceled" => RefundStatus::Failed,
                _ => RefundStatus::Pending,
            },
            amount: self.amount,
        }
    }
}

#[derive(Deserialize)]
struct RefundList {
    data: Vec<RefundBody>,
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    error: ErrorDetail,
}

#[derive(Deserialize, Default)]
struct ErrorDetail {
    #[serde(rename = "type")]
    kind: Option<String>,
    code: Option<String>,
    decline_code: Option<String>,
    message: Option<String>,
}

/// An event as Stripe writes it.
#[derive(Deserialize)]
struct EventBody {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: serde_json::Value,
}

impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn create_intent<'a>(&'a self, intent: NewIntent<'a>) -> ProviderCall<'a, Intent> {
        Box::pin(async move {
            let mut params = vec![
                ("amount", intent.amount.to_string()),
                ("currency", intent.currency.to_ascii_lowercase()),
                ("payment_method_types[]", "card".to_owned()),
                ("metadata[booking_id]", intent.booking_id.to_string()),
                (
                    "metadata[card_payment_id]",
                    intent.card_payment_id.to_string(),
                ),
            ];
            if let Some(method) = intent.payment_method {
                params.push(("payment_method", method.to_owned()));
            }
            let created: IntentBody = self
                .call(
                    reqwest::Method::POST,
                    "/v1/payment_intents",
                    &params,
                    Some(intent.idempotency_key),
                )
                .await?;
            let created = created.into_intent();
            if intent.payment_method.is_none()
                || created.status != IntentStatus::RequiresConfirmation
            {
                return Ok(created);
            }
            let path = format!("/v1/payment_intents/{}/confirm", created.id);
            let key = format!("{}-confirm", intent.idempotency_key);
            match self
                .call::<IntentBody>(reqwest::Method::POST, &path, &[], Some(&key))
                .await
            {
                Ok(confirmed) => Ok(confirmed.into_intent()),
                // A decline: the intent, as it now is, says why.
                Err(ProviderError::Refused { card: true, .. }) => {
                    self.retrieve_intent(&created.id).await
                }
                Err(other) => Err(other),
            }
        })
    }

    fn retrieve_intent<'a>(&'a self, id: &'a str) -> ProviderCall<'a, Intent> {
        Box::pin(async move {
            let path = format!("/v1/payment_intents/{id}");
            let intent: IntentBody = self.call(reqwest::Method::GET, &path, &[], None).await?;
            Ok(intent.into_intent())
        })
    }

    fn cancel_intent<'a>(&'a self, id: &'a str) -> ProviderCall<'a, Intent> {
        Box::pin(async move {
            let path = format!("/v1/payment_intents/{id}/cancel");
            let intent: IntentBody = self.call(reqwest::Method::POST, &path, &[], None).await?;
            Ok(intent.into_intent())
        })
    }

    fn refund<'a>(&'a self, refund: NewRefund<'a>) -> ProviderCall<'a, Refund> {
        Box::pin(async move {
            let params = [
                ("payment_intent", refund.payment_id.to_owned()),
                ("amount", refund.amount.to_string()),
            ];
            let made: RefundBody = self
                .call(
                    reqwest::Method::POST,
                    "/v1/refunds",
                    &params,
                    Some(refund.idempotency_key),
                )
                .await?;
            Ok(made.into_refund())
        })
    }

    fn refunds_of<'a>(&'a self, payment_id: &'a str) -> ProviderCall<'a, Vec<Refund>> {
        Box::pin(async move {
            let params = [
                ("payment_intent", payment_id.to_owned()),
                ("limit", "100".to_owned()),
            ];
            let list: RefundList = self
                .call(reqwest::Method::GET, "/v1/refunds", &params, None)
                .await?;
            Ok(list.data.into_iter().map(RefundBody::into_refund).collect())
        })
    }

    fn verify_event(
        &self,
        payload: &[u8],
        signature: &str,
        now: i64,
    ) -> Result<ProviderEvent, SignatureError> {
        verify_signature(self.webhook_secret.expose(), payload, signature, now)?;
        let event: EventBody = serde_json::from_slice(payload)
            .map_err(|err| SignatureError::Payload(err.to_string()))?;
        let intent = event
            .kind
            .starts_with("payment_intent.")
            .then(|| serde_json::from_value::<IntentBody>(event.data.object))
            .transpose()
            .map_err(|err| SignatureError::Payload(err.to_string()))?
            .map(IntentBody::into_intent);
        Ok(ProviderEvent {
            id: event.id,
            kind: event.kind,
            intent,
        })
    }
}

/// Checks a `Stripe-Signature` header (`t=<unix seconds>,v1=<hex>[,v1=<hex>…]`): the time
/// within [`SIGNATURE_TOLERANCE_SECONDS`] of `now`, and one `v1` the HMAC-SHA256 of
/// `"{t}.{payload}"` keyed with the endpoint secret, compared in constant time. Several `v1`
/// are accepted while an endpoint's secret rotates (Stripe signs with both).
pub fn verify_signature(
    secret: &str,
    payload: &[u8],
    header: &str,
    now: i64,
) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - timestamp).abs() > SIGNATURE_TOLERANCE_SECONDS {
        return Err(SignatureError::Stale);
    }
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    let matches = signatures
        .iter()
        .filter_map(|hex| decode_hex(hex))
        .any(|candidate| {
            // verify_slice compares in constant time.
            mac.clone().verify_slice(&candidate).is_ok()
        });
    if matches {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The `Stripe-Signature` header a sender with `secret` writes for `payload` at `timestamp`
/// (for tests and the benchmark's synthetic events).
pub fn sign(secret: &str, payload: &[u8], timestamp: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    let mut hex = String::with_capacity(64);
    for byte in mac.finalize().into_bytes() {
        hex.push_str(&format!("{byte:02x}"));
    }
    format!("t={timestamp},v1={hex}")
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_accepted_fresh_and_refused_stale_forged_or_malformed() {
        let payload = br#"{"id":"evt_1"}"#;
        let now = 1_700_000_000;
        let good = sign("whsec_test", payload, now);
        assert_eq!(
            verify_signature("whsec_test", payload, &good, now + 299),
            Ok(())
        );
        assert_eq!(
            verify_signature("whsec_test", payload, &good, now + 301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify_signature("whsec_other", payload, &good, now),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature("whsec_test", br#"{"id":"evt_2"}"#, &good, now),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature("whsec_test", payload, "v1=abcd", now),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify_signature("whsec_test", payload, &format!("t={now}"), now),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn while_a_secret_rotates_either_signature_is_accepted() {
        let payload = b"{}";
        let now = 1_700_000_000;
        let old = sign("whsec_old", payload, now);
        let new = sign("whsec_new", payload, now);
        let v1 = |header: &str| header.split_once(",v1=").unwrap().1.to_owned();
        let both = format!("t={now},v1={},v1={}", v1(&old), v1(&new));
        assert_eq!(verify_signature("whsec_new", payload, &both, now), Ok(()));
        assert_eq!(verify_signature("whsec_old", payload, &both, now), Ok(()));
    }
}

//! The payment provider's webhook (`POST /v1/providers/stripe/webhook`): events verified by
//! their signature, each applied once by its id in the transaction that applies it
//! ([`super::card_outcomes`] says what a success or a failure does), and the ids of applied
//! events forgotten after [`PROVIDER_EVENTS_KEPT_DAYS`].

use std::sync::Arc;

use codegen::queries::card_payments as q;
use deadpool_postgres::{Pool, Transaction};
use poem::Request;
use poem::web::Data;
use poem_openapi::{Object, OpenApi, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::db::{PURGE_BATCH, PurgeBatches, Workflow, in_transaction};
use crate::platform::db_errors::QueryError;
use crate::platform::http::RawJson;
use crate::platform::problem::ApiError;

use super::Ticketing;
use super::card_outcomes::apply_intent;
use super::card_refunds::settle_refunds_of;
use super::provider::{ProviderEvent, SignatureError};

/// What a provider event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventOutcome {
    /// It changed a card payment (or found it as it said).
    Applied {
        /// The card payment, whose refunds may be due.
        payment_id: i64,
    },
    /// It was applied before.
    Duplicate,
    /// It is of no concern: a type not acted on, or an intent that is not ours.
    Ignored,
}

impl EventOutcome {
    fn label(self) -> &'static str {
        match self {
            EventOutcome::Applied { .. } => "applied",
            EventOutcome::Duplicate => "duplicate",
            EventOutcome::Ignored => "ignored",
        }
    }
}

/// Applies one verified provider event in one transaction with its record in
/// `provider_events`, so that it is applied exactly once.
struct ApplyEvent<'a> {
    provider: &'static str,
    event: &'a ProviderEvent,
}

impl Workflow for ApplyEvent<'_> {
    type Output = EventOutcome;

    async fn run(&self, tx: &Transaction<'_>) -> Result<EventOutcome, ApiError> {
        let event = self.event;
        let first = q::record_provider_event()
            .bind(tx, &self.provider, &event.id, &event.kind)
            .opt()
            .await?;
        if first.is_none() {
            return Ok(EventOutcome::Duplicate);
        }
        let Some(intent) = &event.intent else {
            return Ok(EventOutcome::Ignored);
        };
        let applied = match event.kind.as_str() {
            "payment_intent.succeeded" => apply_intent(tx, self.provider, intent).await?,
            "payment_intent.payment_failed" | "payment_intent.canceled" => {
                apply_intent(tx, self.provider, intent).await?
            }
            _ => None,
        };
        Ok(
            applied.map_or(EventOutcome::Ignored, |payment_id| EventOutcome::Applied {
                payment_id,
            }),
        )
    }
}

/// An event the provider sent, as Stripe writes it: only `id` and `type` are read here, and
/// `data.object` of `payment_intent.*` events.
#[derive(Object, Debug)]
pub struct ProviderEventBody {
    /// The event's id (`evt_…`).
    pub id: String,
    /// Its type: `payment_intent.succeeded`, `payment_intent.payment_failed` and
    /// `payment_intent.canceled` are acted on; others are acknowledged and ignored.
    #[oai(rename = "type")]
    pub kind: String,
    /// What it is about (`{"object": {…}}`).
    pub data: serde_json::Value,
}

/// What the service did with an event.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct WebhookReceipt {
    /// `applied`, `duplicate` (applied before: changed nothing) or `ignored`.
    pub outcome: String,
}

operation_errors! {
    ProviderWebhookError(JsonBody) {
        400: "`invalid_signature`: the `Stripe-Signature` header is missing, malformed, more \
              than 300 seconds old, or matches no signature of the body under the endpoint's \
              secret; or `invalid_request`: the body is no event. Nothing was changed.",
        503: "`card_payments_unavailable` (the service takes no cards) or \
              `database_unavailable`: the provider retries the event.",
    }
}

/// `/v1/providers`.
pub struct ProvidersApi {
    /// The context: the provider, the metrics.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(prefix_path = "/v1/providers", tag = "super::Tag::Payments")]
impl ProvidersApi {
    /// Receive Stripe's events
    ///
    /// Where Stripe posts its webhook events (no bearer token: the `Stripe-Signature` header,
    /// an HMAC-SHA256 of the timestamp and the body under the endpoint's signing secret,
    /// authenticates it). Subscribe `payment_intent.succeeded`,
    /// `payment_intent.payment_failed` and `payment_intent.canceled`. Each event is applied
    /// once, by its id, however often and in whatever order it arrives; refunds it makes are
    /// sent after the answer.
    #[oai(
        path = "/stripe/webhook",
        method = "post",
        operation_id = "receive_stripe_event"
    )]
    async fn stripe_webhook(
        &self,
        state: Data<&Arc<AppState>>,
        request: &Request,
        body: RawJson<ProviderEventBody>,
    ) -> Result<Json<WebhookReceipt>, ProviderWebhookError> {
        let result = self.receive(&state, request, &body.0).await;
        if let Err(ApiError::Problem(problem)) = &result
            && problem.code == "invalid_signature"
        {
            self.ticketing
                .metrics
                .provider_webhooks
                .count_as("invalid_signature");
        }
        let outcome = result?;
        self.ticketing
            .metrics
            .provider_webhooks
            .count_as(outcome.label());
        if let EventOutcome::Applied { payment_id } = outcome {
            // The provider waits for the answer; refunds are sent beside it.
            let (pool, ticketing) = (state.pool.clone(), self.ticketing.clone());
            tokio::spawn(async move { settle_refunds_of(&pool, &ticketing, payment_id).await });
        }
        Ok(Json(WebhookReceipt {
            outcome: outcome.label().to_owned(),
        }))
    }
}

impl ProvidersApi {
    async fn receive(
        &self,
        state: &AppState,
        request: &Request,
        payload: &[u8],
    ) -> Result<EventOutcome, ApiError> {
        let provider = self.ticketing.provider()?;
        let signature = request
            .headers()
            .get("stripe-signature")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let now = chrono::Utc::now().timestamp();
        let event = provider
            .verify_event(payload, signature, now)
            .map_err(|err| match err {
                SignatureError::Payload(reason) => ApiError::bad_request(
                    "invalid_request",
                    format!("the body is no event: {reason}"),
                ),
                other => ApiError::bad_request("invalid_signature", other.to_string()),
            })?;
        let apply = ApplyEvent {
            provider: provider.name(),
            event: &event,
        };
        in_transaction(&state.pool, &apply).await
    }
}

/// Days a provider event already applied is remembered (its id, so that a redelivery is
/// answered as a duplicate): Stripe sends an event again for three days at most.
pub const PROVIDER_EVENTS_KEPT_DAYS: i32 = 30;

/// Forgets the provider events received more than [`PROVIDER_EVENTS_KEPT_DAYS`] ago
/// ([`PurgeBatches`]). Returns how many.
///
/// Errors: the database could not be reached or a statement failed.
pub async fn purge_provider_events(pool: &Pool) -> Result<u64, QueryError> {
    let client = pool.get().await?;
    let mut batches = PurgeBatches::default();
    while batches.more(
        q::purge_provider_events()
            .bind(&client, &PROVIDER_EVENTS_KEPT_DAYS, &PURGE_BATCH)
            .await?,
    ) {}
    Ok(batches.purged())
}

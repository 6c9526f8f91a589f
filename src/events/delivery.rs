//! The webhook delivery worker: every replica runs one; together they send each due delivery,
//! signed as the Standard Webhooks specification says (<https://www.standardwebhooks.com>).
//!
//! A worker claims a batch of due deliveries in one statement (`FOR UPDATE SKIP LOCKED`, so
//! workers of other replicas take other rows), which counts the attempt and leases the rows
//! for twice the request timeout. It then sends them without holding a connection, and
//! records each outcome only if the attempt it claimed is still the latest. A worker that dies
//! mid-way loses nothing: its deliveries are claimed again when their lease lapses; the
//! receiver may then see the same `webhook-id` twice (at-least-once delivery).

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use codegen::client::Params as _;
use codegen::queries::webhooks as q;
use deadpool_postgres::Pool;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::platform::db::tls_config;
use crate::platform::db_errors::QueryError;
use crate::platform::egress::{FilteringResolver, redacted};

/// Most time a webhook attempt may take to connect, whatever WEBHOOK_TIMEOUT_MS allows.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
use crate::platform::problem::error_chain;
use crate::platform::random::random_bytes;

use super::{EventMetrics, WebhookSettings};

/// How long a claim holds a delivery: the attempt's timeout twice over, so that a worker
/// records its outcome well before another could claim it again.
fn lease(settings: &WebhookSettings) -> Duration {
    settings.timeout * 2
}

/// The delay before the retry that follows attempt `attempt` (1 for the first):
/// `retry_base × 2^(attempt−1)`, at most the retry window, with "equal jitter" (half of it
/// fixed, half random) so that receivers recovering from an outage are not hit by every retry
/// at once (<https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/>).
pub fn retry_delay(settings: &WebhookSettings, attempt: i32) -> Duration {
    let exponent = attempt.clamp(1, 31) as u32 - 1;
    let full = settings
        .retry_base
        .saturating_mul(1u32 << exponent)
        .min(settings.retry_window.max(settings.retry_base));
    let random = u64::from_le_bytes(random_bytes::<8>()) as f64 / u64::MAX as f64;
    full / 2 + full.mul_f64(random / 2.0)
}

/// What a receiver gets as the body: the event as `GET /v1/events` shows it, without its
/// place in the feed.
#[derive(Serialize)]
struct WebhookMessage<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    type_: &'a str,
    created_at: DateTime<Utc>,
    data: &'a serde_json::Value,
}

/// The `webhook-signature` value for a message: `v1,` and the base64 of the HMAC-SHA256, keyed
/// with the secret's bytes (the base64 after `whsec_`), of `{id}.{timestamp}.{body}`
/// (Standard Webhooks, "Signature scheme").
///
/// Errors: the secret is not `whsec_` and base64 (the database checks the prefix; the API
/// writes only well-formed secrets).
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, String> {
    let key = secret
        .strip_prefix("whsec_")
        .and_then(|key| BASE64.decode(key).ok())
        .ok_or_else(|| "the webhook's secret is not `whsec_` and base64".to_owned())?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes keys of any length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!("v1,{}", BASE64.encode(mac.finalize().into_bytes())))
}

/// Why the worker could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("setting up the webhook HTTP client: {0}")]
pub struct WorkerSetupError(String);

/// Sends due webhook deliveries; one per process.
pub struct DeliveryWorker {
    pool: Pool,
    http: reqwest::Client,
    settings: WebhookSettings,
    metrics: EventMetrics,
}

/// The outcome of one attempt, to record.
struct Attempt {
    delivered: bool,
    status_code: Option<i32>,
    error: Option<String>,
}

impl DeliveryWorker {
    /// A worker sending with `settings`, counting outcomes in `metrics`. Its HTTP client
    /// follows no redirects (a redirect could lead past the destination check), ignores proxy
    /// settings of the environment, trusts the system's root certificates, and resolves names
    /// through [`FilteringResolver`].
    ///
    /// Errors: the TLS set-up or the client cannot be built.
    pub fn new(
        pool: Pool,
        settings: WebhookSettings,
        metrics: EventMetrics,
    ) -> Result<Self, WorkerSetupError> {
        let tls = tls_config(None).map_err(|err| WorkerSetupError(err.to_string()))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(settings.timeout)
            // A receiver that does not accept the connection (a host gone, packets dropped)
            // gives its place up sooner than one that is slow to answer.
            .connect_timeout(settings.timeout.min(CONNECT_TIMEOUT))
            .user_agent(concat!("boxoffice-webhooks/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(FilteringResolver(settings.destinations)))
            .build()
            .map_err(|err| WorkerSetupError(error_chain(&err)))?;
        Ok(DeliveryWorker {
            pool,
            http,
            settings,
            metrics,
        })
    }

    /// Delivers until aborted, with at most `concurrency` attempts under way: whenever
    /// fewer are, it claims due deliveries for the free places, so a receiver that holds its
    /// requests for the whole timeout takes places but never holds up the others'
    /// deliveries. When nothing is due it looks again after the poll interval. Failures to
    /// reach the database are logged and retried. Aborting it aborts the attempts under way
    /// (their deliveries are claimed again when the lease lapses). With a concurrency of 0 it
    /// sends nothing and returns at once.
    pub async fn run(self) {
        let worker = Arc::new(self);
        let concurrency = usize::from(worker.settings.concurrency);
        if concurrency == 0 {
            return;
        }
        let mut sends = tokio::task::JoinSet::new();
        loop {
            while sends.try_join_next().is_some() {}
            let free = concurrency - sends.len();
            if free == 0 {
                sends.join_next().await;
                continue;
            }
            match worker.claim(free).await {
                Ok(claimed) => {
                    let all_places_taken = claimed.len() == free;
                    for delivery in claimed {
                        sends.spawn(worker.clone().attempt(delivery));
                    }
                    if all_places_taken {
                        continue;
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %error_chain(&err), "claiming webhook deliveries failed");
                }
            }
            tokio::time::sleep(worker.settings.poll).await;
        }
    }

    /// Claims up to `limit` due deliveries, each for one attempt under a lease.
    ///
    /// Errors: the database could not be reached or the statement failed.
    async fn claim(&self, limit: usize) -> Result<Vec<q::ClaimedDelivery>, QueryError> {
        let client = self.pool.get().await?;
        let limit = i64::try_from(limit).expect("the concurrency fits in a u16");
        Ok(q::claim_deliveries()
            .bind(
                &client,
                &i64::from(self.settings.per_webhook),
                &limit,
                &lease(&self.settings).as_secs_f64(),
            )
            .all()
            .await?)
    }

    /// Sends a claimed delivery and records the outcome. An outcome that cannot be recorded
    /// is logged; the delivery is claimed again when its lease lapses.
    async fn attempt(self: Arc<Self>, delivery: q::ClaimedDelivery) {
        let attempt = self.send(&delivery).await;
        if let Err(err) = self.record(&delivery, attempt).await {
            tracing::warn!(
                delivery_id = delivery.id,
                error = %error_chain(&err),
                "recording a webhook attempt failed; it is retried when its lease lapses"
            );
        }
    }

    /// One attempt: POSTs the event, signed; 2xx is delivered.
    async fn send(&self, delivery: &q::ClaimedDelivery) -> Attempt {
        let failed = |status_code: Option<i32>, error: String| Attempt {
            delivered: false,
            status_code,
            error: Some(error),
        };
        // Checked again at each attempt: the settings may have changed since the webhook was
        // created (an IP literal does not go through the resolver).
        if let Err(reason) = self.settings.destinations.check_url(&delivery.url) {
            return failed(None, reason);
        }
        let body = serde_json::to_vec(&WebhookMessage {
            id: &delivery.event_id,
            type_: &delivery.event_type,
            created_at: delivery.event_created_at,
            data: &delivery.payload,
        })
        .expect("an event serializes");
        let timestamp = Utc::now().timestamp();
        let signature = match sign(&delivery.secret, &delivery.event_id, timestamp, &body) {
            Ok(signature) => signature,
            Err(reason) => return failed(None, reason),
        };
        let response = self
            .http
            .post(&delivery.url)
            .header("content-type", "application/json")
            .header("webhook-id", &delivery.event_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await;
        match response {
            Ok(response) if response.status().is_success() => Attempt {
                delivered: true,
                status_code: Some(response.status().as_u16().into()),
                error: None,
            },
            Ok(response) => failed(
                Some(response.status().as_u16().into()),
                format!("the receiver answered {}", response.status()),
            ),
            // Without the URL, whose path or query may hold the receiver's credentials.
            Err(err) => failed(None, error_chain(&err.without_url())),
        }
    }

    /// Records an attempt's outcome and counts it; nothing when the delivery was claimed
    /// again since or deleted.
    async fn record(
        &self,
        delivery: &q::ClaimedDelivery,
        attempt: Attempt,
    ) -> Result<(), QueryError> {
        let delay = retry_delay(&self.settings, delivery.attempts);
        // Errors are the receiver's or the network's words; keep them short.
        let error = attempt
            .error
            .map(|error| error.chars().take(500).collect::<String>());
        let client = self.pool.get().await?;
        let recorded = q::record_attempt()
            .params(
                &client,
                &q::RecordAttemptParams {
                    delivered: attempt.delivered,
                    retry_delay_seconds: delay.as_secs_f64(),
                    retry_window_seconds: self.settings.retry_window.as_secs_f64(),
                    status_code: attempt.status_code,
                    error: error.as_deref(),
                    id: delivery.id,
                    attempt: delivery.attempts,
                    failures_before_pause: i32::from(self.settings.failures_before_pause),
                    pause_seconds: self.settings.pause.as_secs_f64(),
                },
            )
            .opt()
            .await?;
        if recorded.as_ref().is_some_and(|r| r.paused) {
            tracing::warn!(
                webhook_id = delivery.webhook_id,
                url = %redacted(&delivery.url),
                failures = self.settings.failures_before_pause,
                pause_seconds = self.settings.pause.as_secs(),
                "a webhook failed too often in a row; nothing is sent to it for a while"
            );
            self.metrics.pauses.inc();
        }
        let outcome = match recorded.map(|r| r.status) {
            Some(codegen::types::WebhookDeliveryStatus::Delivered) => "delivered",
            Some(codegen::types::WebhookDeliveryStatus::Pending) => "failed",
            Some(codegen::types::WebhookDeliveryStatus::Dead) => {
                tracing::warn!(
                    delivery_id = delivery.id,
                    url = %redacted(&delivery.url),
                    error = error.as_deref().unwrap_or_default(),
                    "a webhook delivery is dead after its last retry"
                );
                "dead"
            }
            None => return Ok(()),
        };
        self.metrics.deliveries.count_as(outcome);
        Ok(())
    }
}

/// Samples the age of the oldest event still waiting for a webhook into `metrics`.
pub async fn sample_backlog(pool: &Pool, metrics: &EventMetrics) -> Result<(), QueryError> {
    let client = pool.get().await?;
    let age = q::oldest_pending_delivery().bind(&client).one().await?;
    metrics.oldest_pending.set(age.max(0.0));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::egress::DestinationPolicy;

    fn settings(base_ms: u64, window_s: u64) -> WebhookSettings {
        WebhookSettings {
            timeout: Duration::from_secs(10),
            retry_base: Duration::from_millis(base_ms),
            retry_window: Duration::from_secs(window_s),
            poll: Duration::from_secs(1),
            concurrency: 16,
            per_webhook: 4,
            failures_before_pause: 10,
            pause: Duration::from_secs(60),
            destinations: DestinationPolicy::default(),
        }
    }

    #[test]
    fn retries_back_off_exponentially_with_jitter_within_the_window() {
        let settings = settings(5_000, 86_400);
        for attempt in 1..=40 {
            let full = Duration::from_secs(5)
                .saturating_mul(1 << (attempt - 1).min(30))
                .min(Duration::from_secs(86_400));
            let delay = retry_delay(&settings, attempt);
            assert!(delay >= full / 2 && delay <= full, "{attempt}: {delay:?}");
        }
    }
}

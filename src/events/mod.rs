//! Events: what happened, for the systems around the box office.
//!
//! Every state change others care about (a booking created, confirmed, cancelled or expired,
//! or some of its seats given back; a payment completed or refunded; an order created,
//! confirmed or cancelled; a ticket checked in or made void) writes an event into the
//! `events` outbox in its own transaction, by triggers on the tables that hold the state
//! (migrations 000014 and 000024): a change that rolls back leaves no event, and no code path
//! can change the state without one. [`feed`] serves the outbox to
//! consumers that pull; [`webhooks`] manages endpoints that are pushed to, which a trigger on
//! the outbox fans each event out to (migration 000016), and [`delivery`] sends to them.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

use crate::platform::egress::DestinationPolicy;
use crate::platform::telemetry::OutcomeCounter;

pub mod delivery;
pub mod feed;
pub mod retention;
pub mod webhooks;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// What happened: the event feed.
    Events,
}

/// How webhooks are delivered (the worker: [`delivery`]), and where they may go.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Most time one attempt may take, connecting included (WEBHOOK_TIMEOUT_MS).
    pub timeout: Duration,
    /// The delay before the first retry; each later one doubles it (WEBHOOK_RETRY_BASE_MS).
    pub retry_base: Duration,
    /// How long after its event a delivery is retried before it is dead
    /// (WEBHOOK_RETRY_WINDOW_SECONDS).
    pub retry_window: Duration,
    /// How long an idle worker waits before it looks for due deliveries again
    /// (WEBHOOK_POLL_MS).
    pub poll: Duration,
    /// Most deliveries one worker sends at once; 0: none (WEBHOOK_CONCURRENCY).
    pub concurrency: u16,
    /// Most deliveries of one webhook being sent at once, by all workers
    /// (WEBHOOK_MAX_IN_FLIGHT_PER_WEBHOOK).
    pub per_webhook: u16,
    /// Failed attempts in a row after which a webhook is paused
    /// (WEBHOOK_FAILURES_BEFORE_PAUSE).
    pub failures_before_pause: u16,
    /// How long a paused webhook is sent nothing (WEBHOOK_PAUSE_SECONDS).
    pub pause: Duration,
    /// Where webhooks may send.
    pub destinations: DestinationPolicy,
}

/// The events context's metrics: webhook deliveries and their backlog.
#[derive(Clone)]
pub struct EventMetrics {
    /// Delivery attempts by outcome: `delivered`, `failed` (to be retried) or `dead`.
    pub deliveries: OutcomeCounter,
    /// Age in seconds of the oldest event a webhook still waits for, as last sampled.
    pub oldest_pending: Gauge<f64, AtomicU64>,
    /// Times a webhook was paused after failures in a row (its circuit breaker opened).
    pub pauses: Counter,
}

impl EventMetrics {
    /// The metrics, registered in `registry`.
    pub fn register(registry: &mut Registry) -> Self {
        let deliveries = OutcomeCounter::register(
            registry,
            "webhook_deliveries",
            "Webhook delivery attempts by outcome: delivered, failed (to be retried) or dead \
             (given up on)",
        );
        let oldest_pending = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "webhook_oldest_pending_seconds",
            "Age in seconds of the oldest event a webhook still waits for (0 when none waits), \
             as last sampled",
            oldest_pending.clone(),
        );
        let pauses = Counter::default();
        registry.register(
            "webhook_pauses",
            "Times a webhook was paused after WEBHOOK_FAILURES_BEFORE_PAUSE failed attempts in \
             a row",
            pauses.clone(),
        );
        EventMetrics {
            deliveries,
            oldest_pending,
            pauses,
        }
    }
}

/// What the events context works with besides the shared state: how webhooks are delivered,
/// and its metrics.
pub struct Events {
    /// Webhook delivery.
    pub webhooks: WebhookSettings,
    /// Days events and finished deliveries are kept (EVENT_RETENTION_DAYS).
    pub retention_days: i32,
    /// The metrics.
    pub metrics: EventMetrics,
}

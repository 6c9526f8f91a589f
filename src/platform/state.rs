//! The state every request handler shares.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use deadpool_postgres::Pool;

use super::auth::{Passwords, TokenKeys};
use super::egress::DestinationPolicy;
use super::ratelimit::RateLimits;
use super::shared_reads::SharedReads;
use super::telemetry::Metrics;
use super::version_cache::VersionCache;

/// What every request handler shares, attached to every route.
pub struct AppState {
    /// Pooled connections; each caches its prepared statements.
    pub pool: Pool,
    /// Shared, pipelined connections for the catalog's single-statement reads.
    pub reads: SharedReads,
    /// Movies' versions as the primary announces them: a revalidation of a movie is answered
    /// from it without a query.
    pub movie_versions: VersionCache,
    /// Signs and checks access tokens (also attached to requests on its own, for the bearer
    /// checker).
    pub tokens: Arc<TokenKeys>,
    /// Signs ticket codes (Ed25519); its public half is published for scanners.
    pub ticket_key: ed25519_dalek::SigningKey,
    /// Hashes and checks passwords off the request workers.
    pub passwords: Passwords,
    /// Per-client limits on logins, registrations, refreshes and bookings.
    pub limits: RateLimits,
    /// How long a pending booking holds its seats.
    pub booking_hold: Duration,
    /// How many idempotency keys a user may claim in 24 hours.
    pub idempotency_keys_per_day: i64,
    /// How webhooks are delivered, and where they may go.
    pub webhooks: WebhookSettings,
    /// Request and workflow metrics.
    pub metrics: Arc<Metrics>,
    /// Set when shutdown begins: readiness then answers 503.
    pub draining: AtomicBool,
}

impl AppState {
    /// Marks the process as shutting down; `/readyz` answers 503 from now on.
    pub fn begin_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Whether shutdown has begun.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }
}

/// How webhooks are delivered (the worker: `events::delivery`), and where they may go.
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
    /// Where webhooks may send.
    pub destinations: DestinationPolicy,
}

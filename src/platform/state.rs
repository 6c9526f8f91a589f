//! The state every request handler shares.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use deadpool_postgres::Pool;

use super::auth::{Passwords, TokenKeys};
use super::ratelimit::RateLimits;
use super::telemetry::Metrics;

/// What every request handler shares, attached to every route.
pub struct AppState {
    /// Pooled connections; each caches its prepared statements.
    pub pool: Pool,
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
    /// Request and workflow metrics (also attached to requests on its own, for the request
    /// log).
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

//! The state every request handler shares: shared infrastructure only. What a context alone
//! uses (its settings, its metrics, its keys) it is given by `app` and keeps itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::Pool;

use super::auth::TokenKeys;
use super::passwords::Passwords;
use super::probe::ProbeConnection;
use super::ratelimit::ClientAddresses;
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
    /// Hashes and checks passwords off the request workers.
    pub passwords: Passwords,
    /// How a client's address is told (TRUSTED_PROXY_HOPS), for limits per client.
    pub clients: ClientAddresses,
    /// How many idempotency keys a user may claim in 24 hours.
    pub idempotency_keys_per_day: i64,
    /// Request and database metrics, and the registry the contexts' metrics are in.
    pub metrics: Arc<Metrics>,
    /// Set when shutdown begins: readiness then answers 503.
    pub draining: AtomicBool,
    /// The readiness probe's connection, apart from the pool.
    pub probe: ProbeConnection,
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

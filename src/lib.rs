//! boxoffice: a movie-ticketing backend, SQL-first on PostgreSQL.
//!
//! Named queries in `queries/*.sql` are compiled by cornucopia into the `codegen` crate; the
//! poem-openapi handlers in the domain modules call them; the OpenAPI document comes out of
//! the handler types. [`app::Application`] assembles and runs the service.

pub mod app;
pub mod auth;
pub mod bookings;
pub mod config;
pub mod db;
pub mod http;
pub mod idempotency;
pub mod ledger;
pub mod local_pg;
pub mod migrate;
pub mod movies;
pub mod ops;
pub mod orders;
pub mod payments;
pub mod problem;
pub mod reviews;
pub mod screenings;
pub mod seed;
pub mod telemetry;
pub mod theaters;
pub mod users;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use deadpool_postgres::Pool;
use poem_openapi::Tags;

/// What every request handler shares.
pub struct AppState {
    /// Pooled connections; each caches its prepared statements.
    pub pool: Pool,
    /// Signs and checks access tokens.
    pub tokens: auth::TokenKeys,
    /// Hashes and checks passwords off the request workers.
    pub passwords: auth::Passwords,
    /// How long a pending booking holds its seats.
    pub booking_hold: Duration,
    /// Request and workflow metrics.
    pub metrics: telemetry::Metrics,
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

/// The OpenAPI tags: one per domain.
#[derive(Tags)]
pub enum ApiTags {
    /// Liveness and readiness probes.
    Ops,
    /// Registration, login, tokens and the caller's profile.
    Users,
    /// The movie catalog.
    Movies,
    /// Theaters and their capacity.
    Theaters,
    /// Screenings of movies in theaters, with seats left.
    Screenings,
    /// Holding seats of a screening.
    Bookings,
    /// Wallets, their ledger entries, and deposits.
    Accounts,
    /// Money moved between wallets.
    Transfers,
    /// Paying for bookings.
    Payments,
    /// Popcorn, drinks and snacks: products and orders.
    Concessions,
    /// Movie reviews and the discussion under them.
    Reviews,
}

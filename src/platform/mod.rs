//! What every context shares, and nothing that belongs to one: configuration, the database
//! (pool, TLS, transactions, shared reads, following a failover), where outgoing HTTP may go, HTTP plumbing (pages, the body limit, problem details), bearer
//! authentication and roles, idempotency keys, telemetry, and the state handlers share.
//!
//! Nothing here imports a context; contexts import from here.

pub mod auth;
pub mod caching;
pub mod config;
pub mod currency;
pub mod db;
pub mod egress;
pub mod failover;
pub mod http;
pub mod idempotency;
pub mod problem;
pub mod random;
pub mod ratelimit;
pub mod shared_reads;
pub mod state;
pub mod telemetry;
pub mod text;
pub mod version_cache;

pub use state::AppState;

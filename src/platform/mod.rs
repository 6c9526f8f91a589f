//! What every context shares, and nothing that belongs to one: the database (pool, TLS,
//! transactions, shared reads, database errors, following a failover), where outgoing HTTP
//! may go, the HTTP server and its plumbing (pages, the body limit, deadlines, load
//! shedding, problem details, the parameters many operations take alike), bearer authentication and roles, passwords, idempotency keys,
//! rate limits, secrets, telemetry, and the state handlers share.
//!
//! Nothing here imports a context or names one (a test in `lib.rs` says so); contexts import
//! from here, and `app` gives each context its settings, metrics and errors.

pub mod auth;
pub mod caching;
pub mod currency;
pub mod db;
pub mod db_errors;
pub mod egress;
pub mod failover;
pub mod hosts;
pub mod http;
pub mod idempotency;
pub mod params;
pub mod passwords;
pub mod probe;
pub mod problem;
pub mod random;
pub mod ratelimit;
pub mod recent;
pub mod secret;
pub mod serve;
pub mod shared_reads;
pub mod state;
pub mod telemetry;
pub mod text;
pub mod version_cache;

pub use state::AppState;

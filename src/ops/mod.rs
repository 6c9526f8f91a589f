//! Process-level operations: the probes, the migration runner, the local PostgreSQL, demo
//! data and the administrative commands.

pub mod admin;
pub mod locks;
pub mod migrate;
pub mod probes;
pub mod seed;

/// The local PostgreSQL (its own crate, shared with the scripts).
pub use local_pg;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Liveness and readiness probes.
    Ops,
}

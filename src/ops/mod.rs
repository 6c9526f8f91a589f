//! Process-level operations: the probes, the migration runner, the local PostgreSQL, demo
//! data and the administrative commands.

pub mod admin;
pub mod local_pg;
pub mod migrate;
pub mod probes;
pub mod seed;

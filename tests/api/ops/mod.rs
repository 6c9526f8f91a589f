//! Operations: probes and metrics, the migration runner, the real binary end to end.

mod e2e;
mod edge;
mod local_pg;
mod locks;
mod migrations;
mod probes;
mod timeouts;

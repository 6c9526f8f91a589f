//! A database connection of the readiness probe's own.
//!
//! `/readyz` used to check out a pooled connection: under a burst of heavy reads (a 3,600-seat
//! map, its picture) it queued behind them, timed out, and every replica turned unready at
//! once, leaving the Service with no endpoints while the database was fine. The probe's
//! connection is opened by the pool's manager (the same settings and TLS) but kept apart from
//! the pool, so the probe never waits for a pooled connection; it is opened again after any
//! failure.

use std::time::Duration;

use deadpool::managed::Manager as _;
use deadpool_postgres::{ClientWrapper, Pool};
use tokio::sync::Mutex;

/// How long the probe waits for its connection to open or for an answer.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Why the probe's question went unanswered.
pub type ProbeError = Box<dyn std::error::Error + Send + Sync>;

/// The readiness probe's connection, opened on first use.
pub struct ProbeConnection {
    pool: Pool,
    open: Mutex<Option<ClientWrapper>>,
}

impl ProbeConnection {
    /// A probe connection made as `pool` makes its connections, outside it.
    pub fn new(pool: Pool) -> Self {
        ProbeConnection {
            pool,
            open: Mutex::new(None),
        }
    }

    /// Runs `sql` (one row, one `bigint` column) on the probe's connection, opening it first
    /// if it is not open; within [`PROBE_TIMEOUT`] for each step. Probes run one at a time.
    ///
    /// Errors: the connection cannot be opened, or the statement fails or does not answer in
    /// time (the connection is then closed, and opened again next time).
    pub async fn query_i64(&self, sql: &str) -> Result<i64, ProbeError> {
        let mut open = self.open.lock().await;
        if open.as_ref().is_none_or(|client| client.is_closed()) {
            let client = tokio::time::timeout(PROBE_TIMEOUT, self.pool.manager().create())
                .await
                .map_err(|_| "opening the probe's connection timed out")??;
            *open = Some(client);
        }
        let client = open.as_ref().expect("opened above");
        let answer = tokio::time::timeout(PROBE_TIMEOUT, client.query_one(sql, &[])).await;
        match answer {
            Ok(Ok(row)) => Ok(row.try_get(0)?),
            Ok(Err(err)) => {
                *open = None;
                Err(err.into())
            }
            Err(_) => {
                *open = None;
                Err("the database did not answer the probe in time".into())
            }
        }
    }
}

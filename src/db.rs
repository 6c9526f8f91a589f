//! Transactions: run a workflow atomically, retrying when PostgreSQL asks for it.

use std::future::Future;

use deadpool_postgres::{Pool, Transaction};
use tokio_postgres::error::SqlState;

use crate::problem::ApiError;

/// How many times a workflow runs at most when PostgreSQL keeps reporting serialization
/// failures or deadlocks.
const MAX_ATTEMPTS: u32 = 5;

/// A unit of work done in one transaction (a transfer, a payment, a cancellation…). It may
/// run more than once (see [`in_transaction`]), so it reads everything it needs from `self`.
pub trait Workflow: Sync {
    /// What it produces.
    type Output: Send;

    /// Does the work in `tx`. An `Err` rolls the transaction back.
    fn run<'t>(
        &'t self,
        tx: &'t Transaction<'t>,
    ) -> impl Future<Output = Result<Self::Output, ApiError>> + Send + 't;
}

/// Runs `work` in a transaction on a pooled connection and commits when it returns `Ok`;
/// rolls back on `Err`. When PostgreSQL aborts the transaction with a serialization failure
/// (40001) or a deadlock (40P01), the whole workflow runs again, up to [`MAX_ATTEMPTS`]
/// times, so clients never see those as errors.
pub async fn in_transaction<W: Workflow>(pool: &Pool, work: &W) -> Result<W::Output, ApiError> {
    let mut attempt = 1;
    loop {
        let mut client = pool.get().await?;
        let tx = client.transaction().await?;
        let result = match work.run(&tx).await {
            Ok(value) => tx.commit().await.map(|()| value).map_err(ApiError::from),
            Err(err) => Err(err),
        };
        match result {
            Err(err) if attempt < MAX_ATTEMPTS && is_transient(&err) => {
                tracing::debug!(attempt, error = %err, "retrying a transaction");
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Whether the error is a serialization failure or a deadlock, after which the transaction
/// can simply be run again.
fn is_transient(err: &ApiError) -> bool {
    let ApiError::Database(err) = err else {
        return false;
    };
    matches!(
        err.code(),
        Some(&SqlState::T_R_SERIALIZATION_FAILURE | &SqlState::T_R_DEADLOCK_DETECTED)
    )
}

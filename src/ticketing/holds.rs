//! Holds that lapse: a pending booking holds its seats until `expires_at`; a lapsed hold
//! reads as free at once (every seat query compares `held_until` with now), and the sweep
//! marks its booking expired and gives the seats back, in batches, in every replica at once.

use codegen::client::GenericClient;
use codegen::queries::bookings as q;
use deadpool_postgres::Pool;

use crate::platform::db_errors::QueryError;

/// One pass of the sweep: expires up to `batch` lapsed holds and returns their seats.
/// Returns how many bookings expired.
pub async fn sweep_expired_holds(
    client: &impl GenericClient,
    batch: i64,
) -> Result<u64, QueryError> {
    Ok(q::sweep_expired_holds()
        .bind(client, &batch)
        .all()
        .await?
        .len() as u64)
}

/// Expires every lapsed hold and returns the seats, in batches. Several replicas may sweep at
/// once: rows locked by another sweep are skipped.
pub async fn sweep_all_expired_holds(pool: &Pool) -> Result<(), QueryError> {
    const BATCH: i64 = 1000;
    let client = pool.get().await?;
    // Keep going while batches free seats, so a backlog clears in one pass.
    while sweep_expired_holds(&client, BATCH).await? > 0 {}
    Ok(())
}

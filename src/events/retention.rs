//! How long events are kept: the outbox and its finished webhook deliveries are deleted
//! after EVENT_RETENTION_DAYS by the housekeeping job, in batches, oldest first. An event a
//! webhook still waits for is kept until its delivery ends (delivered or dead).

use codegen::queries::events as q;
use deadpool_postgres::Pool;

use crate::platform::db::{PURGE_BATCH, PurgeBatches};
use crate::platform::db_errors::QueryError;

/// What one run deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// Finished webhook deliveries.
    pub deliveries: u64,
    /// Events.
    pub events: u64,
}

/// Deletes the webhook deliveries that ended and began more than `retention_days` ago, then
/// the events older than that which no delivery refers to any more; each in batches of
/// [`PURGE_BATCH`] ([`PurgeBatches`]).
///
/// Errors: the database could not be reached or a statement failed (what was deleted until
/// then stays deleted).
pub async fn purge(pool: &Pool, retention_days: i32) -> Result<Purged, QueryError> {
    let client = pool.get().await?;
    let mut deliveries = PurgeBatches::default();
    while deliveries.more(
        q::purge_finished_deliveries()
            .bind(&client, &retention_days, &PURGE_BATCH)
            .await?,
    ) {}
    let mut events = PurgeBatches::default();
    while events.more(
        q::purge_events()
            .bind(&client, &retention_days, &PURGE_BATCH)
            .await?,
    ) {}
    Ok(Purged {
        deliveries: deliveries.purged(),
        events: events.purged(),
    })
}

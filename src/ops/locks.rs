//! Lock diagnosis, the question every PostgreSQL operator asks first when requests hang: who
//! waits for a lock, and who holds it. `boxoffice db locks` prints it; the housekeeping sweep
//! samples it into the `db_lock_waits` and `db_longest_transaction_seconds` gauges.

use std::fmt::Write as _;

use codegen::queries::ops as q;
use deadpool_postgres::Pool;

use crate::platform::db_errors::QueryError;
use crate::platform::telemetry::Metrics;

pub use q::BlockedSession;

/// Every session waiting for a lock, once per session holding it up, longest wait first.
pub async fn blocked_sessions(pool: &Pool) -> Result<Vec<BlockedSession>, QueryError> {
    let client = pool.get().await?;
    Ok(q::blocked_sessions().bind(&client).all().await?)
}

/// `blocked_sessions` for people: per waiter, what it runs, how long it has waited for which
/// lock on what, and each session it waits for. Empty when nothing waits.
pub fn describe(sessions: &[BlockedSession]) -> String {
    let mut out = String::new();
    let mut last_blocked = None;
    for session in sessions {
        if last_blocked != Some(session.blocked_pid) {
            last_blocked = Some(session.blocked_pid);
            let _ = writeln!(
                out,
                "blocked pid {} has waited {} for {} on {}: {}",
                session.blocked_pid,
                seconds(session.waited_seconds),
                session.wanted_mode.as_deref().unwrap_or("a lock"),
                session.relation.as_deref().unwrap_or("?"),
                query(session.blocked_query.as_deref()),
            );
        }
        let _ = writeln!(
            out,
            "  blocked by pid {} ({}, transaction open {}): {}",
            session.blocking_pid,
            session.blocking_state.as_deref().unwrap_or("state hidden"),
            seconds(session.blocking_transaction_seconds),
            query(session.blocking_query.as_deref()),
        );
    }
    out
}

fn seconds(value: Option<f64>) -> String {
    value.map_or("?".to_owned(), |s| format!("{s:.1} s"))
}

/// A query on one line, shortened; hidden ones (another role's, without pg_read_all_stats)
/// say so.
fn query(text: Option<&str>) -> String {
    match text {
        None => "(query hidden: needs pg_read_all_stats)".to_owned(),
        Some(text) => {
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            match one_line.char_indices().nth(200) {
                Some((cut, _)) => format!("{}…", &one_line[..cut]),
                None => one_line,
            }
        }
    }
}

/// Reads how many lock requests wait and how old the oldest open transaction is into the
/// gauges of `metrics`.
pub async fn sample(pool: &Pool, metrics: &Metrics) -> Result<(), QueryError> {
    let client = pool.get().await?;
    let health = q::lock_health().bind(&client).one().await?;
    metrics.set_lock_health(health.lock_waits, health.longest_transaction_seconds);
    Ok(())
}

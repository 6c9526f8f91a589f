//! Following a failover: a server that refuses a write as read-only has become a standby (or
//! was one all along), so the pooled connections open at that moment are retired instead of
//! being refused again. The problem-details conversion records the refusal
//! ([`discard_connections_open_now`]); the pools check it at every checkout
//! ([`opened_before_a_read_only_refusal`]). Kept apart from both so that neither imports the
//! other.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use deadpool_postgres::{ClientWrapper, HookError, Metrics};

/// When a server last refused a write because it is read-only (SQLSTATE 25006), in
/// nanoseconds since [`clock_start`]; 0 if none has. A primary that became a standby (or a
/// connection that reached a standby) refuses every write, so pooled connections opened
/// before that moment are discarded at their next checkout and reopen where DATABASE_URL
/// finds the primary now (`target_session_attrs=read-write`). Process-wide: every pool of the
/// process reaches the same database.
static READ_ONLY_REFUSED_AT: AtomicU64 = AtomicU64::new(0);

/// The instant the refusal time counts from: the first use of either function.
fn clock_start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

/// Records that a server refused a write as read-only: every pooled connection open now is
/// discarded when next checked out, instead of refusing the next write too.
pub fn discard_connections_open_now() {
    let now = u64::try_from(clock_start().elapsed().as_nanos()).unwrap_or(u64::MAX);
    READ_ONLY_REFUSED_AT.fetch_max(now.max(1), Ordering::Relaxed);
}

/// The pools' pre-recycle check ([`super::db::pool_with_tls`]): a connection opened before
/// the last read-only refusal is not handed out again (see [`discard_connections_open_now`]).
///
/// Errors: that connection, which deadpool then drops to open or reuse another.
pub fn opened_before_a_read_only_refusal(
    _: &mut ClientWrapper,
    metrics: &Metrics,
) -> Result<(), HookError> {
    let refused_at = READ_ONLY_REFUSED_AT.load(Ordering::Relaxed);
    let opened_at = metrics
        .created
        .saturating_duration_since(clock_start())
        .as_nanos();
    if refused_at != 0 && opened_at <= u128::from(refused_at) {
        return Err(HookError::message("opened before a read-only refusal"));
    }
    Ok(())
}

//! The versions of catalog rows, kept in memory and current by PostgreSQL's notifications, so
//! that a conditional GET is answered without a query.
//!
//! A trigger announces every change of a row's version on a channel when its transaction
//! commits (`movie_versions`: migrations/000019). One connection per process listens to it
//! (`LISTEN`) and writes each announced version into the cache; reads write in what they
//! saw. A revalidation whose entity tag matches the cached version is answered 304 at once.
//!
//! What keeps it from answering for a version that is no longer current:
//! - Versions only rise (a trigger raises them by one on every update), so the cache keeps
//!   the highest it has seen: a read that saw the old version cannot undo an announcement
//!   that arrived while it was under way.
//! - PostgreSQL delivers a notification only once its transaction is visible to new
//!   snapshots, so a read that begins after the announcement sees the new version too.
//! - While the listening connection is not open, nothing is cached and nothing is answered
//!   from the cache: the entries are dropped when it closes (announcements may be missed from
//!   then on) and again when it listens anew. A read under way across either moment does not
//!   write in what it saw ([`Ticket`]).
//! - The listening connection is checked every few seconds ([`HEARTBEAT`]), so a server
//!   that went away without closing it does not leave the cache in use for long.
//! - An entry is trusted for [`ENTRY_LIFETIME`] at most, which bounds what no rule above
//!   covers: a read replica (DATABASE_READ_URL) that lags behind a change announced while the
//!   listener was reconnecting, or the seconds before a silent connection is found out.
//!
//! What is left is the time an announcement takes to arrive, well under a millisecond on one
//! network: a revalidation in that window (from another client, or one that ignored its
//! write's answer) gets the 304 it would have got a moment earlier.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use tokio_postgres::AsyncMessage;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::db::{PoolSetupError, heartbeat, named_connection_config};
use super::hosts::Hosts;
use super::problem::error_chain;

/// The `application_name` of the listening connection, unless the URL gives one.
pub const APPLICATION_NAME: &str = "boxoffice version listener";

/// How long a cached version is trusted without a read or an announcement confirming it.
pub const ENTRY_LIFETIME: Duration = Duration::from_secs(10);

/// How many rows' versions one cache holds at most (about 40 bytes each); when it is full,
/// the entries past their lifetime make room, and without any, the database answers.
const CAPACITY: usize = 100_000;

/// How long the listener waits before it connects again after its connection failed.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);

/// How often the listening connection is checked, and how long an answer may take.
const HEARTBEAT: Duration = Duration::from_secs(5);

/// Row versions (by the row's `bigint` id) announced on one PostgreSQL channel, for answering
/// conditional GETs from memory. Off (every lookup misses) when built with [`VersionCache::off`].
pub struct VersionCache {
    shared: Arc<Shared>,
    listener: Option<Arc<Listener>>,
}

/// Where and what the listener listens to.
struct Listener {
    hosts: Hosts,
    tls: MakeRustlsConnect,
    channel: &'static str,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Whether the listening connection is open and listening: only then is the cache used.
    listening: bool,
    /// Whether a task runs the listener (it starts on the first lookup).
    started: bool,
    /// Raised whenever the cache is dropped; a read's [`Ticket`] from before is void.
    epoch: u64,
    entries: HashMap<i64, Entry>,
}

#[derive(Clone, Copy)]
struct Entry {
    /// The highest version seen; [`DELETED`] once the row is gone.
    version: i64,
    /// When an announcement or a read last confirmed it.
    confirmed: Instant,
}

/// The version of a deleted row: higher than any, so that no entity tag matches it again.
const DELETED: i64 = i64::MAX;

/// Taken before a read of a version, so that [`VersionCache::record`] can tell whether the
/// cache was dropped while the read was under way.
#[derive(Debug, Clone, Copy)]
pub struct Ticket {
    epoch: u64,
}

impl VersionCache {
    /// A cache of the versions announced on `channel` by the database at `url` (the primary:
    /// standbys do not deliver notifications). It starts listening on the first lookup.
    ///
    /// Errors: `url` does not parse.
    pub fn new(
        url: &str,
        tls: MakeRustlsConnect,
        channel: &'static str,
    ) -> Result<Self, PoolSetupError> {
        Ok(VersionCache {
            shared: Arc::default(),
            listener: Some(Arc::new(Listener {
                hosts: Hosts::new(&named_connection_config(url, APPLICATION_NAME)?),
                tls,
                channel,
            })),
        })
    }

    /// No cache: every lookup misses, and the database answers every revalidation.
    pub fn off() -> Self {
        VersionCache {
            shared: Arc::default(),
            listener: None,
        }
    }

    /// The current version of row `id`, if the cache knows it; `None` tells the caller to ask
    /// the database (a deleted row's is never known). The first lookup starts the listener
    /// unless [`VersionCache::start`] has, in the current tokio runtime.
    pub fn get(&self, id: i64) -> Option<i64> {
        let listener = self.listener.as_ref()?;
        let mut state = self.shared.lock();
        if !state.listening {
            self.start_listener(&mut state, listener);
            return None;
        }
        state
            .entries
            .get(&id)
            .filter(|entry| entry.version != DELETED && entry.confirmed.elapsed() < ENTRY_LIFETIME)
            .map(|entry| entry.version)
    }

    /// Starts listening now rather than at the first lookup, in the current tokio runtime (a
    /// server does at start, so that its connection is open before the first revalidation).
    pub fn start(&self) {
        if let Some(listener) = &self.listener {
            self.start_listener(&mut self.shared.lock(), listener);
        }
    }

    fn start_listener(&self, state: &mut State, listener: &Arc<Listener>) {
        if !state.started {
            state.started = true;
            tokio::spawn(listen(Arc::downgrade(&self.shared), listener.clone()));
        }
    }

    /// Whether the cache is in use: its connection is open and listening.
    pub fn is_listening(&self) -> bool {
        self.shared.lock().listening
    }

    /// To be taken before reading a version from the database, and given to
    /// [`VersionCache::record`] with what the read saw.
    pub fn ticket(&self) -> Ticket {
        Ticket {
            epoch: self.shared.lock().epoch,
        }
    }

    /// Records that a read, begun when `ticket` was taken, saw `version` for row `id`. Ignored
    /// if the cache was dropped since, or is not in use.
    pub fn record(&self, ticket: Ticket, id: i64, version: i64) {
        let mut state = self.shared.lock();
        if state.listening && state.epoch == ticket.epoch {
            state.raise(id, version);
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .expect("never poisoned: no panics under the lock")
    }
}

impl State {
    /// Keeps the higher of the cached and the given version of row `id`.
    fn raise(&mut self, id: i64, version: i64) {
        let confirmed = Instant::now();
        match self.entries.get_mut(&id) {
            Some(entry) if entry.version > version => {}
            Some(entry) => *entry = Entry { version, confirmed },
            None => {
                if self.entries.len() >= CAPACITY {
                    self.entries
                        .retain(|_, entry| entry.confirmed.elapsed() < ENTRY_LIFETIME);
                }
                if self.entries.len() < CAPACITY {
                    self.entries.insert(id, Entry { version, confirmed });
                }
            }
        }
    }

    /// Drops every entry and voids the tickets of reads under way.
    fn drop_all(&mut self, listening: bool) {
        self.entries.clear();
        self.epoch += 1;
        self.listening = listening;
    }

    /// Applies one announcement: "<id> <version>" or "<id> deleted".
    fn announce(&mut self, payload: &str) {
        let parsed = payload.split_once(' ').and_then(|(id, version)| {
            let version = match version {
                "deleted" => DELETED,
                version => version.parse().ok()?,
            };
            Some((id.parse().ok()?, version))
        });
        match parsed {
            Some((id, version)) => self.raise(id, version),
            // Not ours to guess: drop everything rather than keep what it may have changed.
            None => {
                tracing::warn!(payload, "an announcement of a version did not parse");
                let listening = self.listening;
                self.drop_all(listening);
            }
        }
    }
}

/// Listens to `listener.channel` and applies every announcement, connecting again whenever
/// the connection fails; ends when the cache is dropped.
async fn listen(shared: Weak<Shared>, listener: Arc<Listener>) {
    loop {
        match listener.hosts.connect(listener.tls.clone()).await {
            Ok((client, mut connection)) => {
                let announcements = shared.clone();
                let mut driver = tokio::spawn(async move {
                    while let Some(message) =
                        std::future::poll_fn(|cx| connection.poll_message(cx)).await
                    {
                        let Some(shared) = announcements.upgrade() else {
                            return Ok(());
                        };
                        if let AsyncMessage::Notification(notification) = message? {
                            shared.lock().announce(notification.payload());
                        }
                    }
                    Ok::<_, tokio_postgres::Error>(())
                });
                let listening = client
                    .batch_execute(&format!("LISTEN {}", listener.channel))
                    .await;
                match (listening, shared.upgrade()) {
                    (Ok(()), Some(cache)) => {
                        cache.lock().drop_all(true);
                        drop(cache);
                        let failure = tokio::select! {
                            ended = &mut driver => match ended {
                                Ok(Ok(())) => None,
                                Ok(Err(err)) => Some(error_chain(&err)),
                                Err(err) => Some(err.to_string()),
                            },
                            failure = heartbeat(&client, HEARTBEAT) => Some(failure),
                        };
                        driver.abort();
                        if let Some(error) = failure {
                            tracing::warn!(error, "the version listener's connection failed");
                        }
                    }
                    (Err(err), _) => {
                        tracing::warn!(error = %error_chain(&err), "listening for versions failed");
                        driver.abort();
                    }
                    (Ok(()), None) => return,
                }
                drop(client);
            }
            Err(err) => tracing::warn!(
                error = %error_chain(&err),
                "connecting the version listener failed"
            ),
        }
        match shared.upgrade() {
            Some(cache) => cache.lock().drop_all(false),
            None => return,
        }
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listening() -> State {
        State {
            listening: true,
            ..State::default()
        }
    }

    #[test]
    fn a_read_of_an_older_version_does_not_undo_an_announcement() {
        let mut state = listening();
        state.announce("7 3");
        state.raise(7, 2);
        assert_eq!(state.entries[&7].version, 3);
        state.raise(7, 4);
        assert_eq!(state.entries[&7].version, 4);
    }

    #[test]
    fn a_deleted_row_matches_no_version_again() {
        let mut state = listening();
        state.raise(7, 3);
        state.announce("7 deleted");
        state.raise(7, 3);
        assert_eq!(state.entries[&7].version, DELETED);
    }

    #[tokio::test]
    async fn a_deleted_row_has_no_cached_version() {
        let cache = listening_cache();
        cache.record(cache.ticket(), 7, 3);
        cache.shared.lock().announce("7 deleted");
        assert_eq!(cache.get(7), None);
    }

    #[test]
    fn an_announcement_that_does_not_parse_drops_everything() {
        let mut state = listening();
        state.raise(7, 3);
        let epoch = state.epoch;
        state.announce("7 three");
        assert!(state.entries.is_empty());
        assert!(state.listening);
        assert_ne!(state.epoch, epoch);
    }

    /// A cache that behaves as if its listener were connected (none is).
    fn listening_cache() -> VersionCache {
        let cache = VersionCache {
            shared: Arc::default(),
            listener: Some(Arc::new(Listener {
                hosts: Hosts::new(&tokio_postgres::Config::new()),
                tls: super::super::db::tls(None).unwrap(),
                channel: "test",
            })),
        };
        cache.shared.lock().drop_all(true);
        cache
    }

    #[tokio::test]
    async fn a_read_under_way_when_the_cache_is_dropped_is_not_recorded() {
        let cache = listening_cache();
        let before = cache.ticket();
        cache.shared.lock().drop_all(true);
        cache.record(before, 7, 3);
        assert_eq!(cache.get(7), None);
        cache.record(cache.ticket(), 7, 3);
        assert_eq!(cache.get(7), Some(3));
    }

    #[test]
    fn an_off_cache_knows_nothing() {
        let cache = VersionCache::off();
        cache.record(cache.ticket(), 7, 3);
        assert_eq!(cache.get(7), None);
    }
}

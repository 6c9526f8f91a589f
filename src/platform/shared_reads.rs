//! Single-statement reads on a few connections shared by every request.
//!
//! A pooled connection serves one request at a time: each read checks a connection out,
//! sends its query, waits, and gives the connection back, and PostgreSQL wakes a backend for
//! every query. A tokio-postgres client, though, pipelines the queries sent to it concurrently
//! over one connection, so a few clients shared by all requests carry many reads per round
//! trip, with no checkout and no wait for a free connection. Under load that costs the
//! service and PostgreSQL markedly less CPU per read (bench/HISTORY.md, "Reads: profile, shared
//! connections and HTTP caching").
//!
//! Only reads that are one statement and need no transaction use it (the catalog's). Anything
//! that writes, reads several statements that must agree, or locks stays on the pool. When a
//! shared connection is not open (not yet, or lost to a restart or failover), the read takes
//! a pooled connection instead while the shared one reconnects in the background, so this
//! path is never less available than the pool.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use codegen::client::GenericClient;
use deadpool_postgres::{Object, Pool, PoolError};
use tokio_postgres::types::{BorrowToSql, ToSql};
use tokio_postgres::{Client, Error, Row, RowStream, Statement, ToStatement};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::db::{PoolSetupError, heartbeat, named_connection_config};
use super::hosts::Hosts;
use super::problem::error_chain;

/// The `application_name` of shared connections, unless DATABASE_URL gives one.
pub const APPLICATION_NAME: &str = "boxoffice shared reads";

/// How long a shared connection that failed to open waits before it is tried again.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);

/// How often an open shared connection is asked for an answer, and how long it has to give
/// one before it is closed ([`heartbeat`]).
const HEARTBEAT: Duration = Duration::from_secs(5);

/// A few connections shared by every single-statement read (the catalog's), each pipelining
/// the queries sent to it concurrently. With none configured, every read uses the pool.
pub struct SharedReads {
    slots: Arc<[Slot]>,
    next: AtomicUsize,
    connector: Option<Arc<Connector>>,
}

/// Where shared connections go, and how.
struct Connector {
    hosts: Hosts,
    tls: MakeRustlsConnect,
}

/// One shared connection, once open.
#[derive(Default)]
struct Slot {
    open: Mutex<Option<Arc<SharedClient>>>,
    /// Set while a task is opening this slot's connection, so that one task at a time does.
    connecting: AtomicBool,
}

/// A shared connection and the statements prepared on it, by SQL text.
pub struct SharedClient {
    client: Client,
    statements: RwLock<HashMap<String, Statement>>,
}

impl SharedReads {
    /// `count` shared connections to `url` (TLS as for the pool); they open on first use.
    ///
    /// Errors: `url` does not parse.
    pub fn new(url: &str, tls: MakeRustlsConnect, count: usize) -> Result<Self, PoolSetupError> {
        let config = named_connection_config(url, APPLICATION_NAME)?;
        let connector = Connector {
            hosts: Hosts::new(&config),
            tls,
        };
        Ok(SharedReads {
            slots: (0..count).map(|_| Slot::default()).collect(),
            next: AtomicUsize::new(0),
            connector: (count > 0).then(|| Arc::new(connector)),
        })
    }

    /// No shared connections: every read checks a connection out of the pool.
    pub fn none() -> Self {
        SharedReads {
            slots: Arc::from([]),
            next: AtomicUsize::new(0),
            connector: None,
        }
    }

    /// A client for one single-statement read: the next shared connection in turn when it is
    /// open, else a pooled one (and the shared one starts reconnecting).
    ///
    /// Errors: as [`Pool::get`] when the pool has to serve the read.
    pub async fn client(&self, pool: &Pool) -> Result<ReadClient, PoolError> {
        if let Some(connector) = &self.connector {
            let index = self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len();
            let open = self.slots[index]
                .open
                .lock()
                .expect("never poisoned: no panics under the lock")
                .clone();
            match open {
                Some(shared) if !shared.client.is_closed() => {
                    return Ok(ReadClient::Shared(shared));
                }
                _ => self.reconnect(index, connector),
            }
        }
        Ok(ReadClient::Pooled(pool.get().await?))
    }

    /// Opens slot `index`'s connection in the background, unless a task already is.
    fn reconnect(&self, index: usize, connector: &Arc<Connector>) {
        if self.slots[index].connecting.swap(true, Ordering::AcqRel) {
            return;
        }
        let (slots, connector) = (self.slots.clone(), connector.clone());
        tokio::spawn(async move {
            let slot = &slots[index];
            match connector.hosts.connect(connector.tls.clone()).await {
                Ok((client, connection)) => {
                    let shared = Arc::new(SharedClient {
                        client,
                        statements: RwLock::default(),
                    });
                    *slot.open.lock().expect("never poisoned") = Some(shared.clone());
                    tokio::spawn(serve(slots.clone(), index, shared, connection));
                }
                Err(err) => {
                    tracing::warn!(error = %err, "opening a shared read connection failed");
                    tokio::time::sleep(RECONNECT_DELAY).await;
                }
            }
            slot.connecting.store(false, Ordering::Release);
        });
    }
}

/// Drives slot `index`'s connection while its [`heartbeat`] gets answers; then closes it and
/// empties the slot (unless another connection took it meanwhile), so that the next read
/// opens a new one.
async fn serve<S, T>(
    slots: Arc<[Slot]>,
    index: usize,
    shared: Arc<SharedClient>,
    connection: tokio_postgres::Connection<S, T>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let failure = tokio::select! {
        ended = connection => ended.err().map(|err| error_chain(&err)),
        failure = heartbeat(&shared.client, HEARTBEAT) => Some(failure),
    };
    if let Some(error) = failure {
        tracing::warn!(error, "a shared read connection closed");
    }
    let mut open = slots[index].open.lock().expect("never poisoned");
    if open.as_ref().is_some_and(|now| Arc::ptr_eq(now, &shared)) {
        *open = None;
    }
}

impl SharedClient {
    /// The statement for `query`, prepared on this connection the first time it is asked for.
    async fn prepare_cached(&self, query: &str) -> Result<Statement, Error> {
        if let Some(statement) = self.statements.read().expect("never poisoned").get(query) {
            return Ok(statement.clone());
        }
        // Two reads may prepare the same query at once; the second statement replaces the
        // first in the cache, and both work.
        let statement = self.client.prepare(query).await?;
        self.statements
            .write()
            .expect("never poisoned")
            .insert(query.to_owned(), statement.clone());
        Ok(statement)
    }
}

/// A connection for one single-statement read: shared ([`SharedReads`]) or pooled. The
/// generated queries take it like any client; statements are prepared once per connection.
// It lives for one read, on the stack: boxing the pooled variant would cost an allocation.
#[allow(clippy::large_enum_variant)]
pub enum ReadClient {
    /// A shared, pipelined connection.
    Shared(Arc<SharedClient>),
    /// A pooled connection, checked out for this read.
    Pooled(Object),
}

impl ReadClient {
    fn client(&self) -> &Client {
        match self {
            ReadClient::Shared(shared) => &shared.client,
            ReadClient::Pooled(object) => object,
        }
    }
}

impl GenericClient for ReadClient {
    fn stmt_cache() -> bool {
        true
    }

    async fn prepare(&self, query: &str) -> Result<Statement, Error> {
        match self {
            ReadClient::Shared(shared) => shared.prepare_cached(query).await,
            ReadClient::Pooled(object) => object.prepare_cached(query).await,
        }
    }

    async fn execute<T>(&self, query: &T, params: &[&(dyn ToSql + Sync)]) -> Result<u64, Error>
    where
        T: ?Sized + ToStatement + Sync + Send,
    {
        self.client().execute(query, params).await
    }

    async fn query_one<T>(
        &self,
        statement: &T,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Row, Error>
    where
        T: ?Sized + ToStatement + Sync + Send,
    {
        self.client().query_one(statement, params).await
    }

    async fn query_opt<T>(
        &self,
        statement: &T,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, Error>
    where
        T: ?Sized + ToStatement + Sync + Send,
    {
        self.client().query_opt(statement, params).await
    }

    async fn query<T>(&self, query: &T, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, Error>
    where
        T: ?Sized + ToStatement + Sync + Send,
    {
        self.client().query(query, params).await
    }

    async fn query_raw<T, I>(&self, statement: &T, params: I) -> Result<RowStream, Error>
    where
        T: ?Sized + ToStatement + Sync + Send,
        I: IntoIterator + Sync + Send,
        I::IntoIter: ExactSizeIterator,
        I::Item: BorrowToSql,
    {
        self.client().query_raw(statement, params).await
    }
}

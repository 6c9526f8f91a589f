//! The database: connection pools (with TLS), and transactions that run a workflow atomically,
//! retrying when PostgreSQL asks for it.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Hook, Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
use rustls::pki_types::{CertificateDer, pem::PemObject};
use tokio_postgres::NoTls;
use tokio_postgres::error::SqlState;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::failover;
use super::hosts::Hosts;
use super::problem::ApiError;

/// The role the service connects as: it owns nothing and has only the statements the service
/// runs (migrations/000010_service_role.up.sql). Migrations run as the schema's owner.
pub const SERVICE_ROLE: &str = "boxoffice_app";

/// How long opening a connection may take before it fails (`connect_timeout`).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long data sent on a connection may stay unacknowledged before the connection is closed
/// (`tcp_user_timeout`): a query to a server that vanished fails after this, not after TCP's
/// retransmissions (~15 minutes).
pub const TCP_USER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection may be idle before TCP probes the server (`keepalives_idle`).
pub const KEEPALIVE_IDLE: Duration = Duration::from_secs(10);
/// How often an unanswered keepalive probe is repeated (`keepalives_interval`).
pub const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(2);
/// How many unanswered probes close an idle connection (`keepalives_retries`): one to a
/// vanished server closes after about 10 + 3 × 2 = 16 s.
pub const KEEPALIVE_RETRIES: u32 = 3;

/// How many times a workflow runs at most when PostgreSQL keeps reporting serialization
/// failures or deadlocks.
const MAX_ATTEMPTS: u32 = 5;

/// Why a pool could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum PoolSetupError {
    /// The URL does not parse.
    #[error("DATABASE_URL is not a valid PostgreSQL URL")]
    BadUrl(#[source] tokio_postgres::Error),
    /// DATABASE_READ_URL does not parse.
    #[error("DATABASE_READ_URL is not a valid PostgreSQL URL")]
    BadReadUrl(#[source] tokio_postgres::Error),
    /// DATABASE_READ_URL is set, but no shared read connection would use it.
    #[error("DATABASE_READ_URL needs DB_READ_CONNECTIONS of 1 or more")]
    ReadUrlUnused,
    /// The pool could not be built.
    #[error("building the connection pool: {0}")]
    Pool(String),
    /// DATABASE_CA_FILE cannot be used.
    #[error("DATABASE_CA_FILE {0}: {1}")]
    CaFile(std::path::PathBuf, String),
}

/// The TLS connector for PostgreSQL: the system's root certificates plus those in `ca_file`
/// (PEM). Whether TLS is used follows `sslmode` in the URL: `prefer` when the server offers
/// it, `require` always, `disable` never; without `sslmode`, `require` for a host that is not
/// on this machine and `prefer` for loopback ([`connection_config`]). A server certificate
/// that does not verify fails the connection.
pub fn tls(ca_file: Option<&Path>) -> Result<MakeRustlsConnect, PoolSetupError> {
    Ok(MakeRustlsConnect::new(tls_config(ca_file)?))
}

/// The TLS client set-up of every outgoing connection (PostgreSQL's, webhooks'): rustls with
/// the ring provider, its safe protocol versions, and the system's root certificates plus those
/// in `ca_file` (PEM).
///
/// Errors: `ca_file` cannot be read or holds no certificate.
pub fn tls_config(ca_file: Option<&Path>) -> Result<rustls::ClientConfig, PoolSetupError> {
    let mut roots = rustls::RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    for err in &native.errors {
        tracing::warn!(error = %err, "could not load some system root certificates");
    }
    roots.add_parsable_certificates(native.certs);
    if let Some(path) = ca_file {
        let bad = |reason: String| PoolSetupError::CaFile(path.to_path_buf(), reason);
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|err| bad(err.to_string()))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| bad(err.to_string()))?;
        if certs.is_empty() {
            return Err(bad("it holds no PEM certificate".into()));
        }
        for cert in certs {
            roots.add(cert).map_err(|err| bad(err.to_string()))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|err| PoolSetupError::Pool(err.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(config)
}

/// A pool of at most `size` connections to `url`, with TLS as [`tls`] sets it up without an
/// extra CA file. Each connection prepares a statement once and reuses it (deadpool's
/// statement cache, which the generated queries use).
pub fn pool(url: &str, size: usize) -> Result<Pool, PoolSetupError> {
    pool_with_tls(url, size, tls(None)?)
}

/// [`connection_config`] with `application_name` set to `name` unless the URL gives one, so
/// that operators tell the service's connections apart in `pg_stat_activity`.
///
/// Errors: `url` does not parse.
pub fn named_connection_config(
    url: &str,
    name: &str,
) -> Result<tokio_postgres::Config, PoolSetupError> {
    let mut config = connection_config(url)?;
    if config.get_application_name().is_none() {
        config.application_name(name);
    }
    Ok(config)
}

/// The connection settings of a URL, with these defaults changed where the URL says nothing:
///
/// - When a host is not on this machine, TLS is required. (tokio-postgres, like libpq,
///   defaults to `sslmode=prefer`, which falls back to plain text, so a password could cross
///   the network in the clear.) Loopback hosts and Unix sockets keep `prefer`.
/// - A server that vanishes without closing its connections (its node lost, a network
///   partition: no RST) is given up on in seconds rather than the ~15 minutes of TCP's
///   retransmissions and 2 hours of its keepalive: connecting gives up after
///   [`CONNECT_TIMEOUT`], data unacknowledged for [`TCP_USER_TIMEOUT`] closes the connection
///   (`tcp_user_timeout`, Linux), and an idle connection is probed after
///   [`KEEPALIVE_IDLE`], every [`KEEPALIVE_INTERVAL`], [`KEEPALIVE_RETRIES`] times.
///
/// Every connection the service opens (the pool, the shared reads, the listeners) is
/// configured here.
pub fn connection_config(url: &str) -> Result<tokio_postgres::Config, PoolSetupError> {
    use tokio_postgres::config::{Host, SslMode};
    let mut config: tokio_postgres::Config = url.parse().map_err(PoolSetupError::BadUrl)?;
    let remote = config.get_hosts().iter().any(|host| match host {
        Host::Tcp(name) => {
            name != "localhost"
                && !name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Host::Unix(_) => false,
    });
    if remote && !url.contains("sslmode") {
        config.ssl_mode(SslMode::Require);
    }
    // A URL that names a setting keeps its value, 0 (off) included.
    let given = |name: &str| url.contains(&format!("{name}="));
    if !given("connect_timeout") {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if !given("tcp_user_timeout") {
        config.tcp_user_timeout(TCP_USER_TIMEOUT);
    }
    if !given("keepalives_idle") {
        config.keepalives_idle(KEEPALIVE_IDLE);
    }
    if !given("keepalives_interval") {
        config.keepalives_interval(KEEPALIVE_INTERVAL);
    }
    if !given("keepalives_retries") {
        config.keepalives_retries(KEEPALIVE_RETRIES);
    }
    Ok(config)
}

/// Asks `client` for an answer every `every` until one fails or does not come within
/// `every`, and returns why it stopped: a connection to a server that went away without
/// closing it (a host lost, a network cut) is found out in seconds even while idle, rather
/// than trusted until TCP gives up. For the long-lived connections outside the pool (the
/// version listener, the shared reads).
pub async fn heartbeat(client: &tokio_postgres::Client, every: Duration) -> String {
    loop {
        tokio::time::sleep(every).await;
        match tokio::time::timeout(every, client.batch_execute("")).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => return super::problem::error_chain(&err),
            Err(_) => return format!("no answer within {} ms", every.as_millis()),
        }
    }
}

/// Rows a purge deletes per statement, so that none holds locks or writes WAL for long.
pub const PURGE_BATCH: i64 = 1_000;

/// Counts the batches of a purge: `while batches.more(delete().await?) {}` runs a statement
/// that deletes at most [`PURGE_BATCH`] rows until one deletes fewer, 20 times at most (what
/// is left waits for the next sweep).
#[derive(Debug, Default)]
pub struct PurgeBatches {
    purged: u64,
    runs: usize,
}

impl PurgeBatches {
    /// Counts a batch that deleted `deleted` rows; whether to run another.
    pub fn more(&mut self, deleted: u64) -> bool {
        self.purged += deleted;
        self.runs += 1;
        deleted >= PURGE_BATCH as u64 && self.runs < 20
    }

    /// Rows deleted so far.
    pub fn purged(&self) -> u64 {
        self.purged
    }
}

/// [`pool`] with a given TLS connector.
pub fn pool_with_tls(
    url: &str,
    size: usize,
    tls: MakeRustlsConnect,
) -> Result<Pool, PoolSetupError> {
    let pg_config = connection_config(url)?;
    let connect = HostsConnect {
        hosts: Hosts::new(&pg_config),
        tls,
    };
    let manager = Manager::from_connect(
        pg_config,
        connect,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .wait_timeout(Some(Duration::from_secs(10)))
        .create_timeout(Some(Duration::from_secs(10)))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .pre_recycle(Hook::sync_fn(failover::opened_before_a_read_only_refusal))
        .build()
        .map_err(|err| PoolSetupError::Pool(err.to_string()))
}

type ConnectResult =
    Result<(tokio_postgres::Client, tokio::task::JoinHandle<()>), tokio_postgres::Error>;

/// How the pool opens a connection: through [`Hosts`], which tries the host that accepted
/// last first and one that fell silent last.
struct HostsConnect {
    hosts: Hosts,
    tls: MakeRustlsConnect,
}

impl deadpool_postgres::Connect for HostsConnect {
    fn connect(
        &self,
        _config: &tokio_postgres::Config,
    ) -> std::pin::Pin<Box<dyn Future<Output = ConnectResult> + Send + '_>> {
        Box::pin(async move {
            let (client, connection) = self.hosts.connect(self.tls.clone()).await?;
            let driver = tokio::spawn(async move {
                if let Err(err) = connection.await {
                    tracing::warn!(target: "deadpool.postgres", "Connection error: {err}");
                }
            });
            Ok((client, driver))
        })
    }
}

/// `CREATE DATABASE name` unless it exists, through a server URL's maintenance database.
pub async fn create_database_if_missing(
    maintenance_url: &str,
    name: &str,
) -> Result<(), tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(maintenance_url, NoTls).await?;
    let connection = tokio::spawn(connection);
    let exists = client
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
        .await?
        .is_some();
    if !exists {
        // Identifiers cannot be parameters; `name` is ours, not the user's.
        client
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .await?;
    }
    drop(client);
    let _ = connection.await;
    Ok(())
}

/// A read-only transaction on `client` that sees one snapshot of the whole database
/// (REPEATABLE READ), for checks that compare many tables (the ledger check, the card
/// reconciliation).
///
/// Errors: the database's.
pub async fn read_snapshot(
    client: &mut deadpool_postgres::Object,
) -> Result<Transaction<'_>, tokio_postgres::Error> {
    client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await
}

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
/// (40001) or a deadlock (40P01), the whole workflow runs again, up to `MAX_ATTEMPTS`
/// (5) times, so clients never see those as errors.
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
pub fn is_transient(err: &ApiError) -> bool {
    let ApiError::Database(err) = err else {
        return false;
    };
    matches!(
        err.code(),
        Some(&SqlState::T_R_SERIALIZATION_FAILURE | &SqlState::T_R_DEADLOCK_DETECTED)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_give_up_on_a_vanished_server_in_seconds() {
        let config = connection_config("postgres://app@db.internal/boxoffice").unwrap();
        assert_eq!(config.get_connect_timeout(), Some(&CONNECT_TIMEOUT));
        assert_eq!(config.get_tcp_user_timeout(), Some(&TCP_USER_TIMEOUT));
        assert!(config.get_keepalives());
        assert_eq!(config.get_keepalives_idle(), KEEPALIVE_IDLE);
        assert_eq!(config.get_keepalives_interval(), Some(KEEPALIVE_INTERVAL));
        assert_eq!(config.get_keepalives_retries(), Some(KEEPALIVE_RETRIES));
    }

    #[test]
    fn a_url_keeps_the_timeouts_it_names() {
        let config = connection_config(
            "postgres://app@db.internal/boxoffice?connect_timeout=0&tcp_user_timeout=30\
             &keepalives_idle=60&keepalives_interval=5&keepalives_retries=9",
        )
        .unwrap();
        assert_eq!(config.get_connect_timeout(), None, "0 turns it off");
        assert_eq!(
            config.get_tcp_user_timeout(),
            Some(&Duration::from_secs(30))
        );
        assert_eq!(config.get_keepalives_idle(), Duration::from_secs(60));
        assert_eq!(
            config.get_keepalives_interval(),
            Some(Duration::from_secs(5))
        );
        assert_eq!(config.get_keepalives_retries(), Some(9));
    }
}

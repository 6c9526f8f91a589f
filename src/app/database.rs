//! The database the service starts with: its pools, the catalog's shared reads and the
//! version listener, or a local PostgreSQL of its own when no `DATABASE_URL` is given; the
//! service role; the migrations.

use deadpool_postgres::Pool;
use tokio_postgres::NoTls;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::catalog::movies;
use crate::ops::local_pg::{LocalPgError, LocalPostgres};
use crate::ops::migrate;
use crate::platform::db::{self, PoolSetupError, SERVICE_ROLE, create_database_if_missing};
use crate::platform::shared_reads::SharedReads;
use crate::platform::version_cache::VersionCache;

use super::config::DatabaseConfig;

/// The database the service uses, and the local server behind it when there is one.
pub struct Database {
    /// The service's connections (DATABASE_URL, or the local server as the service role).
    pub pool: Pool,
    /// Connections shared by the catalog's single-statement reads (DB_READ_CONNECTIONS).
    pub reads: Option<SharedReads>,
    /// Movies' versions, announced by the primary, for answering revalidations from memory
    /// (DB_LISTEN_VERSIONS).
    pub movie_versions: Option<VersionCache>,
    /// Where migrations connect: MIGRATION_DATABASE_URL, else DATABASE_URL, or the local
    /// server's superuser.
    migration_url: String,
    tls: MakeRustlsConnect,
    /// The local server started because no `DATABASE_URL` was given; stops when dropped.
    pub local: Option<LocalPostgres>,
}

/// Why the database could not be set up at start: a pool, the local server, or the local
/// database could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseSetupError {
    /// The pool could not be set up.
    #[error(transparent)]
    Setup(#[from] PoolSetupError),
    /// The local server could not be started.
    #[error(transparent)]
    Local(#[from] LocalPgError),
    /// Connecting or creating the database failed.
    #[error("preparing the local database")]
    Postgres(#[from] tokio_postgres::Error),
}

impl Database {
    /// Connects to `DATABASE_URL` (migrations to `MIGRATION_DATABASE_URL`, the catalog's
    /// shared reads to `DATABASE_READ_URL` when given), or else starts the local server: its
    /// `boxoffice` database is created on first use, migrations run as its superuser and the
    /// service as [`SERVICE_ROLE`], as in production. Connections are opened lazily.
    ///
    /// Errors: a URL does not parse, DATABASE_READ_URL is given with no shared read
    /// connections, DATABASE_CA_FILE cannot be used, the local server does not start.
    pub async fn open(config: &DatabaseConfig) -> Result<Self, DatabaseSetupError> {
        // Either URL alone names the database (a migration job may be given only its own).
        let given = config
            .database_url
            .as_ref()
            .or(config.migration_database_url.as_ref());
        let (url, migration_url, local) = match given {
            Some(url) => {
                let migration_url = config.migration_database_url.as_ref().unwrap_or(url);
                (url.clone(), migration_url.clone(), None)
            }
            None => {
                let dir = config.local_pg_dir.clone();
                let local =
                    tokio::task::spawn_blocking(move || LocalPostgres::start_persistent(&dir))
                        .await
                        .expect("starting PostgreSQL does not panic")?;
                create_database_if_missing(&local.url("postgres"), "boxoffice").await?;
                ensure_service_login(&local.url("postgres"), None).await?;
                let url = local.url_as(SERVICE_ROLE, "boxoffice");
                (url, local.url("boxoffice"), Some(local))
            }
        };
        let tls = db::tls(config.database_ca_file.as_deref())?;
        let pool = db::pool_with_tls(&url, config.db_pool_size.into(), tls.clone())?;
        if config.database_read_url.is_some() && config.db_read_connections == 0 {
            return Err(PoolSetupError::ReadUrlUnused.into());
        }
        let read_url = config.database_read_url.as_deref().unwrap_or(&url);
        let reads = SharedReads::new(read_url, tls.clone(), config.db_read_connections.into())
            .map_err(|err| match err {
                PoolSetupError::BadUrl(err) if config.database_read_url.is_some() => {
                    PoolSetupError::BadReadUrl(err)
                }
                other => other,
            })?;
        let movie_versions = config
            .db_listen_versions
            .then(|| VersionCache::new(&url, tls.clone(), movies::VERSION_CHANNEL))
            .transpose()?;
        Ok(Database {
            pool,
            reads: Some(reads),
            movie_versions,
            migration_url,
            tls,
            local,
        })
    }

    /// A connection for migrations, as the schema's owner.
    pub fn migration_pool(&self) -> Result<Pool, PoolSetupError> {
        db::pool_with_tls(&self.migration_url, 1, self.tls.clone())
    }
}

/// Warns when the service connects as a superuser or as the owner of its tables: it then
/// could alter the schema, disable the ledger's triggers or truncate it; and when its
/// sessions have no `lock_timeout` or `statement_timeout` (a login role other than
/// [`SERVICE_ROLE`], or a migration 000025 could not apply): one forgotten lock would then
/// queue requests until the pool drains. Best effort: a database that does not answer yet is
/// the readiness probe's business.
pub async fn warn_unless_least_privilege(pool: &Pool) {
    let Ok(client) = pool.get().await else {
        return;
    };
    let untimed = client
        .query_one(
            "SELECT current_setting('lock_timeout') = '0' \
                 OR current_setting('statement_timeout') = '0'",
            &[],
        )
        .await
        .map(|row| row.get::<_, bool>(0));
    if let Ok(true) = untimed {
        tracing::warn!(
            "the database sessions have no lock_timeout or statement_timeout: a lock held \
             elsewhere would hold requests until the pool drains; connect as {SERVICE_ROLE} \
             or set them on the login role (README, Database timeouts)"
        );
    }
    let privileged = client
        .query_one(
            "SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_tables t \
               WHERE t.schemaname = 'public' AND t.tableowner = current_user) \
             FROM pg_roles r WHERE r.rolname = current_user",
            &[],
        )
        .await
        .map(|row| row.get::<_, bool>(0));
    if let Ok(true) = privileged {
        tracing::warn!(
            "DATABASE_URL connects as a superuser or as the owner of the schema; connect as \
             {SERVICE_ROLE} (which owns nothing) and run migrations with \
             MIGRATION_DATABASE_URL (see README, Configuration)"
        );
    }
}

/// On a server we administer (the local one, the tests'), makes sure [`SERVICE_ROLE`] exists
/// and can log in, through a superuser's `admin_url`; with `password`, sets it. In production
/// the operator creates the role (README, k8s/README.md).
pub async fn ensure_service_login(
    admin_url: &str,
    password: Option<&str>,
) -> Result<(), tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(admin_url, NoTls).await?;
    let connection = tokio::spawn(connection);
    // Identifiers and passwords cannot be parameters here; the role name is ours, and the
    // password is quoted by the server's own quote_literal.
    let password = match password {
        Some(password) => {
            let row = client
                .query_one("SELECT quote_literal($1::text)", &[&password])
                .await?;
            format!(" PASSWORD {}", row.get::<_, String>(0))
        }
        None => String::new(),
    };
    client
        .batch_execute(&format!(
            "DO $$ BEGIN \
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN \
                 CREATE ROLE {SERVICE_ROLE}; \
               END IF; \
             END $$; \
             ALTER ROLE {SERVICE_ROLE} WITH LOGIN{password};"
        ))
        .await?;
    drop(client);
    let _ = connection.await;
    Ok(())
}

/// Applies pending migrations; logs each.
pub async fn migrate_up(pool: &Pool) -> Result<(), migrate::MigrateError> {
    let mut client = pool.get().await?;
    for migration in migrate::up(&mut client).await? {
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied migration"
        );
    }
    Ok(())
}

//! The schema migration runner: `boxoffice migrate up | down [N] | status`.
//!
//! Migrations are the golang-migrate files in migrations/ (`NNNNNN_name.up.sql` and
//! `.down.sql`), embedded at build time. Applied versions are recorded in `schema_history`.
//! The runner holds a PostgreSQL advisory lock while it works, so replicas starting at once
//! apply each migration once, and runs each migration in its own transaction, so a failed one
//! leaves no trace, with a lock timeout ([`MIGRATION_LOCK_TIMEOUT`]) so that it never queues
//! the service's requests behind it for long. (No maintained crate reads this layout over
//! tokio-postgres with down migrations: refinery has its own file naming and no down,
//! sqlx-migrate needs sqlx.)
//!
//! The runner's own bookkeeping is the one place the service writes SQL outside queries/: the
//! `schema_history` table must exist before any migration, so cornucopia cannot check it.

use crate::platform::probe::{ProbeConnection, ProbeError};
use chrono::{DateTime, Utc};
use deadpool_postgres::Client;

/// One migration: `up` applies it, `down` reverts it.
#[derive(Debug)]
pub struct Migration {
    /// The `NNNNNN` prefix of its files.
    pub version: i64,
    /// The rest of its file names.
    pub name: &'static str,
    /// The `.up.sql` script.
    pub up: &'static str,
    /// The `.down.sql` script.
    pub down: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// How long a migration waits for a table lock before it fails: a migration queued behind a
/// long transaction would otherwise make every request on that table queue behind it.
/// Running it again later is safe, since it failed as a whole.
pub const MIGRATION_LOCK_TIMEOUT: &str = "5s";

/// Key of the advisory lock held while migrating (arbitrary, fixed: "boxoffice" in ASCII,
/// truncated to 64 bits).
const LOCK_KEY: i64 = 0x626f_786f_6666_6963;

const CREATE_HISTORY: &str = "CREATE TABLE IF NOT EXISTS schema_history (
    version    bigint PRIMARY KEY,
    name       text NOT NULL,
    -- SHA-256 of the up script as applied: an edited migration is refused, not silently skipped.
    checksum   bytea NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)";

/// Why migrating failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// A statement failed; `version` is the migration it belongs to, if any.
    #[error("migration {version:06}: {source}")]
    Migration {
        version: i64,
        #[source]
        source: tokio_postgres::Error,
    },
    /// Bookkeeping failed.
    #[error("migration bookkeeping")]
    Database(#[from] tokio_postgres::Error),
    /// No connection could be had.
    #[error("connecting to the database")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// The database has a version this binary does not know; it cannot be reverted here.
    #[error("the database has migration {0:06}, which this binary does not know")]
    UnknownVersion(i64),
    /// An applied migration's file has changed since; the schema may not be what it says.
    #[error(
        "migration {0:06} was changed after it was applied; restore it and add a new migration \
         instead (or, for a throwaway development database, recreate the database)"
    )]
    Modified(i64),
}

impl Migration {
    /// SHA-256 of the up script.
    pub fn checksum(&self) -> Vec<u8> {
        use sha2::Digest;
        sha2::Sha256::digest(self.up.as_bytes()).to_vec()
    }
}

/// The latest migration this binary knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Applies every migration not yet applied, in version order. Returns those it applied.
pub async fn up(client: &mut Client) -> Result<Vec<&'static Migration>, MigrateError> {
    locked(client, async |client| {
        let applied = applied_migrations(client).await?;
        for (version, checksum) in &applied {
            if let Some(known) = MIGRATIONS.iter().find(|m| m.version == *version)
                && known.checksum() != *checksum
            {
                return Err(MigrateError::Modified(*version));
            }
        }
        let mut done = Vec::new();
        for migration in MIGRATIONS
            .iter()
            .filter(|m| !applied.iter().any(|(v, _)| *v == m.version))
        {
            let tx = client.transaction().await?;
            tx.batch_execute(&format!(
                "SET LOCAL lock_timeout = '{MIGRATION_LOCK_TIMEOUT}'"
            ))
            .await?;
            tx.batch_execute(migration.up)
                .await
                .map_err(|source| MigrateError::Migration {
                    version: migration.version,
                    source,
                })?;
            tx.execute(
                "INSERT INTO schema_history (version, name, checksum) VALUES ($1, $2, $3)",
                &[&migration.version, &migration.name, &migration.checksum()],
            )
            .await?;
            tx.commit().await?;
            done.push(migration);
        }
        Ok(done)
    })
    .await
}

/// Reverts the `steps` most recently applied migrations, newest first. Returns those it
/// reverted.
pub async fn down(
    client: &mut Client,
    steps: usize,
) -> Result<Vec<&'static Migration>, MigrateError> {
    locked(client, async |client| {
        let mut applied: Vec<i64> = applied_migrations(client)
            .await?
            .into_iter()
            .map(|(version, _)| version)
            .collect();
        applied.sort_unstable_by(|a, b| b.cmp(a));
        let mut done = Vec::new();
        for version in applied.into_iter().take(steps) {
            let migration = MIGRATIONS
                .iter()
                .find(|m| m.version == version)
                .ok_or(MigrateError::UnknownVersion(version))?;
            let tx = client.transaction().await?;
            tx.batch_execute(&format!(
                "SET LOCAL lock_timeout = '{MIGRATION_LOCK_TIMEOUT}'"
            ))
            .await?;
            tx.batch_execute(migration.down)
                .await
                .map_err(|source| MigrateError::Migration { version, source })?;
            tx.execute("DELETE FROM schema_history WHERE version = $1", &[&version])
                .await?;
            tx.commit().await?;
            done.push(migration);
        }
        Ok(done)
    })
    .await
}

/// Every known migration with when it was applied (`None`: pending).
pub async fn status(
    client: &mut Client,
) -> Result<Vec<(&'static Migration, Option<DateTime<Utc>>)>, MigrateError> {
    client.batch_execute(CREATE_HISTORY).await?;
    let rows = client
        .query("SELECT version, applied_at FROM schema_history", &[])
        .await?;
    let applied: Vec<(i64, DateTime<Utc>)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    Ok(MIGRATIONS
        .iter()
        .map(|m| {
            let at = applied
                .iter()
                .find(|(v, _)| *v == m.version)
                .map(|(_, at)| *at);
            (m, at)
        })
        .collect())
}

/// Whether the database is at (or past, during a rolling upgrade) the latest migration this
/// binary knows, asked on the readiness probe's own connection. Errors when the database does
/// not answer.
pub async fn is_current(probe: &ProbeConnection) -> Result<bool, ProbeError> {
    let applied = probe
        .query_i64("SELECT coalesce(max(version), 0) FROM schema_history")
        .await?;
    Ok(applied >= latest_version())
}

/// (version, checksum) of every applied migration.
async fn applied_migrations(client: &Client) -> Result<Vec<(i64, Vec<u8>)>, MigrateError> {
    let rows = client
        .query("SELECT version, checksum FROM schema_history", &[])
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// Runs `work` holding the migration lock (waiting for it if another process has it).
async fn locked<T>(
    client: &mut Client,
    work: impl AsyncFnOnce(&mut Client) -> Result<T, MigrateError>,
) -> Result<T, MigrateError> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])
        .await?;
    let result = async {
        client.batch_execute(CREATE_HISTORY).await?;
        work(client).await
    }
    .await;
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY])
        .await;
    let value = result?;
    unlocked?;
    Ok(value)
}

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
    /// A down migration would drop a table that holds rows; `--force` allows it.
    #[error(
        "migration {version:06}'s down drops {table}, which holds rows that no migration \
         brings back; back them up, and pass --force to revert it anyway"
    )]
    WouldLoseRows { version: i64, table: String },
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
/// reverted. Unless `force`, a migration whose down drops a table that holds rows (tickets,
/// refunds, the event outbox: what no later `up` brings back) is refused before it runs,
/// and the ones before it stay reverted.
///
/// Errors: [`MigrateError::WouldLoseRows`] as said; a statement or the bookkeeping failed;
/// the database has a migration this binary does not know.
pub async fn down(
    client: &mut Client,
    steps: usize,
    force: bool,
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
            if !force {
                for table in guarded_tables(migration.down) {
                    let holds_rows: bool = tx
                        .query_one(
                            &format!(
                                "SELECT to_regclass('{table}') IS NOT NULL \
                                 AND EXISTS (SELECT 1 FROM {table})"
                            ),
                            &[],
                        )
                        .await?
                        .get(0);
                    if holds_rows {
                        return Err(MigrateError::WouldLoseRows { version, table });
                    }
                }
            }
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

/// The tables whose rows a down script would lose, and so must be empty to run it without
/// `--force`: those its `-- loses: a, b (why)` line names (`nothing`: none), or without one
/// every table it drops. Tables the migrations seed, or that are kept from others, are left
/// out by that line.
fn guarded_tables(script: &str) -> Vec<String> {
    let declared = script
        .lines()
        .find_map(|line| line.trim().strip_prefix("-- loses:"));
    match declared {
        Some(list) => list
            .split('(')
            .next()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty() && *name != "nothing")
            .map(str::to_owned)
            .collect(),
        None => dropped_tables(script),
    }
}

/// The tables a down script drops (`DROP TABLE [IF EXISTS] a, b [CASCADE]`), by the names it
/// gives. Our own scripts only: a statement is what lies between semicolons, and no down
/// script drops a table inside a function body.
fn dropped_tables(script: &str) -> Vec<String> {
    // Comments go first: they may hold semicolons.
    let code: String = script
        .lines()
        .map(|line| line.split("--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ");
    let mut tables = Vec::new();
    for statement in code.split(';') {
        let words: Vec<&str> = statement.split_whitespace().collect();
        let [first, second, rest @ ..] = words.as_slice() else {
            continue;
        };
        if !(first.eq_ignore_ascii_case("DROP") && second.eq_ignore_ascii_case("TABLE")) {
            continue;
        }
        let rest = match rest {
            [if_, exists, rest @ ..]
                if if_.eq_ignore_ascii_case("IF") && exists.eq_ignore_ascii_case("EXISTS") =>
            {
                rest
            }
            rest => rest,
        };
        tables.extend(
            rest.join(" ")
                .split(',')
                .map(|name| {
                    name.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                })
                .filter(|name| !name.is_empty()),
        );
    }
    tables
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_a_down_script_drops_are_found() {
        let script = "-- DROP TABLE commented_out;\n\
                      DROP TRIGGER t ON tickets;\n\
                      drop table if exists tickets, payment_refunds cascade;\n\
                      DROP TABLE\n    events;\n\
                      ALTER TABLE webhooks DROP COLUMN paused_until;";
        assert_eq!(
            dropped_tables(script),
            ["tickets", "payment_refunds", "events"]
        );
        assert_eq!(
            guarded_tables("-- loses: tickets, events (why)\nDROP TABLE tickets;"),
            ["tickets", "events"]
        );
        assert!(guarded_tables("-- loses: nothing (kept)\nDROP TABLE x;").is_empty());
        assert_eq!(
            guarded_tables("DROP TABLE x;"),
            ["x"],
            "undeclared: what it drops"
        );
        // A down that says what it loses names every table it drops on that line, lost or
        // not (and why not), so that a table added to it later is not forgotten.
        for migration in MIGRATIONS {
            let Some(line) = migration.down.lines().find(|l| l.starts_with("-- loses:")) else {
                continue;
            };
            for table in dropped_tables(migration.down) {
                assert!(
                    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .any(|word| word == table),
                    "{:06} drops {table}, which its loses line does not name",
                    migration.version
                );
            }
        }
    }
}

//! The migration runner: up, down and status, alone and concurrently.

use std::process::Command;

use boxoffice::ops::local_pg::find_bindir;
use boxoffice::ops::migrate::{self, MIGRATIONS};
use boxoffice::platform::db;

use crate::helpers::empty_database;

/// `pg_dump --schema-only` of a database, without the random `\restrict` keys newer pg_dump
/// versions write.
fn schema_of(url: &str) -> String {
    let pg_dump = find_bindir()
        .map(|dir| dir.join("pg_dump"))
        .filter(|path| path.is_file())
        .unwrap_or_else(|| "pg_dump".into());
    let output = Command::new(pg_dump)
        .args(["--schema-only", "--no-owner", "--dbname", url])
        .output()
        .expect("pg_dump runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with("\\restrict") && !line.starts_with("\\unrestrict"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn up_down_up_leaves_the_same_schema() {
    let url = empty_database().await;
    let pool = db::pool(&url, 2).unwrap();
    let mut client = pool.get().await.unwrap();
    let before = schema_of(&url);

    let applied = migrate::up(&mut client).await.unwrap();
    assert_eq!(applied.len(), MIGRATIONS.len());
    assert!(
        migrate::up(&mut client).await.unwrap().is_empty(),
        "up twice does nothing"
    );
    assert!(migrate::is_current(&pool).await.unwrap());
    let migrated = schema_of(&url);
    assert!(migrated.contains("CREATE TABLE public.bookings"));

    let reverted = migrate::down(&mut client, MIGRATIONS.len()).await.unwrap();
    let mut versions: Vec<i64> = reverted.iter().map(|m| m.version).collect();
    assert!(
        versions.is_sorted_by(|a, b| a > b),
        "newest first: {versions:?}"
    );
    versions.reverse();
    assert_eq!(
        versions,
        MIGRATIONS.iter().map(|m| m.version).collect::<Vec<_>>()
    );
    assert!(!migrate::is_current(&pool).await.unwrap());
    let reverted_schema = schema_of(&url);
    assert!(!reverted_schema.contains("CREATE TABLE public.users"));
    assert!(!reverted_schema.contains("CREATE TYPE"));
    assert!(before.len() <= reverted_schema.len());

    migrate::up(&mut client).await.unwrap();
    assert_eq!(schema_of(&url), migrated);
}

#[tokio::test]
async fn down_reverts_the_latest_first_and_status_reports_it() {
    let url = empty_database().await;
    let pool = db::pool(&url, 1).unwrap();
    let mut client = pool.get().await.unwrap();
    migrate::up(&mut client).await.unwrap();
    let reverted = migrate::down(&mut client, 1).await.unwrap();
    let latest = MIGRATIONS.last().unwrap();
    assert_eq!(reverted.len(), 1);
    assert_eq!(reverted[0].version, latest.version);
    let status = migrate::status(&mut client).await.unwrap();
    assert_eq!(status.len(), MIGRATIONS.len());
    for (migration, applied_at) in status {
        assert_eq!(
            applied_at.is_some(),
            migration.version != latest.version,
            "{migration:?}"
        );
    }
    let applied = migrate::up(&mut client).await.unwrap();
    assert_eq!(
        applied.iter().map(|m| m.version).collect::<Vec<_>>(),
        vec![latest.version]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_migrating_at_once_apply_each_migration_once() {
    let url = empty_database().await;
    let pool = db::pool(&url, 8).unwrap();
    let runs = (0..6).map(|_| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut client = pool.get().await.unwrap();
            migrate::up(&mut client)
                .await
                .unwrap()
                .iter()
                .map(|m| m.version)
                .collect::<Vec<_>>()
        })
    });
    let mut applied: Vec<i64> = Vec::new();
    for run in futures::future::join_all(runs).await {
        applied.extend(run.unwrap());
    }
    applied.sort();
    assert_eq!(
        applied,
        MIGRATIONS.iter().map(|m| m.version).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn an_applied_migration_that_was_edited_is_refused() {
    let url = empty_database().await;
    let pool = db::pool(&url, 1).unwrap();
    let mut client = pool.get().await.unwrap();
    migrate::up(&mut client).await.unwrap();
    client
        .execute(
            "UPDATE schema_history SET checksum = '\\x00' WHERE version = $1",
            &[&MIGRATIONS[0].version],
        )
        .await
        .unwrap();
    let err = migrate::up(&mut client).await.unwrap_err();
    assert!(
        matches!(err, migrate::MigrateError::Modified(v) if v == MIGRATIONS[0].version),
        "{err}"
    );
}

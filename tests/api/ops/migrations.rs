//! The migration runner: up, down and status, alone and concurrently.

use std::process::Command;

use boxoffice::ops::local_pg::find_bindir;
use boxoffice::ops::migrate::{self, MIGRATIONS};
use boxoffice::platform::db;
use boxoffice::platform::probe::ProbeConnection;

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
    assert!(
        migrate::is_current(&ProbeConnection::new(pool.clone()))
            .await
            .unwrap()
    );
    let migrated = schema_of(&url);
    assert!(migrated.contains("CREATE TABLE public.bookings"));

    let reverted = migrate::down(&mut client, MIGRATIONS.len(), false)
        .await
        .unwrap();
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
    assert!(
        !migrate::is_current(&ProbeConnection::new(pool.clone()))
            .await
            .unwrap()
    );
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
    let reverted = migrate::down(&mut client, 1, false).await.unwrap();
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

/// Seat maps (migration 12) give existing theaters generated layouts and existing bookings
/// concrete seats, and going back restores the counter of free seats, with bookings in the
/// database.
/// Rows for the schema before seat maps (000011): a user, a movie, a theater of `seats`
/// seats and one screening of it whose counter says `available`, and the bookings of
/// `bookings` (rows of `(user_id, screening_id, seats, amount, currency, status,
/// expires_at)`).
fn before_seat_maps_fixture(seats: i32, available: i32, bookings: &str) -> String {
    format!(
        "INSERT INTO users (username, email, full_name, password_hash)
         VALUES ('ana', 'ana@example.com', 'Ana', '$argon2id$v=19$x');
         INSERT INTO movies (title, description, duration_minutes, rating)
         VALUES ('Orbit', 'Space.', 100, 'PG');
         INSERT INTO theaters (name, city, capacity) VALUES ('Rialto', 'Lisbon', {seats});
         INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, currency,
                                 total_seats, available_seats)
         VALUES (1, 1, now() + interval '1 day', now() + interval '1 day 2 hours', 1000,
                 'EUR', {seats}, {available});
         INSERT INTO bookings (user_id, screening_id, seats, amount, currency, status,
                               expires_at)
         VALUES {bookings};"
    )
}

#[tokio::test]
async fn seat_maps_migrate_existing_bookings_up_down_up() {
    const SEAT_MAPS: i64 = 12;
    let url = empty_database().await;
    let pool = db::pool(&url, 2).unwrap();
    let mut client = pool.get().await.unwrap();
    migrate::up(&mut client).await.unwrap();
    let newer = MIGRATIONS.iter().filter(|m| m.version >= SEAT_MAPS).count();
    migrate::down(&mut client, newer, false).await.unwrap();
    let older = MIGRATIONS.iter().filter(|m| m.version < SEAT_MAPS).count();
    // A 45-seat theater; bookings of 5 (pending), 10 (confirmed), 3 (cancelled), 2
    // (expired) and 4 (pending, hold lapsed, not yet swept) seats: 19 taken by the counter.
    client
        .batch_execute(&before_seat_maps_fixture(
            45,
            26,
            "(1, 1, 5, 5000, 'EUR', 'pending', now() + interval '1 hour'),
                    (1, 1, 10, 10000, 'EUR', 'confirmed', now() - interval '1 hour'),
                    (1, 1, 3, 3000, 'EUR', 'cancelled', now() + interval '1 hour'),
                    (1, 1, 2, 2000, 'EUR', 'expired', now() - interval '1 hour'),
                    (1, 1, 4, 4000, 'EUR', 'pending', now() - interval '1 minute')",
        ))
        .await
        .unwrap();
    let seats_of =
        "SELECT b.id, (SELECT count(*) FROM screening_seats x WHERE x.booking_id = b.id),
                           (SELECT count(*) FROM booking_items i WHERE i.booking_id = b.id),
                           (SELECT coalesce(sum(amount), 0)::bigint FROM booking_items i
                            WHERE i.booking_id = b.id)
                    FROM bookings b ORDER BY b.id";
    let available = "SELECT count(*) FROM screening_seats x WHERE x.screening_id = 1
                     AND NOT x.blocked AND (x.booking_id IS NULL OR x.held_until <= now())";
    for round in 0..2 {
        migrate::up(&mut client).await.unwrap();
        let rows = client.query(seats_of, &[]).await.unwrap();
        let got: Vec<(i64, i64, i64, i64)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        // Every booking keeps its seats as items and its amount; only the active ones (the
        // lapsed hold too, until the sweep) keep the seats themselves.
        let expected = if round == 0 {
            vec![
                (1, 5, 5, 5000),
                (2, 10, 10, 10000),
                (3, 0, 3, 3000),
                (4, 0, 2, 2000),
                (5, 4, 4, 4000),
            ]
        } else {
            // Going back expired the lapsed hold, so the second migration gave it no seats.
            vec![
                (1, 5, 5, 5000),
                (2, 10, 10, 10000),
                (3, 0, 3, 3000),
                (4, 0, 2, 2000),
                (5, 0, 4, 4000),
            ]
        };
        assert_eq!(got, expected, "round {round}");
        let free: i64 = client.query_one(available, &[]).await.unwrap().get(0);
        assert_eq!(free, 30, "45 seats less the 15 of the active bookings");
        // The confirmed booking of 10 got adjacent seats in the middle of row A (the 5 of the
        // first booking sit in the middle of row B, two thirds back), sold: no hold.
        let row: Vec<String> = client
            .query(
                "SELECT i.seat_label FROM booking_items i
                 JOIN screening_seats x USING (screening_id, row_index, number)
                 WHERE i.booking_id = 2 AND x.held_until IS NULL ORDER BY i.row_index, i.number",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(row, (6..=15).map(|n| format!("A{n}")).collect::<Vec<_>>());
        // Its bookings' items and tickets go, on purpose.
        migrate::down(&mut client, newer, true).await.unwrap();
        let counter: i32 = client
            .query_one(
                "SELECT available_seats FROM screenings_now WHERE id = 1",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(counter, 30, "round {round}: the counter is back");
        assert_eq!(
            migrate::status(&mut client)
                .await
                .unwrap()
                .iter()
                .filter(|(_, applied_at)| applied_at.is_some())
                .count(),
            older
        );
    }
}

#[tokio::test]
async fn tickets_are_issued_for_paid_bookings_and_staff_revert_to_customers() {
    const SEAT_MAPS: i64 = 12;
    let url = empty_database().await;
    let pool = db::pool(&url, 2).unwrap();
    let mut client = pool.get().await.unwrap();
    migrate::up(&mut client).await.unwrap();
    let newer = MIGRATIONS.iter().filter(|m| m.version >= SEAT_MAPS).count();
    migrate::down(&mut client, newer, false).await.unwrap();
    // Before seat maps and tickets: a paid booking of 4 seats, a pending one of 2, a
    // cancelled one of 3.
    client
        .batch_execute(&before_seat_maps_fixture(
            30,
            24,
            "(1, 1, 4, 4000, 'EUR', 'confirmed', now() - interval '1 hour'),
                    (1, 1, 2, 2000, 'EUR', 'pending', now() + interval '1 hour'),
                    (1, 1, 3, 3000, 'EUR', 'cancelled', now() + interval '1 hour')",
        ))
        .await
        .unwrap();
    let tickets = "SELECT booking_id, count(*), count(DISTINCT seat_label)
                   FROM tickets GROUP BY booking_id ORDER BY booking_id";
    for round in 0..2 {
        migrate::up(&mut client).await.unwrap();
        let rows = client.query(tickets, &[]).await.unwrap();
        let got: Vec<(i64, i64, i64)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        assert_eq!(
            got,
            [(1, 4, 4)],
            "round {round}: the paid booking's seats only"
        );
        client
            .batch_execute(
                "INSERT INTO users (username, email, full_name, password_hash, role)
                 VALUES ('usher', 'usher@example.com', 'Usher', '$argon2id$v=19$x', 'staff')
                 ON CONFLICT DO NOTHING;
                 UPDATE users SET role = 'staff' WHERE username = 'usher'",
            )
            .await
            .unwrap();
        // Back to before tickets (and what came after them).
        let from_tickets = MIGRATIONS.iter().filter(|m| m.version >= 13).count();
        migrate::down(&mut client, from_tickets, true)
            .await
            .unwrap();
        let role: String = client
            .query_one("SELECT role::text FROM users WHERE username = 'usher'", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(role, "customer", "staff have no role to go back to");
    }
}

#[tokio::test]
async fn down_refuses_to_drop_tables_that_hold_rows_unless_forced() {
    let url = empty_database().await;
    let pool = db::pool(&url, 1).unwrap();
    let mut client = pool.get().await.unwrap();
    migrate::up(&mut client).await.unwrap();
    client
        .batch_execute(
            "INSERT INTO webhooks (url, event_types, secret) \
             VALUES ('https://example.com/hook', '{booking.created}', 'whsec_x')",
        )
        .await
        .unwrap();
    let webhooks = MIGRATIONS
        .iter()
        .find(|m| m.name.contains("webhooks"))
        .unwrap()
        .version;

    let refused = migrate::down(&mut client, MIGRATIONS.len(), false)
        .await
        .unwrap_err();
    match &refused {
        migrate::MigrateError::WouldLoseRows { version, table } => {
            assert_eq!((*version, table.as_str()), (webhooks, "webhooks"));
        }
        other => panic!("{other}"),
    }
    assert!(refused.to_string().contains("--force"), "{refused}");
    // The migrations after it were reverted; it and those before it stand, rows included.
    let applied = migrate::status(&mut client)
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, at)| at.is_some())
        .count();
    assert_eq!(applied, webhooks as usize);
    let kept: i64 = client
        .query_one("SELECT count(*) FROM webhooks", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(kept, 1);

    let reverted = migrate::down(&mut client, MIGRATIONS.len(), true)
        .await
        .unwrap();
    assert_eq!(reverted.len(), webhooks as usize);
}

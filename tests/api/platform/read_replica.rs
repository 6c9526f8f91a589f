//! DATABASE_READ_URL: the catalog's reads go to the read replica; seat maps, bookings and
//! writes never do. A second database stands in for a replica that lags far behind: it has
//! the schema but none of the primary's rows, so what a read answers tells which database
//! served it. (scripts/drill runs the same set-up against real streaming standbys.)

use std::time::{Duration, Instant};

use boxoffice::app::Database;
use boxoffice::app::config::DatabaseConfig;
use boxoffice::platform::db;

use super::shared_reads::shared_connections;
use crate::helpers::{TestApp, as_service, fresh_database, server_config};

/// A movie only the replica has, with an id the primary never hands out.
const REPLICA_ONLY_MOVIE: i64 = 900_000;

#[tokio::test]
async fn catalog_reads_use_the_read_url_and_everything_else_the_primary() {
    let primary = fresh_database().await;
    let replica = fresh_database().await;
    let replica_owner = db::pool(&replica, 1).expect("replica owner pool");
    replica_owner
        .get()
        .await
        .unwrap()
        .execute(
            "INSERT INTO movies (id, title, description, duration_minutes, rating) \
             OVERRIDING SYSTEM VALUE VALUES ($1, 'Only on the replica', '', 90, 'PG')",
            &[&REPLICA_ONLY_MOVIE],
        )
        .await
        .unwrap();
    let database = Database::open(&DatabaseConfig {
        database_url: Some(as_service(&primary)),
        migration_database_url: Some(primary.clone()),
        database_read_url: Some(as_service(&replica)),
        database_ca_file: None,
        local_pg_dir: "unused".into(),
        db_pool_size: 8,
        db_read_connections: 2,
        db_listen_versions: true,
    })
    .await
    .expect("opening the database");
    let owner = db::pool(&primary, 2).expect("owner pool");
    let reads = database.reads.expect("shared reads");
    let app = TestApp::with_reads(&server_config(600), database.pool, owner, reads);

    // Until the shared connections are open, reads fall back to the primary's pool; then
    // both serve from the replica.
    let replica_movie = format!("/v1/movies/{REPLICA_ONLY_MOVIE}");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let open = shared_connections(&replica_owner).await;
        if open == 2 {
            break;
        }
        app.get(&replica_movie, None).await;
        assert!(
            Instant::now() < deadline,
            "the replica's connections did not open"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for _ in 0..4 {
        let movie = app.get(&replica_movie, None).await.expect(200);
        assert_eq!(movie["title"], "Only on the replica");
    }

    // Writes go to the primary; the catalog, read from the replica, has not seen them yet.
    let admin = app.admin().await;
    let screening = app.screening(&admin, 20).await;
    let id = &screening["id"];
    for _ in 0..4 {
        app.get(&format!("/v1/screenings/{id}"), None)
            .await
            .expect(404);
        let movies = app.get("/v1/movies", None).await.expect(200);
        let titles: Vec<_> = movies["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|movie| movie["title"].clone())
            .collect();
        assert_eq!(titles, ["Only on the replica"]);
    }
    // Seat maps and bookings must see every write: they read the primary.
    assert_eq!(app.available_labels(id).await.len(), 20);
    let customer = app.customer("rowan").await;
    app.book(&customer, id, 2).await.expect(201);
    assert_eq!(app.available_labels(id).await.len(), 18);
}

//! The catalog's shared read connections: reads keep answering when they are lost, and they
//! come back by themselves.

use std::time::{Duration, Instant};

use boxoffice::platform::shared_reads::APPLICATION_NAME;
use deadpool_postgres::Pool;
use serde_json::json;

use crate::helpers::TestApp;

/// How many of the connections to `owner`'s database are shared read connections.
pub async fn shared_connections(owner: &Pool) -> i64 {
    let client = owner.get().await.unwrap();
    client
        .query_one(
            "SELECT count(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND application_name = $1",
            &[&APPLICATION_NAME],
        )
        .await
        .unwrap()
        .get(0)
}

/// Reads the movie until both shared connections are open, every read answering 200.
async fn read_until_both_shared_are_open(app: &TestApp, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while shared_connections(&app.owner).await < 2 {
        app.get(path, None).await.expect(200);
        assert!(
            Instant::now() < deadline,
            "the shared connections did not open"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn reads_survive_losing_the_shared_connections_and_they_reopen() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let movie = app
        .post(
            "/v1/movies",
            Some(&admin),
            json!({ "title": "Orbit", "description": "", "duration_minutes": 90,
                    "rating": "PG", "release_date": null }),
        )
        .await
        .expect(201);
    let path = format!("/v1/movies/{}", movie["id"]);
    read_until_both_shared_are_open(&app, &path).await;

    let client = app.owner.get().await.unwrap();
    let killed: i64 = client
        .query_one(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE datname = current_database() AND application_name = $1",
            &[&APPLICATION_NAME],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(killed, 2);
    // The client learns of the close when its connection task reads the server's goodbye.
    tokio::time::sleep(Duration::from_millis(200)).await;
    for _ in 0..10 {
        let fetched = app.get(&path, None).await.expect(200);
        assert_eq!(fetched, movie);
    }
    read_until_both_shared_are_open(&app, &path).await;
}

//! The catalog's shared read connections: reads keep answering when they are lost, and they
//! come back by themselves.

use std::time::Duration;

use boxoffice::platform::shared_reads::APPLICATION_NAME;
use deadpool_postgres::Pool;

use crate::catalog::movie;
use crate::helpers::{TestApp, eventually, terminate_backends};

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
    eventually(
        "both shared connections open",
        Duration::from_secs(10),
        || async {
            app.get(path, None).await.expect(200);
            shared_connections(&app.owner).await == 2
        },
    )
    .await;
}

#[tokio::test]
async fn reads_survive_losing_the_shared_connections_and_they_reopen() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let movie = app
        .post("/v1/movies", Some(&admin), movie("Orbit"))
        .await
        .expect(201);
    let path = format!("/v1/movies/{}", movie["id"]);
    read_until_both_shared_are_open(&app, &path).await;

    let killed = terminate_backends(&app.owner, APPLICATION_NAME).await;
    assert_eq!(killed, 2);
    // The client learns of the close when its connection task reads the server's goodbye.
    tokio::time::sleep(Duration::from_millis(200)).await;
    for _ in 0..10 {
        let fetched = app.get(&path, None).await.expect(200);
        assert_eq!(fetched, movie);
    }
    read_until_both_shared_are_open(&app, &path).await;
}

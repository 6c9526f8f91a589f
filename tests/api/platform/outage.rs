//! A database outage answers 503 `database_unavailable` with `Retry-After`, never 500, and
//! the service recovers by itself once the database is back.

use std::time::{Duration, Instant};

use boxoffice::app;
use boxoffice::ops::local_pg::LocalPostgres;
use boxoffice::platform::db::{self, create_database_if_missing};
use boxoffice::platform::shared_reads::SharedReads;

use crate::helpers::{Reply, TestApp, server_config};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_answers_503_and_service_resumes_when_the_database_is_back() {
    let mut server = tokio::task::spawn_blocking(LocalPostgres::start_throwaway)
        .await
        .unwrap()
        .expect("a PostgreSQL of its own, to stop and start");
    create_database_if_missing(&server.url("postgres"), "outage")
        .await
        .unwrap();
    let pool = db::pool(&server.url("outage"), 4).unwrap();
    app::migrate_up(&pool).await.unwrap();
    // The catalog's reads on shared connections too: they die with the server and come back.
    let reads = SharedReads::new(&server.url("outage"), db::tls(None).unwrap(), 2).unwrap();
    let app = TestApp::with_reads(&server_config(600), pool.clone(), pool, reads);
    app.get("/v1/movies", None).await.expect(200);
    app.get("/readyz", None).await.expect(200);

    let mut server = tokio::task::spawn_blocking(move || {
        server.pause().expect("stopping the server");
        server
    })
    .await
    .unwrap();
    for path in ["/v1/movies", "/v1/movies/1", "/v1/screenings"] {
        let reply = app.send(app.api.get(path)).await;
        assert_unavailable(reply);
    }
    let login = app
        .send(
            app.api
                .post("/v1/users/login")
                .body_json(&serde_json::json!({ "username": "ana", "password": "whatever1" })),
        )
        .await;
    assert_unavailable(login);
    assert_eq!(app.get("/readyz", None).await.status, 503);

    let _server = tokio::task::spawn_blocking(move || {
        server.resume().expect("starting the server again");
        server
    })
    .await
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let reply = app.get("/v1/movies", None).await;
        if reply.status == 200 {
            break;
        }
        assert_eq!(reply.status, 503, "{:?}", reply.body);
        assert!(Instant::now() < deadline, "no recovery: {:?}", reply.body);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.get("/readyz", None).await.expect(200);
}

#[track_caller]
fn assert_unavailable(reply: Reply) {
    assert_eq!(
        reply.retry_after.as_deref(),
        Some("1"),
        "Retry-After on {reply:?}"
    );
    reply.expect_problem(503, "database_unavailable");
}

/// A value the code cannot convert (a NULL where a query promised none) is a defect to log
/// and answer 500, not an outage to answer 503 and retry.
#[tokio::test]
async fn a_conversion_error_is_not_an_outage() {
    let app = TestApp::spawn().await;
    let client = app.pool.get().await.unwrap();
    let row = client.query_one("SELECT NULL::integer", &[]).await.unwrap();
    let err = row.try_get::<_, i32>(0).unwrap_err();
    assert!(!boxoffice::platform::problem::is_unavailable(&err), "{err}");
    let err = client
        .query_one("SELECT 1 WHERE false", &[])
        .await
        .unwrap_err();
    assert!(!boxoffice::platform::problem::is_unavailable(&err), "{err}");
}

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
    assert!(
        !boxoffice::platform::db_errors::is_unavailable(&err),
        "{err}"
    );
    let err = client
        .query_one("SELECT 1 WHERE false", &[])
        .await
        .unwrap_err();
    assert!(
        !boxoffice::platform::db_errors::is_unavailable(&err),
        "{err}"
    );
}

/// A connection to a server that refuses writes as read-only (a primary demoted to standby,
/// or a standby reached by mistake) is not used again: the first refusal answers 503, and the
/// next write opens a new connection, which finds a server that takes writes.
#[tokio::test]
async fn a_write_refused_as_read_only_answers_503_and_its_connection_is_not_reused() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let owner = app.owner.get().await.unwrap();
    let database: String = owner
        .query_one("SELECT current_database()", &[])
        .await
        .unwrap()
        .get(0);
    // The service's connections reopen read-only, as on a standby.
    owner
        .batch_execute(&format!(
            "ALTER DATABASE \"{database}\" SET default_transaction_read_only = on; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND usename = 'boxoffice_app'"
        ))
        .await
        .unwrap();
    // Reads still work; once one has, the pool holds a read-only connection.
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.get("/v1/users/me", Some(&admin)).await.status != 200 {
        assert!(Instant::now() < deadline, "reads did not resume");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let movie = serde_json::json!({ "title": "Standby", "description": "", "duration_minutes": 90,
                                    "rating": "PG", "release_date": null });
    let refused = app.post("/v1/movies", Some(&admin), movie.clone()).await;
    assert_unavailable(refused);

    // The primary takes writes again; the pool's read-only connection must not be reused.
    owner
        .batch_execute(&format!(
            "ALTER DATABASE \"{database}\" RESET default_transaction_read_only"
        ))
        .await
        .unwrap();
    app.post("/v1/movies", Some(&admin), movie)
        .await
        .expect(201);
}

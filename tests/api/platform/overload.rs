//! Overload degrades gracefully: a flood of logins is refused early (429 per client, 503 when
//! the hashing queue is full) and never takes the pool from other requests.

use std::time::{Duration, Instant};

use futures::future::join_all;
use poem::http::StatusCode;
use serde_json::json;

use crate::helpers::{Reply, TestApp, server_config};

/// Catalog reads of a bystander while `flood` runs: every one 200, the slowest as returned.
async fn reads_during(
    app: &TestApp,
    flood: impl Future<Output = Vec<Reply>>,
) -> (Duration, Vec<Reply>) {
    let reads = async {
        let mut slowest = Duration::ZERO;
        for _ in 0..40 {
            let started = Instant::now();
            let reply = app
                .send(
                    app.api
                        .get("/v1/movies/1")
                        .header("x-forwarded-for", "10.9.9.9"),
                )
                .await;
            slowest = slowest.max(started.elapsed());
            assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        slowest
    };
    tokio::join!(reads, flood)
}

fn login(app: &TestApp, client: String) -> impl Future<Output = Reply> + '_ {
    app.send(
        app.api
            .post("/v1/users/login")
            .header("x-forwarded-for", client)
            .body_json(&json!({ "username": "ana", "password": "not her password" })),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_login_flood_leaves_catalog_reads_fast() {
    let mut config = server_config(600);
    config.identity.auth_rate_limit = 20;
    config.http.trusted_proxy_hops = 1;
    // A small pool, as in the incident: 4 connections for 800 logins and the reads.
    let app = TestApp::spawn_with(&config, 4).await;
    let admin = app.admin().await;
    app.post(
        "/v1/movies",
        Some(&admin),
        json!({ "title": "Flood", "description": "", "duration_minutes": 90, "rating": "G" }),
    )
    .await
    .expect(201);

    // One client floods: it gets its 20 a minute, the rest are refused with 429 at once.
    let flood = join_all((0..800).map(|_| login(&app, "10.0.0.1".into())));
    let (slowest, replies) = reads_during(&app, flood).await;
    assert!(slowest < Duration::from_secs(1), "a read took {slowest:?}");
    let limited = replies.iter().filter(|r| r.status == 429).count();
    assert!(limited >= 780, "{limited} of 800 rate limited");
    for reply in replies {
        match reply.status.as_u16() {
            401 => {}
            429 => assert!(reply.retry_after.is_some()),
            other => panic!("unexpected {other}: {:?}", reply.body),
        }
    }

    // Many clients flood at once: the hashing queue fills and the rest get 503 overloaded,
    // and still no login holds a connection while it waits for a hash.
    let flood = join_all((0..800).map(|n| login(&app, format!("10.1.{}.{}", n / 250, n % 250))));
    let (slowest, replies) = reads_during(&app, flood).await;
    assert!(slowest < Duration::from_secs(1), "a read took {slowest:?}");
    let overloaded = replies.iter().filter(|r| r.status == 503).count();
    assert!(overloaded > 0, "the queue never filled");
    for reply in replies {
        match reply.status.as_u16() {
            401 => {}
            503 => {
                assert_eq!(reply.retry_after.as_deref(), Some("1"));
                reply.expect_problem(503, "overloaded");
            }
            other => panic!("unexpected {other}: {:?}", reply.body),
        }
    }
}

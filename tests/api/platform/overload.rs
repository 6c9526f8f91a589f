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
    // The flood of many addresses below is at one username: this test is about the hashing
    // queue, which the per-username limit would keep from filling.
    config.identity.login_rate_limit_per_username = 0;
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

#[tokio::test]
async fn an_attackers_bad_logins_do_not_stop_signed_in_users_from_refreshing() {
    // Behind an ingress that TRUSTED_PROXY_HOPS does not describe, every client is one
    // address: the attacker's and the users' attempts share its bucket.
    let mut config = server_config(600);
    config.identity.auth_rate_limit = 4;
    let app = TestApp::spawn_with(&config, 4).await;
    app.register("ana").await;
    let tokens = app.login("ana").await;

    let mut refused = None;
    for _ in 0..5 {
        let reply = app
            .post(
                "/v1/users/login",
                None,
                json!({ "username": "ana", "password": "a guess" }),
            )
            .await;
        if reply.status == 429 {
            refused = Some(reply);
            break;
        }
        reply.expect_problem(401, "invalid_credentials");
    }
    refused
        .expect("the address runs out of logins")
        .expect_problem(429, "rate_limited");

    // Ana's refresh proves a 256-bit secret: the address's bucket does not apply to it.
    let refreshed = app
        .post(
            "/v1/users/refresh",
            None,
            json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await
        .expect(200);
    // Refreshing is limited per token instead, against a client stuck in a loop.
    let mut token = refreshed["refresh_token"].clone();
    let reused = json!({ "refresh_token": token });
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let reply = app.post("/v1/users/refresh", None, reused.clone()).await;
        statuses.push(reply.status.as_u16());
        if reply.status == 200 {
            token = reply.body["refresh_token"].clone();
        }
    }
    assert_eq!(statuses[0], 200, "{statuses:?}");
    assert!(statuses[1..10].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[10..].iter().all(|s| *s == 429), "{statuses:?}");
    assert!(token.is_string());
}

#[tokio::test]
async fn a_proxy_pool_gets_a_usernames_limit_not_one_per_address() {
    let mut config = server_config(600);
    config.identity.auth_rate_limit = 60;
    config.identity.login_rate_limit_per_username = 3;
    config.http.trusted_proxy_hops = 1;
    let app = TestApp::spawn_with(&config, 4).await;
    app.register("ana").await;
    app.register("ben").await;

    // Each guess from another address of the pool, the username in another case (logins
    // compare usernames case-insensitively).
    let mut statuses = Vec::new();
    for (n, username) in ["ana", "Ana", "ANA", "aNa", "anA"].into_iter().enumerate() {
        let reply = app
            .send(
                app.api
                    .post("/v1/users/login")
                    .header("x-forwarded-for", format!("203.0.113.{n}"))
                    .body_json(&json!({ "username": username, "password": "a guess" })),
            )
            .await;
        statuses.push(reply.status.as_u16());
        if reply.status == 429 {
            assert!(reply.retry_after.is_some());
            let problem = reply.expect_problem(429, "rate_limited");
            assert!(
                problem["detail"].as_str().unwrap().contains("username"),
                "{problem}"
            );
        }
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429]);

    // Other accounts are not held up.
    app.send(
        app.api
            .post("/v1/users/login")
            .header("x-forwarded-for", "198.51.100.1")
            .body_json(&json!({ "username": "ben", "password": crate::helpers::PASSWORD })),
    )
    .await
    .expect(200);
}

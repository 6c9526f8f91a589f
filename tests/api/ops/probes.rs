use std::time::Duration;

use crate::helpers::{TestApp, empty_database};
use boxoffice::app;
use boxoffice::platform::db;

#[tokio::test]
async fn liveness_answers_without_the_database() {
    let app = TestApp::spawn().await;
    let body = app.get("/healthz", None).await.expect(200);
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn ready_when_the_schema_is_current() {
    let app = TestApp::spawn().await;
    app.get("/readyz", None).await.expect(200);
}

/// A burst of heavy reads that holds every pooled connection does not make the replica
/// unready: the probe has a connection of its own.
#[tokio::test]
async fn readiness_does_not_wait_for_the_pool() {
    let app = TestApp::spawn_with(&crate::helpers::server_config(600), 2).await;
    app.get("/readyz", None).await.expect(200);
    // Every pooled connection is taken (the reads of a burst, in flight).
    let held = [app.pool.get().await.unwrap(), app.pool.get().await.unwrap()];
    let ready = tokio::time::timeout(Duration::from_secs(3), app.get("/readyz", None))
        .await
        .expect("readiness answers without a pooled connection");
    ready.expect(200);
    drop(held);
}

#[tokio::test]
async fn not_ready_while_migrations_are_pending() {
    let pool = db::pool(&empty_database().await, 2).unwrap();
    let unmigrated = TestApp::on(&crate::helpers::server_config(600), pool.clone(), pool);
    let reply = unmigrated.get("/readyz", None).await;
    assert_eq!(reply.status, 503, "{:?}", reply.body);
}

#[tokio::test]
async fn swagger_ui_and_the_document_are_served() {
    let app = TestApp::spawn().await;
    let spec = app.get("/openapi.json", None).await.expect(200);
    assert!(spec["paths"]["/v1/bookings"]["post"].is_object());
    let response = app.api.get("/docs").send().await;
    response.assert_status_is_ok();
    response.assert_content_type("text/html; charset=utf-8");
    app.api
        .get("/openapi.yaml")
        .send()
        .await
        .assert_status_is_ok();
}

#[tokio::test]
async fn the_committed_document_matches_the_handlers() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json"))
        .expect("openapi.json is committed");
    assert_eq!(
        committed.trim_end(),
        app::spec_json().trim_end(),
        "openapi.json is stale: run `just openapi`"
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        app.get("/v1/movies", None).await.expect(200);
    }
    app.get("/v1/movies/999", None).await.expect(404);
    app.get("/v1/nowhere", None).await.expect(404);
    // Any method name a client makes up counts as `other`: clients cannot add series.
    for made_up in ["BREW", "PROPFIND"] {
        let method = poem::http::Method::from_bytes(made_up.as_bytes()).unwrap();
        let reply = app.send(app.api.request(method, "/v1/movies")).await;
        assert!(reply.status.is_client_error(), "{reply:?}");
    }
    let metrics = poem::test::TestClient::new(app::metrics_routes(&app.service));
    let response = metrics.get("/metrics").send().await;
    response.assert_status_is_ok();
    response.assert_content_type("application/openmetrics-text; version=1.0.0; charset=utf-8");
    let text = response.0.into_body().into_string().await.unwrap();
    for line in [
        r#"http_requests_total{method="GET",route="list_movies",status="200"} 3"#,
        r#"http_requests_total{method="GET",route="get_movie",status="404"} 1"#,
        r#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
        r#"http_request_duration_seconds_count{method="GET",route="list_movies",status="200"} 3"#,
        "db_pool_connections ",
        "db_pool_waiting 0",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        text.contains(r#"http_requests_total{method="other",route="unmatched",status="405"} 2"#)
            && !text.contains("BREW"),
        "made-up methods are not counted as `other`:\n{text}"
    );
    // Metrics are not public: the API's address does not serve them.
    app.get("/metrics", None)
        .await
        .expect_problem(404, "not_found");
}

#[tokio::test]
async fn booking_and_transfer_outcomes_are_counted() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 2).await;
    app.book(&ana, &screening["id"], 2).await.expect(201);
    app.book(&ana, &screening["id"], 1).await.expect(409);
    let account = app.open_account(&ana, "EUR").await;
    let body = serde_json::json!({ "from_account_id": account["id"], "to_account_id": 1, "amount": 5, "currency": "EUR" });
    app.transfer(&ana, "k", &body).await.expect(422);
    let text = poem::test::TestClient::new(app::metrics_routes(&app.service))
        .get("/metrics")
        .send()
        .await
        .0
        .into_body()
        .into_string()
        .await
        .unwrap();
    for line in [
        r#"boxoffice_bookings_total{outcome="ok"} 1"#,
        r#"boxoffice_bookings_total{outcome="not_enough_seats"} 1"#,
        r#"boxoffice_transfers_total{outcome="destination_not_found"} 1"#,
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[tokio::test]
async fn the_request_id_is_echoed_or_made() {
    let app = TestApp::spawn().await;
    let response = app
        .api
        .get("/healthz")
        .header("x-request-id", "abc-123")
        .send()
        .await;
    response.assert_header("x-request-id", "abc-123");
    let response = app.api.get("/v1/nowhere").send().await;
    let made = response
        .0
        .headers()
        .get("x-request-id")
        .expect("an id")
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(made.len(), 32);
    let other = app.api.get("/healthz").send().await;
    assert_ne!(
        other
            .0
            .headers()
            .get("x-request-id")
            .unwrap()
            .to_str()
            .unwrap(),
        made
    );
}

#[tokio::test]
async fn not_ready_once_draining_starts() {
    let app = TestApp::spawn().await;
    app.get("/readyz", None).await.expect(200);
    app.state.begin_draining();
    let reply = app.get("/readyz", None).await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.body["status"], "shutting down");
    app.get("/healthz", None).await.expect(200);
}

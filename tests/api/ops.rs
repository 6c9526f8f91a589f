use crate::helpers::{TestApp, empty_database};
use boxoffice::app;

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

#[tokio::test]
async fn not_ready_while_migrations_are_pending() {
    let app = TestApp::spawn().await;
    let pool = app::pool(&empty_database().await, 2).unwrap();
    let state = app::state(&crate::helpers::server_config(600), pool).await;
    let unmigrated = TestApp {
        api: poem::test::TestClient::new(poem::EndpointExt::boxed(app::routes(state.clone()))),
        state,
        pool: app.pool.clone(),
    };
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
        app::api().spec().trim_end(),
        "openapi.json is stale: run `just openapi`"
    );
}

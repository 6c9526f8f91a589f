//! Every failure answers RFC 9457 problem details, never a 500 for bad input.

use crate::helpers::TestApp;

#[tokio::test]
async fn malformed_bodies_are_400_problems() {
    let app = TestApp::spawn().await;
    let token = app.customer("ana").await;
    for (body, content_type) in [
        ("{not json", "application/json"),
        (r#"{"screening_id": "one", "seats": 1}"#, "application/json"),
        (
            r#"{"screening_id": 1, "seats": 1, "extra": true}"#,
            "application/json",
        ),
        (r#"{"screening_id": 1}"#, "application/json"),
        ("[]", "application/json"),
        (
            r#"{"screening_id": 1, "seats": 99999999999}"#,
            "application/json",
        ),
    ] {
        let reply = app
            .send(
                app.api
                    .post("/v1/bookings")
                    .header("authorization", format!("Bearer {token}"))
                    .content_type(content_type)
                    .body(body),
            )
            .await;
        reply.expect_problem(400, "invalid_request");
    }
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_413() {
    let app = TestApp::spawn().await;
    let huge = format!(
        r#"{{"username": "{}", "password": "x"}}"#,
        "a".repeat(1024 * 1024)
    );
    app.send(
        app.api
            .post("/v1/users/login")
            .content_type("application/json")
            .body(huge.clone()),
    )
    .await
    .expect_problem(413, "payload_too_large");
    // Without Content-Length (a streamed body) the limit holds too.
    let stream = futures::stream::iter(
        huge.into_bytes()
            .chunks(64 * 1024)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    app.send(
        app.api
            .post("/v1/users/login")
            .content_type("application/json")
            .body(poem::Body::from_bytes_stream(stream)),
    )
    .await
    .expect_problem(413, "payload_too_large");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = TestApp::spawn().await;
    app.get("/v1/nothing-here", None)
        .await
        .expect_problem(404, "not_found");
    let reply = app.send(app.api.put("/v1/movies")).await;
    assert!(reply.status == 405 || reply.status == 404, "{reply:?}");
    assert_eq!(
        reply.content_type.as_deref(),
        Some("application/problem+json")
    );
    app.get("/v1/movies/not-a-number", None)
        .await
        .expect_problem(400, "invalid_request");
}

#[tokio::test]
async fn a_401_tells_the_client_to_use_a_bearer_token() {
    let app = TestApp::spawn().await;
    let response = app.api.get("/v1/users/me").send().await;
    response.assert_status(poem::http::StatusCode::UNAUTHORIZED);
    response.assert_header("www-authenticate", "Bearer");
}

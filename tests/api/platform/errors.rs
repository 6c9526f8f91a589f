//! Every failure answers RFC 9457 problem details, never a 500 for bad input.

use serde_json::json;

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
async fn a_body_over_64_kib_is_413_and_the_largest_layout_fits() {
    let app = TestApp::spawn().await;
    let huge = format!(
        r#"{{"username": "{}", "password": "x"}}"#,
        "a".repeat(64 * 1024)
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
            .chunks(8 * 1024)
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

    // The largest body the API takes: a hall of 60 rows of 60 seats, every seat in each of
    // its lists (which the layout rules then refuse, after reading it).
    let admin = app.admin().await;
    let every_seat: Vec<i32> = (1..=60).collect();
    let rows: Vec<_> = (0..60u8)
        .map(|i| {
            json!({
                "row": format!("{}{}", char::from(b'A' + i / 26), char::from(b'A' + i % 26)),
                "seats": 60,
                "premium": every_seat,
                "wheelchair": every_seat,
                "companion": every_seat,
                "blocked": every_seat,
            })
        })
        .collect();
    let theater = json!({ "name": "Largest", "city": "Lisbon", "layout": rows });
    let size = serde_json::to_vec(&theater).unwrap().len();
    assert!(size > 40 * 1024 && size < 64 * 1024, "{size}");
    let reply = app.post("/v1/theaters", Some(&admin), theater).await;
    assert_ne!(reply.status, 413, "{:?}", reply.body);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = TestApp::spawn().await;
    app.get("/v1/nothing-here", None)
        .await
        .expect_problem(404, "not_found");
    // A path that exists, with a method it does not answer: 405 with the methods it does
    // (RFC 9110 requires Allow on every 405).
    for (method, path, allow) in [
        (poem::http::Method::PUT, "/v1/movies", "GET, POST"),
        (
            poem::http::Method::POST,
            "/v1/movies/7",
            "DELETE, GET, PATCH",
        ),
        (poem::http::Method::DELETE, "/v1/bookings/7/cancel", "POST"),
    ] {
        let response = app.api.request(method, path).send().await;
        response.assert_status(poem::http::StatusCode::METHOD_NOT_ALLOWED);
        response.assert_header("allow", allow);
        response.assert_content_type("application/problem+json");
    }
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

/// The document lists what each operation can return, no more and no less, as far as its
/// shape decides: a body brings 400, 413 and 415; a bearer token 401; a parameter 400; only
/// a secured operation can answer 403 or the bearer 401; every operation can fail with 500.
#[test]
fn every_operation_declares_the_errors_its_inputs_bring() {
    let spec = boxoffice::app::spec();
    let mut checked = 0;
    for (path, operations) in spec["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let id = format!("{method} {path} ({})", operation["operationId"]);
            let declares = |status: &str| operation["responses"].get(status).is_some();
            let has_body = operation.get("requestBody").is_some();
            let has_parameters = operation["parameters"]
                .as_array()
                .is_some_and(|p| !p.is_empty());
            let secured = operation
                .get("security")
                .and_then(|s| s.as_array())
                .is_some_and(|s| !s.is_empty());
            if path == "/healthz" || path == "/readyz" {
                continue; // probes answer their own shapes
            }
            assert_eq!(declares("413"), has_body, "{id}: 413 iff a body");
            assert_eq!(declares("415"), has_body, "{id}: 415 iff a body");
            assert!(!secured || declares("401"), "{id}: 401 when secured");
            let bearer_401 = operation["responses"]["401"]["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("`unauthorized`"));
            assert!(!bearer_401 || secured, "{id}: no bearer 401 unless secured");
            assert!(!declares("403") || secured, "{id}: 403 only when secured");
            assert_eq!(
                declares("400"),
                has_body || has_parameters,
                "{id}: 400 iff there is something to parse"
            );
            assert!(declares("500"), "{id}: 500");
            checked += 1;
        }
    }
    assert!(checked > 30);
}

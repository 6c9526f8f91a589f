use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, with_token};

#[tokio::test]
async fn booking_holds_seats_until_cancelled() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 10).await;
    let screening_path = format!("/v1/screenings/{}", screening["id"]);

    let booking = app.book(&ana, &screening["id"], 3).await.expect(201);
    assert_eq!(booking["status"], "pending");
    assert_eq!(booking["seats"], 3);
    assert_eq!(booking["amount"], 3 * 1250);
    assert_eq!(booking["currency"], "EUR");
    let created =
        chrono::DateTime::parse_from_rfc3339(booking["created_at"].as_str().unwrap()).unwrap();
    let expires =
        chrono::DateTime::parse_from_rfc3339(booking["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!(expires - created, chrono::Duration::minutes(10));
    assert_eq!(
        app.get(&screening_path, None).await.expect(200)["available_seats"],
        7
    );

    let path = format!("/v1/bookings/{}", booking["id"]);
    assert_eq!(app.get(&path, Some(&ana)).await.expect(200), booking);
    let page = app.get("/v1/bookings", Some(&ana)).await.expect(200);
    assert_eq!(page["items"], json!([booking]));

    let cancelled = app
        .post_without_body(&format!("{path}/cancel"), Some(&ana))
        .await
        .expect(200);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(
        app.get(&screening_path, None).await.expect(200)["available_seats"],
        10
    );
    app.post_without_body(&format!("{path}/cancel"), Some(&ana))
        .await
        .expect_problem(409, "booking_not_cancellable");
    assert_eq!(
        app.get(&screening_path, None).await.expect(200)["available_seats"],
        10,
        "a second cancel returns no seats"
    );
}

#[tokio::test]
async fn booking_errors() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 4).await;
    app.book(&ana, &screening["id"], 5)
        .await
        .expect_problem(409, "not_enough_seats");
    app.book(&ana, &json!(999), 1)
        .await
        .expect_problem(404, "screening_not_found");
    for seats in [0, 11] {
        app.book(&ana, &screening["id"], seats)
            .await
            .expect_problem(400, "invalid_request");
    }
    app.post(
        "/v1/bookings",
        None,
        json!({ "screening_id": screening["id"], "seats": 1 }),
    )
    .await
    .expect_problem(401, "unauthorized");
    app.get("/v1/bookings", None)
        .await
        .expect_problem(401, "unauthorized");
    app.get("/v1/bookings/1", Some(&ana))
        .await
        .expect_problem(404, "booking_not_found");
    app.post_without_body("/v1/bookings/1/cancel", Some(&ana))
        .await
        .expect_problem(404, "booking_not_found");
}

#[tokio::test]
async fn a_screening_that_has_started_cannot_be_booked() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 4).await;
    let client = app.owner.get().await.unwrap();
    client
        .execute(
            "UPDATE screenings SET starts_at = now() - interval '1 minute', ends_at = now() + interval '1 hour' WHERE id = $1",
            &[&screening["id"].as_i64().unwrap()],
        )
        .await
        .unwrap();
    app.book(&ana, &screening["id"], 1)
        .await
        .expect_problem(409, "screening_started");
}

#[tokio::test]
async fn another_users_booking_is_not_found() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let screening = app.screening(&admin, 10).await;
    let booking = app.book(&ana, &screening["id"], 2).await.expect(201);
    let path = format!("/v1/bookings/{}", booking["id"]);
    app.get(&path, Some(&bea))
        .await
        .expect_problem(404, "booking_not_found");
    app.post_without_body(&format!("{path}/cancel"), Some(&bea))
        .await
        .expect_problem(404, "booking_not_found");
    let page = app.get("/v1/bookings", Some(&bea)).await.expect(200);
    assert_eq!(page["items"], json!([]));
    // Ana's booking is untouched.
    assert_eq!(
        app.get(&path, Some(&ana)).await.expect(200)["status"],
        "pending"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_bookings_never_oversell() {
    const SEATS: i64 = 50;
    const REQUESTS: usize = 240;
    let app = TestApp::spawn_uncapped().await;
    let admin = app.admin().await;
    let screening = app.screening(&admin, SEATS as i32).await;
    let mut tokens = Vec::new();
    for i in 0..8 {
        tokens.push(app.customer(&format!("fan{i}")).await);
    }
    let requests = (0..REQUESTS).map(|i| {
        let seats = 1 + (i % 3) as i32;
        let token = &tokens[i % tokens.len()];
        let app = &app;
        let screening_id = &screening["id"];
        async move { (seats, app.book(token, screening_id, seats).await) }
    });
    let replies = futures::future::join_all(requests).await;

    let mut sold = 0;
    for (seats, reply) in replies {
        match reply.status.as_u16() {
            201 => sold += i64::from(seats),
            409 => assert!(
                ["not_enough_seats", "no_adjacent_seats"]
                    .contains(&reply.body["code"].as_str().unwrap()),
                "{:?}",
                reply.body
            ),
            other => panic!("unexpected {other}: {:?}", reply.body),
        }
    }
    let after = app
        .get(&format!("/v1/screenings/{}", screening["id"]), None)
        .await
        .expect(200);
    let available = after["available_seats"].as_i64().unwrap();
    assert_eq!(
        sold,
        SEATS - available,
        "every sold seat came from the screening"
    );
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

#[tokio::test]
async fn expired_holds_return_their_seats() {
    let app = TestApp::spawn_with_hold(1).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 5).await;
    let screening_path = format!("/v1/screenings/{}", screening["id"]);
    let first = app.book(&ana, &screening["id"], 5).await.expect(201);
    app.book(&ana, &screening["id"], 1)
        .await
        .expect_problem(409, "not_enough_seats");

    tokio::time::sleep(Duration::from_millis(1200)).await;

    // Before any sweep: the lapsed hold reads as expired and its seats as available…
    let first_path = format!("/v1/bookings/{}", first["id"]);
    assert_eq!(
        app.get(&first_path, Some(&ana)).await.expect(200)["status"],
        "expired"
    );
    assert_eq!(
        app.get(&screening_path, None).await.expect(200)["available_seats"],
        5
    );
    app.post_without_body(&format!("{first_path}/cancel"), Some(&ana))
        .await
        .expect_problem(409, "booking_not_cancellable");
    // …and a new booking takes them.
    let second = app.book(&ana, &screening["id"], 4).await.expect(201);
    assert_eq!(
        app.get(&screening_path, None).await.expect(200)["available_seats"],
        1
    );

    tokio::time::sleep(Duration::from_millis(1200)).await;
    let client = app.pool.get().await.unwrap();
    let stored = |id: &Value| {
        let id = id.as_i64().unwrap();
        let client = &client;
        async move {
            client
                .query_one("SELECT status::text FROM bookings WHERE id = $1", &[&id])
                .await
                .unwrap()
                .get::<_, String>(0)
        }
    };
    // The booking that needed the lapsed seats expired that hold itself, when it took them.
    assert_eq!(stored(&first["id"]).await, "expired");
    let swept = boxoffice::ticketing::holds::sweep_expired_holds(&app.pool, 100, 900.0)
        .await
        .unwrap();
    assert_eq!(swept, 1, "the sweep expires the other lapsed booking");
    assert_eq!(stored(&second["id"]).await, "expired");
    assert_eq!(app.available_labels(&screening["id"]).await.len(), 5);
    assert_eq!(
        boxoffice::ticketing::holds::sweep_expired_holds(&app.pool, 100, 900.0)
            .await
            .unwrap(),
        0,
        "a second sweep finds nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_sweeps_and_reclaims_return_each_seat_once() {
    let app = TestApp::spawn_with_hold(1).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let mut screenings = Vec::new();
    for _ in 0..3 {
        let screening = app.screening(&admin, 6).await;
        for _ in 0..3 {
            app.book(&ana, &screening["id"], 2).await.expect(201);
        }
        screenings.push(screening);
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let sweeps = (0..4).map(|_| async {
        boxoffice::ticketing::holds::sweep_expired_holds(&app.pool, 2, 900.0)
            .await
            .unwrap()
    });
    let bookings = screenings.iter().map(|s| app.book(&ana, &s["id"], 6));
    let (_, replies) = futures::join!(
        futures::future::join_all(sweeps),
        futures::future::join_all(bookings)
    );
    while boxoffice::ticketing::holds::sweep_expired_holds(&app.pool, 100, 900.0)
        .await
        .unwrap()
        > 0
    {}
    for (screening, reply) in screenings.iter().zip(replies) {
        let booked = reply.expect(201);
        assert_eq!(booked["seats"], 6);
        assert_eq!(app.seat_map(&screening["id"]).await["available_seats"], 0);
        app.assert_no_seat_sold_twice(&screening["id"]).await;
    }
}

#[tokio::test]
async fn a_cancel_body_that_is_not_cancel_seats_cancels_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 10).await;
    let booking = app.book(&ana, &screening["id"], 3).await.expect(201);
    let path = format!("/v1/bookings/{}", booking["id"]);

    let untyped = app
        .api
        .post(format!("{path}/cancel"))
        .body(r#"{"seat_labels":["A1"]}"#);
    app.send(with_token(untyped, Some(&ana)))
        .await
        .expect_problem(415, "unsupported_media_type");
    // The document's body is an object; `null` is not one.
    app.post(&format!("{path}/cancel"), Some(&ana), json!(null))
        .await
        .expect_problem(400, "invalid_request");
    assert_eq!(
        app.get(&path, Some(&ana)).await.expect(200)["status"],
        "pending"
    );
    // An empty JSON body is no body: the whole booking.
    let empty = app
        .api
        .post(format!("{path}/cancel"))
        .content_type("application/json")
        .body("");
    let cancelled = app.send(with_token(empty, Some(&ana))).await.expect(200);
    assert_eq!(cancelled["status"], "cancelled");
}

#[tokio::test]
async fn a_booking_retried_with_its_idempotency_key_is_made_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening(&admin, 10).await;
    let available = || async {
        app.get(&format!("/v1/screenings/{}", screening["id"]), None)
            .await
            .expect(200)["available_seats"]
            .as_i64()
            .unwrap()
    };
    let two = json!({ "screening_id": screening["id"], "seats": 2 });

    // The answer is lost and the client sends the request again, or twice at once.
    let first = app
        .post_idempotent("/v1/bookings", &ana, "k-1", &two)
        .await
        .expect(201);
    let (again, at_once) = tokio::join!(
        app.post_idempotent("/v1/bookings", &ana, "k-1", &two),
        app.post_idempotent("/v1/bookings", &ana, "k-1", &two),
    );
    assert_eq!(again.expect(201), first);
    assert_eq!(at_once.expect(201), first);
    assert_eq!(available().await, 8, "one booking of two seats");
    let page = app.get("/v1/bookings", Some(&ana)).await.expect(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);

    // The same key for another request is a mistake, not a replay.
    let three = json!({ "screening_id": screening["id"], "seats": 3 });
    app.post_idempotent("/v1/bookings", &ana, "k-1", &three)
        .await
        .expect_problem(422, "idempotency_key_reused");
    // A key is the caller's own: another customer's "k-1" is another request.
    let ben = app.customer("ben").await;
    let bens = app
        .post_idempotent("/v1/bookings", &ben, "k-1", &two)
        .await
        .expect(201);
    assert_ne!(bens["id"], first["id"]);

    // A refusal is the answer to that key too, and takes nothing.
    let taken = json!({ "screening_id": screening["id"], "seat_labels": first["seat_labels"] });
    for _ in 0..2 {
        app.post_idempotent("/v1/bookings", &ana, "k-2", &taken)
            .await
            .expect_problem(409, "seats_taken");
    }
    assert_eq!(available().await, 6);

    // Without a key, each request books.
    app.book(&ana, &screening["id"], 1).await.expect(201);
    app.book(&ana, &screening["id"], 1).await.expect(201);
    assert_eq!(available().await, 4);
    app.post_idempotent("/v1/bookings", &ana, &"k".repeat(256), &two)
        .await
        .expect_problem(400, "invalid_request");
}

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::TestApp;

/// An admin, a customer with a funded EUR wallet, and a screening of `seats` seats.
async fn setup(app: &TestApp, funds: i64, seats: i32) -> (String, Value, Value) {
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let wallet = app.open_account(&ana, "EUR").await;
    if funds > 0 {
        app.deposit(&admin, &wallet, funds).await;
    }
    let screening = app.screening(&admin, seats).await;
    (ana, wallet, screening)
}

#[tokio::test]
async fn paying_confirms_the_booking() {
    let app = TestApp::spawn().await;
    let (ana, wallet, screening) = setup(&app, 10_000, 10).await;
    let booking = app.book(&ana, &screening["id"], 2).await.expect(201);
    let payment = app.pay(&ana, "pay-1", &booking, &wallet).await.expect(201);
    assert_eq!(payment["booking_id"], booking["id"]);
    assert_eq!(payment["account_id"], wallet["id"]);
    assert_eq!(payment["amount"], 2500);
    assert_eq!(payment["currency"], "EUR");
    assert_eq!(payment["status"], "completed");
    assert_eq!(app.balance(&ana, &wallet).await, 7_500);
    let booking_now = app
        .get(&format!("/v1/bookings/{}", booking["id"]), Some(&ana))
        .await
        .expect(200);
    assert_eq!(booking_now["status"], "confirmed");
    let path = format!("/v1/payments/{}", payment["id"]);
    assert_eq!(app.get(&path, Some(&ana)).await.expect(200), payment);
    let transfer = app
        .get(
            &format!("/v1/transfers/{}", payment["transfer_id"]),
            Some(&ana),
        )
        .await
        .expect(200);
    assert_eq!(transfer["amount"], 2500);
    // The replay answers the same payment; paying again with a new key is refused.
    assert_eq!(
        app.pay(&ana, "pay-1", &booking, &wallet).await.expect(201),
        payment
    );
    app.pay(&ana, "pay-2", &booking, &wallet)
        .await
        .expect_problem(409, "booking_not_payable");
    assert_eq!(app.balance(&ana, &wallet).await, 7_500, "paid once");
    app.assert_ledger_balances().await;
}

#[tokio::test]
async fn payment_errors() {
    let app = TestApp::spawn().await;
    let (ana, wallet, screening) = setup(&app, 2_000, 10).await;
    let bea = app.customer("bea").await;
    let beas_wallet = app.open_account(&bea, "EUR").await;
    let usd = app.open_account(&ana, "USD").await;
    let booking = app.book(&ana, &screening["id"], 1).await.expect(201);
    let expensive = app.book(&ana, &screening["id"], 1).await.expect(201);

    app.post(
        "/v1/payments",
        Some(&ana),
        json!({ "booking_id": booking["id"], "account_id": wallet["id"] }),
    )
    .await
    .expect_problem(400, "invalid_request");
    app.pay(&ana, "p1", &booking, &usd)
        .await
        .expect_problem(409, "currency_mismatch");
    app.pay(&ana, "p2", &booking, &beas_wallet)
        .await
        .expect_problem(404, "account_not_found");
    app.pay(&bea, "p3", &booking, &beas_wallet)
        .await
        .expect_problem(404, "booking_not_found");
    app.pay(&ana, "p4", &booking, &wallet).await.expect(201);
    // 750 left is not enough for the second booking's 1250.
    app.pay(&ana, "p5", &expensive, &wallet)
        .await
        .expect_problem(409, "insufficient_funds");
    let cancelled = app.book(&ana, &screening["id"], 1).await.expect(201);
    app.post_without_body(
        &format!("/v1/bookings/{}/cancel", cancelled["id"]),
        Some(&ana),
    )
    .await
    .expect(200);
    app.pay(&ana, "p6", &cancelled, &wallet)
        .await
        .expect_problem(409, "booking_not_payable");
    app.get("/v1/payments/999", Some(&ana))
        .await
        .expect_problem(404, "payment_not_found");
    app.assert_ledger_balances().await;
}

#[tokio::test]
async fn another_users_payment_is_not_found() {
    let app = TestApp::spawn().await;
    let (ana, wallet, screening) = setup(&app, 5_000, 10).await;
    let bea = app.customer("bea").await;
    let booking = app.book(&ana, &screening["id"], 1).await.expect(201);
    let payment = app.pay(&ana, "k", &booking, &wallet).await.expect(201);
    app.get(&format!("/v1/payments/{}", payment["id"]), Some(&bea))
        .await
        .expect_problem(404, "payment_not_found");
    app.get(
        &format!("/v1/transfers/{}", payment["transfer_id"]),
        Some(&bea),
    )
    .await
    .expect_problem(404, "transfer_not_found");
}

#[tokio::test]
async fn cancelling_a_paid_booking_refunds_it() {
    let app = TestApp::spawn().await;
    let (ana, wallet, screening) = setup(&app, 10_000, 10).await;
    let booking = app.book(&ana, &screening["id"], 4).await.expect(201);
    let payment = app.pay(&ana, "k", &booking, &wallet).await.expect(201);
    assert_eq!(app.balance(&ana, &wallet).await, 5_000);

    let cancelled = app
        .post_without_body(
            &format!("/v1/bookings/{}/cancel", booking["id"]),
            Some(&ana),
        )
        .await
        .expect(200);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(app.balance(&ana, &wallet).await, 10_000, "refunded");
    let screening_now = app
        .get(&format!("/v1/screenings/{}", screening["id"]), None)
        .await
        .expect(200);
    assert_eq!(screening_now["available_seats"], 10, "seats returned");
    let payment_now = app
        .get(&format!("/v1/payments/{}", payment["id"]), Some(&ana))
        .await
        .expect(200);
    assert_eq!(payment_now["status"], "refunded");
    app.post_without_body(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(&ana),
    )
    .await
    .expect_problem(409, "booking_not_cancellable");
    assert_eq!(app.balance(&ana, &wallet).await, 10_000, "refunded once");
    app.assert_ledger_balances().await;
}

/// A payment whose transaction began while its booking held the seats, and that reaches them
/// only after the hold lapsed and another customer took them, is refused as not payable: a
/// 409 the client can act on, not a 500, and the seats stay the other customer's.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn paying_as_the_hold_lapses_under_someone_elses_booking_is_refused_cleanly() {
    // A hold of 1 s, so that the payment's wait on the row outlasts it and still ends before
    // the service role's lock_timeout (2 s) would answer 503.
    let app = TestApp::spawn_with_hold(1).await;
    let (ana, wallet, screening) = setup(&app, 10_000, 10).await;
    let bea = app.customer("bea").await;
    let booking = app
        .book_seats(&ana, &screening["id"], &["A4", "A5"])
        .await
        .expect(201);

    // Hold Ana's booking's row, so that her payment, whose transaction has begun while the
    // booking still holds its seats, waits before it reaches them.
    let mut blocker = app.owner.get().await.unwrap();
    let lock = blocker.transaction().await.unwrap();
    lock.execute(
        "SELECT 1 FROM bookings WHERE id = $1 FOR UPDATE",
        &[&booking["id"].as_i64().unwrap()],
    )
    .await
    .unwrap();
    let payment = app.pay(&ana, "lapse-1", &booking, &wallet);
    let meanwhile = async {
        // The hold lapses; Bea takes the seats; then Ana's payment goes on.
        tokio::time::sleep(Duration::from_millis(1_200)).await;
        let taken = app
            .book_seats(&bea, &screening["id"], &["A4", "A5"])
            .await
            .expect(201);
        lock.rollback().await.unwrap();
        taken
    };
    let (paid, taken) = futures::join!(payment, meanwhile);
    paid.expect_problem(409, "booking_not_payable");
    assert_eq!(
        app.balance(&ana, &wallet).await,
        10_000,
        "nothing was charged"
    );
    let beas = app
        .get(&format!("/v1/bookings/{}", taken["id"]), Some(&bea))
        .await
        .expect(200);
    assert_eq!(beas["status"], "pending");
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_payment_racing_the_expiry_confirms_or_fails_cleanly() {
    const BOOKINGS: usize = 24;
    let app = TestApp::spawn_with(&crate::helpers::uncapped_config(1), 16).await;
    let (ana, wallet, screening) = setup(&app, 1_000_000, 40).await;
    let mut bookings = Vec::new();
    for _ in 0..BOOKINGS {
        bookings.push(app.book(&ana, &screening["id"], 1).await.expect(201));
    }
    // Pay around the moment the holds lapse, while sweeps run.
    tokio::time::sleep(Duration::from_millis(850)).await;
    let payments = bookings.iter().enumerate().map(|(i, booking)| {
        let (app, ana, wallet) = (&app, &ana, &wallet);
        async move {
            tokio::time::sleep(Duration::from_millis(15 * i as u64)).await;
            app.pay(ana, &format!("race-{i}"), booking, wallet).await
        }
    });
    let sweeps = async {
        for _ in 0..30 {
            boxoffice::ticketing::holds::sweep_all_expired_holds(&app.pool, 900.0)
                .await
                .unwrap();
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    let (replies, ()) = futures::join!(futures::future::join_all(payments), sweeps);
    boxoffice::ticketing::holds::sweep_all_expired_holds(&app.pool, 900.0)
        .await
        .unwrap();

    let mut paid = 0;
    for (booking, reply) in bookings.iter().zip(replies) {
        let status = app
            .get(&format!("/v1/bookings/{}", booking["id"]), Some(&ana))
            .await
            .expect(200)["status"]
            .clone();
        match reply.status.as_u16() {
            201 => {
                paid += 1;
                assert_eq!(status, "confirmed");
            }
            409 => {
                assert_eq!(reply.body["code"], "booking_not_payable");
                assert_eq!(status, "expired");
            }
            other => panic!("unexpected {other}: {:?}", reply.body),
        }
    }
    eprintln!("race: {paid} of {BOOKINGS} paid before expiry");
    assert_eq!(app.balance(&ana, &wallet).await, 1_000_000 - 1250 * paid);
    let seats = app
        .get(&format!("/v1/screenings/{}", screening["id"]), None)
        .await
        .expect(200)["available_seats"]
        .as_i64()
        .unwrap();
    assert_eq!(
        seats,
        40 - paid,
        "every confirmed booking keeps its seat; every expired one returned it"
    );
    app.assert_ledger_balances().await;
}

/// A hold ends when its screening starts, and a booking is not paid for a screening under
/// way: paid then, it could never be refunded.
#[tokio::test]
async fn a_booking_is_not_sold_once_its_screening_has_started() {
    let app = TestApp::spawn().await;
    let (ana, wallet, screening) = setup(&app, 10_000, 10).await;
    let owner = app.owner.get().await.unwrap();
    let id = screening["id"].as_i64().unwrap();
    // The screening starts in two minutes: a ten-minute hold ends at the start.
    owner
        .execute(
            "UPDATE screenings SET starts_at = now() + interval '2 minutes', \
             ends_at = now() + interval '2 hours' WHERE id = $1",
            &[&id],
        )
        .await
        .unwrap();
    let booking = app.book(&ana, &screening["id"], 2).await.expect(201);
    let starts_at: chrono::DateTime<chrono::Utc> = owner
        .query_one("SELECT starts_at FROM screenings WHERE id = $1", &[&id])
        .await
        .unwrap()
        .get(0);
    let expires_at: chrono::DateTime<chrono::Utc> =
        booking["expires_at"].as_str().unwrap().parse().unwrap();
    assert!(
        expires_at <= starts_at,
        "{expires_at} after the start {starts_at}"
    );

    // It has started (the hold's end is left where it was).
    owner
        .execute(
            "UPDATE screenings SET starts_at = now() - interval '1 minute' WHERE id = $1",
            &[&id],
        )
        .await
        .unwrap();
    app.pay(&ana, "late", &booking, &wallet)
        .await
        .expect_problem(409, "booking_not_payable");
    assert_eq!(app.balance(&ana, &wallet).await, 10_000);
}

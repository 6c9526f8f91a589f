//! Vouchers: a discount on the seats they cover, never more uses than allowed however many
//! customers book at once, given back when a booking lapses or is cancelled.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::helpers::TestApp;

/// Five rows of eight; child tickets sold.
fn hall() -> Value {
    json!({ "layout": [
        { "row": "A", "seats": 8 }, { "row": "B", "seats": 8 }, { "row": "C", "seats": 8 },
        { "row": "D", "seats": 8 }, { "row": "E", "seats": 8 },
    ]})
}

async fn voucher(app: &TestApp, admin: &str, body: Value) -> Value {
    app.post("/v1/vouchers", Some(admin), body)
        .await
        .expect(201)
}

async fn book_with(
    app: &TestApp,
    token: &str,
    screening: &Value,
    labels: &[&str],
    code: &str,
) -> crate::helpers::Reply {
    app.post(
        "/v1/bookings",
        Some(token),
        json!({ "screening_id": screening["id"], "seat_labels": labels, "voucher_code": code }),
    )
    .await
}

/// `seats` adjacent seats, best available, with the voucher `code`.
async fn book_best(
    app: &TestApp,
    token: &str,
    screening: &Value,
    seats: i32,
    code: &str,
) -> crate::helpers::Reply {
    app.post(
        "/v1/bookings",
        Some(token),
        json!({ "screening_id": screening["id"], "seats": seats, "voucher_code": code }),
    )
    .await
}

async fn uses(app: &TestApp, admin: &str, voucher: &Value) -> i64 {
    app.get(&format!("/v1/vouchers/{}", voucher["id"]), Some(admin))
        .await
        .expect(200)["uses"]
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_customers_at_once_with_a_ten_use_voucher_get_exactly_ten_discounts() {
    let app = Arc::new(TestApp::spawn().await);
    let admin = app.admin().await;
    let screening = app
        .screening_in(&admin, hall(), json!({ "prices": { "child": 800 } }))
        .await;
    let promo = voucher(
        &app,
        &admin,
        json!({ "code": "RUSH-10", "percent_off": 20, "max_uses": 10 }),
    )
    .await;
    let mut customers = Vec::new();
    for n in 0..30 {
        customers.push(app.customer(&format!("fan{n}")).await);
    }
    let attempts = customers.into_iter().enumerate().map(|(n, token)| {
        let (app, screening) = (app.clone(), screening.clone());
        tokio::spawn(async move {
            // A seat each, best available; codes typed as people type them, in any case.
            let code = if n % 2 == 0 { "rush-10" } else { "RUSH-10" };
            book_best(&app, &token, &screening, 1, code).await
        })
    });
    let mut discounted = 0;
    let mut used_up = 0;
    for attempt in attempts {
        let reply = attempt.await.unwrap();
        match reply.status.as_u16() {
            201 => {
                let booking = reply.expect(201);
                assert_eq!(booking["items"][0]["amount"], 1250);
                assert_eq!(booking["items"][0]["discount"], 250);
                assert_eq!(booking["amount"], 1000, "what is paid");
                discounted += 1;
            }
            _ => {
                reply.expect_problem(409, "voucher_used_up");
                used_up += 1;
            }
        }
    }
    assert_eq!((discounted, used_up), (10, 20));
    assert_eq!(uses(&app, &admin, &promo).await, 10);
}

#[tokio::test]
async fn a_use_comes_back_when_its_booking_is_cancelled_or_lapses() {
    let app = TestApp::spawn_with_hold(1).await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), json!({})).await;
    let promo = voucher(
        &app,
        &admin,
        json!({ "code": "ONCE-EACH", "amount_off": 300, "currency": "EUR", "max_uses": 5,
                "max_uses_per_user": 1 }),
    )
    .await;
    let ana = app.customer("ana").await;
    let first = book_best(&app, &ana, &screening, 1, "once-each")
        .await
        .expect(201);
    assert_eq!(first["amount"], 950);
    book_best(&app, &ana, &screening, 1, "ONCE-EACH")
        .await
        .expect_problem(409, "voucher_used_up");
    assert_eq!(uses(&app, &admin, &promo).await, 1);
    app.post_without_body(&format!("/v1/bookings/{}/cancel", first["id"]), Some(&ana))
        .await
        .expect(200);
    assert_eq!(
        uses(&app, &admin, &promo).await,
        0,
        "cancelled: the use is back"
    );
    // The hold is a second; once the sweep expires the booking its use is back too.
    book_best(&app, &ana, &screening, 1, "ONCE-EACH")
        .await
        .expect(201);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    boxoffice::ticketing::holds::sweep_all_expired_holds(&app.pool, 900.0)
        .await
        .unwrap();
    assert_eq!(
        uses(&app, &admin, &promo).await,
        0,
        "lapsed: the use is back"
    );
    book_best(&app, &ana, &screening, 1, "ONCE-EACH")
        .await
        .expect(201);
}

#[tokio::test]
async fn each_reason_a_voucher_is_refused_has_its_code() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app
        .screening_in(&admin, hall(), json!({ "prices": { "child": 800 } }))
        .await;
    let other = app.screening_in(&admin, hall(), json!({})).await;
    let ana = app.customer("ana").await;
    book_with(&app, &ana, &screening, &["A1"], "NO-SUCH-CODE")
        .await
        .expect_problem(422, "voucher_invalid");
    let elsewhere = voucher(
        &app,
        &admin,
        json!({ "code": "OTHER-FILM", "percent_off": 10, "max_uses": 5, "screening_id": other["id"] }),
    )
    .await;
    book_with(&app, &ana, &screening, &["A1"], "OTHER-FILM")
        .await
        .expect_problem(409, "voucher_not_applicable");
    book_with(&app, &ana, &other, &["A1"], "other-film")
        .await
        .expect(201);
    voucher(
        &app,
        &admin,
        json!({ "code": "KIDS-ONLY", "percent_off": 50, "max_uses": 5, "ticket_types": ["child"] }),
    )
    .await;
    book_with(&app, &ana, &screening, &["A2"], "KIDS-ONLY")
        .await
        .expect_problem(409, "voucher_not_applicable");
    let family = app
        .post(
            "/v1/bookings",
            Some(&ana),
            json!({ "screening_id": screening["id"], "seat_labels": ["B1", "B2"],
                    "ticket_types": ["adult", "child"], "voucher_code": "KIDS-ONLY" }),
        )
        .await
        .expect(201);
    assert_eq!(
        (
            &family["items"][0]["discount"],
            &family["items"][1]["discount"],
            &family["amount"]
        ),
        (&json!(0), &json!(400), &json!(1250 + 400)),
        "only the child's seat"
    );
    voucher(
        &app,
        &admin,
        json!({ "code": "LAST-YEAR", "percent_off": 10, "max_uses": 5,
                "valid_from": "2025-01-01T00:00:00Z", "valid_until": "2025-12-31T00:00:00Z" }),
    )
    .await;
    book_with(&app, &ana, &screening, &["C1"], "LAST-YEAR")
        .await
        .expect_problem(409, "voucher_not_applicable");
    voucher(
        &app,
        &admin,
        json!({ "code": "DOLLARS", "amount_off": 100, "currency": "USD", "max_uses": 5 }),
    )
    .await;
    book_with(&app, &ana, &screening, &["C1"], "DOLLARS")
        .await
        .expect_problem(409, "voucher_not_applicable");
    let disabled = app
        .delete(&format!("/v1/vouchers/{}", elsewhere["id"]), Some(&admin))
        .await
        .expect(200);
    assert!(disabled["disabled_at"].is_string());
    book_with(&app, &ana, &other, &["A2"], "OTHER-FILM")
        .await
        .expect_problem(422, "voucher_invalid");

    // Making them: one code in any case, one kind of discount, admins only.
    app.post(
        "/v1/vouchers",
        Some(&admin),
        json!({ "code": "kids-only", "percent_off": 5, "max_uses": 1 }),
    )
    .await
    .expect_problem(409, "voucher_code_taken");
    app.post(
        "/v1/vouchers",
        Some(&admin),
        json!({ "percent_off": 5, "amount_off": 100, "currency": "EUR", "max_uses": 1 }),
    )
    .await
    .expect_problem(400, "invalid_request");
    app.post(
        "/v1/vouchers",
        Some(&admin),
        json!({ "amount_off": 100, "max_uses": 1 }),
    )
    .await
    .expect_problem(400, "invalid_request");
    app.post(
        "/v1/vouchers",
        Some(&ana),
        json!({ "percent_off": 5, "max_uses": 1 }),
    )
    .await
    .expect_problem(403, "forbidden");
    let generated = voucher(&app, &admin, json!({ "percent_off": 5, "max_uses": 1 })).await;
    let code = generated["code"].as_str().unwrap();
    assert_eq!(code.len(), 12, "{code}");
    assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
}

#[tokio::test]
async fn a_discounted_seat_given_back_refunds_what_was_paid_for_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), json!({})).await;
    voucher(
        &app,
        &admin,
        json!({ "code": "HALF-OFF", "percent_off": 50, "max_uses": 5 }),
    )
    .await;
    let ana = app.customer("ana").await;
    let wallet = app.open_account(&ana, "EUR").await;
    app.deposit(&admin, &wallet, 10_000).await;
    let booking = book_with(&app, &ana, &screening, &["A1", "A2"], "HALF-OFF")
        .await
        .expect(201);
    assert_eq!(booking["amount"], 1250);
    app.pay(&ana, "pay-half", &booking, &wallet)
        .await
        .expect(201);
    assert_eq!(app.balance(&ana, &wallet).await, 10_000 - 1250);
    let kept = app
        .post(
            &format!("/v1/bookings/{}/cancel", booking["id"]),
            Some(&ana),
            json!({ "seat_labels": ["A2"] }),
        )
        .await
        .expect(200);
    assert_eq!(kept["amount"], 625);
    assert_eq!(
        app.balance(&ana, &wallet).await,
        10_000 - 625,
        "the seat's 6.25 back, not its list price"
    );
    app.assert_ledger_balances().await;
    let today = chrono::Utc::now().date_naive();
    let report = app
        .get(
            &format!("/v1/reports/sales?from={today}&to={today}&group_by=day"),
            Some(&admin),
        )
        .await
        .expect(200);
    assert_eq!(
        report["totals"],
        json!({ "tickets": 1, "gross": 2500, "discounts": 1250, "refunds": 625, "net": 625 })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_customer_booking_five_times_at_once_gets_only_their_two_uses() {
    let app = Arc::new(TestApp::spawn().await);
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), json!({})).await;
    let promo = voucher(
        &app,
        &admin,
        json!({ "code": "TWO-EACH", "percent_off": 10, "max_uses": 100, "max_uses_per_user": 2 }),
    )
    .await;
    let ana = app.customer("ana").await;
    let attempts: Vec<_> = (0..5)
        .map(|_| {
            let (app, screening, ana) = (app.clone(), screening.clone(), ana.clone());
            tokio::spawn(async move { book_best(&app, &ana, &screening, 1, "TWO-EACH").await })
        })
        .collect();
    let mut made = 0;
    for attempt in attempts {
        let reply = attempt.await.unwrap();
        if reply.status.as_u16() == 201 {
            made += 1;
        } else {
            reply.expect_problem(409, "voucher_used_up");
        }
    }
    assert_eq!(made, 2);
    assert_eq!(uses(&app, &admin, &promo).await, 2);
}

//! The waiting list: freed seats go to the parties that asked first, whole parties only,
//! before the public sale sees them; an offer lapses to the next party; paying accepts it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, server_config};
use crate::payment_provider::{CardApp, CardSettings};

/// `rows` rows of `seats` seats.
fn hall(rows: usize, seats: usize) -> Value {
    let layout: Vec<Value> = (0..rows)
        .map(|r| json!({ "row": ((b'A' + r as u8) as char).to_string(), "seats": seats }))
        .collect();
    json!({ "layout": layout })
}

async fn join(app: &TestApp, token: &str, screening: &Value, seats: i32) -> crate::helpers::Reply {
    app.post(
        &format!("/v1/screenings/{}/waiting-list", screening["id"]),
        Some(token),
        json!({ "seats": seats }),
    )
    .await
}

/// The caller's entry `entry` as it is now.
async fn entry(app: &TestApp, token: &str, entry: &Value) -> Value {
    let page = app.get("/v1/waiting-list", Some(token)).await.expect(200);
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entry["id"])
        .cloned()
        .unwrap_or_else(|| panic!("entry {} not listed: {page:#}", entry["id"]))
}

async fn booking(app: &TestApp, token: &str, id: &Value) -> Value {
    app.get(&format!("/v1/bookings/{id}"), Some(token))
        .await
        .expect(200)
}

async fn cancel(app: &TestApp, token: &str, booking: &Value) {
    app.post_without_body(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(token),
    )
    .await
    .expect(200);
}

/// A customer per name, each holding `seats` seats best available.
async fn holders(
    app: &TestApp,
    screening: &Value,
    names: &[&str],
    seats: i32,
) -> Vec<(String, Value)> {
    let mut held = Vec::new();
    for name in names {
        let token = app.customer(name).await;
        let booking = app.book(&token, &screening["id"], seats).await.expect(201);
        held.push((token, booking));
    }
    held
}

#[tokio::test]
async fn freed_seats_go_to_the_first_party_they_fit_and_a_larger_party_keeps_its_place() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(1, 6), json!({})).await;
    let couples = holders(&app, &screening, &["cara", "cole", "cruz"], 2).await;
    assert!(app.available_labels(&screening["id"]).await.is_empty());

    let trio = app.customer("trio").await;
    let duo = app.customer("duo").await;
    let solo = app.customer("solo").await;
    let trio_entry = join(&app, &trio, &screening, 3).await.expect(201);
    assert_eq!(
        (&trio_entry["status"], &trio_entry["position"]),
        (&json!("waiting"), &json!(1))
    );
    let duo_entry = join(&app, &duo, &screening, 2).await.expect(201);
    assert_eq!(duo_entry["position"], 2);
    let solo_entry = join(&app, &solo, &screening, 1).await.expect(201);
    assert_eq!(solo_entry["position"], 3);

    // The middle couple gives its two seats back: the trio does not fit, the duo does.
    let (c1, middle) = &couples[0];
    assert_eq!(middle["seat_labels"], json!(["A3", "A4"]));
    cancel(&app, c1, middle).await;

    let offered = entry(&app, &duo, &duo_entry).await;
    assert_eq!(offered["status"], "offered", "{offered:#}");
    assert_eq!(offered["position"], Value::Null);
    let offer = booking(&app, &duo, &offered["booking_id"]).await;
    assert_eq!(offer["status"], "pending");
    assert_eq!(offer["seat_labels"], json!(["A3", "A4"]));
    assert_eq!(
        offer["amount"], 2500,
        "adult tickets at the screening's price"
    );
    assert_eq!(offer["expires_at"], offered["offer_expires_at"]);
    let trio_now = entry(&app, &trio, &trio_entry).await;
    assert_eq!(
        (&trio_now["status"], &trio_now["position"]),
        (&json!("waiting"), &json!(1)),
        "the party that did not fit keeps its place"
    );
    assert_eq!(entry(&app, &solo, &solo_entry).await["position"], 2);
    // Nothing reached the public sale.
    assert!(app.available_labels(&screening["id"]).await.is_empty());
    let public = app.customer("public").await;
    app.book(&public, &screening["id"], 1)
        .await
        .expect_problem(409, "not_enough_seats");
    app.assert_no_seat_sold_twice(&screening["id"]).await;

    let events = crate::events::feed_with(&app, &admin, "waiting_list.offered", 1).await;
    let event = events
        .iter()
        .find(|e| e["type"] == "waiting_list.offered")
        .unwrap();
    assert_eq!(event["data"]["id"], duo_entry["id"]);
    assert_eq!(event["data"]["booking_id"], offered["booking_id"]);
    assert_eq!(event["data"]["seats"], 2);
}

#[tokio::test]
async fn joining_is_only_for_a_party_that_cannot_be_seated_and_once_per_screening() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(1, 6), json!({})).await;
    let ana = app.customer("ana").await;
    join(&app, &ana, &screening, 2)
        .await
        .expect_problem(409, "seats_available");
    holders(&app, &screening, &["cara", "cole"], 2).await;
    // Two seats are left side by side: a pair may not wait, a trio may.
    join(&app, &ana, &screening, 2)
        .await
        .expect_problem(409, "seats_available");
    let waiting = join(&app, &ana, &screening, 3).await.expect(201);
    join(&app, &ana, &screening, 4)
        .await
        .expect_problem(409, "already_waiting");
    join(&app, &ana, &screening, 11)
        .await
        .expect_problem(400, "invalid_request");
    app.post(
        "/v1/screenings/999999/waiting-list",
        Some(&ana),
        json!({ "seats": 2 }),
    )
    .await
    .expect_problem(404, "screening_not_found");
    app.post(
        &format!("/v1/screenings/{}/waiting-list", screening["id"]),
        None,
        json!({ "seats": 2 }),
    )
    .await
    .expect(401);

    // Someone else's entry is not found; leaving twice is refused the second time.
    let bea = app.customer("bea").await;
    let path = format!("/v1/waiting-list/{}", waiting["id"]);
    app.delete(&path, Some(&bea))
        .await
        .expect_problem(404, "waiting_list_entry_not_found");
    let left = app.delete(&path, Some(&ana)).await.expect(200);
    assert_eq!(left["status"], "cancelled");
    app.delete(&path, Some(&ana))
        .await
        .expect_problem(409, "waiting_list_entry_closed");
    // Having left, the customer may join again.
    join(&app, &ana, &screening, 3).await.expect(201);
}

#[tokio::test]
async fn an_offer_that_lapses_moves_on_and_lapsed_seats_reach_the_list_before_the_public() {
    let mut config = server_config(1);
    config.ticketing.waiting_list_offer_seconds = 3;
    let app = TestApp::spawn_with(&config, 16).await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(1, 4), json!({})).await;
    holders(&app, &screening, &["cara", "cole"], 2).await;
    let first = app.customer("first").await;
    let second = app.customer("second").await;
    let public = app.customer("public").await;
    // The couples' holds lapse, but their seats count as taken until swept: still sold out.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let first_entry = join(&app, &first, &screening, 2).await.expect(201);
    let second_entry = join(&app, &second, &screening, 2).await.expect(201);

    // A customer choosing a lapsed seat does not get it before the list does: the booking
    // expires the lapsed holds, which offers their seats to the queue first.
    app.book_seats(&public, &screening["id"], &["A1", "A2"])
        .await
        .expect_problem(409, "seats_taken");
    let offered = entry(&app, &first, &first_entry).await;
    assert_eq!(offered["status"], "offered", "{offered:#}");
    let also = entry(&app, &second, &second_entry).await;
    assert_eq!(
        also["status"], "offered",
        "both freed pairs went to the queue"
    );

    // Both offers lapse (after three seconds, so that a slow machine reads them offered
    // first): they read as expired at once. A party that joins now is offered their seats by
    // the sweep, which expires the offers' bookings.
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert_eq!(entry(&app, &first, &first_entry).await["status"], "expired");
    let third = app.customer("third").await;
    let third_entry = join(&app, &third, &screening, 2).await.expect(201);
    assert_eq!(third_entry["status"], "waiting");
    boxoffice::ticketing::holds::sweep_all_expired_holds(&app.pool, 60.0)
        .await
        .unwrap();
    let moved = entry(&app, &third, &third_entry).await;
    assert_eq!(
        moved["status"], "offered",
        "the lapsed offer's seats moved on"
    );
    assert_eq!(
        booking(&app, &first, &offered["booking_id"]).await["status"],
        "expired"
    );
    let stored = app
        .owner
        .get()
        .await
        .unwrap()
        .query_one(
            "SELECT status::text FROM waiting_list_entries WHERE id = $1",
            &[&first_entry["id"].as_i64().unwrap()],
        )
        .await
        .unwrap()
        .get::<_, String>(0);
    assert_eq!(stored, "expired");
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

#[tokio::test]
async fn paying_the_offer_accepts_it_and_declining_passes_the_seats_on() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(1, 4), json!({})).await;
    let couples = holders(&app, &screening, &["cara", "cole"], 2).await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let ana_entry = join(&app, &ana, &screening, 2).await.expect(201);
    let bea_entry = join(&app, &bea, &screening, 2).await.expect(201);
    cancel(&app, &couples[0].0, &couples[0].1).await;

    // Ana declines her offer: it goes to Bea.
    let declined = app
        .delete(&format!("/v1/waiting-list/{}", ana_entry["id"]), Some(&ana))
        .await
        .expect(200);
    assert_eq!(declined["status"], "cancelled");
    assert_eq!(
        booking(&app, &ana, &declined["booking_id"]).await["status"],
        "cancelled"
    );
    let offered = entry(&app, &bea, &bea_entry).await;
    assert_eq!(offered["status"], "offered");

    // Bea pays from her wallet: accepted.
    let wallet = app.open_account(&bea, "EUR").await;
    app.deposit(&admin, &wallet, 10_000).await;
    app.pay(
        &bea,
        "pay-offer",
        &json!({ "id": offered["booking_id"] }),
        &wallet,
    )
    .await
    .expect(201);
    let accepted = entry(&app, &bea, &bea_entry).await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(
        booking(&app, &bea, &offered["booking_id"]).await["status"],
        "confirmed"
    );
    app.assert_ledger_balances().await;
}

#[tokio::test]
async fn an_offer_paid_by_card_is_accepted() {
    let app = CardApp::on_localstripe(CardSettings::default()).await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(1, 4), json!({})).await;
    let couples = holders(&app, &screening, &["cara", "cole"], 2).await;
    let ana = app.customer("ana").await;
    let waiting = join(&app, &ana, &screening, 2).await.expect(201);
    // Seats given back from a booking (both of its seats, by name) are offered too.
    app.post(
        &format!("/v1/bookings/{}/cancel", couples[1].1["id"]),
        Some(&couples[1].0),
        json!({ "seat_labels": couples[1].1["seat_labels"] }),
    )
    .await
    .expect(200);
    let offered = entry(&app, &ana, &waiting).await;
    assert_eq!(offered["status"], "offered", "{offered:#}");
    let method = app.provider.payment_method("4242424242424242").await;
    let payment = app
        .card_payment(
            &ana,
            "card-offer",
            &json!({ "id": offered["booking_id"] }),
            Some(json!({ "payment_method": method })),
        )
        .await
        .expect(201);
    assert_eq!(payment["status"], "succeeded", "{payment:#}");
    assert_eq!(entry(&app, &ana, &waiting).await["status"], "accepted");
    app.assert_ledger_balances().await;
}

/// Nine couples give their seats back at once while nine other customers try to book a pair
/// and twelve pairs wait: each freed pair goes to one waiting pair, the first nine in the
/// order they joined; no one from the public gets a seat; no seat is in two bookings.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_freeing_offers_each_seat_to_one_entry_in_queue_order() {
    let app = Arc::new(TestApp::spawn().await);
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(3, 6), json!({})).await;
    let names: Vec<String> = (0..9).map(|n| format!("couple{n}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let couples = holders(&app, &screening, &names, 2).await;
    assert!(app.available_labels(&screening["id"]).await.is_empty());
    let mut waiting = Vec::new();
    for n in 0..12 {
        let token = app.customer(&format!("waiting{n}")).await;
        let entry = join(&app, &token, &screening, 2).await.expect(201);
        assert_eq!(entry["position"], n + 1);
        waiting.push((token, entry));
    }
    let mut public = Vec::new();
    for n in 0..9 {
        public.push(app.customer(&format!("public{n}")).await);
    }

    let cancels = couples.iter().map(|(token, booking)| {
        let app = app.clone();
        async move { cancel(&app, token, booking).await }
    });
    let attempts = public.iter().map(|token| {
        let app = app.clone();
        let screening = screening.clone();
        async move { app.book(token, &screening["id"], 2).await }
    });
    let ((), replies) = futures::join!(
        async {
            futures::future::join_all(cancels).await;
        },
        futures::future::join_all(attempts)
    );
    for reply in replies {
        assert_eq!(reply.status, 409, "{:?}", reply.body);
    }

    let mut seats = Vec::new();
    for (n, (token, joined)) in waiting.iter().enumerate() {
        let now = entry(&app, token, joined).await;
        if n < 9 {
            assert_eq!(now["status"], "offered", "entry {n}: {now:#}");
            let offer = booking(&app, token, &now["booking_id"]).await;
            let labels = offer["seat_labels"].as_array().unwrap().clone();
            assert_eq!(labels.len(), 2);
            seats.extend(labels);
        } else {
            assert_eq!(now["status"], "waiting", "entry {n}");
            assert_eq!(now["position"], n as i64 - 8);
        }
    }
    seats.sort_by_key(|s| s.as_str().unwrap().to_owned());
    seats.dedup();
    assert_eq!(seats.len(), 18, "every freed seat offered once");
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

/// An offer that fails (here: the service may no longer write an entry's booking) must not keep the
/// sweep from expiring lapsed holds: the seats then go on sale, and the sweep goes on.
#[tokio::test]
async fn a_failing_offer_does_not_stop_the_sweep() {
    let app = TestApp::spawn_with_hold(1).await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(1, 4), json!({})).await;
    let couples = holders(&app, &screening, &["cara", "cole"], 2).await;
    let duo = app.customer("duo").await;
    join(&app, &duo, &screening, 2).await.expect(201);
    app.owner
        .get()
        .await
        .unwrap()
        .batch_execute("REVOKE UPDATE (booking_id) ON waiting_list_entries FROM boxoffice_app")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    boxoffice::ticketing::holds::sweep_all_expired_holds(&app.pool, 60.0)
        .await
        .expect("the sweep goes on");
    for (token, held) in &couples {
        assert_eq!(booking(&app, token, &held["id"]).await["status"], "expired");
    }
    assert_eq!(app.available_labels(&screening["id"]).await.len(), 4);
}

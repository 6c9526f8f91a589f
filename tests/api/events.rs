//! The outbox and the event feed: every state change leaves its event in its transaction,
//! a rolled-back one leaves none, and the feed never skips an event that commits late.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::TestApp;

fn hall() -> Value {
    json!({ "layout": [{ "row": "A", "seats": 6 }, { "row": "B", "seats": 6 }] })
}

/// The whole feed, read a page of `limit` at a time by following `next_after`.
async fn read_feed(app: &TestApp, admin: &str, limit: u32) -> Vec<Value> {
    let mut events = Vec::new();
    let mut path = format!("/v1/events?limit={limit}");
    loop {
        let page = app.get(&path, Some(admin)).await.expect(200);
        events.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_after"].as_str() {
            Some(after) => path = format!("/v1/events?limit={limit}&after={after}"),
            None => return events,
        }
    }
}

/// The feed once `done` says it is complete. Other tests' transactions (the server is shared)
/// may hold it back for a moment: the feed waits for every older transaction.
async fn feed_until(
    app: &TestApp,
    token: &str,
    what: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    for _ in 0..100 {
        let events = read_feed(app, token, 100).await;
        if done(&events) {
            return events;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the feed never held {what}");
}

/// The feed once it holds at least `count` events.
pub(crate) async fn feed_of_at_least(app: &TestApp, admin: &str, count: usize) -> Vec<Value> {
    let what = format!("{count} events");
    feed_until(app, admin, &what, |events| events.len() >= count).await
}

/// The feed once it holds at least `count` events of type `kind`.
pub(crate) async fn feed_with(app: &TestApp, token: &str, kind: &str, count: usize) -> Vec<Value> {
    let what = format!("{count} {kind} events");
    feed_until(app, token, &what, |events| {
        events.iter().filter(|e| e["type"] == kind).count() >= count
    })
    .await
}

fn types_of(events: &[Value], aggregate: &str, id: &Value) -> Vec<String> {
    events
        .iter()
        .filter(|e| {
            e["aggregate_type"] == aggregate
                && e["aggregate_id"].as_str() == Some(id.to_string().as_str())
        })
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect()
}

/// What [`live_a_booking`] did, as the API answered it.
pub(crate) struct BookingLife {
    /// The customer's access token.
    pub customer: String,
    pub booking: Value,
    pub payment: Value,
    pub tickets: Value,
    pub order: Value,
}

/// A customer's evening, through the API: books A3 and A4, pays from a wallet, has A3
/// checked in by an usher, cancels A4 (a refund of one seat) and orders popcorn. Its events,
/// in order: booking.created, booking.confirmed, payment.completed, ticket.checked_in,
/// booking.seats_released, ticket.voided, payment.refunded, order.created.
pub(crate) async fn live_a_booking(app: &TestApp, admin: &str) -> BookingLife {
    let ana = app.customer("ana").await;
    let screening = app.screening_in(admin, hall(), json!({})).await;
    let usher = app.staff_at(&[&screening]).await;
    let wallet = app.open_account(&ana, "EUR").await;
    app.deposit(admin, &wallet, 10_000).await;
    let booking = app
        .book_seats(&ana, &screening["id"], &["A3", "A4"])
        .await
        .expect(201);
    let payment = app.pay(&ana, "pay-1", &booking, &wallet).await.expect(201);
    let tickets = app
        .get(
            &format!("/v1/bookings/{}/tickets", booking["id"]),
            Some(&ana),
        )
        .await
        .expect(200);
    app.post(
        "/v1/checkins",
        Some(&usher),
        json!({ "code": tickets[0]["code"], "screening_id": screening["id"] }),
    )
    .await
    .expect(200);
    app.post(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(&ana),
        json!({ "seat_labels": ["A4"] }),
    )
    .await
    .expect(200);
    app.product("POPCORN-S", 450).await;
    let order = app
        .post(
            "/v1/orders",
            Some(&ana),
            json!({ "sku": "POPCORN-S", "quantity": 1, "note": "" }),
        )
        .await
        .expect(202);
    BookingLife {
        customer: ana,
        booking,
        payment,
        tickets,
        order,
    }
}

#[tokio::test]
async fn a_bookings_life_is_in_the_feed_in_order() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let BookingLife {
        customer: ana,
        booking,
        payment,
        tickets,
        order,
    } = live_a_booking(&app, &admin).await;
    app.post(
        &format!("/v1/orders/{}/cancel", order["id"]),
        Some(&ana),
        json!(null),
    )
    .await
    .expect(200);

    let events = feed_of_at_least(&app, &admin, 9).await;
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "booking.created",
            "booking.confirmed",
            "payment.completed",
            "ticket.checked_in",
            "booking.seats_released",
            "ticket.voided",
            "payment.refunded",
            "order.created",
            "order.cancelled",
        ]
    );
    assert_eq!(
        types_of(&events, "booking", &booking["id"]),
        [
            "booking.created",
            "booking.confirmed",
            "booking.seats_released"
        ]
    );
    // The door learns that A4's ticket stopped being valid, and the booking what it kept.
    let voided = &events[5];
    assert_eq!(voided["aggregate_id"], tickets[1]["id"].to_string());
    assert_eq!(voided["data"]["seat_label"], "A4");
    assert!(voided["data"]["voided_at"].is_string());
    let released = &events[4]["data"];
    assert_eq!(released["seat_labels"], json!(["A4"]));
    assert_eq!(released["released_amount"], 1250);
    assert_eq!(released["refunded_amount"], 1250);
    assert_eq!(released["seats"], 1);
    assert_eq!(released["status"], "confirmed");
    let refund = &events[6];
    assert_eq!(refund["aggregate_id"], payment["id"].to_string());
    assert_eq!(refund["data"]["amount"], 1250, "the refund of one seat");
    assert_eq!(refund["data"]["booking_id"], booking["id"]);
    let checked_in = &events[3];
    assert_eq!(checked_in["data"]["id"], tickets[0]["id"]);
    assert_eq!(checked_in["data"]["seat_label"], "A3");
    assert_eq!(events[1]["data"]["status"], "confirmed");
    let ids: std::collections::HashSet<&str> =
        events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), events.len(), "every event has its own id");

    // Paged two at a time, the feed is the same; after the last cursor, nothing.
    assert_eq!(read_feed(&app, &admin, 2).await, events);
    let last = events.last().unwrap()["cursor"].as_str().unwrap();
    let rest = app
        .get(&format!("/v1/events?after={last}"), Some(&admin))
        .await
        .expect(200);
    assert_eq!(rest, json!({ "items": [], "next_after": null }));

    app.get("/v1/events", Some(&ana))
        .await
        .expect_problem(403, "forbidden");
    app.get("/v1/events?after=12", Some(&admin))
        .await
        .expect_problem(400, "invalid_request");
}

#[tokio::test]
async fn a_change_that_rolls_back_leaves_no_event() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening_in(&admin, hall(), json!({})).await;
    // Best available inserts its booking before it finds no block of 7; the savepoint
    // rolls both back.
    app.book(&ana, &screening["id"], 7)
        .await
        .expect_problem(409, "no_adjacent_seats");
    // A payment without the money confirms nothing.
    let booking = app.book(&ana, &screening["id"], 2).await.expect(201);
    let wallet = app.open_account(&ana, "EUR").await;
    app.pay(&ana, "pay-1", &booking, &wallet)
        .await
        .expect_problem(409, "insufficient_funds");

    let events = feed_of_at_least(&app, &admin, 1).await;
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["booking.created"], "only the booking that stands");
    assert_eq!(events[0]["aggregate_id"], booking["id"].to_string());
}

#[tokio::test]
async fn the_feed_never_shows_an_event_before_an_older_transaction_ends() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening_in(&admin, hall(), json!({})).await;
    let first = app.book(&ana, &screening["id"], 1).await.expect(201);
    feed_of_at_least(&app, &admin, 1).await;

    // A transaction that started earlier and has not committed yet: it could still write an
    // event, which would sort before the newer ones.
    let mut client = app.pool.get().await.unwrap();
    let older = client.transaction().await.unwrap();
    older
        .execute("SELECT pg_current_xact_id()", &[])
        .await
        .unwrap();
    let second = app.book(&ana, &screening["id"], 1).await.expect(201);
    let held_back = read_feed(&app, &admin, 100).await;
    assert_eq!(
        held_back.len(),
        1,
        "the newer booking waits for the older transaction"
    );
    assert_eq!(held_back[0]["aggregate_id"], first["id"].to_string());
    older.commit().await.unwrap();
    let events = feed_of_at_least(&app, &admin, 2).await;
    assert_eq!(events[1]["aggregate_id"], second["id"].to_string());
}

/// Events, their finished webhook deliveries and applied provider events are kept for a
/// while, not for ever; an event a webhook still waits for stays until its delivery ends.
#[tokio::test]
async fn old_events_and_finished_deliveries_are_purged_but_awaited_ones_stay() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    // A receiver for booking.created that no worker sends to here.
    app.post(
        "/v1/webhooks",
        Some(&admin),
        json!({ "url": "http://127.0.0.1:9/hook", "events": ["booking.created"] }),
    )
    .await
    .expect(201);
    let screening = app.screening_in(&admin, hall(), json!({})).await;
    let first = app.book(&ana, &screening["id"], 1).await.expect(201);
    let second = app.book(&ana, &screening["id"], 1).await.expect(201);
    app.post_without_body(&format!("/v1/bookings/{}/cancel", second["id"]), Some(&ana))
        .await
        .expect(200);

    // Forty days pass: the first booking's delivery ended, the second's is still pending.
    let owner = app.owner.get().await.unwrap();
    owner
        .batch_execute(&format!(
            "UPDATE events SET created_at = now() - interval '40 days';
             UPDATE webhook_deliveries SET created_at = now() - interval '40 days';
             UPDATE webhook_deliveries d SET status = 'delivered', delivered_at = now()
             FROM events e
             WHERE e.position = d.event_position AND e.aggregateid = '{}';
             INSERT INTO provider_events (provider, event_id, type, received_at) VALUES
                 ('stripe', 'evt_old', 'payment_intent.succeeded', now() - interval '31 days'),
                 ('stripe', 'evt_new', 'payment_intent.succeeded', now() - interval '2 days');",
            first["id"]
        ))
        .await
        .unwrap();
    let recent = app.book(&ana, &screening["id"], 1).await.expect(201);

    let purged = boxoffice::events::retention::purge(&app.pool, 30)
        .await
        .unwrap();
    let forgotten = boxoffice::ticketing::provider_webhooks::purge_provider_events(&app.pool)
        .await
        .unwrap();
    assert_eq!(purged.deliveries, 1, "the first booking's, delivered");
    assert_eq!(forgotten, 1, "evt_old");

    let left: Vec<(String, String)> = owner
        .query(
            "SELECT type, aggregateid FROM events ORDER BY position",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let created = |booking: &Value| ("booking.created".to_owned(), booking["id"].to_string());
    // The second booking's creation is still awaited by its pending delivery; the recent
    // booking's is recent; the rest (the first booking's, the cancellation) went.
    assert_eq!(left, [created(&second), created(&recent)]);
    assert_eq!(purged.events as usize, 2);
    let kept: Vec<String> = owner
        .query("SELECT event_id FROM provider_events", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(kept, ["evt_new"]);
}

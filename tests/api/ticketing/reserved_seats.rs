//! Seats kept for a voucher's holders: off the public sale and seat map, bookable with the
//! code, and back on sale (waiting list first) when the voucher is disabled.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{TestApp, seat_labels};

fn hall(rows: &[&str], seats: usize) -> Value {
    let layout: Vec<Value> = rows
        .iter()
        .map(|row| json!({ "row": row, "seats": seats }))
        .collect();
    json!({ "layout": layout })
}

async fn keep(app: &TestApp, admin: &str, screening: &Value, code: &str, seats: i32) -> Value {
    app.post(
        "/v1/vouchers",
        Some(admin),
        json!({ "code": code, "percent_off": 10, "max_uses": 10,
                "screening_id": screening["id"], "reserved_seats": seats }),
    )
    .await
    .expect(201)
}

/// The seats a map shows unavailable.
fn unavailable(map: &Value) -> BTreeSet<String> {
    map["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["seats"].as_array().unwrap())
        .filter(|seat| seat["available"] == false)
        .map(|seat| seat["label"].as_str().unwrap().to_owned())
        .collect()
}

fn labels(booking: &Value) -> BTreeSet<String> {
    seat_labels(booking).into_iter().collect()
}

async fn available_seats(app: &TestApp, screening: &Value) -> i64 {
    app.get(&format!("/v1/screenings/{}", screening["id"]), None)
        .await
        .expect(200)["available_seats"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn kept_seats_are_off_the_public_sale_and_bookable_with_the_code() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app
        .screening_in(&admin, hall(&["A", "B"], 6), json!({}))
        .await;
    let press = keep(&app, &admin, &screening, "PRESS-NIGHT", 4).await;
    assert_eq!(press["reserved_seats"], 4);

    // Four seats side by side, off the public map and out of available_seats.
    let kept = unavailable(&app.seat_map(&screening["id"]).await);
    assert_eq!(kept.len(), 4, "{kept:?}");
    assert_eq!(available_seats(&app, &screening).await, 8);
    let holders_map = app
        .get(
            &format!(
                "/v1/screenings/{}/seats?voucher_code=press-night",
                screening["id"]
            ),
            None,
        )
        .await
        .expect(200);
    assert!(unavailable(&holders_map).is_empty(), "the holder sees them");
    assert_eq!(holders_map["available_seats"], 12);
    let other = app
        .get(
            &format!("/v1/screenings/{}/seats?voucher_code=NOPE", screening["id"]),
            None,
        )
        .await
        .expect(200);
    assert_eq!(
        unavailable(&other),
        kept,
        "an unknown code shows the public map"
    );

    // The public cannot choose them, and best available sells every other seat but them.
    let public = app.customer("public").await;
    let first: Vec<&str> = kept.iter().take(1).map(String::as_str).collect();
    app.book_seats(&public, &screening["id"], &first)
        .await
        .expect_problem(409, "seats_taken");
    let mut sold = BTreeSet::new();
    for n in 0..4 {
        let token = app.customer(&format!("fan{n}")).await;
        let booked = app.book(&token, &screening["id"], 2).await.expect(201);
        sold.extend(labels(&booked));
    }
    assert!(sold.is_disjoint(&kept), "{sold:?} {kept:?}");
    let late = app.customer("late").await;
    app.book(&late, &screening["id"], 1)
        .await
        .expect_problem(409, "not_enough_seats");

    // A holder's best available takes kept seats, at the voucher's discount.
    let critic = app.customer("critic").await;
    let pair = app
        .post(
            "/v1/bookings",
            Some(&critic),
            json!({ "screening_id": screening["id"], "seats": 2, "voucher_code": "press-night" }),
        )
        .await
        .expect(201);
    assert!(labels(&pair).is_subset(&kept), "{pair:#}");
    assert_eq!(pair["amount"], 2 * (1250 - 125));
    // Another chooses the other two by name.
    let rest: Vec<String> = kept.difference(&labels(&pair)).cloned().collect();
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let editor = app.customer("editor").await;
    app.post(
        "/v1/bookings",
        Some(&editor),
        json!({ "screening_id": screening["id"], "seat_labels": rest,
                "voucher_code": "PRESS-NIGHT" }),
    )
    .await
    .expect(201);
    assert_eq!(available_seats(&app, &screening).await, 0);
    app.assert_no_seat_sold_twice(&screening["id"]).await;

    // A holder's seat given back is kept again, not put on public sale.
    app.post_without_body(
        &format!("/v1/bookings/{}/cancel", pair["id"]),
        Some(&critic),
    )
    .await
    .expect(200);
    assert_eq!(available_seats(&app, &screening).await, 0);
    app.book(&late, &screening["id"], 1)
        .await
        .expect_problem(409, "not_enough_seats");
}

#[tokio::test]
async fn disabling_the_voucher_gives_its_seats_to_the_waiting_list_first() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(&["A"], 6), json!({})).await;
    let school = keep(&app, &admin, &screening, "SCHOOL-TRIP", 2).await;
    for name in ["ana", "bea"] {
        let token = app.customer(name).await;
        app.book(&token, &screening["id"], 2).await.expect(201);
    }
    // Sold out to the public: a pair may wait.
    let duo = app.customer("duo").await;
    let entry = app
        .post(
            &format!("/v1/screenings/{}/waiting-list", screening["id"]),
            Some(&duo),
            json!({ "seats": 2 }),
        )
        .await
        .expect(201);
    let disabled = app
        .delete(&format!("/v1/vouchers/{}", school["id"]), Some(&admin))
        .await
        .expect(200);
    assert!(disabled["disabled_at"].is_string());
    let page = app.get("/v1/waiting-list", Some(&duo)).await.expect(200);
    let now = &page["items"][0];
    assert_eq!(now["id"], entry["id"]);
    assert_eq!(now["status"], "offered", "{now:#}");
    assert_eq!(available_seats(&app, &screening).await, 0);
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

#[tokio::test]
async fn keeping_seats_needs_a_screening_and_free_seats() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(&["A"], 6), json!({})).await;
    app.post(
        "/v1/vouchers",
        Some(&admin),
        json!({ "percent_off": 10, "max_uses": 5, "reserved_seats": 2 }),
    )
    .await
    .expect_problem(400, "invalid_request");
    app.post(
        "/v1/vouchers",
        Some(&admin),
        json!({ "percent_off": 10, "max_uses": 5, "screening_id": screening["id"],
                "reserved_seats": 7 }),
    )
    .await
    .expect_problem(409, "not_enough_seats");
    // Nothing was made: the refused voucher's code is free.
    let all = app.get("/v1/vouchers", Some(&admin)).await.expect(200);
    assert_eq!(all["items"].as_array().unwrap().len(), 0);
    // A hall's every seat may be kept.
    keep(&app, &admin, &screening, "ALL-OF-IT", 6).await;
    assert_eq!(available_seats(&app, &screening).await, 0);
}

//! Seat maps, chosen seats, best available, ticket types and the rules of the contract.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, seat_labels};

/// Three rows of 8: A with a wheelchair space (A1) and its companion seat (A2), B with a
/// blocked seat (B4), C with premium seats C3–C6.
fn small_hall() -> Value {
    json!({ "layout": [
        { "row": "A", "seats": 8, "wheelchair": [1], "companion": [2] },
        { "row": "B", "seats": 8, "blocked": [4] },
        { "row": "C", "seats": 8, "premium": [3, 4, 5, 6] },
    ]})
}

/// Child and senior tickets, premium seats 300 more.
fn priced() -> Value {
    json!({ "prices": { "child": 800, "senior": 950 }, "premium_surcharge": 300 })
}

#[tokio::test]
async fn the_seat_map_shows_every_seat_with_its_category_and_availability() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, small_hall(), priced()).await;
    assert_eq!(screening["total_seats"], 23, "24 seats, one blocked");
    assert_eq!(screening["available_seats"], 23);
    assert_eq!(
        screening["prices"],
        json!({ "adult": 1250, "child": 800, "senior": 950, "student": null })
    );
    assert_eq!(screening["premium_surcharge"], 300);

    let map = app.seat_map(&screening["id"]).await;
    assert_eq!(map["available_seats"], 23);
    let rows: Vec<&str> = map["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_str().unwrap())
        .collect();
    assert_eq!(rows, ["A", "B", "C"]);
    assert_eq!(
        map["rows"][0]["seats"][1],
        json!({ "label": "A2", "number": 2, "category": "companion", "available": true })
    );
    assert_eq!(
        map["rows"][1]["seats"][3]["available"], false,
        "B4 is blocked"
    );
    assert_eq!(map["rows"][2]["seats"][2]["category"], "premium");

    let ana = app.customer("ana").await;
    app.book_seats(&ana, &screening["id"], &["C7", "C8"])
        .await
        .expect(201);
    let map = app.seat_map(&screening["id"]).await;
    assert_eq!(map["available_seats"], 21);
    assert_eq!(map["rows"][2]["seats"][6]["available"], false);
    app.assert_no_seat_sold_twice(&screening["id"]).await;

    app.get("/v1/screenings/999999/seats", None)
        .await
        .expect_problem(404, "screening_not_found");
}

#[tokio::test]
async fn the_seat_map_is_drawn_as_svg() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, small_hall(), json!({})).await;
    let response = app
        .api
        .get(format!("/v1/screenings/{}/seats.svg", screening["id"]))
        .send()
        .await
        .0;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.content_type(), Some("image/svg+xml"));
    let svg = response.into_body().into_string().await.unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">SCREEN<"));
    for title in [
        "A1 · wheelchair · available",
        "B4 · standard · blocked",
        "C3 · premium",
    ] {
        assert!(svg.contains(title), "{title} not drawn");
    }
    assert_eq!(
        svg.matches("<rect x=").count(),
        24 + 5,
        "24 seats and 5 legend keys"
    );
    app.get("/v1/screenings/999999/seats.svg", None)
        .await
        .expect_problem(404, "screening_not_found");
}

#[tokio::test]
async fn chosen_seats_are_priced_by_ticket_type_and_category() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening_in(&admin, small_hall(), priced()).await;
    let booking = app
        .post(
            "/v1/bookings",
            Some(&ana),
            json!({
                "screening_id": screening["id"],
                "seat_labels": ["C4", "C3", "B8"],
                "ticket_types": ["child", "adult", "senior"],
            }),
        )
        .await
        .expect(201);
    assert_eq!(booking["seats"], 3);
    assert_eq!(
        seat_labels(&booking),
        ["B8", "C3", "C4"],
        "front to back, left to right"
    );
    assert_eq!(
        booking["items"],
        json!([
            { "seat_label": "B8", "category": "standard", "ticket_type": "senior", "amount": 950, "discount": 0 },
            { "seat_label": "C3", "category": "premium", "ticket_type": "adult", "amount": 1550, "discount": 0 },
            { "seat_label": "C4", "category": "premium", "ticket_type": "child", "amount": 1100, "discount": 0 },
        ])
    );
    assert_eq!(booking["amount"], 950 + 1550 + 1100);
}

#[tokio::test]
async fn each_rule_of_chosen_seats_has_its_error() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let screening = app.screening_in(&admin, small_hall(), priced()).await;
    let id = &screening["id"];

    let unknown = app
        .book_seats(&ana, id, &["C8", "C9", "D1"])
        .await
        .expect_problem(422, "unknown_seat");
    assert!(unknown["detail"].as_str().unwrap().ends_with("C9, D1"));

    app.book_seats(&ana, id, &["C7", "C8"]).await.expect(201);
    let taken = app
        .book_seats(&bea, id, &["C5", "C6", "C7"])
        .await
        .expect_problem(409, "seats_taken");
    assert_eq!(taken["detail"], "seats taken: C7");
    let blocked = app
        .book_seats(&bea, id, &["B4"])
        .await
        .expect_problem(409, "seats_taken");
    assert_eq!(blocked["detail"], "seats taken: B4");

    app.book_seats(&bea, id, &["A2"])
        .await
        .expect_problem(409, "companion_needs_wheelchair");

    // Row end: B2 alone would leave B1 with no neighbour.
    let gap = app
        .book_seats(&bea, id, &["B2", "B3"])
        .await
        .expect_problem(409, "single_seat_gap");
    assert!(gap["detail"].as_str().unwrap().contains("leave B1"));
    // Beside a blocked seat: B1 B2 would leave B3 between B2 and the blocked B4.
    let gap = app
        .book_seats(&bea, id, &["B1", "B2"])
        .await
        .expect_problem(409, "single_seat_gap");
    assert!(gap["detail"].as_str().unwrap().contains("leave B3"));
    // Beside a sold seat: C5 would leave C6 between C5 and the sold C7.
    app.book_seats(&bea, id, &["C4", "C5"])
        .await
        .expect_problem(409, "single_seat_gap");
    // Filling the row up to the blocked seat is fine, and so is a wheelchair space with its
    // companion seat.
    app.book_seats(&bea, id, &["B1", "B2", "B3"])
        .await
        .expect(201);
    app.book_seats(&bea, id, &["A1", "A2"]).await.expect(201);

    let student = app
        .post(
            "/v1/bookings",
            Some(&bea),
            json!({ "screening_id": id, "seat_labels": ["A7"], "ticket_types": ["student"] }),
        )
        .await
        .expect_problem(422, "ticket_type_not_offered");
    assert!(student["detail"].as_str().unwrap().contains("student"));

    for body in [
        json!({ "screening_id": id }),
        json!({ "screening_id": id, "seats": 2, "seat_labels": ["A5", "A6"] }),
        json!({ "screening_id": id, "seat_labels": ["A5", "A6"], "ticket_types": ["adult"] }),
        json!({ "screening_id": id, "seat_labels": ["a5"] }),
        json!({ "screening_id": id, "seat_labels": ["A05"] }),
        json!({ "screening_id": id, "seat_labels": ["A5", "A5"] }),
        json!({ "screening_id": id, "seat_labels": [] }),
    ] {
        app.post("/v1/bookings", Some(&bea), body)
            .await
            .expect_problem(400, "invalid_request");
    }
    app.assert_no_seat_sold_twice(id).await;
}

#[tokio::test]
async fn best_available_takes_the_middle_of_the_row_two_thirds_back() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let screening = app.screening_in(&admin, small_hall(), priced()).await;
    let id = &screening["id"];
    // Row B first (two thirds of three rows), the block nearest its middle: B5 B6.
    let first = app.book(&ana, id, 2).await.expect(201);
    assert_eq!(seat_labels(&first), ["B5", "B6"]);
    // Not B2 B3, nearer the middle, which would leave B1 alone beside them (B4 is blocked):
    // B7 B8 leave no lone seat.
    let second = app
        .post(
            "/v1/bookings",
            Some(&ana),
            json!({ "screening_id": id, "seats": 2, "ticket_types": ["child", "adult"] }),
        )
        .await
        .expect(201);
    assert_eq!(seat_labels(&second), ["B7", "B8"]);
    assert_eq!(second["items"][0]["ticket_type"], "child");
    assert_eq!(second["amount"], 800 + 1250);
    let third = app.book(&ana, id, 3).await.expect(201);
    assert_eq!(seat_labels(&third), ["B1", "B2", "B3"]);
    // Three side by side: not in B (full), nor in C (behind B, so tried before A), whose
    // standard seats are C1 C2 and C7 C8: premium, wheelchair and companion seats are never
    // chosen for a customer. Row A from A3, the left of the two blocks nearest its middle.
    let fourth = app.book(&bea, id, 3).await.expect(201);
    assert_eq!(seat_labels(&fourth), ["A3", "A4", "A5"]);
    let fifth = app.book(&bea, id, 2).await.expect(201);
    assert_eq!(seat_labels(&fifth), ["C1", "C2"]);
    // Free standard seats left: C7 C8, A6 A7 A8.
    let cy = app.customer("cyd").await;
    app.book(&cy, id, 4)
        .await
        .expect_problem(409, "no_adjacent_seats");
    let none = app
        .book(&cy, id, 6)
        .await
        .expect_problem(409, "not_enough_seats");
    assert_eq!(none["detail"], "6 seats requested, 5 available");
    app.assert_no_seat_sold_twice(id).await;
}

#[tokio::test]
async fn cancelling_some_seats_releases_them_and_refunds_a_paid_booking() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening_in(&admin, small_hall(), priced()).await;
    let id = &screening["id"];
    let pending = app
        .book_seats(&ana, id, &["C1", "C2", "C3"])
        .await
        .expect(201);
    let cancel = format!("/v1/bookings/{}/cancel", pending["id"]);
    app.post(&cancel, Some(&ana), json!({ "seat_labels": ["C8"] }))
        .await
        .expect_problem(422, "unknown_seat");
    let kept = app
        .post(&cancel, Some(&ana), json!({ "seat_labels": ["C3"] }))
        .await
        .expect(200);
    assert_eq!(kept["status"], "pending");
    assert_eq!(seat_labels(&kept), ["C1", "C2"]);
    assert_eq!(
        (kept["seats"].clone(), kept["amount"].clone()),
        (json!(2), json!(2500))
    );
    assert!(app.available_labels(id).await.contains(&"C3".to_owned()));

    // Paid: the released seats' items are refunded, then the rest with the booking.
    let wallet = app.open_account(&ana, "EUR").await;
    app.deposit(&admin, &wallet, 10_000).await;
    let paid = app
        .book_seats(&ana, id, &["A1", "A2", "A3"])
        .await
        .expect(201);
    app.pay(&ana, "pay-1", &paid, &wallet).await.expect(201);
    assert_eq!(app.balance(&ana, &wallet).await, 10_000 - 3750);
    let cancel = format!("/v1/bookings/{}/cancel", paid["id"]);
    let kept = app
        .post(&cancel, Some(&ana), json!({ "seat_labels": ["A3"] }))
        .await
        .expect(200);
    assert_eq!(
        (kept["status"].as_str(), kept["amount"].as_i64()),
        (Some("confirmed"), Some(2500))
    );
    assert_eq!(app.balance(&ana, &wallet).await, 10_000 - 2500);
    let cancelled = app.post_without_body(&cancel, Some(&ana)).await.expect(200);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(app.balance(&ana, &wallet).await, 10_000);
    let free = app.available_labels(id).await;
    for seat in ["A1", "A2", "A3"] {
        assert!(free.contains(&seat.to_owned()), "{seat} is free again");
    }
    app.assert_ledger_balances().await;
    app.assert_no_seat_sold_twice(id).await;
}

#[tokio::test]
async fn expiry_frees_exactly_the_bookings_seats_and_payment_keeps_them() {
    let app = TestApp::spawn_with_hold(1).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screening = app.screening_in(&admin, small_hall(), json!({})).await;
    let id = &screening["id"];
    let wallet = app.open_account(&ana, "EUR").await;
    app.deposit(&admin, &wallet, 10_000).await;
    let paid = app.book_seats(&ana, id, &["C1", "C2"]).await.expect(201);
    app.pay(&ana, "pay-1", &paid, &wallet).await.expect(201);
    app.book_seats(&ana, id, &["C7", "C8"]).await.expect(201);
    assert_eq!(app.seat_map(id).await["available_seats"], 19);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    // The lapsed hold reads as free at once; the paid seats stay sold.
    let free = app.available_labels(id).await;
    assert!(free.contains(&"C7".to_owned()) && free.contains(&"C8".to_owned()));
    assert!(!free.contains(&"C1".to_owned()) && !free.contains(&"C2".to_owned()));
    // Another customer can take a lapsed seat before the sweep.
    let bea = app.customer("bea").await;
    app.book_seats(&bea, id, &["C7", "C8"]).await.expect(201);
    app.assert_no_seat_sold_twice(id).await;
}

/// Two adjacent seats of `row` starting at a pseudo-random number (1–19), for client `i`.
fn pair(i: usize) -> [String; 2] {
    let row = ["A", "B", "C", "D", "E"][i % 5];
    let first = 1 + (i * 7 + i / 5) % 19;
    [format!("{row}{first}"), format!("{row}{}", first + 1)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_clients_choosing_overlapping_seats_never_share_one() {
    let app = TestApp::spawn_uncapped().await;
    let admin = app.admin().await;
    let screening = app
        .screening_in(&admin, json!({ "capacity": 100 }), json!({}))
        .await;
    let id = &screening["id"];
    let mut tokens = Vec::new();
    for i in 0..10 {
        tokens.push(app.customer(&format!("fan{i}")).await);
    }
    let requests = (0..200).map(|i| {
        let (app, token) = (&app, &tokens[i % tokens.len()]);
        async move {
            let [a, b] = pair(i);
            (i, app.book_seats(token, id, &[&a, &b]).await)
        }
    });
    let replies = futures::future::join_all(requests).await;
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    let mut named_taken = BTreeSet::new();
    for (i, reply) in replies {
        match (reply.status.as_u16(), reply.body["code"].as_str()) {
            (201, _) => {
                for label in seat_labels(&reply.body) {
                    if let Some(other) = owner.insert(label.clone(), i) {
                        panic!("{label} sold to clients {other} and {i}");
                    }
                }
            }
            (409, Some("seats_taken")) => {
                let detail = reply.body["detail"].as_str().unwrap();
                let named = detail.strip_prefix("seats taken: ").unwrap();
                for label in named.split(", ") {
                    assert!(
                        pair(i).contains(&label.to_owned()),
                        "{label} was not asked for"
                    );
                    named_taken.insert(label.to_owned());
                }
            }
            (409, Some("single_seat_gap")) => {}
            (status, _) => panic!("unexpected {status}: {:?}", reply.body),
        }
    }
    for label in &named_taken {
        assert!(
            owner.contains_key(label),
            "{label} was named taken but nobody has it"
        );
    }
    let map = app.seat_map(id).await;
    assert_eq!(
        map["available_seats"].as_i64().unwrap(),
        100 - owner.len() as i64,
        "the seats held are exactly those of the bookings"
    );
    app.assert_no_seat_sold_twice(id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_clients_buying_best_available_sell_out_without_sharing_a_seat() {
    let app = TestApp::spawn_uncapped().await;
    let admin = app.admin().await;
    let screening = app
        .screening_in(&admin, json!({ "capacity": 200 }), json!({}))
        .await;
    let id = &screening["id"];
    let mut tokens = Vec::new();
    for i in 0..10 {
        tokens.push(app.customer(&format!("fan{i}")).await);
    }
    // Each client books 1–4 seats until the screening answers `not_enough_seats` for a single
    // seat; on `no_adjacent_seats` it asks for fewer.
    let clients = (0..200).map(|i| {
        let (app, token) = (&app, &tokens[i % tokens.len()]);
        async move {
            let mut bookings = Vec::new();
            let mut wanted = 1 + (i % 4) as i32;
            loop {
                let reply = app.book(token, id, wanted).await;
                match (reply.status.as_u16(), reply.body["code"].as_str()) {
                    (201, _) => bookings.push(reply.body),
                    (409, Some("no_adjacent_seats")) => wanted = (wanted - 1).max(1),
                    (409, Some("not_enough_seats")) => {
                        let detail = reply.body["detail"].as_str().unwrap();
                        let free: i32 = detail
                            .rsplit(", ")
                            .next()
                            .unwrap()
                            .trim_end_matches(" available")
                            .parse()
                            .unwrap();
                        assert!(free < wanted, "{detail}: answered while enough were free");
                        if wanted == 1 {
                            return bookings;
                        }
                        wanted = free.max(1);
                    }
                    (status, _) => panic!("unexpected {status}: {:?}", reply.body),
                }
            }
        }
    });
    let bookings: Vec<Value> = futures::future::join_all(clients)
        .await
        .into_iter()
        .flatten()
        .collect();
    let mut sold = BTreeSet::new();
    for booking in &bookings {
        let seats = seat_labels(booking);
        let row = &seats[0][..1];
        let numbers: Vec<i32> = seats
            .iter()
            .map(|l| {
                assert_eq!(&l[..1], row, "{seats:?} are not in one row");
                l[1..].parse().unwrap()
            })
            .collect();
        assert!(
            numbers.windows(2).all(|w| w[1] == w[0] + 1),
            "{seats:?} are not side by side"
        );
        for seat in seats {
            assert!(sold.insert(seat.clone()), "{seat} sold twice");
        }
    }
    assert_eq!(sold.len(), 200, "sold out");
    assert_eq!(app.seat_map(id).await["available_seats"], 0);
    app.assert_no_seat_sold_twice(id).await;
}

impl TestApp {
    /// How many seat maps were answered from `from` (`database` or `memory`).
    fn seat_maps_from(&self, from: &str) -> u64 {
        let metrics = self
            .state
            .metrics
            .render(&self.pool, &self.state.movie_versions);
        let line = format!(r#"boxoffice_seat_maps_total{{outcome="{from}"}} "#);
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(&line))
            .map_or(0, |n| n.trim().parse().unwrap())
    }
}

/// A burst of requests for one hall's map reads its seats once; every change to who holds a
/// seat (a booking, its cancellation) and every hold that lapses shows at once, in the very
/// next map.
#[tokio::test]
async fn a_seat_map_is_read_once_while_its_seats_stay_as_they_are() {
    let app = TestApp::spawn_with_hold(2).await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, small_hall(), json!({})).await;
    let ana = app.customer("ana").await;
    let path = format!("/v1/screenings/{}/seats", screening["id"]);

    let maps = futures::future::join_all((0..20).map(|_| app.get(&path, None))).await;
    let first = maps[0].body.clone();
    assert!(maps.into_iter().all(|m| m.expect(200) == first));
    app.api
        .get(format!("{path}.svg"))
        .send()
        .await
        .assert_status_is_ok();
    assert_eq!(app.seat_maps_from("database"), 1, "one read for 21 answers");
    assert_eq!(app.seat_maps_from("memory"), 20);

    // Ana books C1 and C2: the next map shows it, read anew.
    let booking = app
        .book_seats(&ana, &screening["id"], &["C1", "C2"])
        .await
        .expect(201);
    let taken = app.available_labels(&screening["id"]).await;
    assert!(!taken.contains(&"C1".to_owned()) && !taken.contains(&"C2".to_owned()));
    assert_eq!(app.seat_maps_from("database"), 2);
    app.available_labels(&screening["id"]).await;
    assert_eq!(app.seat_maps_from("database"), 2, "unchanged since");

    // Her hold lapses (2 s) with no write yet: the map shows the seats free again.
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    let lapsed = app.available_labels(&screening["id"]).await;
    assert!(lapsed.contains(&"C1".to_owned()), "{lapsed:?}");

    // A new booking of them, cancelled: each shows at once.
    let again = app
        .book_seats(&ana, &screening["id"], &["C1"])
        .await
        .expect(201);
    assert!(
        !app.available_labels(&screening["id"])
            .await
            .contains(&"C1".to_owned())
    );
    app.post_without_body(&format!("/v1/bookings/{}/cancel", again["id"]), Some(&ana))
        .await
        .expect(200);
    assert!(
        app.available_labels(&screening["id"])
            .await
            .contains(&"C1".to_owned())
    );
    assert!(booking["id"] != again["id"]);
}

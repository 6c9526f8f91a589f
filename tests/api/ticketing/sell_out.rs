//! A rush on one screening, as people make it: a couple who want two seats together do not
//! settle for two singles, so a party refused stays refused. Best available must still sell
//! every seat a party could take, never stranding one beside a block while a block that
//! strands none exists, whatever the interleaving; and no customer may hold more than the
//! caps allow, however many requests they send at once.

use std::collections::{BTreeMap, BTreeSet};

use boxoffice::ticketing::best_available::{Rule, best_block};
use codegen::queries::seats::SeatRow;
use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, uncapped_config};

/// A booking's seats as (row, number).
fn seats_of(booking: &Value) -> Vec<(String, i32)> {
    booking["seat_labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|label| {
            let label = label.as_str().unwrap();
            let digits = label.find(|c: char| c.is_ascii_digit()).unwrap();
            (label[..digits].to_owned(), label[digits..].parse().unwrap())
        })
        .collect()
}

/// Panics unless the seats are side by side in one row.
fn assert_together(seats: &[(String, i32)]) {
    assert!(
        seats
            .windows(2)
            .all(|w| w[0].0 == w[1].0 && w[1].1 == w[0].1 + 1),
        "{seats:?} are not side by side in one row"
    );
}

/// The longest run of available standard seats in any row of the screening's seat map.
async fn longest_free_run(app: &TestApp, screening_id: &Value) -> usize {
    let map = app.seat_map(screening_id).await;
    let mut longest = 0;
    for row in map["rows"].as_array().unwrap() {
        let mut run = 0;
        for seat in row["seats"].as_array().unwrap() {
            if seat["available"] == true && seat["category"] == "standard" {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
    }
    longest
}

/// Replays the screening's bookings row by row in the order they took their seats (a
/// booking is numbered while it holds its rows' locks, so within a row the ids are that
/// order) and checks that each best-available booking (`best`) took, of the seats then free
/// in its row, the block the rules choose: the best that strands no seat if the row had one,
/// else the best. Under concurrency a booking that walks past a block another is taking must
/// not shift to a worse one.
async fn assert_every_block_was_the_rules_choice(
    app: &TestApp,
    screening_id: &Value,
    best: &BTreeSet<i64>,
) {
    let id = screening_id.as_i64().unwrap();
    let client = app.owner.get().await.unwrap();
    // Each row's seats: (seats, standard, free at the start).
    let mut rows: BTreeMap<i16, SeatRow> = BTreeMap::new();
    for seat in client
        .query(
            "SELECT x.row_index, r.label, r.seats, x.number, x.category::text, x.blocked
             FROM screening_seats x JOIN screening_rows r
               ON r.screening_id = x.screening_id AND r.row_index = x.row_index
             WHERE x.screening_id = $1 ORDER BY x.row_index, x.number",
            &[&id],
        )
        .await
        .unwrap()
    {
        let (index, seats): (i16, i16) = (seat.get(0), seat.get(2));
        let row = rows.entry(index).or_insert_with(|| SeatRow {
            row_index: index,
            label: seat.get(1),
            seats,
            standard: vec![0; (seats as usize).div_ceil(8)],
            free: vec![0; (seats as usize).div_ceil(8)],
        });
        let bit = (seat.get::<_, i16>(3) - 1) as usize;
        if !seat.get::<_, bool>(5) {
            row.free[bit / 8] |= 1 << (bit % 8);
            if seat.get::<_, String>(4) == "standard" {
                row.standard[bit / 8] |= 1 << (bit % 8);
            }
        }
    }
    let items = client
        .query(
            "SELECT booking_id, row_index, array_agg(number ORDER BY number)
             FROM booking_items WHERE screening_id = $1
             GROUP BY booking_id, row_index ORDER BY booking_id",
            &[&id],
        )
        .await
        .unwrap();
    for item in items {
        let (booking, index, numbers): (i64, i16, Vec<i16>) =
            (item.get(0), item.get(1), item.get(2));
        let row = rows.get_mut(&index).unwrap();
        if best.contains(&booking) {
            let wanted = numbers.len() as i16;
            let expected = best_block(row, wanted, Rule::StrandsNone)
                .or_else(|| best_block(row, wanted, Rule::Any))
                .map(|block| block.numbers().collect::<Vec<_>>());
            assert_eq!(
                expected.as_deref(),
                Some(numbers.as_slice()),
                "booking {booking} took seats {numbers:?} of row {}",
                row.label
            );
        }
        for n in numbers {
            let bit = (n - 1) as usize;
            row.free[bit / 8] &= !(1 << (bit % 8));
        }
    }
}

/// `count` customers, logged in: their access tokens.
async fn customers(app: &TestApp, prefix: &str, count: usize) -> Vec<String> {
    let mut tokens = Vec::new();
    for i in 0..count {
        tokens.push(app.customer(&format!("{prefix}{i}")).await);
    }
    tokens
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_couples_at_once_fill_three_rows_of_ten() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let rows = json!({ "layout": [
        { "row": "A", "seats": 10 }, { "row": "B", "seats": 10 }, { "row": "C", "seats": 10 },
    ]});
    let screening = app.screening_in(&admin, rows, json!({})).await;
    let id = &screening["id"];
    let couples = customers(&app, "couple", 40).await;
    let requests = couples.iter().map(|token| app.book(token, id, 2));
    let replies: Vec<Reply> = futures::future::join_all(requests).await;
    let mut sold = BTreeSet::new();
    let mut booked = BTreeSet::new();
    for reply in replies {
        match (reply.status.as_u16(), reply.body["code"].as_str()) {
            (201, _) => {
                let seats = seats_of(&reply.body);
                assert_eq!(seats.len(), 2);
                assert_together(&seats);
                for seat in seats {
                    assert!(sold.insert(seat.clone()), "{seat:?} sold twice");
                }
                booked.insert(reply.body["id"].as_i64().unwrap());
            }
            (409, Some("no_adjacent_seats" | "not_enough_seats")) => {}
            (status, _) => panic!("unexpected {status}: {:?}", reply.body),
        }
    }
    assert_eq!(booked.len(), 15, "every pair of the hall sold");
    assert_eq!(app.seat_map(id).await["available_seats"], 0);
    app.assert_no_seat_sold_twice(id).await;
    assert_every_block_was_the_rules_choice(&app, id, &booked).await;
}

/// Rows of different lengths, with premium rows, wheelchair and companion places and a
/// blocked seat: places best available leaves to those who choose them.
fn odd_hall() -> Value {
    json!({ "layout": [
        { "row": "A", "seats": 9, "wheelchair": [1, 9], "companion": [2, 8] },
        { "row": "B", "seats": 11 },
        { "row": "C", "seats": 12, "blocked": [6] },
        { "row": "D", "seats": 13 },
        { "row": "E", "seats": 14, "premium": [5, 6, 7, 8, 9, 10] },
        { "row": "F", "seats": 14, "premium": [5, 6, 7, 8, 9, 10] },
        { "row": "G", "seats": 15 },
        { "row": "H", "seats": 16 },
        { "row": "J", "seats": 17 },
        { "row": "K", "seats": 10 },
    ]})
}

/// Sends `requests` best-available requests for 1, 2 or 3 seats (and, with `chosen`, a
/// chosen pair every fourth request) at once from 30 customers, none of whom ever asks for
/// fewer seats when refused; then checks that no seat was sold twice, that every booking is
/// a block, and that no party refused by best available could take the seats left.
async fn rush(requests: usize, chosen: bool) {
    let app = TestApp::spawn_with(&uncapped_config(600), 16).await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, odd_hall(), json!({})).await;
    let id = &screening["id"];
    let tokens = customers(&app, "fan", 30).await;
    let sends = (0..requests).map(|i| {
        let (app, token) = (&app, &tokens[i % tokens.len()]);
        async move {
            if chosen && i % 4 == 3 {
                // A pair somewhere in rows B–K, whatever the seat map says.
                let row = ["B", "C", "D", "E", "F", "G", "H", "J", "K"][i % 9];
                let first = 1 + (i * 7) % 9;
                let labels = [format!("{row}{first}"), format!("{row}{}", first + 1)];
                let reply = app.book_seats(token, id, &[&labels[0], &labels[1]]).await;
                (None, reply)
            } else {
                let wanted = 1 + (i % 3) as i32;
                (Some(wanted), app.book(token, id, wanted).await)
            }
        }
    });
    let replies = futures::future::join_all(sends).await;
    let mut owner: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let mut refused: BTreeSet<i32> = BTreeSet::new();
    let mut best = BTreeSet::new();
    for (i, (wanted, reply)) in replies.into_iter().enumerate() {
        match (reply.status.as_u16(), reply.body["code"].as_str(), wanted) {
            (201, _, _) => {
                let seats = seats_of(&reply.body);
                if let Some(wanted) = wanted {
                    best.insert(reply.body["id"].as_i64().unwrap());
                    assert_eq!(seats.len(), wanted as usize);
                    assert_together(&seats);
                    assert!(
                        reply.body["items"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .all(|item| item["category"] == "standard"),
                        "best available took a seat someone must choose: {seats:?}"
                    );
                }
                for seat in seats {
                    if let Some(other) = owner.insert(seat.clone(), i) {
                        panic!("{seat:?} sold to requests {other} and {i}");
                    }
                }
            }
            (409, Some("no_adjacent_seats" | "not_enough_seats"), Some(wanted)) => {
                refused.insert(wanted);
            }
            (409, Some("seats_taken" | "single_seat_gap"), None) => {}
            (status, _, _) => panic!("unexpected {status}: {:?}", reply.body),
        }
    }
    app.assert_no_seat_sold_twice(id).await;
    assert_every_block_was_the_rules_choice(&app, id, &best).await;
    let longest = longest_free_run(&app, id).await;
    for wanted in &refused {
        assert!(
            longest < *wanted as usize,
            "a party of {wanted} was refused, yet {longest} standard seats are still free side \
             by side"
        );
    }
    assert!(!refused.is_empty(), "the rush is larger than the hall");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rush_of_parties_that_never_split_leaves_no_seat_a_refused_party_could_take() {
    rush(320, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn chosen_seats_in_the_rush_change_nothing_for_best_available() {
    rush(320, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_customer_holds_at_most_ten_seats_of_a_screening_and_twenty_in_all() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let screenings = [
        app.screening(&admin, 40).await,
        app.screening(&admin, 40).await,
        app.screening(&admin, 40).await,
    ];
    let count = |replies: &[Reply]| {
        let mut ok = 0;
        for reply in replies {
            match (reply.status.as_u16(), reply.body["code"].as_str()) {
                (201, _) => ok += 1,
                (409, Some("hold_limit_reached")) => {}
                (status, _) => panic!("unexpected {status}: {:?}", reply.body),
            }
        }
        ok
    };

    // Twenty single seats of one screening at once: ten are held.
    let first = &screenings[0]["id"];
    let replies = futures::future::join_all((0..20).map(|_| app.book(&ana, first, 1))).await;
    assert_eq!(count(&replies), 10);
    assert_eq!(app.seat_map(first).await["available_seats"], 30);

    // Thirty more over the other two screenings and the first: ten more in all.
    let more = (0..30).map(|i| app.book(&ana, &screenings[i % 3]["id"], 1));
    let replies = futures::future::join_all(more).await;
    assert_eq!(count(&replies), 10, "twenty seats in all");
    let held: i64 = app
        .pool
        .get()
        .await
        .unwrap()
        .query_one(
            "SELECT sum(seats) FROM bookings WHERE status = 'pending' AND user_id = \
             (SELECT id FROM users WHERE username = 'ana')",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(held, 20);
    let refused = app.book(&ana, &screenings[2]["id"], 1).await;
    let body = refused.expect_problem(409, "hold_limit_reached");
    assert!(
        body["detail"].as_str().unwrap().contains("20 in all"),
        "{body}"
    );

    // Cancelling a booking gives its seats back to the cap.
    let bookings = app
        .get("/v1/bookings?limit=1", Some(&ana))
        .await
        .expect(200);
    let booking = &bookings["items"][0];
    app.post_without_body(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(&ana),
    )
    .await
    .expect(200);
    app.book(&ana, &booking["screening_id"], 1)
        .await
        .expect(201);

    // The box office selling at the counter is not capped.
    let counter = app.screening(&admin, 40).await;
    for _ in 0..2 {
        app.book(&admin, &counter["id"], 10).await.expect(201);
    }
}

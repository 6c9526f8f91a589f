//! Reports (admin): every figure checked against sums computed here from what the API
//! answered while booking, paying (wallet and card), giving seats back and cancelling, and
//! against the ledger.

use std::collections::BTreeMap;

use chrono::{Days, Utc};
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::payment_provider::{CardApp, CardSettings};

const CARD_SUCCEEDS: &str = "4242424242424242";

fn hall() -> Value {
    json!({ "layout": [{ "row": "A", "seats": 8 }, { "row": "B", "seats": 8 }, { "row": "C", "seats": 8 }] })
}

fn priced() -> Value {
    json!({ "prices": { "child": 800, "senior": 950 } })
}

/// What was paid for each seat of a booking, by label, as the API said.
fn amounts(booking: &Value) -> BTreeMap<String, (String, i64)> {
    booking["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["seat_label"].as_str().unwrap().to_owned(),
                (
                    i["ticket_type"].as_str().unwrap().to_owned(),
                    i["amount"].as_i64().unwrap(),
                ),
            )
        })
        .collect()
}

/// Expected figures of one group: (tickets, gross, refunds).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Expected {
    tickets: i64,
    gross: i64,
    refunds: i64,
}

impl Expected {
    fn sold(&mut self, amount: i64) {
        self.tickets += 1;
        self.gross += amount;
    }

    fn given_back(&mut self, amount: i64) {
        self.tickets -= 1;
        self.refunds += amount;
    }

    fn of(row: &Value) -> Self {
        assert_eq!(row["discounts"], 0);
        assert_eq!(
            row["net"].as_i64().unwrap(),
            row["gross"].as_i64().unwrap() - row["refunds"].as_i64().unwrap()
        );
        Expected {
            tickets: row["tickets"].as_i64().unwrap(),
            gross: row["gross"].as_i64().unwrap(),
            refunds: row["refunds"].as_i64().unwrap(),
        }
    }

    fn net(&self) -> i64 {
        self.gross - self.refunds
    }
}

fn rows_by_key(report: &Value) -> BTreeMap<String, Expected> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].as_str().unwrap().to_owned(), Expected::of(r)))
        .collect()
}

/// What the revenue account took, from its entries (its balance column is not kept: a hot row).
async fn revenue_balance(app: &TestApp) -> i64 {
    app.owner
        .get()
        .await
        .unwrap()
        .query_one(
            "SELECT coalesce(sum(e.amount), 0)::bigint FROM entries e \
             JOIN accounts a ON a.id = e.account_id \
             WHERE a.kind = 'revenue' AND a.currency = 'EUR'",
            &[],
        )
        .await
        .unwrap()
        .get(0)
}

#[tokio::test]
async fn the_reports_agree_with_what_was_sold_and_with_the_ledger_to_the_minor_unit() {
    let app = CardApp::on_localstripe(CardSettings::default()).await;
    let admin = app.admin().await;
    let first = app.screening_in(&admin, hall(), priced()).await;
    let second = app.screening_in(&admin, hall(), priced()).await;
    // The first movie's distributor takes 35.5 %, at least 10.00 a screening.
    app.patch(
        &format!("/v1/movies/{}", first["movie_id"]),
        Some(&admin),
        json!({ "film_hire": { "percent": 35.5, "minimum_per_screening": 1000 } }),
    )
    .await
    .expect(200);
    let mut by_movie: BTreeMap<String, Expected> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Expected> = BTreeMap::new();
    let mut by_method: BTreeMap<String, Expected> = BTreeMap::new();
    let mut record = |screening: &Value, method: &str, ticket_type: &str, amount: i64, sold| {
        let movie = screening["movie_id"].to_string();
        for (map, key) in [
            (&mut by_movie, movie),
            (&mut by_type, ticket_type.to_owned()),
            (&mut by_method, method.to_owned()),
        ] {
            let group = map.entry(key).or_default();
            if sold {
                group.sold(amount)
            } else {
                group.given_back(amount)
            }
        }
    };

    // Paid from wallets: ana keeps both seats; bea gives one of three back; cara cancels.
    let wallet_booking = |who: &'static str,
                          screening: Value,
                          labels: &'static [&'static str],
                          types: Value| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let token = app.customer(who).await;
            let wallet = app.open_account(&token, "EUR").await;
            app.deposit(&admin, &wallet, 100_000).await;
            let booking = app
                .post(
                    "/v1/bookings",
                    Some(&token),
                    json!({ "screening_id": screening["id"], "seat_labels": labels, "ticket_types": types }),
                )
                .await
                .expect(201);
            app.pay(&token, &format!("pay-{who}"), &booking, &wallet)
                .await
                .expect(201);
            (token, booking)
        }
    };
    let (_, ana_booking) = wallet_booking(
        "ana",
        first.clone(),
        &["A1", "A2"],
        json!(["adult", "child"]),
    )
    .await;
    let (bea, bea_booking) = wallet_booking(
        "bea",
        first.clone(),
        &["B1", "B2", "B3"],
        json!(["adult", "senior", "adult"]),
    )
    .await;
    let (cara, cara_booking) =
        wallet_booking("cara", second.clone(), &["C1"], json!(["senior"])).await;
    for (_, (ticket_type, amount)) in amounts(&ana_booking) {
        record(&first, "wallet", &ticket_type, amount, true);
    }
    for (_, (ticket_type, amount)) in amounts(&bea_booking) {
        record(&first, "wallet", &ticket_type, amount, true);
    }
    for (_, (ticket_type, amount)) in amounts(&cara_booking) {
        record(&second, "wallet", &ticket_type, amount, true);
    }
    app.post(
        &format!("/v1/bookings/{}/cancel", bea_booking["id"]),
        Some(&bea),
        json!({ "seat_labels": ["B3"] }),
    )
    .await
    .expect(200);
    let (ticket_type, amount) = amounts(&bea_booking)["B3"].clone();
    record(&first, "wallet", &ticket_type, amount, false);
    app.post_without_body(
        &format!("/v1/bookings/{}/cancel", cara_booking["id"]),
        Some(&cara),
    )
    .await
    .expect(200);
    for (_, (ticket_type, amount)) in amounts(&cara_booking) {
        record(&second, "wallet", &ticket_type, amount, false);
    }

    // Paid by card: dan gives one of two seats back (refunded to the card).
    let dan = app.customer("dan").await;
    let dan_booking = app
        .post(
            "/v1/bookings",
            Some(&dan),
            json!({ "screening_id": second["id"], "seat_labels": ["A5", "A6"], "ticket_types": ["adult", "child"] }),
        )
        .await
        .expect(201);
    let method = app.provider.payment_method(CARD_SUCCEEDS).await;
    let paid = app
        .card_payment(
            &dan,
            "card-dan",
            &dan_booking,
            Some(json!({ "payment_method": method })),
        )
        .await
        .expect(201);
    assert_eq!(paid["status"], "succeeded", "{paid:#}");
    for (_, (ticket_type, amount)) in amounts(&dan_booking) {
        record(&second, "card", &ticket_type, amount, true);
    }
    app.post(
        &format!("/v1/bookings/{}/cancel", dan_booking["id"]),
        Some(&dan),
        json!({ "seat_labels": ["A6"] }),
    )
    .await
    .expect(200);
    let (ticket_type, amount) = amounts(&dan_booking)["A6"].clone();
    record(&second, "card", &ticket_type, amount, false);

    // Unpaid: eve holds a seat; nothing is sold. An usher admits ana's A1.
    let eve = app.customer("eve").await;
    app.book_seats(&eve, &first["id"], &["C8"])
        .await
        .expect(201);
    let usher = app.staff_at(&[&first]).await;
    let ana_tickets = app
        .get(
            &format!("/v1/bookings/{}/tickets", ana_booking["id"]),
            Some(&crate::helpers::access_token(&app.login("ana").await)),
        )
        .await
        .expect(200);
    app.post(
        "/v1/checkins",
        Some(&usher),
        json!({ "code": ana_tickets[0]["code"], "screening_id": first["id"] }),
    )
    .await
    .expect(200);

    let today = Utc::now().date_naive();
    let (from, to) = (today - Days::new(1), today + Days::new(1));
    let sales = |group_by: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            app.get(
                &format!("/v1/reports/sales?from={from}&to={to}&group_by={group_by}"),
                Some(&admin),
            )
            .await
            .expect(200)
        }
    };

    // Every grouping against the sums kept here; all with the same totals.
    let movies = sales("movie").await;
    assert_eq!(movies["currency"], "EUR");
    assert_eq!(rows_by_key(&movies), by_movie);
    assert_eq!(
        movies["rows"][0]["label"], "Test Movie",
        "a movie's label is its title"
    );
    assert_eq!(rows_by_key(&sales("ticket_type").await), by_type);
    assert_eq!(rows_by_key(&sales("payment_method").await), by_method);
    let totals = movies["totals"].clone();
    let mut expected_total = Expected::default();
    for group in by_movie.values() {
        expected_total.tickets += group.tickets;
        expected_total.gross += group.gross;
        expected_total.refunds += group.refunds;
    }
    assert_eq!(Expected::of(&totals), expected_total);
    for group_by in [
        "day",
        "screening",
        "theater",
        "ticket_type",
        "payment_method",
    ] {
        assert_eq!(sales(group_by).await["totals"], totals, "{group_by}");
    }

    // The ledger: the revenue account holds exactly the net, and the books balance.
    assert_eq!(revenue_balance(&app).await, expected_total.net());
    assert_eq!(totals["net"].as_i64().unwrap(), expected_total.net());
    app.assert_ledger_balances().await;

    // The same rows as CSV.
    let csv = crate::helpers::with_token(
        app.api.get(format!(
            "/v1/reports/sales?from={from}&to={to}&group_by=movie"
        )),
        Some(&admin),
    )
    .header("accept", "text/csv")
    .send()
    .await
    .0;
    assert_eq!(csv.status().as_u16(), 200);
    assert!(csv.content_type().unwrap().starts_with("text/csv"));
    let text = csv.into_body().into_string().await.unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("key,label,tickets,gross,discounts,refunds,net")
    );
    for row in movies["rows"].as_array().unwrap() {
        assert_eq!(
            lines.next().unwrap(),
            format!(
                "{},{},{},{},0,{},{}",
                row["key"].as_str().unwrap(),
                row["label"].as_str().unwrap(),
                row["tickets"],
                row["gross"],
                row["refunds"],
                row["net"]
            )
        );
    }

    // The first screening: A1 A2 B1 B2 sold (B3 given back), C8 held, A1 admitted.
    let report = app
        .get(
            &format!("/v1/reports/screenings/{}", first["id"]),
            Some(&admin),
        )
        .await
        .expect(200);
    assert_eq!(
        (
            &report["capacity"],
            &report["sold"],
            &report["held"],
            &report["available"],
            &report["checked_in"]
        ),
        (&json!(24), &json!(4), &json!(1), &json!(19), &json!(1)),
        "{report:#}"
    );
    let first_movie = by_movie[&first["movie_id"].to_string()];
    assert_eq!(Expected::of(&report), first_movie);
    let types: BTreeMap<String, (i64, i64)> = report["by_ticket_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["ticket_type"].as_str().unwrap().to_owned(),
                (t["tickets"].as_i64().unwrap(), t["net"].as_i64().unwrap()),
            )
        })
        .collect();
    let adult = amounts(&ana_booking)["A1"].1 + amounts(&bea_booking)["B1"].1;
    assert_eq!(types["adult"], (2, adult), "B3, an adult's, was given back");
    assert_eq!(types["child"], (1, amounts(&ana_booking)["A2"].1));
    assert_eq!(types["senior"], (1, amounts(&bea_booking)["B2"].1));

    // Film hire over the screenings' days: 35.5 % of the first movie's net, at least 10.00;
    // the second movie has no terms.
    let hire = app
        .get(
            &format!("/v1/reports/film-hire?from={from}&to={}", to + Days::new(1)),
            Some(&admin),
        )
        .await
        .expect(200);
    let rows = hire["rows"].as_array().unwrap();
    let row_of = |screening: &Value| {
        rows.iter()
            .find(|r| r["movie_id"] == screening["movie_id"])
            .unwrap()
            .clone()
    };
    let first_row = row_of(&first);
    let net = first_movie.net();
    let owed = ((net * 3550 + 5000) / 10_000).max(1000);
    assert_eq!(
        (
            &first_row["screenings"],
            &first_row["tickets"],
            &first_row["net"],
            &first_row["percent"],
            &first_row["film_hire"],
            &first_row["kept"]
        ),
        (
            &json!(1),
            &json!(first_movie.tickets),
            &json!(net),
            &json!(35.5),
            &json!(owed),
            &json!(net - owed)
        ),
        "{hire:#}"
    );
    let second_row = row_of(&second);
    assert_eq!(second_row["percent"], Value::Null);
    assert_eq!(second_row["film_hire"], 0);
    assert_eq!(hire["total_film_hire"], owed);

    // A deployment that had these sales before the reports existed: the migration writes the
    // same rows from the payments, refunds and releases, at the same instants.
    let facts = "SELECT kind::text, at, booking_id, screening_id, ticket_type::text, \
                 payment_method::text, tickets::int, gross, refund FROM sales \
                 ORDER BY booking_id, kind, ticket_type, gross, refund, at";
    let mut client = app.owner.get().await.unwrap();
    let read = |rows: Vec<tokio_postgres::Row>| -> Vec<String> {
        rows.iter()
            .map(|r| {
                let at: chrono::DateTime<Utc> = r.get(1);
                format!(
                    "{} {} {} {} {} {} {} {} {}",
                    r.get::<_, String>(0),
                    at.to_rfc3339(),
                    r.get::<_, i64>(2),
                    r.get::<_, i64>(3),
                    r.get::<_, String>(4),
                    r.get::<_, String>(5),
                    r.get::<_, i32>(6),
                    r.get::<_, i64>(7),
                    r.get::<_, i64>(8)
                )
            })
            .collect()
    };
    let written = read(client.query(facts, &[]).await.unwrap());
    assert_eq!(
        written.len(),
        11,
        "8 seats sold, 3 given back: {written:#?}"
    );
    boxoffice::ops::migrate::down(&mut client, 1, true)
        .await
        .unwrap();
    boxoffice::ops::migrate::up(&mut client).await.unwrap();
    assert_eq!(read(client.query(facts, &[]).await.unwrap()), written);
}

#[tokio::test]
async fn reports_are_for_admins_and_refuse_a_period_that_ends_before_it_starts() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let path = "/v1/reports/sales?from=2026-12-07&to=2026-12-01&group_by=day";
    app.get(path, Some(&ana))
        .await
        .expect_problem(403, "forbidden");
    app.get(path, Some(&admin))
        .await
        .expect_problem(400, "invalid_request");
    let empty = app
        .get(
            "/v1/reports/sales?from=2026-12-01&to=2026-12-07&group_by=day",
            Some(&admin),
        )
        .await
        .expect(200);
    assert_eq!(
        empty["currency"],
        Value::Null,
        "nothing sold, none asked for"
    );
    assert_eq!(empty["rows"], json!([]));
    app.get("/v1/reports/screenings/999999", Some(&admin))
        .await
        .expect_problem(404, "screening_not_found");
}

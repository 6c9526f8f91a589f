//! Tickets, their codes and QR codes, check-in at the door, and giving seats back.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// Three rows of eight; child and senior tickets sold.
pub(crate) fn hall() -> Value {
    json!({ "layout": [
        { "row": "A", "seats": 8 },
        { "row": "B", "seats": 8 },
        { "row": "C", "seats": 8 },
    ]})
}

pub(crate) fn priced() -> Value {
    json!({ "prices": { "child": 800, "senior": 950 } })
}

/// What a code says, read as a third-party scanner reads it: from the README's description
/// of the bytes (format version 2), with nothing of the service but its published JWK set.
#[derive(Debug, PartialEq, Eq)]
struct Scanned {
    ticket_id: u64,
    screening_id: u64,
    seat_label: String,
}

fn scan(jwks: &Value, code: &str) -> Result<Scanned, String> {
    let bytes = URL_SAFE_NO_PAD.decode(code).map_err(|e| e.to_string())?;
    assert_eq!(bytes[0], 2, "format version 2");
    // The key id: the first four characters of the signing key's `kid`.
    let key_id = URL_SAFE_NO_PAD.encode(&bytes[1..4]);
    let jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|jwk| jwk["kid"].as_str().unwrap().starts_with(&key_id))
        .ok_or_else(|| format!("no key {key_id} in the set"))?;
    assert_eq!(
        (&jwk["kty"], &jwk["crv"], &jwk["alg"]),
        (&json!("OKP"), &json!("Ed25519"), &json!("EdDSA"))
    );
    let x = URL_SAFE_NO_PAD
        .decode(jwk["x"].as_str().unwrap())
        .map_err(|e| e.to_string())?;
    let key = VerifyingKey::from_bytes(&x.try_into().map_err(|_| "x is not 32 bytes")?)
        .map_err(|e| e.to_string())?;
    let (message, signature) = bytes.split_at(bytes.len() - 64);
    key.verify(message, &Signature::from_slice(signature).unwrap())
        .map_err(|e| e.to_string())?;
    let label_len = usize::from(message[20]);
    assert_eq!(message.len(), 21 + label_len);
    Ok(Scanned {
        ticket_id: u64::from_be_bytes(message[4..12].try_into().unwrap()),
        screening_id: u64::from_be_bytes(message[12..20].try_into().unwrap()),
        seat_label: String::from_utf8(message[21..].to_vec()).unwrap(),
    })
}

/// A code in the README's format version 1 (which names no key), signed with `key`.
fn forge(key: &SigningKey, ticket_id: u64, screening_id: u64, label: &str) -> String {
    let mut bytes = vec![1u8];
    bytes.extend_from_slice(&ticket_id.to_be_bytes());
    bytes.extend_from_slice(&screening_id.to_be_bytes());
    bytes.push(label.len() as u8);
    bytes.extend_from_slice(label.as_bytes());
    let signature = key.sign(&bytes);
    bytes.extend_from_slice(&signature.to_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A paid booking of `labels` for a new customer `who`; returns (token, booking, wallet).
pub(crate) async fn paid_booking(
    app: &TestApp,
    admin: &str,
    who: &str,
    screening: &Value,
    labels: &[&str],
    ticket_types: Value,
) -> (String, Value, Value) {
    let token = app.customer(who).await;
    let wallet = app.open_account(&token, "EUR").await;
    app.deposit(admin, &wallet, 10_000).await;
    let booking = app
        .post(
            "/v1/bookings",
            Some(&token),
            json!({ "screening_id": screening["id"], "seat_labels": labels,
                    "ticket_types": ticket_types }),
        )
        .await
        .expect(201);
    app.pay(&token, &format!("pay-{}", booking["id"]), &booking, &wallet)
        .await
        .expect(201);
    (token, booking, wallet)
}

pub(crate) async fn tickets(app: &TestApp, token: &str, booking: &Value) -> Vec<Value> {
    app.get(
        &format!("/v1/bookings/{}/tickets", booking["id"]),
        Some(token),
    )
    .await
    .expect(200)
    .as_array()
    .unwrap()
    .clone()
}

pub(crate) async fn check_in(
    app: &TestApp,
    staff: &str,
    code: &Value,
    screening: &Value,
) -> crate::helpers::Reply {
    app.post(
        "/v1/checkins",
        Some(staff),
        json!({ "code": code, "screening_id": screening["id"] }),
    )
    .await
}

#[tokio::test]
async fn a_paid_booking_has_a_ticket_per_seat_whose_code_verifies_with_the_published_key() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let ana = app.customer("ana").await;
    let pending = app
        .book_seats(&ana, &screening["id"], &["B4", "B5"])
        .await
        .expect(201);
    assert_eq!(
        tickets(&app, &ana, &pending).await,
        Vec::<Value>::new(),
        "none until paid"
    );

    let (bea, booking, _) = paid_booking(
        &app,
        &admin,
        "bea",
        &screening,
        &["C1", "C2", "C3"],
        json!(["adult", "child", "senior"]),
    )
    .await;
    let issued = tickets(&app, &bea, &booking).await;
    let jwks = app.get("/v1/tickets/signing-keys", None).await.expect(200);
    let jwk = app.get("/v1/tickets/signing-key", None).await.expect(200);
    assert_eq!(
        jwks,
        json!({ "keys": [jwk] }),
        "one key, the one that signs"
    );
    assert_eq!(jwk["use"], "sig");
    assert!(
        jwk["kid"].as_str().is_some_and(|kid| kid.len() == 43),
        "{jwk}"
    );
    let seen: Vec<(Value, Value)> = issued
        .iter()
        .map(|t| (t["seat_label"].clone(), t["ticket_type"].clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (json!("C1"), json!("adult")),
            (json!("C2"), json!("child")),
            (json!("C3"), json!("senior"))
        ]
    );
    for ticket in &issued {
        assert_eq!(ticket["booking_id"], booking["id"]);
        assert_eq!(ticket["checked_in_at"], Value::Null);
        assert_eq!(ticket["voided_at"], Value::Null);
        let code = ticket["code"].as_str().unwrap();
        assert!(
            code.len() <= 122,
            "short enough for a QR code of version 7: {code}"
        );
        let scanned = scan(&jwks, code).expect("the code verifies with the JWK set");
        assert_eq!(
            scanned,
            Scanned {
                ticket_id: ticket["id"].as_u64().unwrap(),
                screening_id: screening["id"].as_u64().unwrap(),
                seat_label: ticket["seat_label"].as_str().unwrap().into(),
            }
        );
    }

    // The QR code: the owner's only.
    let qr = format!("/v1/tickets/{}/qr.svg", issued[0]["id"]);
    let picture = crate::helpers::with_token(app.api.get(&qr), Some(&bea))
        .send()
        .await
        .0;
    assert_eq!(picture.status().as_u16(), 200);
    assert_eq!(picture.content_type(), Some("image/svg+xml"));
    let svg = picture.into_body().into_string().await.unwrap();
    assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
    app.get(&qr, Some(&ana))
        .await
        .expect_problem(404, "ticket_not_found");
    app.get(
        &format!("/v1/bookings/{}/tickets", booking["id"]),
        Some(&ana),
    )
    .await
    .expect_problem(404, "booking_not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_scans_of_one_code_admit_it_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let (ana, booking, _) =
        paid_booking(&app, &admin, "ana", &screening, &["A1"], json!(["adult"])).await;
    let ticket = tickets(&app, &ana, &booking).await.remove(0);

    let scans = (0..50).map(|_| check_in(&app, &usher, &ticket["code"], &screening));
    let replies = futures::future::join_all(scans).await;
    let admitted: Vec<_> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(admitted.len(), 1, "exactly one scan admits");
    let first = admitted[0].body["checked_in_at"]
        .as_str()
        .unwrap()
        .to_owned();
    for reply in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(reply.status, 409, "{:?}", reply.body);
        assert_eq!(reply.body["code"], "already_checked_in");
        assert!(
            reply.body["detail"]
                .as_str()
                .unwrap()
                .contains(&first[..19]),
            "the detail says when: {} vs {first}",
            reply.body["detail"]
        );
    }
    let count = app
        .get(
            &format!("/v1/screenings/{}/checkins", screening["id"]),
            Some(&usher),
        )
        .await
        .expect(200);
    assert_eq!(
        count,
        json!({ "screening_id": screening["id"], "sold": 1, "admitted": 1 })
    );
    let listed = tickets(&app, &ana, &booking).await;
    assert_eq!(listed[0]["checked_in_at"].as_str(), Some(first.as_str()));
}

#[tokio::test]
async fn each_bad_scan_has_its_own_answer() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let other = app.screening_in(&admin, hall(), json!({})).await;
    let usher = app.staff_at(&[&screening, &other]).await;
    let (ana, booking, _) = paid_booking(
        &app,
        &admin,
        "ana",
        &screening,
        &["A1", "A2"],
        json!(["adult", "adult"]),
    )
    .await;
    let issued = tickets(&app, &ana, &booking).await;
    let code = issued[0]["code"].as_str().unwrap();

    // One byte flipped: the signature no longer verifies.
    let mut bytes = URL_SAFE_NO_PAD.decode(code).unwrap();
    bytes[8] ^= 1;
    let tampered = URL_SAFE_NO_PAD.encode(&bytes);
    check_in(&app, &usher, &json!(tampered), &screening)
        .await
        .expect_problem(422, "invalid_ticket");
    // Another key, the right format.
    let forged = forge(
        &SigningKey::from_bytes(&[9; 32]),
        issued[0]["id"].as_u64().unwrap(),
        screening["id"].as_u64().unwrap(),
        "A1",
    );
    check_in(&app, &usher, &json!(forged), &screening)
        .await
        .expect_problem(422, "invalid_ticket");
    check_in(&app, &usher, &json!("not a code"), &screening)
        .await
        .expect_problem(422, "invalid_ticket");
    // Signed by the service, naming no ticket.
    let unknown = forge(
        app.service.ticketing.signing_keys.current(),
        999_999,
        screening["id"].as_u64().unwrap(),
        "A1",
    );
    let reply = check_in(&app, &usher, &json!(unknown), &screening)
        .await
        .expect_problem(422, "invalid_ticket");
    assert!(
        reply["detail"]
            .as_str()
            .unwrap()
            .contains("no ticket 999999")
    );
    // At the door of another screening.
    let reply = check_in(&app, &usher, &json!(code), &other)
        .await
        .expect_problem(409, "wrong_screening");
    assert!(
        reply["detail"]
            .as_str()
            .unwrap()
            .contains(&screening["id"].to_string())
    );
    // Given back: void.
    app.post(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(&ana),
        json!({ "seat_labels": ["A2"] }),
    )
    .await
    .expect(200);
    check_in(&app, &usher, &issued[1]["code"], &screening)
        .await
        .expect_problem(409, "ticket_void");
    app.get(
        &format!("/v1/tickets/{}/qr.svg", issued[1]["id"]),
        Some(&ana),
    )
    .await
    .expect_problem(409, "ticket_void");

    // Who may scan: staff and admins; not customers, not anonymous callers.
    check_in(&app, &ana, &json!(code), &screening)
        .await
        .expect_problem(403, "forbidden");
    app.post(
        "/v1/checkins",
        None,
        json!({ "code": code, "screening_id": screening["id"] }),
    )
    .await
    .expect_problem(401, "unauthorized");
    check_in(&app, &admin, &json!(code), &screening)
        .await
        .expect(200);
    // Nothing else of an admin's for staff.
    app.post(
        "/v1/movies",
        Some(&usher),
        json!({ "title": "Staff pick", "description": "Not theirs to add.",
                "duration_minutes": 100, "rating": "PG" }),
    )
    .await
    .expect_problem(403, "forbidden");
    app.get(
        &format!("/v1/screenings/{}/checkins", screening["id"]),
        Some(&ana),
    )
    .await
    .expect_problem(403, "forbidden");
    app.get("/v1/screenings/999999/checkins", Some(&usher))
        .await
        .expect_problem(404, "screening_not_found");
}

#[tokio::test]
async fn giving_back_two_of_four_paid_seats_refunds_their_items_and_voids_their_tickets() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let (ana, booking, wallet) = paid_booking(
        &app,
        &admin,
        "ana",
        &screening,
        &["B1", "B2", "B3", "B4"],
        json!(["adult", "child", "senior", "adult"]),
    )
    .await;
    let paid = 1250 + 800 + 950 + 1250;
    assert_eq!(app.balance(&ana, &wallet).await, 10_000 - paid);
    let issued = tickets(&app, &ana, &booking).await;

    let cancel = format!("/v1/bookings/{}/cancel", booking["id"]);
    let kept = app
        .post(&cancel, Some(&ana), json!({ "seat_labels": ["B2", "B3"] }))
        .await
        .expect(200);
    assert_eq!(kept["status"], "confirmed");
    assert_eq!(
        (kept["seats"].as_i64(), kept["amount"].as_i64()),
        (Some(2), Some(2500))
    );
    // The refund is the two items' amounts, one ledger entry on the wallet.
    assert_eq!(app.balance(&ana, &wallet).await, 10_000 - paid + 800 + 950);
    let entries = app
        .get(
            &format!("/v1/accounts/{}/entries", wallet["id"]),
            Some(&ana),
        )
        .await
        .expect(200);
    let last = entries["items"].as_array().unwrap().last().unwrap();
    assert_eq!(last["amount"], 800 + 950, "{entries}");
    app.assert_ledger_balances().await;
    let free = app.available_labels(&screening["id"]).await;
    assert!(free.contains(&"B2".to_owned()) && free.contains(&"B3".to_owned()));
    assert!(!free.contains(&"B1".to_owned()) && !free.contains(&"B4".to_owned()));

    // Giving a seat back twice, or one the booking never had.
    app.post(&cancel, Some(&ana), json!({ "seat_labels": ["B2"] }))
        .await
        .expect_problem(422, "unknown_seat");
    app.post(&cancel, Some(&ana), json!({ "seat_labels": ["C8"] }))
        .await
        .expect_problem(422, "unknown_seat");

    let after = tickets(&app, &ana, &booking).await;
    let void: Vec<bool> = after.iter().map(|t| !t["voided_at"].is_null()).collect();
    assert_eq!(void, [false, true, true, false]);
    for (ticket, admits) in issued.iter().zip([true, false, false, true]) {
        let reply = check_in(&app, &usher, &ticket["code"], &screening).await;
        if admits {
            reply.expect(200);
        } else {
            reply.expect_problem(409, "ticket_void");
        }
    }
    let count = app
        .get(
            &format!("/v1/screenings/{}/checkins", screening["id"]),
            Some(&usher),
        )
        .await
        .expect(200);
    assert_eq!(
        (count["sold"].as_i64(), count["admitted"].as_i64()),
        (Some(2), Some(2))
    );

    // An admitted seat cannot be given back, and nothing of the cancellation happens.
    app.post_without_body(&cancel, Some(&ana))
        .await
        .expect_problem(409, "ticket_checked_in");
    assert_eq!(app.balance(&ana, &wallet).await, 10_000 - 2500);
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_scan_and_a_cancellation_racing_for_one_ticket_end_with_exactly_one() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let mut outcomes = (0, 0);
    for (n, row) in ["A", "B", "C"].iter().enumerate() {
        for pair in 0..4 {
            let seats = [
                format!("{row}{}", 2 * pair + 1),
                format!("{row}{}", 2 * pair + 2),
            ];
            let seats: Vec<&str> = seats.iter().map(String::as_str).collect();
            let who = format!("fan{n}{pair}");
            let (token, booking, wallet) = paid_booking(
                &app,
                &admin,
                &who,
                &screening,
                &seats,
                json!(["adult", "adult"]),
            )
            .await;
            let ticket = tickets(&app, &token, &booking).await.remove(0);
            let cancel = format!("/v1/bookings/{}/cancel", booking["id"]);
            // The scan starts 0–9 ms after the cancellation, so that races are won both ways.
            let delay = std::time::Duration::from_millis(3 * pair);
            let (scan, give_back) = futures::join!(
                async {
                    tokio::time::sleep(delay).await;
                    check_in(&app, &usher, &ticket["code"], &screening).await
                },
                app.post(&cancel, Some(&token), json!({ "seat_labels": [seats[0]] }))
            );
            let after = tickets(&app, &token, &booking).await.remove(0);
            match (scan.status.as_u16(), give_back.status.as_u16()) {
                (200, 409) => {
                    assert_eq!(give_back.body["code"], "ticket_checked_in");
                    assert!(after["voided_at"].is_null() && !after["checked_in_at"].is_null());
                    assert_eq!(app.balance(&token, &wallet).await, 10_000 - 2500);
                    outcomes.0 += 1;
                }
                (409, 200) => {
                    assert_eq!(scan.body["code"], "ticket_void");
                    assert!(!after["voided_at"].is_null() && after["checked_in_at"].is_null());
                    assert_eq!(app.balance(&token, &wallet).await, 10_000 - 1250);
                    outcomes.1 += 1;
                }
                other => panic!("{other:?}: {:?} / {:?}", scan.body, give_back.body),
            }
        }
    }
    eprintln!(
        "admitted first {} times, given back first {} times",
        outcomes.0, outcomes.1
    );
    app.assert_ledger_balances().await;
    app.assert_no_seat_sold_twice(&screening["id"]).await;
}

#[tokio::test]
async fn staff_admit_only_at_their_theaters_and_only_while_check_in_is_open() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let here = app.screening_in(&admin, hall(), priced()).await;
    let there = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&here]).await;
    let (ana, booking, _) = paid_booking(
        &app,
        &admin,
        "ana",
        &there,
        &["A1", "A2"],
        json!(["adult", "adult"]),
    )
    .await;
    let codes: Vec<Value> = tickets(&app, &ana, &booking)
        .await
        .into_iter()
        .map(|t| t["code"].clone())
        .collect();

    // Another cinema's door: refused, and the ticket stays valid.
    check_in(&app, &usher, &codes[0], &there)
        .await
        .expect_problem(403, "not_your_theater");
    // Nor may it read that door's counts; its own it may.
    let counts = |screening: &Value| format!("/v1/screenings/{}/checkins", screening["id"]);
    app.get(&counts(&there), Some(&usher))
        .await
        .expect_problem(403, "not_your_theater");
    app.get(&counts(&here), Some(&usher)).await.expect(200);
    // An admin admits anywhere.
    check_in(&app, &admin, &codes[0], &there).await.expect(200);

    // An admin gives the usher that theater too.
    let me = app.get("/v1/users/me", Some(&usher)).await.expect(200);
    let path = format!("/v1/staff/{}/theaters", me["id"]);
    let both = json!({ "theater_ids": [there["theater_id"], here["theater_id"]] });
    let set = app.put(&path, Some(&admin), both.clone()).await.expect(200);
    let mut expected = vec![
        here["theater_id"].as_i64().unwrap(),
        there["theater_id"].as_i64().unwrap(),
    ];
    expected.sort();
    assert_eq!(set["theater_ids"], json!(expected));
    assert_eq!(set["user_id"], me["id"]);

    // Check-in opens CHECKIN_OPENS_MINUTES (two days for the tests) before the start and
    // closes at the end.
    let client = app.owner.get().await.unwrap();
    let move_to = |starts: &'static str, ends: &'static str| {
        let client = &client;
        let id = there["id"].as_i64().unwrap();
        async move {
            client
                .execute(
                    &format!(
                        "UPDATE screenings SET starts_at = now() + interval '{starts}', \
                         ends_at = now() + interval '{ends}' WHERE id = $1"
                    ),
                    &[&id],
                )
                .await
                .unwrap();
        }
    };
    move_to("3 days", "3 days 2 hours").await;
    let early = check_in(&app, &usher, &codes[1], &there).await;
    early.expect_problem(409, "checkin_closed");
    move_to("-3 hours", "-1 hour").await;
    check_in(&app, &usher, &codes[1], &there)
        .await
        .expect_problem(409, "checkin_closed");
    move_to("-30 minutes", "90 minutes").await;
    check_in(&app, &usher, &codes[1], &there).await.expect(200);

    // Only staff have theaters; the ids must exist; only admins set them.
    let ana_id = app.get("/v1/users/me", Some(&ana)).await.expect(200)["id"].clone();
    app.put(
        &format!("/v1/staff/{ana_id}/theaters"),
        Some(&admin),
        both.clone(),
    )
    .await
    .expect_problem(409, "not_staff");
    app.put("/v1/staff/999999/theaters", Some(&admin), both.clone())
        .await
        .expect_problem(404, "user_not_found");
    app.put(&path, Some(&admin), json!({ "theater_ids": [999_999] }))
        .await
        .expect_problem(422, "theater_not_found");
    app.put(&path, Some(&usher), both)
        .await
        .expect_problem(403, "forbidden");
}

#[tokio::test]
async fn a_scanner_pulls_the_check_in_list_then_only_what_changed_since() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let elsewhere = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let three = json!(["adult", "child", "adult"]);
    let (ana, booking, _) =
        paid_booking(&app, &admin, "ana", &screening, &["A1", "A2", "A3"], three).await;
    let sold = tickets(&app, &ana, &booking).await;
    let path = format!("/v1/screenings/{}/checkin-list", screening["id"]);
    let delta = |after: &Value| format!("{path}?after={after}");

    let full = app.get(&path, Some(&usher)).await.expect(200);
    let listed: Vec<(Value, Value, Value)> = full["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["seat_label"].clone(),
                i["ticket_type"].clone(),
                i["status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (json!("A1"), json!("adult"), json!("valid")),
            (json!("A2"), json!("child"), json!("valid")),
            (json!("A3"), json!("adult"), json!("valid")),
        ]
    );
    assert_eq!(full["items"][0]["ticket_id"], sold[0]["id"]);
    let key = app.get("/v1/tickets/signing-key", None).await.expect(200);
    assert_eq!(full["keys"], json!({ "keys": [key] }));
    let cursor = full["next_after"].clone();
    // A delta may repeat a ticket (the cursor is the oldest transaction still running on the
    // whole server, which other tests share), but never shows a change that did not happen.
    let statuses = |list: &Value| -> std::collections::BTreeMap<String, Value> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["seat_label"].as_str().unwrap().to_owned(),
                    i["status"].clone(),
                )
            })
            .collect()
    };
    let unchanged = statuses(&full);
    let nothing = app.get(&delta(&cursor), Some(&usher)).await.expect(200);
    for (seat, status) in statuses(&nothing) {
        assert_eq!(unchanged[&seat], status, "nothing changed: {nothing}");
    }

    // A1 is admitted at another door, A3 given back.
    check_in(&app, &admin, &sold[0]["code"], &screening)
        .await
        .expect(200);
    app.post(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(&ana),
        json!({ "seat_labels": ["A3"] }),
    )
    .await
    .expect(200);
    let changed = app.get(&delta(&cursor), Some(&usher)).await.expect(200);
    let now = statuses(&changed);
    assert_eq!(now.get("A1"), Some(&json!("checked_in")), "{changed}");
    assert_eq!(now.get("A3"), Some(&json!("void")), "{changed}");
    assert!(now.get("A2").is_none_or(|s| *s == "valid"), "{changed}");
    let admitted = changed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["seat_label"] == "A1");
    assert!(admitted.unwrap()["checked_in_at"].is_string());

    // A change made before a list is read but committed after it is in the next delta:
    // the cursor goes by transactions still running, not by the order of changes.
    let usher_id = app.get("/v1/users/me", Some(&usher)).await.expect(200)["id"].clone();
    let slow = app.owner.get().await.unwrap();
    slow.batch_execute(&format!(
        "BEGIN; UPDATE tickets SET checked_in_at = now(), checked_in_by = {usher_id} \
         WHERE id = {}",
        sold[1]["id"]
    ))
    .await
    .unwrap();
    let read_meanwhile = app.get(&delta(&cursor), Some(&usher)).await.expect(200);
    assert!(
        read_meanwhile["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["seat_label"] != "A2" || i["status"] == "valid"),
        "not committed yet: A2 may come again, as it was, never checked in"
    );
    slow.batch_execute("COMMIT").await.unwrap();
    let next = app
        .get(&delta(&read_meanwhile["next_after"]), Some(&usher))
        .await
        .expect(200);
    assert!(
        next["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["seat_label"] == "A2" && i["status"] == "checked_in"),
        "{next}"
    );

    // Only the screening's own staff, or an admin.
    let other = format!("/v1/screenings/{}/checkin-list", elsewhere["id"]);
    app.get(&other, Some(&usher))
        .await
        .expect_problem(403, "not_your_theater");
    app.get(&other, Some(&admin)).await.expect(200);
    app.get(&path, Some(&ana))
        .await
        .expect_problem(403, "forbidden");
    app.get("/v1/screenings/999999/checkin-list", Some(&usher))
        .await
        .expect_problem(404, "screening_not_found");
    app.get(&format!("{path}?after=-1"), Some(&usher))
        .await
        .expect_problem(400, "invalid_request");
}

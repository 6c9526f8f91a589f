//! Doors that lost the network: scans made offline, uploaded later (`POST
//! /v1/checkins/batch`), apply once each, and a ticket admitted twice or while void is
//! reported, never silently admitted.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::tickets::{check_in, hall, paid_booking, priced, tickets};
use crate::events::feed_with;
use crate::helpers::{Reply, TestApp};

/// A scan of `code` at `screening`'s door, `minutes_ago` minutes ago.
fn scan(nonce: &str, code: &Value, screening: &Value, minutes_ago: i64) -> Value {
    json!({
        "nonce": nonce,
        "code": code,
        "screening_id": screening["id"],
        "scanned_at": (Utc::now() - Duration::minutes(minutes_ago)).to_rfc3339(),
    })
}

async fn upload(app: &TestApp, token: &str, scanner: &str, scans: Vec<Value>) -> Reply {
    app.post(
        "/v1/checkins/batch",
        Some(token),
        json!({ "scanner_id": scanner, "scans": scans }),
    )
    .await
}

/// The results of an accepted upload.
async fn results(app: &TestApp, token: &str, scanner: &str, scans: Vec<Value>) -> Vec<Value> {
    upload(app, token, scanner, scans).await.expect(200)["results"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn two_doors_that_admitted_one_ticket_offline_count_one_admission_and_a_conflict() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let two = json!(["adult", "adult"]);
    let (ana, booking, _) = paid_booking(&app, &admin, "ana", &screening, &["A1", "A2"], two).await;
    let sold = tickets(&app, &ana, &booking).await;
    let (first, second) = (&sold[0], &sold[1]);

    // Door A admitted the first ticket 10 minutes ago, door B 5 minutes ago; A uploads
    // first.
    let a = results(
        &app,
        &usher,
        "door-a",
        vec![scan("a1", &first["code"], &screening, 10)],
    )
    .await;
    assert_eq!(a[0]["outcome"], "admitted");
    assert_eq!(a[0]["conflict"], false);
    assert_eq!(a[0]["ticket_id"], first["id"]);
    let admitted_at = a[0]["checked_in_at"].clone();
    let batch_b = vec![scan("b1", &first["code"], &screening, 5)];
    let b = results(&app, &usher, "door-b", batch_b.clone()).await;
    assert_eq!(b[0]["outcome"], "already_checked_in");
    assert_eq!(b[0]["conflict"], true);
    assert_eq!(
        b[0]["checked_in_at"], admitted_at,
        "the earlier scan is the admission"
    );

    // The same batch again (a lost answer): the same results, nothing applied twice.
    assert_eq!(results(&app, &usher, "door-b", batch_b).await, b);

    // The second ticket: the later scan is uploaded first; the earlier one, uploaded after,
    // is the admission, and is a conflict too.
    let later = results(
        &app,
        &usher,
        "door-a",
        vec![scan("a2", &second["code"], &screening, 3)],
    )
    .await;
    assert_eq!(later[0]["outcome"], "admitted");
    let earlier = results(
        &app,
        &usher,
        "door-b",
        vec![scan("b2", &second["code"], &screening, 8)],
    )
    .await;
    assert_eq!(earlier[0]["outcome"], "admitted");
    assert_eq!(earlier[0]["conflict"], true);
    let now = tickets(&app, &ana, &booking).await;
    assert_eq!(now[1]["checked_in_at"], earlier[0]["checked_in_at"]);
    assert_ne!(now[1]["checked_in_at"], later[0]["checked_in_at"]);

    // Each ticket was admitted once (one ticket.checked_in each) and each conflict reported.
    let connector = app.integrations().await;
    let events = feed_with(&app, &connector, "ticket.checkin_conflict", 2).await;
    let count = |kind: &str| events.iter().filter(|e| e["type"] == kind).count();
    assert_eq!(count("ticket.checked_in"), 2);
    assert_eq!(count("ticket.checkin_conflict"), 2);
    let conflict = events
        .iter()
        .find(|e| e["type"] == "ticket.checkin_conflict")
        .unwrap();
    assert_eq!(conflict["data"]["nonce"], "b1");
    assert_eq!(conflict["data"]["scanner_id"], "door-b");
    assert_eq!(conflict["data"]["id"], first["id"]);
}

#[tokio::test]
async fn a_ticket_voided_before_its_offline_scan_is_uploaded_is_reported_and_not_admitted() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let elsewhere = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let two = json!(["adult", "adult"]);
    let (ana, booking, _) = paid_booking(&app, &admin, "ana", &screening, &["B1", "B2"], two).await;
    let sold = tickets(&app, &ana, &booking).await;
    app.post(
        &format!("/v1/bookings/{}/cancel", booking["id"]),
        Some(&ana),
        json!({ "seat_labels": ["B2"] }),
    )
    .await
    .expect(200);

    let scans = vec![
        scan("v1", &sold[1]["code"], &screening, 2),
        scan("w1", &sold[0]["code"], &elsewhere, 2),
        scan("f1", &json!("not-a-code"), &screening, 2),
    ];
    // The usher does not work at `elsewhere`: the whole upload is refused, nothing applied.
    upload(&app, &usher, "door-x", scans.clone())
        .await
        .expect_problem(403, "not_your_theater");
    let me = app.get("/v1/users/me", Some(&usher)).await.expect(200);
    let both = json!({ "theater_ids": [screening["theater_id"], elsewhere["theater_id"]] });
    app.put(
        &format!("/v1/staff/{}/theaters", me["id"]),
        Some(&admin),
        both,
    )
    .await
    .expect(200);

    let got = results(&app, &usher, "door-x", scans).await;
    assert_eq!(got[0]["outcome"], "ticket_void");
    assert_eq!(got[0]["conflict"], true);
    assert_eq!(got[1]["outcome"], "wrong_screening");
    assert_eq!(got[1]["conflict"], false);
    assert_eq!(got[2]["outcome"], "invalid_ticket");
    let now = tickets(&app, &ana, &booking).await;
    assert!(now[1]["voided_at"].is_string());
    assert_eq!(
        now[1]["checked_in_at"],
        Value::Null,
        "a void ticket is never admitted"
    );
    assert_eq!(now[0]["checked_in_at"], Value::Null);

    // A nonce given twice applies once; a time ahead of the server's clock counts as now.
    let twice = vec![
        scan("n", &sold[0]["code"], &screening, -60),
        scan("n", &sold[0]["code"], &screening, 30),
    ];
    let before = Utc::now();
    let got = results(&app, &usher, "door-y", twice).await;
    assert_eq!(got[0], got[1]);
    assert_eq!(got[0]["outcome"], "admitted");
    assert_eq!(got[0]["conflict"], false);
    let admitted_at =
        chrono::DateTime::parse_from_rfc3339(got[0]["checked_in_at"].as_str().unwrap()).unwrap();
    assert!(admitted_at <= Utc::now() && admitted_at >= before - Duration::seconds(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_online_scan_and_an_upload_racing_for_one_ticket_admit_it_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let seats = ["C1", "C2", "C3", "C4", "C5", "C6"];
    let (ana, booking, _) = paid_booking(
        &app,
        &admin,
        "ana",
        &screening,
        &seats,
        json!(vec!["adult"; 6]),
    )
    .await;
    let sold = tickets(&app, &ana, &booking).await;
    let (mut online_first, mut offline_first) = (0, 0);
    for (n, ticket) in sold.iter().enumerate() {
        let batch = vec![scan(&format!("r{n}"), &ticket["code"], &screening, 1)];
        let (online, offline) = tokio::join!(
            check_in(&app, &usher, &ticket["code"], &screening),
            results(&app, &usher, "door-r", batch),
        );
        let offline = &offline[0];
        // The offline scan, a minute old, is the admission whichever applied first.
        assert_eq!(offline["outcome"], "admitted");
        match online.status.as_u16() {
            // Online first: the upload moved the admission to its earlier time.
            200 => {
                assert_eq!(offline["conflict"], true);
                online_first += 1;
            }
            409 => {
                assert_eq!(online.body["code"], "already_checked_in");
                assert_eq!(offline["conflict"], false);
                offline_first += 1;
            }
            other => panic!("online scan answered {other}: {:?}", online.body),
        }
        let now = tickets(&app, &ana, &booking).await;
        assert_eq!(now[n]["checked_in_at"], offline["checked_in_at"]);
    }
    assert_eq!(online_first + offline_first, seats.len());
    let connector = app.integrations().await;
    let events = feed_with(&app, &connector, "ticket.checked_in", seats.len()).await;
    let admissions = events
        .iter()
        .filter(|e| e["type"] == "ticket.checked_in")
        .count();
    assert_eq!(admissions, seats.len(), "one admission per ticket");
}

#[tokio::test]
async fn a_scan_with_a_field_the_api_does_not_know_is_refused_as_the_document_says() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let mut odd = scan("n1", &json!("AgAAAA"), &screening, 1);
    odd["door"] = json!("north");
    upload(&app, &usher, "door-a", vec![odd])
        .await
        .expect_problem(400, "invalid_request");
    // The document says so, so that clients and fuzzers do not send one.
    let document = boxoffice::app::routes::spec();
    assert_eq!(
        document["components"]["schemas"]["OfflineScan"]["additionalProperties"],
        false
    );
}

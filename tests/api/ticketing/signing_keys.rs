//! Rotating the key that signs ticket codes (README, "Rotating the ticket signing key"): codes
//! already given out keep admitting while their key is listed, and stop once it is retired.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use boxoffice::platform::secret::Secret;
use serde_json::{Value, json};

use super::tickets::{check_in, hall, paid_booking, priced, tickets};
use crate::helpers::{TestApp, server_config};

/// The service on `app`'s database with TICKET_SIGNING_KEYS set to these seeds, in order.
fn with_keys(app: &TestApp, seeds: &[u8]) -> TestApp {
    let mut config = server_config(600);
    let keys: Vec<String> = seeds
        .iter()
        .map(|&seed| STANDARD.encode([seed; 32]))
        .collect();
    config.ticketing.ticket_signing_keys = Some(Secret::new(keys.join(",")));
    TestApp::on(&config, app.pool.clone(), app.owner.clone())
}

fn kids(jwks: &Value) -> Vec<String> {
    jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|jwk| jwk["kid"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn codes_keep_admitting_through_a_rotation_until_their_key_is_retired() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening_in(&admin, hall(), priced()).await;
    let usher = app.staff_at(&[&screening]).await;
    let (ana, booking, _) = paid_booking(
        &app,
        &admin,
        "ana",
        &screening,
        &["A1", "A2", "A3", "A4"],
        json!(["adult", "adult", "adult", "adult"]),
    )
    .await;

    // Before: key 1 alone signs; the codes the customer holds are its.
    let before = with_keys(&app, &[1]);
    let old_codes: Vec<Value> = tickets(&before, &ana, &booking)
        .await
        .iter()
        .map(|t| t["code"].clone())
        .collect();
    let old_kid = kids(
        &before
            .get("/v1/tickets/signing-keys", None)
            .await
            .expect(200),
    );

    // Step 1: key 2 added second. Key 1 still signs; both verify.
    let adding = with_keys(&app, &[1, 2]);
    let set = kids(
        &adding
            .get("/v1/tickets/signing-keys", None)
            .await
            .expect(200),
    );
    assert_eq!(set.len(), 2);
    assert_eq!(set[0], old_kid[0], "the key that signs comes first");
    assert_eq!(
        tickets(&adding, &ana, &booking).await[0]["code"],
        old_codes[0]
    );
    check_in(&adding, &usher, &old_codes[0], &screening)
        .await
        .expect(200);

    // Step 2: key 2 promoted. New reads of a ticket carry its codes; old codes still admit.
    let promoted = with_keys(&app, &[2, 1]);
    let set = kids(
        &promoted
            .get("/v1/tickets/signing-keys", None)
            .await
            .expect(200),
    );
    assert_eq!(set[1], old_kid[0]);
    let list = promoted
        .get(
            &format!("/v1/screenings/{}/checkin-list", screening["id"]),
            Some(&usher),
        )
        .await
        .expect(200);
    assert_eq!(
        kids(&list["keys"]),
        set,
        "the check-in list carries every key"
    );
    let new_codes: Vec<Value> = tickets(&promoted, &ana, &booking)
        .await
        .iter()
        .map(|t| t["code"].clone())
        .collect();
    assert_ne!(new_codes[1], old_codes[1]);
    check_in(&promoted, &usher, &old_codes[1], &screening)
        .await
        .expect(200);

    // Step 3: key 1 retired. Its codes are refused; key 2's admit.
    let retired = with_keys(&app, &[2]);
    let reply = check_in(&retired, &usher, &old_codes[2], &screening)
        .await
        .expect_problem(422, "invalid_ticket");
    assert!(
        reply["detail"].as_str().unwrap().contains("does not trust"),
        "{reply}"
    );
    check_in(&retired, &usher, &new_codes[2], &screening)
        .await
        .expect(200);
    // An offline scan of a retired key's code is refused the same way.
    let batch = json!({ "scanner_id": "door-1", "scans": [{
        "nonce": "rotation-1", "code": old_codes[3], "screening_id": screening["id"],
        "scanned_at": chrono::Utc::now(),
    }]});
    let results = retired
        .post("/v1/checkins/batch", Some(&usher), batch)
        .await
        .expect(200);
    assert_eq!(
        results["results"][0]["outcome"], "invalid_ticket",
        "{results}"
    );
}

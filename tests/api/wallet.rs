use std::collections::HashMap;

use serde_json::{Value, json};

use crate::helpers::TestApp;

fn transfer_body(from: &Value, to: &Value, amount: i64) -> Value {
    json!({
        "from_account_id": from["id"],
        "to_account_id": to["id"],
        "amount": amount,
        "currency": from["currency"],
    })
}

#[tokio::test]
async fn accounts_open_once_per_currency() {
    let app = TestApp::spawn().await;
    let ana = app.customer("ana").await;
    let account = app.open_account(&ana, "EUR").await;
    assert_eq!(account["balance"], 0);
    assert_eq!(account["currency"], "EUR");
    app.post("/v1/accounts", Some(&ana), json!({ "currency": "EUR" }))
        .await
        .expect_problem(409, "account_exists");
    // A currency the service does not accept is not in the document's enum: a 400, as any
    // value the schema refuses.
    app.post("/v1/accounts", Some(&ana), json!({ "currency": "XXX" }))
        .await
        .expect_problem(400, "invalid_request");
    app.post("/v1/accounts", Some(&ana), json!({ "currency": "eur" }))
        .await
        .expect_problem(400, "invalid_request");
    app.open_account(&ana, "USD").await;
    let page = app.get("/v1/accounts", Some(&ana)).await.expect(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    app.post("/v1/accounts", None, json!({ "currency": "GBP" }))
        .await
        .expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn another_users_accounts_are_not_found() {
    let app = TestApp::spawn().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let account = app.open_account(&ana, "EUR").await;
    let path = format!("/v1/accounts/{}", account["id"]);
    app.get(&path, Some(&bea))
        .await
        .expect_problem(404, "account_not_found");
    app.get(&format!("{path}/entries"), Some(&bea))
        .await
        .expect_problem(404, "account_not_found");
    let page = app.get("/v1/accounts", Some(&bea)).await.expect(200);
    assert_eq!(page["items"], json!([]));
    // System accounts (cash, revenue) are nobody's wallet.
    app.get("/v1/accounts/1", Some(&ana))
        .await
        .expect_problem(404, "account_not_found");
}

/// An admin whose deposit timed out retries it: the account is credited once.
#[tokio::test]
async fn a_retried_deposit_credits_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let account = app.open_account(&ana, "EUR").await;
    let path = format!("/v1/accounts/{}/deposits", account["id"]);
    let body = json!({ "amount": 700 });
    let first = app
        .post_idempotent(&path, &admin, "retry-me", &body)
        .await
        .expect(201);
    let again = app
        .post_idempotent(&path, &admin, "retry-me", &body)
        .await
        .expect(201);
    assert_eq!(first, again, "the replay answers the first deposit");
    assert_eq!(app.balance(&ana, &account).await, 700);
    app.post_idempotent(&path, &admin, "retry-me", &json!({ "amount": 800 }))
        .await
        .expect_problem(422, "idempotency_key_reused");
    // The same key for another account is another request.
    let bob = app.customer("bob").await;
    let other = app.open_account(&bob, "EUR").await;
    let other_path = format!("/v1/accounts/{}/deposits", other["id"]);
    app.post_idempotent(&other_path, &admin, "retry-me", &body)
        .await
        .expect_problem(422, "idempotency_key_reused");
    app.post(&path, Some(&admin), body)
        .await
        .expect_problem(400, "invalid_request");
    assert_eq!(app.balance(&ana, &account).await, 700);
    app.assert_ledger_balances().await;
}

/// The document's `Currency` enum and the database's `currencies` table name the same codes.
#[tokio::test]
async fn the_documented_currencies_are_the_accepted_ones() {
    use boxoffice::platform::currency::Currency;
    let app = TestApp::spawn().await;
    let rows = app
        .pool
        .get()
        .await
        .unwrap()
        .query("SELECT code FROM currencies ORDER BY code", &[])
        .await
        .unwrap();
    let accepted: Vec<String> = rows.iter().map(|row| row.get(0)).collect();
    let documented: Vec<String> = Currency::ALL.iter().map(|c| c.code().to_owned()).collect();
    assert_eq!(documented, accepted);
    let spec = boxoffice::app::spec();
    let listed: Vec<&str> = spec["components"]["schemas"]["Currency"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(listed, accepted);
}

#[tokio::test]
async fn admins_deposit_from_the_cash_account() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let account = app.open_account(&ana, "EUR").await;
    let path = format!("/v1/accounts/{}/deposits", account["id"]);
    app.post_idempotent(&path, &ana, "d1", &json!({ "amount": 100 }))
        .await
        .expect_problem(403, "forbidden");
    app.post_idempotent(&path, &admin, "d2", &json!({ "amount": 0 }))
        .await
        .expect_problem(400, "invalid_request");
    app.post_idempotent(
        "/v1/accounts/999999/deposits",
        &admin,
        "d3",
        &json!({ "amount": 5 }),
    )
    .await
    .expect_problem(404, "account_not_found");
    let deposit = app.deposit(&admin, &account, 5000).await;
    assert_eq!(deposit["to_account_id"], account["id"]);
    assert_eq!(deposit["amount"], 5000);
    assert_eq!(deposit["currency"], "EUR");
    assert_eq!(app.balance(&ana, &account).await, 5000);
    let entries = app
        .get(
            &format!("/v1/accounts/{}/entries", account["id"]),
            Some(&ana),
        )
        .await
        .expect(200);
    let entries = entries["items"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["amount"], 5000);
    assert_eq!(entries[0]["transfer_id"], deposit["id"]);
    app.assert_ledger_balances().await;
}

#[tokio::test]
async fn a_transfer_moves_money_with_two_entries() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let cid = app.customer("cid").await;
    let from = app.open_account(&ana, "EUR").await;
    let to = app.open_account(&bea, "EUR").await;
    app.deposit(&admin, &from, 1000).await;

    let transfer = app
        .transfer(&ana, "t-1", &transfer_body(&from, &to, 300))
        .await
        .expect(201);
    assert_eq!(transfer["from_account_id"], from["id"]);
    assert_eq!(transfer["to_account_id"], to["id"]);
    assert_eq!(transfer["amount"], 300);
    assert_eq!(app.balance(&ana, &from).await, 700);
    assert_eq!(app.balance(&bea, &to).await, 300);

    let last_entry = |token: String, account: Value| {
        let app = &app;
        async move {
            let page = app
                .get(
                    &format!("/v1/accounts/{}/entries", account["id"]),
                    Some(&token),
                )
                .await
                .expect(200);
            page["items"].as_array().unwrap().last().unwrap().clone()
        }
    };
    let debit = last_entry(ana.clone(), from.clone()).await;
    let credit = last_entry(bea.clone(), to.clone()).await;
    assert_eq!(
        (debit["amount"].clone(), credit["amount"].clone()),
        (json!(-300), json!(300))
    );
    assert_eq!(debit["transfer_id"], transfer["id"]);
    assert_eq!(credit["transfer_id"], transfer["id"]);

    let path = format!("/v1/transfers/{}", transfer["id"]);
    assert_eq!(app.get(&path, Some(&ana)).await.expect(200), transfer);
    assert_eq!(app.get(&path, Some(&bea)).await.expect(200), transfer);
    app.get(&path, Some(&cid))
        .await
        .expect_problem(404, "transfer_not_found");
    app.assert_ledger_balances().await;
}

#[tokio::test]
async fn transfer_errors() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let eur = app.open_account(&ana, "EUR").await;
    let usd = app.open_account(&ana, "USD").await;
    let beas = app.open_account(&bea, "EUR").await;
    app.deposit(&admin, &eur, 100).await;

    let no_key = app
        .post("/v1/transfers", Some(&ana), transfer_body(&eur, &beas, 10))
        .await;
    no_key.expect_problem(400, "invalid_request");
    app.transfer(&ana, "k1", &transfer_body(&eur, &eur, 10))
        .await
        .expect_problem(400, "same_account");
    app.transfer(&ana, "k2", &transfer_body(&eur, &beas, 0))
        .await
        .expect_problem(400, "invalid_request");
    app.transfer(&ana, "k3", &transfer_body(&eur, &beas, 101))
        .await
        .expect_problem(409, "insufficient_funds");
    app.transfer(&ana, "k4", &transfer_body(&eur, &usd, 10))
        .await
        .expect_problem(422, "destination_not_found");
    let mut in_usd = transfer_body(&eur, &beas, 10);
    in_usd["currency"] = json!("USD");
    app.transfer(&ana, "k4b", &in_usd)
        .await
        .expect_problem(409, "currency_mismatch");
    app.transfer(&bea, "k5", &transfer_body(&eur, &beas, 10))
        .await
        .expect_problem(404, "account_not_found");
    app.transfer(&ana, "k6", &json!({ "from_account_id": eur["id"], "to_account_id": 999999, "amount": 10, "currency": "EUR" }))
        .await
        .expect_problem(422, "destination_not_found");
    app.transfer(&ana, "k7", &json!({ "from_account_id": eur["id"], "to_account_id": 1, "amount": 10, "currency": "EUR" }))
        .await
        .expect_problem(422, "destination_not_found");
    app.transfer(&ana, "", &transfer_body(&eur, &beas, 10))
        .await
        .expect_problem(400, "invalid_request");
    assert_eq!(
        app.balance(&ana, &eur).await,
        100,
        "no failed transfer moved money"
    );
    app.assert_ledger_balances().await;
}

/// A user may claim only so many idempotency keys a day (each transfer takes one), so no one
/// can fill the table; replays of a key already claimed still answer.
#[tokio::test]
async fn a_user_claims_a_limited_number_of_idempotency_keys_a_day() {
    let mut config = crate::helpers::server_config(600);
    config.http.idempotency_keys_per_day = 3;
    let app = TestApp::spawn_with(&config, 4).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let from = app.open_account(&ana, "EUR").await;
    let to = app.open_account(&bea, "EUR").await;
    app.deposit(&admin, &from, 100).await;
    let mut first = None;
    for key in ["k1", "k2", "k3"] {
        let transfer = app
            .transfer(&ana, key, &transfer_body(&from, &to, 1))
            .await
            .expect(201);
        first.get_or_insert(transfer);
    }
    let refused = app
        .transfer(&ana, "k4", &transfer_body(&from, &to, 1))
        .await;
    let retry_after: u32 = refused.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=86_400).contains(&retry_after), "{retry_after}");
    refused.expect_problem(429, "rate_limited");
    let replay = app
        .transfer(&ana, "k1", &transfer_body(&from, &to, 1))
        .await
        .expect(201);
    assert_eq!(Some(replay), first);
    // Another user has a limit of their own.
    app.transfer(&bea, "k1", &transfer_body(&to, &from, 1))
        .await
        .expect(201);
    assert_eq!(app.balance(&ana, &from).await, 100 - 3 + 1);
}

/// A stranger's wallet in another currency and no wallet at all get the same answer, so a
/// transfer cannot probe what currencies other users hold.
#[tokio::test]
async fn a_transfer_does_not_tell_what_currency_a_strangers_wallet_is_in() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let eur = app.open_account(&ana, "EUR").await;
    app.deposit(&admin, &eur, 100).await;
    let beas_jpy = app.open_account(&bea, "JPY").await;
    let missing = json!({ "from_account_id": eur["id"], "to_account_id": 999_999,
                          "amount": 10, "currency": "EUR" });
    let mut other_currency = missing.clone();
    other_currency["to_account_id"] = beas_jpy["id"].clone();
    let no_wallet = app
        .transfer(&ana, "probe-1", &missing)
        .await
        .expect_problem(422, "destination_not_found");
    let jpy_wallet = app
        .transfer(&ana, "probe-2", &other_currency)
        .await
        .expect_problem(422, "destination_not_found");
    assert_eq!(no_wallet, jpy_wallet);
    assert!(!jpy_wallet["detail"].as_str().unwrap().contains("JPY"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_idempotency_key_moves_money_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let from = app.open_account(&ana, "EUR").await;
    let to = app.open_account(&bea, "EUR").await;
    app.deposit(&admin, &from, 1000).await;
    let body = transfer_body(&from, &to, 250);

    let replies =
        futures::future::join_all((0..20).map(|_| app.transfer(&ana, "same-key", &body))).await;
    let first = replies[0].body.clone();
    for reply in replies {
        assert_eq!(
            reply.expect(201),
            first,
            "every duplicate gets the one transfer"
        );
    }
    assert_eq!(app.balance(&ana, &from).await, 750, "moved once");
    let client = app.pool.get().await.unwrap();
    let count: i64 = client
        .query_one(
            "SELECT count(*) FROM transfers WHERE from_account_id = $1",
            &[&from["id"].as_i64().unwrap()],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 1);

    // A later replay returns the original body; another body with the key is refused.
    assert_eq!(
        app.transfer(&ana, "same-key", &body).await.expect(201),
        first
    );
    app.transfer(&ana, "same-key", &transfer_body(&from, &to, 251))
        .await
        .expect_problem(422, "idempotency_key_reused");
    // Keys belong to their user: Bea's "same-key" is hers.
    app.transfer(&bea, "same-key", &transfer_body(&to, &from, 50))
        .await
        .expect(201);
    app.assert_ledger_balances().await;
}

#[tokio::test]
async fn a_refused_transfer_replays_its_refusal() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let from = app.open_account(&ana, "EUR").await;
    let to = app.open_account(&bea, "EUR").await;
    let body = transfer_body(&from, &to, 100);
    let refused = app
        .transfer(&ana, "early", &body)
        .await
        .expect_problem(409, "insufficient_funds");
    app.deposit(&admin, &from, 1000).await;
    // Same key: the recorded answer, even though the money is there now.
    assert_eq!(
        app.transfer(&ana, "early", &body)
            .await
            .expect_problem(409, "insufficient_funds"),
        refused
    );
    app.transfer(&ana, "later", &body).await.expect(201);
}

#[tokio::test]
async fn idempotency_keys_older_than_a_day_are_forgotten() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let from = app.open_account(&ana, "EUR").await;
    let to = app.open_account(&bea, "EUR").await;
    app.deposit(&admin, &from, 1000).await;
    app.transfer(&ana, "old", &transfer_body(&from, &to, 100))
        .await
        .expect(201);
    app.transfer(&ana, "fresh", &transfer_body(&from, &to, 100))
        .await
        .expect(201);
    let client = app.pool.get().await.unwrap();
    client
        .execute(
            "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = 'old'",
            &[],
        )
        .await
        .unwrap();
    // An expired key is free again, even before the purge…
    app.transfer(&ana, "old", &transfer_body(&from, &to, 7))
        .await
        .expect(201);
    client
        .execute(
            "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = 'old'",
            &[],
        )
        .await
        .unwrap();
    // …and the purge removes it, and only it.
    let count = async || -> i64 {
        client
            .query_one("SELECT count(*) FROM idempotency_keys", &[])
            .await
            .unwrap()
            .get(0)
    };
    let before = count().await;
    assert_eq!(
        boxoffice::platform::idempotency::purge_expired_keys(&app.pool)
            .await
            .unwrap(),
        1
    );
    assert_eq!(count().await, before - 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_random_transfers_keep_the_books_balanced() {
    const USERS: usize = 8;
    const TRANSFERS: usize = 600;
    const FUNDS: i64 = 1_000;
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut wallets = Vec::new();
    for i in 0..USERS {
        let token = app.customer(&format!("user{i}")).await;
        let account = app.open_account(&token, "EUR").await;
        app.deposit(&admin, &account, FUNDS).await;
        wallets.push((token, account));
    }
    // A fixed-seed xorshift: random-looking pairs in both directions, the same every run.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let plan: Vec<(usize, usize, i64)> = (0..TRANSFERS)
        .map(|_| {
            let from = (next() % USERS as u64) as usize;
            let to = (from + 1 + (next() % (USERS as u64 - 1)) as usize) % USERS;
            (from, to, 1 + (next() % 400) as i64)
        })
        .collect();
    let requests = plan.iter().enumerate().map(|(i, (from, to, amount))| {
        let (token, source) = &wallets[*from];
        let body = transfer_body(source, &wallets[*to].1, *amount);
        let app = &app;
        async move { app.transfer(token, &format!("rand-{i}"), &body).await }
    });
    let replies = futures::future::join_all(requests).await;
    let mut outcomes: HashMap<u16, usize> = HashMap::new();
    for reply in &replies {
        *outcomes.entry(reply.status.as_u16()).or_default() += 1;
        match reply.status.as_u16() {
            201 => {}
            409 => assert_eq!(reply.body["code"], "insufficient_funds", "{:?}", reply.body),
            other => panic!("unexpected {other}: {:?}", reply.body),
        }
    }
    assert!(outcomes[&201] > TRANSFERS / 4, "{outcomes:?}");

    let mut total = 0;
    for (token, account) in &wallets {
        let balance = app.balance(token, account).await;
        assert!(balance >= 0);
        total += balance;
    }
    assert_eq!(
        total,
        FUNDS * USERS as i64,
        "money is neither created nor lost"
    );
    app.assert_ledger_balances().await;
}

/// The database guards the ledger by itself: each tampering statement is refused when the
/// service's role sends it, and the ledger check still passes afterwards.
#[tokio::test]
async fn the_database_refuses_every_tampering_statement_from_the_service_role() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let account = app.open_account(&ana, "EUR").await;
    let deposit = app.deposit(&admin, &account, 100).await;
    let id = account["id"].as_i64().unwrap();
    let transfer_id = deposit["id"].as_i64().unwrap();
    let mut client = app.pool.get().await.unwrap();
    let refused = async |client: &deadpool_postgres::Client, statement: &str| {
        let err = client.batch_execute(statement).await.expect_err(statement);
        format!("{err:?}")
    };

    // A third entry for an existing transfer: refused at commit.
    let tx = client.transaction().await.unwrap();
    tx.execute(
        "INSERT INTO entries (account_id, transfer_id, amount) VALUES ($1, $2, 777)",
        &[&id, &transfer_id],
    )
    .await
    .unwrap();
    let err = format!("{:?}", tx.commit().await.unwrap_err());
    assert!(err.contains("balancing entries"), "{err}");

    // A balance changed without an entry.
    let err = refused(&client, "UPDATE accounts SET balance = balance + 777").await;
    assert!(err.contains("only through ledger entries"), "{err}");

    // post_transfer with a credit that does not match (another currency): nothing moves.
    let usd = app.open_account(&ana, "USD").await["id"].as_i64().unwrap();
    let err = refused(
        &client,
        &format!("SELECT * FROM post_transfer({id}, {usd}, 50, 'EUR')"),
    )
    .await;
    assert!(err.contains("in the transfer's currency"), "{err}");

    // Emptying the ledger, editing or removing an entry or a transfer.
    for statement in [
        "TRUNCATE entries, transfers CASCADE",
        "UPDATE entries SET amount = 1",
        "DELETE FROM entries",
        "UPDATE transfers SET amount = 1",
        "DELETE FROM transfers",
        "ALTER TABLE entries DISABLE TRIGGER USER",
        "SET session_replication_role = replica",
    ] {
        let err = refused(&client, statement).await;
        assert!(
            err.contains("permission denied") || err.contains("must be owner"),
            "{statement}: {err}"
        );
    }
    // More than the wallet holds: no row, nothing moves.
    let bob = app.customer("bob").await;
    let bobs = app.open_account(&bob, "EUR").await["id"].as_i64().unwrap();
    let moved: i64 = client
        .query_one(
            "SELECT count(*) FROM post_transfer($1, $2, 1000, 'EUR')",
            &[&id, &bobs],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(moved, 0);

    assert_eq!(app.balance(&ana, &account).await, 100);
    app.assert_ledger_balances().await;
    drop(client);

    // Its owner is held by the same triggers (it could drop them: it owns the schema).
    let owner = app.owner.get().await.unwrap();
    let err = refused(&owner, "TRUNCATE entries, transfers CASCADE").await;
    assert!(err.contains("append-only"), "{err}");
    let err = refused(&owner, "UPDATE entries SET amount = 1").await;
    assert!(err.contains("append-only"), "{err}");
    let err = refused(
        &owner,
        &format!("UPDATE accounts SET balance = -1 WHERE id = {id}"),
    )
    .await;
    assert!(err.contains("only through ledger entries"), "{err}");
}

use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn products_are_listed_publicly() {
    let app = TestApp::spawn().await;
    app.product("POPCORN-L", 650).await;
    app.product("SODA-M", 350).await;
    let page = app.get("/v1/products?limit=1", None).await.expect(200);
    assert_eq!(page["items"][0]["sku"], "POPCORN-L");
    assert_eq!(page["items"][0]["price"], 650);
    assert_eq!(page["items"][0]["currency"], "EUR");
    let next = page["next_after"].as_i64().expect("a second page");
    let page = app
        .get(&format!("/v1/products?after={next}"), None)
        .await
        .expect(200);
    assert_eq!(page["items"][0]["sku"], "SODA-M");
    assert_eq!(page["next_after"], serde_json::Value::Null);
}

#[tokio::test]
async fn an_order_is_accepted_pending_at_the_current_price() {
    let app = TestApp::spawn().await;
    app.product("NACHOS", 600).await;
    let ana = app.customer("ana").await;
    let order = app
        .post(
            "/v1/orders",
            Some(&ana),
            json!({ "sku": "NACHOS", "quantity": 3, "note": "extra cheese" }),
        )
        .await
        .expect(202);
    assert_eq!(order["status"], "pending");
    assert_eq!(order["quantity"], 3);
    assert_eq!(order["unit_price"], 600);
    assert_eq!(order["note"], "extra cheese");
    // A later price change does not touch the order.
    let client = app.owner.get().await.unwrap();
    client
        .execute("UPDATE products SET price = 900", &[])
        .await
        .unwrap();
    let path = format!("/v1/orders/{}", order["id"]);
    assert_eq!(app.get(&path, Some(&ana)).await.expect(200), order);
}

#[tokio::test]
async fn order_input_is_checked() {
    let app = TestApp::spawn().await;
    app.product("WATER", 200).await;
    let ana = app.customer("ana").await;
    app.post(
        "/v1/orders",
        Some(&ana),
        json!({ "sku": "CAVIAR", "quantity": 1, "note": "" }),
    )
    .await
    .expect_problem(422, "unknown_sku");
    let client = app.owner.get().await.unwrap();
    client
        .execute("UPDATE products SET active = false", &[])
        .await
        .unwrap();
    app.post(
        "/v1/orders",
        Some(&ana),
        json!({ "sku": "WATER", "quantity": 1, "note": "" }),
    )
    .await
    .expect_problem(422, "unknown_sku");
    for bad in [
        json!({ "sku": "WATER", "quantity": 0, "note": "" }),
        json!({ "sku": "WATER", "quantity": 101, "note": "" }),
        json!({ "sku": "WATER", "quantity": 1, "note": "x".repeat(501) }),
        json!({ "sku": "WATER", "quantity": 1 }),
    ] {
        app.post("/v1/orders", Some(&ana), bad)
            .await
            .expect_problem(400, "invalid_request");
    }
    app.post(
        "/v1/orders",
        None,
        json!({ "sku": "WATER", "quantity": 1, "note": "" }),
    )
    .await
    .expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn orders_move_only_from_pending() {
    let app = TestApp::spawn().await;
    app.product("SODA-M", 350).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let place = || {
        app.post(
            "/v1/orders",
            Some(&ana),
            json!({ "sku": "SODA-M", "quantity": 1, "note": "" }),
        )
    };
    let first = place().await.expect(202);
    let second = place().await.expect(202);

    let confirm = |id: &serde_json::Value, token: &str| {
        let (path, token) = (format!("/v1/orders/{id}/confirm"), token.to_owned());
        let app = &app;
        async move { app.post(&path, Some(&token), json!(null)).await }
    };
    let cancel = |id: &serde_json::Value, token: &str| {
        let (path, token) = (format!("/v1/orders/{id}/cancel"), token.to_owned());
        let app = &app;
        async move { app.post(&path, Some(&token), json!(null)).await }
    };
    confirm(&first["id"], &ana)
        .await
        .expect_problem(403, "forbidden");
    assert_eq!(
        confirm(&first["id"], &admin).await.expect(200)["status"],
        "confirmed"
    );
    confirm(&first["id"], &admin)
        .await
        .expect_problem(409, "invalid_status_transition");
    cancel(&first["id"], &ana)
        .await
        .expect_problem(409, "invalid_status_transition");

    assert_eq!(
        cancel(&second["id"], &ana).await.expect(200)["status"],
        "cancelled"
    );
    confirm(&second["id"], &admin)
        .await
        .expect_problem(409, "invalid_status_transition");
    confirm(&json!(999999), &admin)
        .await
        .expect_problem(404, "order_not_found");

    // The database refuses any other move, whatever the statement.
    let client = app.pool.get().await.unwrap();
    let err = client
        .execute(
            "UPDATE orders SET status = 'pending' WHERE id = $1",
            &[&first["id"].as_i64().unwrap()],
        )
        .await
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("orders_status_transition"),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_admin_cancels_any_order_but_customers_only_their_own() {
    let app = TestApp::spawn().await;
    app.product("SODA-M", 350).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let order = app
        .post(
            "/v1/orders",
            Some(&ana),
            json!({ "sku": "SODA-M", "quantity": 2, "note": "" }),
        )
        .await
        .expect(202);
    let path = format!("/v1/orders/{}", order["id"]);
    app.get(&path, Some(&bea))
        .await
        .expect_problem(404, "order_not_found");
    app.post(&format!("{path}/cancel"), Some(&bea), json!(null))
        .await
        .expect_problem(404, "order_not_found");
    app.get(&path, Some(&admin)).await.expect(200);
    let cancelled = app
        .post(&format!("{path}/cancel"), Some(&admin), json!(null))
        .await
        .expect(200);
    assert_eq!(cancelled["status"], "cancelled");
}

#[tokio::test]
async fn a_demoted_admin_cancels_no_one_elses_order() {
    let app = TestApp::spawn().await;
    app.product("SODA-M", 350).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let order = app
        .post(
            "/v1/orders",
            Some(&ana),
            json!({ "sku": "SODA-M", "quantity": 1, "note": "" }),
        )
        .await
        .expect(202);
    let path = format!("/v1/orders/{}", order["id"]);

    // The token still says admin; the database no longer does.
    app.demote("admin").await;
    app.post(&format!("{path}/cancel"), Some(&admin), json!(null))
        .await
        .expect_problem(404, "order_not_found");
    app.get(&path, Some(&admin))
        .await
        .expect_problem(404, "order_not_found");
    assert_eq!(
        app.get(&path, Some(&ana)).await.expect(200)["status"],
        "pending"
    );
}

#[tokio::test]
async fn orders_are_listed_by_status() {
    let app = TestApp::spawn().await;
    app.product("WATER", 200).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let order = app
            .post(
                "/v1/orders",
                Some(&ana),
                json!({ "sku": "WATER", "quantity": 1, "note": "" }),
            )
            .await
            .expect(202);
        ids.push(order["id"].clone());
    }
    app.post(
        "/v1/orders",
        Some(&bea),
        json!({ "sku": "WATER", "quantity": 1, "note": "" }),
    )
    .await
    .expect(202);
    app.post(
        &format!("/v1/orders/{}/confirm", ids[1]),
        Some(&admin),
        json!(null),
    )
    .await
    .expect(200);
    let all = app.get("/v1/orders", Some(&ana)).await.expect(200);
    assert_eq!(
        all["items"].as_array().unwrap().len(),
        3,
        "only the caller's"
    );
    let pending = app
        .get("/v1/orders?status=pending", Some(&ana))
        .await
        .expect(200);
    let pending: Vec<_> = pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].clone())
        .collect();
    assert_eq!(pending, vec![ids[0].clone(), ids[2].clone()]);
    let confirmed = app
        .get("/v1/orders?status=confirmed&limit=1", Some(&ana))
        .await
        .expect(200);
    assert_eq!(confirmed["items"][0]["id"], ids[1]);
    assert_eq!(confirmed["next_after"], serde_json::Value::Null);
    app.get("/v1/orders?status=shipped", Some(&ana))
        .await
        .expect_problem(400, "invalid_request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_concurrent_confirms_and_cancels_exactly_one_wins() {
    let app = TestApp::spawn().await;
    app.product("POPCORN-S", 450).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    for round in 0..5 {
        let order = app
            .post(
                "/v1/orders",
                Some(&ana),
                json!({ "sku": "POPCORN-S", "quantity": 1, "note": "" }),
            )
            .await
            .expect(202);
        let moves = (0..12).map(|i| {
            let (path, token) = if i % 2 == 0 {
                (format!("/v1/orders/{}/confirm", order["id"]), &admin)
            } else {
                (format!("/v1/orders/{}/cancel", order["id"]), &ana)
            };
            let app = &app;
            async move { app.post(&path, Some(token), json!(null)).await }
        });
        let replies = futures::future::join_all(moves).await;
        let winners: Vec<_> = replies.iter().filter(|r| r.status == 200).collect();
        assert_eq!(winners.len(), 1, "round {round}: {replies:#?}");
        for reply in replies.iter().filter(|r| r.status != 200) {
            assert_eq!(reply.status, 409);
            assert_eq!(reply.body["code"], "invalid_status_transition");
        }
        let now = app
            .get(&format!("/v1/orders/{}", order["id"]), Some(&ana))
            .await
            .expect(200);
        assert_eq!(
            now["status"], winners[0].body["status"],
            "the winner's move is the one that stuck"
        );
    }
}

#[tokio::test]
async fn an_order_retried_with_its_idempotency_key_is_placed_once() {
    let app = TestApp::spawn().await;
    app.product("NACHOS", 600).await;
    let ana = app.customer("ana").await;
    let nachos = json!({ "sku": "NACHOS", "quantity": 2, "note": "" });
    let first = app
        .post_idempotent("/v1/orders", &ana, "order-1", &nachos)
        .await
        .expect(202);
    let again = app
        .post_idempotent("/v1/orders", &ana, "order-1", &nachos)
        .await
        .expect(202);
    assert_eq!(again, first);
    let page = app.get("/v1/orders", Some(&ana)).await.expect(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let three = json!({ "sku": "NACHOS", "quantity": 3, "note": "" });
    app.post_idempotent("/v1/orders", &ana, "order-1", &three)
        .await
        .expect_problem(422, "idempotency_key_reused");
    let caviar = json!({ "sku": "CAVIAR", "quantity": 1, "note": "" });
    for _ in 0..2 {
        app.post_idempotent("/v1/orders", &ana, "order-2", &caviar)
            .await
            .expect_problem(422, "unknown_sku");
    }
}

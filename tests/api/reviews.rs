use serde_json::{Value, json};

use crate::helpers::TestApp;

async fn movie(app: &TestApp, admin: &str) -> Value {
    app.post(
        "/v1/movies",
        Some(admin),
        json!({ "title": "Orbit", "description": "Space.", "duration_minutes": 100, "rating": "PG" }),
    )
    .await
    .expect(201)
}

#[tokio::test]
async fn reviews_are_written_once_per_user_and_rate_the_movie() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let movie = movie(&app, &admin).await;
    assert_eq!(movie["review_count"], 0);
    assert_eq!(movie["average_rating"], Value::Null);
    let path = format!("/v1/movies/{}/reviews", movie["id"]);

    let review = app
        .post(&path, Some(&ana), json!({ "rating": 4, "body": "Great." }))
        .await
        .expect(201);
    assert_eq!(review["username"], "ana");
    assert_eq!(review["rating"], 4);
    app.post(
        &path,
        Some(&ana),
        json!({ "rating": 1, "body": "Changed my mind." }),
    )
    .await
    .expect_problem(409, "review_exists");
    app.post(
        &path,
        Some(&bea),
        json!({ "rating": 5, "body": "Loved it." }),
    )
    .await
    .expect(201);

    let now = app
        .get(&format!("/v1/movies/{}", movie["id"]), None)
        .await
        .expect(200);
    assert_eq!(now["review_count"], 2);
    assert_eq!(now["average_rating"], 4.5);
    let listed = app.get("/v1/movies", None).await.expect(200);
    assert_eq!(listed["items"][0]["review_count"], 2);

    let page = app.get(&path, None).await.expect(200);
    let names: Vec<_> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["username"].clone())
        .collect();
    assert_eq!(names, vec![json!("bea"), json!("ana")], "newest first");
}

#[tokio::test]
async fn review_input_is_checked() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let movie = movie(&app, &admin).await;
    let path = format!("/v1/movies/{}/reviews", movie["id"]);
    for bad in [
        json!({ "rating": 0, "body": "x" }),
        json!({ "rating": 6, "body": "x" }),
        json!({ "rating": 3, "body": "" }),
        json!({ "rating": 3, "body": "x".repeat(2001) }),
    ] {
        app.post(&path, Some(&ana), bad)
            .await
            .expect_problem(400, "invalid_request");
    }
    app.post(
        "/v1/movies/999999/reviews",
        Some(&ana),
        json!({ "rating": 3, "body": "x" }),
    )
    .await
    .expect_problem(404, "movie_not_found");
    app.get("/v1/movies/999999/reviews", None)
        .await
        .expect_problem(404, "movie_not_found");
    app.post(&path, None, json!({ "rating": 3, "body": "x" }))
        .await
        .expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn reviews_and_messages_page_in_their_order() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let movie = movie(&app, &admin).await;
    let path = format!("/v1/movies/{}/reviews", movie["id"]);
    let mut reviews = Vec::new();
    for i in 0..5 {
        let token = app.customer(&format!("critic{i}")).await;
        reviews.push(
            app.post(
                &path,
                Some(&token),
                json!({ "rating": 3, "body": format!("Take {i}") }),
            )
            .await
            .expect(201),
        );
    }
    let first = app.get(&format!("{path}?limit=2"), None).await.expect(200);
    assert_eq!(first["items"][0]["id"], reviews[4]["id"]);
    assert_eq!(first["items"][1]["id"], reviews[3]["id"]);
    let second = app
        .get(
            &format!("{path}?limit=2&after={}", first["next_after"]),
            None,
        )
        .await
        .expect(200);
    assert_eq!(second["items"][0]["id"], reviews[2]["id"]);
    let third = app
        .get(
            &format!("{path}?limit=2&after={}", second["next_after"]),
            None,
        )
        .await
        .expect(200);
    assert_eq!(third["items"].as_array().unwrap().len(), 1);
    assert_eq!(third["next_after"], Value::Null);

    let ana = app.customer("ana").await;
    let thread = format!("/v1/reviews/{}/messages", reviews[0]["id"]);
    for i in 0..3 {
        app.post(&thread, Some(&ana), json!({ "body": format!("Reply {i}") }))
            .await
            .expect(201);
    }
    let page = app
        .get(&format!("{thread}?limit=2"), None)
        .await
        .expect(200);
    assert_eq!(page["items"][0]["body"], "Reply 0", "oldest first");
    assert_eq!(page["items"][0]["username"], "ana");
    let rest = app
        .get(&format!("{thread}?after={}", page["next_after"]), None)
        .await
        .expect(200);
    assert_eq!(rest["items"][0]["body"], "Reply 2");
    assert_eq!(
        app.get("/v1/reviews/999999/messages", None).await.status,
        404
    );
}

#[tokio::test]
async fn messages_are_checked() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let movie = movie(&app, &admin).await;
    let review = app
        .post(
            &format!("/v1/movies/{}/reviews", movie["id"]),
            Some(&ana),
            json!({ "rating": 2, "body": "Meh." }),
        )
        .await
        .expect(201);
    let thread = format!("/v1/reviews/{}/messages", review["id"]);
    app.post(&thread, Some(&ana), json!({ "body": "" }))
        .await
        .expect_problem(400, "invalid_request");
    app.post(&thread, Some(&ana), json!({ "body": "x".repeat(1001) }))
        .await
        .expect_problem(400, "invalid_request");
    app.post(
        "/v1/reviews/999999/messages",
        Some(&ana),
        json!({ "body": "hi" }),
    )
    .await
    .expect_problem(404, "review_not_found");
    app.post(&thread, None, json!({ "body": "hi" }))
        .await
        .expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn authors_and_admins_remove_reviews_and_messages() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let bea = app.customer("bea").await;
    let movie = movie(&app, &admin).await;
    let reviews = format!("/v1/movies/{}/reviews", movie["id"]);
    let anas = app
        .post(&reviews, Some(&ana), json!({ "rating": 5, "body": "Yes." }))
        .await
        .expect(201);
    let beas = app
        .post(&reviews, Some(&bea), json!({ "rating": 1, "body": "No." }))
        .await
        .expect(201);
    let thread = format!("/v1/reviews/{}/messages", anas["id"]);
    let reply = app
        .post(&thread, Some(&bea), json!({ "body": "Disagree." }))
        .await
        .expect(201);
    let other = app
        .post(&thread, Some(&ana), json!({ "body": "Fair." }))
        .await
        .expect(201);

    // Someone else's: 404, and nothing is removed.
    app.delete(&format!("/v1/messages/{}", reply["id"]), Some(&ana))
        .await
        .expect_problem(404, "message_not_found");
    app.delete(&format!("/v1/reviews/{}", beas["id"]), Some(&ana))
        .await
        .expect_problem(404, "review_not_found");
    // The author, then an admin.
    assert_eq!(
        app.delete(&format!("/v1/messages/{}", reply["id"]), Some(&bea))
            .await
            .status,
        204
    );
    assert_eq!(
        app.delete(&format!("/v1/messages/{}", other["id"]), Some(&admin))
            .await
            .status,
        204
    );
    assert_eq!(app.get(&thread, None).await.expect(200)["items"], json!([]));
    assert_eq!(
        app.delete(&format!("/v1/reviews/{}", beas["id"]), Some(&bea))
            .await
            .status,
        204
    );
    assert_eq!(
        app.delete(&format!("/v1/reviews/{}", anas["id"]), Some(&admin))
            .await
            .status,
        204
    );
    let now = app
        .get(&format!("/v1/movies/{}", movie["id"]), None)
        .await
        .expect(200);
    assert_eq!(now["review_count"], 0);
    app.delete(&format!("/v1/reviews/{}", anas["id"]), Some(&admin))
        .await
        .expect_problem(404, "review_not_found");
    app.delete("/v1/messages/1", None)
        .await
        .expect_problem(401, "unauthorized");
}

/// A review of ana's, and a message of hers under it, and the admin's token: demoted.
async fn demoted_admin_and_anas_review(app: &TestApp) -> (String, Value, String, Value) {
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let movie = movie(app, &admin).await;
    let reviews = format!("/v1/movies/{}/reviews", movie["id"]);
    let review = app
        .post(
            &reviews,
            Some(&ana),
            json!({ "rating": 4, "body": "Good." }),
        )
        .await
        .expect(201);
    let thread = format!("/v1/reviews/{}/messages", review["id"]);
    let message = app
        .post(&thread, Some(&ana), json!({ "body": "Also: the score." }))
        .await
        .expect(201);
    // The token still says admin; the database no longer does.
    app.demote("admin").await;
    (admin, review, thread, message)
}

#[tokio::test]
async fn a_demoted_admin_removes_no_one_elses_review() {
    let app = TestApp::spawn().await;
    let (admin, review, _, _) = demoted_admin_and_anas_review(&app).await;
    app.delete(&format!("/v1/reviews/{}", review["id"]), Some(&admin))
        .await
        .expect_problem(404, "review_not_found");
    let reviews = format!("/v1/movies/{}/reviews", review["movie_id"]);
    assert_eq!(
        app.get(&reviews, None).await.expect(200)["items"][0]["id"],
        review["id"]
    );
}

#[tokio::test]
async fn a_demoted_admin_removes_no_one_elses_message() {
    let app = TestApp::spawn().await;
    let (admin, _, thread, message) = demoted_admin_and_anas_review(&app).await;
    app.delete(&format!("/v1/messages/{}", message["id"]), Some(&admin))
        .await
        .expect_problem(404, "message_not_found");
    assert_eq!(
        app.get(&thread, None).await.expect(200)["items"][0]["id"],
        message["id"]
    );
}

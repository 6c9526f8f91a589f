use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, access_token};

#[tokio::test]
async fn register_returns_the_user_as_a_customer() {
    let app = TestApp::spawn().await;
    let user = app.register("ana").await;
    assert_eq!(user["username"], "ana");
    assert_eq!(user["email"], "ana@example.com");
    assert_eq!(user["full_name"], "ana Tester");
    assert_eq!(user["role"], "customer");
    assert!(user["id"].as_i64().unwrap() > 0);
    assert!(user["created_at"].as_str().unwrap().ends_with("+00:00"));
    assert!(user.get("password_hash").is_none() && user.get("password").is_none());
}

#[tokio::test]
async fn usernames_and_emails_are_unique_ignoring_case() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let body = |username: &str, email: &str| json!({ "username": username, "email": email, "password": PASSWORD, "full_name": "A" });
    app.post("/v1/users/register", None, body("ANA", "other@example.com"))
        .await
        .expect_problem(409, "username_taken");
    app.post("/v1/users/register", None, body("bea", "Ana@Example.COM"))
        .await
        .expect_problem(409, "email_taken");
}

#[tokio::test]
async fn registration_validates_its_input() {
    let app = TestApp::spawn().await;
    for bad in [
        json!({ "username": "a", "email": "a@example.com", "password": PASSWORD, "full_name": "A" }),
        json!({ "username": "ana", "email": "not-an-email", "password": PASSWORD, "full_name": "A" }),
        json!({ "username": "ana", "email": "a@example.com", "password": "short", "full_name": "A" }),
        json!({ "username": "ana", "email": "a@example.com", "password": PASSWORD, "full_name": "" }),
        json!({ "username": "ana", "email": "a@example.com", "password": PASSWORD }),
    ] {
        app.post("/v1/users/register", None, bad)
            .await
            .expect_problem(400, "invalid_request");
    }
}

#[tokio::test]
async fn the_password_is_stored_only_as_an_argon2id_hash() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let client = app.pool.get().await.unwrap();
    let hash: String = client
        .query_one(
            "SELECT password_hash FROM users WHERE username = 'ana'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test]
async fn login_returns_tokens_and_counts_logins() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let tokens = app.login("Ana").await;
    assert_eq!(tokens["user"]["username"], "ana");
    for field in [
        "access_token",
        "access_token_expires_at",
        "refresh_token",
        "refresh_token_expires_at",
    ] {
        assert!(tokens[field].is_string(), "{field} in {tokens:#}");
    }
    app.login("ana").await;
    let client = app.pool.get().await.unwrap();
    let row = client
        .query_one(
            "SELECT login_count, last_login_at IS NOT NULL FROM users",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 2);
    assert!(row.get::<_, bool>(1));
    let stored: Vec<u8> = client
        .query_one("SELECT refresh_token_hash FROM sessions LIMIT 1", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored.len(), 32, "only a SHA-256 digest is stored");
}

#[tokio::test]
async fn the_access_token_identifies_the_caller() {
    let app = TestApp::spawn().await;
    let token = app.customer("ana").await;
    let me = app.get("/v1/users/me", Some(&token)).await.expect(200);
    assert_eq!(me["username"], "ana");
    app.get("/v1/users/me", None)
        .await
        .expect_problem(401, "unauthorized");
    app.get("/v1/users/me", Some("not.a.token"))
        .await
        .expect_problem(401, "unauthorized");
    // Tampering with the payload breaks the signature.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].chars().rev().collect();
    app.get("/v1/users/me", Some(&parts.join(".")))
        .await
        .expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_identical_answers_in_similar_time() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let attempt = |username: &'static str| {
        let app = &app;
        async move {
            let verifications = app.state.passwords.verifications();
            let started = Instant::now();
            let reply = app
                .post(
                    "/v1/users/login",
                    None,
                    json!({ "username": username, "password": "wrong password" }),
                )
                .await;
            let took = started.elapsed();
            // The same work either way: exactly one argon2 verification (a decoy hash for
            // an unknown user), so the time cannot tell the two apart.
            assert_eq!(app.state.passwords.verifications(), verifications + 1);
            (reply, took)
        }
    };
    let (mut wrong_password, mut unknown_user) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let (reply, took) = attempt("ana").await;
        wrong_password.push(took);
        let wrong_body = reply.expect_problem(401, "invalid_credentials");
        let (reply, took) = attempt("nobody").await;
        unknown_user.push(took);
        assert_eq!(reply.expect_problem(401, "invalid_credentials"), wrong_body);
    }
    // A sanity bound on the clock too: without the decoy an unknown user answers about a
    // hundred times sooner. Loose, because other tests share the cores.
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (wrong, unknown) = (median(wrong_password), median(unknown_user));
    assert!(
        unknown * 10 > wrong && wrong * 10 > unknown,
        "wrong password took {wrong:?}, unknown user {unknown:?}"
    );
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let first = app.login("ana").await;
    let refresh = |token: &serde_json::Value| {
        app.post("/v1/users/refresh", None, json!({ "refresh_token": token }))
    };
    let second = refresh(&first["refresh_token"]).await.expect(200);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(second["user"]["username"], "ana");
    app.get("/v1/users/me", Some(&access_token(&second)))
        .await
        .expect(200);
    // Rotation continues: each new refresh token works once.
    let third = refresh(&second["refresh_token"]).await.expect(200);
    refresh(&json!("made-up"))
        .await
        .expect_problem(401, "invalid_refresh_token");
    // The first token was used up; presenting it again is a replay, which also ends the
    // session it belonged to.
    refresh(&first["refresh_token"])
        .await
        .expect_problem(401, "invalid_refresh_token");
    refresh(&third["refresh_token"])
        .await
        .expect_problem(401, "invalid_refresh_token");
}

#[tokio::test]
async fn a_refresh_token_can_be_used_once_even_concurrently() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let tokens = app.login("ana").await;
    let body = json!({ "refresh_token": tokens["refresh_token"] });
    let replies = futures::future::join_all(
        (0..10).map(|_| app.post("/v1/users/refresh", None, body.clone())),
    )
    .await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(ok, 1, "{replies:#?}");
    assert!(replies.iter().all(|r| r.status == 200 || r.status == 401));
    // The losers presented a used token: the family is revoked, the winner's token included.
    let winner = replies.iter().find(|r| r.status == 200).unwrap();
    app.post(
        "/v1/users/refresh",
        None,
        json!({ "refresh_token": winner.body["refresh_token"] }),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
}

#[tokio::test]
async fn a_replayed_refresh_token_revokes_its_family_but_not_other_sessions() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let phone = app.login("ana").await;
    let laptop = app.login("ana").await;
    let refresh = |token: &serde_json::Value| {
        app.post("/v1/users/refresh", None, json!({ "refresh_token": token }))
    };
    let rotated = refresh(&phone["refresh_token"]).await.expect(200);
    // A thief replays the phone's first refresh token: refused, and the phone's live token
    // (its successor) is revoked with it.
    refresh(&phone["refresh_token"])
        .await
        .expect_problem(401, "invalid_refresh_token");
    refresh(&rotated["refresh_token"])
        .await
        .expect_problem(401, "invalid_refresh_token");
    // The laptop's session is another family and keeps working.
    refresh(&laptop["refresh_token"]).await.expect(200);
}

#[tokio::test]
async fn logout_with_an_older_access_token_revokes_the_rotated_session() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let first = app.login("ana").await;
    let rotated = app
        .post(
            "/v1/users/refresh",
            None,
            json!({ "refresh_token": first["refresh_token"] }),
        )
        .await
        .expect(200);
    // The access token from before the rotation still identifies the session.
    let reply = app
        .post("/v1/users/logout", Some(&access_token(&first)), json!(null))
        .await;
    assert_eq!(reply.status, 204);
    app.post(
        "/v1/users/refresh",
        None,
        json!({ "refresh_token": rotated["refresh_token"] }),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let tokens = app.login("ana").await;
    let token = access_token(&tokens);
    let reply = app
        .post("/v1/users/logout", Some(&token), json!(null))
        .await;
    assert_eq!(reply.status, 204);
    app.post(
        "/v1/users/refresh",
        None,
        json!({ "refresh_token": tokens["refresh_token"] }),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
    app.post("/v1/users/logout", None, json!(null))
        .await
        .expect_problem(401, "unauthorized");
}

/// Admin operations ask the database who the caller is, not only the token: a token signed
/// with the secret but naming no real user or session is refused, and so is one whose
/// session ended more than the grace period ago, or whose user is no longer an admin.
#[tokio::test]
async fn admin_operations_check_the_user_and_session_in_the_database() {
    use boxoffice::platform::auth::{Role, TokenKeys};

    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let movie =
        json!({ "title": "Checked", "description": "", "duration_minutes": 90, "rating": "G" });
    app.post("/v1/movies", Some(&admin), movie.clone())
        .await
        .expect(201);

    // A forged token: the right secret, an admin role, a user and session that do not exist.
    let keys = TokenKeys::new(crate::helpers::TEST_TOKEN_SECRET.as_bytes());
    let forged = keys.issue(999_999, Role::Admin, 999_999).token;
    app.post("/v1/movies", Some(&forged), movie.clone())
        .await
        .expect_problem(401, "unauthorized");

    // Logged out: within the grace period the token still works for requests under way…
    app.post("/v1/users/logout", Some(&admin), json!({}))
        .await
        .expect(204);
    app.post("/v1/movies", Some(&admin), movie.clone())
        .await
        .expect(201);
    // …and once it has passed, no longer.
    app.owner
        .get()
        .await
        .unwrap()
        .execute(
            "UPDATE sessions SET revoked_at = revoked_at - interval '31 seconds' \
             WHERE revoked_at IS NOT NULL",
            &[],
        )
        .await
        .unwrap();
    app.post("/v1/movies", Some(&admin), movie.clone())
        .await
        .expect_problem(401, "unauthorized");

    // A demoted admin loses the role at once, whatever the token says.
    let tokens = app.login("admin").await;
    let fresh = tokens["access_token"].as_str().unwrap().to_owned();
    app.post("/v1/movies", Some(&fresh), movie.clone())
        .await
        .expect(201);
    app.owner
        .get()
        .await
        .unwrap()
        .execute(
            "UPDATE users SET role = 'customer' WHERE username = 'admin'",
            &[],
        )
        .await
        .unwrap();
    app.post("/v1/movies", Some(&fresh), movie)
        .await
        .expect_problem(403, "forbidden");
}

/// The housekeeping sweep forgets sessions whose refresh token has expired, and only those:
/// revoked ones stay until they expire, for reuse detection.
#[tokio::test]
async fn expired_sessions_are_purged() {
    let app = TestApp::spawn().await;
    app.register("ana").await;
    let first = app.login("ana").await;
    app.login("ana").await;
    app.post("/v1/users/logout", Some(&access_token(&first)), json!({}))
        .await
        .expect(204);
    let owner = app.owner.get().await.unwrap();
    let count = async || -> i64 {
        owner
            .query_one("SELECT count(*) FROM sessions", &[])
            .await
            .unwrap()
            .get(0)
    };
    assert_eq!(count().await, 2);
    // Nothing has expired yet, the revoked session included.
    let purged = boxoffice::identity::sessions::purge_expired_sessions(&app.pool)
        .await
        .unwrap();
    assert_eq!(purged, 0);
    owner
        .execute(
            "UPDATE sessions SET expires_at = now() - interval '1 second' \
             WHERE id = (SELECT min(id) FROM sessions)",
            &[],
        )
        .await
        .unwrap();
    let purged = boxoffice::identity::sessions::purge_expired_sessions(&app.pool)
        .await
        .unwrap();
    assert_eq!(purged, 1);
    assert_eq!(count().await, 1);
}

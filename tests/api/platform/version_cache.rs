//! Movies' versions in memory (platform::version_cache): a revalidation is answered without a
//! query, a change made by anyone reaches the cache through the database's announcement, and
//! an announcement missed while the listener was down leaves no old version behind.

use std::time::{Duration, Instant};

use boxoffice::platform::version_cache::APPLICATION_NAME;
use serde_json::{Value, json};

use crate::catalog::{assert_movie_changed, get_if_none_match};
use crate::helpers::TestApp;

/// A movie, its path and its ETag, once the service's listener is listening.
async fn movie_once_listening(app: &TestApp) -> (i64, String, String) {
    let admin = app.admin().await;
    let movie = app
        .post(
            "/v1/movies",
            Some(&admin),
            json!({ "title": "Orbit", "description": "", "duration_minutes": 90,
                    "rating": "PG", "release_date": null }),
        )
        .await
        .expect(201);
    let id = movie["id"].as_i64().unwrap();
    let path = format!("/v1/movies/{id}");
    // The first lookup starts the listener.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = app.get(&path, None).await;
        assert_eq!(reply.status, 200);
        if app.state.movie_versions.is_listening() {
            return (id, path, reply.header("etag").unwrap().to_owned());
        }
        assert!(Instant::now() < deadline, "the listener did not start");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Runs `sql` with `id` as the schema's owner, as another replica (or an operator) would.
async fn elsewhere(app: &TestApp, sql: &str, id: i64) {
    app.owner
        .get()
        .await
        .unwrap()
        .execute(sql, &[&id])
        .await
        .unwrap();
}

/// Waits until the cache's listening is `listening`.
async fn until_listening_is(app: &TestApp, listening: bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.state.movie_versions.is_listening() != listening {
        assert!(
            Instant::now() < deadline,
            "listening did not become {listening}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn revalidations_are_answered_from_memory_and_changes_made_elsewhere_reach_it() {
    let app = TestApp::spawn().await;
    let (id, path, etag) = movie_once_listening(&app).await;
    get_if_none_match(&app, &path, &etag).await.expect(304);
    assert_eq!(
        app.state.movie_versions.get(id),
        Some(1),
        "known from the read"
    );

    elsewhere(
        &app,
        "UPDATE movies SET title = 'Elsewhere' WHERE id = $1",
        id,
    )
    .await;
    let changed = assert_movie_changed(&app, &path, &etag).await;
    assert_eq!(changed["title"], "Elsewhere");
    assert_eq!(app.state.movie_versions.get(id), Some(2));

    // Deleted elsewhere: no condition, `*` included, is met by a version in memory.
    elsewhere(&app, "DELETE FROM movies WHERE id = $1", id).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let reply = get_if_none_match(&app, &path, "*").await;
        if reply.status == 404 {
            break;
        }
        assert_eq!(reply.status, 304);
        assert!(Instant::now() < deadline, "still 304 after the delete");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(app.state.movie_versions.get(id), None);
}

#[tokio::test]
async fn an_announcement_missed_while_the_listener_was_down_leaves_no_old_version() {
    let app = TestApp::spawn().await;
    let (id, path, etag) = movie_once_listening(&app).await;
    get_if_none_match(&app, &path, &etag).await.expect(304);

    let killed: i64 = app
        .owner
        .get()
        .await
        .unwrap()
        .query_one(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE datname = current_database() AND application_name = $1",
            &[&APPLICATION_NAME],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(killed, 1, "one listener");
    until_listening_is(&app, false).await;
    // Nobody listens: this change's announcement is lost.
    elsewhere(&app, "UPDATE movies SET title = 'Missed' WHERE id = $1", id).await;
    until_listening_is(&app, true).await;

    let reply = get_if_none_match(&app, &path, &etag).await;
    assert_ne!(reply.header("etag"), Some(etag.as_str()));
    let body: Value = reply.expect(200);
    assert_eq!(body["title"], "Missed");
}

//! Movies' versions in memory (platform::version_cache): a revalidation is answered without a
//! query, a change made by anyone reaches the cache through the database's announcement, an
//! announcement missed while the listener was down leaves no old version behind, and a server
//! that goes silent is found out.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use boxoffice::platform::db;
use boxoffice::platform::version_cache::{APPLICATION_NAME, VersionCache};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

use crate::catalog::{assert_movie_changed, get_if_none_match, movie};
use crate::helpers::{TestApp, as_service, eventually, fresh_database, terminate_backends};

const WITHIN: Duration = Duration::from_secs(10);

/// A movie, its path and its ETag, once the service's listener is listening.
async fn movie_once_listening(app: &TestApp) -> (i64, String, String) {
    let admin = app.admin().await;
    let movie = app
        .post("/v1/movies", Some(&admin), movie("Orbit"))
        .await
        .expect(201);
    let id = movie["id"].as_i64().unwrap();
    let path = format!("/v1/movies/{id}");
    app.state.movie_versions.start();
    eventually("the listener starts", WITHIN, || async {
        app.state.movie_versions.is_listening()
    })
    .await;
    let etag = app
        .get(&path, None)
        .await
        .header("etag")
        .unwrap()
        .to_owned();
    (id, path, etag)
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

/// Waits until the cache's listening is `listening`, and checks that the metric says so.
async fn until_listening_is(app: &TestApp, listening: bool) {
    eventually("listening changes", WITHIN, || async {
        app.state.movie_versions.is_listening() == listening
    })
    .await;
    let metrics = app
        .state
        .metrics
        .render(&app.pool, &app.state.movie_versions);
    let line = format!("db_version_listener_up {}", u8::from(listening));
    assert!(metrics.lines().any(|l| l == line), "{metrics}");
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
    eventually("404 after the delete", Duration::from_secs(5), || async {
        let reply = get_if_none_match(&app, &path, "*").await;
        assert!([304, 404].contains(&reply.status.as_u16()), "{reply:?}");
        reply.status == 404
    })
    .await;
    assert_eq!(app.state.movie_versions.get(id), None);
}

#[tokio::test]
async fn an_announcement_missed_while_the_listener_was_down_leaves_no_old_version() {
    let app = TestApp::spawn().await;
    let (id, path, etag) = movie_once_listening(&app).await;
    get_if_none_match(&app, &path, &etag).await.expect(304);

    let killed = terminate_backends(&app.owner, APPLICATION_NAME).await;
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

/// A TCP relay to a PostgreSQL server that can go silent: it then keeps every connection
/// open but passes nothing on, as a lost host or a cut network does.
struct Relay {
    addr: std::net::SocketAddr,
    silent: Arc<AtomicBool>,
}

impl Relay {
    async fn to(upstream: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let silent = Arc::new(AtomicBool::new(false));
        let silence = silent.clone();
        tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                let outbound = TcpStream::connect(&upstream).await.unwrap();
                let (from_client, to_client) = inbound.into_split();
                let (from_server, to_server) = outbound.into_split();
                tokio::spawn(pump(from_client, to_server, silence.clone()));
                tokio::spawn(pump(from_server, to_client, silence.clone()));
            }
        });
        Relay { addr, silent }
    }
}

/// Copies `from` to `to` until the relay goes silent; then holds both open, passing nothing.
async fn pump(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, silent: Arc<AtomicBool>) {
    let mut buffer = vec![0; 16 * 1024];
    loop {
        let Ok(read @ 1..) = from.read(&mut buffer).await else {
            return;
        };
        if silent.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
        if to.write_all(&buffer[..read]).await.is_err() {
            return;
        }
    }
}

#[tokio::test]
async fn a_listener_whose_server_goes_silent_stops_answering_from_memory() {
    let url = as_service(&fresh_database().await);
    // postgres://user[:password]@host:port/database, its host and port relayed.
    let (head, rest) = url.rsplit_once('@').unwrap();
    let (upstream, database) = rest.split_once('/').unwrap();
    let relay = Relay::to(upstream.to_owned()).await;
    let relayed = format!("{head}@{}/{database}", relay.addr);
    let versions = VersionCache::new(&relayed, db::tls(None).unwrap(), "movie_versions").unwrap();

    eventually("the listener starts", WITHIN, || async {
        versions.get(1);
        versions.is_listening()
    })
    .await;
    relay.silent.store(true, Ordering::SeqCst);
    // The heartbeat asks every 5 s and waits 5 s for the answer.
    eventually(
        "out of use after its server went silent",
        Duration::from_secs(15),
        || async { !versions.is_listening() },
    )
    .await;
}

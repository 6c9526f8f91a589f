//! Timeouts on the database path: a lock held elsewhere costs seconds, not the pool.

use std::time::{Duration, Instant};

use futures::future::join_all;

use crate::helpers::{TestApp, server_config};

/// Long enough for the service's lock_timeout (2 s) and a loaded test machine; a service
/// without timeouts waits on the lock for as long as it is held, which this cuts short.
const PATIENCE: Duration = Duration::from_secs(8);

/// A session of the schema's owner in an open transaction that holds every row of
/// `screening`'s seats, until it rolls back.
async fn hold_rows(app: &TestApp, screening: &serde_json::Value) -> deadpool_postgres::Object {
    let holder = app.owner.get().await.unwrap();
    holder
        .batch_execute(&format!(
            "BEGIN; SELECT * FROM screening_rows WHERE screening_id = {} FOR UPDATE",
            screening["id"]
        ))
        .await
        .unwrap();
    holder
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_held_elsewhere_answers_503_in_seconds_and_other_screenings_keep_selling() {
    // A small pool, so that requests stuck on the lock would drain it.
    let app = TestApp::spawn_with(&server_config(600), 4).await;
    let admin = app.admin().await;
    let locked = app.screening(&admin, 20).await;
    let other = app.screening(&admin, 20).await;
    let customers = [
        app.customer("ana").await,
        app.customer("ben").await,
        app.customer("cyd").await,
        app.customer("dina").await,
        app.customer("eddy").await,
        app.customer("flo").await,
    ];

    // An operator's forgotten transaction holds every row of one screening's seats.
    let holder = hold_rows(&app, &locked).await;

    // Six customers at once ask for seats of it, more than the pool has connections: each
    // is told to retry within seconds.
    let started = Instant::now();
    let blocked = tokio::time::timeout(
        PATIENCE,
        join_all(customers.iter().map(|c| app.book(c, &locked["id"], 2))),
    )
    .await
    .expect("bookings of a locked screening answer within seconds, not when the lock goes");
    for reply in blocked {
        assert_eq!(reply.header("retry-after"), Some("1"));
        reply.expect_problem(503, "database_unavailable");
    }
    assert!(started.elapsed() < PATIENCE, "{:?}", started.elapsed());

    // The pool was not drained: the other screening sells while the lock is still held.
    for customer in &customers[..3] {
        let booking = tokio::time::timeout(PATIENCE, app.book(customer, &other["id"], 2))
            .await
            .expect("another screening's booking answers at once")
            .expect(201);
        assert_eq!(booking["seats"], 2);
    }

    // Once the lock goes, the screening sells again.
    holder.batch_execute("ROLLBACK").await.unwrap();
    app.book(&customers[0], &locked["id"], 2).await.expect(201);
    app.assert_no_seat_sold_twice(&locked["id"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_its_deadline_answers_503() {
    let mut config = server_config(600);
    // Shorter than the role's lock_timeout (2 s): the deadline answers first.
    config.http.request_timeout_ms = 500;
    let app = TestApp::spawn_with(&config, 4).await;
    let admin = app.admin().await;
    let screening = app.screening(&admin, 20).await;
    let ana = app.customer("ana").await;

    let holder = hold_rows(&app, &screening).await;

    let started = Instant::now();
    let reply = tokio::time::timeout(PATIENCE, app.book(&ana, &screening["id"], 2))
        .await
        .expect("the deadline answers");
    let took = started.elapsed();
    assert_eq!(reply.header("retry-after"), Some("1"));
    reply.expect_problem(503, "database_unavailable");
    assert!(
        took >= Duration::from_millis(500) && took < Duration::from_millis(1900),
        "answered by the deadline, before the lock timeout: {took:?}"
    );

    // Nothing of the abandoned booking stays: once the lock goes, the seats are all free.
    holder.batch_execute("ROLLBACK").await.unwrap();
    let seats = app.available_labels(&screening["id"]).await;
    assert_eq!(seats.len(), 20, "{seats:?}");
}

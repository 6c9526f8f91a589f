//! `boxoffice db locks` and the lock gauges.

use std::time::Duration;

use boxoffice::app;
use boxoffice::ops::locks;

use crate::helpers::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_session_and_its_blocker_are_named() {
    let app = TestApp::spawn().await;
    let owner = &app.owner;
    // The server is shared with tests running at once, whose sessions may wait for locks of
    // their own: only this test's sessions are looked at.

    // One connection holds a row lock in an open transaction…
    let mut holder = owner.get().await.unwrap();
    let holding = holder.transaction().await.unwrap();
    holding
        .execute("SELECT * FROM accounts WHERE id = 1 FOR UPDATE", &[])
        .await
        .unwrap();
    let holder_pid: i32 = holding
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .unwrap()
        .get(0);
    // …and another waits for it.
    let waiter = owner.get().await.unwrap();
    let waiter_pid: i32 = waiter
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .unwrap()
        .get(0);
    let waiting = tokio::spawn(async move {
        waiter
            .execute("SELECT * FROM accounts WHERE id = 1 FOR UPDATE", &[])
            .await
    });

    let mine = |mut sessions: Vec<locks::BlockedSession>| {
        sessions.retain(|s| s.blocked_pid == waiter_pid);
        sessions
    };
    let mut blocked = Vec::new();
    for _ in 0..100 {
        blocked = mine(locks::blocked_sessions(owner).await.unwrap());
        if !blocked.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(blocked.len(), 1, "{blocked:?}");
    let report = locks::describe(&blocked);
    assert!(
        report.contains(&format!("blocked pid {waiter_pid}"))
            && report.contains(&format!("blocked by pid {holder_pid}")),
        "{report}"
    );
    assert!(
        report.contains("accounts") && report.contains("FOR UPDATE"),
        "{report}"
    );

    // The sweep's sample shows up in the metrics.
    locks::sample(owner, &app.state.metrics).await.unwrap();
    let metrics = poem::test::TestClient::new(app::metrics_routes(&app.service))
        .get("/metrics")
        .send()
        .await
        .0
        .into_body()
        .into_string()
        .await
        .unwrap();
    let waits: u64 = metrics
        .lines()
        .find_map(|line| line.strip_prefix("db_lock_waits "))
        .and_then(|n| n.trim().parse().ok())
        .expect("db_lock_waits");
    assert!(waits >= 1, "{metrics}");
    assert!(
        metrics.contains("db_longest_transaction_seconds "),
        "{metrics}"
    );

    holding.rollback().await.unwrap();
    waiting.await.unwrap().unwrap();
    assert!(mine(locks::blocked_sessions(owner).await.unwrap()).is_empty());
}

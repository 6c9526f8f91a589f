//! A database URL that lists several hosts (`@a,b,c`, as behind Patroni) keeps working
//! quickly while one of them is silent, neither answering nor refusing, as a node cut off the
//! network is: the silent host is waited on once, then tried last.

use std::time::{Duration, Instant};

use boxoffice::platform::db;

use crate::helpers::fresh_database;

#[tokio::test]
async fn a_silent_host_listed_first_is_waited_on_once_then_tried_last() {
    let database = fresh_database().await;
    // A listener whose backlog of one is taken: the kernel drops further SYNs without a
    // word, so a connect to it hangs until its timeout, as one to a cut-off node does.
    let silent = tokio::net::TcpSocket::new_v4().unwrap();
    silent.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let silent = silent.listen(0).unwrap();
    let port = silent.local_addr().unwrap().port();
    let _queued = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let url = silent_host_first(&database, port);
    let pool = db::pool(&url, 4).unwrap();

    let mut held = Vec::new();
    let mut waits = Vec::new();
    for _ in 0..4 {
        let started = Instant::now();
        let client = pool.get().await.expect("a connection past the silent host");
        waits.push(started.elapsed());
        client.execute("SELECT 1", &[]).await.unwrap();
        held.push(client); // held, so that the next get opens a new connection
    }
    assert!(
        waits[0] >= Duration::from_secs(1),
        "the first connection waits out connect_timeout on the silent host: {waits:?}"
    );
    assert!(
        waits[1..].iter().all(|wait| *wait < Duration::from_secs(1)),
        "later connections go to the host that answered first: {waits:?}"
    );
}

/// `url` with a silent host on `port` listed before its own, and a `connect_timeout` of 1 s.
fn silent_host_first(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (userinfo, host) = match rest.split_once('@') {
        Some((userinfo, host)) => (format!("{userinfo}@"), host),
        None => (String::new(), rest),
    };
    let separator = if host.contains('?') { '&' } else { '?' };
    format!("{scheme}://{userinfo}127.0.0.1:{port},{host}{separator}connect_timeout=1")
}

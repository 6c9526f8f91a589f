//! Webhooks: a receiver started here gets every subscribed event, signed so that the Standard
//! Webhooks reference library verifies it; failures are retried, given up on, retried by
//! hand; a worker killed mid-send loses nothing; two instances send each event once.

use std::collections::{BTreeSet, HashSet};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use boxoffice::app;
use poem::http::{HeaderMap, StatusCode};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{Request, Server, endpoint::make};
use serde_json::{Value, json};

use crate::events::{feed_of_at_least, live_a_booking};
use crate::helpers::{TestApp, server_config, uncapped_config};

/// One request the receiver got.
#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Received {
    fn webhook_id(&self) -> String {
        self.headers["webhook-id"].to_str().unwrap().to_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// A webhook receiver on 127.0.0.1: records every request, and answers 500 to the next
/// `fail` requests and never answers the next `hang` ones before it answers 204.
struct Receiver {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    fail: Arc<AtomicUsize>,
    hang: Arc<AtomicUsize>,
}

/// Takes one from `counter` if it is not zero.
fn take_one(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

impl Receiver {
    async fn start() -> Receiver {
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let (fail, hang) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let endpoint = {
            let (received, fail, hang) = (received.clone(), fail.clone(), hang.clone());
            make(move |req: Request| {
                let (received, fail, hang) = (received.clone(), fail.clone(), hang.clone());
                async move {
                    let headers = req.headers().clone();
                    let body = req.into_body().into_vec().await.unwrap();
                    received.lock().unwrap().push(Received { headers, body });
                    if take_one(&hang) {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                    }
                    if take_one(&fail) {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::NO_CONTENT
                    }
                }
            })
        };
        tokio::spawn(Server::new_with_acceptor(acceptor).run(endpoint));
        Receiver {
            addr,
            received,
            fail,
            hang,
        }
    }

    fn url(&self) -> String {
        format!("http://{}/hooks/boxoffice", self.addr)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// What a receiver keeps: one request per `webhook-id` (the first), as deliveries are at
    /// least once.
    fn deduplicated(&self) -> Vec<Received> {
        let mut seen = HashSet::new();
        self.received()
            .into_iter()
            .filter(|r| seen.insert(r.webhook_id()))
            .collect()
    }
}

/// Waits up to 20 s for `check` to give a value.
async fn eventually<T, F: Future<Output = Option<T>>>(what: &str, check: impl Fn() -> F) -> T {
    for _ in 0..400 {
        if let Some(value) = check().await {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

const ALL_TYPES: [&str; 10] = [
    "booking.created",
    "booking.confirmed",
    "booking.cancelled",
    "booking.expired",
    "payment.completed",
    "payment.refunded",
    "order.created",
    "order.confirmed",
    "order.cancelled",
    "ticket.checked_in",
];

fn hall(rows: &[&str], seats: u32) -> Value {
    let layout: Vec<Value> = rows
        .iter()
        .map(|row| json!({ "row": row, "seats": seats }))
        .collect();
    json!({ "layout": layout })
}

impl TestApp {
    /// Asserts `webhook_deliveries_total{outcome}` of each (outcome, count) on /metrics.
    fn assert_deliveries_counted(&self, counts: &[(&str, u32)]) {
        let metrics = self
            .state
            .metrics
            .render(&self.pool, &self.state.movie_versions);
        for (outcome, count) in counts {
            let line = format!(r#"webhook_deliveries_total{{outcome="{outcome}"}} {count}"#);
            assert!(metrics.contains(&line), "{line} in {metrics}");
        }
    }

    /// Creates a webhook to `url` for `events`; returns the answer (with the secret).
    async fn webhook(&self, admin: &str, url: &str, events: &[&str]) -> Value {
        self.post(
            "/v1/webhooks",
            Some(admin),
            json!({ "url": url, "events": events }),
        )
        .await
        .expect(201)
    }

    /// Starts a delivery worker on this instance's state, as the server does.
    fn start_webhook_worker(&self) -> tokio::task::JoinHandle<()> {
        let worker = app::jobs::webhook_worker(&self.service)
            .expect("the webhook client builds")
            .expect("the tests' concurrency is not 0");
        tokio::spawn(worker.run())
    }

    /// Every delivery of a webhook (one page of up to 100).
    async fn deliveries(&self, admin: &str, webhook: &Value) -> Vec<Value> {
        let path = format!("/v1/webhooks/{}/deliveries?limit=100", webhook["id"]);
        let page = self.get(&path, Some(admin)).await.expect(200);
        page["items"].as_array().unwrap().clone()
    }

    /// The deliveries of a webhook once there are `count` and all are in `status`.
    async fn deliveries_once_all(
        &self,
        admin: &str,
        webhook: &Value,
        count: usize,
        status: &str,
    ) -> Vec<Value> {
        eventually(&format!("{count} deliveries {status}"), || async {
            let deliveries = self.deliveries(admin, webhook).await;
            (deliveries.len() == count && deliveries.iter().all(|d| d["status"] == status))
                .then_some(deliveries)
        })
        .await
    }
}

#[tokio::test]
async fn a_receiver_gets_every_event_of_a_bookings_life_signed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let receiver = Receiver::start().await;
    // Not order.created: the popcorn order is never sent.
    let subscribed = [
        "booking.created",
        "booking.confirmed",
        "payment.completed",
        "payment.refunded",
        "ticket.checked_in",
        "booking.seats_released",
        "ticket.voided",
    ];
    let webhook = app.webhook(&admin, &receiver.url(), &subscribed).await;
    let secret = webhook["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{secret}");
    app.start_webhook_worker();

    let booking = live_a_booking(&app, &admin).await.booking;

    let deliveries = app
        .deliveries_once_all(&admin, &webhook, 7, "delivered")
        .await;
    assert!(
        deliveries.iter().all(|d| d["attempts"] == 1),
        "{deliveries:#?}"
    );
    let verifier = standardwebhooks::Webhook::new(&secret).unwrap();
    let received = receiver.deduplicated();
    let mut types = BTreeSet::new();
    for message in &received {
        verifier
            .verify(&message.body, &message.headers)
            .expect("the signature verifies");
        assert!(
            verifier.verify(b"{}", &message.headers).is_err(),
            "a changed body does not verify"
        );
        let body = message.json();
        assert_eq!(body["id"], message.webhook_id());
        assert_eq!(message.headers["content-type"], "application/json");
        types.insert(body["type"].as_str().unwrap().to_owned());
        if body["type"] == "booking.confirmed" {
            assert_eq!(body["data"]["id"], booking["id"]);
            assert_eq!(body["data"]["status"], "confirmed");
        }
    }
    assert_eq!(types, BTreeSet::from(subscribed.map(str::to_owned)));

    // The same events as the feed, by id.
    // Seven subscribed events and the order's.
    let feed = feed_of_at_least(&app, &admin, 8).await;
    let feed_ids: BTreeSet<&str> = feed
        .iter()
        .filter(|e| e["type"] != "order.created")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let received_ids: BTreeSet<String> = received.iter().map(Received::webhook_id).collect();
    assert_eq!(
        feed_ids,
        received_ids
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
    );
    app.assert_deliveries_counted(&[("delivered", 7)]);
}

#[tokio::test]
async fn a_failing_receiver_gets_the_event_again_until_it_takes_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let receiver = Receiver::start().await;
    receiver.fail.store(3, Ordering::SeqCst);
    let webhook = app
        .webhook(&admin, &receiver.url(), &["booking.created"])
        .await;
    app.start_webhook_worker();
    let screening = app.screening_in(&admin, hall(&["A"], 6), json!({})).await;
    app.book(&ana, &screening["id"], 2).await.expect(201);

    let deliveries = app
        .deliveries_once_all(&admin, &webhook, 1, "delivered")
        .await;
    let delivery = &deliveries[0];
    assert_eq!(delivery["attempts"], 4);
    assert_eq!(delivery["last_status_code"], 204);
    assert_eq!(delivery["last_error"], Value::Null);
    let received = receiver.received();
    assert_eq!(received.len(), 4);
    let ids: HashSet<String> = received.iter().map(Received::webhook_id).collect();
    assert_eq!(ids.len(), 1, "every attempt carries the same webhook-id");
    app.assert_deliveries_counted(&[("failed", 3), ("delivered", 1)]);
}

#[tokio::test]
async fn a_receiver_that_never_answers_ends_dead_and_the_retry_endpoint_delivers() {
    let mut config = server_config(600);
    config.webhooks.webhook_timeout_ms = 200;
    config.webhooks.webhook_retry_window_seconds = 1;
    let app = TestApp::spawn_with(&config, 16).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let receiver = Receiver::start().await;
    receiver.hang.store(usize::MAX, Ordering::SeqCst);
    // A receiver that authenticates by a token in its URL, as many do.
    let url = format!("{}?token=s3cret-in-the-url", receiver.url());
    let webhook = app.webhook(&admin, &url, &["booking.created"]).await;
    app.start_webhook_worker();
    let screening = app.screening_in(&admin, hall(&["A"], 6), json!({})).await;
    app.book(&ana, &screening["id"], 2).await.expect(201);

    let dead = app.deliveries_once_all(&admin, &webhook, 1, "dead").await;
    let delivery = &dead[0];
    assert!(delivery["attempts"].as_i64().unwrap() >= 2, "{delivery:#?}");
    assert_eq!(delivery["last_status_code"], Value::Null, "no answer came");
    let error = delivery["last_error"].as_str().unwrap_or_default();
    assert!(!error.is_empty(), "{delivery:#?}");
    // Why it failed, without the URL's secret (admins who read deliveries may not be the
    // ones who set the webhook up, and the error is logged too).
    assert!(!error.contains("s3cret"), "{error}");
    let page = format!("/v1/webhooks/{}/deliveries?status=dead", webhook["id"]);
    assert_eq!(
        app.get(&page, Some(&admin)).await.expect(200)["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let attempts_when_dead = receiver.received().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.received().len(),
        attempts_when_dead,
        "dead is not retried"
    );

    // The receiver is fixed; an admin sends the delivery again.
    receiver.hang.store(0, Ordering::SeqCst);
    let retry = format!(
        "/v1/webhooks/{}/deliveries/{}/retry",
        webhook["id"], delivery["id"]
    );
    let retried = app
        .post_without_body(&retry, Some(&admin))
        .await
        .expect(202);
    assert_eq!(retried["status"], "pending");
    app.deliveries_once_all(&admin, &webhook, 1, "delivered")
        .await;
    app.post_without_body(&retry, Some(&admin))
        .await
        .expect_problem(409, "delivery_not_dead");
    let unknown = format!(
        "/v1/webhooks/{}/deliveries/{}/retry",
        webhook["id"],
        delivery["id"].as_i64().unwrap() + 1000
    );
    app.post_without_body(&unknown, Some(&admin))
        .await
        .expect_problem(404, "delivery_not_found");
    app.assert_deliveries_counted(&[("dead", 1)]);
}

#[tokio::test]
async fn a_worker_killed_mid_send_loses_nothing() {
    let mut config = server_config(600);
    // A claim lapses after 2 × 300 ms.
    config.webhooks.webhook_timeout_ms = 300;
    let app = TestApp::spawn_with(&config, 16).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let receiver = Receiver::start().await;
    receiver.hang.store(1, Ordering::SeqCst);
    let webhook = app
        .webhook(&admin, &receiver.url(), &["booking.created"])
        .await;
    let first = app.start_webhook_worker();
    let screening = app.screening_in(&admin, hall(&["A"], 6), json!({})).await;
    app.book(&ana, &screening["id"], 2).await.expect(201);
    eventually("the first attempt to arrive", || async {
        (!receiver.received().is_empty()).then_some(())
    })
    .await;
    // Killed while the receiver holds the request, before the worker records anything.
    first.abort();
    let _ = first.await;
    app.start_webhook_worker();

    let deliveries = app
        .deliveries_once_all(&admin, &webhook, 1, "delivered")
        .await;
    assert_eq!(deliveries[0]["attempts"], 2);
    let received = receiver.received();
    assert_eq!(received.len(), 2, "the interrupted attempt, then its retry");
    assert_eq!(received[0].webhook_id(), received[1].webhook_id());
    assert_eq!(receiver.deduplicated().len(), 1);
}

#[tokio::test]
async fn a_receiver_that_hangs_does_not_hold_up_the_others() {
    let mut config = server_config(600);
    config.webhooks.webhook_timeout_ms = 30_000;
    let app = TestApp::spawn_with(&config, 16).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let (slow, fast) = (Receiver::start().await, Receiver::start().await);
    slow.hang.store(usize::MAX, Ordering::SeqCst);
    for receiver in [&slow, &fast] {
        app.webhook(&admin, &receiver.url(), &["booking.created"])
            .await;
    }
    app.start_webhook_worker();
    let screening = app.screening_in(&admin, hall(&["A"], 6), json!({})).await;
    app.book(&ana, &screening["id"], 1).await.expect(201);
    eventually("both receivers to get the first event", || async {
        (!slow.received().is_empty() && !fast.received().is_empty()).then_some(())
    })
    .await;

    // The slow receiver holds its request for the whole timeout (30 s); the next events
    // reach the fast one meanwhile.
    for _ in 0..3 {
        app.book(&ana, &screening["id"], 1).await.expect(201);
    }
    tokio::time::timeout(
        Duration::from_secs(10),
        eventually("the fast receiver to get all four", || async {
            (fast.received().len() == 4).then_some(())
        }),
    )
    .await
    .expect("the fast receiver got its events while the slow one hung");
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_event_once() {
    let app = TestApp::spawn_uncapped().await;
    let other = TestApp::on(&uncapped_config(600), app.pool.clone(), app.owner.clone());
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let receiver = Receiver::start().await;
    let webhook = app
        .webhook(&admin, &receiver.url(), &["booking.created"])
        .await;
    app.start_webhook_worker();
    other.start_webhook_worker();
    let screening = app
        .screening_in(&admin, hall(&["A", "B", "C"], 10), json!({}))
        .await;
    let bookings = (0..30).map(|_| app.book(&ana, &screening["id"], 1));
    for reply in futures::future::join_all(bookings).await {
        reply.expect(201);
    }

    let deliveries = app
        .deliveries_once_all(&admin, &webhook, 30, "delivered")
        .await;
    assert!(
        deliveries.iter().all(|d| d["attempts"] == 1),
        "{deliveries:#?}"
    );
    let received = receiver.received();
    assert_eq!(received.len(), 30, "no event sent twice");
    assert_eq!(receiver.deduplicated().len(), 30);
}

#[tokio::test]
async fn a_change_that_rolls_back_sends_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let receiver = Receiver::start().await;
    let webhook = app.webhook(&admin, &receiver.url(), &ALL_TYPES).await;
    app.start_webhook_worker();
    let screening = app
        .screening_in(&admin, hall(&["A", "B"], 6), json!({}))
        .await;
    // Best available writes its booking (and event) before it finds no block of 7; the
    // savepoint rolls them back.
    app.book(&ana, &screening["id"], 7)
        .await
        .expect_problem(409, "no_adjacent_seats");
    let booking = app.book(&ana, &screening["id"], 2).await.expect(201);

    let deliveries = app
        .deliveries_once_all(&admin, &webhook, 1, "delivered")
        .await;
    assert_eq!(deliveries[0]["event_type"], "booking.created");
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].json()["data"]["id"], booking["id"]);
}

#[tokio::test]
async fn admins_manage_webhooks_and_unsafe_urls_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let url = "http://127.0.0.1:9/hooks";
    let created = app
        .webhook(
            &admin,
            url,
            &["order.created", "booking.created", "order.created"],
        )
        .await;
    assert_eq!(created["url"], url);
    assert_eq!(
        created["events"],
        json!(["booking.created", "order.created"]),
        "repeats are dropped"
    );
    let path = format!("/v1/webhooks/{}", created["id"]);
    let shown = app.get(&path, Some(&admin)).await.expect(200);
    assert_eq!(
        shown["secret"],
        Value::Null,
        "the secret is shown only once"
    );
    assert_eq!(shown["events"], created["events"]);
    let list = app.get("/v1/webhooks", Some(&admin)).await.expect(200);
    assert_eq!(list["items"], json!([shown]));
    app.get(&format!("{path}/deliveries"), Some(&admin))
        .await
        .expect(200);

    let body = json!({ "url": "https://hooks.example.com/", "events": ["booking.created"] });
    app.post("/v1/webhooks", Some(&ana), body.clone())
        .await
        .expect_problem(403, "forbidden");
    app.get("/v1/webhooks", Some(&ana))
        .await
        .expect_problem(403, "forbidden");
    for refused in [
        "http://hooks.example.com/",
        "https://10.0.0.1/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://[::ffff:192.168.0.1]/",
        "https://user:password@127.0.0.1/",
        "ftp://127.0.0.1/",
        "not a url",
    ] {
        app.post(
            "/v1/webhooks",
            Some(&admin),
            json!({ "url": refused, "events": ["booking.created"] }),
        )
        .await
        .expect_problem(422, "webhook_url_refused");
    }
    for bad_events in [json!([]), json!(["booking.made"])] {
        app.post(
            "/v1/webhooks",
            Some(&admin),
            json!({ "url": url, "events": bad_events }),
        )
        .await
        .expect_problem(400, "invalid_request");
    }

    app.delete(&path, Some(&admin)).await.expect(204);
    app.get(&path, Some(&admin))
        .await
        .expect_problem(404, "webhook_not_found");
    app.delete(&path, Some(&admin))
        .await
        .expect_problem(404, "webhook_not_found");
    app.get(&format!("{path}/deliveries"), Some(&admin))
        .await
        .expect_problem(404, "webhook_not_found");
}

#[tokio::test]
async fn loopback_receivers_need_the_development_setting() {
    let mut config = server_config(600);
    config.webhooks.webhook_allow_loopback = false;
    let app = TestApp::spawn_with(&config, 4).await;
    let admin = app.admin().await;
    for refused in [
        "http://127.0.0.1:8000/",
        "https://127.0.0.1/",
        "https://[::1]/",
    ] {
        app.post(
            "/v1/webhooks",
            Some(&admin),
            json!({ "url": refused, "events": ["booking.created"] }),
        )
        .await
        .expect_problem(422, "webhook_url_refused");
    }
}

/// A receiver whose host takes connections and never answers holds at most its share of the
/// worker's places, so a healthy receiver's events arrive within seconds; after failures in
/// a row it is paused, visibly, and sent nothing until the pause ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_black_holed_receiver_holds_one_place_and_is_paused() {
    let mut config = uncapped_config(600);
    config.webhooks.webhook_timeout_ms = 2_000;
    config.webhooks.webhook_concurrency = 4;
    config.webhooks.webhook_max_in_flight_per_webhook = 1;
    config.webhooks.webhook_failures_before_pause = 3;
    config.webhooks.webhook_pause_seconds = 600;
    let app = TestApp::spawn_with(&config, 16).await;
    let admin = app.admin().await;
    let ana = app.customer("ana").await;
    let (dead, healthy) = (Receiver::start().await, Receiver::start().await);
    dead.hang.store(usize::MAX, Ordering::SeqCst);
    let dead_webhook = app.webhook(&admin, &dead.url(), &["booking.created"]).await;
    let screening = app
        .screening_in(&admin, hall(&["A", "B"], 10), json!({}))
        .await;
    // A backlog for the dead receiver, older than anything the healthy one will get.
    for _ in 0..8 {
        app.book(&ana, &screening["id"], 1).await.expect(201);
    }
    app.webhook(&admin, &healthy.url(), &["booking.created"])
        .await;
    app.start_webhook_worker();
    let started = std::time::Instant::now();
    for _ in 0..12 {
        app.book(&ana, &screening["id"], 1).await.expect(201);
    }
    tokio::time::timeout(
        Duration::from_secs(4),
        eventually("the healthy receiver to get all twelve", || async {
            (healthy.received().len() >= 12).then_some(())
        }),
    )
    .await
    .unwrap_or_else(|_| {
        panic!(
            "after {:?} the healthy receiver had {} of 12",
            started.elapsed(),
            healthy.received().len()
        )
    });

    // Three attempts in a row time out: the dead receiver's webhook is paused.
    let path = format!("/v1/webhooks/{}", dead_webhook["id"]);
    let paused = tokio::time::timeout(
        Duration::from_secs(20),
        eventually("the dead receiver's webhook to be paused", || async {
            let webhook = app.get(&path, Some(&admin)).await.expect(200);
            webhook["paused_until"].is_string().then_some(webhook)
        }),
    )
    .await
    .expect("paused within three timeouts");
    assert!(
        paused["consecutive_failures"].as_i64().unwrap() >= 3,
        "{paused}"
    );
    let metrics = app
        .state
        .metrics
        .render(&app.pool, &app.state.movie_versions);
    assert!(metrics.contains("webhook_pauses_total 1"), "{metrics}");
    let attempts = dead.received().len();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        dead.received().len(),
        attempts,
        "nothing is sent while paused"
    );
}

#[tokio::test]
async fn an_integrations_account_follows_events_and_nothing_else() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let connector = app.integrations().await;
    let ana = app.customer("ana").await;
    let usher = app.staff().await;

    // What a connected system needs: webhooks and the event feed.
    let created = app
        .webhook(&connector, "http://127.0.0.1:9/hooks", &["booking.created"])
        .await;
    let path = format!("/v1/webhooks/{}", created["id"]);
    app.get(&path, Some(&connector)).await.expect(200);
    app.get(&format!("{path}/deliveries"), Some(&connector))
        .await
        .expect(200);
    let screening = app.screening(&admin, 4).await;
    let booking = app.book(&ana, &screening["id"], 1).await.expect(201);
    let feed = crate::events::feed_with(&app, &connector, "booking.created", 1).await;
    assert!(
        feed.iter()
            .any(|e| e["type"] == "booking.created" && e["data"]["id"] == booking["id"]),
        "{feed:?}"
    );
    app.get("/v1/webhooks", Some(&admin)).await.expect(200);

    // Nothing of an admin's else: no money, no catalog, no door.
    let account = app
        .post("/v1/accounts", Some(&ana), json!({ "currency": "EUR" }))
        .await
        .expect(201);
    app.post_idempotent(
        &format!("/v1/accounts/{}/deposits", account["id"]),
        &connector,
        "d-1",
        &json!({ "amount": 100_000 }),
    )
    .await
    .expect_problem(403, "forbidden");
    app.post(
        "/v1/movies",
        Some(&connector),
        crate::catalog::movie("Heist"),
    )
    .await
    .expect_problem(403, "forbidden");
    app.get(
        &format!("/v1/screenings/{}/checkins", screening["id"]),
        Some(&connector),
    )
    .await
    .expect_problem(403, "forbidden");

    // And the other roles do not get the feed.
    for token in [&ana, &usher] {
        app.get("/v1/events", Some(token))
            .await
            .expect_problem(403, "forbidden");
        app.get("/v1/webhooks", Some(token))
            .await
            .expect_problem(403, "forbidden");
    }
}

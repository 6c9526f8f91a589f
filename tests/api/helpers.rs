//! The test harness: one PostgreSQL server per test run (a throwaway one started from the
//! machine's binaries unless `DATABASE_URL` names a server), one migrated template database,
//! and a fresh copy of it for every test, so tests run in parallel without seeing each other.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use boxoffice::app::{self, Config, Service};
use boxoffice::catalog::movies;
use boxoffice::identity::users::create_user;
use boxoffice::ops::local_pg::LocalPostgres;
use boxoffice::platform::AppState;
use boxoffice::platform::auth::Role;
use boxoffice::platform::db::{self, SERVICE_ROLE, create_database_if_missing};
use boxoffice::platform::shared_reads::SharedReads;
use boxoffice::platform::version_cache::VersionCache;
use clap::Parser as _;
use deadpool_postgres::Pool;
use poem::endpoint::BoxEndpoint;
use poem::http::StatusCode;
use poem::test::{TestClient, TestRequestBuilder};
use poem::{Endpoint, EndpointExt};
use serde_json::{Value, json};

/// The password every test user has.
pub const PASSWORD: &str = "correct horse battery";

struct TestServer {
    /// Keeps the throwaway server alive for the whole run.
    _local: Option<LocalPostgres>,
    /// `postgres://…:port/` without a database name.
    base_url: String,
    template: String,
}

static SERVER: OnceLock<TestServer> = OnceLock::new();
static NEXT_DATABASE: AtomicU64 = AtomicU64::new(0);

fn server() -> &'static TestServer {
    SERVER.get_or_init(|| {
        // Its own thread and runtime: each test has a runtime of its own, which ends with it.
        std::thread::spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime")
                .block_on(start_server())
        })
        .join()
        .expect("the test database server starts")
    })
}

async fn start_server() -> TestServer {
    let (local, base_url) = match std::env::var("DATABASE_URL") {
        Ok(url) => (None, server_url(&url)),
        Err(_) => {
            let local = LocalPostgres::start_throwaway().unwrap_or_else(|err| {
                panic!("starting a throwaway PostgreSQL for the tests: {err}")
            });
            let url = local.url("");
            (Some(local), url)
        }
    };
    let template = format!("boxoffice_template_{}", std::process::id());
    create_database_if_missing(&format!("{base_url}postgres"), &template)
        .await
        .expect("creating the template database");
    let pool = db::pool(&format!("{base_url}{template}"), 1).expect("template pool");
    app::migrate_up(&pool)
        .await
        .expect("migrating the template");
    // CREATE DATABASE … TEMPLATE needs the template to have no connections.
    pool.close();
    // The service connects as its own role, which owns nothing, as in production.
    app::ensure_service_login(
        &format!("{base_url}postgres"),
        password(&base_url).as_deref(),
    )
    .await
    .expect("letting the service role log in");
    TestServer {
        _local: local,
        base_url,
        template,
    }
}

/// The password of a URL's user, if it has one.
fn password(url: &str) -> Option<String> {
    let userinfo = url.split("://").nth(1)?.split('@').next()?;
    userinfo
        .split_once(':')
        .map(|(_, password)| password.to_owned())
}

/// The same database as the service role ([`SERVICE_ROLE`]), with the test server's password
/// if it has one.
pub fn as_service(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let host = rest.split_once('@').map_or(rest, |(_, host)| host);
    match password(url) {
        Some(password) => format!("{scheme}://{SERVICE_ROLE}:{password}@{host}"),
        None => format!("{scheme}://{SERVICE_ROLE}@{host}"),
    }
}

/// `postgres://host:port/` from a URL that may name a database.
fn server_url(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => url[..after_scheme + slash + 1].to_owned(),
        None => format!("{url}/"),
    }
}

/// A name no other database of this test run has.
fn unique_database_name(kind: &str) -> String {
    format!(
        "boxoffice_{kind}_{}_{}",
        std::process::id(),
        NEXT_DATABASE.fetch_add(1, Ordering::Relaxed)
    )
}

/// A new, migrated database (a copy of the template); returns its URL.
pub async fn fresh_database() -> String {
    let server = server();
    let name = unique_database_name("test");
    let (client, connection) = tokio_postgres::connect(
        &format!("{}postgres", server.base_url),
        tokio_postgres::NoTls,
    )
    .await
    .expect("connecting to the test server");
    tokio::spawn(connection);
    client
        .batch_execute(&format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{}\"",
            server.template
        ))
        .await
        .expect("copying the template database");
    format!("{}{name}", server.base_url)
}

/// A new database with no schema at all; returns its URL.
pub async fn empty_database() -> String {
    let server = server();
    let name = unique_database_name("empty");
    create_database_if_missing(&format!("{}postgres", server.base_url), &name)
        .await
        .expect("creating an empty database");
    format!("{}{name}", server.base_url)
}

/// The secret the tests sign tokens with: published here, so a real service refuses it.
pub const TEST_TOKEN_SECRET: &str = "a test secret that is at least 32 bytes long";

/// The settings tests run the service with, parsed from flags by the service's own
/// configuration code (so every default is the real one); `booking_hold_seconds` as given.
pub fn server_config(booking_hold_seconds: u64) -> Config {
    let hold = booking_hold_seconds.to_string();
    Config::try_parse_from([
        "boxoffice",
        "--listen-addr=127.0.0.1:0",
        "--metrics-addr=127.0.0.1:0",
        "--token-secret",
        TEST_TOKEN_SECRET,
        // Tests register and log in many users from one (unknown) address; the rate-limit
        // tests turn the limits on.
        "--auth-rate-limit=0",
        "--login-rate-limit-per-username=0",
        // Tests send thousands of requests at once in-process; shedding is tested against the
        // binary (ops::edge).
        "--max-in-flight-requests=100000",
        "--booking-rate-limit=0",
        "--booking-hold-seconds",
        &hold,
        // The tests' screenings start in a day; check-in opens two days before.
        "--checkin-opens-minutes=2880",
        // Webhook receivers of the tests listen on loopback; retries come quickly. Only the
        // webhook tests start a delivery worker.
        "--webhook-timeout-ms=2000",
        "--webhook-retry-base-ms=20",
        "--webhook-poll-ms=20",
        "--webhook-allow-loopback",
    ])
    .expect("the test settings parse")
}

/// The service on its own database, driven in-process through the real router.
pub struct TestApp {
    pub api: TestClient<BoxEndpoint<'static>>,
    /// The service as assembled; `state` is its shared state.
    pub service: Service,
    pub state: Arc<AppState>,
    /// The service's connections, as the service role.
    pub pool: Pool,
    /// Connections as the schema's owner, for tests that change what the service cannot
    /// (backdating, tampering).
    pub owner: Pool,
}

/// A response: status and JSON body (`Null` when there is none).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: Option<String>,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    /// Every header.
    pub headers: poem::http::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// A header's value, if it is there and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Reply {
    /// Panics unless the status is `status`; returns the body.
    #[track_caller]
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected reply: {:#?}",
            self.body
        );
        self.body
    }

    /// Panics unless this is a problem with `status` and `code`.
    #[track_caller]
    pub fn expect_problem(self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.content_type.as_deref(),
            Some("application/problem+json"),
            "{self:#?}"
        );
        let body = self.expect(status);
        assert_eq!(body["code"], code, "{body:#?}");
        assert_eq!(body["status"], status, "{body:#?}");
        assert!(
            body["title"].is_string() && body["detail"].is_string(),
            "{body:#?}"
        );
        assert_eq!(body["type"], format!("urn:boxoffice:problem:{code}"));
        body
    }
}

/// [`server_config`] without the per-customer hold caps (10 seats of a screening, 20 in
/// all): for tests in which a few customers make many bookings.
pub fn uncapped_config(booking_hold_seconds: u64) -> Config {
    let mut config = server_config(booking_hold_seconds);
    config.ticketing.max_held_seats_per_screening = 10_000;
    config.ticketing.max_held_seats = 10_000;
    config
}

impl TestApp {
    /// The service with the default booking hold (10 minutes), without the per-customer
    /// hold caps.
    pub async fn spawn_uncapped() -> TestApp {
        Self::spawn_with(&uncapped_config(600), 16).await
    }

    /// The service with the default booking hold (10 minutes).
    pub async fn spawn() -> TestApp {
        Self::spawn_with_hold(600).await
    }

    /// The service with pending bookings holding seats for `hold_seconds`.
    pub async fn spawn_with_hold(hold_seconds: u64) -> TestApp {
        Self::spawn_with(&server_config(hold_seconds), 16).await
    }

    /// The service with these settings and a pool of `pool_size` connections.
    pub async fn spawn_with(config: &Config, pool_size: usize) -> TestApp {
        let url = fresh_database().await;
        let pool = db::pool(&as_service(&url), pool_size).expect("pool");
        let owner = db::pool(&url, 4).expect("owner pool");
        // Two shared connections, as in production, so the catalog's reads take that path.
        let tls = db::tls(None).expect("TLS set-up");
        let reads = SharedReads::new(&as_service(&url), tls.clone(), 2).expect("shared reads");
        // Movies' versions in memory too, as in production.
        let movie_versions =
            VersionCache::new(&as_service(&url), tls, movies::VERSION_CHANNEL).expect("cache");
        Self::assemble(config, pool, owner, reads, movie_versions)
    }

    /// The service with these settings on these pools, every read on the pool.
    pub fn on(config: &Config, pool: Pool, owner: Pool) -> TestApp {
        Self::with_reads(config, pool, owner, SharedReads::none())
    }

    /// The service with these settings on these pools and shared read connections.
    pub fn with_reads(config: &Config, pool: Pool, owner: Pool, reads: SharedReads) -> TestApp {
        Self::assemble(config, pool, owner, reads, VersionCache::off())
    }

    fn assemble(
        config: &Config,
        pool: Pool,
        owner: Pool,
        reads: SharedReads,
        movie_versions: VersionCache,
    ) -> TestApp {
        let service = app::assemble(config, pool.clone(), reads, movie_versions)
            .expect("the service assembles");
        let api = TestClient::new(app::routes(&service, app::Documents::render()).boxed());
        TestApp {
            api,
            state: service.state.clone(),
            service,
            pool,
            owner,
        }
    }

    /// Sends a request and reads the reply.
    pub async fn send(&self, request: TestRequestBuilder<'_, BoxEndpoint<'static>>) -> Reply {
        let response = request.send().await.0;
        let status = response.status();
        let content_type = response.content_type().map(str::to_owned);
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let headers = response.headers().clone();
        let bytes = response.into_body().into_vec().await.expect("a body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                panic!("not JSON ({status}): {}", String::from_utf8_lossy(&bytes))
            })
        };
        Reply {
            status,
            content_type,
            retry_after,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(with_token(self.api.get(path), token)).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(with_token(self.api.post(path), token).body_json(&body))
            .await
    }

    /// A POST with no body and no `Content-Type`, as generated SDKs send an operation whose
    /// body is optional when the caller gives none.
    pub async fn post_without_body(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(with_token(self.api.post(path), token)).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(with_token(self.api.put(path), token).body_json(&body))
            .await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(with_token(self.api.patch(path), token).body_json(&body))
            .await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(with_token(self.api.delete(path), token)).await
    }

    /// Registers `username` (email `<username>@example.com`); returns the User.
    pub async fn register(&self, username: &str) -> Value {
        self.post(
            "/v1/users/register",
            None,
            json!({
                "username": username,
                "email": format!("{username}@example.com"),
                "password": PASSWORD,
                "full_name": format!("{username} Tester"),
            }),
        )
        .await
        .expect(201)
    }

    /// Logs in; returns the Tokens.
    pub async fn login(&self, username: &str) -> Value {
        self.post(
            "/v1/users/login",
            None,
            json!({ "username": username, "password": PASSWORD }),
        )
        .await
        .expect(200)
    }

    /// Registers and logs in a customer; returns its access token.
    pub async fn customer(&self, username: &str) -> String {
        self.register(username).await;
        access_token(&self.login(username).await)
    }

    /// Creates a staff user `usher` (as `boxoffice admin create --role staff` does) and logs
    /// in; returns its token.
    pub async fn staff(&self) -> String {
        boxoffice::ops::admin::create_privileged_user(
            &self.state,
            Role::Staff,
            "usher",
            "usher@example.com",
            None,
            PASSWORD.into(),
        )
        .await
        .expect("creating the staff user");
        access_token(&self.login("usher").await)
    }

    /// Creates an integrations account `connector` (as `boxoffice admin create --role
    /// integrations` does) and logs in; returns its token.
    pub async fn integrations(&self) -> String {
        boxoffice::ops::admin::create_privileged_user(
            &self.state,
            Role::Integrations,
            "connector",
            "connector@example.com",
            None,
            PASSWORD.into(),
        )
        .await
        .expect("creating the integrations account");
        access_token(&self.login("connector").await)
    }

    /// Creates a staff user `usher` who checks tickets in at the theaters of `screenings` (as
    /// `boxoffice admin create --role staff --theater …` does) and logs in; returns its token.
    pub async fn staff_at(&self, screenings: &[&Value]) -> String {
        let token = self.staff().await;
        let me = self.get("/v1/users/me", Some(&token)).await.expect(200);
        let theaters: Vec<i64> = screenings
            .iter()
            .map(|s| s["theater_id"].as_i64().expect("a screening"))
            .collect();
        boxoffice::ticketing::checkins::set_staff_theaters(
            &self.pool,
            me["id"].as_i64().unwrap(),
            &theaters,
        )
        .await
        .expect("setting the usher's theaters");
        token
    }

    /// Creates an admin (as `boxoffice admin create` does) and logs in; returns its token.
    pub async fn admin(&self) -> String {
        create_user(
            &self.state,
            "admin",
            "admin@example.com",
            PASSWORD.into(),
            "The Admin",
            Role::Admin,
        )
        .await
        .expect("creating the admin");
        access_token(&self.login("admin").await)
    }

    /// Takes a user's admin (or staff) role away, as an operator would in the database: the
    /// tokens they hold still say what they were.
    pub async fn demote(&self, username: &str) {
        let demoted = self
            .owner
            .get()
            .await
            .unwrap()
            .execute(
                "UPDATE users SET role = 'customer' WHERE username = $1",
                &[&username],
            )
            .await
            .unwrap();
        assert_eq!(demoted, 1, "no user {username}");
    }

    /// A movie, a theater of `seats` seats (a generated layout: rows of 20) and a screening of
    /// it starting in a day at 1250 EUR cents a seat; returns the Screening.
    pub async fn screening(&self, admin: &str, seats: i32) -> Value {
        self.screening_in(admin, json!({ "capacity": seats }), json!({}))
            .await
    }

    /// A movie, a theater with `seating` (`{"capacity": n}` or `{"layout": [...]}`) and a
    /// screening of it starting in a day at 1250 EUR cents for an adult, with `extra` fields
    /// (`prices`, `premium_surcharge`) added to its body; returns the Screening.
    pub async fn screening_in(&self, admin: &str, seating: Value, extra: Value) -> Value {
        let movie = self
            .post(
                "/v1/movies",
                Some(admin),
                json!({
                    "title": "Test Movie",
                    "description": "A movie for tests.",
                    "duration_minutes": 120,
                    "rating": "PG-13",
                }),
            )
            .await
            .expect(201);
        let mut theater = json!({ "name": "Screen 1", "city": "Lisbon" });
        merge(&mut theater, seating);
        let theater = self
            .post("/v1/theaters", Some(admin), theater)
            .await
            .expect(201);
        let mut screening = json!({
            "movie_id": movie["id"],
            "theater_id": theater["id"],
            "starts_at": in_hours(24),
            "price": 1250,
            "currency": "EUR",
        });
        merge(&mut screening, extra);
        self.post("/v1/screenings", Some(admin), screening)
            .await
            .expect(201)
    }

    /// Books `seats` of a screening, best available.
    pub async fn book(&self, token: &str, screening_id: &Value, seats: i32) -> Reply {
        self.post(
            "/v1/bookings",
            Some(token),
            json!({ "screening_id": screening_id, "seats": seats }),
        )
        .await
    }

    /// Books the seats labelled `labels` of a screening.
    pub async fn book_seats(&self, token: &str, screening_id: &Value, labels: &[&str]) -> Reply {
        self.post(
            "/v1/bookings",
            Some(token),
            json!({ "screening_id": screening_id, "seat_labels": labels }),
        )
        .await
    }

    /// The seat map of a screening.
    pub async fn seat_map(&self, screening_id: &Value) -> Value {
        self.get(&format!("/v1/screenings/{screening_id}/seats"), None)
            .await
            .expect(200)
    }

    /// The labels of a screening's available seats, as its seat map shows them.
    pub async fn available_labels(&self, screening_id: &Value) -> Vec<String> {
        let map = self.seat_map(screening_id).await;
        let rows = map["rows"].as_array().expect("rows");
        rows.iter()
            .flat_map(|row| row["seats"].as_array().expect("seats"))
            .filter(|seat| seat["available"] == true)
            .map(|seat| seat["label"].as_str().expect("a label").to_owned())
            .collect()
    }

    /// Asserts what every load of a screening must end with: no seat in two active bookings,
    /// every active booking's items on seats that are the booking's, and the seat map, the
    /// screening and the active bookings (with the seats kept for vouchers that no booking
    /// holds) agreeing on how many seats are taken.
    pub async fn assert_no_seat_sold_twice(&self, screening_id: &Value) {
        let id = screening_id.as_i64().expect("an id");
        let client = self.pool.get().await.unwrap();
        let check = codegen::queries::seats::double_sold_seats()
            .bind(&client, &id)
            .one()
            .await
            .unwrap();
        assert_eq!((check.misplaced, check.doubled), (0, 0), "seats sold twice");
        let held: i64 = client
            .query_one(
                "SELECT coalesce(sum(seats), 0)::bigint FROM bookings WHERE screening_id = $1
                 AND (status = 'confirmed' OR (status = 'pending' AND expires_at > now()))",
                &[&id],
            )
            .await
            .unwrap()
            .get(0);
        let kept: i64 = client
            .query_one(
                "SELECT count(*) FROM screening_seats WHERE screening_id = $1
                 AND reserved_for IS NOT NULL AND (booking_id IS NULL OR held_until <= now())",
                &[&id],
            )
            .await
            .unwrap()
            .get(0);
        let map = self.seat_map(screening_id).await;
        let screening = self
            .get(&format!("/v1/screenings/{id}"), None)
            .await
            .expect(200);
        assert_eq!(map["available_seats"], screening["available_seats"]);
        assert_eq!(
            screening["total_seats"].as_i64().unwrap() - held - kept,
            screening["available_seats"].as_i64().unwrap(),
            "the seats taken are the active bookings' seats and those kept for vouchers"
        );
    }
}

/// A booking's seat labels, in its order.
pub fn seat_labels(booking: &Value) -> Vec<String> {
    booking["seat_labels"]
        .as_array()
        .expect("seat_labels")
        .iter()
        .map(|l| l.as_str().expect("a label").to_owned())
        .collect()
}

/// Adds the fields of `extra` (an object) to `target` (an object).
pub fn merge(target: &mut Value, extra: Value) {
    let target = target.as_object_mut().expect("an object");
    for (key, value) in extra.as_object().expect("an object") {
        target.insert(key.clone(), value.clone());
    }
}

impl TestApp {
    /// Puts a product on sale (as `boxoffice seed` does), in EUR.
    pub async fn product(&self, sku: &str, price: i64) {
        let client = self.pool.get().await.unwrap();
        codegen::queries::orders::insert_product()
            .bind(&client, &sku, &format!("{sku} (test)"), &price, &"EUR")
            .one()
            .await
            .expect("inserting a product");
    }

    /// Opens a wallet; returns the Account.
    pub async fn open_account(&self, token: &str, currency: &str) -> Value {
        self.post("/v1/accounts", Some(token), json!({ "currency": currency }))
            .await
            .expect(201)
    }

    /// An admin deposit; returns the Transfer.
    pub async fn deposit(&self, admin: &str, account: &Value, amount: i64) -> Value {
        static KEYS: AtomicU64 = AtomicU64::new(0);
        let key = format!("deposit-{}", KEYS.fetch_add(1, Ordering::Relaxed));
        self.post_idempotent(
            &format!("/v1/accounts/{}/deposits", account["id"]),
            admin,
            &key,
            &json!({ "amount": amount }),
        )
        .await
        .expect(201)
    }

    /// A POST with a bearer token and an Idempotency-Key.
    pub async fn post_idempotent(&self, path: &str, token: &str, key: &str, body: &Value) -> Reply {
        self.send(
            self.api
                .post(path)
                .header("authorization", format!("Bearer {token}"))
                .header("idempotency-key", key)
                .body_json(body),
        )
        .await
    }

    /// `POST /v1/transfers` with an Idempotency-Key.
    pub async fn transfer(&self, token: &str, key: &str, body: &Value) -> Reply {
        self.post_idempotent("/v1/transfers", token, key, body)
            .await
    }

    /// `POST /v1/payments` with an Idempotency-Key.
    pub async fn pay(&self, token: &str, key: &str, booking: &Value, account: &Value) -> Reply {
        let body = json!({ "booking_id": booking["id"], "account_id": account["id"] });
        self.post_idempotent("/v1/payments", token, key, &body)
            .await
    }

    /// The wallet's balance as the API reports it.
    pub async fn balance(&self, token: &str, account: &Value) -> i64 {
        self.get(&format!("/v1/accounts/{}", account["id"]), Some(token))
            .await
            .expect(200)["balance"]
            .as_i64()
            .unwrap()
    }

    /// Panics unless `boxoffice ledger check` would pass.
    pub async fn assert_ledger_balances(&self) {
        let report = boxoffice::wallet::ledger::check(&self.pool).await.unwrap();
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
    }
}

/// The access token of a Tokens body.
pub fn access_token(tokens: &Value) -> String {
    tokens["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

/// RFC 3339 for now plus `hours`.
pub fn in_hours(hours: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(hours)).to_rfc3339()
}

pub fn with_token<'a, E: Endpoint>(
    request: TestRequestBuilder<'a, E>,
    token: Option<&str>,
) -> TestRequestBuilder<'a, E> {
    match token {
        Some(token) => request.header("authorization", format!("Bearer {token}")),
        None => request,
    }
}

/// Checks `condition` every 10 ms until it holds; panics, naming `what`, if it does not within
/// `within`.
pub async fn eventually<F, Fut>(what: &str, within: std::time::Duration, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + within;
    while !condition().await {
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: not within {within:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// Terminates the backends of the test database whose `application_name` is `name`, through
/// the owner's pool; returns how many.
pub async fn terminate_backends(owner: &Pool, name: &str) -> i64 {
    owner
        .get()
        .await
        .unwrap()
        .query_one(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE datname = current_database() AND application_name = $1",
            &[&name],
        )
        .await
        .unwrap()
        .get(0)
}

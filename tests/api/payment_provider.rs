//! The payment provider the card tests pay against, and the service served on a real port so
//! that the provider's webhooks reach it.
//!
//! - **localstripe** (a stateful fake of Stripe's API: it charges test cards, runs 3-D
//!   Secure, refunds, and sends signed webhooks), one per test run, started like the
//!   PostgreSQL server: `scripts/localstripe` installs it into a venv under `target/` the
//!   first time, on a free loopback port, and it stops when the test process ends. Every test
//!   registers its own webhook endpoint with its own secret; localstripe sends each event to
//!   every endpoint, and the other tests' services refuse it (another secret).
//! - **[`FakeStripe`]**, what localstripe does not imitate: it honours `Idempotency-Key` (one
//!   intent, one refund per key) and counts the calls, and it can fail, stall or hang on
//!   command.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::ops::Deref;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use boxoffice::app::{self, Config};
use boxoffice::platform::secret::Secret;
use poem::http::{HeaderMap, StatusCode};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::{Data, Form, Path, Query};
use poem::{EndpointExt, IntoResponse, Response, Route, Server, get, handler, post};
use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, server_config};

/// The secret key the tests' services call the provider with (localstripe takes any `sk_`).
pub const SECRET_KEY: &str = "sk_test_boxoffice";

struct Localstripe {
    url: String,
    /// The shell that runs it; closing its standard input (when the test process ends)
    /// stops localstripe.
    _shell: Mutex<std::process::Child>,
}

static LOCALSTRIPE: OnceLock<Localstripe> = OnceLock::new();
static NEXT_ENDPOINT: AtomicU64 = AtomicU64::new(0);

/// The URL of this run's localstripe, started on first use.
pub fn localstripe_url() -> &'static str {
    &LOCALSTRIPE.get_or_init(start_localstripe).url
}

fn start_localstripe() -> Localstripe {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/localstripe");
    // A shell that stops localstripe when its standard input closes: when this process ends,
    // however it ends.
    let child = Command::new("sh")
        .args([
            "-c",
            "\"$0\" --port \"$1\" --from-scratch >/dev/null 2>&1 & child=$!; \
             cat >/dev/null; kill $child",
            script,
            &port.to_string(),
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("starting scripts/localstripe");
    // The first run installs it (pip), which takes a while.
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "localstripe did not start on port {port} (scripts/localstripe)"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Localstripe {
        url: format!("http://127.0.0.1:{port}"),
        _shell: Mutex::new(child),
    }
}

/// The service with card payments on, served on a loopback port, its webhook endpoint
/// registered with the provider when it is localstripe.
pub struct CardApp {
    pub app: TestApp,
    /// Where the service listens.
    pub addr: SocketAddr,
    /// The signing secret of its webhook endpoint (`whsec_…`), its own.
    pub webhook_secret: String,
    /// The provider's API.
    pub provider: ProviderClient,
}

impl Deref for CardApp {
    type Target = TestApp;

    fn deref(&self) -> &TestApp {
        &self.app
    }
}

/// How a test's service is set up.
pub struct CardSettings {
    /// BOOKING_HOLD_SECONDS.
    pub booking_hold: u64,
    /// CARD_PAYMENT_HOLD_SECONDS.
    pub card_hold: u64,
    /// Whether localstripe sends this service its events (false: every webhook is lost).
    pub webhooks: bool,
    /// PAYMENT_PROVIDER_TIMEOUT_MS.
    pub provider_timeout_ms: u64,
}

impl Default for CardSettings {
    fn default() -> Self {
        CardSettings {
            booking_hold: 600,
            card_hold: 900,
            webhooks: true,
            provider_timeout_ms: 5_000,
        }
    }
}

impl CardApp {
    /// The service paying through localstripe.
    pub async fn on_localstripe(settings: CardSettings) -> CardApp {
        let url = localstripe_url().to_owned();
        let app = Self::start(&url, &settings).await;
        if settings.webhooks {
            let n = NEXT_ENDPOINT.fetch_add(1, Ordering::Relaxed);
            let id = format!("boxoffice_{}_{n}", std::process::id());
            let endpoint = format!("http://{}/v1/providers/stripe/webhook", app.addr);
            app.provider
                .post_form(
                    &format!("/_config/webhooks/{id}"),
                    &[
                        ("url", endpoint.as_str()),
                        ("secret", app.webhook_secret.as_str()),
                        ("events[]", "payment_intent.succeeded"),
                        ("events[]", "payment_intent.payment_failed"),
                    ],
                )
                .await;
        }
        app
    }

    /// The service paying through `fake`.
    pub async fn on_fake(fake: &FakeStripe, settings: CardSettings) -> CardApp {
        Self::start(&fake.url(), &settings).await
    }

    async fn start(provider_url: &str, settings: &CardSettings) -> CardApp {
        let n = NEXT_ENDPOINT.fetch_add(1, Ordering::Relaxed);
        let webhook_secret = format!("whsec_test_{}_{n}", std::process::id());
        let mut config: Config = server_config(settings.booking_hold);
        config.cards.stripe_secret_key = Some(Secret::new(SECRET_KEY));
        config.cards.stripe_webhook_secret = Some(Secret::new(webhook_secret.clone()));
        config.cards.stripe_api_base = provider_url.to_owned();
        config.cards.card_payment_hold_seconds = settings.card_hold;
        config.cards.payment_provider_timeout_ms = settings.provider_timeout_ms;
        let app = TestApp::spawn_with(&config, 16).await;
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .expect("a loopback port");
        let addr = *acceptor.local_addr()[0]
            .as_socket_addr()
            .expect("a socket address");
        let routes = app::routes(&app.service, app::Documents::render());
        tokio::spawn(Server::new_with_acceptor(acceptor).run(routes));
        CardApp {
            app,
            addr,
            webhook_secret,
            provider: ProviderClient {
                base: provider_url.to_owned(),
                http: http_client(),
            },
        }
    }

    /// `POST /v1/bookings/{id}/card-payment` with an Idempotency-Key, with `body` or none.
    pub async fn card_payment(
        &self,
        token: &str,
        key: &str,
        booking: &Value,
        body: Option<Value>,
    ) -> Reply {
        let path = format!("/v1/bookings/{}/card-payment", booking["id"]);
        let request = self
            .api
            .post(&path)
            .header("authorization", format!("Bearer {token}"))
            .header("idempotency-key", key);
        match body {
            Some(body) => self.send(request.body_json(&body)).await,
            None => self.send(request).await,
        }
    }

    /// Pays `booking` by card on the server with a card of `number` (a new key).
    pub async fn pay_by_card(&self, token: &str, booking: &Value, number: &str) -> Reply {
        let method = self.provider.payment_method(number).await;
        let key = format!(
            "card-{}-{}",
            booking["id"],
            NEXT_ENDPOINT.fetch_add(1, Ordering::Relaxed)
        );
        self.card_payment(
            token,
            &key,
            booking,
            Some(json!({ "payment_method": method })),
        )
        .await
    }

    /// Posts `payload` to the webhook endpoint with `signature` as `Stripe-Signature`.
    pub async fn post_event(&self, payload: &[u8], signature: &str) -> Reply {
        self.send(
            self.api
                .post("/v1/providers/stripe/webhook")
                .header("stripe-signature", signature)
                .content_type("application/json; charset=utf-8")
                .body(payload.to_vec()),
        )
        .await
    }

    /// Posts `event`, signed with this service's secret at `timestamp` (Unix seconds).
    pub async fn post_signed_event(&self, event: &Value, timestamp: i64) -> Reply {
        let payload = serde_json::to_vec(event).unwrap();
        let signature =
            boxoffice::ticketing::stripe::sign(&self.webhook_secret, &payload, timestamp);
        self.post_event(&payload, &signature).await
    }

    /// One booking as its owner reads it.
    pub async fn booking(&self, token: &str, booking: &Value) -> Value {
        self.get(&format!("/v1/bookings/{}", booking["id"]), Some(token))
            .await
            .expect(200)
    }

    /// Runs the housekeeping sweep's card-payment part once.
    pub async fn sweep_card_payments(&self) {
        boxoffice::ticketing::card_outcomes::sweep_card_payments(
            &self.state.pool,
            &self.service.ticketing,
            100,
        )
        .await;
    }
}

/// An HTTP client on the service's TLS set-up (reqwest has no crypto provider of its own
/// here).
fn http_client() -> reqwest::Client {
    let tls = boxoffice::platform::db::tls_config(None).expect("TLS set-up");
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()
        .expect("an HTTP client")
}

/// A payment intent `event` of `kind` (`payment_intent.succeeded`, …) about `intent`, as
/// Stripe writes one, with a fresh id.
pub fn intent_event(kind: &str, intent: &Value) -> Value {
    let n = NEXT_ENDPOINT.fetch_add(1, Ordering::Relaxed);
    json!({
        "id": format!("evt_test_{}_{n}", std::process::id()),
        "object": "event",
        "type": kind,
        "data": { "object": intent },
    })
}

/// The provider's API, as a test (or Stripe.js) calls it.
pub struct ProviderClient {
    base: String,
    http: reqwest::Client,
}

impl ProviderClient {
    async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(SECRET_KEY)
            .form(form)
            .send()
            .await
            .expect("the provider answers");
        let status = response.status();
        let body = response.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status}: {body}");
        serde_json::from_str(&body).unwrap_or(Value::Null)
    }

    async fn get(&self, path: &str) -> Value {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(SECRET_KEY)
            .send()
            .await
            .expect("the provider answers");
        let status = response.status();
        let body = response.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    /// A card payment method of `number` (`pm_…`), as Stripe.js would make one.
    pub async fn payment_method(&self, number: &str) -> String {
        let made = self
            .post_form(
                "/v1/payment_methods",
                &[
                    ("type", "card"),
                    ("card[number]", number),
                    ("card[exp_month]", "12"),
                    ("card[exp_year]", "2034"),
                    ("card[cvc]", "123"),
                ],
            )
            .await;
        made["id"].as_str().expect("a payment method id").to_owned()
    }

    /// Completes (or fails) the customer's 3-D Secure step of `intent`.
    pub async fn authenticate(&self, intent: &str, client_secret: &str, success: bool) {
        self.post_form(
            &format!("/v1/payment_intents/{intent}/_authenticate"),
            &[
                ("client_secret", client_secret),
                ("success", if success { "true" } else { "false" }),
            ],
        )
        .await;
    }

    /// A payment intent as the provider has it.
    pub async fn intent(&self, id: &str) -> Value {
        self.get(&format!("/v1/payment_intents/{id}")).await
    }

    /// The refunds of a payment intent.
    pub async fn refunds_of(&self, intent: &str) -> Vec<Value> {
        let list = self
            .get(&format!("/v1/refunds?payment_intent={intent}"))
            .await;
        list["data"].as_array().cloned().unwrap_or_default()
    }
}

/// A fake of the few Stripe calls card payments make, on a loopback port: it keeps intents
/// and refunds, answers a repeated `Idempotency-Key` with the first answer (as Stripe does),
/// charges every confirmation, and counts every call.
pub struct FakeStripe {
    addr: SocketAddr,
    state: Arc<Mutex<FakeState>>,
}

/// What the fake knows and how it misbehaves.
#[derive(Default)]
pub struct FakeState {
    /// Intents by id.
    pub intents: HashMap<String, Value>,
    /// Refunds, in the order made.
    pub refunds: Vec<Value>,
    /// Answers by idempotency key (with the path they answered).
    answers: HashMap<String, Value>,
    /// Every call: method and path, and its idempotency key.
    pub calls: Vec<(String, Option<String>)>,
    /// Answer the next this many calls 503.
    pub fail_next: usize,
    /// Answer a create after this long.
    pub create_delay: Duration,
    /// Make the next intent, then never answer.
    pub hang_after_create: bool,
}

impl FakeStripe {
    /// Starts the fake.
    pub async fn start() -> FakeStripe {
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .expect("a loopback port");
        let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
        let state = Arc::new(Mutex::new(FakeState::default()));
        let routes = Route::new()
            .at("/v1/payment_intents", post(fake_create_intent))
            .at("/v1/payment_intents/:id", get(fake_get_intent))
            .at("/v1/payment_intents/:id/confirm", post(fake_confirm_intent))
            .at("/v1/payment_intents/:id/cancel", post(fake_cancel_intent))
            .at(
                "/v1/refunds",
                post(fake_create_refund).get(fake_list_refunds),
            )
            .data(state.clone());
        tokio::spawn(Server::new_with_acceptor(acceptor).run(routes));
        FakeStripe { addr, state }
    }

    /// Its API base.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Its state, to read or to set misbehaviour.
    pub fn state(&self) -> std::sync::MutexGuard<'_, FakeState> {
        self.state.lock().unwrap()
    }

    /// How many intents it made.
    pub fn intents_made(&self) -> usize {
        self.state().intents.len()
    }
}

fn stripe_json(status: StatusCode, body: &Value) -> Response {
    body.to_string()
        .with_content_type("application/json")
        .with_status(status)
        .into_response()
}

/// Records the call; `Some` answer when it must fail now or was answered before under its key.
fn begin(
    state: &Mutex<FakeState>,
    call: String,
    headers: &HeaderMap,
) -> (Option<Response>, Option<String>) {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut state = state.lock().unwrap();
    state.calls.push((call, key.clone()));
    if state.fail_next > 0 {
        state.fail_next -= 1;
        let error = json!({ "error": { "type": "api_error", "message": "try later" } });
        return (
            Some(stripe_json(StatusCode::SERVICE_UNAVAILABLE, &error)),
            key,
        );
    }
    if let Some(answer) = key.as_ref().and_then(|k| state.answers.get(k)) {
        return (Some(stripe_json(StatusCode::OK, answer)), key);
    }
    (None, key)
}

fn remember(state: &Mutex<FakeState>, key: Option<String>, answer: &Value) {
    if let Some(key) = key {
        state.lock().unwrap().answers.insert(key, answer.clone());
    }
}

#[handler]
async fn fake_create_intent(
    Data(state): Data<&Arc<Mutex<FakeState>>>,
    headers: &HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (early, key) = begin(state, "POST /v1/payment_intents".into(), headers);
    if let Some(answer) = early {
        return answer;
    }
    let (delay, hang, intent) = {
        let mut state = state.lock().unwrap();
        let id = format!("pi_fake_{}", state.intents.len() + 1);
        let metadata: serde_json::Map<String, Value> = form
            .iter()
            .filter_map(|(k, v)| {
                let name = k.strip_prefix("metadata[")?.strip_suffix(']')?;
                Some((name.to_owned(), Value::from(v.clone())))
            })
            .collect();
        let intent = json!({
            "id": id,
            "object": "payment_intent",
            "amount": form["amount"].parse::<i64>().unwrap(),
            "currency": form["currency"],
            "status": if form.contains_key("payment_method") {
                "requires_confirmation"
            } else {
                "requires_payment_method"
            },
            "client_secret": format!("{id}_secret_fake"),
            "metadata": metadata,
            "next_action": null,
            "last_payment_error": null,
        });
        state.intents.insert(id, intent.clone());
        let hang = std::mem::take(&mut state.hang_after_create);
        (state.create_delay, hang, intent)
    };
    remember(state, key, &intent);
    if hang {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    tokio::time::sleep(delay).await;
    stripe_json(StatusCode::OK, &intent)
}

#[handler]
async fn fake_get_intent(
    Data(state): Data<&Arc<Mutex<FakeState>>>,
    headers: &HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (early, _) = begin(state, format!("GET /v1/payment_intents/{id}"), headers);
    if let Some(answer) = early {
        return answer;
    }
    match state.lock().unwrap().intents.get(&id) {
        Some(intent) => stripe_json(StatusCode::OK, intent),
        None => stripe_json(
            StatusCode::NOT_FOUND,
            &json!({ "error": { "type": "invalid_request_error", "code": "resource_missing" } }),
        ),
    }
}

/// Sets an intent's status and answers with it.
fn set_status(state: &Mutex<FakeState>, id: &str, status: &str, key: Option<String>) -> Response {
    let intent = {
        let mut state = state.lock().unwrap();
        let Some(intent) = state.intents.get_mut(id) else {
            return stripe_json(StatusCode::NOT_FOUND, &json!({ "error": {} }));
        };
        if intent["status"] == "succeeded" && status == "canceled" {
            let error = json!({ "error": { "type": "invalid_request_error",
                                           "code": "payment_intent_unexpected_state" } });
            return stripe_json(StatusCode::BAD_REQUEST, &error);
        }
        intent["status"] = status.into();
        intent.clone()
    };
    remember(state, key, &intent);
    stripe_json(StatusCode::OK, &intent)
}

#[handler]
async fn fake_confirm_intent(
    Data(state): Data<&Arc<Mutex<FakeState>>>,
    headers: &HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (early, key) = begin(
        state,
        format!("POST /v1/payment_intents/{id}/confirm"),
        headers,
    );
    if let Some(answer) = early {
        return answer;
    }
    set_status(state, &id, "succeeded", key)
}

#[handler]
async fn fake_cancel_intent(
    Data(state): Data<&Arc<Mutex<FakeState>>>,
    headers: &HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (early, key) = begin(
        state,
        format!("POST /v1/payment_intents/{id}/cancel"),
        headers,
    );
    if let Some(answer) = early {
        return answer;
    }
    set_status(state, &id, "canceled", key)
}

#[handler]
async fn fake_create_refund(
    Data(state): Data<&Arc<Mutex<FakeState>>>,
    headers: &HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (early, key) = begin(state, "POST /v1/refunds".into(), headers);
    if let Some(answer) = early {
        return answer;
    }
    let refund = {
        let mut state = state.lock().unwrap();
        let refund = json!({
            "id": format!("re_fake_{}", state.refunds.len() + 1),
            "object": "refund",
            "status": "succeeded",
            "amount": form["amount"].parse::<i64>().unwrap(),
            "payment_intent": form["payment_intent"],
        });
        state.refunds.push(refund.clone());
        refund
    };
    remember(state, key, &refund);
    stripe_json(StatusCode::OK, &refund)
}

#[derive(serde::Deserialize)]
struct RefundsQuery {
    payment_intent: String,
}

#[handler]
async fn fake_list_refunds(
    Data(state): Data<&Arc<Mutex<FakeState>>>,
    headers: &HeaderMap,
    Query(query): Query<RefundsQuery>,
) -> Response {
    let (early, _) = begin(state, "GET /v1/refunds".into(), headers);
    if let Some(answer) = early {
        return answer;
    }
    let data: Vec<Value> = state
        .lock()
        .unwrap()
        .refunds
        .iter()
        .filter(|r| r["payment_intent"] == query.payment_intent.as_str())
        .cloned()
        .collect();
    stripe_json(StatusCode::OK, &json!({ "object": "list", "data": data }))
}

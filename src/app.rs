//! Assembling the service: the database, the routes, the server.
//!
//! `main` and the tests start the very same [`Application`]; only the settings differ.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::Pool;
use poem::{
    Endpoint, EndpointExt, IntoEndpoint, IntoResponse, Route, Server,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
};
use poem_openapi::OpenApiService;
use tokio_postgres::NoTls;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::catalog::{
    layouts::LayoutsApi,
    movies::{self, MoviesApi},
    screenings::ScreeningsApi,
    theaters::TheatersApi,
};
use crate::concessions::{orders::OrdersApi, products::ProductsApi};
use crate::events::delivery::{self, DeliveryWorker};
use crate::events::{feed::EventsApi, webhooks::WebhooksApi};
use crate::identity::sessions::{SessionsApi, purge_expired_sessions};
use crate::identity::users::UsersApi;
use crate::ops::local_pg::{LocalPgError, LocalPostgres};
use crate::ops::probes::{self, OpsApi};
use crate::ops::{locks, migrate};
use crate::platform::AppState;
use crate::platform::auth::{Passwords, TokenKeys};
use crate::platform::config::{DatabaseConfig, ServerConfig};
use crate::platform::db::{self, PoolSetupError, SERVICE_ROLE, create_database_if_missing};
use crate::platform::egress::DestinationPolicy;
use crate::platform::http::{AllowedMethods, LimitBody, ProblemDetails};
use crate::platform::idempotency::purge_expired_keys;
use crate::platform::problem::error_chain;
use crate::platform::random::random_bytes;
use crate::platform::ratelimit::{RateLimitSettings, RateLimits};
use crate::platform::shared_reads::SharedReads;
use crate::platform::state::WebhookSettings;
use crate::platform::telemetry::{Metrics, Observe};
use crate::platform::version_cache::VersionCache;
use crate::reviews::{discussion::DiscussionApi, movie_reviews::MovieReviewsApi};
use crate::ticketing::{
    bookings::{BookingsApi, sweep_all_expired_holds},
    checkins::CheckInsApi,
    payments::PaymentsApi,
    seat_maps::SeatMapsApi,
    tickets::TicketsApi,
};
use crate::wallet::{accounts::AccountsApi, transfers::TransfersApi};

/// Every API of the service: the probes, then each context's.
pub type Apis = (
    OpsApi,
    (UsersApi, SessionsApi),
    (MoviesApi, TheatersApi, LayoutsApi, ScreeningsApi),
    (SeatMapsApi, BookingsApi, PaymentsApi),
    (TicketsApi, CheckInsApi),
    (AccountsApi, TransfersApi),
    (ProductsApi, OrdersApi),
    (MovieReviewsApi, DiscussionApi),
    (EventsApi, WebhooksApi),
);

/// The OpenAPI service: the source of the routes, the document and Swagger UI.
pub fn api() -> OpenApiService<Apis, ()> {
    OpenApiService::new(Apis::default(), "boxoffice", env!("CARGO_PKG_VERSION")).description(
        "Movie ticketing: browse the catalog, register, log in, and book seats of a screening. \
         Money is an integer count of minor units with an ISO 4217 currency; times are \
         RFC 3339 in UTC; errors are RFC 9457 problem details with a stable `code`; lists are \
         keyset-paginated with `limit` and `after`.",
    )
}

/// The OpenAPI document as committed and served: poem-openapi's, with two corrections:
/// `additionalProperties: false` on every request body schema, since they all reject unknown
/// fields (`deny_unknown_fields`), which the derive does not write down; and the standard
/// `format: date` (OpenAPI 3.0, RFC 3339 full-date) where poem-openapi writes its own
/// `naive-date`, so that SDK generators type dates as dates.
pub fn spec() -> serde_json::Value {
    let mut document: serde_json::Value =
        serde_json::from_str(&api().spec()).expect("poem-openapi writes valid JSON");
    standard_date_format(&mut document);
    let mut bodies = Vec::new();
    for operations in document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for operation in operations.as_object().into_iter().flat_map(|o| o.values()) {
            let contents = operation["requestBody"]["content"].as_object();
            for content in contents.into_iter().flat_map(|c| c.values()) {
                if let Some(name) = content["schema"]["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    bodies.push(name.to_owned());
                }
            }
        }
    }
    for name in bodies {
        if let Some(schema) = document["components"]["schemas"][&name].as_object_mut() {
            schema.insert("additionalProperties".into(), false.into());
        }
    }
    document
}

/// Replaces poem-openapi's `format: naive-date` with OpenAPI's `format: date`, everywhere.
fn standard_date_format(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("format").and_then(|f| f.as_str()) == Some("naive-date") {
                map.insert("format".into(), "date".into());
            }
            map.values_mut().for_each(standard_date_format);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(standard_date_format),
        _ => {}
    }
}

/// [`spec`] as pretty-printed JSON (what `openapi.json` holds).
pub fn spec_json() -> String {
    as_json(&spec())
}

fn as_json(document: &serde_json::Value) -> String {
    serde_json::to_string_pretty(document).expect("a JSON value serializes")
}

/// [`spec`] as YAML.
pub fn spec_yaml() -> String {
    as_yaml(&spec())
}

fn as_yaml(document: &serde_json::Value) -> String {
    serde_yaml::to_string(document).expect("a JSON value converts to YAML")
}

/// What the service serves besides its operations, rendered once at start: Swagger UI, the
/// OpenAPI document as JSON and as YAML, and the methods each path allows (for 405's `Allow`).
pub struct Documents {
    swagger_ui: String,
    json: String,
    yaml: String,
    allowed: AllowedMethods,
}

impl Documents {
    /// Renders the documents from [`spec`], which is computed once for all of them.
    pub fn render() -> Self {
        let document = spec();
        let json = as_json(&document);
        let yaml = as_yaml(&document);
        let api = api();
        // Swagger UI inlines the document; give it the one we serve.
        let swagger_ui = api.swagger_ui_html().replace(&api.spec(), &json);
        Documents {
            swagger_ui,
            json,
            yaml,
            allowed: AllowedMethods::from_spec(&document),
        }
    }
}

/// The whole public HTTP surface: the API under `/v1`, the probes, `/docs` (Swagger UI) and
/// the document at `/openapi.json` and `/openapi.yaml`. Outermost first: the state, the
/// request log and metrics, problem details for every error, the body limit. Metrics are
/// served apart ([`metrics_routes`]). `documents` come from [`Documents::render`].
pub fn routes(
    state: Arc<AppState>,
    documents: Documents,
) -> impl Endpoint<Output = poem::Response> {
    let Documents {
        swagger_ui,
        json,
        yaml,
        allowed,
    } = documents;
    let documents = WithDocuments {
        documents: [
            ("/docs", swagger_ui, "text/html; charset=utf-8"),
            ("/openapi.json", json, "application/json; charset=utf-8"),
            ("/openapi.yaml", yaml, "application/yaml; charset=utf-8"),
        ],
        api: api().into_endpoint(),
    };
    // Middleware as endpoints that hold the next one by value, outermost first: unlike
    // `around`, no `Arc` clone and no closure's future per layer and request.
    Observe {
        next: ProblemDetails {
            next: LimitBody { next: documents },
            allowed,
        },
        metrics: state.metrics.clone(),
    }
    .data(state.tokens.clone())
    .data(state)
}

/// The API, and beside it the fixed documents (Swagger UI and the OpenAPI document) at their
/// paths, whatever the method. A comparison of the path rather than a `Route` that nests the
/// API: that would match every API request twice and rebuild its URI.
struct WithDocuments<E> {
    /// Path, body and content type of each document.
    documents: [(&'static str, String, &'static str); 3],
    api: E,
}

impl<E: Endpoint> Endpoint for WithDocuments<E> {
    type Output = poem::Response;

    async fn call(&self, req: poem::Request) -> poem::Result<poem::Response> {
        let path = req.uri().path();
        match self.documents.iter().find(|(at, ..)| *at == path) {
            Some((_, body, content_type)) => Ok(body
                .clone()
                .with_content_type(*content_type)
                .into_response()),
            None => Ok(self.api.call(req).await?.into_response()),
        }
    }
}

/// What the metrics address serves: `/metrics`, Prometheus text, and nothing else.
pub fn metrics_routes(state: Arc<AppState>) -> impl Endpoint<Output = poem::Response> {
    Route::new().at("/metrics", probes::metrics).data(state)
}

/// The runtime the service runs on, with `worker_threads` threads (WORKER_THREADS): one
/// runs everything on the calling thread, more make a work-stealing pool. On two cores shared
/// with PostgreSQL, one thread answered a screenings list for 16 µs of CPU where two took
/// 25 µs, since a task woken on the other thread costs that thread a wake-up (BENCHMARKS.md,
/// seventh pass).
///
/// Errors: the operating system refuses the runtime's threads or its event queue.
pub fn runtime(worker_threads: u16) -> std::io::Result<tokio::runtime::Runtime> {
    let mut builder = match worker_threads {
        0 | 1 => tokio::runtime::Builder::new_current_thread(),
        threads => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(threads.into());
            builder
        }
    };
    builder.enable_all().build()
}

/// The database the service uses, and the local server behind it when there is one.
pub struct Database {
    /// The service's connections (DATABASE_URL, or the local server as the service role).
    pub pool: Pool,
    /// Connections shared by the catalog's single-statement reads (DB_READ_CONNECTIONS).
    pub reads: Option<SharedReads>,
    /// Movies' versions, announced by the primary, for answering revalidations from memory
    /// (DB_LISTEN_VERSIONS).
    pub movie_versions: Option<VersionCache>,
    /// Where migrations connect: MIGRATION_DATABASE_URL, else DATABASE_URL, or the local
    /// server's superuser.
    migration_url: String,
    tls: MakeRustlsConnect,
    /// The local server started because no `DATABASE_URL` was given; stops when dropped.
    pub local: Option<LocalPostgres>,
}

/// Why the database could not be reached or prepared.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// The pool could not be set up.
    #[error(transparent)]
    Setup(#[from] PoolSetupError),
    /// The local server could not be started.
    #[error(transparent)]
    Local(#[from] LocalPgError),
    /// Connecting or creating the database failed.
    #[error("preparing the local database")]
    Postgres(#[from] tokio_postgres::Error),
}

impl Database {
    /// Connects to `DATABASE_URL` (migrations to `MIGRATION_DATABASE_URL`, the catalog's
    /// shared reads to `DATABASE_READ_URL` when given), or else starts the local server: its
    /// `boxoffice` database is created on first use, migrations run as its superuser and the
    /// service as [`SERVICE_ROLE`], as in production. Connections are opened lazily.
    ///
    /// Errors: a URL does not parse, DATABASE_READ_URL is given with no shared read
    /// connections, DATABASE_CA_FILE cannot be used, the local server does not start.
    pub async fn open(config: &DatabaseConfig) -> Result<Self, DatabaseError> {
        // Either URL alone names the database (a migration job may be given only its own).
        let given = config
            .database_url
            .as_ref()
            .or(config.migration_database_url.as_ref());
        let (url, migration_url, local) = match given {
            Some(url) => {
                let migration_url = config.migration_database_url.as_ref().unwrap_or(url);
                (url.clone(), migration_url.clone(), None)
            }
            None => {
                let dir = config.local_pg_dir.clone();
                let local =
                    tokio::task::spawn_blocking(move || LocalPostgres::start_persistent(&dir))
                        .await
                        .expect("starting PostgreSQL does not panic")?;
                create_database_if_missing(&local.url("postgres"), "boxoffice").await?;
                ensure_service_login(&local.url("postgres"), None).await?;
                let url = local.url_as(SERVICE_ROLE, "boxoffice");
                (url, local.url("boxoffice"), Some(local))
            }
        };
        let tls = db::tls(config.database_ca_file.as_deref())?;
        let pool = db::pool_with_tls(&url, config.db_pool_size.into(), tls.clone())?;
        if config.database_read_url.is_some() && config.db_read_connections == 0 {
            return Err(PoolSetupError::ReadUrlUnused.into());
        }
        let read_url = config.database_read_url.as_deref().unwrap_or(&url);
        let reads = SharedReads::new(read_url, tls.clone(), config.db_read_connections.into())
            .map_err(|err| match err {
                PoolSetupError::BadUrl(err) if config.database_read_url.is_some() => {
                    PoolSetupError::BadReadUrl(err)
                }
                other => other,
            })?;
        let movie_versions = config
            .db_listen_versions
            .then(|| VersionCache::new(&url, tls.clone(), movies::VERSION_CHANNEL))
            .transpose()?;
        Ok(Database {
            pool,
            reads: Some(reads),
            movie_versions,
            migration_url,
            tls,
            local,
        })
    }

    /// A connection for migrations, as the schema's owner.
    pub fn migration_pool(&self) -> Result<Pool, PoolSetupError> {
        db::pool_with_tls(&self.migration_url, 1, self.tls.clone())
    }
}

/// Warns when the service connects as a superuser or as the owner of its tables: it then
/// could alter the schema, disable the ledger's triggers or truncate it. Best effort: a
/// database that does not answer yet is the readiness probe's business.
pub async fn warn_unless_least_privilege(pool: &Pool) {
    let Ok(client) = pool.get().await else {
        return;
    };
    let privileged = client
        .query_one(
            "SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_tables t \
               WHERE t.schemaname = 'public' AND t.tableowner = current_user) \
             FROM pg_roles r WHERE r.rolname = current_user",
            &[],
        )
        .await
        .map(|row| row.get::<_, bool>(0));
    if let Ok(true) = privileged {
        tracing::warn!(
            "DATABASE_URL connects as a superuser or as the owner of the schema; connect as \
             {SERVICE_ROLE} (which owns nothing) and run migrations with \
             MIGRATION_DATABASE_URL (see README, Configuration)"
        );
    }
}

/// On a server we administer (the local one, the tests'), makes sure [`SERVICE_ROLE`] exists
/// and can log in, through a superuser's `admin_url`; with `password`, sets it. In production
/// the operator creates the role (README, k8s/README.md).
pub async fn ensure_service_login(
    admin_url: &str,
    password: Option<&str>,
) -> Result<(), tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(admin_url, NoTls).await?;
    let connection = tokio::spawn(connection);
    // Identifiers and passwords cannot be parameters here; the role name is ours, and the
    // password is quoted by the server's own quote_literal.
    let password = match password {
        Some(password) => {
            let row = client
                .query_one("SELECT quote_literal($1::text)", &[&password])
                .await?;
            format!(" PASSWORD {}", row.get::<_, String>(0))
        }
        None => String::new(),
    };
    client
        .batch_execute(&format!(
            "DO $$ BEGIN \
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN \
                 CREATE ROLE {SERVICE_ROLE}; \
               END IF; \
             END $$; \
             ALTER ROLE {SERVICE_ROLE} WITH LOGIN{password};"
        ))
        .await?;
    drop(client);
    let _ = connection.await;
    Ok(())
}

/// The state every handler shares. Without a token secret or a ticket signing key, random
/// ones are made.
pub fn state(
    config: &ServerConfig,
    pool: Pool,
    reads: SharedReads,
    movie_versions: VersionCache,
) -> Arc<AppState> {
    let secret = match &config.token_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => random_bytes::<32>().to_vec(),
    };
    let ticket_seed = config
        .ticket_signing_seed()
        .unwrap_or_else(random_bytes::<32>);
    Arc::new(AppState {
        pool,
        reads,
        movie_versions,
        tokens: Arc::new(TokenKeys::new(&secret)),
        ticket_key: ed25519_dalek::SigningKey::from_bytes(&ticket_seed),
        passwords: Passwords::new(config.password_queue_size.into()),
        limits: RateLimits::new(RateLimitSettings {
            auth_per_minute: config.auth_rate_limit,
            bookings_per_minute: config.booking_rate_limit,
            trusted_proxy_hops: config.trusted_proxy_hops.into(),
        }),
        booking_hold: Duration::from_secs(config.booking_hold_seconds),
        idempotency_keys_per_day: config.idempotency_keys_per_day.into(),
        webhooks: webhook_settings(config),
        metrics: Arc::new(Metrics::new()),
        draining: Default::default(),
    })
}

/// The webhook settings of a configuration.
pub fn webhook_settings(config: &ServerConfig) -> WebhookSettings {
    WebhookSettings {
        timeout: Duration::from_millis(config.webhook_timeout_ms),
        retry_base: Duration::from_millis(config.webhook_retry_base_ms),
        retry_window: Duration::from_secs(config.webhook_retry_window_seconds),
        poll: Duration::from_millis(config.webhook_poll_ms),
        concurrency: config.webhook_concurrency,
        destinations: DestinationPolicy {
            allow_loopback: config.webhook_allow_loopback,
            allow_private: config.webhook_allow_private_addresses,
        },
    }
}

/// This process's webhook delivery worker, or `None` when WEBHOOK_CONCURRENCY is 0.
///
/// Errors: its HTTP client cannot be set up.
pub fn webhook_worker(state: &AppState) -> std::io::Result<Option<DeliveryWorker>> {
    if state.webhooks.concurrency == 0 {
        return Ok(None);
    }
    DeliveryWorker::new(
        state.pool.clone(),
        state.webhooks.clone(),
        state.metrics.clone(),
    )
    .map(Some)
    .map_err(std::io::Error::other)
}

/// The service, bound to its address and ready to run.
pub struct Application {
    acceptor: TcpAcceptor,
    metrics_acceptor: TcpAcceptor,
    state: Arc<AppState>,
    documents: Documents,
    webhook_worker: Option<DeliveryWorker>,
    hold_sweep: Duration,
    shutdown_delay: Duration,
    drain_timeout: Duration,
}

impl Application {
    /// Binds the listeners of the API and of the metrics (port 0 picks a free one) and
    /// prepares the shared state.
    pub async fn build(
        config: &ServerConfig,
        pool: Pool,
        reads: SharedReads,
        movie_versions: VersionCache,
    ) -> std::io::Result<Self> {
        if config.token_secret.is_none() {
            tracing::warn!(
                "TOKEN_SECRET is not set: signing tokens with a random secret; they will not \
                 survive a restart or work across replicas"
            );
        }
        if config.ticket_signing_key.is_none() {
            tracing::warn!(
                "TICKET_SIGNING_KEY is not set: signing ticket codes with a random key; codes \
                 will not verify after a restart or across replicas"
            );
        }
        let state = state(config, pool, reads, movie_versions);
        let webhook_worker = webhook_worker(&state)?;
        let acceptor = TcpListener::bind(config.listen_addr)
            .into_acceptor()
            .await?;
        let metrics_acceptor = TcpListener::bind(config.metrics_addr)
            .into_acceptor()
            .await?;
        Ok(Application {
            acceptor,
            metrics_acceptor,
            state,
            documents: Documents::render(),
            webhook_worker,
            hold_sweep: Duration::from_secs(config.hold_sweep_seconds),
            shutdown_delay: Duration::from_secs(config.shutdown_delay_seconds),
            drain_timeout: Duration::from_secs(config.drain_timeout_seconds),
        })
    }

    /// The address the API is served on.
    pub fn local_addr(&self) -> SocketAddr {
        bound_address(&self.acceptor)
    }

    /// The address metrics are served on.
    pub fn metrics_addr(&self) -> SocketAddr {
        bound_address(&self.metrics_acceptor)
    }

    /// The shared state (for tests and commands that reuse it).
    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    /// Serves until SIGINT or SIGTERM. Then: `/readyz` answers 503 at once; after the
    /// shutdown delay the listener closes; requests in flight get up to the drain timeout to
    /// finish; the pool closes. Returns `Ok` when all of that went through.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.state.movie_versions.start();
        let housekeeping = tokio::spawn(housekeeping(self.state.clone(), self.hold_sweep));
        // Aborted at shutdown even mid-send: the deliveries it leaves are claimed again when
        // their lease lapses.
        let webhooks = self.webhook_worker.map(|worker| tokio::spawn(worker.run()));
        let metrics = tokio::spawn(
            Server::new_with_acceptor(self.metrics_acceptor)
                .run(metrics_routes(self.state.clone())),
        );
        let state = self.state.clone();
        let delay = self.shutdown_delay;
        let stop = async move {
            shutdown_signal().await;
            state.begin_draining();
            tracing::info!(
                delay_seconds = delay.as_secs(),
                "shutting down: readiness is 503; closing the listener after the delay"
            );
            tokio::time::sleep(delay).await;
            tracing::info!("listener closed; finishing requests in flight");
        };
        let result = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(
                routes(self.state.clone(), self.documents),
                stop,
                Some(self.drain_timeout),
            )
            .await;
        housekeeping.abort();
        metrics.abort();
        if let Some(webhooks) = webhooks {
            webhooks.abort();
        }
        self.state.pool.close();
        tracing::info!("stopped");
        result
    }
}

fn bound_address(acceptor: &TcpAcceptor) -> SocketAddr {
    acceptor
        .local_addr()
        .first()
        .and_then(|addr| addr.as_socket_addr().copied())
        .expect("a TCP listener has a socket address")
}

/// Every `every`: returns the seats of lapsed booking holds, forgets idempotency keys older
/// than 24 hours, expired sessions and rate-limit buckets of idle clients, and samples the
/// lock and webhook backlog gauges. Runs until aborted; failures are logged and retried next
/// time.
async fn housekeeping(state: Arc<AppState>, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(err) = sweep_all_expired_holds(&state.pool).await {
            tracing::warn!(error = %error_chain(&err), "sweeping expired booking holds failed");
        }
        if let Err(err) = purge_expired_keys(&state.pool).await {
            tracing::warn!(error = %error_chain(&err), "purging idempotency keys failed");
        }
        if let Err(err) = purge_expired_sessions(&state.pool).await {
            tracing::warn!(error = %error_chain(&err), "purging expired sessions failed");
        }
        state.limits.forget_idle_clients();
        if let Err(err) = locks::sample(&state.pool, &state.metrics).await {
            tracing::warn!(error = %error_chain(&err), "sampling lock waits failed");
        }
        if let Err(err) = delivery::sample_backlog(&state.pool, &state.metrics).await {
            tracing::warn!(error = %error_chain(&err), "sampling the webhook backlog failed");
        }
    }
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM can be handled");
    tokio::select! {
        _ = interrupt => {},
        _ = terminate.recv() => {},
    }
}

/// Applies pending migrations; logs each.
pub async fn migrate_up(pool: &Pool) -> Result<(), migrate::MigrateError> {
    let mut client = pool.get().await?;
    for migration in migrate::up(&mut client).await? {
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied migration"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use tokio::runtime::RuntimeFlavor;

    #[test]
    fn one_worker_thread_runs_tasks_on_the_calling_thread() {
        let runtime = super::runtime(1).expect("a runtime");
        assert_eq!(
            runtime.handle().runtime_flavor(),
            RuntimeFlavor::CurrentThread
        );
        let ran_on = runtime.block_on(async {
            tokio::spawn(async { std::thread::current().id() })
                .await
                .expect("the task finishes")
        });
        assert_eq!(ran_on, std::thread::current().id());
    }

    #[test]
    fn more_worker_threads_are_a_pool_of_that_many() {
        let runtime = super::runtime(3).expect("a runtime");
        assert_eq!(
            runtime.handle().runtime_flavor(),
            RuntimeFlavor::MultiThread
        );
        assert_eq!(runtime.metrics().num_workers(), 3);
    }
}

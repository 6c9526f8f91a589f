//! Assembling the service: the one place that names every context. It turns the
//! configuration ([`config`]) into what each context is given (its settings, its metrics,
//! its keys, its constraint problems), puts their APIs into one OpenAPI service ([`routes`]),
//! starts the background jobs ([`jobs`]) and serves them all ([`Application`]); the database
//! it starts with is [`database`]'s.
//!
//! `main` and the tests start the very same [`Application`] (or [`assemble`] the same
//! [`Service`]); only the settings differ.

pub mod config;
pub mod database;
pub mod jobs;
pub mod routes;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::Pool;
use poem::Server;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};

use crate::events::delivery::DeliveryWorker;
use crate::events::{EventMetrics, Events, WebhookSettings};
use crate::identity::Identity;
use crate::platform::AppState;
use crate::platform::auth::TokenKeys;
use crate::platform::db_errors::install_constraint_problems;
use crate::platform::egress::DestinationPolicy;
use crate::platform::passwords::Passwords;
use crate::platform::probe::ProbeConnection;
use crate::platform::random::random_bytes;
use crate::platform::ratelimit::ClientAddresses;
use crate::platform::serve::{EdgeSettings, serve};
use crate::platform::shared_reads::SharedReads;
use crate::platform::telemetry::Metrics;
use crate::platform::version_cache::VersionCache;
use crate::reports::ReportMetrics;
use crate::ticketing::provider::PaymentProvider;
use crate::ticketing::stripe::Stripe;
use crate::ticketing::ticket_codes::SigningKeys;
use crate::ticketing::{HoldCaps, Ticketing, TicketingMetrics, TicketingSettings};
use crate::wallet::Wallet;
use crate::{catalog, identity, reviews, ticketing, wallet};

use config::CardConfig;
pub use config::Config;
pub use database::{Database, ensure_service_login, migrate_up, warn_unless_least_privilege};
pub use routes::{Documents, metrics_routes, routes, spec, spec_json, spec_yaml};

/// The service, assembled: the state every handler shares, and each context's own.
#[derive(Clone)]
pub struct Service {
    /// Shared infrastructure: pools, the read clients, caches, metrics.
    pub state: Arc<AppState>,
    /// Users and sessions.
    pub identity: Arc<Identity>,
    /// Bookings, payments and tickets.
    pub ticketing: Arc<Ticketing>,
    /// Wallets and transfers.
    pub wallet: Arc<Wallet>,
    /// The outbox's webhooks.
    pub events: Arc<Events>,
    /// The reports' durations.
    pub reports: Arc<ReportMetrics>,
    /// How long a request may take before it is answered 503 (REQUEST_TIMEOUT_MS).
    pub request_timeout: Duration,
    /// Requests in progress at once (MAX_IN_FLIGHT_REQUESTS): one permit each.
    pub in_flight: Arc<tokio::sync::Semaphore>,
}

/// Every context's constraints whose violations are the client's doing.
const CONSTRAINT_PROBLEMS: &[&[crate::platform::db_errors::ConstraintProblem]] = &[
    identity::CONSTRAINT_PROBLEMS,
    catalog::CONSTRAINT_PROBLEMS,
    ticketing::CONSTRAINT_PROBLEMS,
    wallet::CONSTRAINT_PROBLEMS,
    reviews::CONSTRAINT_PROBLEMS,
];

/// Assembles the service from its configuration and database: the shared state, and each
/// context with the settings it is given. Without a token secret or a ticket signing key,
/// random ones are made (the local development server; [`Config::settle_secrets`] requires
/// them otherwise). Card payments are on when both Stripe secrets are set.
///
/// Errors: the payment provider's HTTP client cannot be set up.
pub fn assemble(
    config: &Config,
    pool: Pool,
    reads: SharedReads,
    movie_versions: VersionCache,
) -> std::io::Result<Service> {
    install_constraint_problems(CONSTRAINT_PROBLEMS);
    let provider = card_provider(&config.cards)?;
    let secret = match &config.identity.token_secret {
        Some(secret) => secret.expose().as_bytes().to_vec(),
        None => random_bytes::<32>().to_vec(),
    };
    let mut ticket_seeds = config.ticketing.ticket_signing_seeds();
    if ticket_seeds.is_empty() {
        ticket_seeds.push(random_bytes::<32>());
    }
    let ticket_keys = SigningKeys::new(&ticket_seeds).map_err(std::io::Error::other)?;
    let mut metrics = Metrics::new();
    let ticketing = Ticketing::new(
        TicketingSettings {
            booking_hold: Duration::from_secs(config.ticketing.booking_hold_seconds),
            bookings_per_minute: config.ticketing.booking_rate_limit,
            hold_caps: HoldCaps {
                per_screening: config.ticketing.max_held_seats_per_screening.into(),
                total: config.ticketing.max_held_seats.into(),
            },
            card_hold: Duration::from_secs(config.cards.card_payment_hold_seconds),
            checkin_opens_minutes: config.ticketing.checkin_opens_minutes.into(),
            waiting_list_offer: Duration::from_secs(config.ticketing.waiting_list_offer_seconds),
        },
        TicketingMetrics::register(metrics.registry()),
        ticket_keys,
        provider,
    );
    let wallet = Wallet::new(metrics.registry());
    let reports = ReportMetrics::register(metrics.registry());
    let webhooks = &config.webhooks;
    let events = Arc::new(Events {
        webhooks: WebhookSettings {
            timeout: Duration::from_millis(webhooks.webhook_timeout_ms),
            retry_base: Duration::from_millis(webhooks.webhook_retry_base_ms),
            retry_window: Duration::from_secs(webhooks.webhook_retry_window_seconds),
            poll: Duration::from_millis(webhooks.webhook_poll_ms),
            concurrency: webhooks.webhook_concurrency,
            per_webhook: webhooks.webhook_max_in_flight_per_webhook,
            failures_before_pause: webhooks.webhook_failures_before_pause,
            pause: Duration::from_secs(webhooks.webhook_pause_seconds),
            destinations: DestinationPolicy {
                allow_loopback: webhooks.webhook_allow_loopback,
                allow_private: webhooks.webhook_allow_private_addresses,
            },
        },
        metrics: EventMetrics::register(metrics.registry()),
        retention_days: webhooks.event_retention_days.into(),
    });
    let state = Arc::new(AppState {
        probe: ProbeConnection::new(pool.clone()),
        pool,
        reads,
        movie_versions,
        tokens: Arc::new(TokenKeys::new(&secret)),
        passwords: Passwords::new(config.identity.password_queue_size.into()),
        clients: ClientAddresses {
            trusted_proxy_hops: config.http.trusted_proxy_hops.into(),
        },
        idempotency_keys_per_day: config.http.idempotency_keys_per_day.into(),
        metrics: Arc::new(metrics),
        draining: Default::default(),
    });
    Ok(Service {
        state,
        identity: Identity::new(
            config.identity.auth_rate_limit,
            config.identity.login_rate_limit_per_username,
        ),
        ticketing,
        wallet,
        events,
        reports,
        request_timeout: Duration::from_millis(config.http.request_timeout_ms),
        in_flight: Arc::new(tokio::sync::Semaphore::new(
            config.http.max_in_flight_requests as usize,
        )),
    })
}

/// The payment provider cards are paid through: Stripe (or what STRIPE_API_BASE names),
/// when its secret key and webhook secret are both set; else none, and the card endpoints
/// answer 503 `card_payments_unavailable`.
///
/// Errors: its HTTP client cannot be set up.
pub fn card_provider(cards: &CardConfig) -> std::io::Result<Option<Arc<dyn PaymentProvider>>> {
    let (Some(secret_key), Some(webhook_secret)) =
        (&cards.stripe_secret_key, &cards.stripe_webhook_secret)
    else {
        return Ok(None);
    };
    let stripe = Stripe::new(
        &cards.stripe_api_base,
        secret_key.clone(),
        webhook_secret.clone(),
        Duration::from_millis(cards.payment_provider_timeout_ms),
    )
    .map_err(std::io::Error::other)?;
    let mode = if secret_key.expose().starts_with("sk_live_")
        || secret_key.expose().starts_with("rk_live_")
    {
        "live"
    } else {
        "test"
    };
    tracing::info!(api = %cards.stripe_api_base, mode, "card payments through Stripe are on");
    Ok(Some(stripe))
}

/// The runtime the service runs on, with `worker_threads` threads (WORKER_THREADS): one
/// runs everything on the calling thread, more make a work-stealing pool. On two cores shared
/// with PostgreSQL, one thread answered a screenings list for 16 µs of CPU where two took
/// 25 µs, since a task woken on the other thread costs that thread a wake-up (bench/HISTORY.md,
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

/// The service, bound to its address and ready to run.
pub struct Application {
    listener: tokio::net::TcpListener,
    edge: EdgeSettings,
    metrics_acceptor: TcpAcceptor,
    service: Service,
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
        config: &Config,
        pool: Pool,
        reads: SharedReads,
        movie_versions: VersionCache,
    ) -> std::io::Result<Self> {
        if config.identity.token_secret.is_none() {
            tracing::warn!(
                "TOKEN_SECRET is not set: signing tokens with a random secret; they will not \
                 survive a restart or work across replicas"
            );
        }
        if config.ticketing.ticket_signing_seeds().is_empty() {
            tracing::warn!(
                "TICKET_SIGNING_KEY is not set: signing ticket codes with a random key; codes \
                 will not verify after a restart or across replicas"
            );
        }
        let service = assemble(config, pool, reads, movie_versions)?;
        let webhook_worker = jobs::webhook_worker(&service)?;
        let listener = tokio::net::TcpListener::bind(config.http.listen_addr).await?;
        let metrics_acceptor = TcpListener::bind(config.http.metrics_addr)
            .into_acceptor()
            .await?;
        Ok(Application {
            listener,
            edge: EdgeSettings {
                header_read_timeout: Duration::from_millis(config.http.header_read_timeout_ms),
                max_connections: config.http.max_connections as usize,
            },
            metrics_acceptor,
            service,
            documents: Documents::render(),
            webhook_worker,
            hold_sweep: Duration::from_secs(config.ticketing.hold_sweep_seconds),
            shutdown_delay: Duration::from_secs(config.http.shutdown_delay_seconds),
            drain_timeout: Duration::from_secs(config.http.drain_timeout_seconds),
        })
    }

    /// The address the API is served on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has an address")
    }

    /// The address metrics are served on.
    pub fn metrics_addr(&self) -> SocketAddr {
        bound_address(&self.metrics_acceptor)
    }

    /// The assembled service (for tests and commands that reuse it).
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// Serves until SIGINT or SIGTERM. Then: `/readyz` answers 503 at once; after the
    /// shutdown delay the listener closes; requests in flight get up to the drain timeout to
    /// finish; the pool closes. Returns `Ok` when all of that went through.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let state = self.service.state.clone();
        state.movie_versions.start();
        let housekeeping = tokio::spawn(jobs::housekeeping(self.service.clone(), self.hold_sweep));
        // Aborted at shutdown even mid-send: the deliveries it leaves are claimed again when
        // their lease lapses.
        let webhooks = self.webhook_worker.map(|worker| tokio::spawn(worker.run()));
        let metrics = tokio::spawn(
            Server::new_with_acceptor(self.metrics_acceptor).run(metrics_routes(&self.service)),
        );
        let draining = state.clone();
        let delay = self.shutdown_delay;
        let stop = async move {
            shutdown_signal().await;
            draining.begin_draining();
            tracing::info!(
                delay_seconds = delay.as_secs(),
                "shutting down: readiness is 503; closing the listener after the delay"
            );
            tokio::time::sleep(delay).await;
            tracing::info!("listener closed; finishing requests in flight");
        };
        let result = serve(
            self.listener,
            routes(&self.service, self.documents),
            self.edge,
            stop,
            self.drain_timeout,
        )
        .await;
        housekeeping.abort();
        metrics.abort();
        if let Some(webhooks) = webhooks {
            webhooks.abort();
        }
        state.pool.close();
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

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM can be handled");
    tokio::select! {
        _ = interrupt => {},
        _ = terminate.recv() => {},
    }
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

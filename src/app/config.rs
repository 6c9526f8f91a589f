//! The configuration: every setting, grouped by concern, each a command-line flag that is
//! also read from an environment variable (README, "Configuration"). `app` turns the groups
//! into what each context is given ([`super::assemble`]).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, ValueEnum};

use crate::platform::secret::{Secret, check_not_placeholder};
use crate::ticketing::ticket_codes;

/// Every setting of the service.
#[derive(Parser, Debug, Clone)]
#[command(name = "boxoffice")]
pub struct Config {
    /// Where the data lives.
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// The HTTP server.
    #[command(flatten)]
    pub http: HttpConfig,
    /// Users, sessions and passwords.
    #[command(flatten)]
    pub identity: IdentityConfig,
    /// Bookings and tickets.
    #[command(flatten)]
    pub ticketing: TicketingConfig,
    /// Webhook delivery.
    #[command(flatten)]
    pub webhooks: WebhookConfig,
    /// Card payments through a payment provider.
    #[command(flatten)]
    pub cards: CardConfig,
}

/// Where the data lives.
#[derive(Args, Debug, Clone)]
pub struct DatabaseConfig {
    /// PostgreSQL URL (`postgres://user:password@host:port/db`). Without it, a local server is
    /// started from the machine's PostgreSQL binaries, with its data in LOCAL_PG_DIR.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// PostgreSQL URL that `boxoffice migrate` uses: a role that owns the schema. The service
    /// itself connects with DATABASE_URL as `boxoffice_app`, which owns nothing. Defaults to
    /// DATABASE_URL.
    #[arg(
        long,
        env = "MIGRATION_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub migration_database_url: Option<String>,
    /// PostgreSQL URL of a read replica (a hot standby, or several hosts with
    /// `target_session_attrs=read-only`) for the catalog's reads: movies, theaters, layouts,
    /// screenings. They may then lag the primary by the replication delay. Seat maps,
    /// bookings, payments and every write, or read that must see one, stay on DATABASE_URL.
    /// Needs DB_READ_CONNECTIONS of 1 or more. Defaults to DATABASE_URL.
    #[arg(long, env = "DATABASE_READ_URL", global = true, hide_env_values = true)]
    pub database_read_url: Option<String>,
    /// PEM file of CA certificates to trust for PostgreSQL's TLS certificate, besides the
    /// system's (for a managed database's or an operator's own CA).
    #[arg(long, env = "DATABASE_CA_FILE", global = true)]
    pub database_ca_file: Option<PathBuf>,
    /// Data folder of the local PostgreSQL used when DATABASE_URL is not set.
    #[arg(
        long,
        env = "LOCAL_PG_DIR",
        default_value = ".boxoffice/postgres",
        global = true
    )]
    pub local_pg_dir: PathBuf,
    /// Most database connections this process opens.
    #[arg(long, env = "DB_POOL_SIZE", default_value_t = 16, global = true,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub db_pool_size: u16,
    /// Connections shared by the catalog's single-statement reads, each pipelining the reads
    /// sent to it concurrently (platform::shared_reads), on top of DB_POOL_SIZE; 0 sends
    /// those reads to the pool too.
    #[arg(long, env = "DB_READ_CONNECTIONS", default_value_t = 2, global = true,
          value_parser = clap::value_parser!(u16).range(0..=64))]
    pub db_read_connections: u16,
    /// Keep movies' versions in memory, learned from the primary's announcements over one
    /// more connection (`LISTEN`, platform::version_cache), so that a conditional GET of a
    /// movie is answered without a query. `false` behind a PgBouncer in transaction mode,
    /// which does not deliver notifications.
    #[arg(long, env = "DB_LISTEN_VERSIONS", default_value_t = true, global = true,
          action = clap::ArgAction::Set)]
    pub db_listen_versions: bool,
}

/// How the HTTP server behaves.
#[derive(Args, Debug, Clone)]
pub struct HttpConfig {
    /// Address to listen on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen_addr: SocketAddr,
    /// Address to serve Prometheus metrics on (`/metrics`), apart from the API so that it is
    /// not public: loopback unless a deployment opens it to its scraper.
    #[arg(
        long,
        env = "METRICS_ADDR",
        default_value = "127.0.0.1:9464",
        global = true
    )]
    pub metrics_addr: SocketAddr,
    /// Threads that run requests and background tasks (password hashing has threads of its
    /// own). 1, the default, runs everything on one thread: on a host that PostgreSQL shares,
    /// that costs far less CPU per request than threads that hand tasks to each other
    /// (bench/HISTORY.md, seventh pass). More than 1 is a work-stealing pool of that many
    /// threads, for a host with cores to spare; otherwise scale out with replicas.
    #[arg(long, env = "WORKER_THREADS", default_value_t = 1, global = true,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub worker_threads: u16,
    /// How many proxies (load balancers, ingress) in front of the service append the client
    /// address to `X-Forwarded-For`. 0: none; the header is ignored and the connection's peer
    /// is the client, since anyone can send the header.
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0, global = true,
          value_parser = clap::value_parser!(u8).range(0..=10))]
    pub trusted_proxy_hops: u8,
    /// Idempotency keys a user may claim in 24 hours (each payment, transfer or deposit
    /// takes one, and each booking or order sent with one); beyond it, 429 `rate_limited`. Replays of a claimed key are not counted.
    #[arg(long, env = "IDEMPOTENCY_KEYS_PER_DAY", default_value_t = 1000, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub idempotency_keys_per_day: u32,
    /// Seconds between the shutdown signal and closing the listener, while `/readyz` already
    /// answers 503, so load balancers stop sending traffic before it is refused.
    #[arg(long, env = "SHUTDOWN_DELAY_SECONDS", default_value_t = 0, global = true,
          value_parser = clap::value_parser!(u64).range(0..=300))]
    pub shutdown_delay_seconds: u64,
    /// Most seconds to let requests in flight finish after the listener closes.
    #[arg(long, env = "DRAIN_TIMEOUT_SECONDS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub drain_timeout_seconds: u64,
    /// Most milliseconds a request may take, reading its body included, before it is
    /// answered 503 `database_unavailable` with `Retry-After`: a backstop behind the
    /// database's own timeouts (README, "Database timeouts") and the payment provider's, so
    /// that no request waits on a lost server for long. Longer than PAYMENT_PROVIDER_TIMEOUT_MS.
    #[arg(long, env = "REQUEST_TIMEOUT_MS", default_value_t = 15_000, global = true,
          value_parser = clap::value_parser!(u64).range(100..=600_000))]
    pub request_timeout_ms: u64,
    /// Most milliseconds a client may take to send a request's headers, and a keep-alive
    /// connection may stay idle waiting for its next request, before it is closed: a client
    /// that trickles its headers (slowloris) holds a connection this long at most.
    #[arg(long, env = "HEADER_READ_TIMEOUT_MS", default_value_t = 10_000, global = true,
          value_parser = clap::value_parser!(u64).range(100..=300_000))]
    pub header_read_timeout_ms: u64,
    /// Most connections open at once; further ones wait in the listen backlog until one
    /// closes. Each holds at most a 16 KiB read buffer.
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = 1024, global = true,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_connections: u32,
    /// Most requests in progress at once (the probes aside); beyond it, 503 `overloaded` with
    /// `Retry-After` at once, before a request costs memory or a database connection. Each
    /// holds at most a 64 KiB body.
    #[arg(long, env = "MAX_IN_FLIGHT_REQUESTS", default_value_t = 512, global = true,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_in_flight_requests: u32,
    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: LogFormat,
}

/// Users, sessions and passwords.
#[derive(Args, Debug, Clone)]
pub struct IdentityConfig {
    /// Secret that signs access tokens (at least 32 bytes), the same for every replica.
    /// Required with DATABASE_URL; only the local development server (no DATABASE_URL) makes
    /// a random one at start. Placeholders and published examples are refused.
    #[arg(long, env = "TOKEN_SECRET", global = true, hide_env_values = true)]
    pub token_secret: Option<Secret>,
    /// A file holding TOKEN_SECRET (for secrets mounted as files: Docker secrets, a
    /// Kubernetes volume), read at start when TOKEN_SECRET itself is not set.
    #[arg(long, env = "TOKEN_SECRET_FILE", global = true)]
    pub token_secret_file: Option<PathBuf>,
    /// Most password hashes (logins, registrations) waiting for a hashing thread; beyond that,
    /// requests are refused at once with 503 `overloaded`. About 75 hashes a second run on
    /// two cores, so 32 waiting is under half a second of work.
    #[arg(long, env = "PASSWORD_QUEUE_SIZE", default_value_t = 32, global = true,
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub password_queue_size: u16,
    /// Logins and registrations allowed per minute per client address (a burst of that
    /// many at once; an IPv6 client per /64); beyond it, 429 `rate_limited`. 0: no limit.
    /// Behind a proxy, set TRUSTED_PROXY_HOPS, or every client is one address.
    #[arg(long, env = "AUTH_RATE_LIMIT", default_value_t = 60, global = true)]
    pub auth_rate_limit: u32,
    /// Logins allowed per minute per username, from any address; beyond it, 429
    /// `rate_limited` with the seconds to wait. 0: no limit.
    #[arg(
        long,
        env = "LOGIN_RATE_LIMIT_PER_USERNAME",
        default_value_t = 10,
        global = true
    )]
    pub login_rate_limit_per_username: u32,
}

/// Bookings and tickets.
#[derive(Args, Debug, Clone)]
pub struct TicketingConfig {
    /// Key that signs ticket codes: an Ed25519 seed of 32 random bytes, in base64
    /// (`openssl rand -base64 32`), the same for every replica; scanners verify codes with its
    /// public key. This or TICKET_SIGNING_KEYS is required with DATABASE_URL, like
    /// TOKEN_SECRET; the local development server makes a random one at start. Replacing it
    /// outright invalidates every ticket code issued: rotate with TICKET_SIGNING_KEYS.
    #[arg(
        long,
        env = "TICKET_SIGNING_KEY",
        global = true,
        hide_env_values = true
    )]
    pub ticket_signing_key: Option<Secret>,
    /// A file holding TICKET_SIGNING_KEY, read at start when it is not set itself.
    #[arg(long, env = "TICKET_SIGNING_KEY_FILE", global = true)]
    pub ticket_signing_key_file: Option<PathBuf>,
    /// Keys that sign and verify ticket codes, for rotating them: seeds as
    /// TICKET_SIGNING_KEY takes one, separated by commas, the key that signs new codes first;
    /// codes of every key listed verify. Instead of TICKET_SIGNING_KEY, not with it.
    #[arg(
        long,
        env = "TICKET_SIGNING_KEYS",
        global = true,
        hide_env_values = true
    )]
    pub ticket_signing_keys: Option<Secret>,
    /// A file holding TICKET_SIGNING_KEYS (commas or one key a line), read at start when it
    /// is not set itself.
    #[arg(long, env = "TICKET_SIGNING_KEYS_FILE", global = true)]
    pub ticket_signing_keys_file: Option<PathBuf>,
    /// Minutes before a screening's start from which its tickets may be checked in (until
    /// it ends); outside that window a scan answers 409 `checkin_closed`.
    #[arg(long, env = "CHECKIN_OPENS_MINUTES", default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u16).range(0..=10_080))]
    pub checkin_opens_minutes: u16,
    /// Seconds a pending booking holds its seats.
    #[arg(long, env = "BOOKING_HOLD_SECONDS", default_value_t = 600, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub booking_hold_seconds: u64,
    /// Seconds an offer of freed seats to a waiting list entry holds them (a pending booking
    /// for the entry's customer); unpaid by then, the seats go to the next entry.
    #[arg(long, env = "WAITING_LIST_OFFER_SECONDS", default_value_t = 900, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub waiting_list_offer_seconds: u64,
    /// Seconds between sweeps that return the seats of expired holds (and offer them to
    /// waiting lists).
    #[arg(long, env = "HOLD_SWEEP_SECONDS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub hold_sweep_seconds: u64,
    /// Booking attempts allowed per minute per user; beyond it, 429 `rate_limited`. 0: no
    /// limit.
    #[arg(long, env = "BOOKING_RATE_LIMIT", default_value_t = 60, global = true)]
    pub booking_rate_limit: u32,
    /// Most seats a customer may hold of one screening in unpaid (pending) bookings; beyond
    /// it, 409 `hold_limit_reached`. Admins and staff selling at the counter are not capped.
    #[arg(long, env = "MAX_HELD_SEATS_PER_SCREENING", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub max_held_seats_per_screening: u16,
    /// Most seats a customer may hold in all in unpaid (pending) bookings; beyond it, 409
    /// `hold_limit_reached`.
    #[arg(long, env = "MAX_HELD_SEATS", default_value_t = 20, global = true,
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub max_held_seats: u16,
}

/// Card payments through Stripe: on when the secret key and the webhook secret are set.
#[derive(Args, Debug, Clone)]
pub struct CardConfig {
    /// Stripe's secret API key (`sk_live_…`, or `sk_test_…` in test mode). With
    /// STRIPE_WEBHOOK_SECRET it turns card payments on; without, the card endpoints answer
    /// 503 `card_payments_unavailable`.
    #[arg(long, env = "STRIPE_SECRET_KEY", global = true, hide_env_values = true)]
    pub stripe_secret_key: Option<Secret>,
    /// A file holding STRIPE_SECRET_KEY, read at start when it is not set itself.
    #[arg(long, env = "STRIPE_SECRET_KEY_FILE", global = true)]
    pub stripe_secret_key_file: Option<PathBuf>,
    /// Stripe's publishable key (`pk_…`), which clients' Stripe.js or mobile SDK use to
    /// collect cards; the service only checks its form and logs which mode it is in.
    #[arg(long, env = "STRIPE_PUBLISHABLE_KEY", global = true)]
    pub stripe_publishable_key: Option<String>,
    /// The signing secret of the webhook endpoint Stripe posts events to (`whsec_…`): events
    /// whose `Stripe-Signature` it does not verify are refused.
    #[arg(
        long,
        env = "STRIPE_WEBHOOK_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub stripe_webhook_secret: Option<Secret>,
    /// A file holding STRIPE_WEBHOOK_SECRET, read at start when it is not set itself.
    #[arg(long, env = "STRIPE_WEBHOOK_SECRET_FILE", global = true)]
    pub stripe_webhook_secret_file: Option<PathBuf>,
    /// Where Stripe's API is: its own, or a fake of it (localstripe) in tests.
    #[arg(
        long,
        env = "STRIPE_API_BASE",
        default_value = "https://api.stripe.com",
        global = true
    )]
    pub stripe_api_base: String,
    /// Most milliseconds one call to the payment provider may take; beyond it the request
    /// answers 503 `payment_provider_unavailable`.
    #[arg(long, env = "PAYMENT_PROVIDER_TIMEOUT_MS", default_value_t = 10_000, global = true,
          value_parser = clap::value_parser!(u64).range(100..=60_000))]
    pub payment_provider_timeout_ms: u64,
    /// Seconds a booking with a card payment under way holds its seats, from when the payment
    /// starts (never past the screening's start): time for the customer to confirm the card,
    /// 3-D Secure included.
    #[arg(long, env = "CARD_PAYMENT_HOLD_SECONDS", default_value_t = 900, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub card_payment_hold_seconds: u64,
}

/// Webhook delivery.
#[derive(Args, Debug, Clone)]
pub struct WebhookConfig {
    /// Most milliseconds one webhook attempt may take, connecting included; a receiver that
    /// has not answered by then is retried.
    #[arg(long, env = "WEBHOOK_TIMEOUT_MS", default_value_t = 10_000, global = true,
          value_parser = clap::value_parser!(u64).range(10..=120_000))]
    pub webhook_timeout_ms: u64,
    /// Milliseconds before a failed webhook delivery is first retried; each later retry waits
    /// twice as long as the one before (with jitter).
    #[arg(long, env = "WEBHOOK_RETRY_BASE_MS", default_value_t = 5_000, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub webhook_retry_base_ms: u64,
    /// Seconds a failing webhook delivery is retried before it is dead (a day: about fifteen
    /// attempts with the default base).
    #[arg(long, env = "WEBHOOK_RETRY_WINDOW_SECONDS", default_value_t = 86_400, global = true,
          value_parser = clap::value_parser!(u64).range(0..=2_592_000))]
    pub webhook_retry_window_seconds: u64,
    /// Milliseconds an idle webhook worker waits before it looks for due deliveries again:
    /// how late, at most, a new event leaves.
    #[arg(long, env = "WEBHOOK_POLL_MS", default_value_t = 1_000, global = true,
          value_parser = clap::value_parser!(u64).range(10..=60_000))]
    pub webhook_poll_ms: u64,
    /// Most webhook deliveries one replica sends at once. 0: this replica sends none (the
    /// API still manages webhooks).
    #[arg(long, env = "WEBHOOK_CONCURRENCY", default_value_t = 16, global = true,
          value_parser = clap::value_parser!(u16).range(0..=1_000))]
    pub webhook_concurrency: u16,
    /// Most deliveries of one webhook being sent at once, by all replicas together (leases
    /// are counted in the database): a receiver that holds its requests for the whole timeout
    /// takes at most this many places, and the other webhooks' deliveries go on.
    #[arg(long, env = "WEBHOOK_MAX_IN_FLIGHT_PER_WEBHOOK", default_value_t = 4, global = true,
          value_parser = clap::value_parser!(u16).range(1..=1_000))]
    pub webhook_max_in_flight_per_webhook: u16,
    /// Failed attempts in a row after which a webhook is paused (a circuit breaker): nothing
    /// is sent to it for WEBHOOK_PAUSE_SECONDS, then one attempt decides.
    #[arg(long, env = "WEBHOOK_FAILURES_BEFORE_PAUSE", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub webhook_failures_before_pause: u16,
    /// Seconds a paused webhook is sent nothing.
    #[arg(long, env = "WEBHOOK_PAUSE_SECONDS", default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub webhook_pause_seconds: u64,
    /// Days the event outbox (GET /v1/events) and finished webhook deliveries are kept; the
    /// housekeeping job deletes older ones, except events a webhook still waits for. A feed
    /// consumer further behind than this misses events.
    #[arg(long, env = "EVENT_RETENTION_DAYS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u16).range(1..=3_650))]
    pub event_retention_days: u16,
    /// Let webhooks reach loopback addresses, over `http` too. For development and tests
    /// only: in a deployment it lets an admin reach the service's own host.
    #[arg(
        long,
        env = "WEBHOOK_ALLOW_LOOPBACK",
        default_value_t = false,
        global = true
    )]
    pub webhook_allow_loopback: bool,
    /// Let webhooks reach private and link-local networks (RFC 1918, carrier-grade NAT,
    /// `fc00::/7`, `169.254.0.0/16`, `fe80::/10`), for receivers inside the deployment's
    /// network. Off, an admin's URL cannot reach the cluster's internal services or the
    /// cloud's metadata service.
    #[arg(
        long,
        env = "WEBHOOK_ALLOW_PRIVATE_ADDRESSES",
        default_value_t = false,
        global = true
    )]
    pub webhook_allow_private_addresses: bool,
}

/// How log lines look.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Why a setting cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A required setting is missing.
    #[error("{0}")]
    Missing(String),
    /// A setting has a value that cannot be used.
    #[error("{0}")]
    Invalid(String),
}

/// Checks a token secret: at least 32 bytes, since HS256 wants a key at least as long as its
/// 256-bit output (RFC 7518 §3.2), and no placeholder. The value itself is never repeated in
/// the message.
fn check_token_secret(secret: &str) -> Result<(), String> {
    if secret.len() < 32 {
        return Err(format!(
            "TOKEN_SECRET must be at least 32 bytes long (got {})",
            secret.len()
        ));
    }
    check_not_placeholder("TOKEN_SECRET", secret)
}

/// Checks that a Stripe key starts as its kind does (`sk_`, `whsec_`, `pk_`) and is no
/// placeholder.
fn check_prefixed(name: &str, value: &str, prefixes: &[&str]) -> Result<(), String> {
    if !prefixes.iter().any(|prefix| value.starts_with(prefix)) {
        return Err(format!("{name} must start with {}", prefixes.join(" or ")));
    }
    check_not_placeholder(name, value)
}

/// A secret setting: its name, its value, the file that may hold it instead, its check, and
/// how to make one (for the message when it is missing).
struct SecretSetting<'a> {
    name: &'static str,
    value: &'a mut Option<Secret>,
    file: Option<&'a PathBuf>,
    check: fn(&str) -> Result<(), String>,
    why_shared: &'static str,
    how_to_make: &'static str,
}

impl SecretSetting<'_> {
    /// The value, else the file's contents (one trailing newline dropped), checked; required
    /// when `required`.
    fn settle(self, required: bool) -> Result<(), ConfigError> {
        let name = self.name;
        if let Some(secret) = self.value.as_ref() {
            (self.check)(secret.expose()).map_err(ConfigError::Invalid)?;
        } else if let Some(path) = self.file {
            let text = std::fs::read_to_string(path).map_err(|err| {
                ConfigError::Invalid(format!("{name}_FILE {}: {err}", path.display()))
            })?;
            let secret = text.trim_end_matches(['\r', '\n']);
            (self.check)(secret)
                .map_err(|err| ConfigError::Invalid(format!("{err} (from {name}_FILE)")))?;
            *self.value = Some(Secret::new(secret));
        }
        if self.value.is_none() && required {
            return Err(ConfigError::Missing(format!(
                "{name} is required when DATABASE_URL is set: {}. Set {name} (or {name}_FILE) \
                 to {}",
                self.why_shared, self.how_to_make
            )));
        }
        Ok(())
    }
}

impl Config {
    /// Settles the secrets before serving: TOKEN_SECRET and TICKET_SIGNING_KEY, each else the
    /// contents of its `_FILE` (checked the same way). With a `DATABASE_URL`
    /// (`database_url_set`) both are required; only the local development server may go
    /// without (and then makes random ones). The Stripe secrets likewise, when given: card
    /// payments are on only with both.
    ///
    /// Errors: a file cannot be read, a secret is refused, or one is missing where required.
    pub fn settle_secrets(&mut self, database_url_set: bool) -> Result<(), ConfigError> {
        SecretSetting {
            name: "TOKEN_SECRET",
            value: &mut self.identity.token_secret,
            file: self.identity.token_secret_file.as_ref(),
            check: check_token_secret,
            why_shared: "every replica must sign and check access tokens with the same secret",
            how_to_make: "at least 32 random bytes, e.g. `openssl rand -base64 48`",
        }
        .settle(database_url_set)?;
        self.settle_ticket_signing_keys(database_url_set)?;
        self.settle_card_secrets()
    }

    /// Settles TICKET_SIGNING_KEY or TICKET_SIGNING_KEYS (one of them, each else its
    /// `_FILE`), required when `required`.
    ///
    /// Errors: a file cannot be read, a key is refused, both are set, or neither is where
    /// required.
    fn settle_ticket_signing_keys(&mut self, required: bool) -> Result<(), ConfigError> {
        let ticketing = &mut self.ticketing;
        let keys_given =
            ticketing.ticket_signing_keys.is_some() || ticketing.ticket_signing_keys_file.is_some();
        let key_given =
            ticketing.ticket_signing_key.is_some() || ticketing.ticket_signing_key_file.is_some();
        if keys_given && key_given {
            return Err(ConfigError::Invalid(
                "TICKET_SIGNING_KEY and TICKET_SIGNING_KEYS are both set: list every key in \
                 TICKET_SIGNING_KEYS (the one that signs first) and unset TICKET_SIGNING_KEY"
                    .into(),
            ));
        }
        const WHY_SHARED: &str = "every replica must sign ticket codes with the key scanners trust";
        const HOW_TO_MAKE: &str = "a random Ed25519 seed, e.g. `openssl rand -base64 32`";
        let setting = if keys_given {
            SecretSetting {
                name: "TICKET_SIGNING_KEYS",
                value: &mut ticketing.ticket_signing_keys,
                file: ticketing.ticket_signing_keys_file.as_ref(),
                check: |keys| ticket_codes::parse_signing_keys(keys).map(drop),
                why_shared: WHY_SHARED,
                how_to_make: HOW_TO_MAKE,
            }
        } else {
            SecretSetting {
                name: "TICKET_SIGNING_KEY",
                value: &mut ticketing.ticket_signing_key,
                file: ticketing.ticket_signing_key_file.as_ref(),
                check: |key| ticket_codes::parse_signing_key(key).map(drop),
                why_shared: WHY_SHARED,
                how_to_make: HOW_TO_MAKE,
            }
        };
        setting.settle(required)
    }

    /// Settles the Stripe secrets: each else the contents of its `_FILE`, checked when given
    /// (card payments are optional; they are on only with both).
    ///
    /// Errors: a file cannot be read, or a key is not of its kind.
    pub fn settle_card_secrets(&mut self) -> Result<(), ConfigError> {
        SecretSetting {
            name: "STRIPE_SECRET_KEY",
            value: &mut self.cards.stripe_secret_key,
            file: self.cards.stripe_secret_key_file.as_ref(),
            check: |key| check_prefixed("STRIPE_SECRET_KEY", key, &["sk_", "rk_"]),
            why_shared: "",
            how_to_make: "",
        }
        .settle(false)?;
        SecretSetting {
            name: "STRIPE_WEBHOOK_SECRET",
            value: &mut self.cards.stripe_webhook_secret,
            file: self.cards.stripe_webhook_secret_file.as_ref(),
            check: |secret| check_prefixed("STRIPE_WEBHOOK_SECRET", secret, &["whsec_"]),
            why_shared: "",
            how_to_make: "",
        }
        .settle(false)?;
        if let Some(key) = &self.cards.stripe_publishable_key {
            check_prefixed("STRIPE_PUBLISHABLE_KEY", key, &["pk_"])
                .map_err(ConfigError::Invalid)?;
        }
        Ok(())
    }

    /// Whether a database was named (DATABASE_URL or MIGRATION_DATABASE_URL): then the
    /// service is not the local development server, and its secrets are required.
    pub fn names_a_database(&self) -> bool {
        self.database.database_url.is_some() || self.database.migration_database_url.is_some()
    }
}

impl TicketingConfig {
    /// The seeds of the ticket signing keys, once settled, the one that signs first (from
    /// TICKET_SIGNING_KEYS, or TICKET_SIGNING_KEY alone); empty when none is set.
    pub fn ticket_signing_seeds(&self) -> Vec<[u8; 32]> {
        if let Some(keys) = &self.ticket_signing_keys {
            return ticket_codes::parse_signing_keys(keys.expose()).unwrap_or_default();
        }
        self.ticket_signing_key
            .as_ref()
            .and_then(|key| ticket_codes::parse_signing_key(key.expose()).ok())
            .into_iter()
            .collect()
    }
}

#[cfg(test)]
mod tests;

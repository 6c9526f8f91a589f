//! Configuration: command-line flags, each also read from an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// boxoffice: movie-ticketing backend (catalog, users, bookings) on PostgreSQL.
#[derive(Parser, Debug)]
#[command(name = "boxoffice", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Database settings.
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// HTTP server settings.
    #[command(flatten)]
    pub server: ServerConfig,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the HTTP API (the default).
    Serve,
    /// Apply or revert schema migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load the demo catalog (movies, theaters, a week of screenings) into an empty catalog,
    /// and demo concession products if there are none.
    Seed,
    /// Print the OpenAPI document.
    Openapi {
        /// YAML instead of JSON.
        #[arg(long)]
        yaml: bool,
    },
    /// Manage administrators.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Exit 0 if the server at LISTEN_ADDR answers `/readyz` with 200 within 5 seconds
    /// (for container health checks; the runtime image has no curl).
    Healthcheck,
    /// Run COMMAND against a throwaway PostgreSQL server started from the machine's binaries
    /// (found as for the local server), with DATABASE_URL naming the server (no database:
    /// `postgres://postgres@127.0.0.1:PORT`) and PG_BINDIR its binaries. The server and its
    /// data are removed when COMMAND ends; its exit status is ours. For scripts, the
    /// benchmarks and CI: `boxoffice dev-postgres -c shared_buffers=512MB -- psql …`.
    DevPostgres {
        /// A server setting, `name=value` (repeatable). The throwaway server runs without
        /// fsync unless told otherwise here.
        #[arg(short = 'c', long = "setting", value_name = "NAME=VALUE")]
        settings: Vec<String>,
        /// The command and its arguments.
        #[arg(last = true, required = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Inspect the wallet ledger.
    Ledger {
        #[command(subcommand)]
        action: LedgerAction,
    },
}

/// `boxoffice ledger …`.
#[derive(Subcommand, Debug)]
pub enum LedgerAction {
    /// Verify that no money was created or lost: per currency the entries sum to zero, and
    /// every balance is the sum of its entries. Exits non-zero on any mismatch.
    Check,
}

/// `boxoffice migrate …`.
#[derive(Subcommand, Debug)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Revert the last N applied migrations.
    Down {
        /// How many to revert.
        #[arg(default_value_t = 1)]
        steps: usize,
    },
    /// List migrations and whether each is applied.
    Status,
}

/// `boxoffice admin …`.
#[derive(Subcommand, Debug)]
pub enum AdminAction {
    /// Create an admin user; the password is read from standard input.
    Create {
        /// 3–32 letters, digits, `_`, `.` or `-`.
        #[arg(long)]
        username: String,
        /// Email address.
        #[arg(long)]
        email: String,
        /// Name to show; the username if omitted.
        #[arg(long)]
        full_name: Option<String>,
    },
}

/// Where the data lives.
#[derive(Args, Debug, Clone)]
pub struct DatabaseConfig {
    /// PostgreSQL URL (`postgres://user:password@host:port/db`). Without it, a local server is
    /// started from the machine's PostgreSQL binaries, with its data in LOCAL_PG_DIR.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
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
}

/// How the HTTP server behaves.
#[derive(Args, Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen_addr: SocketAddr,
    /// Secret that signs access tokens (at least 32 bytes). Without it a random one is made at
    /// start: tokens then die with the process and are not shared between replicas.
    #[arg(long, env = "TOKEN_SECRET", global = true, hide_env_values = true,
          value_parser = parse_token_secret)]
    pub token_secret: Option<String>,
    /// Most password hashes (logins, registrations) waiting for a hashing thread; beyond that,
    /// requests are refused at once with 503 `overloaded`. About 75 hashes a second run on
    /// two cores, so 32 waiting is under half a second of work.
    #[arg(long, env = "PASSWORD_QUEUE_SIZE", default_value_t = 32, global = true,
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub password_queue_size: u16,
    /// Logins, registrations and token refreshes allowed per minute per client address (a
    /// burst of that many at once); beyond it, 429 `rate_limited`. 0: no limit.
    #[arg(long, env = "AUTH_RATE_LIMIT", default_value_t = 60, global = true)]
    pub auth_rate_limit: u32,
    /// Booking attempts allowed per minute per user; beyond it, 429 `rate_limited`. 0: no
    /// limit.
    #[arg(long, env = "BOOKING_RATE_LIMIT", default_value_t = 60, global = true)]
    pub booking_rate_limit: u32,
    /// How many proxies (load balancers, ingress) in front of the service append the client
    /// address to `X-Forwarded-For`. 0: none; the header is ignored and the connection's peer
    /// is the client, since anyone can send the header.
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0, global = true,
          value_parser = clap::value_parser!(u8).range(0..=10))]
    pub trusted_proxy_hops: u8,
    /// Seconds a pending booking holds its seats.
    #[arg(long, env = "BOOKING_HOLD_SECONDS", default_value_t = 600, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub booking_hold_seconds: u64,
    /// Seconds between sweeps that return the seats of expired holds.
    #[arg(long, env = "HOLD_SWEEP_SECONDS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub hold_sweep_seconds: u64,
    /// Seconds between the shutdown signal and closing the listener, while `/readyz` already
    /// answers 503, so load balancers stop sending traffic before it is refused.
    #[arg(long, env = "SHUTDOWN_DELAY_SECONDS", default_value_t = 0, global = true,
          value_parser = clap::value_parser!(u64).range(0..=300))]
    pub shutdown_delay_seconds: u64,
    /// Most seconds to let requests in flight finish after the listener closes.
    #[arg(long, env = "DRAIN_TIMEOUT_SECONDS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub drain_timeout_seconds: u64,
    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: LogFormat,
}

/// How log lines look.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// HS256 wants a key at least as long as its 256-bit output (RFC 7518 §3.2).
fn parse_token_secret(secret: &str) -> Result<String, String> {
    if secret.len() < 32 {
        return Err(format!(
            "TOKEN_SECRET must be at least 32 bytes long (got {})",
            secret.len()
        ));
    }
    Ok(secret.to_owned())
}

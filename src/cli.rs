//! The command grammar of the `boxoffice` binary: its subcommands and their arguments. The
//! settings every subcommand shares are the service's configuration ([`crate::app::config`]).

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::config::Config;
use crate::platform::auth::Role;

/// boxoffice: movie-ticketing backend (catalog, users, bookings) on PostgreSQL.
#[derive(Parser, Debug)]
#[command(name = "boxoffice", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The settings.
    #[command(flatten)]
    pub config: Config,
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
    /// Diagnose the database.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
    /// Inspect the wallet ledger.
    Ledger {
        #[command(subcommand)]
        action: LedgerAction,
    },
    /// Check card payments against the payment provider.
    Payments {
        #[command(subcommand)]
        action: PaymentsAction,
    },
}

/// `boxoffice payments …`.
#[derive(Subcommand, Debug)]
pub enum PaymentsAction {
    /// Compare every card payment with the payment provider's record and with the ledger
    /// (charged exactly when sold, same amounts, the same refunds, the clearing account equal
    /// to the provider's charges minus refunds) and print each difference. Exits non-zero on
    /// any. Needs the Stripe settings the service has.
    Reconcile,
}

/// `boxoffice ledger …`.
#[derive(Subcommand, Debug)]
pub enum LedgerAction {
    /// Verify that no money was created or lost: per currency the entries sum to zero, and
    /// every wallet's balance is the sum of its entries. Exits non-zero on any mismatch.
    Check,
}

/// `boxoffice db …`.
#[derive(Subcommand, Debug)]
pub enum DbAction {
    /// Who waits for a lock and who holds it: blocked and blocking process ids, their
    /// queries, how long each has waited, the lock mode and relation. Exits 0 when nothing is
    /// blocked, 1 otherwise. Run it with a DATABASE_URL that may read every session's query
    /// (a superuser, or a role with pg_read_all_stats) to see other roles' queries.
    Locks,
}

/// `boxoffice migrate …`.
#[derive(Subcommand, Debug)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Revert the last N applied migrations. A migration whose down would drop a table that
    /// holds rows (tickets, refunds, events…) is refused unless --force.
    Down {
        /// How many to revert.
        #[arg(default_value_t = 1)]
        steps: usize,
        /// Revert even a migration that drops tables holding rows: they are lost.
        #[arg(long)]
        force: bool,
    },
    /// List migrations and whether each is applied.
    Status,
}

/// `boxoffice admin …`.
#[derive(Subcommand, Debug)]
pub enum AdminAction {
    /// Create an admin, staff or integrations user; the password is read from standard
    /// input.
    Create {
        /// `admin` manages everything; `staff` only checks tickets in at the door;
        /// `integrations` only reads the event feed and manages webhooks.
        #[arg(long, value_enum, default_value = "admin")]
        role: PrivilegedRole,
        /// 3–32 letters, digits, `_`, `.` or `-`.
        #[arg(long)]
        username: String,
        /// Email address.
        #[arg(long)]
        email: String,
        /// Name to show; the username if omitted.
        #[arg(long)]
        full_name: Option<String>,
        /// With `--role staff`: a theater whose screenings they check tickets in at
        /// (repeatable; none: nowhere until an admin sets them, `PUT /v1/staff/{id}/theaters`).
        #[arg(long = "theater", value_name = "ID")]
        theaters: Vec<i64>,
    },
}

/// The roles `boxoffice admin create` gives.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivilegedRole {
    /// Manages the catalog, deposits and orders; may check tickets in.
    Admin,
    /// Checks tickets in and reads check-in counts.
    Staff,
    /// Reads the event feed and manages webhooks: a connected system's account.
    Integrations,
}

impl From<PrivilegedRole> for Role {
    fn from(role: PrivilegedRole) -> Self {
        match role {
            PrivilegedRole::Admin => Role::Admin,
            PrivilegedRole::Staff => Role::Staff,
            PrivilegedRole::Integrations => Role::Integrations,
        }
    }
}

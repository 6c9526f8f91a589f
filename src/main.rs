//! The `boxoffice` binary: `serve` (default), `migrate`, `seed`, `openapi`, `admin create`.

use std::io::BufRead;
use std::process::ExitCode;

use boxoffice::app::config::LogFormat;
use boxoffice::app::{self, Application, Database};
use boxoffice::cli::{
    AdminAction, Cli, Command, DbAction, LedgerAction, MigrateAction, PaymentsAction,
    PrivilegedRole,
};
use boxoffice::ops::{admin, local_pg, locks, migrate, seed};
use boxoffice::platform::problem::error_chain;
use boxoffice::platform::shared_reads::SharedReads;
use boxoffice::platform::telemetry;
use boxoffice::platform::version_cache::VersionCache;
use boxoffice::ticketing::checkins::set_staff_theaters;
use boxoffice::ticketing::reconcile;
use boxoffice::wallet::ledger;
use clap::Parser;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// jemalloc rather than glibc's malloc: its per-thread caches serve the fifty-odd allocations
/// of a request in fewer instructions (bench/HISTORY.md, fifth pass). A block of 8 MiB or more
/// (argon2's 19 MiB) comes from an arena that returns it to the OS as soon as it is freed;
/// other freed pages go back once unused for 10 s, as later allocations age them. Not its
/// `background_thread`, which would age them while nothing allocates: with it on, a burst
/// of logins left 40 MiB of argon2 blocks resident.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.config.http.log_format);
    let runtime = match app::runtime(cli.config.http.worker_threads) {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("boxoffice: starting the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("boxoffice: {}", error_chain(&*err));
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

async fn run(mut cli: Cli) -> Result<(), Error> {
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Openapi { yaml } = command {
        println!(
            "{}",
            if yaml {
                app::spec_yaml()
            } else {
                app::spec_json()
            }
        );
        return Ok(());
    }
    if let Command::Healthcheck = command {
        return healthcheck(cli.config.http.listen_addr);
    }
    if let Command::DevPostgres { settings, command } = command {
        let settings: Vec<&str> = settings.iter().map(String::as_str).collect();
        // Nothing else runs in this process meanwhile: waiting on the command blocks no one.
        let status = local_pg::run_with_throwaway(&settings, &command)?;
        return match status.code() {
            Some(0) => Ok(()),
            code => std::process::exit(code.unwrap_or(1)),
        };
    }
    if let Command::Serve = command {
        let remote = cli.config.names_a_database();
        cli.config.settle_secrets(remote)?;
    }
    if let Command::Payments { .. } = command {
        cli.config.settle_card_secrets()?;
    }
    let mut database = Database::open(&cli.config.database).await?;
    let pool = database.pool.clone();
    match command {
        Command::Serve => {
            if database.local.is_some() {
                app::migrate_up(&database.migration_pool()?).await?;
                let seeded = seed::seed(&pool).await?;
                if !seeded.is_empty() {
                    tracing::info!(?seeded, "loaded demo data");
                }
            }
            app::warn_unless_least_privilege(&pool).await;
            let reads = database.reads.take().unwrap_or_else(SharedReads::none);
            let movie_versions = database
                .movie_versions
                .take()
                .unwrap_or_else(VersionCache::off);
            let application = Application::build(&cli.config, pool, reads, movie_versions).await?;
            return_free_memory_to_the_os();
            let addr = application.local_addr();
            if let Some(local) = &database.local {
                tracing::info!(data = %local.data_dir().display(), port = local.port(),
                    "using the local PostgreSQL (set DATABASE_URL to use another)");
            }
            tracing::info!("listening on http://{addr}");
            tracing::info!("metrics on http://{}/metrics", application.metrics_addr());
            println!("boxoffice is serving; Swagger UI: http://{addr}/docs");
            application.run_until_stopped().await?;
        }
        Command::Migrate { action } => {
            let mut client = database.migration_pool()?.get().await?;
            match action {
                MigrateAction::Up => {
                    let applied = migrate::up(&mut client).await?;
                    report("applied", &applied);
                }
                MigrateAction::Down { steps, force } => {
                    let reverted = migrate::down(&mut client, steps, force).await?;
                    report("reverted", &reverted);
                }
                MigrateAction::Status => {
                    for (migration, applied_at) in migrate::status(&mut client).await? {
                        let state = applied_at.map_or("pending".to_owned(), |at| {
                            format!("applied {}", at.to_rfc3339())
                        });
                        println!("{:06} {:<24} {state}", migration.version, migration.name);
                    }
                }
            }
        }
        Command::Seed => {
            let seeded = seed::seed(&pool).await?;
            if seeded.is_empty() {
                println!("the catalog and the products are there already; nothing loaded");
            } else {
                println!(
                    "loaded {} movies, {} theaters, {} screenings, {} products",
                    seeded.movies, seeded.theaters, seeded.screenings, seeded.products
                );
            }
        }
        Command::Admin {
            action:
                AdminAction::Create {
                    role,
                    username,
                    email,
                    full_name,
                    theaters,
                },
        } => {
            if !theaters.is_empty() && role != PrivilegedRole::Staff {
                return Err(
                    "--theater is for staff (--role staff): admins check in anywhere".into(),
                );
            }
            eprintln!("password for {username} (read from standard input):");
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let service =
                app::assemble(&cli.config, pool, SharedReads::none(), VersionCache::off())?;
            let user = admin::create_privileged_user(
                &service.state,
                role.into(),
                &username,
                &email,
                full_name.as_deref(),
                password,
            )
            .await?;
            println!(
                "created {} {} (id {})",
                user.role.as_str(),
                user.username,
                user.id
            );
            if !theaters.is_empty() {
                let set = set_staff_theaters(&service.state.pool, user.id, &theaters)
                    .await
                    .map_err(|err| {
                        format!(
                            "{}; the user exists without theaters: set them with PUT \
                             /v1/staff/{}/theaters",
                            err.into_problem().detail,
                            user.id
                        )
                    })?;
                println!("checks tickets in at theaters {:?}", set.theater_ids);
            }
        }
        Command::Db {
            action: DbAction::Locks,
        } => {
            let blocked = locks::blocked_sessions(&pool).await?;
            if blocked.is_empty() {
                println!("no session is waiting for a lock");
                return Ok(());
            }
            print!("{}", locks::describe(&blocked));
            let waiters: std::collections::BTreeSet<i32> =
                blocked.iter().map(|b| b.blocked_pid).collect();
            return Err(format!("{} sessions are waiting for a lock", waiters.len()).into());
        }
        Command::Ledger {
            action: LedgerAction::Check,
        } => {
            let report = ledger::check(&pool).await?;
            println!(
                "checked {} accounts, {} transfers, {} entries",
                report.accounts, report.transfers, report.entries
            );
            if !report.problems.is_empty() {
                for problem in &report.problems {
                    println!("MISMATCH: {problem}");
                }
                return Err(format!(
                    "the ledger is out of balance ({} problems)",
                    report.problems.len()
                )
                .into());
            }
            println!("the ledger balances");
        }
        Command::Payments {
            action: PaymentsAction::Reconcile,
        } => {
            let provider = app::card_provider(&cli.config.cards)?.ok_or(
                "card payments are not set up: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET",
            )?;
            let report = reconcile::reconcile(&pool, provider.as_ref()).await?;
            println!(
                "compared {} card payments and {} refunds with the provider and the ledger",
                report.payments, report.refunds
            );
            if !report.differences.is_empty() {
                for difference in &report.differences {
                    println!("DIFFERENCE: {difference}");
                }
                return Err(format!("{} differences", report.differences.len()).into());
            }
            println!("card payments agree with the provider and the ledger");
        }
        Command::Openapi { .. } | Command::Healthcheck | Command::DevPostgres { .. } => {
            unreachable!("handled above")
        }
    }
    Ok(())
}

/// Gives the OS back the memory freed while starting (rendering the OpenAPI document and
/// Swagger UI, above all), which jemalloc would otherwise keep until later allocations age it
/// out.
fn return_free_memory_to_the_os() {
    // MALLCTL_ARENAS_ALL: every arena.
    const PURGE_ALL_ARENAS: &std::ffi::CStr = c"arena.4096.purge";
    use std::ptr::null_mut;
    // SAFETY: a NUL-terminated mallctl name; `arena.<i>.purge` reads and writes nothing, as
    // the null pointers and zero length say.
    let errno = unsafe {
        tikv_jemalloc_sys::mallctl(
            PURGE_ALL_ARENAS.as_ptr(),
            null_mut(),
            null_mut(),
            null_mut(),
            0,
        )
    };
    if errno != 0 {
        tracing::warn!(errno, "returning free memory to the OS failed");
    }
}

/// `GET /readyz` over plain HTTP/1.0 on the listen address (loopback when it is unspecified).
fn healthcheck(mut addr: std::net::SocketAddr) -> Result<(), Error> {
    use std::io::{Read, Write};
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let timeout = std::time::Duration::from_secs(5);
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(b"GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head)?;
    match &head[9..12] {
        b"200" => Ok(()),
        status => Err(format!("/readyz answered {}", String::from_utf8_lossy(status)).into()),
    }
}

fn report(verb: &str, migrations: &[&migrate::Migration]) {
    if migrations.is_empty() {
        println!("nothing to do");
    }
    for migration in migrations {
        println!("{verb} {:06} {}", migration.version, migration.name);
    }
}

fn init_logging(format: LogFormat) {
    let (filter, invalid) = telemetry::log_filter(std::env::var("RUST_LOG").ok().as_deref());
    // No colours: tracing-subscriber is built without its `ansi` feature, whose styling costs
    // every request's log line instructions even when colours are off (BENCHMARKS.md).
    let builder = tracing_subscriber::fmt()
        .with_timer(telemetry::Rfc3339Micros)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.finish().with(filter).init(),
        LogFormat::Json => builder.json().finish().with(filter).init(),
    }
    if let Some(error) = invalid {
        tracing::warn!(%error, "RUST_LOG ignored, logging at the default");
    }
}

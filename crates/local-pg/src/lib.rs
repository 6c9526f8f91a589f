//! A PostgreSQL server of our own, started from the machine's server binaries: for `cargo run`
//! without `DATABASE_URL` (data kept between runs), for the tests, the scripts and the
//! benchmarks (throwaway). The one place that knows how to find and start PostgreSQL; its own
//! crate so that scripts can start a server without building the service.
//!
//! Binaries are found through `$PG_BINDIR`, `pg_config --bindir`, then
//! `/usr/lib/postgresql/*/bin` (highest version first). `initdb` refuses to run as root, so as
//! root the server runs as the `postgres` user (or `nobody`). The server listens on
//! 127.0.0.1 only, on a free port, with trust authentication: it is for one developer's machine.
//! A watchdog process stops it when the process that started it exits, however it exits.
//!
//! No shell ever sees the data folder's path: `postgres` is started directly (not through
//! `pg_ctl start`, which builds a shell command line from it), and every other command gets
//! the path as an argument of its own.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Why the local server could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LocalPgError {
    /// No server binaries on this machine.
    #[error(
        "no PostgreSQL server binaries found (looked at $PG_BINDIR, `pg_config --bindir` and \
         /usr/lib/postgresql/*/bin). Install the PostgreSQL server (Debian/Ubuntu: \
         `apt-get install postgresql`; macOS: `brew install postgresql@15`), or set PG_BINDIR \
         to the folder holding initdb and pg_ctl, or set DATABASE_URL to use a PostgreSQL \
         server you already run"
    )]
    NoBinaries,
    /// We are root and no unprivileged user exists to run the server.
    #[error(
        "running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL"
    )]
    NoServerUser,
    /// The data folder is somewhere the unprivileged server user cannot reach.
    #[error(
        "the local database folder {0} is inside a folder the `{1}` user cannot enter; set \
         LOCAL_PG_DIR to a folder it can reach (for example /var/tmp/boxoffice-pg) or set \
         DATABASE_URL"
    )]
    Unreachable(PathBuf, String),
    /// A server command failed.
    #[error("`{command}` failed: {output}")]
    Command { command: String, output: String },
    /// Reading or writing the data folder failed.
    #[error("local PostgreSQL data folder {0}")]
    Io(PathBuf, #[source] io::Error),
}

/// A running local server. Dropping it stops the server if we started it (the watchdog does
/// so if the process dies first); a throwaway server's data folder is then removed too.
pub struct LocalPostgres {
    port: u16,
    data_dir: PathBuf,
    bindir: PathBuf,
    /// Set when we started the server: how to stop it.
    owned: Option<Owned>,
}

/// A server we started, and the watchdog that stops it should we die without dropping it.
struct Owned {
    user: Option<ServerUser>,
    throwaway: bool,
    /// The `postgres` arguments it was started with, to start it again after [`pause`].
    ///
    /// [`pause`]: LocalPostgres::pause
    args: Vec<OsString>,
    /// The postmaster, while it runs.
    postmaster: Option<Child>,
    /// The watchdog's stdin: closing it tells the watchdog to stop the server.
    watchdog: Child,
}

impl Drop for LocalPostgres {
    /// Stops a server we started and waits until it is down, so that the next command using
    /// the same data folder does not find it shutting down.
    fn drop(&mut self) {
        let _ = self.pause();
        let Some(owned) = self.owned.take() else {
            return;
        };
        if owned.throwaway {
            let _ = fs::remove_dir_all(&self.data_dir);
        }
        // Closing its stdin ends the watchdog, which finds the server already stopped.
        drop(owned.watchdog);
    }
}

struct ServerUser {
    name: String,
    uid: u32,
    gid: u32,
}

impl LocalPostgres {
    /// Starts (or reuses, if it is already running) the server whose data lives in `data_dir`,
    /// creating the cluster on first use.
    pub fn start_persistent(data_dir: &Path) -> Result<Self, LocalPgError> {
        Self::start(data_dir, false, &[])
    }

    /// Starts a server in a new temporary folder, tuned for tests (no fsync); the folder is
    /// removed when the server stops.
    pub fn start_throwaway() -> Result<Self, LocalPgError> {
        Self::start_throwaway_with(&[])
    }

    /// [`LocalPostgres::start_throwaway`] with more `name=value` server settings.
    pub fn start_throwaway_with(settings: &[&str]) -> Result<Self, LocalPgError> {
        let dir = std::env::temp_dir().join(format!(
            "boxoffice-pg-{}-{:x}",
            std::process::id(),
            random_u64()
        ));
        let mut all = vec![
            "fsync=off",
            "synchronous_commit=off",
            "full_page_writes=off",
        ];
        all.extend_from_slice(settings);
        Self::start(&dir, true, &all)
    }

    /// The TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Where the cluster's files are.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The folder of the server's binaries (`psql`, `pg_dump`, `pgbench` of the same version).
    pub fn bindir(&self) -> &Path {
        &self.bindir
    }

    /// A connection URL for `database` as the `postgres` superuser.
    pub fn url(&self, database: &str) -> String {
        self.url_as("postgres", database)
    }

    /// A connection URL for `database` as `user` (trust authentication: no password).
    pub fn url_as(&self, user: &str, database: &str) -> String {
        format!("postgres://{user}@127.0.0.1:{}/{database}", self.port)
    }

    fn start(data_dir: &Path, throwaway: bool, settings: &[&str]) -> Result<Self, LocalPgError> {
        let bindir = find_bindir().ok_or(LocalPgError::NoBinaries)?;
        let user = server_user()?;
        let io_err = |e| LocalPgError::Io(data_dir.to_path_buf(), e);
        fs::create_dir_all(data_dir).map_err(io_err)?;
        let data_dir = data_dir.canonicalize().map_err(io_err)?;
        if let Some(user) = &user {
            check_reachable(&data_dir, user)?;
            std::os::unix::fs::chown(&data_dir, Some(user.uid), Some(user.gid)).map_err(io_err)?;
        }
        let as_server = |program: &str| {
            let mut command = Command::new(bindir.join(program));
            command.current_dir("/");
            if let Some(user) = &user {
                command.uid(user.uid).gid(user.gid);
            }
            command
        };

        if !data_dir.join("PG_VERSION").exists() {
            let mut initdb = as_server("initdb");
            initdb.arg("-D").arg(&data_dir).args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]);
            run(&mut initdb)?;
        }

        // Already running (another `boxoffice` started it): share it, leave it running.
        if let Some(port) = running_port(&data_dir)
            && as_server("pg_ctl")
                .arg("-D")
                .arg(&data_dir)
                .arg("status")
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        {
            return Ok(LocalPostgres {
                port,
                data_dir,
                bindir,
                owned: None,
            });
        }

        let port = free_port().map_err(io_err)?;
        let mut args: Vec<OsString> = vec!["-D".into(), data_dir.clone().into()];
        for arg in [
            "-p",
            &port.to_string(),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
        ] {
            args.push(arg.into());
        }
        for setting in settings {
            args.extend(["-c".into(), setting.into()]);
        }
        let postmaster = spawn_postmaster(&bindir, &data_dir, user.as_ref(), &args)?;

        // Stops the server once our end of its stdin closes, i.e. when we exit for any reason.
        // It runs in its own process group so a Ctrl-C to ours reaches it only through that.
        let script = r#"cat >/dev/null; "$0" -D "$1" -m fast stop >/dev/null 2>&1; if [ "$2" = remove ]; then rm -rf "$1"; fi"#;
        let mut watchdog = Command::new("/bin/sh");
        watchdog
            .arg("-c")
            .arg(script)
            .arg(bindir.join("pg_ctl"))
            .arg(&data_dir)
            .arg(if throwaway { "remove" } else { "keep" })
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        if let Some(user) = &user {
            watchdog.uid(user.uid).gid(user.gid);
        }
        let watchdog = watchdog.spawn().map_err(io_err)?;
        Ok(LocalPostgres {
            port,
            data_dir,
            owned: Some(Owned {
                user,
                throwaway,
                args,
                postmaster: Some(postmaster),
                watchdog,
            }),
            bindir,
        })
    }

    /// Stops a server we started (fast shutdown: open connections are closed), keeping its
    /// data, as a database outage would. Does nothing to a server we did not start.
    pub fn pause(&mut self) -> Result<(), LocalPgError> {
        let Some(owned) = self.owned.as_mut() else {
            return Ok(());
        };
        let Some(mut postmaster) = owned.postmaster.take() else {
            return Ok(());
        };
        let mut stop = Command::new(self.bindir.join("pg_ctl"));
        stop.arg("-D")
            .arg(&self.data_dir)
            .args(["-m", "fast", "-w", "-t", "60", "stop"])
            .current_dir("/");
        if let Some(user) = &owned.user {
            stop.uid(user.uid).gid(user.gid);
        }
        let stopped = run(&mut stop);
        let _ = postmaster.wait();
        stopped
    }

    /// Starts a server stopped by [`pause`](LocalPostgres::pause) again, on the same port
    /// with the same settings; returns once it accepts connections.
    pub fn resume(&mut self) -> Result<(), LocalPgError> {
        let Some(owned) = self.owned.as_mut() else {
            return Ok(());
        };
        if owned.postmaster.is_none() {
            owned.postmaster = Some(spawn_postmaster(
                &self.bindir,
                &self.data_dir,
                owned.user.as_ref(),
                &owned.args,
            )?);
        }
        Ok(())
    }
}

/// `boxoffice dev-postgres`: runs `command` with `DATABASE_URL` naming a throwaway server
/// (started with `settings`, `name=value` each) and `PG_BINDIR` its binaries; stops the server
/// and removes its data when the command ends. Returns the command's exit status.
pub fn run_with_throwaway(
    settings: &[&str],
    command: &[String],
) -> Result<std::process::ExitStatus, LocalPgError> {
    let (program, args) = command.split_first().ok_or_else(|| LocalPgError::Command {
        command: "dev-postgres".into(),
        output: "no command to run".into(),
    })?;
    let server = LocalPostgres::start_throwaway_with(settings)?;
    let url = server.url("");
    Command::new(program)
        .args(args)
        .env("DATABASE_URL", url.trim_end_matches('/'))
        .env("PG_BINDIR", server.bindir())
        .status()
        .map_err(|err| LocalPgError::Command {
            command: program.clone(),
            output: err.to_string(),
        })
}

/// Starts `postgres` with `args` (no shell involved), its output appended to `server.log` in
/// the data folder, in a process group of its own (a Ctrl-C to ours reaches it through the
/// watchdog, not directly), and waits until it accepts connections.
fn spawn_postmaster(
    bindir: &Path,
    data_dir: &Path,
    user: Option<&ServerUser>,
    args: &[OsString],
) -> Result<Child, LocalPgError> {
    let io_err = |e| LocalPgError::Io(data_dir.to_path_buf(), e);
    let log_path = data_dir.join("server.log");
    let log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .map_err(io_err)?;
    let mut command = Command::new(bindir.join("postgres"));
    command
        .args(args)
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(io_err)?)
        .stderr(log)
        .process_group(0);
    if let Some(user) = user {
        command.uid(user.uid).gid(user.gid);
    }
    let mut child = command.spawn().map_err(io_err)?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        // PostgreSQL writes "ready" on line 8 of postmaster.pid once it accepts connections
        // (what `pg_ctl -w` waits for).
        let ready = fs::read_to_string(data_dir.join("postmaster.pid"))
            .ok()
            .and_then(|pid_file| pid_file.lines().nth(7).map(|l| l.trim() == "ready"))
            .unwrap_or(false);
        if ready {
            return Ok(child);
        }
        let exited = child.try_wait().map_err(io_err)?;
        if exited.is_some() || std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let log = fs::read_to_string(&log_path).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(20).collect();
            return Err(LocalPgError::Command {
                command: "postgres".into(),
                output: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// 64 bits from the operating system's random source.
fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    u64::from_le_bytes(bytes)
}

/// Makes `path` the server user's, as files the server reads privately (a TLS key) must be;
/// nothing to do unless we are root.
pub fn give_to_server_user(path: &Path) -> Result<(), LocalPgError> {
    if let Some(user) = server_user()? {
        std::os::unix::fs::chown(path, Some(user.uid), Some(user.gid))
            .map_err(|e| LocalPgError::Io(path.to_path_buf(), e))?;
    }
    Ok(())
}

/// The folder holding `initdb` and `pg_ctl`, if the machine has one.
pub fn find_bindir() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("PG_BINDIR") {
        candidates.push(dir.into());
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        candidates.push(String::from_utf8_lossy(&out.stdout).trim().into());
    }
    if let Ok(entries) = fs::read_dir("/usr/lib/postgresql") {
        let mut versions: Vec<(u32, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let version = e.file_name().to_str()?.parse().ok()?;
                Some((version, e.path().join("bin")))
            })
            .collect();
        versions.sort_by_key(|(version, _)| std::cmp::Reverse(*version));
        candidates.extend(versions.into_iter().map(|(_, dir)| dir));
    }
    candidates
        .into_iter()
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}

fn server_user() -> Result<Option<ServerUser>, LocalPgError> {
    if !nix::unistd::Uid::effective().is_root() {
        return Ok(None);
    }
    for name in ["postgres", "nobody"] {
        if let Ok(Some(user)) = nix::unistd::User::from_name(name) {
            return Ok(Some(ServerUser {
                name: name.to_owned(),
                uid: user.uid.as_raw(),
                gid: user.gid.as_raw(),
            }));
        }
    }
    Err(LocalPgError::NoServerUser)
}

/// Every folder above `dir` must let `user` pass through.
fn check_reachable(dir: &Path, user: &ServerUser) -> Result<(), LocalPgError> {
    use std::os::unix::fs::MetadataExt;
    for ancestor in dir.ancestors().skip(1) {
        let Ok(meta) = fs::metadata(ancestor) else {
            continue;
        };
        let mode = meta.permissions().mode();
        let passable = mode & 0o001 != 0
            || (meta.uid() == user.uid && mode & 0o100 != 0)
            || (meta.gid() == user.gid && mode & 0o010 != 0);
        if !passable {
            return Err(LocalPgError::Unreachable(
                dir.to_path_buf(),
                user.name.clone(),
            ));
        }
    }
    Ok(())
}

/// The port of the server recorded in `postmaster.pid` (line 4), if the file exists.
fn running_port(data_dir: &Path) -> Option<u16> {
    let pid_file = fs::read_to_string(data_dir.join("postmaster.pid")).ok()?;
    pid_file.lines().nth(3)?.trim().parse().ok()
}

fn free_port() -> io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn run(command: &mut Command) -> Result<(), LocalPgError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| LocalPgError::Command {
            command: program.clone(),
            output: e.to_string(),
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(LocalPgError::Command {
        command: program,
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    })
}

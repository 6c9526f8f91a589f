//! Connecting to one of several hosts (`postgres://…@a,b,c/db?target_session_attrs=…`) in
//! the order most likely to answer, remembering hosts that fell silent.
//!
//! tokio-postgres, like libpq, tries a URL's hosts in the order given, every time. When a
//! host goes silent without refusing (its node lost, a network cut: no RST), each new
//! connection first waits out `connect_timeout` on it. During a failover every connection the
//! service opens pays that, so the pool, the readiness probe (which gives up sooner) and the
//! listeners stay cut off from a new primary listed after the silent host. As PgJDBC does
//! with its host status cache (`hostRecheckSeconds`), a host whose TCP connect timed out is
//! tried last for [`SILENT_HOST_RECHECK`], and the host that last accepted is tried first. A
//! refusal (a standby refusing `read-write`, a bad password, nothing listening) is an answer:
//! it costs nothing to try that host again. Not covered: a host that completes the TCP
//! handshake and then never answers (`connect_timeout` covers only the TCP connect); the
//! pool's create timeout and the probe's own bound that.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio_postgres::config::Host;
use tokio_postgres::tls::MakeTlsConnect;
use tokio_postgres::{Client, Config, Connection, Error, Socket};

/// How long a host that did not answer is tried after the others: 30 seconds.
pub const SILENT_HOST_RECHECK: Duration = Duration::from_secs(30);

/// The hosts of one connection setting, each as a setting of its own, and what the last
/// attempts learned of them.
pub struct Hosts {
    candidates: Vec<Config>,
    memory: Mutex<Memory>,
}

#[derive(Default)]
struct Memory {
    /// The host that accepted the last connection.
    accepted: Option<usize>,
    /// Per host, when it last failed to answer in time.
    silent_at: Vec<Option<Instant>>,
}

impl Hosts {
    /// The hosts of `config`, in its order until attempts teach another.
    pub fn new(config: &Config) -> Self {
        let count = config.get_hosts().len();
        let candidates = if count <= 1 {
            vec![config.clone()]
        } else {
            (0..count).map(|index| single_host(config, index)).collect()
        };
        Hosts {
            memory: Mutex::new(Memory {
                accepted: None,
                silent_at: vec![None; candidates.len()],
            }),
            candidates,
        }
    }

    /// Opens a connection to the first host, in [`Hosts::order`], that accepts it (the
    /// setting's `target_session_attrs` included).
    ///
    /// Errors: the last host's error when none accepts.
    pub async fn connect<T>(&self, tls: T) -> Result<(Client, Connection<Socket, T::Stream>), Error>
    where
        T: MakeTlsConnect<Socket> + Clone,
    {
        let mut last = None;
        for index in self.order() {
            match self.candidates[index].connect(tls.clone()).await {
                Ok(connected) => {
                    let mut memory = self.memory();
                    memory.accepted = Some(index);
                    memory.silent_at[index] = None;
                    return Ok(connected);
                }
                Err(err) => {
                    if timed_out(&err) {
                        self.memory().silent_at[index] = Some(Instant::now());
                    }
                    last = Some(err);
                }
            }
        }
        Err(last.expect("a setting has at least one host"))
    }

    /// The order to try the hosts in: the one that accepted last, then the others in the
    /// setting's order, then those silent within [`SILENT_HOST_RECHECK`], longest silent
    /// first.
    pub fn order(&self) -> Vec<usize> {
        let memory = self.memory();
        let silent =
            |index: usize| memory.silent_at[index].filter(|at| at.elapsed() < SILENT_HOST_RECHECK);
        let mut order: Vec<usize> = (0..self.candidates.len()).collect();
        order.sort_by_key(|&index| (silent(index), memory.accepted != Some(index), index));
        order
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, Memory> {
        self.memory
            .lock()
            .expect("never poisoned: no panics under the lock")
    }
}

/// Whether a connection error is a host that did not answer in time (TCP connect timed out).
fn timed_out(err: &Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::TimedOut
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// `config` with only its host `index` (and that host's address and port), every other
/// setting as it is.
fn single_host(config: &Config, index: usize) -> Config {
    let mut single = Config::new();
    if let Some(user) = config.get_user() {
        single.user(user);
    }
    if let Some(password) = config.get_password() {
        single.password(password);
    }
    if let Some(dbname) = config.get_dbname() {
        single.dbname(dbname);
    }
    if let Some(options) = config.get_options() {
        single.options(options);
    }
    if let Some(name) = config.get_application_name() {
        single.application_name(name);
    }
    single
        .ssl_mode(config.get_ssl_mode())
        .ssl_negotiation(config.get_ssl_negotiation());
    match &config.get_hosts()[index] {
        Host::Tcp(name) => single.host(name),
        Host::Unix(path) => single.host_path(path),
    };
    if let Some(address) = config.get_hostaddrs().get(index) {
        single.hostaddr(*address);
    }
    match config.get_ports() {
        [] => {}
        [port] => {
            single.port(*port);
        }
        ports => {
            single.port(ports[index]);
        }
    }
    if let Some(timeout) = config.get_connect_timeout() {
        single.connect_timeout(*timeout);
    }
    if let Some(timeout) = config.get_tcp_user_timeout() {
        single.tcp_user_timeout(*timeout);
    }
    single
        .keepalives(config.get_keepalives())
        .keepalives_idle(config.get_keepalives_idle());
    if let Some(interval) = config.get_keepalives_interval() {
        single.keepalives_interval(interval);
    }
    if let Some(retries) = config.get_keepalives_retries() {
        single.keepalives_retries(retries);
    }
    single
        .target_session_attrs(config.get_target_session_attrs())
        .channel_binding(config.get_channel_binding())
        .load_balance_hosts(config.get_load_balance_hosts());
    single
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_host_keeps_every_other_setting() {
        let settings = "dbname=shop user=app password=secret options='-c x=1' \
                        application_name=probe sslmode=disable connect_timeout=3 \
                        tcp_user_timeout=7 keepalives_idle=11 keepalives_interval=2 \
                        keepalives_retries=4 target_session_attrs=read-write \
                        channel_binding=disable";
        let config: Config = format!("host=a,b,c port=5432,5433,5434 {settings}")
            .parse()
            .unwrap();
        let hosts = Hosts::new(&config);
        for (index, (host, port)) in [("a", 5432), ("b", 5433), ("c", 5434)]
            .into_iter()
            .enumerate()
        {
            let expected: Config = format!("host={host} port={port} {settings}")
                .parse()
                .unwrap();
            // Debug shows every setting but the password.
            assert_eq!(
                format!("{:?}", hosts.candidates[index]),
                format!("{expected:?}")
            );
            assert_eq!(hosts.candidates[index].get_password(), Some(&b"secret"[..]));
        }
        let one_port: Config = format!("host=a,b port=6000 {settings}").parse().unwrap();
        assert_eq!(Hosts::new(&one_port).candidates[1].get_ports(), [6000]);
    }

    #[test]
    fn the_host_that_accepted_comes_first_and_a_silent_one_last() {
        let config: Config = "host=a,b,c dbname=x".parse().unwrap();
        let hosts = Hosts::new(&config);
        assert_eq!(hosts.order(), [0, 1, 2]);
        hosts.memory().accepted = Some(2);
        assert_eq!(hosts.order(), [2, 0, 1]);
        hosts.memory().silent_at[0] = Some(Instant::now());
        assert_eq!(hosts.order(), [2, 1, 0]);
        hosts.memory().silent_at[2] = Some(Instant::now());
        assert_eq!(
            hosts.order(),
            [1, 0, 2],
            "the longest silent is tried first of those"
        );
        hosts.memory().silent_at[0] = Some(Instant::now() - SILENT_HOST_RECHECK);
        assert_eq!(hosts.order(), [0, 1, 2], "a silence long past is forgotten");
    }
}

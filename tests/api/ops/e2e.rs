//! End to end: the real binary, over TCP, stopped by SIGTERM.

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::Command;

use crate::helpers::{PASSWORD, fresh_database};

/// What became of one request.
#[derive(Debug, PartialEq)]
pub(super) enum Outcome {
    /// A whole response: the status line, headers and `Content-Length` bytes of body.
    Complete(u16),
    /// The server never took the request (refused, or closed before a byte).
    NotAccepted,
    /// Some of a response and then nothing: what must never happen.
    Partial(String),
}

/// One HTTP/1.1 request on a new connection.
pub(super) async fn request(addr: SocketAddr, method: &str, path: &str, body: &str) -> Outcome {
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return Outcome::NotAccepted;
    };
    let head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(head.as_bytes()).await.is_err() {
        return Outcome::NotAccepted;
    }
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes).await;
    if bytes.is_empty() {
        return Outcome::NotAccepted;
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return Outcome::Partial(text);
    };
    let status = head.get(9..12).and_then(|s| s.parse().ok());
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    match (status, length) {
        (Some(status), Some(length)) if body.len() == length => Outcome::Complete(status),
        _ => Outcome::Partial(text),
    }
}

/// The real binary serving a fresh database with `env` on top of the test settings, and the
/// address it says it listens on.
pub(super) async fn spawn_binary(env: &[(&str, &str)]) -> (tokio::process::Child, SocketAddr) {
    let url = fresh_database().await;
    let mut server = Command::new(env!("CARGO_BIN_EXE_boxoffice"));
    server
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("LISTEN_ADDR", "127.0.0.1:0")
        .env("METRICS_ADDR", "127.0.0.1:0")
        .env("TOKEN_SECRET", random_secret())
        .env("TICKET_SIGNING_KEY", random_ticket_key())
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    let mut server = server.spawn().expect("the binary starts");
    let mut stdout = BufReader::new(server.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), stdout.next_line())
        .await
        .expect("the server says where it listens")
        .unwrap()
        .unwrap();
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.strip_suffix("/docs"))
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    // Anything else it prints is read, so that its stdout never breaks.
    tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
    (server, addr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_finishes_accepted_requests_and_exits_zero() {
    let (mut server, addr) = spawn_binary(&[
        // The logins below come from one address and for one user, as fast as they can: the
        // load under test, not one to limit.
        ("AUTH_RATE_LIMIT", "0"),
        ("LOGIN_RATE_LIMIT_PER_USERNAME", "0"),
        ("PASSWORD_QUEUE_SIZE", "1000"),
        ("SHUTDOWN_DELAY_SECONDS", "1"),
        ("DRAIN_TIMEOUT_SECONDS", "20"),
    ])
    .await;

    let register = format!(
        r#"{{"username":"ana","email":"ana@example.com","password":"{PASSWORD}","full_name":"Ana"}}"#
    );
    assert_eq!(
        request(addr, "POST", "/v1/users/register", &register).await,
        Outcome::Complete(201)
    );

    // Logins are slow on purpose (argon2), so some are in flight when SIGTERM arrives.
    let login = format!(r#"{{"username":"ana","password":"{PASSWORD}"}}"#);
    let stopped = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..12)
        .map(|_| {
            let (login, stopped) = (login.clone(), stopped.clone());
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                for _ in 0..400 {
                    let outcome = request(addr, "POST", "/v1/users/login", &login).await;
                    let refused = outcome == Outcome::NotAccepted;
                    outcomes.push(outcome);
                    if refused && stopped.load(Ordering::SeqCst) {
                        break;
                    }
                }
                outcomes
            })
        })
        .collect();

    tokio::time::sleep(Duration::from_millis(600)).await;
    let pid = server.id().expect("running").to_string();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    stopped.store(true, Ordering::SeqCst);
    // During the shutdown delay the server still answers, but is not ready.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        request(addr, "GET", "/readyz", "").await,
        Outcome::Complete(503)
    );

    let status = tokio::time::timeout(Duration::from_secs(30), server.wait())
        .await
        .expect("the server exits within the drain timeout")
        .unwrap();
    assert!(status.success(), "exit status {status:?}");

    let mut completed = 0;
    for client in clients {
        for outcome in client.await.unwrap() {
            match outcome {
                Outcome::Complete(status) => {
                    assert_eq!(status, 200);
                    completed += 1;
                }
                Outcome::NotAccepted => {}
                Outcome::Partial(text) => {
                    panic!("an accepted request got a cut response: {text:?}")
                }
            }
        }
    }
    assert!(completed > 12, "only {completed} logins completed");
}

/// A token secret made now: a committed one would be refused as a published example.
fn random_ticket_key() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .encode(boxoffice::platform::random::random_bytes::<32>())
}

fn random_secret() -> String {
    boxoffice::platform::random::random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

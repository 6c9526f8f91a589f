//! The HTTP edge against slow and wide clients: the real binary, over TCP.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::e2e::{Outcome, request, spawn_binary};

/// Reads until the server closes the connection or `within` passes; returns what was read
/// and whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (Vec<u8>, bool) {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (bytes, true),
            Ok(Ok(n)) => bytes.extend_from_slice(&buffer[..n]),
            Err(_) => return (bytes, false),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_connections_are_cut_off_and_h2c_is_refused() {
    let (_server, addr) = spawn_binary(&[("HEADER_READ_TIMEOUT_MS", "500")]).await;

    // Headers that never end (slowloris): the connection is closed.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nhost: boxoffice\r\nx-slow: ")
        .await
        .unwrap();
    let (_, closed) = read_until_closed(&mut slow, Duration::from_secs(3)).await;
    assert!(
        closed,
        "a client that never finishes its headers keeps its connection"
    );

    // A keep-alive connection left idle after an answer: closed too.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nhost: boxoffice\r\n\r\n")
        .await
        .unwrap();
    let (answer, closed) = read_until_closed(&mut idle, Duration::from_secs(3)).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
    assert!(closed, "an idle keep-alive connection stays open");

    // HTTP/2 by prior knowledge on the plaintext port: no HTTP/2 frames come back.
    let mut h2c = TcpStream::connect(addr).await.unwrap();
    h2c.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00")
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut h2c, Duration::from_secs(3)).await;
    // A SETTINGS frame: a 3-byte length, then type 4.
    assert!(
        !(answer.len() >= 9 && answer[3] == 4),
        "the server spoke HTTP/2: {answer:?}"
    );

    assert_eq!(
        request(addr, "GET", "/healthz", "").await,
        Outcome::Complete(200)
    );
}

/// The server's resident memory, in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches(" kB").parse().ok())
        .expect("VmRSS")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_uploads_that_stall_hold_little_memory_and_others_are_still_answered() {
    let (server, addr) = spawn_binary(&[("REQUEST_TIMEOUT_MS", "10000")]).await;
    let pid = server.id().unwrap();
    let before = rss_kib(pid);

    // 300 clients each start an upload of 900 KB, half declaring its length and half
    // chunked, send what the server will take of it, and stall.
    let chunk = vec![b'a'; 16 * 1024];
    let uploads: Vec<_> = (0..300)
        .map(|n| {
            let chunk = chunk.clone();
            tokio::spawn(async move {
                let mut stream = TcpStream::connect(addr).await.ok()?;
                let framing = if n % 2 == 0 {
                    "content-length: 900000\r\n".to_owned()
                } else {
                    "transfer-encoding: chunked\r\n".to_owned()
                };
                let head = format!(
                    "POST /v1/users/login HTTP/1.1\r\nhost: boxoffice\r\n\
                     content-type: application/json\r\n{framing}\r\n"
                );
                stream.write_all(head.as_bytes()).await.ok()?;
                for _ in 0..(900_000 / chunk.len()) {
                    let sent = if n % 2 == 0 {
                        stream.write_all(&chunk).await
                    } else {
                        let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                        framed.extend_from_slice(&chunk);
                        framed.extend_from_slice(b"\r\n");
                        stream.write_all(&framed).await
                    };
                    if sent.is_err() {
                        break;
                    }
                }
                Some(stream)
            })
        })
        .collect();

    // Meanwhile, and after, another client is answered at once.
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(
            request(addr, "GET", "/v1/movies", "").await,
            Outcome::Complete(200)
        );
        slowest = slowest.max(started.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let peak = rss_kib(pid);
    let mut stalled = Vec::new();
    for upload in uploads {
        stalled.push(upload.await.unwrap());
    }
    let after = rss_kib(pid);
    assert!(
        slowest < Duration::from_secs(2),
        "a read took {slowest:?} during the uploads"
    );
    assert!(
        peak.max(after) < before + 64 * 1024,
        "RSS grew from {before} KiB to {peak} KiB, then {after} KiB"
    );
    assert_eq!(
        request(addr, "GET", "/v1/movies", "").await,
        Outcome::Complete(200)
    );
    drop(stalled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_beyond_the_in_flight_limit_are_shed_but_probes_answer() {
    let (_server, addr) = spawn_binary(&[("MAX_IN_FLIGHT_REQUESTS", "2")]).await;
    // Two uploads that stall hold both places.
    let mut stalled = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(
                b"POST /v1/users/login HTTP/1.1\r\nhost: boxoffice\r\n\
                  content-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"user",
            )
            .await
            .unwrap();
        stalled.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mut shed = TcpStream::connect(addr).await.unwrap();
    shed.write_all(b"GET /v1/movies HTTP/1.1\r\nhost: boxoffice\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut shed, Duration::from_secs(3)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
    assert!(answer.contains("\"overloaded\""), "{answer}");
    assert_eq!(
        request(addr, "GET", "/healthz", "").await,
        Outcome::Complete(200)
    );

    // Once they go, requests are taken again.
    drop(stalled);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        request(addr, "GET", "/v1/movies", "").await,
        Outcome::Complete(200)
    );
}

//! The HTTP server under the API's endpoint: hyper's HTTP/1.1 connections, held directly for
//! the limits poem's `Server` does not set.
//!
//! poem builds hyper without a timer, so no header-read timeout applies and an idle keep-alive
//! connection stays open for ever; it serves HTTP/2 with no cap on concurrent streams, h2c by
//! prior knowledge included; and it accepts connections without bound. Here:
//!
//! - a client has [`EdgeSettings::header_read_timeout`] to send a request's headers, and a
//!   keep-alive connection may wait that long for its next request (hyper's
//!   `header_read_timeout`, which runs from the moment it waits for a head);
//! - only HTTP/1.1 is served: TLS, and with it HTTP/2, ends at the ingress or load balancer,
//!   and a plaintext HTTP/2 preface is refused, so no client multiplexes unbounded streams
//!   over one connection;
//! - a connection's read buffer holds at most [`MAX_BUFFER_BYTES`], which bounds a request's
//!   headers;
//! - at most [`EdgeSettings::max_connections`] are open; further ones wait in the listen
//!   backlog until one closes.
//!
//! Bodies, deadlines and the number of requests in flight are bounded by the middleware
//! (`http::LimitBody`, `http::Deadline`, `http::Shed`).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use poem::web::{LocalAddr, RemoteAddr};
use poem::{Addr, Endpoint, Response};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

/// The largest read buffer of a connection, in bytes: request heads must fit in it.
pub const MAX_BUFFER_BYTES: usize = 16 * 1024;

/// How the server treats connections.
#[derive(Debug, Clone, Copy)]
pub struct EdgeSettings {
    /// How long a client may take to send a request's headers, and how long a keep-alive
    /// connection may stay idle waiting for the next request, before it is closed.
    pub header_read_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
}

/// Serves `endpoint` on `listener` until `stop` completes; then closes the listener, lets
/// each connection finish the request it is on (idle keep-alive connections close at once),
/// and returns when all have, or after `drain` at most.
///
/// Errors: none yet; an `accept` that fails (no file descriptors left) is logged and retried.
pub async fn serve<E>(
    listener: TcpListener,
    endpoint: E,
    settings: EdgeSettings,
    stop: impl Future<Output = ()>,
    drain: Duration,
) -> std::io::Result<()>
where
    E: Endpoint<Output = Response> + 'static,
{
    let endpoint = Arc::new(endpoint);
    let local = listener.local_addr()?;
    let slots = Arc::new(Semaphore::new(settings.max_connections));
    let (stopping, stopped) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            () = &mut stop => break,
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
        };
        let accepted = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, peer)) => {
                connections.spawn(connection(
                    stream,
                    (local, peer),
                    endpoint.clone(),
                    settings.header_read_timeout,
                    stopped.clone(),
                    slot,
                ));
            }
            Err(err) => {
                // Out of file descriptors, or a connection reset before it was accepted.
                tracing::warn!(error = %err, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stopping.send(true);
    let drained = tokio::time::timeout(drain, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            connections = connections.len(),
            "closing connections still busy after the drain timeout"
        );
    }
    Ok(())
}

/// Serves one connection until it closes, or until `stopped` says the server is stopping:
/// then the request in progress is finished and the connection closed.
async fn connection<E>(
    stream: TcpStream,
    (local, peer): (SocketAddr, SocketAddr),
    endpoint: Arc<E>,
    header_read_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) where
    E: Endpoint<Output = Response> + 'static,
{
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |req: hyper::Request<_>| {
        let endpoint = endpoint.clone();
        async move {
            let req = poem::Request::from((
                req,
                LocalAddr(Addr::SocketAddr(local)),
                RemoteAddr(Addr::SocketAddr(peer)),
                poem::http::uri::Scheme::HTTP,
            ));
            let response: hyper::Response<_> = endpoint.get_response(req).await.into();
            Ok::<_, std::convert::Infallible>(response)
        }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .max_buf_size(MAX_BUFFER_BYTES)
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let stopping = async {
        // The guard wait_for returns is dropped here, not held across the drain.
        let _ = stopped.wait_for(|stopping| *stopping).await;
    };
    tokio::select! {
        result = conn.as_mut() => {
            if let Err(err) = result {
                tracing::debug!(error = %err, %peer, "a connection ended with an error");
            }
        }
        () = stopping => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

//! Request logs, request ids and Prometheus metrics.
//!
//! Every request gets an id (the client's `X-Request-Id` if it is sane, else a new one),
//! echoed in the response, and one log line with method, route, path, status and latency.
//! Metrics are served at `/metrics` on their own address (`METRICS_ADDR`), in the OpenMetrics
//! text format.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use chrono::{SecondsFormat, Utc};
use deadpool_postgres::Pool;
use poem::http::{HeaderValue, Method, StatusCode};
use poem::{Endpoint, IntoResponse, Request, Response};
use poem_openapi::OperationId;
use prometheus_client::encoding::{EncodeLabelSet, text::encode};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use tracing::Instrument;
use tracing_subscriber::filter::{ParseError, Targets};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::FormatTime;

use super::problem::ApiError;
use super::random::random_bytes;
use super::text::push_hex;
use super::version_cache::VersionCache;

/// The header carrying the request id, both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// Labels of the HTTP metrics. `route` is the OpenAPI operation id (`get_movie`, …), the
/// path of a fixed endpoint (`/docs`, …) or `unmatched`, so it stays bounded.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    method: &'static str,
    route: &'static str,
    status: u16,
}

/// Label of a workflow's outcome: `ok` or the problem `code` (`not_enough_seats`, …).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: String,
}

/// A counter of a workflow's outcomes (bookings, payments, transfers, …), labelled `ok` or
/// with the problem `code`; a context registers one per workflow it counts.
#[derive(Clone, Default)]
pub struct OutcomeCounter(Family<OutcomeLabels, Counter>);

impl OutcomeCounter {
    /// A counter registered in `registry` as `name` (the `_total` suffix is added).
    pub fn register(registry: &mut Registry, name: &str, help: &str) -> Self {
        let counter = OutcomeCounter::default();
        registry.register(name, help, counter.0.clone());
        counter
    }

    /// Counts a result: `ok`, the problem's code, or `internal_error`.
    pub fn count<T>(&self, result: &Result<T, ApiError>) {
        let outcome = match result {
            Ok(_) => "ok",
            Err(ApiError::Problem(problem) | ApiError::Constraint(problem)) => &problem.code,
            Err(_) => "internal_error",
        };
        self.count_as(outcome);
    }

    /// Counts an outcome by its name (`delivered`, `failed`, …).
    pub fn count_as(&self, outcome: &str) {
        self.0
            .get_or_create(&OutcomeLabels {
                outcome: outcome.to_owned(),
            })
            .inc();
    }
}

/// The service's own metrics (HTTP, the pool, the database's locks, the version listener),
/// and the registry the contexts register theirs in before it is shared.
pub struct Metrics {
    registry: Registry,
    requests: Family<HttpLabels, Counter>,
    latency: Family<HttpLabels, Histogram>,
    pool_size: Gauge,
    pool_available: Gauge,
    pool_waiting: Gauge,
    lock_waits: Gauge,
    longest_transaction: Gauge<f64, AtomicU64>,
    version_listener_up: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A fresh registry with the service's own metrics.
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<HttpLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route and status",
            requests.clone(),
        );
        // 1 ms to ~4 s.
        let latency = Family::<HttpLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 13))
        });
        registry.register(
            "http_request_duration_seconds",
            "Time to answer HTTP requests, in seconds, by method, route and status",
            latency.clone(),
        );
        let pool_size = Gauge::default();
        registry.register(
            "db_pool_connections",
            "Database connections open",
            pool_size.clone(),
        );
        let pool_available = Gauge::default();
        registry.register(
            "db_pool_available",
            "Open database connections idle in the pool",
            pool_available.clone(),
        );
        let pool_waiting = Gauge::default();
        registry.register(
            "db_pool_waiting",
            "Requests waiting for a database connection",
            pool_waiting.clone(),
        );
        let lock_waits = Gauge::default();
        registry.register(
            "db_lock_waits",
            "Lock requests waiting in the database, as last sampled by the sweep",
            lock_waits.clone(),
        );
        let longest_transaction = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "db_longest_transaction_seconds",
            "Age in seconds of the oldest open transaction of the database, as last sampled",
            longest_transaction.clone(),
        );
        let version_listener_up = Gauge::default();
        registry.register(
            "db_version_listener_up",
            "1 while the connection that listens for movies' versions is open and listening \
             (revalidations answered from memory), else 0",
            version_listener_up.clone(),
        );
        Metrics {
            registry,
            version_listener_up,
            lock_waits,
            longest_transaction,
            requests,
            latency,
            pool_size,
            pool_available,
            pool_waiting,
        }
    }

    /// Where a context registers its metrics, while the service is assembled.
    pub fn registry(&mut self) -> &mut Registry {
        &mut self.registry
    }

    fn observe_request(
        &self,
        method: &'static str,
        route: &'static str,
        status: StatusCode,
        seconds: f64,
    ) {
        let labels = HttpLabels {
            method,
            route,
            status: status.as_u16(),
        };
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&labels).observe(seconds);
    }

    /// Records a sample of the database's lock health (`boxoffice db locks` in numbers).
    pub fn set_lock_health(&self, lock_waits: i64, longest_transaction_seconds: f64) {
        self.lock_waits.set(lock_waits);
        self.longest_transaction.set(longest_transaction_seconds);
    }

    /// The OpenMetrics text of every metric, with the pool's gauges and whether `versions`
    /// is listening read now.
    pub fn render(&self, pool: &Pool, versions: &VersionCache) -> String {
        self.version_listener_up
            .set(i64::from(versions.is_listening()));
        let status = pool.status();
        self.pool_size.set(status.size as i64);
        self.pool_available.set(status.available as i64);
        self.pool_waiting.set(status.waiting as i64);
        let mut text = String::new();
        encode(&mut text, &self.registry).expect("writing to a String cannot fail");
        text
    }
}

/// Middleware: gives each request to `next` an id, logs one line when it is answered, and
/// counts it in `metrics`.
pub struct Observe<E> {
    /// The endpoint observed.
    pub next: E,
    /// Where requests are counted.
    pub metrics: Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for Observe<E> {
    type Output = Response;

    // The future of `observe` itself, not one that awaits it: one state machine fewer to
    // build and copy on every request.
    fn call(&self, req: Request) -> impl Future<Output = poem::Result<Response>> + Send {
        observe(&self.next, req, &self.metrics)
    }
}

async fn observe<E: Endpoint>(next: &E, req: Request, metrics: &Metrics) -> poem::Result<Response> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
        .unwrap_or_else(new_request_id);
    // Cheap copies (a standard method is a tag, a URI shares its bytes): no allocation here.
    let method = req.method().clone();
    let uri = req.uri().clone();
    let span = tracing::info_span!("request", request_id = %request_id);
    // Boxed: the layers inside are kilobytes of future, which every layer above and the
    // server would otherwise copy.
    let mut response = Box::pin(next.get_response(req)).instrument(span).await;

    let route = match response.data::<OperationId>() {
        Some(operation) => operation.0,
        None => FIXED_ROUTES
            .iter()
            .find(|route| **route == uri.path())
            .copied()
            .unwrap_or("unmatched"),
    };
    let status = response.status();
    let latency = started.elapsed();
    tracing::info!(
        request_id = %request_id,
        method = %method,
        route,
        path = uri.path(),
        status = status.as_u16(),
        // Whole microseconds: an integer is cheaper to write than a float's shortest form.
        latency_us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
        "request",
    );
    metrics.observe_request(method_label(&method), route, status, latency.as_secs_f64());
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(response.into_response())
}

/// The `method` label: the standard methods by name, any other as `other`, so that a client
/// cannot add label values (series) at will.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "other",
    }
}

/// The log filter when `RUST_LOG` is unset or invalid: `info`, and warnings only from
/// tokio-postgres (which logs every notice the server sends at `info`).
pub const DEFAULT_LOG_FILTER: &str = "info,tokio_postgres=warn";

/// The log filter of `RUST_LOG`: `target=level` directives separated by commas, and a bare
/// level for every other target (`info,boxoffice=debug`). Unset or blank, the default. Not
/// valid (a level that is none), the default and the reason. Targets and levels only:
/// `EnvFilter`'s span and field directives (`[request]=debug`) are read as target names that
/// match nothing. A static filter costs nothing when a span is entered or left, which every
/// request's span is on every poll, while `EnvFilter` takes a shared lock each time
/// (bench/HISTORY.md, sixth pass).
pub fn log_filter(rust_log: Option<&str>) -> (Targets, Option<ParseError>) {
    let default = || {
        DEFAULT_LOG_FILTER
            .parse()
            .expect("the default filter is valid")
    };
    match rust_log
        .filter(|filter| !filter.trim().is_empty())
        .map(str::parse::<Targets>)
    {
        None => (default(), None),
        Some(Ok(targets)) => (targets, None),
        Some(Err(error)) => (default(), Some(error)),
    }
}

/// The log lines' timestamp: UTC in RFC 3339 with microseconds (`2026-12-06T13:09:41.123456Z`),
/// as tracing-subscriber's default timer writes it, but written by chrono's RFC 3339 writer:
/// the default formats each part through `core::fmt`, about 2.4k instructions per line.
#[derive(Debug, Clone, Copy)]
pub struct Rfc3339Micros;

impl FormatTime for Rfc3339Micros {
    fn format_time(&self, w: &mut Writer<'_>) -> std::fmt::Result {
        w.write_str(&Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true))
    }
}

/// Endpoints outside the OpenAPI document, labelled by their path.
const FIXED_ROUTES: &[&str] = &["/docs", "/openapi.json", "/openapi.yaml"];

/// A request id unique across processes and restarts: 64 random bits chosen once per process,
/// then a counter (no system call per request), as 32 hex digits.
fn new_request_id() -> String {
    static PREFIX: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = *PREFIX.get_or_init(|| u64::from_le_bytes(random_bytes::<8>()));
    let mut id = String::with_capacity(32);
    push_hex(&mut id, prefix);
    push_hex(&mut id, COUNTER.fetch_add(1, Ordering::Relaxed));
    id
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use tracing::Level;

    use super::*;

    #[test]
    fn the_log_filter_is_rust_log_or_the_default() {
        let (default, error) = log_filter(None);
        assert!(error.is_none());
        assert!(default.would_enable("boxoffice::app", &Level::INFO));
        assert!(!default.would_enable("boxoffice::app", &Level::DEBUG));
        assert!(!default.would_enable("tokio_postgres::connection", &Level::INFO));
        assert!(default.would_enable("tokio_postgres::connection", &Level::WARN));

        let (blank, error) = log_filter(Some(" "));
        assert!(error.is_none());
        assert!(blank.would_enable("boxoffice::app", &Level::INFO));

        let (given, error) = log_filter(Some("warn,boxoffice=debug"));
        assert!(error.is_none());
        assert!(given.would_enable("boxoffice::platform::db", &Level::DEBUG));
        assert!(!given.would_enable("hyper::proto", &Level::INFO));
        assert!(given.would_enable("hyper::proto", &Level::WARN));

        // Not a level: reported, and the default is used rather than a filter that logs
        // nothing.
        let (fallback, error) = log_filter(Some("info,boxoffice=loud"));
        assert!(error.is_some());
        assert!(fallback.would_enable("boxoffice::app", &Level::INFO));
        assert!(!fallback.would_enable("boxoffice::app", &Level::DEBUG));
    }

    #[test]
    fn timestamps_are_rfc3339_utc_with_microseconds() {
        let mut line = String::new();
        let before = Utc::now();
        Rfc3339Micros
            .format_time(&mut Writer::new(&mut line))
            .unwrap();
        let after = Utc::now();
        let stamp = DateTime::parse_from_rfc3339(&line).expect("RFC 3339");
        assert!(line.ends_with('Z'), "{line}");
        let fraction = line.rsplit_once('.').expect("a fraction").1;
        assert_eq!(fraction.len(), "123456Z".len(), "{line}");
        let taken = before.timestamp_micros()..=after.timestamp_micros();
        assert!(taken.contains(&stamp.timestamp_micros()));
    }
}

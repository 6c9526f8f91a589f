//! The baseline `just bench` measures boxoffice against: `GET /v1/movies/{id}` served by the
//! fastest design we can write on the same crates, so that the ratio between the two is our
//! per-request cost and not the machine's.
//!
//! hyper's HTTP/1 server on a multi-threaded tokio runtime; a few tokio-postgres connections
//! opened at start, each with the statement prepared once and shared by every request (a
//! tokio-postgres client pipelines the queries sent to it concurrently, so there is no pool
//! checkout and no wait for a free connection); the row written straight into the JSON the
//! service answers; the service's allocator (jemalloc). No logging, metrics, authentication
//! or problem details: what boxoffice adds on top is what the ratio shows.
//!
//! ```text
//! baseline LISTEN_ADDR DATABASE_URL CONNECTIONS SQL
//! ```
//!
//! `SQL` takes the movie's id as `$1` and returns the columns of `get_movie` in its order
//! (bench/run.py cuts it from queries/movies.sql). `GET /readyz` answers 204 once serving.

use std::convert::Infallible;
use std::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio_postgres::{Client, NoTls, Statement};

/// A movie as `GET /v1/movies/{id}` answers it.
#[derive(Serialize)]
struct Movie {
    id: i64,
    title: String,
    description: String,
    duration_minutes: i32,
    rating: String,
    release_date: Option<NaiveDate>,
    review_count: i64,
    average_rating: Option<f64>,
}

/// The shared connections, each with the statement prepared on it; requests take them in
/// turn.
struct Database {
    connections: Vec<(Client, Statement)>,
    next: AtomicUsize,
}

impl Database {
    async fn movie(&self, id: i64) -> Result<Option<Movie>, tokio_postgres::Error> {
        let turn = self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len();
        let (client, statement) = &self.connections[turn];
        let Some(row) = client.query_opt(statement, &[&id]).await? else {
            return Ok(None);
        };
        Ok(Some(Movie {
            id: row.try_get(0)?,
            title: row.try_get(1)?,
            description: row.try_get(2)?,
            duration_minutes: row.try_get(3)?,
            rating: row.try_get(4)?,
            release_date: row.try_get(5)?,
            review_count: row.try_get(6)?,
            average_rating: row.try_get(7)?,
        }))
    }
}

fn answer(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    if status == StatusCode::OK {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}

async fn handle(
    database: Arc<Database>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path();
    if request.method() == Method::GET && path == "/readyz" {
        return Ok(answer(StatusCode::NO_CONTENT, Bytes::new()));
    }
    let id = path
        .strip_prefix("/v1/movies/")
        .and_then(|id| id.parse::<i64>().ok());
    let (&Method::GET, Some(id)) = (request.method(), id) else {
        return Ok(answer(StatusCode::NOT_FOUND, Bytes::new()));
    };
    Ok(match database.movie(id).await {
        Ok(Some(movie)) => answer(
            StatusCode::OK,
            serde_json::to_vec(&movie)
                .expect("a movie serializes")
                .into(),
        ),
        Ok(None) => answer(StatusCode::NOT_FOUND, Bytes::new()),
        Err(err) => {
            // Never expected: shown, and counted by the bench as a failed run.
            eprintln!("baseline: {err}");
            answer(StatusCode::SERVICE_UNAVAILABLE, Bytes::new())
        }
    })
}

/// The allocator boxoffice runs on, so that the ratio compares the servers and not two
/// allocators.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [listen, url, connections, sql] = args.as_slice() else {
        return Err("usage: baseline LISTEN_ADDR DATABASE_URL CONNECTIONS SQL".into());
    };
    let mut opened = Vec::new();
    for _ in 0..connections.parse::<usize>()?.max(1) {
        let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
        tokio::spawn(connection);
        let statement = client.prepare(sql).await?;
        opened.push((client, statement));
    }
    let database = Arc::new(Database {
        connections: opened,
        next: AtomicUsize::new(0),
    });
    let listener = TcpListener::bind(listen.as_str()).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        let database = database.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(database.clone(), request));
            // A client that goes away mid-request is not the baseline's concern.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

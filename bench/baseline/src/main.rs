//! The baseline `just bench` measures boxoffice against: `GET /v1/movies/{id}` and
//! `GET /v1/screenings?movie_id=` served by the fastest design we can write on the same
//! crates, so that the ratio between the two is our per-request cost and not the machine's.
//!
//! hyper's HTTP/1 server on a current-thread tokio runtime, as the service runs by default
//! (WORKER_THREADS=1: on this host one thread costs less CPU per request than a pool of two;
//! BENCHMARKS.md, seventh pass); a few tokio-postgres connections opened at start, each with
//! the statement prepared once and shared by every request (a tokio-postgres client
//! pipelines the queries sent to it concurrently, so there is no pool checkout and no wait
//! for a free connection); the row written straight into the JSON the service answers; the
//! service's allocator (jemalloc). No logging, metrics, authentication or problem details:
//! what boxoffice adds on top is what the ratio shows.
//!
//! ```text
//! baseline LISTEN_ADDR DATABASE_URL CONNECTIONS MOVIE_SQL SCREENINGS_SQL
//! ```
//!
//! `MOVIE_SQL` takes the movie's id as `$1` and returns the columns of `get_movie` in its
//! order; `SCREENINGS_SQL` takes it too and returns the first page plus one row of
//! `list_screenings_of_movie` (bench/run.py cuts both from queries/, the page size of 20 and
//! the other filters filled in). `GET /readyz` answers 204 once serving.

use std::convert::Infallible;
use std::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
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

/// A screening as `GET /v1/screenings` lists it.
#[derive(Serialize)]
struct Screening {
    id: i64,
    movie_id: i64,
    theater_id: i64,
    #[serde(serialize_with = "rfc3339")]
    starts_at: DateTime<Utc>,
    #[serde(serialize_with = "rfc3339")]
    ends_at: DateTime<Utc>,
    price: i64,
    prices: Prices,
    premium_surcharge: i64,
    currency: String,
    total_seats: i32,
    available_seats: i32,
}

/// A screening's price of each ticket type.
#[derive(Serialize)]
struct Prices {
    adult: i64,
    child: Option<i64>,
    senior: Option<i64>,
    student: Option<i64>,
}

/// A page of a list, as the service pages its lists.
#[derive(Serialize)]
struct Page<T> {
    items: Vec<T>,
    next_after: Option<i64>,
}

/// The page size `SCREENINGS_SQL` asks for one row more than.
const PAGE_SIZE: usize = 20;

/// Times as the service writes them (`to_rfc3339`: `+00:00`).
fn rfc3339<S: serde::Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&time.to_rfc3339())
}

/// A shared connection with the statements prepared on it.
struct Connection {
    client: Client,
    movie: Statement,
    screenings: Statement,
}

/// The shared connections; requests take them in turn.
struct Database {
    connections: Vec<Connection>,
    next: AtomicUsize,
}

impl Database {
    fn connection(&self) -> &Connection {
        &self.connections[self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len()]
    }

    async fn movie(&self, id: i64) -> Result<Option<Movie>, tokio_postgres::Error> {
        let connection = self.connection();
        let Some(row) = connection
            .client
            .query_opt(&connection.movie, &[&id])
            .await?
        else {
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

    async fn screenings(&self, movie_id: i64) -> Result<Page<Screening>, tokio_postgres::Error> {
        let connection = self.connection();
        let rows = connection
            .client
            .query(&connection.screenings, &[&movie_id])
            .await?;
        let next_after = if rows.len() > PAGE_SIZE {
            Some(rows[PAGE_SIZE - 1].try_get(0)?)
        } else {
            None
        };
        let items = rows
            .iter()
            .take(PAGE_SIZE)
            .map(|row| {
                let price = row.try_get(5)?;
                Ok(Screening {
                    id: row.try_get(0)?,
                    movie_id: row.try_get(1)?,
                    theater_id: row.try_get(2)?,
                    starts_at: row.try_get(3)?,
                    ends_at: row.try_get(4)?,
                    price,
                    prices: Prices {
                        adult: price,
                        child: row.try_get(6)?,
                        senior: row.try_get(7)?,
                        student: row.try_get(8)?,
                    },
                    premium_surcharge: row.try_get(9)?,
                    currency: row.try_get(10)?,
                    total_seats: row.try_get(11)?,
                    available_seats: row.try_get(12)?,
                })
            })
            .collect::<Result<_, tokio_postgres::Error>>()?;
        Ok(Page { items, next_after })
    }
}

/// 200 with `value` as JSON, or 503 if the database failed.
fn json<T: Serialize>(value: Result<T, tokio_postgres::Error>) -> Response<Full<Bytes>> {
    match value {
        Ok(value) => answer(
            StatusCode::OK,
            serde_json::to_vec(&value).expect("serializes").into(),
        ),
        Err(err) => {
            // Never expected: shown, and counted by the bench as a failed run.
            eprintln!("baseline: {err}");
            answer(StatusCode::SERVICE_UNAVAILABLE, Bytes::new())
        }
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
    if request.method() != Method::GET {
        return Ok(answer(StatusCode::NOT_FOUND, Bytes::new()));
    }
    if path == "/readyz" {
        return Ok(answer(StatusCode::NO_CONTENT, Bytes::new()));
    }
    if let Some(id) = path
        .strip_prefix("/v1/movies/")
        .and_then(|id| id.parse::<i64>().ok())
    {
        return Ok(match database.movie(id).await.transpose() {
            Some(movie) => json(movie),
            None => answer(StatusCode::NOT_FOUND, Bytes::new()),
        });
    }
    // `?movie_id=N`, among other parameters (the page size is fixed at 20).
    let movie_id = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("movie_id="))
            .and_then(|id| id.parse::<i64>().ok())
    });
    Ok(match (path, movie_id) {
        ("/v1/screenings", Some(movie_id)) => json(database.screenings(movie_id).await),
        _ => answer(StatusCode::NOT_FOUND, Bytes::new()),
    })
}

/// The allocator boxoffice runs on, so that the ratio compares the servers and not two
/// allocators.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [listen, url, connections, movie_sql, screenings_sql] = args.as_slice() else {
        return Err(
            "usage: baseline LISTEN_ADDR DATABASE_URL CONNECTIONS MOVIE_SQL SCREENINGS_SQL".into(),
        );
    };
    let mut opened = Vec::new();
    for _ in 0..connections.parse::<usize>()?.max(1) {
        let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
        tokio::spawn(connection);
        opened.push(Connection {
            movie: client.prepare(movie_sql).await?,
            screenings: client.prepare(screenings_sql).await?,
            client,
        });
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

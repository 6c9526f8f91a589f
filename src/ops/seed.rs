//! Demo data: a dozen movies, three theaters (a large auditorium with premium rows and
//! wheelchair places, a small one, and a plain hall) and a week of screenings selling adult,
//! child and senior tickets, so that a newcomer can book seats right after `cargo run`.

use chrono::{Duration, NaiveTime, Utc};
use codegen::client::Params as _;
use codegen::queries::{movies, orders, screenings, theaters};
use deadpool_postgres::Pool;
use poem_openapi::types::ParseFromJSON;
use serde_json::json;

use crate::catalog::layouts::{LayoutRow, ValidLayout};
use crate::platform::db_errors::QueryError;

/// (title, description, minutes, rating, release date). Every running time fits the gap
/// between two demo slots.
const MOVIES: &[(&str, &str, i32, &str, &str)] = &[
    (
        "The Last Projectionist",
        "A small-town cinema's final night.",
        112,
        "PG",
        "2024-03-08",
    ),
    (
        "Orbit of Glass",
        "Two engineers race to save a failing space station.",
        131,
        "PG-13",
        "2025-06-20",
    ),
    (
        "Midnight Matinee",
        "A heist planned in the back row of a movie palace.",
        104,
        "R",
        "2023-10-13",
    ),
    (
        "Paper Lanterns",
        "A family reunites for one summer festival.",
        97,
        "G",
        "2024-07-26",
    ),
    (
        "The Cartographer",
        "An old mapmaker's last journey north.",
        126,
        "PG",
        "2022-11-18",
    ),
    (
        "Signal Lost",
        "A radio operator hears a voice from the future.",
        118,
        "PG-13",
        "2025-02-14",
    ),
    (
        "Salt and Iron",
        "A shipyard strike in 1911.",
        142,
        "R",
        "2021-09-03",
    ),
    (
        "Kites Over Kabul",
        "Friendship told through a kite-fighting season.",
        109,
        "PG-13",
        "2020-04-17",
    ),
    (
        "Night Garden",
        "An animated adventure among nocturnal plants.",
        88,
        "G",
        "2025-12-19",
    ),
    (
        "The Understudy",
        "An understudy gets one night on stage.",
        101,
        "PG",
        "2024-01-12",
    ),
    (
        "Coldwater",
        "A detective returns to her frozen hometown.",
        135,
        "R",
        "2023-02-24",
    ),
    (
        "Everything at Noon",
        "One hour, seven lives, a city square.",
        115,
        "NR",
        "2025-09-05",
    ),
];

/// (name, city, premium surcharge in minor units of [`CURRENCY`]); their layouts are
/// [`theater_layouts`].
const THEATERS: &[(&str, &str, i64)] = &[
    ("Rialto Screen 1", "Lisbon", 300),
    ("Rialto Screen 2", "Lisbon", 0),
    ("Odeon Grand", "Porto", 0),
];

/// The layouts of [`THEATERS`], as a client would send them:
/// - Rialto Screen 1: rows A–L of 18 seats; wheelchair spaces at both ends of row A with a
///   companion seat beside each; the middle twelve seats of rows H–J premium; the two middle
///   seats of row L blocked (the projection booth's window). 214 seats on sale.
/// - Rialto Screen 2: rows A–F of 10 seats, a wheelchair space and its companion seat at the
///   left end of row F. 60 seats.
/// - Odeon Grand: 200 seats in rows of 20, as `capacity` generates them.
fn theater_layouts() -> [ValidLayout; 3] {
    let rows = |layout: serde_json::Value| {
        let rows = Vec::<LayoutRow>::parse_from_json(Some(layout)).expect("a demo layout");
        ValidLayout::parse("layout", &rows).expect("a valid demo layout")
    };
    let large = ('A'..='L')
        .map(|row| match row {
            'A' => json!({"row": "A", "seats": 18, "wheelchair": [1, 18], "companion": [2, 17]}),
            'H'..='J' => json!({"row": row.to_string(), "seats": 18, "premium": (4..=15).collect::<Vec<_>>()}),
            'L' => json!({"row": "L", "seats": 18, "blocked": [9, 10]}),
            _ => json!({"row": row.to_string(), "seats": 18}),
        })
        .collect();
    let small = ('A'..='F')
        .map(|row| match row {
            'F' => json!({"row": "F", "seats": 10, "wheelchair": [1], "companion": [2]}),
            _ => json!({"row": row.to_string(), "seats": 10}),
        })
        .collect();
    [
        rows(serde_json::Value::Array(large)),
        rows(serde_json::Value::Array(small)),
        ValidLayout::generated(200),
    ]
}

/// Daily start times (UTC) in every theater; 3 h 30 min apart, longer than any demo movie.
const SLOTS: &[(u32, u32)] = &[(13, 0), (16, 30), (20, 0)];

/// Adult ticket prices in minor units of [`CURRENCY`], per slot.
const PRICES: &[i64] = &[950, 1150, 1350];

/// What a child's and a senior's ticket cost less than an adult's, in minor units.
const CHILD_DISCOUNT: i64 = 350;
const SENIOR_DISCOUNT: i64 = 200;

/// The currency of the demo screenings and products.
const CURRENCY: &str = "EUR";

/// Concession products: (SKU, name, price in minor units of [`CURRENCY`]).
const PRODUCTS: &[(&str, &str, i64)] = &[
    ("POPCORN-S", "Popcorn, small", 450),
    ("POPCORN-L", "Popcorn, large", 650),
    ("NACHOS", "Nachos with cheese dip", 600),
    ("SODA-M", "Soda, medium", 350),
    ("WATER", "Still water", 200),
];

/// What [`seed`] did.
#[derive(Debug, Default)]
pub struct Seeded {
    /// Movies added.
    pub movies: usize,
    /// Theaters added.
    pub theaters: usize,
    /// Screenings added.
    pub screenings: usize,
    /// Concession products added.
    pub products: usize,
}

impl Seeded {
    /// Whether anything was loaded.
    pub fn is_empty(&self) -> bool {
        self.movies + self.theaters + self.screenings + self.products == 0
    }
}

/// Loads the demo catalog unless there are movies already, and the demo products unless
/// there are products already. Screenings cover today (slots still ahead) and the next 7
/// days. All in one transaction.
pub async fn seed(pool: &Pool) -> Result<Seeded, QueryError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let mut seeded = Seeded::default();
    let no_products = orders::list_products()
        .bind(&tx, &0, &1)
        .all()
        .await?
        .is_empty();
    if no_products {
        for (sku, name, price) in PRODUCTS {
            orders::insert_product()
                .bind(&tx, sku, name, price, &CURRENCY)
                .one()
                .await?;
            seeded.products += 1;
        }
    }
    let no_movies = movies::list_movies()
        .bind(&tx, &0, &1)
        .all()
        .await?
        .is_empty();
    if !no_movies {
        tx.commit().await?;
        return Ok(seeded);
    }
    let mut movie_ids = Vec::new();
    for (title, description, minutes, rating, released) in MOVIES {
        let movie = movies::insert_movie()
            .params(
                &tx,
                &movies::InsertMovieParams {
                    title,
                    description,
                    duration_minutes: *minutes,
                    rating,
                    release_date: released.parse().ok(),
                },
            )
            .one()
            .await?;
        movie_ids.push(movie.id);
        seeded.movies += 1;
    }
    let mut theater_ids = Vec::new();
    for ((name, city, _), layout) in THEATERS.iter().zip(theater_layouts()) {
        let theater = theaters::insert_theater()
            .bind(&tx, name, city, &layout.capacity())
            .one()
            .await?;
        layout.insert(&tx, theater.id).await?;
        theater_ids.push(theater.id);
        seeded.theaters += 1;
    }
    let now = Utc::now();
    let today = now.date_naive();
    let mut show = 0;
    for day in 0..=7 {
        let date = today + Duration::days(day);
        for (t, theater_id) in theater_ids.iter().enumerate() {
            for (s, (hour, minute)) in SLOTS.iter().enumerate() {
                show += 1;
                let time = NaiveTime::from_hms_opt(*hour, *minute, 0).expect("valid slot");
                let starts_at = date.and_time(time).and_utc();
                if starts_at <= now {
                    continue;
                }
                let movie_id = movie_ids[(show * 5 + t) % movie_ids.len()];
                screenings::insert_screening()
                    .params(
                        &tx,
                        &screenings::InsertScreeningParams {
                            starts_at,
                            price: PRICES[s],
                            child_price: Some(PRICES[s] - CHILD_DISCOUNT),
                            senior_price: Some(PRICES[s] - SENIOR_DISCOUNT),
                            // Student tickets at the afternoon slot only.
                            student_price: (s == 0).then_some(PRICES[s] - SENIOR_DISCOUNT),
                            premium_surcharge: THEATERS[t].2,
                            currency: CURRENCY,
                            movie_id,
                            theater_id: *theater_id,
                        },
                    )
                    .one()
                    .await?;
                seeded.screenings += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(seeded)
}

//! The catalog: movies, theaters with their layouts of seats, and the screenings of movies in
//! theaters with their prices. Public to read, managed by admins.

use poem::http::StatusCode;

use crate::platform::db_errors::ConstraintProblem;

pub mod layouts;
pub mod movies;
pub mod screenings;
pub mod theaters;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// The movie catalog.
    Movies,
    /// Theaters and their layouts of seats.
    Theaters,
    /// Screenings of movies in theaters, with their prices and seat maps.
    Screenings,
}

/// The constraints of this context whose violations are the client's doing.
pub const CONSTRAINT_PROBLEMS: &[ConstraintProblem] = &[
    ConstraintProblem {
        constraint: "screenings_no_overlap",
        status: StatusCode::CONFLICT,
        code: "screening_overlap",
        detail: "the theater has another screening at that time",
    },
    ConstraintProblem {
        constraint: "screenings_movie_id_fkey",
        status: StatusCode::CONFLICT,
        code: "movie_has_screenings",
        detail: "the movie has screenings, so it cannot be deleted",
    },
];

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::layouts::{Layout, LayoutRowSeats, LayoutSeat, SeatCategory};
    use super::movies::{Movie, Rating};
    use super::screenings::{Prices, Screening};
    use super::theaters::Theater;
    use crate::platform::http::{Page, assert_same_json};

    /// The cached reads answer through `JsonBody` (serde); the document describes them through
    /// poem-openapi. Every field kind, with and without its optional values, must agree.
    #[test]
    fn cached_catalog_bodies_serialize_as_the_document_describes() {
        let movie = |release_date, average_rating, rating| Movie {
            id: 7,
            title: "Nosferatu \"1922\" — ünïcode".into(),
            description: "line\nbreak".into(),
            duration_minutes: 94,
            rating,
            release_date,
            review_count: 3,
            average_rating,
        };
        let release = NaiveDate::from_ymd_opt(1922, 3, 4);
        for rating in [Rating::G, Rating::Pg13, Rating::Nc17, Rating::Nr] {
            assert_same_json(&movie(release, Some(4.25), rating));
        }
        assert_same_json(&Page {
            items: vec![
                movie(None, None, Rating::R),
                movie(release, Some(1.0), Rating::Pg),
            ],
            next_after: Some(7),
        });
        assert_same_json(&Page::<Movie> {
            items: vec![],
            next_after: None,
        });
        assert_same_json(&Theater {
            id: 1,
            name: "Hall 1".into(),
            city: "Berlin".into(),
            capacity: 120,
        });
        let seat = |number, category, blocked| LayoutSeat {
            label: format!("A{number}"),
            number,
            category,
            blocked,
        };
        assert_same_json(&Layout {
            theater_id: 1,
            rows: vec![LayoutRowSeats {
                row: "A".into(),
                seats: vec![
                    seat(1, SeatCategory::Standard, false),
                    seat(2, SeatCategory::Premium, true),
                    seat(3, SeatCategory::Wheelchair, false),
                    seat(4, SeatCategory::Companion, false),
                ],
            }],
        });
        let starts_at = Utc.with_ymd_and_hms(2026, 12, 24, 20, 15, 0).unwrap();
        let screening = |prices, starts_at: chrono::DateTime<Utc>| Screening {
            id: 3,
            movie_id: 7,
            theater_id: 1,
            starts_at,
            ends_at: starts_at + chrono::Duration::milliseconds(94 * 60_000 + 1),
            price: 1250,
            prices,
            premium_surcharge: 200,
            currency: "EUR".into(),
            total_seats: 120,
            available_seats: 0,
        };
        let all = Prices {
            adult: 1250,
            child: Some(800),
            senior: Some(950),
            student: Some(1000),
        };
        let adult_only = Prices {
            adult: 1250,
            child: None,
            senior: None,
            student: None,
        };
        assert_same_json(&screening(all, starts_at));
        assert_same_json(&Page {
            items: vec![screening(
                adult_only,
                starts_at + chrono::Duration::microseconds(7),
            )],
            next_after: None,
        });
    }
}

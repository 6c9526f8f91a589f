//! Film hire: what a cinema owes each distributor, per movie and ISO week.
//!
//! The hire of a week is `percent` of the net box office of the movie's screenings that
//! started in that week (whenever their seats were sold), rounded half up to the minor unit,
//! but at least `minimum_per_screening` times the screenings shown: the usual terms of a
//! film rental agreement (a percentage of the box office with a floor).

use chrono::NaiveDate;
use codegen::queries::reports as q;
use deadpool_postgres::Pool;
use poem_openapi::Object;

use super::{period, report_currency};
use crate::platform::currency::Currency;
use crate::platform::db::read_snapshot;
use crate::platform::problem::ApiError;

/// One movie's week.
#[derive(Object, Debug, Clone, PartialEq)]
pub struct FilmHireRow {
    /// The movie.
    pub movie_id: i64,
    /// The movie's title.
    pub title: String,
    /// The ISO week (UTC) of the screenings, e.g. `2026-W50`.
    pub week: String,
    /// Screenings of the movie that started that week.
    pub screenings: i64,
    /// Their seats sold, less those given back.
    pub tickets: i64,
    /// Their net box office, in minor units.
    pub net: i64,
    /// The movie's share owed, in percent; null without terms.
    #[oai(nullable)]
    pub percent: Option<f64>,
    /// The least owed per screening, in minor units; null without terms.
    #[oai(nullable)]
    pub minimum_per_screening: Option<i64>,
    /// What is owed the distributor, in minor units.
    pub film_hire: i64,
    /// `net − film_hire`: what the cinema keeps (negative when the minimum exceeds the net).
    pub kept: i64,
}

/// `GET /v1/reports/film-hire`.
#[derive(Object, Debug, Clone, PartialEq)]
pub struct FilmHireReport {
    /// The first day (UTC) of the screenings, inclusive.
    pub from: NaiveDate,
    /// The last day (UTC), inclusive.
    pub to: NaiveDate,
    /// ISO 4217 code of every amount; null when no screening started in the period and none
    /// was asked for.
    #[oai(nullable)]
    pub currency: Option<String>,
    /// Weeks in order, movies by id.
    pub rows: Vec<FilmHireRow>,
    /// The sum of `film_hire` over the rows.
    pub total_film_hire: i64,
}

/// The hire owed on `net` under the terms (`percent_hundredths` of it, rounded half up to
/// the minor unit, at least `minimum` per screening); 0 without terms.
pub fn hire(net: i64, screenings: i64, percent_hundredths: Option<i32>, minimum: i64) -> i64 {
    let Some(percent) = percent_hundredths else {
        return 0;
    };
    let share = (i128::from(net) * i128::from(percent) + 5_000).div_euclid(10_000);
    let share = i64::try_from(share).expect("a share of an i64 fits an i64");
    share.max(minimum.saturating_mul(screenings))
}

/// Reads the film hire report from one snapshot.
///
/// Errors: 400 `invalid_request` for a bad period, `currency_required` when screenings of the
/// period are in several currencies and none was asked for.
pub async fn film_hire_report(
    pool: &Pool,
    from: NaiveDate,
    to: NaiveDate,
    asked: Option<Currency>,
) -> Result<FilmHireReport, ApiError> {
    let (since, until) = period(from, to)?;
    let mut client = pool.get().await?;
    let tx = read_snapshot(&mut client).await?;
    let shown = q::screening_currencies();
    let shown = shown.bind(&tx, &since, &until).all();
    let currency = report_currency(asked, shown).await?;
    let mut rows = Vec::new();
    if let Some(currency) = &currency {
        rows = q::film_hire_report()
            .bind(&tx, currency, &since, &until)
            .all()
            .await?;
    }
    tx.commit().await?;
    let rows: Vec<FilmHireRow> = rows
        .into_iter()
        .map(|row| {
            let screenings = i64::from(row.screenings);
            let minimum = row.minimum_per_screening;
            let film_hire = hire(
                row.net,
                screenings,
                row.percent_hundredths,
                minimum.unwrap_or(0),
            );
            FilmHireRow {
                movie_id: row.movie_id,
                title: row.title,
                week: row.week,
                screenings,
                tickets: row.tickets,
                net: row.net,
                percent: row.percent_hundredths.map(|p| f64::from(p) / 100.0),
                minimum_per_screening: minimum,
                film_hire,
                kept: row.net - film_hire,
            }
        })
        .collect();
    Ok(FilmHireReport {
        from,
        to,
        currency,
        total_film_hire: rows.iter().map(|row| row.film_hire).sum(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hire_is_the_share_rounded_half_up_with_the_minimum_per_screening_as_floor() {
        // 35.5 % of 10,001: 3,550.355 → 3,550; of 10,003: 3,551.065 → 3,551.
        assert_eq!(hire(10_001, 1, Some(3550), 0), 3550);
        assert_eq!(hire(10_003, 1, Some(3550), 0), 3551);
        // Exactly half a minor unit rounds up: 50 % of 3 is 1.5 → 2.
        assert_eq!(hire(3, 1, Some(5000), 0), 2);
        // The floor: three screenings at a minimum of 1,000 owe 3,000 of a 2,000 net.
        assert_eq!(hire(2_000, 3, Some(3550), 1_000), 3_000);
        assert_eq!(hire(2_000, 3, None, 1_000), 0, "no terms, no hire");
        assert_eq!(hire(0, 0, Some(10_000), 500), 0);
    }
}

//! Movies: the public catalog, managed by admins.

use std::sync::Arc;

use chrono::NaiveDate;
use codegen::client::Params as _;
use codegen::queries::movies as q;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
    types::MaybeUndefined,
};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::AdminAuth;
use crate::platform::caching::{CATALOG, Cached, EntityTag};
use crate::platform::http::Page;
use crate::platform::params::{IfNoneMatch, Paging};
use crate::platform::problem::{AdminCreateError, ApiError, ListError};
use crate::platform::text::Text;

/// The channel on which the database announces movies' versions (migrations/000019), for
/// the [`AppState::movie_versions`] cache.
pub const VERSION_CHANNEL: &str = "movie_versions";

/// A motion-picture rating (MPAA), or `NR` for not rated.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// General audiences.
    #[oai(rename = "G")]
    G,
    /// Parental guidance suggested.
    #[oai(rename = "PG")]
    Pg,
    /// Parents strongly cautioned.
    #[oai(rename = "PG-13")]
    Pg13,
    /// Restricted.
    #[oai(rename = "R")]
    R,
    /// Adults only.
    #[oai(rename = "NC-17")]
    Nc17,
    /// Not rated.
    #[oai(rename = "NR")]
    Nr,
}

/// As its label, the same string as the document's enum value.
impl serde::Serialize for Rating {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Rating {
    /// The label, as stored in `movies.rating`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::G => "G",
            Rating::Pg => "PG",
            Rating::Pg13 => "PG-13",
            Rating::R => "R",
            Rating::Nc17 => "NC-17",
            Rating::Nr => "NR",
        }
    }

    fn from_db(label: &str) -> Rating {
        [
            Rating::G,
            Rating::Pg,
            Rating::Pg13,
            Rating::R,
            Rating::Nc17,
            Rating::Nr,
        ]
        .into_iter()
        .find(|rating| rating.as_str() == label)
        // movies_rating_check allows exactly these labels.
        .unwrap_or(Rating::Nr)
    }
}

/// A movie in the catalog.
#[derive(Object, Debug, Clone, serde::Serialize)]
pub struct Movie {
    /// The movie's id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// A synopsis.
    pub description: String,
    /// Running time in minutes; a screening lasts this long.
    pub duration_minutes: i32,
    pub rating: Rating,
    /// When it was released, if known (ISO 8601 date).
    #[oai(nullable)]
    pub release_date: Option<NaiveDate>,
    /// How many reviews it has.
    pub review_count: i64,
    /// The mean of its reviews' ratings (1–5); `null` without reviews.
    #[oai(nullable)]
    pub average_rating: Option<f64>,
}

impl From<q::Movie> for Movie {
    fn from(row: q::Movie) -> Self {
        Movie {
            id: row.id,
            title: row.title,
            description: row.description,
            duration_minutes: row.duration_minutes,
            rating: Rating::from_db(&row.rating),
            release_date: row.release_date,
            review_count: row.review_count,
            average_rating: row.average_rating,
        }
    }
}

/// `POST /v1/movies` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewMovie {
    /// 1–200 characters.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub title: Text,
    /// At most 5000 characters.
    #[oai(validator(max_length = 5000))]
    pub description: Text,
    /// Running time in minutes, 1–600.
    #[oai(validator(minimum(value = "1"), maximum(value = "600")))]
    pub duration_minutes: i32,
    pub rating: Rating,
    /// When it was released (ISO 8601 date), if known.
    #[oai(nullable)]
    pub release_date: Option<NaiveDate>,
    /// What is owed its distributor, for the film hire report (`GET /v1/reports/film-hire`);
    /// not shown on the movie, which anyone may read. None when absent or null.
    #[oai(nullable)]
    pub film_hire: Option<FilmHire>,
}

/// A movie's film hire terms, as an admin sets them in its body.
#[derive(Object, Debug, Clone, Copy, PartialEq)]
#[oai(deny_unknown_fields)]
pub struct FilmHire {
    /// The share of the net box office owed, 0–100 (`35.5`); kept to the hundredth.
    #[oai(validator(minimum(value = "0"), maximum(value = "100")))]
    pub percent: f64,
    /// The least owed per screening shown, in minor units of the screenings' currency
    /// (0 when absent or null).
    #[oai(validator(minimum(value = "0")), nullable)]
    pub minimum_per_screening: Option<i64>,
}

impl FilmHire {
    /// The terms as stored: the percent in hundredths, rounded to the nearest (`35.5` →
    /// 3550, `35.555` → 3556), and the minimum per screening (0 when absent or null).
    pub fn terms(&self) -> (i32, i64) {
        // Validated to 0–100 at the edge, so the product is at most 10,000.
        let hundredths = (self.percent * 100.0).round() as i32;
        (hundredths, self.minimum_per_screening.unwrap_or(0))
    }
}

/// `PATCH /v1/movies/{id}` body, a JSON Merge Patch (RFC 7396): only the fields given
/// change, and `null` removes a value, which only `release_date` allows.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct MoviePatch {
    /// 1–200 characters.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub title: MaybeUndefined<Text>,
    /// At most 5000 characters.
    #[oai(validator(max_length = 5000))]
    pub description: MaybeUndefined<Text>,
    /// Running time in minutes, 1–600. Existing screenings keep their end time.
    #[oai(validator(minimum(value = "1"), maximum(value = "600")))]
    pub duration_minutes: MaybeUndefined<i32>,
    pub rating: MaybeUndefined<Rating>,
    /// The release date; `null` clears it.
    #[oai(nullable)]
    pub release_date: MaybeUndefined<NaiveDate>,
    /// The film hire terms, replaced whole; `null` removes them.
    #[oai(nullable)]
    pub film_hire: MaybeUndefined<FilmHire>,
}

#[derive(ApiResponse)]
enum CreatedMovie {
    /// The movie is in the catalog.
    #[oai(status = 201)]
    Created(Json<Movie>),
}

#[derive(ApiResponse)]
enum DeletedMovie {
    /// The movie is gone.
    #[oai(status = 204)]
    NoContent,
}

operation_errors! {
    GetMovieError(Path) {
        404: "`movie_not_found`.",
    }
    UpdateMovieError(Path, JsonBody, Admin) {
        404: "`movie_not_found`.",
    }
    DeleteMovieError(Path, Admin) {
        404: "`movie_not_found`.",
        409: "`movie_has_screenings`: a movie with screenings cannot be deleted.",
    }
}

/// A member of a merge patch that cannot be removed: absent keeps the value (`None`), a value
/// replaces it, and `null`, which would remove it, is refused.
///
/// Errors: 400 `invalid_request` for `null`.
fn required<'a, T>(name: &str, member: &'a MaybeUndefined<T>) -> Result<Option<&'a T>, ApiError> {
    match member {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Value(value) => Ok(Some(value)),
        MaybeUndefined::Null => Err(ApiError::bad_request(
            "invalid_request",
            format!("`{name}` cannot be null: a movie always has one"),
        )),
    }
}

/// 404 `movie_not_found`.
pub fn movie_not_found(id: i64) -> ApiError {
    ApiError::not_found("movie_not_found", format!("there is no movie {id}"))
}

/// `/v1/movies`.
#[derive(Default)]
pub struct MoviesApi;

#[OpenApi(prefix_path = "/v1/movies", tag = "super::Tag::Movies")]
impl MoviesApi {
    /// List movies
    ///
    /// A page of movies in id order, optionally only those whose title contains `q`
    /// (case-insensitive).
    #[oai(path = "/", method = "get", operation_id = "list_movies")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        /// Only movies whose title contains this text, ignoring case (1–200 characters).
        #[oai(validator(min_length = 1, max_length = 200))]
        q: Query<Option<Text>>,
        page: Paging,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Page<Movie>>, ListError> {
        let client = state.reads.client(&state.pool).await?;
        let (after, limit) = (page.after(), page.fetch_limit());
        // A search is a query of its own (queries/movies.sql): no optional filter to plan.
        let rows = match q.0.as_deref() {
            Some(q) => {
                q::search_movies()
                    .params(&client, &q::SearchMoviesParams { q, after, limit })
                    .all()
                    .await?
            }
            None => {
                q::list_movies()
                    .params(&client, &q::ListMoviesParams { after, limit })
                    .all()
                    .await?
            }
        };
        let tag = EntityTag::of_each(rows.iter().map(|m| (m.id, m.version)));
        Ok(Cached::answer(
            tag,
            if_none_match.as_deref(),
            CATALOG,
            || page.page(rows, |m| m.id, Movie::from),
        ))
    }

    /// Get a movie
    ///
    /// With its number of reviews and their average rating.
    #[oai(path = "/:id", method = "get", operation_id = "get_movie")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        /// The movie's id.
        id: Path<i64>,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Movie>, GetMovieError> {
        let versions = &state.movie_versions;
        // A revalidation needs the version alone (its reviews raise it too): from memory when
        // the announcements keep it there, else read alone, without the movie and its review
        // statistics.
        // Only a conditional GET looks: a plain one needs the movie anyway.
        let cached = if_none_match.as_deref().and_then(|_| versions.get(id.0));
        if let Some(condition) = if_none_match.as_deref()
            && let Some(version) = cached
        {
            let tag = EntityTag::of(version);
            if tag.matched_by(condition) {
                return Ok(Cached::not_modified(tag, CATALOG));
            }
        }
        let ticket = versions.ticket();
        let client = state.reads.client(&state.pool).await?;
        if let Some(condition) = if_none_match.as_deref()
            && cached.is_none()
            && let Some(version) = q::movie_version().bind(&client, &id.0).opt().await?
        {
            versions.record(ticket, id.0, version);
            let tag = EntityTag::of(version);
            if tag.matched_by(condition) {
                return Ok(Cached::not_modified(tag, CATALOG));
            }
        }
        let movie = q::get_movie()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| movie_not_found(id.0))?;
        versions.record(ticket, id.0, movie.version);
        let tag = EntityTag::of(movie.version);
        Ok(Cached::answer(tag, None, CATALOG, || movie.into()))
    }

    /// Add a movie
    ///
    /// Admin only.
    #[oai(path = "/", method = "post", operation_id = "create_movie")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        body: Json<NewMovie>,
    ) -> Result<CreatedMovie, AdminCreateError> {
        let terms = body.film_hire.map(|t| t.terms());
        let mut client = state.pool.get().await?;
        let tx = client.transaction().await?;
        let movie = q::insert_movie()
            .params(
                &tx,
                &q::InsertMovieParams {
                    title: body.title.as_str(),
                    description: body.description.as_str(),
                    duration_minutes: body.duration_minutes,
                    rating: body.rating.as_str(),
                    release_date: body.release_date,
                },
            )
            .one()
            .await?;
        if let Some((percent_hundredths, minimum)) = terms {
            q::set_film_hire()
                .bind(&tx, &movie.id, &percent_hundredths, &minimum)
                .await?;
        }
        tx.commit().await?;
        Ok(CreatedMovie::Created(Json(movie.into())))
    }

    /// Change a movie
    ///
    /// Admin only. Only the fields in the body change.
    #[oai(path = "/:id", method = "patch", operation_id = "update_movie")]
    async fn update(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The movie's id.
        id: Path<i64>,
        body: Json<MoviePatch>,
    ) -> Result<Json<Movie>, UpdateMovieError> {
        let terms = match &body.film_hire {
            MaybeUndefined::Value(terms) => Some(Some(terms.terms())),
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Undefined => None,
        };
        let mut client = state.pool.get().await?;
        let tx = client.transaction().await?;
        let movie = q::update_movie()
            .params(
                &tx,
                &q::UpdateMovieParams {
                    title: required("title", &body.title)?.map(Text::as_str),
                    description: required("description", &body.description)?.map(Text::as_str),
                    duration_minutes: required("duration_minutes", &body.duration_minutes)?
                        .copied(),
                    rating: required("rating", &body.rating)?.map(|r| r.as_str()),
                    set_release_date: !body.release_date.is_undefined(),
                    release_date: body.release_date.as_opt_ref().flatten().copied(),
                    id: id.0,
                },
            )
            .opt()
            .await?
            .ok_or_else(|| movie_not_found(id.0))?;
        match terms {
            Some(Some((percent_hundredths, minimum))) => {
                q::set_film_hire()
                    .bind(&tx, &id.0, &percent_hundredths, &minimum)
                    .await?;
            }
            Some(None) => {
                q::clear_film_hire().bind(&tx, &id.0).await?;
            }
            None => {}
        }
        tx.commit().await?;
        Ok(Json(movie.into()))
    }

    /// Remove a movie
    ///
    /// Admin only. A movie with screenings cannot be removed (409 `movie_has_screenings`).
    #[oai(path = "/:id", method = "delete", operation_id = "delete_movie")]
    async fn delete(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The movie's id.
        id: Path<i64>,
    ) -> Result<DeletedMovie, DeleteMovieError> {
        let client = state.pool.get().await?;
        match q::delete_movie().bind(&client, &id.0).await? {
            0 => Err(movie_not_found(id.0).into()),
            _ => Ok(DeletedMovie::NoContent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_is_kept_to_the_hundredth() {
        let terms = |percent| {
            FilmHire {
                percent,
                minimum_per_screening: None,
            }
            .terms()
        };
        assert_eq!(terms(35.5), (3550, 0));
        assert_eq!(terms(47.55), (4755, 0));
        assert_eq!(terms(100.0), (10_000, 0));
        assert_eq!(terms(35.555), (3556, 0));
        assert_eq!(terms(70.67313928500579), (7067, 0));
    }
}

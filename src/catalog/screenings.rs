//! Screenings: a movie shown in a theater at a time, with seats to book and the prices of its
//! ticket types.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::client::Params as _;
use codegen::queries::screenings as q;
use codegen::types::TicketType as DbTicketType;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::AdminAuth;
use crate::platform::caching::{AVAILABILITY, Cached, EntityTag};
use crate::platform::currency::Currency;
use crate::platform::http::{Page, rfc3339};
use crate::platform::params::{IfNoneMatch, Paging};
use crate::platform::problem::{ApiError, ListError};

/// Who a ticket is for. Adults pay the screening's `price`; the other types are sold only
/// where the screening sets their price.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[oai(rename_all = "lowercase")]
pub enum TicketType {
    /// The full price.
    Adult,
    /// A child's ticket.
    Child,
    /// A senior's ticket.
    Senior,
    /// A student's ticket.
    Student,
}

impl TicketType {
    /// The type's name in the API (`adult`, …).
    pub fn name(self) -> &'static str {
        match self {
            TicketType::Adult => "adult",
            TicketType::Child => "child",
            TicketType::Senior => "senior",
            TicketType::Student => "student",
        }
    }
}

impl From<TicketType> for DbTicketType {
    fn from(ticket_type: TicketType) -> Self {
        match ticket_type {
            TicketType::Adult => DbTicketType::Adult,
            TicketType::Child => DbTicketType::Child,
            TicketType::Senior => DbTicketType::Senior,
            TicketType::Student => DbTicketType::Student,
        }
    }
}

impl From<DbTicketType> for TicketType {
    fn from(ticket_type: DbTicketType) -> Self {
        match ticket_type {
            DbTicketType::Adult => TicketType::Adult,
            DbTicketType::Child => TicketType::Child,
            DbTicketType::Senior => TicketType::Senior,
            DbTicketType::Student => TicketType::Student,
        }
    }
}

/// What one seat costs by ticket type, in minor units of the screening's currency; a type
/// without a price is not sold.
#[derive(Object, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[oai(example)]
pub struct Prices {
    /// The full price: the screening's `price`.
    pub adult: i64,
    /// A child's ticket; not sold when absent.
    #[oai(nullable)]
    pub child: Option<i64>,
    /// A senior's ticket; not sold when absent.
    #[oai(nullable)]
    pub senior: Option<i64>,
    /// A student's ticket; not sold when absent.
    #[oai(nullable)]
    pub student: Option<i64>,
}

impl poem_openapi::types::Example for Prices {
    fn example() -> Self {
        Prices {
            adult: 1250,
            child: Some(800),
            senior: Some(950),
            student: Some(1000),
        }
    }
}

impl Prices {
    /// The price of a ticket type, if the screening sells it.
    pub fn of(&self, ticket_type: TicketType) -> Option<i64> {
        match ticket_type {
            TicketType::Adult => Some(self.adult),
            TicketType::Child => self.child,
            TicketType::Senior => self.senior,
            TicketType::Student => self.student,
        }
    }
}

/// The prices of the reduced ticket types a new screening sells, each 1–100000000 minor units;
/// a type left out is not sold.
#[derive(Object, Debug, Clone, Copy, Default)]
#[oai(deny_unknown_fields)]
pub struct NewPrices {
    /// A child's ticket.
    #[oai(validator(minimum(value = "1"), maximum(value = "100000000")))]
    #[oai(nullable)]
    pub child: Option<i64>,
    /// A senior's ticket.
    #[oai(validator(minimum(value = "1"), maximum(value = "100000000")))]
    #[oai(nullable)]
    pub senior: Option<i64>,
    /// A student's ticket.
    #[oai(validator(minimum(value = "1"), maximum(value = "100000000")))]
    #[oai(nullable)]
    pub student: Option<i64>,
}

/// A screening of a movie in a theater.
#[derive(Object, Debug, Clone, serde::Serialize)]
pub struct Screening {
    /// The screening's id.
    pub id: i64,
    /// The movie shown.
    pub movie_id: i64,
    /// The theater it is shown in.
    pub theater_id: i64,
    /// When it starts (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    pub starts_at: DateTime<Utc>,
    /// When it ends: the start plus the movie's running time.
    #[serde(serialize_with = "rfc3339")]
    pub ends_at: DateTime<Utc>,
    /// Price of an adult's seat, in minor units of `currency` (`1250` is 12.50).
    pub price: i64,
    /// The price of each ticket type sold, in minor units of `currency`.
    pub prices: Prices,
    /// Added to the price of a premium seat, in minor units of `currency`.
    pub premium_surcharge: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Seats on sale: the theater's seats that are not blocked.
    pub total_seats: i32,
    /// Seats on sale not held by an unexpired pending booking nor sold: the seat map's
    /// available seats.
    pub available_seats: i32,
}

impl From<q::Screening> for Screening {
    fn from(row: q::Screening) -> Self {
        Screening {
            id: row.id,
            movie_id: row.movie_id,
            theater_id: row.theater_id,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            price: row.price,
            prices: Prices {
                adult: row.price,
                child: row.child_price,
                senior: row.senior_price,
                student: row.student_price,
            },
            premium_surcharge: row.premium_surcharge,
            currency: row.currency,
            total_seats: row.total_seats,
            available_seats: row.available_seats,
        }
    }
}

/// `POST /v1/screenings` body. The end follows from the movie's running time and the seats
/// from the theater's layout.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewScreening {
    /// The movie to show.
    pub movie_id: i64,
    /// The theater to show it in.
    pub theater_id: i64,
    /// When it starts (RFC 3339); must be in the future.
    pub starts_at: DateTime<Utc>,
    /// Price of an adult's seat in minor units of `currency`, 1–100000000.
    #[oai(validator(minimum(value = "1"), maximum(value = "100000000")))]
    pub price: i64,
    /// Prices of the child, senior and student tickets sold; none when left out.
    #[oai(nullable)]
    pub prices: Option<NewPrices>,
    /// Minor units added to the price of a premium seat, 0–100000000; 0 when left out.
    #[oai(validator(minimum(value = "0"), maximum(value = "100000000")))]
    #[oai(nullable)]
    pub premium_surcharge: Option<i64>,
    // No doc comment: poem-openapi would wrap the enum in allOf, which some SDK generators
    // refuse; `Currency` documents itself.
    pub currency: Currency,
}

#[derive(ApiResponse)]
enum CreatedScreening {
    /// The screening is scheduled.
    #[oai(status = 201)]
    Created(Json<Screening>),
}

operation_errors! {
    GetScreeningError(Path) {
        404: "`screening_not_found`.",
    }
    CreateScreeningError(JsonBody, Admin) {
        400: "`invalid_request` (malformed JSON, unknown fields, a value out of range) or \
              `starts_in_past`.",
        409: "`screening_overlap`: the theater has another screening at that time.",
        422: "`movie_or_theater_not_found`: the body names a movie or theater that does not \
              exist.",
    }
}

/// `/v1/screenings`.
#[derive(Default)]
pub struct ScreeningsApi;

#[OpenApi(prefix_path = "/v1/screenings", tag = "super::Tag::Screenings")]
impl ScreeningsApi {
    /// List screenings
    ///
    /// A page of screenings in id order, optionally of one movie, in one theater, or starting
    /// within `[from, to)`.
    #[allow(clippy::too_many_arguments)]
    #[oai(path = "/", method = "get", operation_id = "list_screenings")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        /// Only screenings of this movie.
        movie_id: Query<Option<i64>>,
        /// Only screenings in this theater.
        theater_id: Query<Option<i64>>,
        /// Only screenings starting at or after this time (RFC 3339).
        from: Query<Option<DateTime<Utc>>>,
        /// Only screenings starting before this time (RFC 3339).
        to: Query<Option<DateTime<Utc>>>,
        page: Paging,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Page<Screening>>, ListError> {
        let client = state.reads.client(&state.pool).await?;
        let (after, limit, starts_from, starts_before) =
            (page.after(), page.fetch_limit(), from.0, to.0);
        // The most selective filter picks the query (and the index its cached plan uses).
        let rows = match (movie_id.0, theater_id.0) {
            (Some(movie_id), theater_id) => {
                q::list_screenings_of_movie()
                    .params(
                        &client,
                        &q::ListScreeningsOfMovieParams {
                            movie_id,
                            after,
                            theater_id,
                            starts_from,
                            starts_before,
                            limit,
                        },
                    )
                    .all()
                    .await?
            }
            (None, Some(theater_id)) => {
                q::list_screenings_in_theater()
                    .params(
                        &client,
                        &q::ListScreeningsInTheaterParams {
                            theater_id,
                            after,
                            starts_from,
                            starts_before,
                            limit,
                        },
                    )
                    .all()
                    .await?
            }
            (None, None) => {
                q::list_screenings()
                    .params(
                        &client,
                        &q::ListScreeningsParams {
                            after,
                            starts_from,
                            starts_before,
                            limit,
                        },
                    )
                    .all()
                    .await?
            }
        };
        let tag = EntityTag::of_each(rows.iter().map(|s| (s.id, s.version, s.available_seats)));
        Ok(Cached::answer(
            tag,
            if_none_match.as_deref(),
            AVAILABILITY,
            || page.page(rows, |s| s.id, Screening::from),
        ))
    }

    /// Get a screening
    ///
    /// With the seats available right now.
    #[oai(path = "/:id", method = "get", operation_id = "get_screening")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        /// The screening's id.
        id: Path<i64>,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Screening>, GetScreeningError> {
        let client = state.reads.client(&state.pool).await?;
        let screening = q::get_screening()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| screening_not_found(id.0))?;
        let tag = EntityTag::of((screening.version, screening.available_seats));
        Ok(Cached::answer(
            tag,
            if_none_match.as_deref(),
            AVAILABILITY,
            || screening.into(),
        ))
    }

    /// Schedule a screening
    ///
    /// Admin only. The screening gets its own copy of the theater's seats; adult tickets sell at
    /// `price`, child, senior and student tickets at `prices` when given, and premium seats
    /// cost `premium_surcharge` more. Fails with 409 `screening_overlap` if the theater is
    /// busy then.
    #[oai(path = "/", method = "post", operation_id = "create_screening")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        body: Json<NewScreening>,
    ) -> Result<CreatedScreening, CreateScreeningError> {
        if body.starts_at <= Utc::now() {
            return Err(ApiError::bad_request(
                "starts_in_past",
                "a screening must start in the future",
            )
            .into());
        }
        let prices = body.prices.unwrap_or_default();
        let client = state.pool.get().await?;
        let screening = q::insert_screening()
            .params(
                &client,
                &q::InsertScreeningParams {
                    starts_at: body.starts_at,
                    price: body.price,
                    child_price: prices.child,
                    senior_price: prices.senior,
                    student_price: prices.student,
                    premium_surcharge: body.premium_surcharge.unwrap_or(0),
                    currency: body.currency.code(),
                    movie_id: body.movie_id,
                    theater_id: body.theater_id,
                },
            )
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::unprocessable(
                    "movie_or_theater_not_found",
                    format!(
                        "there is no movie {} or no theater {}",
                        body.movie_id, body.theater_id
                    ),
                )
            })?;
        Ok(CreatedScreening::Created(Json(screening.into())))
    }
}

/// 404 `screening_not_found`.
pub fn screening_not_found(id: i64) -> ApiError {
    ApiError::not_found("screening_not_found", format!("there is no screening {id}"))
}

/// 409 `screening_started`: it can no longer be booked (nor waited for).
pub fn screening_started(id: i64) -> ApiError {
    ApiError::conflict(
        "screening_started",
        format!("screening {id} has started; it can no longer be booked"),
    )
}

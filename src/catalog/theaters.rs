//! Theaters: where screenings happen. Public to read, created by admins, each with its
//! layout of seats ([`super::layouts`]).

use std::sync::Arc;

use codegen::queries::theaters as q;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::AdminAuth;
use crate::platform::caching::{CATALOG, Cached, EntityTag};
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::http::Page;
use crate::platform::params::{IfNoneMatch, Paging};
use crate::platform::problem::{ApiError, ListError};
use crate::platform::text::Text;

use super::layouts::{LayoutRow, ValidLayout, theater_not_found};

/// A theater (one screen) and its number of seats on sale.
#[derive(Object, Debug, Clone, serde::Serialize)]
pub struct Theater {
    /// The theater's id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The city it is in.
    pub city: String,
    /// Seats on sale (those of its layout not blocked); each screening here offers this many.
    pub capacity: i32,
}

impl From<q::Theater> for Theater {
    fn from(row: q::Theater) -> Self {
        Theater {
            id: row.id,
            name: row.name,
            city: row.city,
            capacity: row.capacity,
        }
    }
}

/// `POST /v1/theaters` body: exactly one of `capacity` (a generated layout of rows of at most
/// 20 standard seats, labelled A, B, …) and `layout`.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewTheater {
    /// 1–200 characters.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub name: Text,
    /// 1–100 characters.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub city: Text,
    /// Number of seats, 1–10000, for a generated layout.
    #[oai(validator(minimum(value = "1"), maximum(value = "10000")))]
    #[oai(nullable)]
    pub capacity: Option<i32>,
    /// The rows, front to back (1–60), each with its seats' categories and blocked seats.
    #[oai(validator(min_items = 1, max_items = 60))]
    #[oai(nullable)]
    pub layout: Option<Vec<LayoutRow>>,
}

impl NewTheater {
    /// The layout asked for: generated from `capacity`, or `layout` checked.
    ///
    /// Errors: 400 `invalid_request` (neither or both given), `invalid_layout`.
    fn valid_layout(&self) -> Result<ValidLayout, ApiError> {
        match (self.capacity, &self.layout) {
            (Some(capacity), None) => Ok(ValidLayout::generated(capacity)),
            (None, Some(rows)) => ValidLayout::parse("layout", rows),
            _ => Err(ApiError::bad_request(
                "invalid_request",
                "give exactly one of `capacity` and `layout`",
            )),
        }
    }
}

#[derive(ApiResponse)]
enum CreatedTheater {
    /// The theater exists.
    #[oai(status = 201)]
    Created(Json<Theater>),
}

operation_errors! {
    GetTheaterError(Path) {
        404: "`theater_not_found`.",
    }
    CreateTheaterError(JsonBody, Admin) {
        400: "`invalid_request` (malformed JSON, unknown fields, a value out of range, or not \
              exactly one of `capacity` and `layout`) or `invalid_layout` (the detail names \
              each rule broken, with its place).",
    }
}

/// `/v1/theaters`.
#[derive(Default)]
pub struct TheatersApi;

#[OpenApi(prefix_path = "/v1/theaters", tag = "super::Tag::Theaters")]
impl TheatersApi {
    /// List theaters
    ///
    /// A page of theaters in id order.
    #[oai(path = "/", method = "get", operation_id = "list_theaters")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        page: Paging,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Page<Theater>>, ListError> {
        let client = state.reads.client(&state.pool).await?;
        let rows = q::list_theaters()
            .bind(&client, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        let tag = EntityTag::of_each(rows.iter().map(|t| (t.id, t.version)));
        Ok(Cached::answer(
            tag,
            if_none_match.as_deref(),
            CATALOG,
            || page.page(rows, |t| t.id, Theater::from),
        ))
    }

    /// Get a theater
    ///
    /// With its number of seats.
    #[oai(path = "/:id", method = "get", operation_id = "get_theater")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        /// The theater's id.
        id: Path<i64>,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Theater>, GetTheaterError> {
        let client = state.reads.client(&state.pool).await?;
        let theater = q::get_theater()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| theater_not_found(id.0))?;
        let tag = EntityTag::of(theater.version);
        Ok(Cached::answer(
            tag,
            if_none_match.as_deref(),
            CATALOG,
            || theater.into(),
        ))
    }

    /// Add a theater
    ///
    /// Admin only. With `capacity`, the theater gets rows of at most 20 standard seats
    /// labelled A, B, …; with `layout`, the rows and seats described (see `PUT
    /// /v1/theaters/{id}/layout`).
    #[oai(path = "/", method = "post", operation_id = "create_theater")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        body: Json<NewTheater>,
    ) -> Result<CreatedTheater, CreateTheaterError> {
        let create = CreateTheater {
            theater: &body,
            layout: body.valid_layout()?,
        };
        let theater = in_transaction(&state.pool, &create).await?;
        Ok(CreatedTheater::Created(Json(theater)))
    }
}

/// Creates a theater and its rows and seats, in one transaction.
struct CreateTheater<'a> {
    theater: &'a NewTheater,
    layout: ValidLayout,
}

impl Workflow for CreateTheater<'_> {
    type Output = Theater;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Theater, ApiError> {
        let theater = q::insert_theater()
            .bind(
                tx,
                &self.theater.name.as_str(),
                &self.theater.city.as_str(),
                &self.layout.capacity(),
            )
            .one()
            .await?;
        self.layout.insert(tx, theater.id).await?;
        Ok(theater.into())
    }
}

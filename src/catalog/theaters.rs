//! Theaters: where screenings happen. Public to read, created by admins.

use std::sync::Arc;

use codegen::queries::theaters as q;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::http::{Page, PageAfter, PageRequest, PageSize};
use crate::platform::problem::{AdminCreateError, ApiError, ListError};
use crate::platform::text::Text;

/// A theater (one screen) and its number of seats.
#[derive(Object, Debug, Clone)]
pub struct Theater {
    /// The theater's id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The city it is in.
    pub city: String,
    /// Number of seats; each screening here offers this many.
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

/// `POST /v1/theaters` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewTheater {
    /// 1–200 characters.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub name: Text,
    /// 1–100 characters.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub city: Text,
    /// Number of seats, 1–10000.
    #[oai(validator(minimum(value = "1"), maximum(value = "10000")))]
    pub capacity: i32,
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
}

/// `/v1/theaters`.
#[derive(Default)]
pub struct TheatersApi;

#[OpenApi(
    prefix_path = "/v1/theaters",
    tag = "crate::platform::http::ApiTags::Theaters"
)]
impl TheatersApi {
    /// List theaters
    ///
    /// A page of theaters in id order.
    #[oai(path = "/", method = "get", operation_id = "list_theaters")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        /// Page size, 1–100.
        limit: Query<PageSize>,
        /// Start after this id: the previous page's `next_after`.
        after: Query<Option<PageAfter>>,
    ) -> Result<Json<Page<Theater>>, ListError> {
        let page = PageRequest::new(limit.0, after.0);
        let client = state.pool.get().await?;
        let rows = q::list_theaters()
            .bind(&client, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |t| t.id, Theater::from)))
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
    ) -> Result<Json<Theater>, GetTheaterError> {
        let client = state.pool.get().await?;
        let theater = q::get_theater()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::not_found("theater_not_found", format!("there is no theater {}", id.0))
            })?;
        Ok(Json(theater.into()))
    }

    /// Add a theater
    ///
    /// Admin only.
    #[oai(path = "/", method = "post", operation_id = "create_theater")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        body: Json<NewTheater>,
    ) -> Result<CreatedTheater, AdminCreateError> {
        auth.0.require_admin(&state.pool).await?;
        let client = state.pool.get().await?;
        let theater = q::insert_theater()
            .bind(
                &client,
                &body.name.as_str(),
                &body.city.as_str(),
                &body.capacity,
            )
            .one()
            .await?;
        Ok(CreatedTheater::Created(Json(theater.into())))
    }
}

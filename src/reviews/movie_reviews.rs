//! Reviews of movies: a rating of 1–5 and a text, one per user per movie.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::reviews as q;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::catalog::movies::movie_not_found;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::http::Page;
use crate::platform::params::Paging;
use crate::platform::problem::ApiError;
use crate::platform::text::Text;

/// A user's review of a movie.
#[derive(Object, Debug, Clone)]
pub struct Review {
    /// The review's id.
    pub id: i64,
    /// The movie reviewed.
    pub movie_id: i64,
    /// The author.
    pub user_id: i64,
    /// The author's username.
    pub username: String,
    /// 1 (worst) to 5 (best).
    pub rating: i16,
    /// The review's text.
    pub body: String,
    /// When it was written (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Review> for Review {
    fn from(row: q::Review) -> Self {
        Review {
            id: row.id,
            movie_id: row.movie_id,
            user_id: row.user_id,
            username: row.username,
            rating: row.rating,
            body: row.body,
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/movies/{id}/reviews` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewReview {
    /// 1 (worst) to 5 (best).
    #[oai(validator(minimum(value = "1"), maximum(value = "5")))]
    pub rating: i16,
    /// 1–2000 characters.
    #[oai(validator(min_length = 1, max_length = 2000))]
    pub body: Text,
}

#[derive(ApiResponse)]
enum CreatedReview {
    /// The review is published.
    #[oai(status = 201)]
    Created(Json<Review>),
}

#[derive(ApiResponse)]
pub(super) enum Deleted {
    /// Removed.
    #[oai(status = 204)]
    NoContent,
}

operation_errors! {
    ListReviewsError(Path, Query) {
        404: "`movie_not_found`.",
    }
    CreateReviewError(Path, JsonBody, Bearer) {
        400: "`invalid_request`: malformed JSON, unknown fields or a value out of range \
              (rating 1–5, body 1–2000 characters).",
        404: "`movie_not_found`.",
        409: "`review_exists`: the caller has reviewed this movie already.",
    }
    DeleteReviewError(Path, Bearer) {
        404: "`review_not_found`: none that the caller wrote (admins: none at all).",
    }
}

pub(super) fn review_not_found(id: i64) -> ApiError {
    ApiError::not_found("review_not_found", format!("there is no review {id}"))
}

/// `/v1/movies/{id}/reviews`, `/v1/reviews/{id}`.
#[derive(Default)]
pub struct MovieReviewsApi;

#[OpenApi(tag = "super::Tag::Reviews")]
impl MovieReviewsApi {
    /// List a movie's reviews
    ///
    /// Newest first.
    #[oai(
        path = "/v1/movies/:id/reviews",
        method = "get",
        operation_id = "list_reviews"
    )]
    async fn list_reviews(
        &self,
        state: Data<&Arc<AppState>>,
        /// The movie's id.
        id: Path<i64>,
        /// Continue after this review: the previous page's `next_after`.
        page: Paging,
    ) -> Result<Json<Page<Review>>, ListReviewsError> {
        let client = state.pool.get().await?;
        let rows = q::list_reviews()
            .bind(&client, &id.0, &page.before(), &page.fetch_limit())
            .all()
            .await?;
        if rows.is_empty() && !q::movie_exists().bind(&client, &id.0).one().await? {
            return Err(movie_not_found(id.0).into());
        }
        Ok(Json(page.page(rows, |r| r.id, Review::from)))
    }

    /// Review a movie
    ///
    /// One review per user per movie.
    #[oai(
        path = "/v1/movies/:id/reviews",
        method = "post",
        operation_id = "create_review"
    )]
    async fn create_review(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The movie's id.
        id: Path<i64>,
        body: Json<NewReview>,
    ) -> Result<CreatedReview, CreateReviewError> {
        let client = state.pool.get().await?;
        let review = q::insert_review()
            .bind(
                &client,
                &auth.0.user_id,
                &body.rating,
                &body.body.as_str(),
                &id.0,
            )
            .opt()
            .await?
            .ok_or_else(|| movie_not_found(id.0))?;
        Ok(CreatedReview::Created(Json(review.into())))
    }

    /// Remove a review
    ///
    /// Its author or an admin. Its discussion goes with it.
    #[oai(
        path = "/v1/reviews/:id",
        method = "delete",
        operation_id = "delete_review"
    )]
    async fn delete_review(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The review's id.
        id: Path<i64>,
    ) -> Result<Deleted, DeleteReviewError> {
        // The author, or an admin as the database says now (not the token's claim).
        let admin = auth.0.is_admin_now(&state.pool).await?;
        let client = state.pool.get().await?;
        match q::delete_review()
            .bind(&client, &id.0, &auth.0.user_id, &admin)
            .await?
        {
            0 => Err(review_not_found(id.0).into()),
            _ => Ok(Deleted::NoContent),
        }
    }
}

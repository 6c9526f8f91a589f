//! Reviews of movies (a rating of 1–5 and a text, one per user per movie) and the discussion
//! under each review. Anyone may read; authors and admins may remove.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::reviews as q;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::AppState;
use crate::auth::BearerAuth;
use crate::http::{Page, PageRequest, default_page_size};
use crate::movies::movie_not_found;
use crate::problem::ApiError;
use crate::problem_responses;

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

/// A message in the discussion under a review.
#[derive(Object, Debug, Clone)]
pub struct Message {
    /// The message's id.
    pub id: i64,
    /// The review discussed.
    pub review_id: i64,
    /// The author.
    pub user_id: i64,
    /// The author's username.
    pub username: String,
    /// The message's text.
    pub body: String,
    /// When it was written (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Message> for Message {
    fn from(row: q::Message) -> Self {
        Message {
            id: row.id,
            review_id: row.review_id,
            user_id: row.user_id,
            username: row.username,
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
    pub body: String,
}

/// `POST /v1/reviews/{id}/messages` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewMessage {
    /// 1–1000 characters.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub body: String,
}

#[derive(ApiResponse)]
enum CreatedReview {
    /// The review is published.
    #[oai(status = 201)]
    Created(Json<Review>),
}

#[derive(ApiResponse)]
enum CreatedMessage {
    /// The message is published.
    #[oai(status = 201)]
    Created(Json<Message>),
}

#[derive(ApiResponse)]
enum Deleted {
    /// Removed.
    #[oai(status = 204)]
    NoContent,
}

problem_responses! {
    enum ListReviewsError {
        /// `invalid_request`: the id or a query parameter is malformed or out of range.
        BadRequest = 400,
        /// `movie_not_found`.
        NotFound = 404,
    }
}

problem_responses! {
    enum WriteReviewError {
        /// `invalid_request`: malformed JSON, unknown fields or a value out of range (rating
        /// 1–5, body 1–2000 characters).
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `movie_not_found`.
        NotFound = 404,
        /// `review_exists`: the caller has reviewed this movie already.
        Conflict = 409,
        /// `payload_too_large`: the body is over 1 MiB.
        PayloadTooLarge = 413,
        /// `unsupported_media_type`: the body is missing or not `application/json`.
        UnsupportedMediaType = 415,
    }
}

problem_responses! {
    enum ListMessagesError {
        /// `invalid_request`: the id or a query parameter is malformed or out of range.
        BadRequest = 400,
        /// `review_not_found`.
        NotFound = 404,
    }
}

problem_responses! {
    enum WriteMessageError {
        /// `invalid_request`: malformed JSON, unknown fields or a body outside 1–1000
        /// characters.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `review_not_found`.
        NotFound = 404,
        /// `payload_too_large`: the body is over 1 MiB.
        PayloadTooLarge = 413,
        /// `unsupported_media_type`: the body is missing or not `application/json`.
        UnsupportedMediaType = 415,
    }
}

problem_responses! {
    enum DeleteError {
        /// `invalid_request`: the id is not an integer.
        BadRequest = 400,
        /// `unauthorized`: no valid bearer token.
        Unauthorized = 401,
        /// `review_not_found` / `message_not_found`: none that the caller wrote (admins: none
        /// at all).
        NotFound = 404,
    }
}

fn review_not_found(id: i64) -> ApiError {
    ApiError::not_found("review_not_found", format!("there is no review {id}"))
}

/// `/v1/movies/{id}/reviews`, `/v1/reviews`, `/v1/messages`.
#[derive(Default)]
pub struct ReviewsApi;

#[OpenApi(tag = "crate::ApiTags::Reviews")]
impl ReviewsApi {
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
        /// Page size, 1–100.
        #[oai(
            default = "default_page_size",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// Continue after this review: the previous page's `next_after`.
        #[oai(validator(minimum(value = "0")))]
        after: Query<Option<i64>>,
    ) -> Result<Json<Page<Review>>, ListReviewsError> {
        let page = PageRequest::new(limit.0, after.0);
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
    ) -> Result<CreatedReview, WriteReviewError> {
        let client = state.pool.get().await?;
        let review = q::insert_review()
            .bind(&client, &auth.0.user_id, &body.rating, &body.body, &id.0)
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
    ) -> Result<Deleted, DeleteError> {
        let client = state.pool.get().await?;
        match q::delete_review()
            .bind(&client, &id.0, &auth.0.user_id, &auth.0.is_admin())
            .await?
        {
            0 => Err(review_not_found(id.0).into()),
            _ => Ok(Deleted::NoContent),
        }
    }

    /// List a review's discussion
    ///
    /// Oldest first.
    #[oai(
        path = "/v1/reviews/:id/messages",
        method = "get",
        operation_id = "list_messages"
    )]
    async fn list_messages(
        &self,
        state: Data<&Arc<AppState>>,
        /// The review's id.
        id: Path<i64>,
        /// Page size, 1–100.
        #[oai(
            default = "default_page_size",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// Start after this id: the previous page's `next_after`.
        #[oai(validator(minimum(value = "0")))]
        after: Query<Option<i64>>,
    ) -> Result<Json<Page<Message>>, ListMessagesError> {
        let page = PageRequest::new(limit.0, after.0);
        let client = state.pool.get().await?;
        let rows = q::list_messages()
            .bind(&client, &id.0, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        if rows.is_empty() && !q::review_exists().bind(&client, &id.0).one().await? {
            return Err(review_not_found(id.0).into());
        }
        Ok(Json(page.page(rows, |m| m.id, Message::from)))
    }

    /// Join a review's discussion
    #[oai(
        path = "/v1/reviews/:id/messages",
        method = "post",
        operation_id = "create_message"
    )]
    async fn create_message(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The review's id.
        id: Path<i64>,
        body: Json<NewMessage>,
    ) -> Result<CreatedMessage, WriteMessageError> {
        let client = state.pool.get().await?;
        let message = q::insert_message()
            .bind(&client, &auth.0.user_id, &body.body, &id.0)
            .opt()
            .await?
            .ok_or_else(|| review_not_found(id.0))?;
        Ok(CreatedMessage::Created(Json(message.into())))
    }

    /// Remove a message
    ///
    /// Its author or an admin.
    #[oai(
        path = "/v1/messages/:id",
        method = "delete",
        operation_id = "delete_message"
    )]
    async fn delete_message(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The message's id.
        id: Path<i64>,
    ) -> Result<Deleted, DeleteError> {
        let client = state.pool.get().await?;
        match q::delete_message()
            .bind(&client, &id.0, &auth.0.user_id, &auth.0.is_admin())
            .await?
        {
            0 => Err(ApiError::not_found(
                "message_not_found",
                format!("there is no message {} of yours", id.0),
            )
            .into()),
            _ => Ok(Deleted::NoContent),
        }
    }
}

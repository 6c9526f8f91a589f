//! The discussion under a review: messages, oldest first.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::reviews as q;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::http::Page;
use crate::platform::params::Paging;
use crate::platform::problem::ApiError;
use crate::platform::text::Text;

use super::movie_reviews::{Deleted, review_not_found};

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

/// `POST /v1/reviews/{id}/messages` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewMessage {
    /// 1–1000 characters.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub body: Text,
}

#[derive(ApiResponse)]
enum CreatedMessage {
    /// The message is published.
    #[oai(status = 201)]
    Created(Json<Message>),
}

operation_errors! {
    ListMessagesError(Path, Query) {
        404: "`review_not_found`.",
    }
    CreateMessageError(Path, JsonBody, Bearer) {
        400: "`invalid_request`: malformed JSON, unknown fields or a body outside 1–1000 \
              characters.",
        404: "`review_not_found`.",
    }
    DeleteMessageError(Path, Bearer) {
        404: "`message_not_found`: none that the caller wrote (admins: none at all).",
    }
}

/// `/v1/reviews/{id}/messages`, `/v1/messages/{id}`.
#[derive(Default)]
pub struct DiscussionApi;

#[OpenApi(tag = "super::Tag::Reviews")]
impl DiscussionApi {
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
        page: Paging,
    ) -> Result<Json<Page<Message>>, ListMessagesError> {
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
    ///
    /// Adds a message, by the caller, under a review.
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
    ) -> Result<CreatedMessage, CreateMessageError> {
        let client = state.pool.get().await?;
        let message = q::insert_message()
            .bind(&client, &auth.0.user_id, &body.body.as_str(), &id.0)
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
    ) -> Result<Deleted, DeleteMessageError> {
        // The author, or an admin as the database says now (not the token's claim).
        let admin = auth.0.is_admin_now(&state.pool).await?;
        let client = state.pool.get().await?;
        match q::delete_message()
            .bind(&client, &id.0, &auth.0.user_id, &admin)
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

//! Users: registration, the caller's profile, and creating users (also for `boxoffice admin
//! create`).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::users as q;
use codegen::types::UserRole;
use poem::Request;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::{BearerAuth, Role};
use crate::platform::problem::{ApiError, DATABASE_OR_HASHING_UNAVAILABLE, RATE_LIMITED};
use crate::platform::text::Text;

use super::Identity;

/// A registered user.
#[derive(Object, Debug, Clone)]
pub struct User {
    /// The user's id.
    pub id: i64,
    /// Unique, case-insensitively.
    pub username: String,
    /// Unique, case-insensitively.
    pub email: String,
    /// The name to show.
    pub full_name: String,
    pub role: Role,
    /// When the user registered (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::User> for User {
    fn from(row: q::User) -> Self {
        User {
            id: row.id,
            username: row.username,
            email: row.email,
            full_name: row.full_name,
            role: row.role.into(),
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/users/register` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct Registration {
    /// 3–32 letters, digits, `_`, `.` or `-`; unique case-insensitively.
    #[oai(validator(pattern = r"^[A-Za-z0-9_.-]{3,32}$"))]
    pub username: Text,
    /// An email address (at most 254 characters); unique case-insensitively.
    #[oai(validator(max_length = 254, pattern = r"^[^@\s\x00]+@[^@\s\x00]+$"))]
    pub email: Text,
    /// 8–128 characters (NIST SP 800-63B §5.1.1.2: at least 8, long passphrases allowed).
    #[oai(validator(min_length = 8, max_length = 128))]
    pub password: Text,
    /// 1–100 characters.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub full_name: Text,
}

#[derive(ApiResponse)]
enum RegisterResponse {
    /// The user is registered.
    #[oai(status = 201)]
    Created(Json<User>),
}

operation_errors! {
    RegisterError(JsonBody) {
        409: "`username_taken` or `email_taken`.",
        429: RATE_LIMITED,
        503: DATABASE_OR_HASHING_UNAVAILABLE,
    }
    GetMeError(Bearer) {
        404: "`user_not_found`: the user no longer exists.",
    }
}

/// `/v1/users/register`, `/v1/users/me`.
pub struct UsersApi {
    /// The context: the limit on attempts.
    pub identity: Arc<Identity>,
}

#[OpenApi(prefix_path = "/v1/users", tag = "super::Tag::Users")]
impl UsersApi {
    /// Register
    ///
    /// Creates a customer account. Log in afterwards to get tokens.
    #[oai(path = "/register", method = "post", operation_id = "register")]
    async fn register(
        &self,
        state: Data<&Arc<AppState>>,
        req: &Request,
        body: Json<Registration>,
    ) -> Result<RegisterResponse, RegisterError> {
        self.identity.count_attempt(&state, req)?;
        let Registration {
            username,
            email,
            password,
            full_name,
        } = body.0;
        let user = create_user(
            &state,
            &username,
            &email,
            password.into_string(),
            &full_name,
            Role::Customer,
        )
        .await?;
        Ok(RegisterResponse::Created(Json(user)))
    }

    /// The caller
    ///
    /// The user the access token belongs to.
    #[oai(path = "/me", method = "get", operation_id = "get_me")]
    async fn me(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
    ) -> Result<Json<User>, GetMeError> {
        let client = state.pool.get().await?;
        let user = q::get_user()
            .bind(&client, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| ApiError::not_found("user_not_found", "the user no longer exists"))?;
        Ok(Json(user.into()))
    }
}

/// Creates a user with a freshly hashed password. Used by registration (customers) and by
/// `boxoffice admin create`. Errors: 409 `username_taken` / `email_taken`.
pub async fn create_user(
    state: &AppState,
    username: &str,
    email: &str,
    password: String,
    full_name: &str,
    role: Role,
) -> Result<User, ApiError> {
    let password_hash = state.passwords.hash(password).await?;
    let client = state.pool.get().await?;
    let user = q::insert_user()
        .bind(
            &client,
            &username,
            &email,
            &full_name,
            &password_hash,
            &UserRole::from(role),
        )
        .one()
        .await?;
    Ok(user.into())
}

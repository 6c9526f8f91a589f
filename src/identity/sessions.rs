//! Sessions: log in (a password for tokens), refresh-token rotation with reuse detection, and
//! log out.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::users as q;
use deadpool_postgres::Pool;
use poem::Request;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::{self, BearerAuth, REFRESH_TOKEN_TTL, Role};
use crate::platform::db_errors::QueryError;
use crate::platform::problem::{ApiError, DATABASE_OR_HASHING_UNAVAILABLE, RATE_LIMITED};
use crate::platform::text::Text;

use super::Identity;

use super::users::User;

/// `POST /v1/users/login` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct Login {
    /// The username, in any letter case.
    #[oai(validator(max_length = 32))]
    pub username: Text,
    /// The password.
    #[oai(validator(max_length = 128))]
    pub password: Text,
}

/// `POST /v1/users/refresh` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct Refresh {
    /// The refresh token from the last login or refresh; it is used up by this call.
    #[oai(validator(max_length = 128))]
    pub refresh_token: Text,
}

/// Tokens for a session, and its user.
#[derive(Object, Debug)]
pub struct Tokens {
    /// Send as `Authorization: Bearer <access_token>`. Valid for 15 minutes.
    pub access_token: String,
    /// When the access token expires (RFC 3339, UTC).
    pub access_token_expires_at: DateTime<Utc>,
    /// Exchange at `POST /v1/users/refresh` for new tokens. Valid for 7 days, usable once.
    pub refresh_token: String,
    /// When the refresh token expires (RFC 3339, UTC).
    pub refresh_token_expires_at: DateTime<Utc>,
    pub user: User,
}

#[derive(ApiResponse)]
enum LogoutResponse {
    /// The session is revoked: its refresh token no longer works. Access tokens already issued
    /// stay valid until they expire (at most 15 minutes).
    #[oai(status = 204)]
    NoContent,
}

operation_errors! {
    LoginError(JsonBody) {
        401: "`invalid_credentials`: the username or password is wrong.",
        429: RATE_LIMITED,
        503: DATABASE_OR_HASHING_UNAVAILABLE,
    }
    RefreshError(JsonBody) {
        401: "`invalid_refresh_token`: the refresh token is unknown, expired, revoked or \
              already used.",
        429: RATE_LIMITED,
    }
    LogoutError(Bearer) {}
}

/// `/v1/users/login`, `/v1/users/refresh`, `/v1/users/logout`.
pub struct SessionsApi {
    /// The context: the limit on attempts.
    pub identity: Arc<Identity>,
}

#[OpenApi(prefix_path = "/v1/users", tag = "super::Tag::Users")]
impl SessionsApi {
    /// Log in
    ///
    /// Exchanges a username and password for an access token and a refresh token. A wrong
    /// password and an unknown username get the same answer, in the same time.
    #[oai(path = "/login", method = "post", operation_id = "login")]
    async fn login(
        &self,
        state: Data<&Arc<AppState>>,
        req: &Request,
        body: Json<Login>,
    ) -> Result<Json<Tokens>, LoginError> {
        self.identity.count_attempt(&state, req)?;
        self.identity.count_login(body.username.as_str())?;
        // No connection is held while the password is hashed: a flood of logins must not
        // take the pool from every other request.
        let credentials = q::find_credentials()
            .bind(&state.pool.get().await?, &body.username.as_str())
            .opt()
            .await?;
        let (user_id, hash) = match credentials {
            Some(row) => (Some(row.id), Some(row.password_hash)),
            None => (None, None),
        };
        let verified = state
            .passwords
            .verify(body.0.password.into_string(), hash)
            .await?;
        let Some(user_id) = user_id.filter(|_| verified) else {
            return Err(ApiError::unauthorized(
                "invalid_credentials",
                "the username or password is wrong",
            )
            .into());
        };
        let refresh_token = auth::new_refresh_token();
        let session = q::start_session()
            .bind(
                &state.pool.get().await?,
                &user_id,
                &auth::refresh_token_digest(&refresh_token),
                &REFRESH_TOKEN_TTL.as_secs_f64(),
            )
            .one()
            .await?;
        Ok(Json(tokens(&state, session, refresh_token)))
    }

    /// Refresh tokens
    ///
    /// Exchanges a refresh token for a new access token and a new refresh token. The old
    /// refresh token is revoked: each can be used once. Presenting a refresh token that was
    /// already used revokes its whole session (every token rotated from the same login), as
    /// it means the token was replayed (RFC 9700 §4.14.2).
    #[oai(path = "/refresh", method = "post", operation_id = "refresh")]
    async fn refresh(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<Refresh>,
    ) -> Result<Json<Tokens>, RefreshError> {
        let presented = auth::refresh_token_digest(&body.refresh_token);
        self.identity.count_refresh(&presented)?;
        let client = state.pool.get().await?;
        let refresh_token = auth::new_refresh_token();
        let rotated = q::rotate_session()
            .bind(
                &client,
                &presented,
                &auth::refresh_token_digest(&refresh_token),
                &REFRESH_TOKEN_TTL.as_secs_f64(),
            )
            .opt()
            .await?;
        let Some(session) = rotated else {
            let revoked = q::revoke_reused_family().bind(&client, &presented).await?;
            if revoked > 0 {
                tracing::warn!(
                    sessions = revoked,
                    "refresh token reused; revoked its family"
                );
            }
            return Err(ApiError::unauthorized(
                "invalid_refresh_token",
                "the refresh token is unknown, expired, revoked or already used",
            )
            .into());
        };
        Ok(Json(tokens(&state, session, refresh_token)))
    }

    /// Log out
    ///
    /// Revokes the session of the access token: its refresh token, however often it was
    /// rotated since, stops working.
    #[oai(path = "/logout", method = "post", operation_id = "logout")]
    async fn logout(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
    ) -> Result<LogoutResponse, LogoutError> {
        let caller = auth.0;
        let client = state.pool.get().await?;
        q::revoke_session()
            .bind(&client, &caller.session_id, &caller.user_id)
            .await?;
        Ok(LogoutResponse::NoContent)
    }
}

fn tokens(state: &AppState, session: q::UserSession, refresh_token: String) -> Tokens {
    let role = Role::from(session.role);
    let access = state
        .tokens
        .issue(session.user_id, role, session.session_id);
    Tokens {
        access_token: access.token,
        access_token_expires_at: access.expires_at,
        refresh_token,
        refresh_token_expires_at: session.session_expires_at,
        user: User {
            id: session.user_id,
            username: session.username,
            email: session.email,
            full_name: session.full_name,
            role,
            created_at: session.created_at,
        },
    }
}

/// Forgets sessions whose refresh token has expired, in batches, until none is left.
/// Revoked sessions stay until they expire, so that a replayed token is still recognised.
/// Returns how many were forgotten.
pub async fn purge_expired_sessions(pool: &Pool) -> Result<u64, QueryError> {
    const BATCH: i64 = 1000;
    let client = pool.get().await?;
    let mut purged = 0;
    loop {
        let deleted = q::purge_expired_sessions().bind(&client, &BATCH).await?;
        purged += deleted;
        if deleted < BATCH as u64 {
            return Ok(purged);
        }
    }
}

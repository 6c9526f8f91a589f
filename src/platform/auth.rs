//! Authentication and authorization: signed access tokens, refresh tokens, and the roles
//! that decide what a caller may do.
//!
//! - Access tokens are JWTs (RFC 7519) signed with HS256, valid for [`ACCESS_TOKEN_TTL`].
//!   They carry the user id and session id, so checking one needs no database trip. They
//!   also carry the role at issue time, which nothing trusts: a role is read from the
//!   database when it matters ([`AdminAuth`], [`StaffAuth`], [`Caller::current_role`]), so a
//!   demoted admin or a revoked session loses its rights at once.
//! - Refresh tokens are 256 random bits, base64url; only their SHA-256 digest is stored. Each
//!   use rotates it (the old one is revoked, a new one issued), valid for [`REFRESH_TOKEN_TTL`].
//! - Operations say who may call them by the extractor they take: [`BearerAuth`] (any
//!   signed-in user), [`StaffAuth`] or [`AdminAuth`]. The last two check the role in the
//!   database before the handler runs, and mark the operation for [`super::params::Declared`],
//!   which refuses to build a document in which such an operation does not declare its 403.

use std::sync::Arc;
use std::time::Duration;

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use codegen::types::UserRole;
use deadpool_postgres::Pool;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use poem::{Request, RequestBody};
use poem_openapi::registry::{MetaParamIn, MetaSchemaRef, Registry};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, Enum, ExtractParamOptions, SecurityScheme, auth::Bearer,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AppState;
use super::params::{Declaration, placeholder};
use super::problem::{ApiError, problem_response};
use super::random::random_bytes;

/// How long an access token is valid: 15 minutes.
pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);
/// How long a refresh token is valid: 7 days.
pub const REFRESH_TOKEN_TTL: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// A user's role. Admins manage the catalog; staff admit tickets at the door; integrations
/// accounts connect other systems.
#[derive(Enum, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Books tickets.
    Customer,
    /// Also manages movies, theaters and screenings.
    Admin,
    /// Checks tickets in and reads check-in counts; nothing else of an admin's.
    Staff,
    /// Reads the event feed and manages webhooks; nothing else of an admin's (who can also
    /// move money): the service account of a connected system.
    Integrations,
}

impl Role {
    /// The role as the API and the database name it: `customer`, `admin` or `staff`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Integrations => "integrations",
        }
    }
}

impl From<UserRole> for Role {
    fn from(role: UserRole) -> Self {
        match role {
            UserRole::Customer => Role::Customer,
            UserRole::Admin => Role::Admin,
            UserRole::Staff => Role::Staff,
            UserRole::Integrations => Role::Integrations,
        }
    }
}

impl From<Role> for UserRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Customer => UserRole::Customer,
            Role::Admin => UserRole::Admin,
            Role::Staff => UserRole::Staff,
            Role::Integrations => UserRole::Integrations,
        }
    }
}

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Claims {
    /// The user id, as a string (RFC 7519 §4.1.2).
    sub: String,
    /// The user's role when the token was issued: informative only, never trusted.
    role: Role,
    /// The session (refresh-token chain) the token belongs to.
    sid: i64,
    /// Issued at, seconds since the Unix epoch.
    iat: i64,
    /// Expires at, seconds since the Unix epoch.
    exp: i64,
}

/// Who is calling, from a verified access token.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// The user's id.
    pub user_id: i64,
    /// The session the token was issued for (logout revokes it).
    pub session_id: i64,
}

/// How long after its session ended (logout, a replayed refresh token) an access token still
/// works for operations that check the role: 30 seconds, for requests already under way.
/// Other operations trust the token until it expires (at most [`ACCESS_TOKEN_TTL`]).
pub const REVOKED_SESSION_GRACE: Duration = Duration::from_secs(30);

impl Caller {
    /// The caller's role as the database says it is now: the user exists, the session of
    /// the token is alive (or ended less than [`REVOKED_SESSION_GRACE`] ago). A token signed
    /// with a leaked secret names a user and a session that must exist, and a demoted admin
    /// or a revoked session loses the role at once.
    ///
    /// Errors: 401 `unauthorized` (no such user or session, or it has ended).
    pub async fn current_role(&self, pool: &Pool) -> Result<Role, ApiError> {
        let role = codegen::queries::auth::caller_role()
            .bind(
                &pool.get().await?,
                &self.session_id,
                &self.user_id,
                &REVOKED_SESSION_GRACE.as_secs_f64(),
            )
            .opt()
            .await?;
        role.map(Role::from).ok_or_else(|| {
            ApiError::unauthorized(
                "unauthorized",
                "the session of this access token has ended; log in again",
            )
        })
    }

    /// Whether the database says, now, that the caller is an admin ([`Caller::current_role`]).
    ///
    /// Errors: 401 `unauthorized`.
    pub async fn is_admin_now(&self, pool: &Pool) -> Result<bool, ApiError> {
        Ok(self.current_role(pool).await? == Role::Admin)
    }
}

// The document's bearer token scheme (its doc comment is the scheme's description).
// Operations take it through `BearerAuth`, `StaffAuth` or `AdminAuth`.
/// A bearer access token from `POST /v1/users/login` or `/v1/users/refresh`.
#[derive(SecurityScheme)]
#[oai(
    rename = "BearerAuth",
    ty = "bearer",
    bearer_format = "JWT",
    checker = "check_bearer_token"
)]
struct BearerToken(Caller);

async fn check_bearer_token(req: &Request, bearer: Bearer) -> poem::Result<Caller> {
    let keys = req
        .data::<Arc<TokenKeys>>()
        .expect("the token keys are attached to every route");
    keys.verify(&bearer.token).ok_or_else(|| {
        poem::Error::from_string(
            "the access token is missing, malformed or expired",
            poem::http::StatusCode::UNAUTHORIZED,
        )
    })
}

/// A signed-in caller: a valid bearer access token (401 without one).
pub struct BearerAuth(pub Caller);

/// A caller the database says is an admin now: 401 without a valid token or session, 403 for
/// any other role. Its operation must declare the `Admin` input (checked when the document
/// is built).
pub struct AdminAuth(pub Caller);

/// A caller the database says is staff or an admin now: 401 without a valid token or
/// session, 403 for a customer. Its operation must declare the `Staff` input (checked when
/// the document is built).
pub struct StaffAuth(pub Caller);

/// A caller the database says is an integrations account or an admin now: 401 without a
/// valid token or session, 403 for other roles. Its operation must declare the
/// `Integrations` input (checked when the document is built).
pub struct IntegrationsAuth(pub Caller);

/// Implements [`ApiExtractor`] for a wrapper of [`BearerToken`]: the same security scheme in
/// the document, and, with `$declaration`, a placeholder parameter that tells
/// [`super::params::Declared`] which roles the operation admits: `$allowed` (any signed-in
/// user when empty), named `$named` in a 403.
macro_rules! bearer_extractor {
    ($name:ident, $declaration:expr, $allowed:expr, $named:expr) => {
        impl<'a> ApiExtractor<'a> for $name {
            const TYPES: &'static [ApiExtractorType] = &[
                ApiExtractorType::SecurityScheme,
                ApiExtractorType::Parameter,
            ];
            type ParamType = ();
            type ParamRawType = ();

            fn register(registry: &mut Registry) {
                <BearerToken as ApiExtractor<'a>>::register(registry);
            }

            fn security_schemes() -> Vec<&'static str> {
                <BearerToken as ApiExtractor<'a>>::security_schemes()
            }

            fn param_in() -> Option<MetaParamIn> {
                Some(MetaParamIn::Header)
            }

            fn param_schema_ref() -> Option<MetaSchemaRef> {
                Some(placeholder($declaration))
            }

            async fn from_request(
                request: &'a Request,
                body: &mut RequestBody,
                _param_opts: ExtractParamOptions<()>,
            ) -> poem::Result<Self> {
                let BearerToken(caller) =
                    BearerToken::from_request(request, body, ExtractParamOptions::default())
                        .await?;
                let allowed: &[Role] = $allowed;
                if !allowed.is_empty() {
                    let state = request
                        .data::<Arc<AppState>>()
                        .expect("the state is attached to every route");
                    let role = caller.current_role(&state.pool).await.map_err(refusal)?;
                    if !allowed.contains(&role) {
                        return Err(refusal(ApiError::forbidden(concat!(
                            "this operation needs the ",
                            $named,
                            " role"
                        ))));
                    }
                }
                Ok($name(caller))
            }
        }
    };
}

bearer_extractor!(BearerAuth, Declaration::Bearer, &[], "");
bearer_extractor!(
    StaffAuth,
    Declaration::Staff,
    &[Role::Staff, Role::Admin],
    "staff or admin"
);
bearer_extractor!(AdminAuth, Declaration::Admin, &[Role::Admin], "admin");
bearer_extractor!(
    IntegrationsAuth,
    Declaration::Integrations,
    &[Role::Integrations, Role::Admin],
    "integrations or admin"
);

/// An extractor's refusal as a response: its problem details, as the operation declares them.
fn refusal(err: ApiError) -> poem::Error {
    let problem = err.into_problem();
    let mut error = poem::Error::from_response(problem_response(&problem));
    error.set_error_message(problem.detail);
    error
}

/// Signs and verifies access tokens with one HMAC secret.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

/// An access token and when it expires.
pub struct AccessToken {
    /// The compact JWT.
    pub token: String,
    /// Its expiry.
    pub expires_at: DateTime<Utc>,
}

impl TokenKeys {
    /// Keys for an HMAC secret (at least 32 bytes are recommended for HS256, RFC 7518 §3.2).
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Issues an access token for a user's session, valid for [`ACCESS_TOKEN_TTL`].
    pub fn issue(&self, user_id: i64, role: Role, session_id: i64) -> AccessToken {
        let now = Utc::now();
        let expires_at = now + ACCESS_TOKEN_TTL;
        let claims = Claims {
            sub: user_id.to_string(),
            role,
            sid: session_id,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail");
        AccessToken { token, expires_at }
    }

    /// The caller of a valid, unexpired token; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<Caller> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        Some(Caller {
            user_id: data.claims.sub.parse().ok()?,
            session_id: data.claims.sid,
        })
    }
}

/// A new refresh token: 256 random bits, base64url without padding.
pub fn new_refresh_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// The digest stored for a refresh token (SHA-256 of its text).
pub fn refresh_token_digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_own_secret_only() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let issued = keys.issue(42, Role::Admin, 7);
        let caller = keys.verify(&issued.token).expect("valid");
        assert_eq!((caller.user_id, caller.session_id), (42, 7));
        let other = TokenKeys::new(b"another secret of at least 32 bytes!");
        assert!(other.verify(&issued.token).is_none());
        assert!(keys.verify("garbage").is_none());
        let expires_in = issued.expires_at - Utc::now();
        assert!(expires_in <= chrono::Duration::minutes(15));
        assert!(expires_in > chrono::Duration::minutes(14));
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let past = Utc::now().timestamp() - 3600;
        let claims = Claims {
            sub: "1".into(),
            role: Role::Customer,
            sid: 1,
            iat: past - 900,
            exp: past,
        };
        let token =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap();
        assert!(keys.verify(&token).is_none());
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_as_sha256() {
        let (a, b) = (new_refresh_token(), new_refresh_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "256 bits in unpadded base64url");
        assert_eq!(refresh_token_digest(&a).len(), 32);
        assert_eq!(refresh_token_digest(&a), refresh_token_digest(&a));
    }
}

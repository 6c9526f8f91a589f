//! Authentication and authorization: argon2id password hashes, signed access tokens, refresh
//! tokens, and the roles that decide what a caller may do.
//!
//! - Passwords are stored as argon2id PHC strings with the `argon2` crate's defaults
//!   (m = 19 MiB, t = 2, p = 1: the first OWASP Password Storage Cheat Sheet recommendation).
//!   Hashing runs on threads of its own, one per core ([`Passwords`]), so logins never stall
//!   the request workers.
//! - Access tokens are JWTs (RFC 7519) signed with HS256, valid for [`ACCESS_TOKEN_TTL`].
//!   They carry the user id, role and session id, so checking one needs no database trip.
//! - Refresh tokens are 256 random bits, base64url; only their SHA-256 digest is stored. Each
//!   use rotates it (the old one is revoked, a new one issued), valid for [`REFRESH_TOKEN_TTL`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use argon2::{
    Argon2, PasswordHash, PasswordHasher as _, PasswordVerifier as _,
    password_hash::{SaltString, rand_core::OsRng},
};
use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use codegen::types::UserRole;
use deadpool_postgres::Pool;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use poem::Request;
use poem::http::StatusCode;
use poem_openapi::{Enum, SecurityScheme, auth::Bearer};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::problem::{ApiError, Problem};
use super::random::random_bytes;

/// How long an access token is valid: 15 minutes.
pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);
/// How long a refresh token is valid: 7 days.
pub const REFRESH_TOKEN_TTL: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// A user's role. Admins manage the catalog; staff admit tickets at the door.
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
}

impl From<UserRole> for Role {
    fn from(role: UserRole) -> Self {
        match role {
            UserRole::Customer => Role::Customer,
            UserRole::Admin => Role::Admin,
            UserRole::Staff => Role::Staff,
        }
    }
}

impl From<Role> for UserRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Customer => UserRole::Customer,
            Role::Admin => UserRole::Admin,
            Role::Staff => UserRole::Staff,
        }
    }
}

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Claims {
    /// The user id, as a string (RFC 7519 §4.1.2).
    sub: String,
    /// The user's role when the token was issued.
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
    /// The user's role when the token was issued.
    pub role: Role,
    /// The session the token was issued for (logout revokes it).
    pub session_id: i64,
}

/// How long after its session ended (logout, a replayed refresh token) an access token still
/// works for admin operations: 30 seconds, for requests already under way. Other operations
/// trust the token until it expires (at most [`ACCESS_TOKEN_TTL`]).
pub const REVOKED_SESSION_GRACE: Duration = Duration::from_secs(30);

impl Caller {
    /// Whether the token says the caller is an admin. Enough to widen what a caller may read
    /// of their own (an admin sees any order); operations that change what others see use
    /// [`Caller::require_admin`].
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Ok when the database says, now, that the caller is an admin: the user exists, the
    /// session of the token is alive (or ended less than [`REVOKED_SESSION_GRACE`] ago), and
    /// its role is admin. A token signed with a leaked secret names a user and a session that
    /// must exist, and a demoted admin or a revoked session loses the role at once.
    ///
    /// Errors: 401 `unauthorized` (no such user or session, or it has ended), 403
    /// `forbidden` (not an admin).
    pub async fn require_admin(&self, pool: &Pool) -> Result<(), ApiError> {
        self.require_role(pool, &[Role::Admin], "the admin role")
            .await
    }

    /// Ok when the database says, now, that the caller is staff or an admin, checked as
    /// [`Caller::require_admin`] checks admins.
    ///
    /// Errors: 401 `unauthorized`, 403 `forbidden` (a customer).
    pub async fn require_staff(&self, pool: &Pool) -> Result<(), ApiError> {
        self.require_role(pool, &[Role::Staff, Role::Admin], "the staff or admin role")
            .await
    }

    async fn require_role(
        &self,
        pool: &Pool,
        allowed: &[Role],
        what: &str,
    ) -> Result<(), ApiError> {
        let role = codegen::queries::auth::caller_role()
            .bind(
                &pool.get().await?,
                &self.session_id,
                &self.user_id,
                &REVOKED_SESSION_GRACE.as_secs_f64(),
            )
            .opt()
            .await?;
        match role.map(Role::from) {
            Some(role) if allowed.contains(&role) => Ok(()),
            Some(_) => Err(ApiError::forbidden(format!("this operation needs {what}"))),
            None => Err(ApiError::unauthorized(
                "unauthorized",
                "the session of this access token has ended; log in again",
            )),
        }
    }
}

/// A bearer access token from `POST /v1/users/login` or `/v1/users/refresh`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "JWT", checker = "check_bearer_token")]
pub struct BearerAuth(pub Caller);

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
            role: data.claims.role,
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

/// A valid argon2id PHC string with the same parameters as real hashes. Verified when the user
/// does not exist, so an unknown username costs the same as a wrong password; the password it
/// was made from does not matter, since an unknown user is refused whatever it matches.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$YQ3ayoLn3m4ISwN0U6BClQ$\
                          hIsIKBr49OVU12b3byqVyRybelC4reXOirmiYhpG6Pw";

type HashJob = Box<dyn FnOnce() + Send>;

/// Password hashing on its own threads, one per core, fed by a bounded queue.
///
/// argon2 is CPU-bound on purpose (and needs 19 MiB per hash): on the async workers it would
/// stall every other request, and on tokio's blocking pool each burst of logins would spread
/// over new threads whose allocator arenas keep their 19 MiB blocks. Here the work never
/// leaves these threads, so at most one hash per core runs at a time, and memory stays at
/// one block per thread (see BENCHMARKS.md).
///
/// The queue is bounded: when it is full, a request is refused at once with 503 `overloaded`
/// rather than waiting behind a flood, and a queued job whose caller has gone (the client
/// disconnected, the request timed out) is skipped rather than hashed for no one.
pub struct Passwords {
    queue: std::sync::mpsc::SyncSender<HashJob>,
    /// How many argon2 verifications ran (for tests and metrics).
    verifications: Arc<AtomicU64>,
    /// How many queued jobs were skipped because their caller had gone.
    skipped: Arc<AtomicU64>,
}

impl Passwords {
    /// Starts one hashing thread per core, with room for `queue_size` waiting jobs.
    pub fn new(queue_size: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::with_threads(cores, queue_size)
    }

    /// Starts `threads` hashing threads with room for `queue_size` waiting jobs.
    pub fn with_threads(threads: usize, queue_size: usize) -> Self {
        let (queue, jobs) = std::sync::mpsc::sync_channel::<HashJob>(queue_size);
        let jobs = Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..threads {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only to take a job, not while it runs.
                        let job = match jobs.lock().map(|jobs| jobs.recv()) {
                            Ok(Ok(job)) => job,
                            _ => return,
                        };
                        job();
                    }
                })
                .expect("a password hashing thread starts");
        }
        Passwords {
            queue,
            verifications: Arc::default(),
            skipped: Arc::default(),
        }
    }

    /// Runs `work` on a hashing thread and waits for its result.
    ///
    /// Errors: 503 `overloaded` (with `Retry-After`) when the queue is full.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let (reply, result) = tokio::sync::oneshot::channel();
        let skipped = self.skipped.clone();
        let job: HashJob = Box::new(move || {
            if reply.is_closed() {
                skipped.fetch_add(1, Ordering::Relaxed);
                return;
            }
            let _ = reply.send(work());
        });
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(std::sync::mpsc::TrySendError::Full(_)) => {
                return Err(ApiError::Problem(
                    Problem::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "overloaded",
                        "too many logins and registrations are waiting; retry shortly",
                    )
                    .retry_after(1),
                ));
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
                return Err(ApiError::Internal(
                    "the password hashing threads are gone".into(),
                ));
            }
        }
        result
            .await
            .map_err(|_| ApiError::Internal("a password hashing job was dropped".into()))
    }

    /// The argon2id PHC string of a password.
    ///
    /// Errors: 503 `overloaded`.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        self.run(move || hash_blocking(&password)).await
    }

    /// Whether `password` matches `hash`; with no hash (unknown user) checks a decoy and
    /// answers false, taking the same time.
    ///
    /// Errors: 503 `overloaded`.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ApiError> {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| DECOY_HASH.to_owned());
        let verifications = self.verifications.clone();
        let matches = self
            .run(move || {
                verifications.fetch_add(1, Ordering::Relaxed);
                PasswordHash::new(&hash).is_ok_and(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
            })
            .await?;
        Ok(known && matches)
    }

    /// How many argon2 verifications have run, decoys included.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// How many queued jobs were skipped because their caller had gone.
    pub fn skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }
}

fn hash_blocking(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_own_secret_only() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let issued = keys.issue(42, Role::Admin, 7);
        let caller = keys.verify(&issued.token).expect("valid");
        assert_eq!(
            (caller.user_id, caller.role, caller.session_id),
            (42, Role::Admin, 7)
        );
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

    #[test]
    fn the_decoy_has_the_parameters_of_real_hashes() {
        let decoy = PasswordHash::new(DECOY_HASH).expect("a PHC string");
        let real_hash = hash_blocking("anything");
        let real = PasswordHash::new(&real_hash).unwrap();
        assert_eq!(decoy.algorithm, real.algorithm);
        assert_eq!(decoy.version, real.version);
        assert_eq!(decoy.params, real.params, "same cost, so the same time");
    }

    #[tokio::test]
    async fn passwords_verify_against_their_hash_only() {
        let passwords = Passwords::new(8);
        let hash = passwords.hash("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            passwords
                .verify("correct horse".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("wrong horse".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("correct horse".into(), None)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_an_abandoned_job_is_skipped() {
        let passwords = Arc::new(Passwords::with_threads(1, 1));
        // Hold the one thread until told to go on.
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let (started, is_started) = tokio::sync::oneshot::channel::<()>();
        let holder = passwords.clone();
        let blocking = tokio::spawn(async move {
            holder
                .run(move || {
                    let _ = started.send(());
                    let _ = wait.recv();
                })
                .await
        });
        is_started.await.unwrap();
        // One job fits in the queue; its caller gives up before it runs.
        let abandoned = tokio::time::timeout(
            Duration::from_millis(50),
            passwords.verify("whatever".into(), None),
        )
        .await;
        assert!(abandoned.is_err(), "it waits behind the blocked thread");
        // It still takes the queue's one place: the next job is refused at once.
        let refused = passwords.hash("correct horse".into()).await.unwrap_err();
        let problem = refused.into_problem();
        assert_eq!((problem.status, problem.code.as_str()), (503, "overloaded"));
        assert_eq!(problem.retry_after, Some(1));
        go.send(()).unwrap();
        blocking.await.unwrap().unwrap();
        // The thread takes the abandoned job next and skips it; then there is room again.
        for _ in 0..500 {
            if passwords.skipped() == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        assert_eq!(
            passwords.skipped(),
            1,
            "the abandoned verification was not run"
        );
        assert_eq!(passwords.verifications(), 0);
        let hash = passwords.hash("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
    }
}

//! Identity: users and their sessions (register, log in, refresh, log out). Roles and tokens
//! themselves are the platform's ([`crate::platform::auth`]), since every context checks them.

use std::net::IpAddr;
use std::sync::Arc;

use poem::Request;
use poem::http::StatusCode;

use crate::platform::AppState;
use crate::platform::db_errors::ConstraintProblem;
use crate::platform::problem::ApiError;
use crate::platform::ratelimit::KeyedLimit;

pub mod sessions;
pub mod users;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Registration, login, tokens and the caller's profile.
    Users,
}

/// What identity works with besides the shared state: the limits on attempts. Each replica
/// counts on its own (memory), so with N replicas a client gets N times each limit; they
/// bound a flood's cost, and password guessing is bounded by argon2 and the per-username
/// limit together.
pub struct Identity {
    /// Logins and registrations per client address (AUTH_RATE_LIMIT).
    pub auth_limit: KeyedLimit<IpAddr>,
    /// Logins per username, from whatever addresses (LOGIN_RATE_LIMIT_PER_USERNAME): a
    /// proxy pool gets this many guesses a minute at one account, not so many per address.
    pub username_limit: KeyedLimit<String>,
    /// Refreshes per refresh token ([`REFRESHES_PER_MINUTE`]). A refresh proves a 256-bit
    /// secret, so it is not counted per address: behind a proxy that hides addresses, an
    /// attacker's bad logins must not stop signed-in users from refreshing.
    pub refresh_limit: KeyedLimit<Vec<u8>>,
}

/// Refreshes a minute of one refresh token: a client retrying a lost answer, never a loop.
pub const REFRESHES_PER_MINUTE: u32 = 10;

impl Identity {
    /// Counts a login or registration of the request's client (its address, as `state`
    /// tells it).
    ///
    /// Errors: 429 `rate_limited`.
    pub fn count_attempt(&self, state: &AppState, req: &Request) -> Result<(), ApiError> {
        self.auth_limit.check(&state.clients.of(req))
    }

    /// Counts a login attempt at `username`, whatever its case (logins compare usernames
    /// case-insensitively, so `Ana` and `ANA` are one account and one bucket).
    ///
    /// Errors: 429 `rate_limited`, with the seconds until the next attempt is allowed
    /// (seconds, not a lockout: an attacker can slow a victim's logins while the attack
    /// lasts, never lock the account).
    pub fn count_login(&self, username: &str) -> Result<(), ApiError> {
        self.username_limit.check_saying(
            &username.to_ascii_lowercase(),
            "too many login attempts for this username; retry after the time Retry-After gives",
        )
    }

    /// Counts a refresh with the refresh token whose digest is `digest`.
    ///
    /// Errors: 429 `rate_limited`.
    pub fn count_refresh(&self, digest: &[u8]) -> Result<(), ApiError> {
        self.refresh_limit.check_saying(
            &digest.to_vec(),
            "too many refreshes of this token; retry after the time Retry-After gives",
        )
    }

    /// The context, allowing `auth_per_minute` logins and registrations a minute per client
    /// address and `logins_per_username` logins a minute per username (0: no limit).
    pub fn new(auth_per_minute: u32, logins_per_username: u32) -> Arc<Self> {
        Arc::new(Identity {
            auth_limit: KeyedLimit::per_minute(auth_per_minute),
            username_limit: KeyedLimit::per_minute(logins_per_username),
            refresh_limit: KeyedLimit::per_minute(REFRESHES_PER_MINUTE),
        })
    }

    /// Forgets the buckets that are full again (the housekeeping job).
    pub fn forget_idle(&self) {
        self.auth_limit.forget_idle();
        self.username_limit.forget_idle();
        self.refresh_limit.forget_idle();
    }
}

/// The constraints of this context whose violations are the client's doing.
pub const CONSTRAINT_PROBLEMS: &[ConstraintProblem] = &[
    ConstraintProblem {
        constraint: "users_username_key",
        status: StatusCode::CONFLICT,
        code: "username_taken",
        detail: "that username is taken",
    },
    ConstraintProblem {
        constraint: "users_email_key",
        status: StatusCode::CONFLICT,
        code: "email_taken",
        detail: "that email address is already registered",
    },
];

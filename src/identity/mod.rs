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

/// What identity works with besides the shared state: the limit on logins, registrations and
/// token refreshes per client address (AUTH_RATE_LIMIT).
pub struct Identity {
    /// Attempts per client address.
    pub auth_limit: KeyedLimit<IpAddr>,
}

impl Identity {
    /// Counts a login, registration or refresh of the request's client (its address, as
    /// `state` tells it).
    ///
    /// Errors: 429 `rate_limited`.
    pub fn count_attempt(&self, state: &AppState, req: &Request) -> Result<(), ApiError> {
        self.auth_limit.check(&state.clients.of(req))
    }

    /// The context, allowing `auth_per_minute` attempts a minute per client address (0: no
    /// limit).
    pub fn new(auth_per_minute: u32) -> Arc<Self> {
        Arc::new(Identity {
            auth_limit: KeyedLimit::per_minute(auth_per_minute),
        })
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

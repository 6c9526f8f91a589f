//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! Handlers return [`ApiError`]; each operation declares the errors it can answer as an
//! [`ErrorSet`] made by [`operation_errors!`](crate::operation_errors), from what it reads from
//! the request ([`Input`]) and its own codes, so the OpenAPI document lists every error of every
//! operation and says the common ones once. Database errors become API errors in
//! [`super::db_errors`].

use poem::Response;
use poem::http::{StatusCode, header};
use poem_openapi::Object;
use poem_openapi::registry::{
    MetaHeader, MetaMediaType, MetaResponse, MetaResponses, MetaSchema, MetaSchemaRef,
};
use poem_openapi::types::{ToJSON, Type};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Problem details of an error (RFC 9457), with a stable machine-readable `code`.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A URI identifying the problem type: `urn:boxoffice:problem:<code>`.
    #[oai(rename = "type")]
    pub problem_type: String,
    /// A short summary of the problem type (the HTTP reason phrase).
    pub title: String,
    /// The HTTP status code of this response.
    pub status: u16,
    /// What went wrong in this occurrence, for a human reader.
    pub detail: String,
    /// A stable snake_case identifier of the problem, for programs (`not_enough_seats`, …).
    pub code: String,
    /// Seconds after which a retry may succeed, sent as the `Retry-After` header (429, 503).
    #[oai(skip)]
    pub retry_after: Option<u32>,
}

impl Problem {
    /// A problem with the given status, stable code and human-readable detail.
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        Problem {
            problem_type: format!("urn:boxoffice:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            code: code.to_owned(),
            retry_after: None,
        }
    }

    /// The same problem, telling the client to retry after `seconds`.
    pub fn retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// 503 `database_unavailable`: the database cannot be reached (it is restarting, failing
    /// over, or the pool timed out waiting for a connection). Retry after a second.
    pub fn database_unavailable() -> Self {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "database_unavailable",
            "the database is unavailable; retry shortly",
        )
        .retry_after(1)
    }

    /// The generic problem for a status that carries no specific code (parse errors, unknown
    /// routes, oversized bodies, …). `detail` is the framework's message.
    pub fn for_status(status: StatusCode, detail: impl Into<String>) -> Self {
        let code = match status {
            StatusCode::BAD_REQUEST => "invalid_request",
            StatusCode::UNAUTHORIZED => "unauthorized",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
            StatusCode::NOT_ACCEPTABLE => "not_acceptable",
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::SERVICE_UNAVAILABLE => "service_unavailable",
            s if s.is_server_error() => "internal_error",
            _ => "error",
        };
        Problem::new(status, code, detail)
    }

    /// The body of every 500: internal causes are logged, never sent.
    pub fn internal() -> Self {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the server failed to handle the request; it has been logged",
        )
    }
}

/// Why a request failed. Converted into the operation's declared error responses.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A failure the client can act on, decided by our code, answered as it is.
    #[error("{} {}: {}", .0.status, .0.code, .0.detail)]
    Problem(Problem),
    /// A failure the client can act on, reported by a constraint of the database (see
    /// [`super::db_errors::ConstraintProblem`]). The statement failed, so its transaction is
    /// aborted.
    #[error("{} {}: {}", .0.status, .0.code, .0.detail)]
    Constraint(Problem),
    /// A database error that no listed constraint explains.
    #[error("database error")]
    Database(#[source] tokio_postgres::Error),
    /// No pooled connection could be had for a reason other than the database being away
    /// (a misconfigured pool).
    #[error("database pool")]
    Pool(#[source] deadpool_postgres::PoolError),
    /// The database cannot be reached, or the connection to it was lost: answered 503
    /// `database_unavailable` with `Retry-After`, since the same request may succeed soon.
    #[error("database unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Anything else that is the server's fault.
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    /// 400 with a stable code, for input that parses but breaks a rule.
    pub fn bad_request(code: &str, detail: impl Into<String>) -> Self {
        ApiError::Problem(Problem::new(StatusCode::BAD_REQUEST, code, detail))
    }
    /// 401: the credentials or the token are not acceptable.
    pub fn unauthorized(code: &str, detail: impl Into<String>) -> Self {
        ApiError::Problem(Problem::new(StatusCode::UNAUTHORIZED, code, detail))
    }
    /// 403: authenticated, but the role does not allow it.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::Problem(Problem::new(StatusCode::FORBIDDEN, "forbidden", detail))
    }
    /// 404: no such resource, or one the caller may not see.
    pub fn not_found(code: &str, detail: impl Into<String>) -> Self {
        ApiError::Problem(Problem::new(StatusCode::NOT_FOUND, code, detail))
    }
    /// 409: the request conflicts with the current state.
    pub fn conflict(code: &str, detail: impl Into<String>) -> Self {
        ApiError::Problem(Problem::new(StatusCode::CONFLICT, code, detail))
    }
    /// 422: well-formed, but refers to something that does not exist or cannot be used.
    pub fn unprocessable(code: &str, detail: impl Into<String>) -> Self {
        ApiError::Problem(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail))
    }

    /// The problem body sent for this error. Server-side causes are logged here, with their
    /// chain, and replaced by a generic 500.
    pub fn into_problem(self) -> Problem {
        match self {
            ApiError::Problem(problem) | ApiError::Constraint(problem) => problem,
            ApiError::Unavailable(err) => {
                tracing::warn!(error = %error_chain(&*err), "database unavailable");
                Problem::database_unavailable()
            }
            other => {
                tracing::error!(error = %error_chain(&other), "request failed");
                Problem::internal()
            }
        }
    }
}

/// An error and its sources, joined with ": ", for logs.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

/// What an operation reads from the request. Each brings the errors that reading or checking
/// it can answer, so an operation declares them by naming its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// An integer id in the path: 400 when it is not one.
    Path,
    /// Query parameters: 400 when one is malformed or out of range.
    Query,
    /// A JSON body: 400 when it is malformed, has unknown fields or a value out of range;
    /// 413 over 64 KiB; 415 when it is missing or not JSON.
    JsonBody,
    /// A bearer access token: 401 without a valid one.
    Bearer,
    /// A bearer access token of an admin: 401 without a valid one, 403 for other roles.
    Admin,
    /// A bearer access token of staff or an admin: 401 without a valid one, 403 for other
    /// roles.
    Staff,
    /// A bearer access token of an integrations account or an admin: 401 without a valid
    /// one, 403 for other roles.
    Integrations,
}

const BAD_PATH: &str = "`invalid_request`: the id is not an integer.";
const BAD_QUERY: &str = "`invalid_request`: a query parameter is malformed or out of range.";
const BAD_PATH_OR_QUERY: &str =
    "`invalid_request`: the id or a query parameter is malformed or out of range.";
const BAD_BODY: &str = "`invalid_request`: malformed JSON, unknown fields or a value out of range.";
const TOO_LARGE: &str = "`payload_too_large`: the body is over 64 KiB.";
const NOT_JSON: &str = "`unsupported_media_type`: the body is missing or not `application/json`.";
/// The 401 response of an operation a caller's extractor guards.
pub const NO_TOKEN: &str = "`unauthorized`: no valid bearer token.";
/// The 403 (admin) response of an operation a caller's extractor guards.
pub const NOT_ADMIN: &str = "`forbidden`: the caller is not an admin.";
/// The 403 (staff) response of an operation a caller's extractor guards.
pub const NOT_STAFF: &str = "`forbidden`: the caller is neither staff nor an admin.";
/// The 403 (integrations) response of an operation a caller's extractor guards.
pub const NOT_INTEGRATIONS: &str =
    "`forbidden`: the caller is neither an integrations account nor an admin.";
const INTERNAL: &str = "`internal_error`: the server failed; the cause is in its log.";
/// The 429 of a rate-limited operation.
pub const RATE_LIMITED: &str =
    "`rate_limited`: too many requests from this client; retry after `Retry-After` seconds.";
/// The 503 of an operation that hashes a password.
pub const DATABASE_OR_HASHING_UNAVAILABLE: &str = "`database_unavailable` (the database cannot be reached right now) or `overloaded` (too \
     many password checks are waiting); retry after `Retry-After` seconds.";
const UNAVAILABLE: &str = "`database_unavailable`: the database cannot be reached right now; retry after `Retry-After` \
     seconds.";

/// The error responses of one operation: those its [`Input`]s bring, and its own. Declare it
/// with [`operation_errors!`](crate::operation_errors).
pub trait ErrorSet: Send + Sync + 'static {
    /// What the operation reads from the request.
    const INPUTS: &'static [Input];
    /// The operation's own errors: (status, description naming the codes). A status an
    /// input brings too is described here instead.
    const OWN: &'static [(u16, &'static str)];

    /// Every declared error response, by status, 500 and 503 included.
    fn responses() -> Vec<(u16, &'static str)> {
        let has = |input| Self::INPUTS.contains(&input);
        let mut responses: Vec<(u16, &'static str)> = Vec::new();
        let bad_request = if has(Input::JsonBody) {
            Some(BAD_BODY)
        } else {
            match (has(Input::Path), has(Input::Query)) {
                (true, true) => Some(BAD_PATH_OR_QUERY),
                (true, false) => Some(BAD_PATH),
                (false, true) => Some(BAD_QUERY),
                (false, false) => None,
            }
        };
        responses.extend(bad_request.map(|d| (400, d)));
        if [
            Input::Bearer,
            Input::Admin,
            Input::Staff,
            Input::Integrations,
        ]
        .into_iter()
        .any(has)
        {
            responses.push((401, NO_TOKEN));
        }
        if has(Input::Admin) {
            responses.push((403, NOT_ADMIN));
        }
        if has(Input::Staff) {
            responses.push((403, NOT_STAFF));
        }
        if has(Input::Integrations) {
            responses.push((403, NOT_INTEGRATIONS));
        }
        if has(Input::JsonBody) {
            responses.extend([(413, TOO_LARGE), (415, NOT_JSON)]);
        }
        for &(status, description) in Self::OWN {
            responses.retain(|(s, _)| *s != status);
            responses.push((status, description));
        }
        // Every operation reads the database: 500 and 503, unless it describes them itself.
        for (status, description) in [(500, INTERNAL), (503, UNAVAILABLE)] {
            if !responses.iter().any(|(s, _)| *s == status) {
                responses.push((status, description));
            }
        }
        responses.sort_by_key(|(status, _)| *status);
        responses
    }

    /// Whether the operation declares `status`.
    fn declares(status: u16) -> bool {
        Self::responses().iter().any(|(s, _)| *s == status)
    }
}

/// The problem an operation answers for `err`: its own when the operation (`S`) declares its
/// status, else a 500. An undeclared status is a bug: it is logged, so the document never
/// lies about what an operation returns.
pub fn declared_problem<S: ErrorSet>(err: ApiError) -> Problem {
    let problem = err.into_problem();
    if S::declares(problem.status) {
        return problem;
    }
    tracing::error!(
        status = problem.status,
        code = %problem.code,
        operation_errors = std::any::type_name::<S>(),
        "error status not declared on the operation",
    );
    Problem::internal()
}

/// A problem as an HTTP response: its status, `application/problem+json`, and `Retry-After`
/// when it says when to retry.
pub fn problem_response(problem: &Problem) -> Response {
    let body = serde_json::to_vec(&problem.to_json()).unwrap_or_default();
    let mut response = Response::builder()
        .status(StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .content_type(PROBLEM_JSON);
    if let Some(seconds) = problem.retry_after {
        response = response.header(header::RETRY_AFTER, seconds);
    }
    response.body(body)
}

/// The `Retry-After` header as the document declares it on 429 and 503 answers.
fn retry_after_header() -> MetaHeader {
    MetaHeader {
        name: "Retry-After".into(),
        description: Some("Seconds to wait before retrying (RFC 9110 §10.2.3).".into()),
        required: true,
        deprecated: false,
        schema: MetaSchemaRef::Inline(Box::new(MetaSchema {
            format: Some("int32"),
            minimum: Some(0.0),
            ..MetaSchema::new("integer")
        })),
    }
}

/// The OpenAPI responses of an [`ErrorSet`]: one problem-details response per status.
pub fn error_meta<S: ErrorSet>() -> MetaResponses {
    let responses = S::responses()
        .into_iter()
        .map(|(status, description)| MetaResponse {
            description,
            status: Some(status),
            status_range: None,
            content: vec![MetaMediaType {
                content_type: PROBLEM_JSON,
                schema: Problem::schema_ref(),
            }],
            headers: match status {
                429 | 503 => vec![retry_after_header()],
                _ => vec![],
            },
        })
        .collect();
    MetaResponses { responses }
}

/// Declares the errors of operations: for each, a type named after the operation that
/// handlers return (`Result<_, CreateBookingError>`), an [`ErrorSet`] of its inputs (the
/// standard errors they bring) and its own statuses, each described by the codes it carries.
///
/// ```ignore
/// operation_errors! {
///     /// `POST /v1/bookings`.
///     pub CreateBookingError(JsonBody, Bearer) {
///         404: "`screening_not_found`.",
///         409: "`not_enough_seats`, or `screening_started`.",
///     }
/// }
/// ```
#[macro_export]
macro_rules! operation_errors {
    ($(
        $(#[$meta:meta])*
        $vis:vis $name:ident($($input:ident),* $(,)?) {
            $($status:literal: $description:expr),* $(,)?
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug)]
        $vis struct $name($crate::platform::problem::Problem);

        impl $crate::platform::problem::ErrorSet for $name {
            const INPUTS: &'static [$crate::platform::problem::Input] =
                &[$($crate::platform::problem::Input::$input),*];
            const OWN: &'static [(u16, &'static str)] = &[$(($status, $description)),*];
        }

        impl From<$crate::platform::problem::ApiError> for $name {
            fn from(err: $crate::platform::problem::ApiError) -> Self {
                Self($crate::platform::problem::declared_problem::<Self>(err))
            }
        }

        impl From<tokio_postgres::Error> for $name {
            fn from(err: tokio_postgres::Error) -> Self {
                $crate::platform::problem::ApiError::from(err).into()
            }
        }

        impl From<deadpool_postgres::PoolError> for $name {
            fn from(err: deadpool_postgres::PoolError) -> Self {
                $crate::platform::problem::ApiError::from(err).into()
            }
        }

        impl poem::IntoResponse for $name {
            fn into_response(self) -> poem::Response {
                $crate::platform::problem::problem_response(&self.0)
            }
        }

        impl poem_openapi::ApiResponse for $name {
            fn meta() -> poem_openapi::registry::MetaResponses {
                $crate::platform::problem::error_meta::<Self>()
            }

            fn register(registry: &mut poem_openapi::registry::Registry) {
                <$crate::platform::problem::Problem as poem_openapi::types::Type>::register(
                    registry,
                );
            }
        }

        impl From<$name> for poem::Error {
            fn from(error: $name) -> poem::Error {
                let mut err = poem::Error::from_response(
                    $crate::platform::problem::problem_response(&error.0),
                );
                err.set_error_message(error.0.detail);
                err
            }
        }
    )+};
}

operation_errors! {
    /// Public lists of the catalog: query parameters only.
    pub ListError(Query) {}
    /// Admin creates that reference nothing.
    pub AdminCreateError(JsonBody, Admin) {}
}

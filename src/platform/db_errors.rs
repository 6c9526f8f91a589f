//! Database errors as API errors, in one place: constraint violations by constraint name
//! ([`ConstraintProblem`], each context lists its own and `app` installs them), and a
//! database that cannot be used right now as 503 `database_unavailable` with `Retry-After`.
//!
//! Every statement error enters through one conversion, [`QueryError`]'s, which also notes a
//! server that refused a write as read-only (a failover: [`super::failover`]), whether the
//! statement ran for a request or for a background job.

use std::sync::OnceLock;

use poem::http::StatusCode;
use tokio_postgres::error::SqlState;

use super::failover;
use super::problem::{ApiError, Problem};

/// A constraint violation that is the client's doing, answered as a problem: a duplicate
/// username, an overlapping screening. A violation of a constraint no context lists is a
/// server error.
#[derive(Debug, Clone, Copy)]
pub struct ConstraintProblem {
    /// The constraint's (or unique index's) name, as the migration names it.
    pub constraint: &'static str,
    /// The status answered.
    pub status: StatusCode,
    /// The problem's code.
    pub code: &'static str,
    /// The problem's detail.
    pub detail: &'static str,
}

static CONSTRAINT_PROBLEMS: OnceLock<Vec<ConstraintProblem>> = OnceLock::new();

/// Installs the constraint problems every context lists (done once, by `app`, before the
/// service handles a request; later calls change nothing).
pub fn install_constraint_problems(tables: &[&[ConstraintProblem]]) {
    CONSTRAINT_PROBLEMS.get_or_init(|| tables.iter().flat_map(|t| t.iter().copied()).collect());
}

fn constraint_problem(constraint: &str) -> Option<&'static ConstraintProblem> {
    CONSTRAINT_PROBLEMS
        .get()?
        .iter()
        .find(|row| row.constraint == constraint)
}

/// Why a query failed: no pooled connection could be had, or a statement failed. What
/// background jobs and commands return; requests turn it into an [`ApiError`].
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No pooled connection could be had.
    #[error("database pool")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// A statement failed.
    #[error("database error")]
    Statement(#[source] tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for QueryError {
    fn from(err: tokio_postgres::Error) -> Self {
        if err.code() == Some(&SqlState::READ_ONLY_SQL_TRANSACTION) {
            // The server is (now) a standby: reconnect rather than be refused again.
            failover::discard_connections_open_now();
        }
        QueryError::Statement(err)
    }
}

/// Whether a database error means the database cannot be used right now, rather than that
/// the statement was wrong: the connection was lost or refused, the server is starting up or
/// shutting down, it has too many connections, it is a standby that cannot write (after a
/// failover, until the pool reconnects to the new primary), or the statement ran into the
/// service role's `lock_timeout` or `statement_timeout` (migration 000025: a lock held by
/// another session, a server too busy to answer in time).
pub fn is_unavailable(err: &tokio_postgres::Error) -> bool {
    if err.is_closed() {
        return true;
    }
    match err.code() {
        Some(code) => {
            let code = code.code();
            code.starts_with("08") // connection_exception
                || code.starts_with("57P") // admin, crash shutdown; cannot_connect_now
                || code == SqlState::TOO_MANY_CONNECTIONS.code()
                || code == SqlState::READ_ONLY_SQL_TRANSACTION.code()
                || code == SqlState::LOCK_NOT_AVAILABLE.code()
                || code == SqlState::QUERY_CANCELED.code()
        }
        // No SQLSTATE and not a server error: connecting or talking to the server failed,
        // unless the client could not convert a value or a row count (a defect of ours, not
        // an outage; tokio-postgres does not expose its error kinds but for their messages).
        None => {
            let message = err.to_string();
            let conversion = [
                "error deserializing",
                "error serializing",
                "query returned an",
            ]
            .iter()
            .any(|prefix| message.starts_with(prefix));
            err.as_db_error().is_none() && !conversion
        }
    }
}

impl From<QueryError> for ApiError {
    fn from(err: QueryError) -> Self {
        match err {
            QueryError::Pool(err) => pool_error(err),
            QueryError::Statement(err) => statement_error(err),
        }
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(err: tokio_postgres::Error) -> Self {
        QueryError::from(err).into()
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(err: deadpool_postgres::PoolError) -> Self {
        QueryError::from(err).into()
    }
}

fn pool_error(err: deadpool_postgres::PoolError) -> ApiError {
    use deadpool_postgres::PoolError;
    match err {
        // Waiting for a connection or connecting timed out, or connecting failed.
        PoolError::Timeout(_) | PoolError::Closed => ApiError::Unavailable(Box::new(err)),
        PoolError::Backend(pg) => QueryError::from(pg).into(),
        other => ApiError::Pool(other),
    }
}

fn statement_error(err: tokio_postgres::Error) -> ApiError {
    if is_unavailable(&err) {
        return ApiError::Unavailable(Box::new(err));
    }
    let Some(db) = err.as_db_error() else {
        return ApiError::Database(err);
    };
    let constraint = db.constraint().unwrap_or_default();
    if let Some(row) = constraint_problem(constraint) {
        return ApiError::Constraint(Problem::new(row.status, row.code, row.detail));
    }
    // Input PostgreSQL cannot store: text with NUL characters, numbers out of range.
    if [
        SqlState::CHARACTER_NOT_IN_REPERTOIRE,
        SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
    ]
    .contains(db.code())
    {
        return ApiError::Constraint(Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid_value",
            "a value cannot be stored: text must not contain NUL characters, and numbers \
             must stay in range",
        ));
    }
    // Edge validation mirrors the CHECK constraints; should one still fire, the input was
    // at fault, and the client hears which rule it broke.
    if *db.code() == SqlState::CHECK_VIOLATION {
        return ApiError::Constraint(Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid_value",
            format!("the request breaks the rule `{constraint}`"),
        ));
    }
    ApiError::Database(err)
}

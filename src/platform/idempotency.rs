//! Idempotency keys (`Idempotency-Key` header): required by money-moving requests, taken by
//! bookings and orders when given.
//!
//! The first request with a key claims it and does its work in one transaction, which also
//! records the response. A request with the same key waits while the first is in flight (on
//! the key's row), then gets the recorded response: status and body as they were. The same
//! key with a different request answers 422 `idempotency_key_reused`. Keys are kept for 24
//! hours, and a user may claim at most `IDEMPOTENCY_KEYS_PER_DAY` of them in 24 hours (429
//! `rate_limited` beyond), so no one can fill the table. The pattern follows Stripe's API and
//! the IETF draft "The Idempotency-Key HTTP Header Field"
//! (draft-ietf-httpapi-idempotency-key-header); the header is read by
//! [`super::params::IdempotencyKey`].

use codegen::queries::idempotency as q;
use deadpool_postgres::{Pool, Transaction};
use poem::http::StatusCode;
use poem_openapi::types::{ParseFromJSON, ToJSON};
use sha2::{Digest, Sha256};

use super::AppState;
use super::db::{Workflow, in_transaction};
use super::db_errors::QueryError;
use super::params::IdempotencyKey;
use super::problem::{ApiError, Problem};

/// Runs `work` once per (user, key): the first request does it and records the outcome; a
/// replay returns that outcome without running it again. `work` must decide on any problem
/// it returns before it writes, since that problem is committed as the outcome.
///
/// The key's scope (method and path) and `request` identify the request (hashed with
/// SHA-256). The recorded
/// outcome is the value `work` returns (answered with the operation's success status) or the
/// problem it decided on. Failures of the server or of a database constraint are not
/// recorded: they roll back, and the key stays free for a retry.
///
/// Errors: 422 `idempotency_key_reused` when the key was used for another request; 429
/// `rate_limited` when the user has claimed the day's limit of keys; whatever `work` returns.
pub async fn once<W>(
    state: &AppState,
    user_id: i64,
    key: &IdempotencyKey,
    request: &impl ToJSON,
    work: &W,
) -> Result<W::Output, ApiError>
where
    W: Workflow,
    W::Output: ToJSON + ParseFromJSON,
{
    let idempotent = Idempotent {
        user_id,
        key: key.key(),
        hash: request_hash(key.scope(), request),
        daily_limit: state.idempotency_keys_per_day,
        work,
    };
    in_transaction(&state.pool, &idempotent)
        .await?
        .map_err(ApiError::Problem)
}

/// The outcome an earlier request recorded for `key` with this same request, if there is
/// one: for work that must not even begin again on a replay (a call to a payment provider
/// before [`once`] records its result). `None` when the key is free, or claimed by a request
/// still running, whose outcome [`once`] then waits for.
///
/// Errors: 422 `idempotency_key_reused` when the key was used for another request.
pub async fn recorded<T: ParseFromJSON>(
    state: &AppState,
    user_id: i64,
    key: &IdempotencyKey,
    request: &impl ToJSON,
) -> Result<Option<Result<T, Problem>>, ApiError> {
    let client = state.pool.get().await?;
    let stored = q::stored_response()
        .bind(&client, &user_id, &key.key())
        .opt()
        .await?;
    let Some(stored) = stored.filter(|s| s.response_status.is_some()) else {
        return Ok(None);
    };
    let hash = request_hash(key.scope(), request);
    if stored.request_hash != hash {
        return Err(reused());
    }
    decode(stored).map(Some)
}

fn reused() -> ApiError {
    ApiError::unprocessable(
        "idempotency_key_reused",
        "this Idempotency-Key was used for a different request; use a new key",
    )
}

/// A recorded outcome: the value of a 2xx, else the problem.
fn decode<T: ParseFromJSON>(stored: q::StoredResponse) -> Result<Result<T, Problem>, ApiError> {
    let (Some(status), Some(body)) = (stored.response_status, stored.response_body) else {
        // The claiming transaction records its response before it commits, and a claimed
        // row is invisible until then.
        return Err(ApiError::Internal(
            "idempotency key without a recorded response".into(),
        ));
    };
    let corrupt = |err: String| ApiError::Internal(format!("recorded response: {err}"));
    if (200..300).contains(&status) {
        let value = T::parse_from_json(Some(body)).map_err(|e| corrupt(e.into_message()))?;
        Ok(Ok(value))
    } else {
        let problem =
            Problem::parse_from_json(Some(body)).map_err(|e| corrupt(e.into_message()))?;
        Ok(Err(problem))
    }
}

/// A workflow run under an idempotency key: its outcome, or the one recorded for the key.
struct Idempotent<'a, W> {
    user_id: i64,
    key: &'a str,
    hash: Vec<u8>,
    daily_limit: i64,
    work: &'a W,
}

impl<W> Workflow for Idempotent<'_, W>
where
    W: Workflow,
    W::Output: ToJSON + ParseFromJSON,
{
    type Output = Result<W::Output, Problem>;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Self::Output, ApiError> {
        let claimed = q::claim_idempotency_key()
            .bind(tx, &self.user_id, &self.key, &self.hash, &self.daily_limit)
            .await?
            == 1;
        if !claimed {
            return replay(tx, self.user_id, self.key, &self.hash).await;
        }
        let (status, body, outcome) = match self.work.run(tx).await {
            Ok(value) => (StatusCode::CREATED.as_u16(), value.to_json(), Ok(value)),
            Err(ApiError::Problem(problem)) => (problem.status, problem.to_json(), Err(problem)),
            Err(other) => return Err(other),
        };
        let body = body.unwrap_or(serde_json::Value::Null);
        q::store_response()
            .bind(tx, &(status as i16), &body, &self.user_id, &self.key)
            .await?;
        Ok(outcome)
    }
}

/// The recorded outcome of a key claimed by an earlier request.
async fn replay<T: ParseFromJSON>(
    tx: &Transaction<'_>,
    user_id: i64,
    key: &str,
    hash: &[u8],
) -> Result<Result<T, Problem>, ApiError> {
    let Some(stored) = q::stored_response().bind(tx, &user_id, &key).opt().await? else {
        // Not taken, yet not claimed: the user is at the day's limit of keys.
        let reopens = q::daily_limit_reopens()
            .bind(tx, &user_id)
            .one()
            .await?
            .unwrap_or(1);
        return Err(ApiError::Problem(
            Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "you have used today's limit of idempotency keys; retry later",
            )
            .retry_after(reopens.max(1) as u32),
        ));
    };
    if stored.request_hash != hash {
        return Err(reused());
    }
    decode(stored)
}

/// SHA-256 of the operation and the request body as JSON (keys sorted, so equal bodies hash
/// equally however the client ordered them).
fn request_hash(operation: &str, request: &impl ToJSON) -> Vec<u8> {
    let body = request.to_json().unwrap_or(serde_json::Value::Null);
    let mut hasher = Sha256::new();
    hasher.update(operation.as_bytes());
    hasher.update(b"\n");
    hasher.update(body.to_string().as_bytes());
    hasher.finalize().to_vec()
}

/// Forgets keys older than 24 hours. Returns how many.
pub async fn purge_expired_keys(pool: &Pool) -> Result<u64, QueryError> {
    let client = pool.get().await?;
    Ok(q::purge_idempotency_keys().bind(&client).await?)
}

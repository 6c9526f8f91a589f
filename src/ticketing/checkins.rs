//! Check-in at the door: staff scan a ticket's code; it admits once.
//!
//! The code's signature is checked first (no database trip for a forged one), then one
//! `UPDATE … WHERE checked_in_at IS NULL AND voided_at IS NULL` admits the ticket: of two
//! scanners at two doors scanning one code at once, exactly one admits it. When it admits
//! nothing, a second read says why; an admission or a voiding, once committed, never
//! reverts, so that answer is true.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::tickets as q;
use poem::web::Data;
use poem_openapi::{Object, OpenApi, param::Path, payload::Json};

use crate::catalog::screenings::screening_not_found;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::StaffAuth;
use crate::platform::problem::ApiError;

use super::Ticketing;
use super::ticket_codes;
use super::tickets::{Ticket, ticket_void};

/// `POST /v1/checkins` body: a scanned code, at the door of a screening.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewCheckIn {
    /// The ticket's `code`, as its QR code carries it.
    #[oai(validator(min_length = 1, max_length = 450))]
    pub code: String,
    /// The screening whose door this is.
    pub screening_id: i64,
}

/// A ticket just admitted.
#[derive(Object, Debug)]
pub struct CheckedIn {
    pub ticket: Ticket,
    /// When it was admitted.
    pub checked_in_at: DateTime<Utc>,
}

/// How many of a screening's tickets have been admitted.
#[derive(Object, Debug, PartialEq, Eq)]
pub struct CheckInCount {
    /// The screening.
    pub screening_id: i64,
    /// Valid tickets: sold and not void.
    pub sold: i32,
    /// Tickets admitted so far.
    pub admitted: i32,
}

operation_errors! {
    CheckInError(JsonBody, Staff) {
        409: "`already_checked_in` (the detail says when), `wrong_screening` (the ticket is \
              for another screening; the detail names it) or `ticket_void` (its seat was \
              given back).",
        422: "`invalid_ticket`: the code is malformed, its signature does not verify, or it \
              names no ticket.",
    }
    CheckInCountError(Path, Staff) {
        404: "`screening_not_found`.",
    }
}

fn invalid_ticket(why: impl std::fmt::Display) -> ApiError {
    ApiError::unprocessable("invalid_ticket", format!("not a valid ticket: {why}"))
}

fn wrong_screening(ticket_screening: i64, door: i64) -> ApiError {
    ApiError::conflict(
        "wrong_screening",
        format!("the ticket is for screening {ticket_screening}, not {door}"),
    )
}

/// Admits the ticket whose code was scanned at the door of `screening_id`, as `staff_id`.
///
/// Errors: 409 `already_checked_in`, `wrong_screening`, `ticket_void`; 422 `invalid_ticket`.
pub async fn check_in(
    state: &AppState,
    signing_key: &ed25519_dalek::SigningKey,
    staff_id: i64,
    code: &str,
    screening_id: i64,
) -> Result<CheckedIn, ApiError> {
    let claims =
        ticket_codes::verify(&signing_key.verifying_key(), code).map_err(invalid_ticket)?;
    if claims.screening_id != screening_id {
        return Err(wrong_screening(claims.screening_id, screening_id));
    }
    let client = state.pool.get().await?;
    let admitted = q::check_in()
        .bind(&client, &staff_id, &claims.ticket_id, &screening_id)
        .opt()
        .await?;
    if let Some(row) = admitted {
        let checked_in_at = row.checked_in_at.expect("an admitted ticket has its time");
        return Ok(CheckedIn {
            ticket: Ticket::signed(row, signing_key),
            checked_in_at,
        });
    }
    let Some(ticket) = q::ticket_state()
        .bind(&client, &claims.ticket_id)
        .opt()
        .await?
    else {
        // Signed by this key, so issued here; gone only with a database restored from
        // before it.
        return Err(invalid_ticket(format_args!(
            "there is no ticket {}",
            claims.ticket_id
        )));
    };
    Err(if ticket.voided_at.is_some() {
        ticket_void(claims.ticket_id)
    } else if let Some(at) = ticket.checked_in_at {
        ApiError::conflict(
            "already_checked_in",
            format!(
                "ticket {} was checked in at {}",
                claims.ticket_id,
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
        )
    } else {
        wrong_screening(ticket.screening_id, screening_id)
    })
}

/// `/v1/checkins` and `/v1/screenings/{id}/checkins`.
pub struct CheckInsApi {
    /// The context: the key that signs ticket codes.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(tag = "super::Tag::Tickets")]
impl CheckInsApi {
    /// Check a ticket in
    ///
    /// Staff (or an admin) scan a ticket's code at the door of a screening. The first scan
    /// admits it; every later one is 409 `already_checked_in` with the time of the first,
    /// even when two doors scan the same code at the same instant.
    #[oai(path = "/v1/checkins", method = "post", operation_id = "check_in")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: StaffAuth,
        body: Json<NewCheckIn>,
    ) -> Result<Json<CheckedIn>, CheckInError> {
        let key = &self.ticketing.signing_key;
        let checked_in =
            check_in(&state, key, auth.0.user_id, &body.code, body.screening_id).await?;
        Ok(Json(checked_in))
    }

    /// Count a screening's check-ins
    ///
    /// How many valid tickets the screening has sold and how many have been admitted.
    #[oai(
        path = "/v1/screenings/:id/checkins",
        method = "get",
        operation_id = "count_checkins"
    )]
    async fn count(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: StaffAuth,
        /// The screening's id.
        id: Path<i64>,
    ) -> Result<Json<CheckInCount>, CheckInCountError> {
        let client = state.pool.get().await?;
        let count = q::screening_checkins()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| screening_not_found(id.0))?;
        Ok(Json(CheckInCount {
            screening_id: count.id,
            sold: count.sold,
            admitted: count.admitted,
        }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_body_limit_fits_the_longest_code() {
        assert_eq!(super::ticket_codes::MAX_CODE_CHARS, 450);
    }
}

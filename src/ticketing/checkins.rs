//! Check-in at the door: staff scan a ticket's code; it admits once.
//!
//! The code's signature is checked first (no database trip for a forged one), then one
//! `UPDATE … WHERE checked_in_at IS NULL AND voided_at IS NULL` admits the ticket: of two
//! scanners at two doors scanning one code at once, exactly one admits it. The same statement
//! holds the door's rules: staff admit only at their theaters (admins anywhere), and only
//! while the screening's check-in is open, from `CHECKIN_OPENS_MINUTES` before its start
//! until its end. When it admits nothing, second reads say why; an admission or a voiding,
//! once committed, never reverts, so that answer is true.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::staff as sq;
use codegen::queries::tickets as q;
use codegen::types::UserRole;
use deadpool_postgres::{Pool, Transaction};
use poem::web::Data;
use poem_openapi::{
    Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::catalog::screenings::{TicketType, screening_not_found};
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::{AdminAuth, StaffAuth};
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::problem::ApiError;

use super::offline_scans::{ScanBatch, ScanResults, UploadScans, prepare_batch};
use super::ticket_codes::SigningKeys;
use super::tickets::{Ticket, TicketSigningKeys, ticket_void};
use super::{Ticketing, not_your_theater};

/// `POST /v1/checkins` body: a scanned code, at the door of a screening.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewCheckIn {
    /// The ticket's `code`, as its QR code carries it.
    #[oai(validator(min_length = 1, max_length = 454))]
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

/// A ticket's state at the door.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum DoorStatus {
    /// Admits once.
    Valid,
    /// Its seat was given back: never admits.
    Void,
    /// Admitted already.
    CheckedIn,
}

/// One ticket of a check-in list.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct CheckInListItem {
    /// The ticket's id, as its code names it.
    pub ticket_id: i64,
    /// Its seat, e.g. `F12`.
    pub seat_label: String,
    pub ticket_type: TicketType,
    pub status: DoorStatus,
    /// When it was admitted, for `checked_in`.
    #[oai(skip_serializing_if_is_none)]
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// What a scanner needs to check a screening's tickets in offline.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct CheckInList {
    /// The screening.
    pub screening_id: i64,
    /// The keys that verify its tickets' codes.
    pub keys: TicketSigningKeys,
    /// Every ticket (without `after`), or those changed since `after`, in id order.
    pub items: Vec<CheckInListItem>,
    /// Pass it as `after` next time to get only what changed since this list was read.
    pub next_after: i64,
}

/// `PUT /v1/staff/{id}/theaters` body, and its answer: the theaters a staff member checks
/// tickets in at.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct StaffTheaters {
    /// The staff member (read only: the path names them).
    #[oai(read_only)]
    pub user_id: i64,
    /// 0–100 distinct theater ids, ascending in the answer. Empty: nowhere.
    #[oai(validator(max_items = 100, unique_items))]
    pub theater_ids: Vec<i64>,
}

operation_errors! {
    CheckInError(JsonBody, Staff) {
        403: "`forbidden` (the caller is neither staff nor an admin) or `not_your_theater` \
              (staff of other theaters).",
        409: "`already_checked_in` (the detail says when), `wrong_screening` (the ticket is \
              for another screening; the detail names it), `ticket_void` (its seat was \
              given back) or `checkin_closed` (the screening's check-in is not open: it opens \
              `CHECKIN_OPENS_MINUTES` before the start and closes at the end).",
        422: "`invalid_ticket`: the code is malformed, its signature does not verify, its \
              key was retired, or it names no ticket.",
    }
    CheckInCountError(Path, Staff) {
        403: "`forbidden` (the caller is neither staff nor an admin) or `not_your_theater` \
              (staff of other theaters).",
        404: "`screening_not_found`.",
    }
    UploadScansError(JsonBody, Staff) {
        403: "`forbidden` (the caller is neither staff nor an admin) or `not_your_theater` \
              (a scan is of a screening in a theater the caller does not check in at; nothing \
              is applied).",
    }
    CheckInListError(Path, Query, Staff) {
        403: "`forbidden` (the caller is neither staff nor an admin) or `not_your_theater` \
              (staff of other theaters).",
        404: "`screening_not_found`.",
    }
    SetStaffTheatersError(Path, JsonBody, Admin) {
        404: "`user_not_found`.",
        409: "`not_staff`: the user is not staff (admins check in anywhere; customers nowhere).",
        422: "`theater_not_found`: one of `theater_ids` names no theater.",
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

/// Admits the ticket whose code was scanned at the door of `screening_id`, as `staff_id`
/// (staff or an admin), if check-in opens `opens_minutes` or less before the screening's
/// start and it has not ended.
///
/// Errors: 403 `not_your_theater`; 409 `already_checked_in`, `wrong_screening`,
/// `ticket_void`, `checkin_closed`; 422 `invalid_ticket`.
pub async fn check_in(
    state: &AppState,
    keys: &SigningKeys,
    staff_id: i64,
    code: &str,
    screening_id: i64,
    opens_minutes: i32,
) -> Result<CheckedIn, ApiError> {
    let claims = keys.verify(code).map_err(invalid_ticket)?;
    if claims.screening_id != screening_id {
        return Err(wrong_screening(claims.screening_id, screening_id));
    }
    let client = state.pool.get().await?;
    let admitted = q::check_in()
        .bind(
            &client,
            &staff_id,
            &claims.ticket_id,
            &screening_id,
            &opens_minutes,
        )
        .opt()
        .await?;
    if let Some(row) = admitted {
        let checked_in_at = row.checked_in_at.expect("an admitted ticket has its time");
        return Ok(CheckedIn {
            ticket: Ticket::signed(row, keys),
            checked_in_at,
        });
    }
    let door = q::door_state()
        .bind(&client, &staff_id, &opens_minutes, &screening_id)
        .opt()
        .await?;
    match door {
        None => {
            return Err(invalid_ticket(format_args!(
                "there is no screening {screening_id}"
            )));
        }
        Some(door) if !door.allowed => return Err(not_your_theater(screening_id)),
        Some(door) if !door.open => {
            let at =
                |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            return Err(ApiError::conflict(
                "checkin_closed",
                format!(
                    "check-in for screening {screening_id} is open from {opens_minutes} \
                     minutes before its start ({}) until its end ({})",
                    at(door.starts_at),
                    at(door.ends_at)
                ),
            ));
        }
        Some(_) => {}
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
        let keys = &self.ticketing.signing_keys;
        let opens = self.ticketing.settings.checkin_opens_minutes;
        let caller = auth.0.user_id;
        let checked_in =
            check_in(&state, keys, caller, &body.code, body.screening_id, opens).await?;
        Ok(Json(checked_in))
    }

    /// Upload scans made offline
    ///
    /// Staff (of the scans' theaters) or an admin. A scanner that admitted tickets while
    /// offline uploads its log: each scan applies once, by its nonce (the same batch sent
    /// again changes nothing and answers the same). Of two doors that admitted one ticket
    /// offline, the earlier scan is the admission and the other comes back
    /// `already_checked_in` with `conflict: true`; a ticket voided meanwhile comes back
    /// `ticket_void` with `conflict: true` and is not admitted. Each conflict writes
    /// `ticket.checkin_conflict`. Results are in the order of the scans.
    #[oai(
        path = "/v1/checkins/batch",
        method = "post",
        operation_id = "upload_offline_scans"
    )]
    async fn upload(
        &self,
        state: Data<&Arc<AppState>>,
        auth: StaffAuth,
        body: Json<ScanBatch>,
    ) -> Result<Json<ScanResults>, UploadScansError> {
        let mut batch = body.0;
        prepare_batch(&mut batch, Utc::now());
        let upload = UploadScans {
            staff_id: auth.0.user_id,
            batch: &batch,
            keys: &self.ticketing.signing_keys,
            opens_minutes: self.ticketing.settings.checkin_opens_minutes,
        };
        Ok(Json(in_transaction(&state.pool, &upload).await?))
    }

    /// Get a screening's check-in list
    ///
    /// Staff of the screening's theater, or an admin. Everything a scanner needs to check
    /// tickets in while offline: each ticket's id, seat, type and status, and the keys that
    /// verify codes. With `after` (the previous list's `next_after`), only the tickets that
    /// changed since: voided by a cancellation, admitted at another door. Cheap to poll
    /// every few seconds. A change is never missed, whatever order transactions commit in;
    /// one may come twice.
    #[oai(
        path = "/v1/screenings/:id/checkin-list",
        method = "get",
        operation_id = "get_checkin_list"
    )]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: StaffAuth,
        /// The screening's id.
        id: Path<i64>,
        /// A previous list's `next_after`: only what changed since.
        #[oai(validator(minimum(value = "0")))]
        after: Query<Option<i64>>,
    ) -> Result<Json<CheckInList>, CheckInListError> {
        let screening_id = id.0;
        let opens = self.ticketing.settings.checkin_opens_minutes;
        let client = state.pool.get().await?;
        staffed_door(&client, auth.0.user_id, opens, screening_id).await?;
        // The cursor first: whatever the list then misses committed later, at or past it.
        let next_after = q::checkin_list_cursor().bind(&client).one().await?;
        let rows = match after.0 {
            None => q::checkin_list().bind(&client, &screening_id).all().await?,
            Some(after) => {
                q::checkin_list_changes()
                    .bind(&client, &screening_id, &after)
                    .all()
                    .await?
            }
        };
        let items = rows
            .into_iter()
            .map(|row| CheckInListItem {
                ticket_id: row.id,
                seat_label: row.seat_label,
                ticket_type: row.ticket_type.into(),
                status: match (row.voided, row.checked_in_at) {
                    (true, _) => DoorStatus::Void,
                    (false, Some(_)) => DoorStatus::CheckedIn,
                    (false, None) => DoorStatus::Valid,
                },
                checked_in_at: row.checked_in_at,
            })
            .collect();
        Ok(Json(CheckInList {
            screening_id,
            keys: TicketSigningKeys::of(&self.ticketing.signing_keys),
            items,
            next_after,
        }))
    }

    /// Set a staff member's theaters
    ///
    /// Admin only. The theaters whose screenings the staff member may check tickets in at;
    /// the list replaces the one before. Admins check in at every theater.
    #[oai(
        path = "/v1/staff/:id/theaters",
        method = "put",
        operation_id = "set_staff_theaters"
    )]
    async fn set_theaters(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The staff member's user id.
        id: Path<i64>,
        body: Json<StaffTheaters>,
    ) -> Result<Json<StaffTheaters>, SetStaffTheatersError> {
        let set = set_staff_theaters(&state.pool, id.0, &body.theater_ids).await?;
        Ok(Json(set))
    }

    /// Count a screening's check-ins
    ///
    /// Staff of the screening's theater, or an admin. How many valid tickets the screening
    /// has sold and how many have been admitted.
    #[oai(
        path = "/v1/screenings/:id/checkins",
        method = "get",
        operation_id = "count_checkins"
    )]
    async fn count(
        &self,
        state: Data<&Arc<AppState>>,
        auth: StaffAuth,
        /// The screening's id.
        id: Path<i64>,
    ) -> Result<Json<CheckInCount>, CheckInCountError> {
        let client = state.pool.get().await?;
        let opens = self.ticketing.settings.checkin_opens_minutes;
        staffed_door(&client, auth.0.user_id, opens, id.0).await?;
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

/// Refuses `staff_id` at the door of `screening_id` unless they may check tickets in there
/// (staff of its theater, or an admin): what the check-in list and counts ask first.
///
/// Errors: 404 `screening_not_found`; 403 `not_your_theater`.
async fn staffed_door(
    client: &deadpool_postgres::Object,
    staff_id: i64,
    opens_minutes: i32,
    screening_id: i64,
) -> Result<(), ApiError> {
    let door = q::door_state()
        .bind(client, &staff_id, &opens_minutes, &screening_id)
        .opt()
        .await?
        .ok_or_else(|| screening_not_found(screening_id))?;
    if !door.allowed {
        return Err(not_your_theater(screening_id));
    }
    Ok(())
}

/// Makes `theater_ids` the theaters staff member `user_id` checks tickets in at. Returns the
/// set, ascending.
///
/// Errors: 404 `user_not_found`; 409 `not_staff`; 422 `theater_not_found`.
pub async fn set_staff_theaters(
    pool: &Pool,
    user_id: i64,
    theater_ids: &[i64],
) -> Result<StaffTheaters, ApiError> {
    in_transaction(
        pool,
        &SetStaffTheaters {
            user_id,
            theater_ids,
        },
    )
    .await
}

struct SetStaffTheaters<'a> {
    user_id: i64,
    theater_ids: &'a [i64],
}

impl Workflow for SetStaffTheaters<'_> {
    type Output = StaffTheaters;

    async fn run(&self, tx: &Transaction<'_>) -> Result<StaffTheaters, ApiError> {
        let role = sq::lock_staff_member()
            .bind(tx, &self.user_id)
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::not_found("user_not_found", format!("no user {}", self.user_id))
            })?;
        if role != UserRole::Staff {
            return Err(ApiError::conflict(
                "not_staff",
                format!("user {} is not staff", self.user_id),
            ));
        }
        let ids = self.theater_ids.to_vec();
        let set = sq::replace_staff_theaters()
            .bind(tx, &self.user_id, &ids)
            .one()
            .await?;
        Ok(StaffTheaters {
            user_id: set.user_id,
            theater_ids: set.theater_ids,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_body_limit_fits_the_longest_code() {
        assert_eq!(crate::ticketing::ticket_codes::MAX_CODE_CHARS, 454);
    }
}

//! The waiting list of a sold-out screening: a customer asks for a number of seats together
//! and is offered them, in the order of asking, when they come free
//! ([`super::waiting_list_offers`], whose module documentation states the fairness rule).
//!
//! Joining is allowed only while best available could not seat the party: it is decided on
//! the screening's rows share-locked, so no seat comes free between the look and the entry
//! (a transaction freeing seats waits, then offers them to the new entry too). Seats of holds
//! that lapsed but are not swept yet count as taken: they reach the list with the sweep.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::seats as sq;
use codegen::queries::waiting_list as q;
use codegen::types::WaitingListStatus as DbStatus;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};

use crate::catalog::screenings::{screening_not_found, screening_started};
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::http::Page;
use crate::platform::params::Paging;
use crate::platform::problem::ApiError;

use super::Ticketing;
use super::best_available;
use super::bookings::{CancelBooking, Cancelled, finish_cancellation};

/// Where an entry of the waiting list is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum WaitingListStatus {
    /// In the queue, at `position`.
    Waiting,
    /// Seats are held for the customer in the pending booking `booking_id` until
    /// `offer_expires_at`: paying it accepts them.
    Offered,
    /// The offer's booking was paid.
    Accepted,
    /// The offer lapsed unpaid; its seats went to the next entry.
    Expired,
    /// Taken off the list by the customer (before an offer, or by declining it).
    Cancelled,
}

impl From<DbStatus> for WaitingListStatus {
    fn from(status: DbStatus) -> Self {
        match status {
            DbStatus::Waiting => WaitingListStatus::Waiting,
            DbStatus::Offered => WaitingListStatus::Offered,
            DbStatus::Accepted => WaitingListStatus::Accepted,
            DbStatus::Expired => WaitingListStatus::Expired,
            DbStatus::Cancelled => WaitingListStatus::Cancelled,
        }
    }
}

/// A customer's place on a screening's waiting list.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct WaitingListEntry {
    /// The entry's id.
    pub id: i64,
    /// The screening waited for.
    pub screening_id: i64,
    /// The party's size: seats wanted side by side, 1–10.
    pub seats: i32,
    /// While waiting, the place in the queue (1: offered the next seats that fit); null
    /// otherwise.
    #[oai(nullable)]
    pub position: Option<i64>,
    pub status: WaitingListStatus,
    /// The offer: the pending booking holding the seats; null before an offer.
    #[oai(nullable)]
    pub booking_id: Option<i64>,
    /// Until when the offer holds the seats (RFC 3339, UTC); null before an offer.
    #[oai(nullable)]
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// When the customer joined (RFC 3339, UTC): the queue's order.
    pub created_at: DateTime<Utc>,
}

impl From<q::WaitingListEntry> for WaitingListEntry {
    fn from(row: q::WaitingListEntry) -> Self {
        WaitingListEntry {
            id: row.id,
            screening_id: row.screening_id,
            seats: row.seats.into(),
            position: row.position,
            status: row.status.into(),
            booking_id: row.booking_id,
            offer_expires_at: row.offer_expires_at,
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/screenings/{id}/waiting-list` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct JoinWaitingList {
    /// Seats wanted side by side, 1–10: they are offered together or not at all.
    #[oai(validator(minimum(value = "1"), maximum(value = "10")))]
    pub seats: i32,
}

impl poem_openapi::types::Example for JoinWaitingList {
    fn example() -> Self {
        JoinWaitingList { seats: 4 }
    }
}

#[derive(ApiResponse)]
enum Joined {
    /// On the list; `position` is the place in the queue.
    #[oai(status = 201)]
    Created(Json<WaitingListEntry>),
}

operation_errors! {
    JoinWaitingListError(Path, JsonBody, Bearer) {
        400: "`invalid_request`: malformed JSON, unknown fields, or `seats` out of 1–10.",
        404: "`screening_not_found`.",
        409: "`seats_available` (best available can seat the party now: book instead), \
              `already_waiting` (the caller has an open entry for this screening), or \
              `screening_started`.",
    }
    ListWaitingListError(Query, Bearer) {}
    CancelWaitingListError(Path, Bearer) {
        404: "`waiting_list_entry_not_found`: no such entry of the caller's.",
        409: "`waiting_list_entry_closed`: it was accepted, has expired or is cancelled \
              already.",
    }
}

/// 404 `waiting_list_entry_not_found`.
fn entry_not_found(id: i64) -> ApiError {
    ApiError::not_found(
        "waiting_list_entry_not_found",
        format!("you have no waiting list entry {id}"),
    )
}

/// The waiting list's operations.
pub struct WaitingListApi {
    /// The context: the offer's hold time.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(tag = "super::Tag::WaitingList")]
impl WaitingListApi {
    /// Join a screening's waiting list
    ///
    /// For a party best available cannot seat now (409 `seats_available` otherwise: book
    /// instead). When seats come free, entries are offered them in the order they joined,
    /// each the best block of adjacent seats for its party; a party they do not fit keeps
    /// its place. An offer is a pending booking (adult tickets) holding the seats for
    /// `WAITING_LIST_OFFER_SECONDS`: pay it to accept, cancel it or let it lapse to pass the
    /// seats on. The event `waiting_list.offered` announces it. One open entry per customer
    /// and screening.
    #[oai(
        path = "/v1/screenings/:id/waiting-list",
        method = "post",
        operation_id = "join_waiting_list"
    )]
    async fn join(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The screening's id.
        id: Path<i64>,
        body: Json<JoinWaitingList>,
    ) -> Result<Joined, JoinWaitingListError> {
        let join = Join {
            user_id: auth.0.user_id,
            screening_id: id.0,
            seats: body.0.seats as i16,
        };
        let entry = in_transaction(&state.pool, &join).await?;
        Ok(Joined::Created(Json(entry.into())))
    }

    /// List my waiting list entries
    ///
    /// In the order they were made, each with its status now (an offer that lapsed reads as
    /// `expired` at once) and, while waiting, its position.
    #[oai(
        path = "/v1/waiting-list",
        method = "get",
        operation_id = "list_waiting_list"
    )]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        page: Paging,
    ) -> Result<Json<Page<WaitingListEntry>>, ListWaitingListError> {
        let client = state.pool.get().await?;
        let rows = q::list_waiting_list_entries()
            .bind(&client, &auth.0.user_id, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |e| e.id, WaitingListEntry::from)))
    }

    /// Leave a waiting list
    ///
    /// A waiting entry leaves the queue; an offered one declines the offer: its booking is
    /// cancelled and the seats go to the next entry. Answers the entry, cancelled.
    #[oai(
        path = "/v1/waiting-list/:id",
        method = "delete",
        operation_id = "cancel_waiting_list_entry"
    )]
    async fn cancel(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The entry's id.
        id: Path<i64>,
    ) -> Result<Json<WaitingListEntry>, CancelWaitingListError> {
        let user_id = auth.0.user_id;
        let cancel = Leave {
            user_id,
            id: id.0,
            offer_seconds: self.ticketing.settings.waiting_list_offer.as_secs_f64(),
        };
        if let Some(cancelled) = in_transaction(&state.pool, &cancel).await? {
            finish_cancellation(&state.pool, &self.ticketing, cancelled).await;
        }
        let client = state.pool.get().await?;
        let entry = q::get_waiting_list_entry()
            .bind(&client, &id.0, &user_id)
            .one()
            .await?;
        Ok(Json(entry.into()))
    }
}

/// Puts a party on a screening's waiting list, if best available cannot seat it.
///
/// Errors: 404 `screening_not_found`; 409 `screening_started`, `seats_available`,
/// `already_waiting` (waiting_list_entries_open_key).
struct Join {
    user_id: i64,
    screening_id: i64,
    seats: i16,
}

impl Workflow for Join {
    type Output = q::WaitingListEntry;

    async fn run(&self, tx: &Transaction<'_>) -> Result<q::WaitingListEntry, ApiError> {
        let screening_id = self.screening_id;
        let screening = q::waiting_screening()
            .bind(tx, &screening_id)
            .opt()
            .await?
            .ok_or_else(|| screening_not_found(screening_id))?;
        if screening.started {
            return Err(screening_started(screening_id));
        }
        let rows = sq::share_seat_rows().bind(tx, &screening_id).all().await?;
        if best_available::plan(&rows, self.seats).is_some() {
            return Err(ApiError::conflict(
                "seats_available",
                format!(
                    "{} seats side by side are free at screening {screening_id}: book them \
                     with `seats`",
                    self.seats
                ),
            ));
        }
        Ok(q::insert_waiting_list_entry()
            .bind(tx, &screening_id, &self.user_id, &self.seats)
            .one()
            .await?)
    }
}

/// Takes one of the user's entries off its waiting list, declining its offer if it has one.
/// Returns the cancellation of the offer's booking, to finish after the commit.
///
/// Errors: 404 `waiting_list_entry_not_found`; 409 `waiting_list_entry_closed`.
struct Leave {
    user_id: i64,
    id: i64,
    offer_seconds: f64,
}

impl Workflow for Leave {
    type Output = Option<Cancelled>;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Option<Cancelled>, ApiError> {
        let (id, user_id) = (self.id, self.user_id);
        // Twice at most: an entry found waiting may be offered seats before it is cancelled.
        for _ in 0..2 {
            let entry = q::entry_to_cancel()
                .bind(tx, &id, &user_id)
                .opt()
                .await?
                .ok_or_else(|| entry_not_found(id))?;
            if !entry.open {
                return Err(ApiError::conflict(
                    "waiting_list_entry_closed",
                    format!("waiting list entry {id} is no longer open"),
                ));
            }
            match (entry.status, entry.booking_id) {
                (DbStatus::Waiting, _) => {
                    let left = q::cancel_waiting_entry()
                        .bind(tx, &id, &user_id)
                        .opt()
                        .await?;
                    if left.is_some() {
                        return Ok(None);
                    }
                }
                (_, Some(booking_id)) => {
                    // The booking's cancellation cancels the entry (a trigger) and offers
                    // its seats to the next.
                    let decline = CancelBooking {
                        user_id,
                        id: booking_id,
                        seat_labels: None,
                        offer_seconds: self.offer_seconds,
                    };
                    return Ok(Some(decline.run(tx).await?));
                }
                (status, None) => {
                    return Err(ApiError::Internal(format!(
                        "waiting list entry {id} is {status:?} without a booking"
                    )));
                }
            }
        }
        Err(ApiError::Internal(format!(
            "waiting list entry {id} kept changing while it was cancelled"
        )))
    }
}

//! Bookings: seats of a screening held for a customer until paid, cancelled or expired.
//!
//! Seats are taken by one conditional `UPDATE … WHERE available_seats >= n` in the same
//! statement that inserts the booking, so concurrent bookings never oversell; the CHECK on
//! `screenings.available_seats` is the last line of defence. A pending booking holds its seats
//! until `expires_at`; lapsed holds are returned by a periodic sweep ([`sweep_expired_holds`]),
//! and by the booking path itself when a screening looks sold out.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::client::GenericClient;
use codegen::client::Params as _;
use codegen::queries::bookings as q;
use codegen::queries::payments as pq;
use codegen::types::{AccountKind, BookingStatus as DbBookingStatus};
use deadpool_postgres::{Pool, Transaction};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::catalog::screenings::screening_not_found;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::db::{DbError, Workflow, in_transaction};
use crate::platform::http::{Page, PageAfter, PageRequest, PageSize};
use crate::platform::problem::{ApiError, RATE_LIMITED};
use crate::wallet::ledger::{lock_accounts, post_transfer};

/// Where a booking is in its life.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum BookingStatus {
    /// Holding seats until `expires_at`, waiting for payment.
    Pending,
    /// Paid; the seats are sold.
    Confirmed,
    /// Cancelled; the seats were released.
    Cancelled,
    /// Not paid in time; the seats were released.
    Expired,
}

impl From<DbBookingStatus> for BookingStatus {
    fn from(status: DbBookingStatus) -> Self {
        match status {
            DbBookingStatus::Pending => BookingStatus::Pending,
            DbBookingStatus::Confirmed => BookingStatus::Confirmed,
            DbBookingStatus::Cancelled => BookingStatus::Cancelled,
            DbBookingStatus::Expired => BookingStatus::Expired,
        }
    }
}

/// Seats of a screening booked by a user.
#[derive(Object, Debug, Clone)]
pub struct Booking {
    /// The booking's id.
    pub id: i64,
    /// Who booked.
    pub user_id: i64,
    /// The screening booked.
    pub screening_id: i64,
    /// Number of seats, 1–10.
    pub seats: i32,
    /// What the seats cost: seats × the screening's price, in minor units of `currency`.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    pub status: BookingStatus,
    /// Until when a pending booking holds its seats (RFC 3339, UTC).
    pub expires_at: DateTime<Utc>,
    /// When it was made (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Booking> for Booking {
    fn from(row: q::Booking) -> Self {
        Booking {
            id: row.id,
            user_id: row.user_id,
            screening_id: row.screening_id,
            seats: row.seats,
            amount: row.amount,
            currency: row.currency,
            status: row.status.into(),
            expires_at: row.expires_at,
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/bookings` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewBooking {
    /// The screening to book.
    pub screening_id: i64,
    /// Number of seats, 1–10.
    #[oai(validator(minimum(value = "1"), maximum(value = "10")))]
    pub seats: i32,
}

#[derive(ApiResponse)]
enum CreatedBooking {
    /// The seats are held until `expires_at`.
    #[oai(status = 201)]
    Created(Json<Booking>),
}

operation_errors! {
    CreateBookingError(JsonBody, Bearer) {
        404: "`screening_not_found`.",
        409: "`not_enough_seats`, or `screening_started`.",
        429: RATE_LIMITED,
    }
    ListBookingsError(Query, Bearer) {}
    GetBookingError(Path, Bearer) {
        404: "`booking_not_found`: no such booking of the caller's.",
    }
    CancelBookingError(Path, Bearer) {
        404: "`booking_not_found`: no such booking of the caller's.",
        409: "`booking_not_cancellable`: already cancelled, expired, or paid for a screening \
              that has started.",
    }
}

/// 404 `booking_not_found`.
pub fn booking_not_found(id: i64) -> ApiError {
    ApiError::not_found("booking_not_found", format!("you have no booking {id}"))
}

/// `/v1/bookings`.
#[derive(Default)]
pub struct BookingsApi;

#[OpenApi(
    prefix_path = "/v1/bookings",
    tag = "crate::platform::http::ApiTags::Bookings"
)]
impl BookingsApi {
    /// Book seats
    ///
    /// Holds `seats` seats of a screening for the caller. The booking is `pending` until it is
    /// paid or `expires_at` passes; then the seats return to the screening.
    #[oai(path = "/", method = "post", operation_id = "create_booking")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        body: Json<NewBooking>,
    ) -> Result<CreatedBooking, CreateBookingError> {
        state.limits.check_booking(auth.0.user_id)?;
        let result = book_seats(&state, auth.0.user_id, body.screening_id, body.seats).await;
        state.metrics.booking(&result);
        Ok(CreatedBooking::Created(Json(result?)))
    }

    /// List my bookings
    ///
    /// The caller's bookings in id order. A pending booking whose hold has lapsed reads as
    /// `expired`.
    #[oai(path = "/", method = "get", operation_id = "list_bookings")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// Page size, 1–100.
        limit: Query<PageSize>,
        /// Start after this id: the previous page's `next_after`.
        after: Query<Option<PageAfter>>,
    ) -> Result<Json<Page<Booking>>, ListBookingsError> {
        let page = PageRequest::new(limit.0, after.0);
        let client = state.pool.get().await?;
        let rows = q::list_bookings()
            .bind(&client, &auth.0.user_id, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |b| b.id, Booking::from)))
    }

    /// Get one of my bookings
    ///
    /// Another user's booking is not found (404), as if it did not exist.
    #[oai(path = "/:id", method = "get", operation_id = "get_booking")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The booking's id.
        id: Path<i64>,
    ) -> Result<Json<Booking>, GetBookingError> {
        let client = state.pool.get().await?;
        let booking = q::get_booking()
            .bind(&client, &id.0, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| booking_not_found(id.0))?;
        Ok(Json(booking.into()))
    }

    /// Cancel a booking
    ///
    /// Releases the seats of a pending booking. A confirmed (paid) booking of a screening that
    /// has not started is refunded to the wallet it was paid from, then cancelled.
    #[oai(path = "/:id/cancel", method = "post", operation_id = "cancel_booking")]
    async fn cancel(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The booking's id.
        id: Path<i64>,
    ) -> Result<Json<Booking>, CancelBookingError> {
        let cancel = CancelBooking {
            user_id: auth.0.user_id,
            id: id.0,
        };
        Ok(Json(in_transaction(&state.pool, &cancel).await?))
    }
}

/// Cancels a booking of the user's: a pending one releases its seats; a confirmed one of a
/// screening that has not started is refunded first.
///
/// Errors: 404 `booking_not_found`, 409 `booking_not_cancellable`.
pub struct CancelBooking {
    /// Who asks; must own the booking.
    pub user_id: i64,
    /// The booking.
    pub id: i64,
}

impl Workflow for CancelBooking {
    type Output = Booking;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Booking, ApiError> {
        let (id, user_id) = (self.id, self.user_id);
        let booking = q::lock_booking()
            .bind(tx, &id, &user_id)
            .opt()
            .await?
            .ok_or_else(|| booking_not_found(id))?;
        match booking.status {
            DbBookingStatus::Pending if booking.holding => {
                let cancelled = q::cancel_booking().bind(tx, &id, &user_id).one().await?;
                return Ok(cancelled.into());
            }
            DbBookingStatus::Confirmed if booking.upcoming => refund(tx, id).await?,
            _ => {
                let why = match booking.status {
                    DbBookingStatus::Confirmed => "its screening has started",
                    DbBookingStatus::Cancelled => "it is already cancelled",
                    _ => "its hold has expired",
                };
                return Err(ApiError::conflict(
                    "booking_not_cancellable",
                    format!("booking {id} cannot be cancelled: {why}"),
                ));
            }
        }
        Ok(q::get_booking().bind(tx, &id, &user_id).one().await?.into())
    }
}

/// Holds `seats` seats of a screening for a user, for the configured hold time.
///
/// Errors: 404 `screening_not_found`, 409 `screening_started`, 409 `not_enough_seats`.
pub async fn book_seats(
    state: &AppState,
    user_id: i64,
    screening_id: i64,
    seats: i32,
) -> Result<Booking, ApiError> {
    let client = state.pool.get().await?;
    let params = q::BookSeatsParams {
        seats,
        screening_id,
        user_id,
        hold_seconds: state.booking_hold.as_secs_f64(),
    };
    if let Some(booking) = q::book_seats().params(&client, &params).opt().await? {
        return Ok(booking.into());
    }
    // Sold out, or holds have lapsed and the sweep has not returned their seats yet: return
    // them now and try once more. Retry even when this reclaim freed nothing: a concurrent
    // sweep may have returned the seats since the first attempt.
    q::reclaim_expired_holds()
        .bind(&client, &screening_id)
        .await?;
    if let Some(booking) = q::book_seats().params(&client, &params).opt().await? {
        return Ok(booking.into());
    }
    let screening = q::screening_seats()
        .bind(&client, &screening_id)
        .opt()
        .await?
        .ok_or_else(|| screening_not_found(screening_id))?;
    if screening.starts_at <= Utc::now() {
        return Err(ApiError::conflict(
            "screening_started",
            format!("screening {screening_id} has started; it can no longer be booked"),
        ));
    }
    Err(ApiError::conflict(
        "not_enough_seats",
        format!(
            "{seats} seats requested, {} available",
            screening.available_seats
        ),
    ))
}

/// One pass of the sweep: expires up to `batch` lapsed holds and returns their seats.
/// Returns how many screenings got seats back.
pub async fn sweep_expired_holds(client: &impl GenericClient, batch: i64) -> Result<u64, DbError> {
    Ok(q::sweep_expired_holds().bind(client, &batch).await?)
}

/// Expires every lapsed hold and returns the seats, in batches. Several replicas may sweep at
/// once: rows locked by another sweep are skipped.
pub async fn sweep_all_expired_holds(pool: &Pool) -> Result<(), DbError> {
    const BATCH: i64 = 1000;
    let client = pool.get().await?;
    // Keep going while batches free seats, so a backlog clears in one pass.
    while sweep_expired_holds(&client, BATCH).await? > 0 {}
    Ok(())
}

/// Refunds the payment of a confirmed booking (locked by the caller): a reverse transfer from
/// the revenue account to the wallet it came from, the payment marked refunded, the booking
/// cancelled and its seats returned.
pub async fn refund(tx: &Transaction<'_>, booking_id: i64) -> Result<(), ApiError> {
    let payment = pq::lock_payment_of_booking()
        .bind(tx, &booking_id)
        .one()
        .await?;
    let locked = lock_accounts(
        tx,
        None,
        &[payment.account_id],
        Some((AccountKind::Revenue, &payment.currency)),
    )
    .await?;
    let revenue = locked.system(AccountKind::Revenue)?.id;
    let reverse = post_transfer(
        tx,
        revenue,
        payment.account_id,
        payment.amount,
        &payment.currency,
    )
    .await?;
    pq::mark_refunded()
        .bind(tx, &reverse.id, &payment.id)
        .await?;
    q::cancel_confirmed_booking().bind(tx, &booking_id).await?;
    Ok(())
}

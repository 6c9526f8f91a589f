//! Bookings: seats of a screening held for a customer until paid, cancelled or expired.
//!
//! How a booking takes its seats and how its hold ends is [`super::holds`]'s; paying is
//! [`super::payments`]' (a wallet) and [`super::card_payments`]' (a card). Here: the API of
//! bookings, and cancelling them, which refunds a paid booking to what paid it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::bookings as q;
use codegen::queries::card_payments as cpq;
use codegen::types::BookingStatus as DbBookingStatus;
use deadpool_postgres::{Pool, Transaction};
use poem::web::Data;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};

use crate::catalog::layouts::SeatCategory;
use crate::catalog::screenings::TicketType;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::http::{OptionalJson, Page};
use crate::platform::idempotency;
use crate::platform::params::{IdempotencyKey, OptionalIdempotencyKey, Paging};
use crate::platform::problem::{ApiError, RATE_LIMITED};

use super::card_outcomes::cancel_intent_quietly;
use super::card_records::{CardPayment, card_payments_of};
use super::card_refunds::{refund_to_card, settle_refunds_of};
use super::holds::{HoldSeats, SeatRequest};
use super::payments::refund;
use super::seat_selection::SeatLabel;
use super::waiting_list_offers::{offer_freed_seats, offer_lapsed_seats};
use super::{Ticketing, booking_not_found};

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

/// One booked seat: its ticket type and what it costs.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct BookingItem {
    /// The seat's row and number, e.g. `F12`.
    pub seat_label: String,
    pub category: SeatCategory,
    pub ticket_type: TicketType,
    /// The ticket type's price, plus the premium surcharge on a premium seat, in minor units
    /// of the booking's currency.
    pub amount: i64,
    /// What a voucher took off it, in the same units (0 when none covers it); what is paid
    /// for the seat is `amount − discount`.
    pub discount: i64,
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
    /// Number of seats, 1–10: the number of `items`.
    pub seats: i32,
    /// What is paid for the seats: the sum of the items' amounts less their discounts, in
    /// minor units of `currency`.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    pub status: BookingStatus,
    /// Until when a pending booking holds its seats (RFC 3339, UTC).
    pub expires_at: DateTime<Utc>,
    /// When it was made (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// The seats, front to back, left to right.
    pub seat_labels: Vec<String>,
    /// One per seat, in the order of `seat_labels`.
    pub items: Vec<BookingItem>,
    /// Its card payments, newest first, declined attempts included (`failed`).
    pub card_payments: Vec<CardPayment>,
}

impl Booking {
    /// Bookings as read, each with its card payments.
    ///
    /// Errors: the database's.
    pub async fn read(
        client: &impl codegen::client::GenericClient,
        rows: Vec<q::Booking>,
    ) -> Result<Vec<Booking>, ApiError> {
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let payments = card_payments_of(client, &ids).await?;
        let mut bookings: Vec<Booking> = rows.into_iter().map(Booking::from).collect();
        let position: std::collections::HashMap<i64, usize> = bookings
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id, i))
            .collect();
        for payment in payments {
            if let Some(&i) = position.get(&payment.booking_id) {
                bookings[i].card_payments.push(payment);
            }
        }
        Ok(bookings)
    }

    /// One booking as read, with its card payments.
    ///
    /// Errors: the database's.
    pub async fn read_one(
        client: &impl codegen::client::GenericClient,
        row: q::Booking,
    ) -> Result<Booking, ApiError> {
        let mut bookings = Booking::read(client, vec![row]).await?;
        Ok(bookings.remove(0))
    }
}

impl From<q::Booking> for Booking {
    fn from(row: q::Booking) -> Self {
        let items = row
            .seat_labels
            .iter()
            .zip(row.item_categories)
            .zip(row.item_ticket_types)
            .zip(row.item_amounts)
            .zip(row.item_discounts)
            .map(
                |((((label, category), ticket_type), amount), discount)| BookingItem {
                    seat_label: label.clone(),
                    category: category.into(),
                    ticket_type: ticket_type.into(),
                    amount,
                    discount,
                },
            )
            .collect();
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
            seat_labels: row.seat_labels,
            items,
            card_payments: Vec::new(),
        }
    }
}

/// `POST /v1/bookings` body: exactly one of `seats` (best available) and `seat_labels` (chosen
/// seats).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewBooking {
    /// The screening to book.
    pub screening_id: i64,
    /// Best available: this many adjacent standard seats in one row, 1–10.
    // Skipped when none only so that the document's example leaves it out.
    #[oai(
        validator(minimum(value = "1"), maximum(value = "10")),
        skip_serializing_if_is_none
    )]
    #[oai(nullable)]
    pub seats: Option<i32>,
    /// Chosen seats: 1–10 distinct labels, e.g. `["F11", "F12"]`.
    #[oai(validator(min_items = 1, max_items = 10, unique_items))]
    #[oai(nullable)]
    pub seat_labels: Option<Vec<SeatLabel>>,
    /// One per seat: for chosen seats in the order of `seat_labels`, for best available from
    /// left to right. All `adult` when left out.
    #[oai(validator(min_items = 1, max_items = 10))]
    #[oai(nullable)]
    pub ticket_types: Option<Vec<TicketType>>,
    /// A voucher's code, in any case: the seats it covers get its discount (`discount` on
    /// the items), and the booking holds one of its uses until it lapses or is cancelled.
    #[oai(
        validator(pattern = "^[A-Za-z0-9-]{4,32}$"),
        skip_serializing_if_is_none
    )]
    #[oai(nullable)]
    pub voucher_code: Option<String>,
}

impl poem_openapi::types::Example for NewBooking {
    fn example() -> Self {
        NewBooking {
            screening_id: 1,
            seats: None,
            seat_labels: Some(
                ["F11", "F12"]
                    .map(|l| SeatLabel::parse(l).expect("a label"))
                    .into(),
            ),
            ticket_types: Some(vec![TicketType::Adult, TicketType::Child]),
            voucher_code: None,
        }
    }
}

impl NewBooking {
    /// What the request asks for, with one ticket type per seat.
    ///
    /// Errors: 400 `invalid_request` (neither or both of `seats` and `seat_labels`, or not one
    /// ticket type per seat).
    pub fn request(&self) -> Result<(SeatRequest<'_>, Vec<TicketType>), ApiError> {
        let request = match (self.seats, &self.seat_labels) {
            (Some(seats), None) => SeatRequest::BestAvailable(seats),
            (None, Some(labels)) => SeatRequest::Chosen(labels),
            _ => {
                return Err(ApiError::bad_request(
                    "invalid_request",
                    "give exactly one of `seats` (best available) and `seat_labels` (chosen \
                     seats)",
                ));
            }
        };
        let count = request.count();
        let ticket_types = match &self.ticket_types {
            None => vec![TicketType::Adult; count],
            Some(types) if types.len() == count => types.clone(),
            Some(types) => {
                return Err(ApiError::bad_request(
                    "invalid_request",
                    format!(
                        "`ticket_types` has {} entries for {count} seats: give one per seat",
                        types.len()
                    ),
                ));
            }
        };
        Ok((request, ticket_types))
    }
}

/// Takes the seats of a new booking of `user_id` in one transaction ([`HoldSeats`]). With an
/// idempotency key, a retry of the same `request` gets the first answer (the booking as it
/// was made, or the same problem) and takes nothing.
///
/// Errors: those of [`HoldSeats::new`]; 400 `invalid_request` (see [`NewBooking::request`]);
/// 422 `idempotency_key_reused`; 429 `rate_limited` (the day's idempotency keys are used
/// up).
async fn book(
    state: &AppState,
    ticketing: &Ticketing,
    user_id: i64,
    request: &NewBooking,
    idempotency_key: Option<&IdempotencyKey>,
) -> Result<Booking, ApiError> {
    let (seats, types) = request.request()?;
    let offer_seconds = ticketing.settings.waiting_list_offer.as_secs_f64();
    offer_lapsed_seats(&state.pool, request.screening_id, offer_seconds).await?;
    let hold = Shown(HoldSeats::new(
        ticketing,
        user_id,
        request.screening_id,
        seats,
        types,
        request.voucher_code.as_deref(),
    ));
    match idempotency_key {
        Some(key) => idempotency::once(state, user_id, key, request, &hold).await,
        None => in_transaction(&state.pool, &hold).await,
    }
}

/// A new booking as the API shows it (what an idempotency key records). [`HoldSeats`]
/// decides on a refusal before it writes (but for expiring lapsed holds, which stand either
/// way), so that a refusal committed as a key's outcome leaves nothing half done.
struct Shown<'a>(HoldSeats<'a>);

impl Workflow for Shown<'_> {
    type Output = Booking;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Booking, ApiError> {
        self.0.run(tx).await.map(Booking::from)
    }
}

/// `POST /v1/bookings/{id}/cancel` body: the seats to give back.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct CancelSeats {
    /// 1–10 distinct labels of the booking's seats.
    #[oai(validator(min_items = 1, max_items = 10, unique_items))]
    pub seat_labels: Vec<SeatLabel>,
}

#[derive(ApiResponse)]
enum CreatedBooking {
    /// The seats are held until `expires_at`.
    #[oai(status = 201)]
    Created(Json<Booking>),
}

operation_errors! {
    CreateBookingError(JsonBody, Bearer) {
        400: "`invalid_request`: malformed JSON, unknown fields, a value out of range, not \
              exactly one of `seats` and `seat_labels`, not one ticket type per seat, or an \
              `Idempotency-Key` of more than 255 characters.",
        404: "`screening_not_found`.",
        409: "`seats_taken` (the detail names them), `companion_needs_wheelchair`, \
              `single_seat_gap` (the detail names the seat that would be left alone), \
              `no_adjacent_seats` (enough seats are free, but not side by side in one row), \
              `not_enough_seats`, `hold_limit_reached` (the caller already holds as many \
              seats in unpaid bookings as one customer may, of this screening or in all), or \
              `screening_started`.",
        422: "`unknown_seat` (the screening has no such seat), `ticket_type_not_offered`, or \
              `idempotency_key_reused` (the key was used for another request).",
        429: RATE_LIMITED,
    }
    ListBookingsError(Query, Bearer) {}
    GetBookingError(Path, Bearer) {
        404: "`booking_not_found`: no such booking of the caller's.",
    }
    CancelBookingError(Path, JsonBody, Bearer) {
        404: "`booking_not_found`: no such booking of the caller's.",
        409: "`booking_not_cancellable` (already cancelled, expired, or paid for a screening \
              that has started) or `ticket_checked_in` (a seat's ticket has been admitted; \
              nothing is given back).",
        422: "`unknown_seat`: `seat_labels` names a seat the booking does not have (or no \
              longer has).",
    }
}

/// `/v1/bookings`.
pub struct BookingsApi {
    /// The context: hold time, limits, metrics.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(prefix_path = "/v1/bookings", tag = "super::Tag::Bookings")]
impl BookingsApi {
    /// Book seats
    ///
    /// Holds seats of a screening for the caller: with `seat_labels`, the seats chosen (all
    /// or none); with `seats`, the best block of that many adjacent standard seats (rows
    /// nearest two thirds of the way back first, then the block nearest the row's middle),
    /// never one that leaves a lone seat beside it while another block leaves none. Each seat
    /// costs its ticket type's price, plus the premium surcharge on a premium seat. The
    /// booking is `pending` until it is paid or `expires_at` passes; then the seats return to
    /// the screening. A customer holds at most so many seats in unpaid bookings (10 of a
    /// screening and 20 in all by default). With an `Idempotency-Key`, a retry after a lost
    /// answer gets the first answer (the booking as it was made, or the same error) and
    /// books nothing more.
    #[oai(path = "/", method = "post", operation_id = "create_booking")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        idempotency_key: OptionalIdempotencyKey,
        body: Json<NewBooking>,
    ) -> Result<CreatedBooking, CreateBookingError> {
        self.ticketing.booking_limit.check(&auth.0.user_id)?;
        let key = idempotency_key.0.as_ref();
        let result = book(&state, &self.ticketing, auth.0.user_id, &body, key).await;
        self.ticketing.metrics.bookings.count(&result);
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
        page: Paging,
    ) -> Result<Json<Page<Booking>>, ListBookingsError> {
        let client = state.pool.get().await?;
        let rows = q::list_bookings()
            .bind(&client, &auth.0.user_id, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        let bookings = Booking::read(&client, rows).await?;
        Ok(Json(page.page(bookings, |b| b.id, |b| b)))
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
        Ok(Json(Booking::read_one(&client, booking).await?))
    }

    /// Cancel a booking, or some of its seats
    ///
    /// Without a body, releases all the seats of a pending booking (a card payment under way
    /// fails, and is cancelled at the provider); a confirmed (paid) booking of a screening that
    /// has not started is refunded to what paid it (the wallet, or the card through the
    /// provider: see the card payment's `refunds`), then cancelled. With `seat_labels`, only
    /// those seats are released (and, if paid, refunded by their items' amounts); the booking
    /// keeps the others. The tickets of the seats given back become void; a seat whose ticket
    /// has been checked in cannot be given back.
    #[oai(path = "/:id/cancel", method = "post", operation_id = "cancel_booking")]
    async fn cancel(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The booking's id.
        id: Path<i64>,
        body: OptionalJson<CancelSeats>,
    ) -> Result<Json<Booking>, CancelBookingError> {
        let cancel = CancelBooking {
            user_id: auth.0.user_id,
            id: id.0,
            seat_labels: body.0.map(|b| b.seat_labels),
            offer_seconds: self.ticketing.settings.waiting_list_offer.as_secs_f64(),
        };
        let cancelled = in_transaction(&state.pool, &cancel).await?;
        finish_cancellation(&state.pool, &self.ticketing, cancelled).await;
        let client = state.pool.get().await?;
        let booking = q::get_booking()
            .bind(&client, &id.0, &auth.0.user_id)
            .one()
            .await?;
        Ok(Json(Booking::read_one(&client, booking).await?))
    }
}

/// What is left of a cancellation after its commit: the card refund is sent (the sweep sends
/// it again if the provider does not take it now), and a payment that was under way is
/// cancelled at the provider, so that it can no longer be charged.
pub async fn finish_cancellation(pool: &Pool, ticketing: &Ticketing, cancelled: Cancelled) {
    if let Some(card_payment_id) = cancelled.card_refund {
        settle_refunds_of(pool, ticketing, card_payment_id).await;
    }
    for intent_id in &cancelled.intents_to_cancel {
        cancel_intent_quietly(ticketing, intent_id).await;
    }
}

/// What a cancellation did that is finished after its commit.
pub struct Cancelled {
    /// The card payment refunded, whose refund is to be sent.
    pub card_refund: Option<i64>,
    /// Intents of card payments that were under way, to cancel at the provider.
    pub intents_to_cancel: Vec<String>,
}

/// Cancels a booking of the user's, or some of its seats: a pending one releases them (and
/// its open card payment fails); a confirmed one of a screening that has not started is
/// refunded first, to the wallet or the card that paid it.
///
/// The tickets of the seats given back become void; a ticket already admitted refuses the
/// whole cancellation. The seats given back are offered to the screening's waiting list.
///
/// Errors: 404 `booking_not_found`, 409 `booking_not_cancellable`, `ticket_checked_in`, 422
/// `unknown_seat`.
pub struct CancelBooking {
    /// Who asks; must own the booking.
    pub user_id: i64,
    /// The booking.
    pub id: i64,
    /// Only these seats; all when `None`.
    pub seat_labels: Option<Vec<SeatLabel>>,
    /// How long an offer of the seats to the waiting list holds them (seconds).
    pub offer_seconds: f64,
}

impl Workflow for CancelBooking {
    type Output = Cancelled;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Cancelled, ApiError> {
        let (id, user_id) = (self.id, self.user_id);
        let booking = q::lock_booking()
            .bind(tx, &id, &user_id)
            .opt()
            .await?
            .ok_or_else(|| booking_not_found(id))?;
        let cancellable = match booking.status {
            DbBookingStatus::Pending => booking.holding,
            DbBookingStatus::Confirmed => booking.upcoming,
            _ => false,
        };
        if !cancellable {
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
        let paid = booking.status == DbBookingStatus::Confirmed;
        let current = q::get_booking().bind(tx, &id, &user_id).one().await?;
        let some = match &self.seat_labels {
            Some(labels) => {
                let labels: Vec<String> = labels.iter().map(ToString::to_string).collect();
                let missing: Vec<&str> = labels
                    .iter()
                    .filter(|l| !current.seat_labels.contains(l))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    return Err(ApiError::unprocessable(
                        "unknown_seat",
                        format!("booking {id} has no seat {}", missing.join(", ")),
                    ));
                }
                // Naming every seat cancels the booking.
                (labels.len() < current.seat_labels.len()).then_some(labels)
            }
            None => None,
        };
        let mut cancelled = Cancelled {
            card_refund: None,
            intents_to_cancel: Vec::new(),
        };
        if !paid {
            // A card payment under way is for the booking as it was: it fails (if it is
            // charged anyway, the charge is refunded: card_outcomes).
            cancelled.intents_to_cancel = cpq::fail_open_payments()
                .bind(tx, &"booking_cancelled", &id)
                .all()
                .await?
                .into_iter()
                .flatten()
                .collect();
        }
        match (some, paid) {
            (Some(labels), _) => {
                let released = q::release_booking_seats()
                    .bind(tx, &id, &labels)
                    .one()
                    .await?;
                if paid {
                    cancelled.card_refund = refund_paid(tx, id, released.amount, false).await?;
                }
            }
            (None, true) => {
                cancelled.card_refund = refund_paid(tx, id, booking.amount, true).await?
            }
            (None, false) => {
                q::cancel_booking().bind(tx, &id).one().await?;
            }
        }
        offer_freed_seats(tx, booking.screening_id, self.offer_seconds).await?;
        Ok(cancelled)
    }
}

/// Refunds `amount` of a paid booking (locked) to the card or the wallet that paid it, and
/// with `whole` cancels it. Returns the card payment refunded, if a card paid.
async fn refund_paid(
    tx: &Transaction<'_>,
    booking_id: i64,
    amount: i64,
    whole: bool,
) -> Result<Option<i64>, ApiError> {
    let card = refund_to_card(tx, booking_id, amount, whole).await?;
    if card.is_none() {
        refund(tx, booking_id, amount, whole).await?;
    }
    Ok(card)
}

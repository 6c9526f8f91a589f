//! Holds: how a booking takes its seats, and how its hold ends.
//!
//! A booking takes seats by writing its id on them, either the seats the customer chose
//! ([`HoldSeats`] with [`SeatRequest::Chosen`]: locked with their neighbours in seat order,
//! checked by [`super::seat_selection`], then taken) or the best block of adjacent seats
//! ([`SeatRequest::BestAvailable`]). A seat holds one booking id, so no seat is sold twice
//! whatever the interleaving. A pending booking holds its seats until `expires_at`; a lapsed
//! hold reads as free at once (every seat query compares `held_until` with now), and the
//! sweep ([`sweep_expired_holds`]) marks its booking expired, which gives the seats back, in
//! batches, in every replica at once.

use codegen::client::GenericClient;
use codegen::client::Params as _;
use codegen::queries::bookings as q;
use codegen::queries::seats as sq;
use codegen::types::{SeatCategory as DbSeatCategory, TicketType as DbTicketType};
use deadpool_postgres::{Pool, Transaction};

use crate::catalog::screenings::{Prices, TicketType, screening_not_found};
use crate::platform::AppState;
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::db_errors::QueryError;
use crate::platform::problem::ApiError;

use super::Ticketing;
use super::seat_selection::{SeatLabel, check_chosen_seats};

/// One pass of the sweep: expires up to `batch` lapsed holds and returns their seats.
/// Returns how many bookings expired.
pub async fn sweep_expired_holds(
    client: &impl GenericClient,
    batch: i64,
) -> Result<u64, QueryError> {
    Ok(q::sweep_expired_holds()
        .bind(client, &batch)
        .all()
        .await?
        .len() as u64)
}

/// Expires every lapsed hold and returns the seats, in batches. Several replicas may sweep at
/// once: rows locked by another sweep are skipped.
pub async fn sweep_all_expired_holds(pool: &Pool) -> Result<(), QueryError> {
    const BATCH: i64 = 1000;
    let client = pool.get().await?;
    // Keep going while batches free seats, so a backlog clears in one pass.
    while sweep_expired_holds(&client, BATCH).await? > 0 {}
    Ok(())
}

/// The seats a booking asks for.
pub enum SeatRequest<'a> {
    /// This many adjacent standard seats, chosen by the database.
    BestAvailable(i32),
    /// These seats.
    Chosen(&'a [SeatLabel]),
}

impl SeatRequest<'_> {
    /// How many seats.
    pub fn count(&self) -> usize {
        match self {
            SeatRequest::BestAvailable(seats) => *seats as usize,
            SeatRequest::Chosen(labels) => labels.len(),
        }
    }
}

/// Takes the seats of a new booking of `user_id`, best available or chosen, one ticket type
/// per seat, in one transaction, for the configured hold time. Returns the booking as
/// `get_booking` reads it.
///
/// Errors: 404 `screening_not_found`; 409 `screening_started`, `seats_taken`,
/// `companion_needs_wheelchair`, `single_seat_gap`, `no_adjacent_seats`, `not_enough_seats`;
/// 422 `unknown_seat`, `ticket_type_not_offered`.
pub async fn book(
    state: &AppState,
    ticketing: &Ticketing,
    user_id: i64,
    screening_id: i64,
    seats: SeatRequest<'_>,
    ticket_types: Vec<TicketType>,
) -> Result<q::Booking, ApiError> {
    let hold = HoldSeats {
        user_id,
        screening_id,
        seats,
        ticket_types,
        hold_seconds: ticketing.settings.booking_hold.as_secs_f64(),
    };
    in_transaction(&state.pool, &hold).await
}

/// Takes the seats of a new booking.
struct HoldSeats<'a> {
    user_id: i64,
    screening_id: i64,
    seats: SeatRequest<'a>,
    ticket_types: Vec<TicketType>,
    hold_seconds: f64,
}

impl Workflow for HoldSeats<'_> {
    type Output = q::Booking;

    async fn run(&self, tx: &Transaction<'_>) -> Result<q::Booking, ApiError> {
        let screening_id = self.screening_id;
        let screening = q::bookable_screening()
            .bind(tx, &screening_id)
            .opt()
            .await?
            .ok_or_else(|| screening_not_found(screening_id))?;
        if screening.started {
            return Err(ApiError::conflict(
                "screening_started",
                format!("screening {screening_id} has started; it can no longer be booked"),
            ));
        }
        let prices = Prices {
            adult: screening.price,
            child: screening.child_price,
            senior: screening.senior_price,
            student: screening.student_price,
        };
        let ticket_prices = self
            .ticket_types
            .iter()
            .map(|&ticket_type| {
                prices.of(ticket_type).ok_or_else(|| {
                    ApiError::unprocessable(
                        "ticket_type_not_offered",
                        format!(
                            "screening {screening_id} sells no {} tickets",
                            ticket_type.name()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<i64>, ApiError>>()?;
        let db_types: Vec<DbTicketType> = self.ticket_types.iter().map(|&t| t.into()).collect();
        let booking_id = match self.seats {
            SeatRequest::Chosen(labels) => {
                self.hold_chosen(
                    tx,
                    labels,
                    &db_types,
                    &ticket_prices,
                    screening.premium_surcharge,
                )
                .await?
            }
            SeatRequest::BestAvailable(seats) => {
                self.hold_best_available(tx, seats, &db_types, &ticket_prices)
                    .await?
            }
        };
        Ok(q::get_booking()
            .bind(tx, &booking_id, &self.user_id)
            .one()
            .await?)
    }
}

impl HoldSeats<'_> {
    /// Locks the seats asked for with their neighbours, checks the rules on them, and takes
    /// them. Returns the booking's id.
    async fn hold_chosen(
        &self,
        tx: &Transaction<'_>,
        labels: &[SeatLabel],
        ticket_types: &[DbTicketType],
        ticket_prices: &[i64],
        premium_surcharge: i64,
    ) -> Result<i64, ApiError> {
        let rows: Vec<&str> = labels.iter().map(SeatLabel::row).collect();
        let numbers: Vec<i16> = labels.iter().map(SeatLabel::number).collect();
        let near = sq::lock_seats_around()
            .bind(tx, &rows, &numbers, &self.screening_id)
            .all()
            .await?;
        let chosen = check_chosen_seats(labels, &near)?;
        let amounts: Vec<i64> = chosen
            .iter()
            .zip(ticket_prices)
            .map(|(seat, price)| match seat.category {
                DbSeatCategory::Premium => price + premium_surcharge,
                _ => *price,
            })
            .collect();
        let held = sq::hold_chosen_seats()
            .params(
                tx,
                &sq::HoldChosenSeatsParams {
                    user_id: self.user_id,
                    row_indexes: chosen.iter().map(|s| s.row_index).collect::<Vec<_>>(),
                    amount: amounts.iter().sum(),
                    hold_seconds: self.hold_seconds,
                    screening_id: self.screening_id,
                    numbers: chosen.iter().map(|s| s.number).collect::<Vec<_>>(),
                    labels: chosen.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
                    ticket_types,
                    amounts: &amounts,
                },
            )
            .all()
            .await?;
        match held.first() {
            Some(seat) if held.len() == chosen.len() => Ok(seat.booking_id),
            // The seats were locked and free, and the screening had not started a moment ago.
            _ => Err(ApiError::conflict(
                "screening_started",
                format!(
                    "screening {} has started; it can no longer be booked",
                    self.screening_id
                ),
            )),
        }
    }

    /// Takes the best block of `seats` adjacent standard seats. Returns the booking's id.
    async fn hold_best_available(
        &self,
        tx: &Transaction<'_>,
        seats: i32,
        ticket_types: &[DbTicketType],
        ticket_prices: &[i64],
    ) -> Result<i64, ApiError> {
        let params = sq::HoldBestAvailableParams {
            user_id: self.user_id,
            seats,
            amount: ticket_prices.iter().sum(),
            hold_seconds: self.hold_seconds,
            screening_id: self.screening_id,
            ticket_types,
            amounts: ticket_prices,
        };
        if let Some(booking_id) = attempt_best_available(tx, &params).await? {
            return Ok(booking_id);
        }
        // Seats whose holds lapsed look taken until the sweep frees them. Expire those holds
        // here and, if enough seats are free in the snapshot after that, try once more.
        q::expire_lapsed_holds()
            .bind(tx, &self.screening_id)
            .await?;
        let free = sq::free_standard_seats()
            .bind(tx, &self.screening_id)
            .one()
            .await?;
        if free >= seats
            && let Some(booking_id) = attempt_best_available(tx, &params).await?
        {
            return Ok(booking_id);
        }
        Err(if free >= seats {
            ApiError::conflict(
                "no_adjacent_seats",
                format!(
                    "{seats} seats requested and {free} standard seats are free, but no row has \
                     {seats} of them side by side; choose seats from the seat map"
                ),
            )
        } else {
            ApiError::conflict(
                "not_enough_seats",
                format!("{seats} seats requested, {free} available"),
            )
        })
    }
}

/// One attempt at best available, in a savepoint: a failed attempt has inserted its booking,
/// which is rolled back. Returns the booking's id, or `None` when no block was free.
async fn attempt_best_available(
    tx: &Transaction<'_>,
    params: &sq::HoldBestAvailableParams<&[DbTicketType], &[i64]>,
) -> Result<Option<i64>, ApiError> {
    tx.batch_execute("SAVEPOINT best_available").await?;
    let held = sq::hold_best_available().params(tx, params).all().await?;
    let Some(seat) = held.first() else {
        tx.batch_execute("ROLLBACK TO SAVEPOINT best_available")
            .await?;
        return Ok(None);
    };
    tx.batch_execute("RELEASE SAVEPOINT best_available").await?;
    Ok(Some(seat.booking_id))
}

//! Holds: how a booking takes its seats, and how its hold ends.
//!
//! A booking takes seats by writing its id on them, either the seats the customer chose
//! ([`HoldSeats`] with [`SeatRequest::Chosen`]: locked with their neighbours in seat order,
//! checked by [`super::seat_selection`], then taken) or the best block of adjacent seats
//! ([`SeatRequest::BestAvailable`]). A seat holds one booking id, so no seat is sold twice
//! whatever the interleaving. A pending booking holds its seats until `expires_at`; a lapsed
//! hold reads as free at once (every seat query compares `held_until` with now), and the
//! sweep ([`sweep_expired_holds`]) marks its booking expired, which gives the seats back, in
//! batches, in every replica at once. Seats given back go to the screening's waiting list
//! first ([`super::waiting_list_offers`]).

use std::collections::BTreeSet;

use codegen::client::Params as _;
use codegen::queries::bookings as q;
use codegen::queries::seats as sq;
use codegen::queries::vouchers as vq;
use codegen::types::{
    BookingStatus as DbBookingStatus, SeatCategory as DbSeatCategory, TicketType as DbTicketType,
    UserRole,
};
use deadpool_postgres::{Pool, Transaction};

use crate::catalog::screenings::{Prices, TicketType, screening_not_found, screening_started};
use crate::platform::db::{Workflow, in_transaction, is_transient};
use crate::platform::problem::{ApiError, error_chain};

use super::best_available::{self, Block, Rule};
use super::seat_selection::{SeatLabel, check_chosen_seats};
use super::vouchers::{self, Discount};
use super::waiting_list_offers::{offer_freed_seats, offer_waiting_parties};
use super::{HoldCaps, Ticketing};

/// One pass of the sweep, in a transaction: expires up to `batch` lapsed holds, returns their
/// seats and offers them to their screenings' waiting lists (offers held `offer_seconds`),
/// before any booking sees them free. Returns how many bookings expired.
///
/// Errors: the database's.
pub async fn sweep_expired_holds(
    pool: &Pool,
    batch: i64,
    offer_seconds: f64,
) -> Result<u64, ApiError> {
    in_transaction(
        pool,
        &SweepHolds {
            batch,
            offer_seconds,
        },
    )
    .await
}

/// Expires every lapsed hold and returns the seats, in batches, then offers the seats free
/// at screenings with a waiting list that no offer reached yet
/// ([`offer_waiting_parties`]). Several replicas may sweep at once: rows locked by another
/// sweep are skipped.
///
/// Errors: the database's.
pub async fn sweep_all_expired_holds(pool: &Pool, offer_seconds: f64) -> Result<(), ApiError> {
    const BATCH: i64 = 1000;
    // Keep going while batches free seats, so a backlog clears in one pass.
    while sweep_expired_holds(pool, BATCH, offer_seconds).await? > 0 {}
    offer_waiting_parties(pool, offer_seconds).await?;
    Ok(())
}

/// One batch of the sweep: see [`sweep_expired_holds`].
struct SweepHolds {
    batch: i64,
    offer_seconds: f64,
}

impl Workflow for SweepHolds {
    type Output = u64;

    async fn run(&self, tx: &Transaction<'_>) -> Result<u64, ApiError> {
        let expired = q::sweep_expired_holds().bind(tx, &self.batch).all().await?;
        let screenings: BTreeSet<i64> = expired.iter().map(|b| b.screening_id).collect();
        for screening_id in screenings {
            // An offer that fails must not keep every lapsed hold from expiring: its
            // screening's seats then go on sale without it (logged), the others' are offered.
            tx.batch_execute("SAVEPOINT offer").await?;
            match offer_freed_seats(tx, screening_id, self.offer_seconds).await {
                Ok(_) => tx.batch_execute("RELEASE SAVEPOINT offer").await?,
                Err(err) if !is_transient(&err) => {
                    tracing::warn!(screening_id, error = %error_chain(&err),
                                   "offering freed seats to the waiting list failed");
                    tx.batch_execute("ROLLBACK TO SAVEPOINT offer").await?;
                }
                Err(err) => return Err(err),
            }
        }
        Ok(expired.len() as u64)
    }
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

impl<'a> HoldSeats<'a> {
    /// The workflow that takes the seats of a new booking of `user_id`, best available or
    /// chosen, one ticket type per seat, for the configured hold time. Its output is the
    /// booking as `get_booking` would read it.
    ///
    /// With `voucher_code`, each seat the voucher covers gets its discount and the
    /// booking holds one of its uses ([`super::vouchers`]).
    ///
    /// Errors (of running it): 404 `screening_not_found`; 409 `screening_started`,
    /// `seats_taken`, `companion_needs_wheelchair`, `single_seat_gap`, `no_adjacent_seats`,
    /// `not_enough_seats`, `hold_limit_reached`, `voucher_not_applicable`, `voucher_used_up`;
    /// 422 `unknown_seat`, `ticket_type_not_offered`, `voucher_invalid`.
    pub fn new(
        ticketing: &Ticketing,
        user_id: i64,
        screening_id: i64,
        seats: SeatRequest<'a>,
        ticket_types: Vec<TicketType>,
        voucher_code: Option<&'a str>,
    ) -> Self {
        HoldSeats {
            user_id,
            screening_id,
            seats,
            ticket_types,
            voucher_code,
            hold_seconds: ticketing.settings.booking_hold.as_secs_f64(),
            offer_seconds: ticketing.settings.waiting_list_offer.as_secs_f64(),
            caps: ticketing.settings.hold_caps,
        }
    }
}

/// Takes the seats of a new booking: see [`HoldSeats::new`].
pub struct HoldSeats<'a> {
    user_id: i64,
    screening_id: i64,
    seats: SeatRequest<'a>,
    ticket_types: Vec<TicketType>,
    voucher_code: Option<&'a str>,
    hold_seconds: f64,
    offer_seconds: f64,
    caps: HoldCaps,
}

impl Workflow for HoldSeats<'_> {
    type Output = q::Booking;

    async fn run(&self, tx: &Transaction<'_>) -> Result<q::Booking, ApiError> {
        let screening_id = self.screening_id;
        let screening = q::bookable_screening()
            .bind(tx, &screening_id, &self.user_id)
            .opt()
            .await?
            .ok_or_else(|| screening_not_found(screening_id))?;
        if screening.started {
            return Err(screening_started(screening_id));
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
        self.check_caps(tx, screening.role).await?;
        let db_types: Vec<DbTicketType> = self.ticket_types.iter().map(|&t| t.into()).collect();
        let discount = match self.voucher_code {
            Some(code) => {
                Some(vouchers::find(tx, code, screening_id, self.user_id, &db_types).await?)
            }
            None => None,
        };
        let pricing = Pricing {
            ticket_types: &db_types,
            prices: &ticket_prices,
            discount: discount.as_ref(),
        };
        let held = match self.seats {
            SeatRequest::Chosen(labels) => {
                self.hold_chosen(tx, labels, &pricing, screening.premium_surcharge)
                    .await?
            }
            SeatRequest::BestAvailable(seats) => {
                self.hold_best_available(tx, seats, &pricing).await?
            }
        };
        Ok(self.booking(held))
    }
}

impl HoldSeats<'_> {
    /// Refuses the booking if the seats it asks for would take the customer's holds past a
    /// cap: counted while the customer's row is locked (`bookable_screening` locked it), so
    /// that concurrent requests of one customer are counted one after the other and cannot
    /// together pass it. Admins and staff (`role`), selling at the counter, are not capped.
    ///
    /// Errors: 409 `hold_limit_reached`.
    async fn check_caps(&self, tx: &Transaction<'_>, role: UserRole) -> Result<(), ApiError> {
        if matches!(role, UserRole::Admin | UserRole::Staff) {
            return Ok(());
        }
        let held = q::customer_holds()
            .bind(tx, &self.screening_id, &self.user_id)
            .one()
            .await?;
        let wanted = self.seats.count() as i32;
        let HoldCaps {
            per_screening,
            total,
        } = self.caps;
        if held.here + wanted > per_screening || held.total + wanted > total {
            return Err(ApiError::conflict(
                "hold_limit_reached",
                format!(
                    "you hold {} seats of this screening and {} in all in unpaid bookings; \
                     with {wanted} more that would pass the limit of {per_screening} per \
                     screening or {total} in all: pay for or cancel a booking first",
                    held.here, held.total
                ),
            ));
        }
        Ok(())
    }

    /// Locks the rows of the seats asked for (in row order) and the seats with their
    /// neighbours, checks the rules on them, and takes them. Returns the seats taken.
    async fn hold_chosen(
        &self,
        tx: &Transaction<'_>,
        labels: &[SeatLabel],
        pricing: &Pricing<'_>,
        premium_surcharge: i64,
    ) -> Result<Vec<sq::HeldSeat>, ApiError> {
        let rows: Vec<&str> = labels.iter().map(SeatLabel::row).collect();
        let numbers: Vec<i16> = labels.iter().map(SeatLabel::number).collect();
        sq::lock_rows_of_labels()
            .bind(tx, &self.screening_id, &rows)
            .all()
            .await?;
        let voucher_id = pricing.discount.map(|d| d.voucher_id);
        let near = sq::lock_seats_around()
            .bind(tx, &rows, &numbers, &self.screening_id, &voucher_id)
            .all()
            .await?;
        let chosen = check_chosen_seats(labels, &near)?;
        let seats: Vec<Seat> = chosen
            .iter()
            .zip(pricing.prices)
            .map(|(seat, price)| Seat {
                row_index: seat.row_index,
                number: seat.number,
                label: seat.label.clone(),
                amount: match seat.category {
                    DbSeatCategory::Premium => price + premium_surcharge,
                    _ => *price,
                },
            })
            .collect();
        self.take(tx, &seats, pricing).await
    }

    /// Takes the best block of `seats` adjacent standard seats by the rules of
    /// [`best_available`]: rows are tried in rank order, each locked unless another booking
    /// holds it (`SKIP LOCKED`) and its block chosen on its state under the lock. A row that
    /// turns out to have no block is let go at once (`ROLLBACK TO SAVEPOINT`, which releases
    /// its lock), so the booking never holds more than the row it takes seats in; when every
    /// row that may have a block is held by another booking, it waits for the best of them,
    /// holding none, rather than take a block the rule does not allow. Returns the seats
    /// taken.
    ///
    /// Errors: 409 `no_adjacent_seats`, `not_enough_seats`.
    async fn hold_best_available(
        &self,
        tx: &Transaction<'_>,
        seats: i32,
        pricing: &Pricing<'_>,
    ) -> Result<Vec<sq::HeldSeat>, ApiError> {
        let wanted = seats as i16;
        let screening_id = self.screening_id;
        if let Some(held) = self.hold_reserved(tx, wanted, pricing).await? {
            return Ok(held);
        }
        tx.batch_execute("SAVEPOINT row_lock").await?;
        let mut expired_lapsed = false;
        let mut rounds = 0;
        loop {
            let rows = sq::seat_rows().bind(tx, &screening_id).all().await?;
            // Each round takes a block, or finds a row it planned on without one, which the
            // next snapshot then shows: at most one round per row, and one to expire holds.
            rounds += 1;
            if rounds > 2 * rows.len() + 4 {
                return Err(ApiError::Internal(format!(
                    "best available for screening {screening_id} made no progress"
                )));
            }
            let plan = best_available::plan(&rows, wanted);
            // Seats whose holds lapsed read as held until their bookings expire. Before
            // refusing, or taking a block that strands a seat, expire them once (or wait for
            // a sweep expiring them) and look again.
            if !expired_lapsed && plan.as_ref().is_none_or(|p| p.rule == Rule::Any) {
                expired_lapsed = true;
                self.expire_lapsed_holds(tx).await?;
                // A new savepoint after the expiry, which a later rollback must keep.
                tx.batch_execute("SAVEPOINT row_lock").await?;
                continue;
            }
            let Some(plan) = plan else {
                return Err(refusal(seats, best_available::free_standard_seats(&rows)));
            };
            let mut busy = None;
            for planned in &plan.rows {
                // As the snapshot had it: a row without a block is not worth a lock.
                if best_available::best_block(planned, wanted, plan.rule).is_none() {
                    continue;
                }
                let row_index = planned.row_index;
                let locked = sq::lock_row_if_idle()
                    .bind(tx, &screening_id, &row_index)
                    .opt()
                    .await?;
                let Some(row) = locked else {
                    busy.get_or_insert(row_index);
                    continue;
                };
                if let Some(block) = best_available::block_under_lock(&row, wanted, plan.rule) {
                    return self.take_block(tx, &row, block, pricing).await;
                }
                tx.batch_execute("ROLLBACK TO SAVEPOINT row_lock").await?;
            }
            // Every row planned on is held by another booking: wait for the best one.
            if let Some(row_index) = busy {
                let row = sq::lock_row()
                    .bind(tx, &screening_id, &row_index)
                    .one()
                    .await?;
                if let Some(block) = best_available::block_under_lock(&row, wanted, plan.rule) {
                    return self.take_block(tx, &row, block, pricing).await;
                }
                tx.batch_execute("ROLLBACK TO SAVEPOINT row_lock").await?;
            }
        }
    }

    /// A booking with a voucher that keeps seats here takes the best block of them, if one
    /// fits the party (on the rows of those seats, locked in row order); `None` when none
    /// does, and then it books as anyone else does, holding no row.
    async fn hold_reserved(
        &self,
        tx: &Transaction<'_>,
        wanted: i16,
        pricing: &Pricing<'_>,
    ) -> Result<Option<Vec<sq::HeldSeat>>, ApiError> {
        let Some(discount) = pricing.discount.filter(|d| d.reserves) else {
            return Ok(None);
        };
        let (screening_id, voucher_id) = (self.screening_id, discount.voucher_id);
        tx.batch_execute("SAVEPOINT reserved").await?;
        vq::lock_rows_of_reserved_seats()
            .bind(tx, &screening_id, &voucher_id)
            .all()
            .await?;
        let rows = sq::reserved_seat_rows()
            .bind(tx, &screening_id, &voucher_id)
            .all()
            .await?;
        match best_available::choose(&rows, wanted) {
            Some((index, block)) => Ok(Some(
                self.take_block(tx, &rows[index], block, pricing).await?,
            )),
            None => {
                tx.batch_execute("ROLLBACK TO SAVEPOINT reserved").await?;
                Ok(None)
            }
        }
    }

    /// Expires the screening's lapsed holds (waiting for bookings another transaction holds,
    /// while holding no row of seats) and offers their seats to its waiting list, before the
    /// booking looks at the seats again.
    async fn expire_lapsed_holds(&self, tx: &Transaction<'_>) -> Result<(), ApiError> {
        let expired = q::expire_lapsed_holds()
            .bind(tx, &self.screening_id)
            .all()
            .await?;
        if !expired.is_empty() {
            offer_freed_seats(tx, self.screening_id, self.offer_seconds).await?;
        }
        Ok(())
    }

    /// The booking just made, from its seats as `hold_seats` returned them.
    fn booking(&self, held: Vec<sq::HeldSeat>) -> q::Booking {
        let first = &held[0];
        q::Booking {
            id: first.booking_id,
            user_id: self.user_id,
            screening_id: self.screening_id,
            seats: held.len() as i32,
            amount: held.iter().map(|seat| seat.amount - seat.discount).sum(),
            currency: first.currency.clone(),
            status: DbBookingStatus::Pending,
            expires_at: first.expires_at,
            created_at: first.created_at,
            seat_labels: held.iter().map(|seat| seat.label.clone()).collect(),
            item_categories: held.iter().map(|seat| seat.category).collect(),
            item_ticket_types: held.iter().map(|seat| seat.ticket_type).collect(),
            item_amounts: held.iter().map(|seat| seat.amount).collect(),
            item_discounts: held.iter().map(|seat| seat.discount).collect(),
        }
    }

    /// Takes `block` of the locked `row`, the ticket types from left to right.
    async fn take_block(
        &self,
        tx: &Transaction<'_>,
        row: &sq::SeatRow,
        block: Block,
        pricing: &Pricing<'_>,
    ) -> Result<Vec<sq::HeldSeat>, ApiError> {
        let seats: Vec<Seat> = block
            .numbers()
            .zip(pricing.prices)
            .map(|(number, &amount)| Seat {
                row_index: row.row_index,
                number,
                label: format!("{}{number}", row.label),
                amount,
            })
            .collect();
        self.take(tx, &seats, pricing).await
    }

    /// Makes the booking: its seats (free, in rows it has locked) held, one item each, and
    /// its voucher's use counted. Returns its seats as taken, in seat order.
    ///
    /// Errors: 409 `screening_started` (it started since the booking began),
    /// `voucher_used_up` (the last use went to another booking meanwhile).
    async fn take(
        &self,
        tx: &Transaction<'_>,
        seats: &[Seat],
        pricing: &Pricing<'_>,
    ) -> Result<Vec<sq::HeldSeat>, ApiError> {
        let ticket_types = pricing.ticket_types;
        let amounts: Vec<i64> = seats.iter().map(|s| s.amount).collect();
        let discounts: Vec<i64> = ticket_types
            .iter()
            .zip(&amounts)
            .map(|(&t, &amount)| pricing.discount.map_or(0, |d| d.of(t, amount)))
            .collect();
        if let Some(discount) = pricing.discount {
            // Undone if the seats are not taken after all, so that a refusal recorded as an
            // idempotency key's outcome holds no use.
            tx.batch_execute("SAVEPOINT voucher_use").await?;
            vouchers::claim_use(tx, discount).await?;
        }
        let held = sq::hold_seats()
            .params(
                tx,
                &sq::HoldSeatsParams {
                    user_id: self.user_id,
                    row_indexes: seats.iter().map(|s| s.row_index).collect::<Vec<_>>(),
                    amount: amounts.iter().sum::<i64>() - discounts.iter().sum::<i64>(),
                    hold_seconds: self.hold_seconds,
                    voucher_id: pricing.discount.map(|d| d.voucher_id),
                    screening_id: self.screening_id,
                    numbers: seats.iter().map(|s| s.number).collect::<Vec<_>>(),
                    labels: seats.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
                    ticket_types,
                    amounts: &amounts,
                    discounts: &discounts,
                },
            )
            .all()
            .await?;
        if held.is_empty() && pricing.discount.is_some() {
            tx.batch_execute("ROLLBACK TO SAVEPOINT voucher_use")
                .await?;
        }
        // The seats were locked and free, and the screening had not started a moment ago.
        // No row: it has started since, and nothing was written, so the refusal may be
        // recorded as an idempotency key's outcome. Some rows: a seat was not free after all,
        // a fault, which must roll back and not be recorded.
        match held.len() {
            n if n == seats.len() => Ok(held),
            0 => Err(screening_started(self.screening_id)),
            n => Err(ApiError::Internal(format!(
                "took {n} of {} seats of screening {} checked free under lock",
                seats.len(),
                self.screening_id
            ))),
        }
    }
}

/// How a booking's seats are priced: one ticket type and price per seat (in seat order for
/// chosen seats, left to right for best available), and the voucher's discount.
struct Pricing<'p> {
    ticket_types: &'p [DbTicketType],
    prices: &'p [i64],
    discount: Option<&'p Discount>,
}

/// A seat a booking takes, and what it costs.
struct Seat {
    row_index: i16,
    number: i16,
    label: String,
    /// In minor units of the screening's currency.
    amount: i64,
}

/// Why best available found no block: `no_adjacent_seats` when enough standard seats are
/// free but none side by side, else `not_enough_seats`.
fn refusal(seats: i32, free: i32) -> ApiError {
    if free >= seats {
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
    }
}

//! Offers: freed seats go to the waiting list before the public sale sees them.
//!
//! The fairness rule: entries are served in the order they joined. When seats of a screening
//! come free, each waiting entry, earliest first, is offered the best block of adjacent seats
//! that best available ([`super::best_available`]) would give a party of its size, among the
//! seats then free; a party that does not fit keeps its place, and a later, smaller party that
//! fits is served. An offer is a pending booking of the entry's customer holding those seats
//! (adult tickets at the screening's price) for `WAITING_LIST_OFFER_SECONDS`; paying it
//! accepts the entry, letting it lapse or cancelling it gives the seats to the next entry
//! (triggers of migration 000035 keep entry and booking in step).
//!
//! [`offer_freed_seats`] runs in the transaction that frees the seats: a cancellation, a
//! release of some seats, a refund, the sweep that expires lapsed holds, a booking that
//! expires lapsed holds before it takes seats ([`offer_lapsed_seats`]), a voucher disabled
//! with seats it kept. So no one else sees the seats free before the queue has been offered
//! them. The sweep also runs [`offer_waiting_parties`] for every screening with a queue, in
//! case seats came free by a path that made no offer (a late card payment's outcome): then
//! within `HOLD_SWEEP_SECONDS`.
//!
//! Lock order: the rows of seats (the freeing transaction holds those it frees), then the
//! queue's entries, earliest first; rows another transaction holds are skipped, never waited
//! for, so offering never deadlocks with a booking.

use codegen::client::Params as _;
use codegen::queries::bookings as bq;
use codegen::queries::seats as sq;
use codegen::queries::waiting_list as q;
use codegen::types::TicketType as DbTicketType;
use deadpool_postgres::{Pool, Transaction};

use crate::platform::db::{Workflow, in_transaction};
use crate::platform::problem::{ApiError, error_chain};

use super::best_available;

/// Offers the seats free in the rows of `screening_id` that no other transaction holds to
/// its waiting list, earliest entry first, each the best block for its party; an offer holds
/// its seats for `offer_seconds` (or until the screening starts). Returns how many entries
/// were offered seats. Does nothing when the queue is empty or the screening has started.
///
/// Errors: the database's; 500 if an offer's seats, free under lock, could not be taken.
pub async fn offer_freed_seats(
    tx: &Transaction<'_>,
    screening_id: i64,
    offer_seconds: f64,
) -> Result<usize, ApiError> {
    let parties = q::lock_waiting_parties()
        .bind(tx, &screening_id)
        .all()
        .await?;
    if parties.is_empty() {
        return Ok(0);
    }
    let Some(screening) = q::waiting_screening().bind(tx, &screening_id).opt().await? else {
        return Ok(0);
    };
    if screening.started {
        return Ok(0);
    }
    let mut rows = sq::lock_idle_seat_rows()
        .bind(tx, &screening_id)
        .all()
        .await?;
    let mut offered = 0;
    for party in parties {
        let Some((index, block)) = best_available::choose(&rows, party.seats) else {
            continue;
        };
        let row = &mut rows[index];
        let labels: Vec<String> = block
            .numbers()
            .map(|n| format!("{}{n}", row.label))
            .collect();
        let len = labels.len();
        let held = sq::hold_seats()
            .params(
                tx,
                &sq::HoldSeatsParams {
                    user_id: party.user_id,
                    row_indexes: vec![row.row_index; len],
                    amount: screening.price * len as i64,
                    hold_seconds: offer_seconds,
                    voucher_id: None,
                    screening_id,
                    numbers: block.numbers().collect::<Vec<_>>(),
                    labels: labels.iter().map(String::as_str).collect::<Vec<_>>(),
                    ticket_types: vec![DbTicketType::Adult; len],
                    amounts: vec![screening.price; len],
                    discounts: vec![0i64; len],
                },
            )
            .all()
            .await?;
        let Some(first) = held.first().filter(|_| held.len() == len) else {
            return Err(ApiError::Internal(format!(
                "an offer to waiting list entry {} took {} of the {len} seats of screening \
                 {screening_id} free under lock",
                party.id,
                held.len()
            )));
        };
        q::mark_offered()
            .bind(tx, &first.booking_id, &first.expires_at, &party.id)
            .await?;
        best_available::mark_taken(row, block);
        offered += 1;
    }
    Ok(offered)
}

/// The sweep's pass over every screening with a queue: where the seats free now (read
/// without locks) would seat its smallest party, offers them ([`offer_freed_seats`], under
/// lock, a transaction per screening). Returns how many entries were offered seats.
///
/// Errors: the database's, reading the screenings with a queue or their rows; an offer that
/// fails is logged, and the other screenings' are made.
pub async fn offer_waiting_parties(pool: &Pool, offer_seconds: f64) -> Result<usize, ApiError> {
    let waiting = {
        let client = pool.get().await?;
        q::screenings_awaiting_offers().bind(&client).all().await?
    };
    let mut offered = 0;
    for screening in waiting {
        let rows = {
            let client = pool.get().await?;
            sq::seat_rows()
                .bind(&client, &screening.screening_id)
                .all()
                .await?
        };
        if best_available::plan(&rows, screening.smallest).is_none() {
            continue;
        }
        let offer = Offer {
            screening_id: screening.screening_id,
            offer_seconds,
            expire_lapsed: false,
        };
        // One screening's failure (logged) leaves the others' offers be.
        match in_transaction(pool, &offer).await {
            Ok(made) => offered += made,
            Err(err) => tracing::warn!(
                screening_id = screening.screening_id,
                error = %error_chain(&err),
                "offering freed seats to the waiting list failed"
            ),
        }
    }
    Ok(offered)
}

/// Before a booking looks at the seats of `screening_id`: if it has a waiting list, its
/// lapsed holds are expired and their seats offered to the list, in a transaction of its own,
/// which stands whatever the booking then decides. (A booking refused rolls back what it
/// wrote; and a chosen-seats booking sees the seats of lapsed holds as taken while a queue
/// waits, see `lock_seats_around`.)
///
/// Errors: the database's.
pub async fn offer_lapsed_seats(
    pool: &Pool,
    screening_id: i64,
    offer_seconds: f64,
) -> Result<(), ApiError> {
    let waiting = {
        let client = pool.get().await?;
        q::has_waiting_parties()
            .bind(&client, &screening_id)
            .one()
            .await?
    };
    if waiting {
        let offer = Offer {
            screening_id,
            offer_seconds,
            expire_lapsed: true,
        };
        in_transaction(pool, &offer).await?;
    }
    Ok(())
}

/// [`offer_freed_seats`] in a transaction of its own, after expiring the screening's lapsed
/// holds with `expire_lapsed`.
struct Offer {
    screening_id: i64,
    offer_seconds: f64,
    expire_lapsed: bool,
}

impl Workflow for Offer {
    type Output = usize;

    async fn run(&self, tx: &Transaction<'_>) -> Result<usize, ApiError> {
        if self.expire_lapsed {
            bq::expire_lapsed_holds()
                .bind(tx, &self.screening_id)
                .all()
                .await?;
        }
        offer_freed_seats(tx, self.screening_id, self.offer_seconds).await
    }
}

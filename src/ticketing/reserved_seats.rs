//! Seats kept for a voucher's holders (`reserved_seats`, migration 000036): chosen when the
//! voucher is made, off the public sale until its holders book them or it is disabled.
//!
//! A kept seat carries the voucher's id (`screening_seats.reserved_for`) and is not free in
//! its row's bitmap, so best available, the waiting list and the public seat map pass it by;
//! a booking with the voucher may take it ([`super::holds`]).

use codegen::queries::seats as sq;
use codegen::queries::vouchers as q;
use deadpool_postgres::Transaction;

use crate::platform::problem::ApiError;

use super::best_available::{self, Block};
use super::waiting_list_offers::offer_freed_seats;

/// Keeps `seats` standard seats of `screening_id` for voucher `voucher_id`, chosen as best
/// available would seat parties: the largest block that fits first (a class sits together
/// where it can), then the next, on rows locked in row order.
///
/// Errors: 409 `not_enough_seats` (fewer standard seats free than asked).
pub async fn reserve(
    tx: &Transaction<'_>,
    voucher_id: i64,
    screening_id: i64,
    seats: i32,
) -> Result<(), ApiError> {
    let mut rows = sq::lock_seat_rows().bind(tx, &screening_id).all().await?;
    let free = best_available::free_standard_seats(&rows);
    if free < seats {
        return Err(ApiError::conflict(
            "not_enough_seats",
            format!("{seats} seats to keep requested, {free} standard seats are free"),
        ));
    }
    let widest = rows.iter().map(|row| row.seats).max().unwrap_or(0);
    let mut chosen: Vec<Block> = Vec::new();
    let mut left = seats;
    while left > 0 {
        let fits = (1..=left.min(i32::from(widest)) as i16)
            .rev()
            .find_map(|len| best_available::choose(&rows, len));
        let Some((index, block)) = fits else {
            return Err(ApiError::Internal(format!(
                "{free} standard seats of screening {screening_id} are free, but no block of \
                 them was found"
            )));
        };
        best_available::mark_taken(&mut rows[index], block);
        left -= i32::from(block.len);
        chosen.push(block);
    }
    let row_indexes: Vec<i16> = chosen
        .iter()
        .flat_map(|b| b.numbers().map(|_| b.row_index))
        .collect();
    let numbers: Vec<i16> = chosen.iter().flat_map(|b| b.numbers()).collect();
    let kept = q::reserve_seats()
        .bind(tx, &voucher_id, &row_indexes, &numbers, &screening_id)
        .await?;
    if kept != numbers.len() as u64 {
        return Err(ApiError::Internal(format!(
            "kept {kept} of {} seats of screening {screening_id} free under lock",
            numbers.len()
        )));
    }
    Ok(())
}

/// Gives the seats kept for a disabled voucher back to the sale: those no booking holds are
/// offered to the screening's waiting list first (`offer_seconds`), then free to all.
///
/// Errors: the database's.
pub async fn release(
    tx: &Transaction<'_>,
    voucher_id: i64,
    screening_id: i64,
    offer_seconds: f64,
) -> Result<(), ApiError> {
    q::lock_rows_of_reserved_seats()
        .bind(tx, &screening_id, &voucher_id)
        .all()
        .await?;
    q::release_reserved_seats()
        .bind(tx, &screening_id, &voucher_id)
        .await?;
    offer_freed_seats(tx, screening_id, offer_seconds).await?;
    Ok(())
}

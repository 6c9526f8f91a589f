//! Refunds to a card: cancelling a card-paid booking, wholly or some seats, and a success
//! that sold nothing ([`super::card_outcomes`]).
//!
//! A refund is written in the cancellation's transaction (with its ledger transfer from
//! revenue back to the provider's clearing account) as `pending`, and sent to the provider
//! after the commit with its own provider-side idempotency key; one the provider does not
//! accept at once stays pending and the sweep sends it again, with the same key, until it
//! does. So a refund is never lost with a failed call, and never made twice by a retry or by
//! two replicas sending it at once. Concurrent cancellations of one booking take its lock in
//! turn: the second finds it cancelled, and refunds nothing.

use std::time::Instant;

use codegen::client::Params as _;
use codegen::queries::bookings as bq;
use codegen::queries::card_payments as q;
use codegen::queries::ledger as lq;
use codegen::types::CardRefundStatus as DbRefundStatus;
use deadpool_postgres::{Pool, Transaction};

use crate::platform::db_errors::QueryError;
use crate::platform::problem::{ApiError, error_chain};
use crate::wallet::ledger::post_transfer;

use super::Ticketing;
use super::provider::{NewRefund, ProviderError, RefundStatus};

/// Refunds `amount` (minor units) of the card payment that paid `booking_id` (locked by the
/// caller), if a card paid it: the ledger transfer from revenue to the clearing account, a
/// pending refund, the payment's refunded amount; with `whole`, the booking is cancelled
/// too (its seats return, its tickets become void). Returns the card payment, whose refund
/// the caller sends after the commit ([`settle_refunds_of`]); `None` when no card paid the
/// booking (it was paid from a wallet).
///
/// Errors: the database's (409 `ticket_checked_in` when a ticket of the booking was
/// admitted).
pub async fn refund_to_card(
    tx: &Transaction<'_>,
    booking_id: i64,
    amount: i64,
    whole: bool,
) -> Result<Option<i64>, ApiError> {
    let Some(paid) = q::paid_by_card().bind(tx, &booking_id).opt().await? else {
        return Ok(None);
    };
    let accounts = lq::card_accounts().bind(tx, &paid.currency).one().await?;
    let transfer = post_transfer(
        tx,
        accounts.revenue,
        accounts.clearing,
        amount,
        &paid.currency,
    )
    .await?;
    q::insert_card_refund()
        .params(
            tx,
            &q::InsertCardRefundParams {
                card_payment_id: paid.id,
                amount,
                transfer_id: transfer.id,
            },
        )
        .one()
        .await?;
    q::add_refunded().bind(tx, &amount, &paid.id).await?;
    if whole {
        bq::cancel_confirmed_booking().bind(tx, &booking_id).await?;
    }
    Ok(Some(paid.id))
}

/// Sends the pending refunds of one card payment to the provider and records what it says.
/// Failures are logged and left pending, for the sweep.
pub async fn settle_refunds_of(pool: &Pool, ticketing: &Ticketing, card_payment_id: i64) {
    let due = async {
        let client = pool.get().await?;
        q::due_refunds_of()
            .bind(&client, &card_payment_id)
            .all()
            .await
            .map_err(QueryError::from)
    };
    match due.await {
        Ok(refunds) => send(pool, ticketing, refunds).await,
        Err(err) => tracing::warn!(
            card_payment_id,
            error = %error_chain(&err),
            "reading the refunds to send failed; the sweep will send them"
        ),
    }
}

/// Sends up to `batch` pending refunds, oldest first (the sweep).
pub async fn settle_due_refunds(pool: &Pool, ticketing: &Ticketing, batch: i64) {
    let due = async {
        let client = pool.get().await?;
        q::due_refunds()
            .bind(&client, &batch)
            .all()
            .await
            .map_err(QueryError::from)
    };
    match due.await {
        Ok(refunds) => send(pool, ticketing, refunds).await,
        Err(err) => {
            tracing::warn!(error = %error_chain(&err), "reading the refunds to send failed")
        }
    }
}

/// Sends each refund and records the provider's answer: `succeeded`; `failed` when the
/// provider refuses it (logged as an error: money the box office owes by hand); `pending`,
/// with the error or the provider's refund id, to be sent again.
async fn send(pool: &Pool, ticketing: &Ticketing, refunds: Vec<q::CardRefund>) {
    let Some(provider) = ticketing.provider.as_deref() else {
        return;
    };
    for refund in refunds {
        let Some(payment_id) = refund.provider_payment_id.as_deref() else {
            // A charge is only refunded once its intent is known (apply_success records it).
            continue;
        };
        let started = Instant::now();
        let result = provider
            .refund(NewRefund {
                payment_id,
                amount: refund.amount,
                idempotency_key: &refund.provider_idempotency_key,
            })
            .await;
        ticketing.metrics.provider_call("refund", started, &result);
        let (status, provider_refund_id, last_error) = match result {
            Ok(made) => {
                let status = match made.status {
                    RefundStatus::Succeeded => DbRefundStatus::Succeeded,
                    RefundStatus::Pending => DbRefundStatus::Pending,
                    RefundStatus::Failed => DbRefundStatus::Failed,
                };
                (status, Some(made.id), None)
            }
            Err(ProviderError::Unavailable(reason)) => {
                (DbRefundStatus::Pending, None, Some(reason))
            }
            Err(refused @ ProviderError::Refused { .. }) => {
                (DbRefundStatus::Failed, None, Some(refused.to_string()))
            }
        };
        if status == DbRefundStatus::Failed {
            tracing::error!(
                card_refund_id = refund.id,
                card_payment_id = refund.card_payment_id,
                amount = refund.amount,
                error = last_error.as_deref().unwrap_or("the provider failed it"),
                "a refund to a card failed: the customer must be refunded by hand"
            );
        }
        let settled = async {
            let client = pool.get().await?;
            q::settle_refund()
                .params(
                    &client,
                    &q::SettleRefundParams {
                        status,
                        provider_refund_id: provider_refund_id.as_deref(),
                        last_error: last_error.as_deref(),
                        id: refund.id,
                    },
                )
                .await
                .map_err(QueryError::from)
        };
        if let Err(err) = settled.await {
            // Sent again by the sweep, with the same key: the provider answers with this one.
            tracing::warn!(
                card_refund_id = refund.id,
                error = %error_chain(&err),
                "recording a refund's outcome failed"
            );
        }
    }
}

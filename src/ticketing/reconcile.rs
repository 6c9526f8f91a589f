//! `boxoffice payments reconcile`: every card payment compared with the provider's record of
//! it and with the ledger.
//!
//! For each card payment whose intent was made: the provider charged it exactly when the
//! payment says it sold (`succeeded`, `partially_refunded`, `refunded`), for the same amount
//! and currency; the provider's refunds of it add up to the refunds it accepted from us; and
//! no refund of ours waits unaccepted. Per currency, the provider clearing account's entries
//! say the provider owes what its charges minus its refunds say: `−balance = Σ charged −
//! Σ refunded`. A charge refunded in full because it sold nothing appears on neither side.

use std::collections::{BTreeMap, HashMap};

use codegen::queries::card_payments as q;
use codegen::types::{CardPaymentStatus as DbStatus, CardRefundStatus as DbRefundStatus};
use deadpool_postgres::Pool;

use crate::platform::db::read_snapshot;
use crate::platform::problem::ApiError;

use super::provider::{IntentStatus, PaymentProvider, RefundStatus};

/// What the reconciliation found.
#[derive(Debug, Default)]
pub struct Reconciliation {
    /// Card payments compared with the provider.
    pub payments: usize,
    /// Refunds to cards compared.
    pub refunds: usize,
    /// Each difference, in words; empty when everything agrees.
    pub differences: Vec<String>,
}

/// Compares every card payment with `provider` and the ledger (one snapshot of the
/// database, then one provider call or two per payment).
///
/// Errors: the database's. A provider call that fails is a difference.
pub async fn reconcile(
    pool: &Pool,
    provider: &dyn PaymentProvider,
) -> Result<Reconciliation, ApiError> {
    let mut client = pool.get().await?;
    let tx = read_snapshot(&mut client).await?;
    let payments = q::all_card_payments().bind(&tx).all().await?;
    let refunds = q::all_card_refunds().bind(&tx).all().await?;
    let clearing = q::clearing_balances().bind(&tx).all().await?;
    tx.commit().await?;

    let mut report = Reconciliation {
        payments: payments.len(),
        refunds: refunds.len(),
        differences: Vec::new(),
    };
    let mut refunds_of: HashMap<i64, Vec<&q::CardRefund>> = HashMap::new();
    for refund in &refunds {
        refunds_of
            .entry(refund.card_payment_id)
            .or_default()
            .push(refund);
        if refund.status == DbRefundStatus::Pending {
            report.differences.push(format!(
                "refund {} of card payment {} ({} minor units) is not accepted by the provider \
                 yet{}",
                refund.id,
                refund.card_payment_id,
                refund.amount,
                refund
                    .last_error
                    .as_deref()
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default()
            ));
        } else if refund.status == DbRefundStatus::Failed {
            report.differences.push(format!(
                "refund {} of card payment {} ({} minor units) was refused by the provider: the \
                 customer is owed it",
                refund.id, refund.card_payment_id, refund.amount
            ));
        }
    }
    // Per currency: what the provider's records say it owes (charges minus refunds).
    let mut provider_net: BTreeMap<String, i64> = BTreeMap::new();
    for payment in &payments {
        let Some(intent_id) = payment.provider_payment_id.as_deref() else {
            continue;
        };
        let intent = match provider.retrieve_intent(intent_id).await {
            Ok(intent) => intent,
            Err(err) => {
                report.differences.push(format!(
                    "card payment {}: the provider's intent {intent_id} cannot be read: {err}",
                    payment.id
                ));
                continue;
            }
        };
        let charged = intent.status == IntentStatus::Succeeded;
        let sold = matches!(
            payment.status,
            DbStatus::Succeeded | DbStatus::PartiallyRefunded | DbStatus::Refunded
        );
        if charged != sold {
            report.differences.push(format!(
                "card payment {} is {:?} but the provider's intent {intent_id} is {:?}",
                payment.id, payment.status, intent.status
            ));
        }
        if intent.amount != payment.amount || intent.currency != payment.currency {
            report.differences.push(format!(
                "card payment {} is of {} {} but the provider's intent {intent_id} of {} {}",
                payment.id, payment.amount, payment.currency, intent.amount, intent.currency
            ));
        }
        if !charged {
            continue;
        }
        let provider_refunds = match provider.refunds_of(intent_id).await {
            Ok(refunds) => refunds,
            Err(err) => {
                report.differences.push(format!(
                    "card payment {}: the provider's refunds of {intent_id} cannot be read: {err}",
                    payment.id
                ));
                continue;
            }
        };
        let refunded_there: i64 = provider_refunds
            .iter()
            .filter(|r| r.status != RefundStatus::Failed)
            .map(|r| r.amount)
            .sum();
        let accepted_here: i64 = refunds_of
            .get(&payment.id)
            .into_iter()
            .flatten()
            .filter(|r| {
                r.status == DbRefundStatus::Succeeded
                    || (r.status == DbRefundStatus::Pending && r.provider_refund_id.is_some())
            })
            .map(|r| r.amount)
            .sum();
        if refunded_there != accepted_here {
            report.differences.push(format!(
                "card payment {}: the provider refunded {refunded_there} of {intent_id}, the \
                 service's accepted refunds add up to {accepted_here}",
                payment.id
            ));
        }
        *provider_net.entry(intent.currency.clone()).or_default() += intent.amount - refunded_there;
    }
    // Late successes refunded in full are charged and refunded there, and absent here.
    for account in &clearing {
        let owed_here = -account.balance;
        let owed_there = provider_net.remove(&account.currency).unwrap_or(0);
        let pending_here: i64 = refunds
            .iter()
            .filter(|r| r.status == DbRefundStatus::Pending && r.provider_refund_id.is_none())
            .filter(|r| {
                payments
                    .iter()
                    .any(|p| p.id == r.card_payment_id && p.currency == account.currency)
            })
            .filter(|r| r.reason == "cancellation")
            .map(|r| r.amount)
            .sum();
        // A cancellation's refund leaves the ledger at once and the provider when accepted.
        if owed_here + pending_here != owed_there {
            report.differences.push(format!(
                "the {} clearing account says the provider owes {owed_here} (with {pending_here} \
                 in refunds not yet accepted), the provider's charges minus refunds say \
                 {owed_there}",
                account.currency
            ));
        }
    }
    Ok(report)
}

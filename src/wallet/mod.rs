//! The wallet: money in a double-entry ledger.
//!
//! [`ledger`] is the engine every money workflow uses (lock accounts in one order, post a
//! transfer, check the books); [`accounts`] and [`transfers`] are the API on top of it.

use std::sync::Arc;

use poem::http::StatusCode;
use prometheus_client::registry::Registry;

use crate::platform::db_errors::ConstraintProblem;
use crate::platform::telemetry::OutcomeCounter;

pub mod accounts;
pub mod ledger;
pub mod transfers;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Wallets, their ledger entries, and deposits.
    Accounts,
    /// Money moved between wallets.
    Transfers,
}

/// What the wallet works with besides the shared state: its metrics.
pub struct Wallet {
    /// Transfer requests by outcome.
    pub transfers: OutcomeCounter,
}

impl Wallet {
    /// The context, its metrics registered in `registry`.
    pub fn new(registry: &mut Registry) -> Arc<Self> {
        Arc::new(Wallet {
            transfers: OutcomeCounter::register(
                registry,
                "boxoffice_transfers",
                "Transfer requests by outcome (ok or the problem code)",
            ),
        })
    }
}

/// The constraints of this context whose violations are the client's doing.
pub const CONSTRAINT_PROBLEMS: &[ConstraintProblem] = &[ConstraintProblem {
    constraint: "accounts_owner_currency_key",
    status: StatusCode::CONFLICT,
    code: "account_exists",
    detail: "you already have an account in that currency",
}];

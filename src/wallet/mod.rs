//! The wallet: money in a double-entry ledger.
//!
//! [`ledger`] is the engine every money workflow uses (lock accounts in one order, post a
//! transfer, check the books); [`accounts`] and [`transfers`] are the API on top of it.

pub mod accounts;
pub mod ledger;
pub mod transfers;

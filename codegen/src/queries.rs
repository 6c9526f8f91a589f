// This file was generated with `cornucopia`. Do not modify.

pub mod auth;
pub mod bookings;
pub mod card_payments;
pub mod events;
pub mod idempotency;
pub mod ledger;
pub mod movies;
pub mod offline_scans;
pub mod ops;
pub mod orders;
pub mod payments;
pub mod reports;
pub mod reviews;
pub mod screenings;
pub mod seats;
pub mod staff;
pub mod theaters;
pub mod tickets;
pub mod users;
pub mod vouchers;
pub mod waiting_list;
pub mod webhooks;

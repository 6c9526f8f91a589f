//! Ticketing: the booking's whole life cycle.
//!
//! A booking holds seats of a screening (`pending`) until it is paid (`confirmed`), cancelled
//! (`cancelled`, refunded if it was paid) or its hold lapses (`expired`). Every write to a
//! booking's status is a statement of `queries/bookings.sql`; [`bookings`] holds, cancels,
//! refunds and expires, [`payments`] pays.

pub mod bookings;
pub mod payments;

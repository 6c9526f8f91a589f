//! Events: what happened, for the systems around the box office.
//!
//! Every state change others care about (a booking created, confirmed, cancelled or expired;
//! a payment completed or refunded; an order created, confirmed or cancelled; a ticket
//! checked in) writes an event into the `events` outbox in its own transaction, by triggers
//! on the tables that hold the state (migration 000014): a change that rolls back leaves no
//! event, and no code path can change the state without one. [`feed`] serves the outbox to
//! consumers that pull; [`webhooks`] manages endpoints that are pushed to, which a trigger on
//! the outbox fans each event out to (migration 000016), and [`delivery`] sends to them.

pub mod delivery;
pub mod feed;
pub mod webhooks;

//! Ticketing: seat maps and the booking's whole life cycle.
//!
//! A booking holds seats of a screening, chosen by the customer on the seat map
//! ([`seat_maps`], checked by [`seat_selection`]) or best available, (`pending`) until it is paid (`confirmed`), cancelled
//! (`cancelled`, refunded if it was paid) or its hold lapses (`expired`). Every write to a
//! booking's status is a statement of `queries/bookings.sql`; [`bookings`] holds, cancels,
//! refunds and expires, [`payments`] pays and issues the [`tickets`], one per seat, whose
//! signed codes ([`ticket_codes`]) staff scan at the door ([`checkins`]).

pub mod bookings;
pub mod checkins;
pub mod payments;
pub mod seat_maps;
pub mod seat_selection;
pub mod ticket_codes;
pub mod tickets;

//! Ticketing: seat maps and seat selection, bookings and their life cycle, payments.

mod bookings;
mod payments;
mod seats;

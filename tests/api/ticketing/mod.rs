//! Ticketing: bookings and their life cycle, payments.

mod bookings;
mod payments;

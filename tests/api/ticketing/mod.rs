//! Ticketing: seat maps and seat selection, bookings and their life cycle, payments, tickets
//! and check-in.

mod bookings;
mod card_payments;
mod offline_scans;
mod payments;
mod reserved_seats;
mod seats;
mod sell_out;
mod signing_keys;
mod tickets;
mod vouchers;
mod waiting_list;

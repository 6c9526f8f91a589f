// This file was generated with `cornucopia`. Do not modify.

pub mod bookings;
pub mod movies;
pub mod screenings;
pub mod theaters;
pub mod users;

//! The catalog: movies, theaters with their layouts of seats, and the screenings of movies in
//! theaters with their prices. Public to read, managed by admins.

pub mod layouts;
pub mod movies;
pub mod screenings;
pub mod theaters;

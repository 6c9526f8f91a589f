//! The catalog: movies, theaters and the screenings of movies in theaters. Public to read,
//! managed by admins.

pub mod movies;
pub mod screenings;
pub mod theaters;

//! Reviews of movies (a rating of 1–5 and a text, one per user per movie) and the discussion
//! under each review. Anyone may read; authors and admins may remove.

pub mod discussion;
pub mod movie_reviews;

//! Reviews of movies (a rating of 1–5 and a text, one per user per movie) and the discussion
//! under each review. Anyone may read; authors and admins may remove.

use poem::http::StatusCode;

use crate::platform::db_errors::ConstraintProblem;

pub mod discussion;
pub mod movie_reviews;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Movie reviews and the discussion under them.
    Reviews,
}

/// The constraints of this context whose violations are the client's doing.
pub const CONSTRAINT_PROBLEMS: &[ConstraintProblem] = &[ConstraintProblem {
    constraint: "reviews_movie_id_user_id_key",
    status: StatusCode::CONFLICT,
    code: "review_exists",
    detail: "you have reviewed this movie already",
}];

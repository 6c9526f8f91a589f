//! `boxoffice admin create`: admins (the first one) and staff are made on the command line.

use crate::identity::users::{User, create_user};
use crate::platform::AppState;
use crate::platform::auth::Role;
use crate::platform::problem::ApiError;

/// Why an admin or staff user could not be created.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The password is too short or too long.
    #[error("the password must have 8 to 128 characters")]
    PasswordLength,
    /// The request was refused (`username_taken`, `email_taken`, an invalid value): the
    /// problem's detail.
    #[error("{0}")]
    Refused(String),
    /// The database or the server failed.
    #[error(transparent)]
    Failed(ApiError),
}

/// Creates a user with a privileged role (admin or staff); `full_name` defaults to the username.
/// The password has the same rules as at registration (8–128 characters).
pub async fn create_privileged_user(
    state: &AppState,
    role: Role,
    username: &str,
    email: &str,
    full_name: Option<&str>,
    password: String,
) -> Result<User, AdminError> {
    if !(8..=128).contains(&password.chars().count()) {
        return Err(AdminError::PasswordLength);
    }
    let full_name = full_name.unwrap_or(username);
    create_user(state, username, email, password, full_name, role)
        .await
        .map_err(|err| match err {
            ApiError::Problem(problem) | ApiError::Constraint(problem) => {
                AdminError::Refused(problem.detail)
            }
            other => AdminError::Failed(other),
        })
}

//! Identity: users and their sessions (register, log in, refresh, log out). Roles and tokens
//! themselves are the platform's ([`crate::platform::auth`]), since every context checks them.

pub mod sessions;
pub mod users;

//! The platform: problem details for every failure, TLS to PostgreSQL.

mod errors;
mod tls;

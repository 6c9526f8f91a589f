//! The platform: problem details for every failure, database outages, TLS to PostgreSQL.

mod errors;
mod outage;
mod overload;
mod secrets;
mod tls;

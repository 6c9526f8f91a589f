//! The platform: problem details for every failure, database outages, shared read connections lost, TLS to PostgreSQL.

mod errors;
mod outage;
mod overload;
mod secrets;
mod shared_reads;
mod tls;

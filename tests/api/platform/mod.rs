//! The platform: problem details for every failure, database outages, shared read connections
//! lost, a read replica for the catalog, TLS to PostgreSQL, movies' versions kept in memory.

mod errors;
mod outage;
mod overload;
mod read_replica;
mod secrets;
mod shared_reads;
mod silent_host;
mod tls;
mod version_cache;

//! API tests: the real router, in-process, each test on its own copy of a migrated database.
//! One test binary, so everything compiles and the PostgreSQL server starts once.

mod bookings;
mod catalog;
mod e2e;
mod errors;
mod helpers;
mod ledger;
mod migrations;
mod ops;
mod orders;
mod payments;
mod reviews;
mod tls;
mod users;

//! API tests: the real router, in-process, each test on its own copy of a migrated database.
//! One test binary, so everything compiles and the PostgreSQL server starts once. The modules
//! mirror the service's contexts.

mod catalog;
mod concessions;
mod events;
mod helpers;
mod identity;
mod ops;
mod payment_provider;
mod platform;
mod reports;
mod reviews;
mod ticketing;
mod wallet;
mod webhooks;

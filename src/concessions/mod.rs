//! Concessions: products on sale at the counter, and customers' orders for them (the
//! QuickBite orders service).

pub mod orders;
pub mod products;

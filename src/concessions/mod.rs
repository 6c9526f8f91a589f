//! Concessions: products on sale at the counter, and customers' orders for them (the
//! QuickBite orders service).

pub mod orders;
pub mod products;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Popcorn, drinks and snacks: products and orders.
    Concessions,
}

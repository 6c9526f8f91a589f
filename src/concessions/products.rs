//! Products on sale at the counter.

use std::sync::Arc;

use codegen::queries::orders as q;
use poem::web::Data;
use poem_openapi::{Object, OpenApi, payload::Json};

use crate::platform::AppState;
use crate::platform::http::Page;
use crate::platform::params::Paging;
use crate::platform::problem::ListError;

/// Something sold at the counter.
#[derive(Object, Debug, Clone)]
pub struct Product {
    /// The product's id (for paging).
    pub id: i64,
    /// Stock-keeping unit: what orders name, e.g. `POPCORN-L`.
    pub sku: String,
    /// What it is.
    pub name: String,
    /// Price of one, in minor units of `currency`.
    pub price: i64,
    /// ISO 4217 currency code.
    pub currency: String,
}

impl From<q::Product> for Product {
    fn from(row: q::Product) -> Self {
        Product {
            id: row.id,
            sku: row.sku,
            name: row.name,
            price: row.price,
            currency: row.currency,
        }
    }
}

/// `/v1/products`.
#[derive(Default)]
pub struct ProductsApi;

#[OpenApi(prefix_path = "/v1/products", tag = "super::Tag::Concessions")]
impl ProductsApi {
    /// List products
    ///
    /// The concession products on sale, in id order.
    #[oai(path = "/", method = "get", operation_id = "list_products")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        page: Paging,
    ) -> Result<Json<Page<Product>>, ListError> {
        let client = state.pool.get().await?;
        let rows = q::list_products()
            .bind(&client, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |p| p.id, Product::from)))
    }
}

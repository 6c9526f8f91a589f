//! Customers' orders of concession products. An order moves only pending → confirmed or
//! pending → cancelled, by one conditional statement, so of two concurrent moves exactly one
//! wins.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::orders as q;
use codegen::types::OrderStatus as DbOrderStatus;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::{AdminAuth, BearerAuth, Caller};
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::http::Page;
use crate::platform::idempotency;
use crate::platform::params::{OptionalIdempotencyKey, Paging};
use crate::platform::problem::ApiError;
use crate::platform::text::Text;

/// Where an order is in its life.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum OrderStatus {
    /// Placed, waiting for the counter.
    Pending,
    /// Accepted by the counter (an admin).
    Confirmed,
    /// Cancelled by the customer or an admin before it was confirmed.
    Cancelled,
}

impl From<DbOrderStatus> for OrderStatus {
    fn from(status: DbOrderStatus) -> Self {
        match status {
            DbOrderStatus::Pending => OrderStatus::Pending,
            DbOrderStatus::Confirmed => OrderStatus::Confirmed,
            DbOrderStatus::Cancelled => OrderStatus::Cancelled,
        }
    }
}

impl From<OrderStatus> for DbOrderStatus {
    fn from(status: OrderStatus) -> Self {
        match status {
            OrderStatus::Pending => DbOrderStatus::Pending,
            OrderStatus::Confirmed => DbOrderStatus::Confirmed,
            OrderStatus::Cancelled => DbOrderStatus::Cancelled,
        }
    }
}

/// A customer's order of a product.
#[derive(Object, Debug, Clone)]
pub struct Order {
    /// The order's id.
    pub id: i64,
    /// Who ordered.
    pub user_id: i64,
    /// The product ordered.
    pub sku: String,
    /// How many, 1–100.
    pub quantity: i32,
    /// The customer's note for the counter (may be empty).
    pub note: String,
    /// The product's price when the order was placed, in minor units of `currency`.
    pub unit_price: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    pub status: OrderStatus,
    /// When it was placed (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl From<q::Order> for Order {
    fn from(row: q::Order) -> Self {
        Order {
            id: row.id,
            user_id: row.user_id,
            sku: row.sku,
            quantity: row.quantity,
            note: row.note,
            unit_price: row.unit_price,
            currency: row.currency,
            status: row.status.into(),
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/orders` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewOrder {
    /// The product's SKU (see `GET /v1/products`).
    #[oai(validator(min_length = 1, max_length = 32))]
    pub sku: Text,
    /// How many, 1–100.
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    pub quantity: i32,
    /// A note for the counter, at most 500 characters (may be empty).
    #[oai(validator(max_length = 500))]
    pub note: Text,
}

/// Places an order: one statement, as a workflow so that an idempotency key can guard it.
struct PlaceOrder<'a> {
    user_id: i64,
    order: &'a NewOrder,
}

impl Workflow for PlaceOrder<'_> {
    type Output = Order;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Order, ApiError> {
        let order = q::place_order()
            .bind(
                tx,
                &self.user_id,
                &self.order.quantity,
                &self.order.note.as_str(),
                &self.order.sku.as_str(),
            )
            .opt()
            .await?
            .ok_or_else(|| {
                ApiError::unprocessable(
                    "unknown_sku",
                    format!("no product with SKU {:?} is on sale", self.order.sku),
                )
            })?;
        Ok(order.into())
    }
}

#[derive(ApiResponse)]
enum PlacedOrder {
    /// The order is accepted for the counter, `pending` until confirmed or cancelled.
    #[oai(status = 202)]
    Accepted(Json<Order>),
}

operation_errors! {
    PlaceOrderError(JsonBody, Bearer) {
        422: "`unknown_sku` (no product with that SKU is on sale) or `idempotency_key_reused` \
              (the key was used for another request).",
        429: "`rate_limited`: the caller has used the day's idempotency keys; retry after \
              `Retry-After` seconds.",
    }
    ListOrdersError(Query, Bearer) {}
    GetOrderError(Path, Bearer) {
        404: "`order_not_found`: no such order of the caller's.",
    }
    ConfirmOrderError(Path, Admin) {
        404: "`order_not_found`: no such order.",
        409: "`invalid_status_transition`: the order is no longer pending.",
    }
    CancelOrderError(Path, Bearer) {
        404: "`order_not_found`: no such order of the caller's.",
        409: "`invalid_status_transition`: the order is no longer pending.",
    }
}

/// `/v1/orders`.
#[derive(Default)]
pub struct OrdersApi;

#[OpenApi(prefix_path = "/v1/orders", tag = "super::Tag::Concessions")]
impl OrdersApi {
    /// Order concessions
    ///
    /// Orders `quantity` of a product for the counter. The order is accepted `pending`, with
    /// the product's current price. With an `Idempotency-Key`, a retry after a lost answer
    /// gets the first answer and places nothing more.
    #[oai(path = "/", method = "post", operation_id = "place_order")]
    async fn place(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        idempotency_key: OptionalIdempotencyKey,
        body: Json<NewOrder>,
    ) -> Result<PlacedOrder, PlaceOrderError> {
        let place = PlaceOrder {
            user_id: auth.0.user_id,
            order: &body,
        };
        let order = match &idempotency_key.0 {
            Some(key) => idempotency::once(&state, auth.0.user_id, key, &body.0, &place).await?,
            None => in_transaction(&state.pool, &place).await?,
        };
        Ok(PlacedOrder::Accepted(Json(order)))
    }

    /// List my orders
    ///
    /// The caller's concession orders in id order, optionally only those in one status.
    #[oai(path = "/", method = "get", operation_id = "list_orders")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// Only orders in this status.
        status: Query<Option<OrderStatus>>,
        page: Paging,
    ) -> Result<Json<Page<Order>>, ListOrdersError> {
        let client = state.pool.get().await?;
        let rows = q::list_orders()
            .bind(
                &client,
                &auth.0.user_id,
                &page.after(),
                &status.0.map(DbOrderStatus::from),
                &page.fetch_limit(),
            )
            .all()
            .await?;
        Ok(Json(page.page(rows, |o| o.id, Order::from)))
    }

    /// Get an order
    ///
    /// One of the caller's orders; admins may read any.
    #[oai(path = "/:id", method = "get", operation_id = "get_order")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The order's id.
        id: Path<i64>,
    ) -> Result<Json<Order>, GetOrderError> {
        let caller = auth.0;
        // Whether the caller may read any order: the role as the database says it is now.
        let admin = caller.is_admin_now(&state.pool).await?;
        let client = state.pool.get().await?;
        let order = q::get_order()
            .bind(&client, &id.0, &caller.user_id, &admin)
            .opt()
            .await?
            .ok_or_else(|| order_not_found(id.0))?;
        Ok(Json(order.into()))
    }

    /// Confirm an order
    ///
    /// Admin only: pending → confirmed.
    #[oai(path = "/:id/confirm", method = "post", operation_id = "confirm_order")]
    async fn confirm(
        &self,
        state: Data<&Arc<AppState>>,
        auth: AdminAuth,
        /// The order's id.
        id: Path<i64>,
    ) -> Result<Json<Order>, ConfirmOrderError> {
        Ok(Json(
            move_order(&state, &auth.0, id.0, OrderStatus::Confirmed).await?,
        ))
    }

    /// Cancel an order
    ///
    /// The customer who placed it, or an admin: pending → cancelled.
    #[oai(path = "/:id/cancel", method = "post", operation_id = "cancel_order")]
    async fn cancel(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The order's id.
        id: Path<i64>,
    ) -> Result<Json<Order>, CancelOrderError> {
        Ok(Json(
            move_order(&state, &auth.0, id.0, OrderStatus::Cancelled).await?,
        ))
    }
}

fn order_not_found(id: i64) -> ApiError {
    ApiError::not_found("order_not_found", format!("you have no order {id}"))
}

/// Moves a pending order of the caller's (any order, for an admin) to `to`.
///
/// Errors: 404 `order_not_found`, 409 `invalid_status_transition`.
async fn move_order(
    state: &AppState,
    caller: &Caller,
    id: i64,
    to: OrderStatus,
) -> Result<Order, ApiError> {
    // An admin may move any order: the role as the database says it is now, not the token's.
    let admin = caller.is_admin_now(&state.pool).await?;
    let client = state.pool.get().await?;
    if let Some(moved) = q::move_order()
        .bind(&client, &to.into(), &id, &caller.user_id, &admin)
        .opt()
        .await?
    {
        return Ok(moved.into());
    }
    // Nothing moved: say why. This read decides only the error.
    let order = q::get_order()
        .bind(&client, &id, &caller.user_id, &admin)
        .opt()
        .await?
        .ok_or_else(|| order_not_found(id))?;
    let from = OrderStatus::from(order.status);
    Err(ApiError::conflict(
        "invalid_status_transition",
        format!("order {id} is {from:?}; only a pending order can become {to:?}").to_lowercase(),
    ))
}

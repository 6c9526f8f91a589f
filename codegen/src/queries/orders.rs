// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct ListProductsParams {
    pub after: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct InsertProductParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub sku: T1,
    pub name: T2,
    pub price: i64,
    pub currency: T3,
}
#[derive(Debug)]
pub struct PlaceOrderParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub user_id: i64,
    pub quantity: i32,
    pub note: T1,
    pub sku: T2,
}
#[derive(Clone, Copy, Debug)]
pub struct ListOrdersParams {
    pub user_id: i64,
    pub after: i64,
    pub status: Option<crate::types::OrderStatus>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct GetOrderParams {
    pub id: i64,
    pub user_id: i64,
    pub is_admin: bool,
}
#[derive(Clone, Copy, Debug)]
pub struct MoveOrderParams {
    pub status: crate::types::OrderStatus,
    pub id: i64,
    pub user_id: i64,
    pub is_admin: bool,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub price: i64,
    pub currency: String,
}
pub struct ProductBorrowed<'a> {
    pub id: i64,
    pub sku: &'a str,
    pub name: &'a str,
    pub price: i64,
    pub currency: &'a str,
}
impl<'a> From<ProductBorrowed<'a>> for Product {
    fn from(
        ProductBorrowed {
            id,
            sku,
            name,
            price,
            currency,
        }: ProductBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            sku: sku.into(),
            name: name.into(),
            price,
            currency: currency.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: i64,
    pub user_id: i64,
    pub sku: String,
    pub quantity: i32,
    pub note: String,
    pub unit_price: i64,
    pub currency: String,
    pub status: crate::types::OrderStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct OrderBorrowed<'a> {
    pub id: i64,
    pub user_id: i64,
    pub sku: &'a str,
    pub quantity: i32,
    pub note: &'a str,
    pub unit_price: i64,
    pub currency: &'a str,
    pub status: crate::types::OrderStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<OrderBorrowed<'a>> for Order {
    fn from(
        OrderBorrowed {
            id,
            user_id,
            sku,
            quantity,
            note,
            unit_price,
            currency,
            status,
            created_at,
        }: OrderBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            user_id,
            sku: sku.into(),
            quantity,
            note: note.into(),
            unit_price,
            currency: currency.into(),
            status,
            created_at,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ProductQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ProductBorrowed, tokio_postgres::Error>,
    mapper: fn(ProductBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ProductQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ProductBorrowed) -> R) -> ProductQuery<'c, 'a, 's, C, R, N> {
        ProductQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OrderBorrowed) -> R) -> OrderQuery<'c, 'a, 's, C, R, N> {
        OrderQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct ListProductsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_products() -> ListProductsStmt {
    ListProductsStmt(
        "SELECT id, sku, name, price, currency FROM products WHERE active AND id > $1 ORDER BY id LIMIT $2",
        None,
    )
}
impl ListProductsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        after: &'a i64,
        limit: &'a i64,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 2> {
        ProductQuery {
            client,
            params: [after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        id: row.try_get(0)?,
                        sku: row.try_get(1)?,
                        name: row.try_get(2)?,
                        price: row.try_get(3)?,
                        currency: row.try_get(4)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsParams,
        ProductQuery<'c, 'a, 's, C, Product, 2>,
        C,
    > for ListProductsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsParams,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 2> {
        self.bind(client, &params.after, &params.limit)
    }
}
pub struct InsertProductStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_product() -> InsertProductStmt {
    InsertProductStmt(
        "INSERT INTO products (sku, name, price, currency) VALUES ($1, $2, $3, $4) RETURNING id, sku, name, price, currency",
        None,
    )
}
impl InsertProductStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        sku: &'a T1,
        name: &'a T2,
        price: &'a i64,
        currency: &'a T3,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 4> {
        ProductQuery {
            client,
            params: [sku, name, price, currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        id: row.try_get(0)?,
                        sku: row.try_get(1)?,
                        name: row.try_get(2)?,
                        price: row.try_get(3)?,
                        currency: row.try_get(4)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertProductParams<T1, T2, T3>,
        ProductQuery<'c, 'a, 's, C, Product, 4>,
        C,
    > for InsertProductStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertProductParams<T1, T2, T3>,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 4> {
        self.bind(
            client,
            &params.sku,
            &params.name,
            &params.price,
            &params.currency,
        )
    }
}
pub struct PlaceOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn place_order() -> PlaceOrderStmt {
    PlaceOrderStmt(
        "INSERT INTO orders (user_id, product_id, sku, quantity, note, unit_price, currency) SELECT $1, p.id, p.sku, $2, $3, p.price, p.currency FROM products p WHERE p.sku = $4 AND p.active RETURNING id, user_id, sku, quantity, note, unit_price, currency, status, created_at",
        None,
    )
}
impl PlaceOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        quantity: &'a i32,
        note: &'a T1,
        sku: &'a T2,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        OrderQuery {
            client,
            params: [user_id, quantity, note, sku],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    sku: row.try_get(2)?,
                    quantity: row.try_get(3)?,
                    note: row.try_get(4)?,
                    unit_price: row.try_get(5)?,
                    currency: row.try_get(6)?,
                    status: row.try_get(7)?,
                    created_at: row.try_get(8)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        PlaceOrderParams<T1, T2>,
        OrderQuery<'c, 'a, 's, C, Order, 4>,
        C,
    > for PlaceOrderStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a PlaceOrderParams<T1, T2>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        self.bind(
            client,
            &params.user_id,
            &params.quantity,
            &params.note,
            &params.sku,
        )
    }
}
pub struct ListOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_orders() -> ListOrdersStmt {
    ListOrdersStmt(
        "SELECT id, user_id, sku, quantity, note, unit_price, currency, status, created_at FROM orders WHERE user_id = $1 AND id > $2 AND ($3::order_status IS NULL OR status = $3) ORDER BY id LIMIT $4",
        None,
    )
}
impl ListOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        after: &'a i64,
        status: &'a Option<crate::types::OrderStatus>,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        OrderQuery {
            client,
            params: [user_id, after, status, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    sku: row.try_get(2)?,
                    quantity: row.try_get(3)?,
                    note: row.try_get(4)?,
                    unit_price: row.try_get(5)?,
                    currency: row.try_get(6)?,
                    status: row.try_get(7)?,
                    created_at: row.try_get(8)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListOrdersParams,
        OrderQuery<'c, 'a, 's, C, Order, 4>,
        C,
    > for ListOrdersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListOrdersParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        self.bind(
            client,
            &params.user_id,
            &params.after,
            &params.status,
            &params.limit,
        )
    }
}
pub struct GetOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_order() -> GetOrderStmt {
    GetOrderStmt(
        "SELECT id, user_id, sku, quantity, note, unit_price, currency, status, created_at FROM orders WHERE id = $1 AND (user_id = $2 OR $3)",
        None,
    )
}
impl GetOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
        user_id: &'a i64,
        is_admin: &'a bool,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        OrderQuery {
            client,
            params: [id, user_id, is_admin],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    sku: row.try_get(2)?,
                    quantity: row.try_get(3)?,
                    note: row.try_get(4)?,
                    unit_price: row.try_get(5)?,
                    currency: row.try_get(6)?,
                    status: row.try_get(7)?,
                    created_at: row.try_get(8)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetOrderParams,
        OrderQuery<'c, 'a, 's, C, Order, 3>,
        C,
    > for GetOrderStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetOrderParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        self.bind(client, &params.id, &params.user_id, &params.is_admin)
    }
}
pub struct MoveOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn move_order() -> MoveOrderStmt {
    MoveOrderStmt(
        "UPDATE orders SET status = $1 WHERE id = $2 AND status = 'pending' AND (user_id = $3 OR $4) RETURNING id, user_id, sku, quantity, note, unit_price, currency, status, created_at",
        None,
    )
}
impl MoveOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        status: &'a crate::types::OrderStatus,
        id: &'a i64,
        user_id: &'a i64,
        is_admin: &'a bool,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        OrderQuery {
            client,
            params: [status, id, user_id, is_admin],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    sku: row.try_get(2)?,
                    quantity: row.try_get(3)?,
                    note: row.try_get(4)?,
                    unit_price: row.try_get(5)?,
                    currency: row.try_get(6)?,
                    status: row.try_get(7)?,
                    created_at: row.try_get(8)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        MoveOrderParams,
        OrderQuery<'c, 'a, 's, C, Order, 4>,
        C,
    > for MoveOrderStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a MoveOrderParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        self.bind(
            client,
            &params.status,
            &params.id,
            &params.user_id,
            &params.is_admin,
        )
    }
}

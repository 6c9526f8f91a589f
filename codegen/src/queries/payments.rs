// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertPaymentParams<T1: crate::StringSql> {
    pub booking_id: i64,
    pub account_id: i64,
    pub transfer_id: i64,
    pub amount: i64,
    pub currency: T1,
}
#[derive(Clone, Copy, Debug)]
pub struct GetPaymentParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct MarkRefundedParams {
    pub refund_transfer_id: i64,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct InsertRefundParams {
    pub payment_id: i64,
    pub transfer_id: i64,
    pub amount: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    pub id: i64,
    pub booking_id: i64,
    pub account_id: i64,
    pub transfer_id: i64,
    pub amount: i64,
    pub currency: String,
    pub status: crate::types::PaymentStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct PaymentBorrowed<'a> {
    pub id: i64,
    pub booking_id: i64,
    pub account_id: i64,
    pub transfer_id: i64,
    pub amount: i64,
    pub currency: &'a str,
    pub status: crate::types::PaymentStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<PaymentBorrowed<'a>> for Payment {
    fn from(
        PaymentBorrowed {
            id,
            booking_id,
            account_id,
            transfer_id,
            amount,
            currency,
            status,
            created_at,
        }: PaymentBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            booking_id,
            account_id,
            transfer_id,
            amount,
            currency: currency.into(),
            status,
            created_at,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct PaymentQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PaymentBorrowed, tokio_postgres::Error>,
    mapper: fn(PaymentBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PaymentQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(PaymentBorrowed) -> R) -> PaymentQuery<'c, 'a, 's, C, R, N> {
        PaymentQuery {
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
pub struct InsertPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_payment() -> InsertPaymentStmt {
    InsertPaymentStmt(
        "INSERT INTO payments (booking_id, account_id, transfer_id, amount, currency) VALUES ($1, $2, $3, $4, $5) RETURNING id, booking_id, account_id, transfer_id, amount, currency, status, created_at",
        None,
    )
}
impl InsertPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        booking_id: &'a i64,
        account_id: &'a i64,
        transfer_id: &'a i64,
        amount: &'a i64,
        currency: &'a T1,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 5> {
        PaymentQuery {
            client,
            params: [booking_id, account_id, transfer_id, amount, currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        account_id: row.try_get(2)?,
                        transfer_id: row.try_get(3)?,
                        amount: row.try_get(4)?,
                        currency: row.try_get(5)?,
                        status: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertPaymentParams<T1>,
        PaymentQuery<'c, 'a, 's, C, Payment, 5>,
        C,
    > for InsertPaymentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertPaymentParams<T1>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 5> {
        self.bind(
            client,
            &params.booking_id,
            &params.account_id,
            &params.transfer_id,
            &params.amount,
            &params.currency,
        )
    }
}
pub struct GetPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_payment() -> GetPaymentStmt {
    GetPaymentStmt(
        "SELECT p.id, p.booking_id, p.account_id, p.transfer_id, p.amount, p.currency, p.status, p.created_at FROM payments p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1 AND a.owner_id = $2",
        None,
    )
}
impl GetPaymentStmt {
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
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 2> {
        PaymentQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        account_id: row.try_get(2)?,
                        transfer_id: row.try_get(3)?,
                        amount: row.try_get(4)?,
                        currency: row.try_get(5)?,
                        status: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetPaymentParams,
        PaymentQuery<'c, 'a, 's, C, Payment, 2>,
        C,
    > for GetPaymentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetPaymentParams,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct LockPaymentOfBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_payment_of_booking() -> LockPaymentOfBookingStmt {
    LockPaymentOfBookingStmt(
        "SELECT id, booking_id, account_id, transfer_id, amount, currency, status, created_at FROM payments WHERE booking_id = $1 AND status = 'completed' FOR NO KEY UPDATE",
        None,
    )
}
impl LockPaymentOfBookingStmt {
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
        booking_id: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        account_id: row.try_get(2)?,
                        transfer_id: row.try_get(3)?,
                        amount: row.try_get(4)?,
                        currency: row.try_get(5)?,
                        status: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct MarkRefundedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_refunded() -> MarkRefundedStmt {
    MarkRefundedStmt(
        "UPDATE payments SET status = 'refunded', refund_transfer_id = $1 WHERE id = $2 AND status = 'completed'",
        None,
    )
}
impl MarkRefundedStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        refund_transfer_id: &'a i64,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[refund_transfer_id, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        MarkRefundedParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for MarkRefundedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a MarkRefundedParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.refund_transfer_id, &params.id))
    }
}
pub struct InsertRefundStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_refund() -> InsertRefundStmt {
    InsertRefundStmt(
        "INSERT INTO payment_refunds (payment_id, transfer_id, amount) VALUES ($1, $2, $3)",
        None,
    )
}
impl InsertRefundStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        payment_id: &'a i64,
        transfer_id: &'a i64,
        amount: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[payment_id, transfer_id, amount])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertRefundParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertRefundStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertRefundParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.payment_id,
            &params.transfer_id,
            &params.amount,
        ))
    }
}

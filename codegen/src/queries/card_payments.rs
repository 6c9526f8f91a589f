// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct ReserveCardPaymentParams<T1: crate::StringSql> {
    pub booking_id: i64,
    pub provider: T1,
    pub hold_seconds: f64,
}
#[derive(Debug)]
pub struct CardPaymentOfIntentParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub provider: T1,
    pub provider_payment_id: T2,
    pub card_payment_id: Option<i64>,
}
#[derive(Debug)]
pub struct RecordIntentParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::JsonSql,
    T4: crate::StringSql,
> {
    pub provider_payment_id: T1,
    pub status: crate::types::CardPaymentStatus,
    pub client_secret: Option<T2>,
    pub next_action: Option<T3>,
    pub failure_reason: Option<T4>,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ExtendHoldParams {
    pub until: chrono::DateTime<chrono::Utc>,
    pub booking_id: i64,
}
#[derive(Debug)]
pub struct MarkSucceededParams<T1: crate::StringSql> {
    pub transfer_id: i64,
    pub provider_payment_id: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct MarkFailedParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub failure_reason: T1,
    pub provider_payment_id: Option<T2>,
    pub id: i64,
}
#[derive(Debug)]
pub struct FailOpenPaymentsParams<T1: crate::StringSql> {
    pub failure_reason: T1,
    pub booking_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct AddRefundedParams {
    pub amount: i64,
    pub id: i64,
}
#[derive(Debug)]
pub struct RefundUnsoldParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub reason: T1,
    pub provider_payment_id: T2,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct InsertCardRefundParams {
    pub card_payment_id: i64,
    pub amount: i64,
    pub transfer_id: i64,
}
#[derive(Debug)]
pub struct SettleRefundParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub status: crate::types::CardRefundStatus,
    pub provider_refund_id: Option<T1>,
    pub last_error: Option<T2>,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct GetCardPaymentParams {
    pub id: i64,
    pub user_id: i64,
    pub is_admin: bool,
}
#[derive(Debug)]
pub struct RecordProviderEventParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub provider: T1,
    pub event_id: T2,
    pub r#type: T3,
}
#[derive(Clone, Copy, Debug)]
pub struct PurgeProviderEventsParams {
    pub retention_days: i32,
    pub batch: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct CardPayment {
    pub id: i64,
    pub booking_id: i64,
    pub provider: String,
    pub provider_payment_id: Option<String>,
    pub provider_idempotency_key: String,
    pub amount: i64,
    pub currency: String,
    pub status: crate::types::CardPaymentStatus,
    pub client_secret: Option<String>,
    pub next_action: Option<serde_json::Value>,
    pub failure_reason: Option<String>,
    pub refunded_amount: i64,
    pub hold_expires_at: chrono::DateTime<chrono::Utc>,
    pub transfer_id: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct CardPaymentBorrowed<'a> {
    pub id: i64,
    pub booking_id: i64,
    pub provider: &'a str,
    pub provider_payment_id: Option<&'a str>,
    pub provider_idempotency_key: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub status: crate::types::CardPaymentStatus,
    pub client_secret: Option<&'a str>,
    pub next_action: Option<postgres_types::Json<&'a serde_json::value::RawValue>>,
    pub failure_reason: Option<&'a str>,
    pub refunded_amount: i64,
    pub hold_expires_at: chrono::DateTime<chrono::Utc>,
    pub transfer_id: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<CardPaymentBorrowed<'a>> for CardPayment {
    fn from(
        CardPaymentBorrowed {
            id,
            booking_id,
            provider,
            provider_payment_id,
            provider_idempotency_key,
            amount,
            currency,
            status,
            client_secret,
            next_action,
            failure_reason,
            refunded_amount,
            hold_expires_at,
            transfer_id,
            created_at,
        }: CardPaymentBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            booking_id,
            provider: provider.into(),
            provider_payment_id: provider_payment_id.map(|v| v.into()),
            provider_idempotency_key: provider_idempotency_key.into(),
            amount,
            currency: currency.into(),
            status,
            client_secret: client_secret.map(|v| v.into()),
            next_action: next_action.map(|v| serde_json::from_str(v.0.get()).unwrap()),
            failure_reason: failure_reason.map(|v| v.into()),
            refunded_amount,
            hold_expires_at,
            transfer_id,
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct PaidByCard {
    pub id: i64,
    pub amount: i64,
    pub refunded_amount: i64,
    pub currency: String,
}
pub struct PaidByCardBorrowed<'a> {
    pub id: i64,
    pub amount: i64,
    pub refunded_amount: i64,
    pub currency: &'a str,
}
impl<'a> From<PaidByCardBorrowed<'a>> for PaidByCard {
    fn from(
        PaidByCardBorrowed {
            id,
            amount,
            refunded_amount,
            currency,
        }: PaidByCardBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            amount,
            refunded_amount,
            currency: currency.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct CardRefund {
    pub id: i64,
    pub card_payment_id: i64,
    pub provider_payment_id: Option<String>,
    pub amount: i64,
    pub reason: String,
    pub status: crate::types::CardRefundStatus,
    pub provider_idempotency_key: String,
    pub provider_refund_id: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct CardRefundBorrowed<'a> {
    pub id: i64,
    pub card_payment_id: i64,
    pub provider_payment_id: Option<&'a str>,
    pub amount: i64,
    pub reason: &'a str,
    pub status: crate::types::CardRefundStatus,
    pub provider_idempotency_key: &'a str,
    pub provider_refund_id: Option<&'a str>,
    pub attempts: i32,
    pub last_error: Option<&'a str>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<CardRefundBorrowed<'a>> for CardRefund {
    fn from(
        CardRefundBorrowed {
            id,
            card_payment_id,
            provider_payment_id,
            amount,
            reason,
            status,
            provider_idempotency_key,
            provider_refund_id,
            attempts,
            last_error,
            created_at,
        }: CardRefundBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            card_payment_id,
            provider_payment_id: provider_payment_id.map(|v| v.into()),
            amount,
            reason: reason.into(),
            status,
            provider_idempotency_key: provider_idempotency_key.into(),
            provider_refund_id: provider_refund_id.map(|v| v.into()),
            attempts,
            last_error: last_error.map(|v| v.into()),
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct ClearingBalance {
    pub currency: String,
    pub balance: i64,
}
pub struct ClearingBalanceBorrowed<'a> {
    pub currency: &'a str,
    pub balance: i64,
}
impl<'a> From<ClearingBalanceBorrowed<'a>> for ClearingBalance {
    fn from(ClearingBalanceBorrowed { currency, balance }: ClearingBalanceBorrowed<'a>) -> Self {
        Self {
            currency: currency.into(),
            balance,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct CardPaymentQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CardPaymentBorrowed, tokio_postgres::Error>,
    mapper: fn(CardPaymentBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CardPaymentQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(CardPaymentBorrowed) -> R,
    ) -> CardPaymentQuery<'c, 'a, 's, C, R, N> {
        CardPaymentQuery {
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
pub struct OptionStringQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<Option<&str>, tokio_postgres::Error>,
    mapper: fn(Option<&str>) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OptionStringQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(Option<&str>) -> R) -> OptionStringQuery<'c, 'a, 's, C, R, N> {
        OptionStringQuery {
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
pub struct I64Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i64, tokio_postgres::Error>,
    mapper: fn(i64) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I64Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i64) -> R) -> I64Query<'c, 'a, 's, C, R, N> {
        I64Query {
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
pub struct I32Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i32, tokio_postgres::Error>,
    mapper: fn(i32) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I32Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i32) -> R) -> I32Query<'c, 'a, 's, C, R, N> {
        I32Query {
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
pub struct I16Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i16, tokio_postgres::Error>,
    mapper: fn(i16) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I16Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i16) -> R) -> I16Query<'c, 'a, 's, C, R, N> {
        I16Query {
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
pub struct PaidByCardQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PaidByCardBorrowed, tokio_postgres::Error>,
    mapper: fn(PaidByCardBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PaidByCardQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(PaidByCardBorrowed) -> R,
    ) -> PaidByCardQuery<'c, 'a, 's, C, R, N> {
        PaidByCardQuery {
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
pub struct CardRefundQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CardRefundBorrowed, tokio_postgres::Error>,
    mapper: fn(CardRefundBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CardRefundQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(CardRefundBorrowed) -> R,
    ) -> CardRefundQuery<'c, 'a, 's, C, R, N> {
        CardRefundQuery {
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
pub struct StringQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<&str, tokio_postgres::Error>,
    mapper: fn(&str) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StringQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(&str) -> R) -> StringQuery<'c, 'a, 's, C, R, N> {
        StringQuery {
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
pub struct ClearingBalanceQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ClearingBalanceBorrowed, tokio_postgres::Error>,
    mapper: fn(ClearingBalanceBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ClearingBalanceQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ClearingBalanceBorrowed) -> R,
    ) -> ClearingBalanceQuery<'c, 'a, 's, C, R, N> {
        ClearingBalanceQuery {
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
pub struct OpenCardPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn open_card_payment() -> OpenCardPaymentStmt {
    OpenCardPaymentStmt(
        "SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE booking_id = $1 AND status IN ('requires_payment_method', 'requires_action', 'processing')",
        None,
    )
}
impl OpenCardPaymentStmt {
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
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 1> {
        CardPaymentQuery {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
pub struct ReserveCardPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn reserve_card_payment() -> ReserveCardPaymentStmt {
    ReserveCardPaymentStmt(
        "WITH attempt AS ( SELECT count(*) + 1 AS n FROM card_payments WHERE booking_id = $1 ) INSERT INTO card_payments (booking_id, provider, provider_idempotency_key, amount, currency, hold_expires_at) SELECT b.id, $2, format('boxoffice-booking-%s-%s-%s', b.id, b.amount, a.n), b.amount, b.currency, least(now() + make_interval(secs => $3), s.starts_at) FROM bookings b JOIN screenings s ON s.id = b.screening_id, attempt a WHERE b.id = $1 RETURNING id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at",
        None,
    )
}
impl ReserveCardPaymentStmt {
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
        provider: &'a T1,
        hold_seconds: &'a f64,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        CardPaymentQuery {
            client,
            params: [booking_id, provider, hold_seconds],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ReserveCardPaymentParams<T1>,
        CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3>,
        C,
    > for ReserveCardPaymentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ReserveCardPaymentParams<T1>,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        self.bind(
            client,
            &params.booking_id,
            &params.provider,
            &params.hold_seconds,
        )
    }
}
pub struct LockCardPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_card_payment() -> LockCardPaymentStmt {
    LockCardPaymentStmt(
        "SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE id = $1 FOR UPDATE",
        None,
    )
}
impl LockCardPaymentStmt {
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
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 1> {
        CardPaymentQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
pub struct CardPaymentOfIntentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn card_payment_of_intent() -> CardPaymentOfIntentStmt {
    CardPaymentOfIntentStmt(
        "(SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE provider = $1 AND provider_payment_id = $2) UNION ALL (SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE id = $3 AND provider_payment_id IS NULL) LIMIT 1",
        None,
    )
}
impl CardPaymentOfIntentStmt {
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
        provider: &'a T1,
        provider_payment_id: &'a T2,
        card_payment_id: &'a Option<i64>,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        CardPaymentQuery {
            client,
            params: [provider, provider_payment_id, card_payment_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        CardPaymentOfIntentParams<T1, T2>,
        CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3>,
        C,
    > for CardPaymentOfIntentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CardPaymentOfIntentParams<T1, T2>,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        self.bind(
            client,
            &params.provider,
            &params.provider_payment_id,
            &params.card_payment_id,
        )
    }
}
pub struct RecordIntentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn record_intent() -> RecordIntentStmt {
    RecordIntentStmt(
        "UPDATE card_payments SET provider_payment_id = $1, status = $2, client_secret = $3, next_action = $4, failure_reason = $5, updated_at = now() WHERE id = $6 AND status IN ('requires_payment_method', 'requires_action', 'processing') RETURNING id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at",
        None,
    )
}
impl RecordIntentStmt {
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
        T3: crate::JsonSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        provider_payment_id: &'a T1,
        status: &'a crate::types::CardPaymentStatus,
        client_secret: &'a Option<T2>,
        next_action: &'a Option<T3>,
        failure_reason: &'a Option<T4>,
        id: &'a i64,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 6> {
        CardPaymentQuery {
            client,
            params: [
                provider_payment_id,
                status,
                client_secret,
                next_action,
                failure_reason,
                id,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::JsonSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        RecordIntentParams<T1, T2, T3, T4>,
        CardPaymentQuery<'c, 'a, 's, C, CardPayment, 6>,
        C,
    > for RecordIntentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RecordIntentParams<T1, T2, T3, T4>,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 6> {
        self.bind(
            client,
            &params.provider_payment_id,
            &params.status,
            &params.client_secret,
            &params.next_action,
            &params.failure_reason,
            &params.id,
        )
    }
}
pub struct ExtendHoldStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn extend_hold() -> ExtendHoldStmt {
    ExtendHoldStmt(
        "WITH booking AS ( UPDATE bookings SET expires_at = $1 WHERE id = $2 AND status = 'pending' AND expires_at > now() AND expires_at < $1 RETURNING id ) UPDATE screening_seats x SET held_until = $1 FROM booking b WHERE x.booking_id = b.id AND x.held_until > now()",
        None,
    )
}
impl ExtendHoldStmt {
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
        until: &'a chrono::DateTime<chrono::Utc>,
        booking_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[until, booking_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ExtendHoldParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ExtendHoldStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ExtendHoldParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.until, &params.booking_id))
    }
}
pub struct MarkSucceededStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_succeeded() -> MarkSucceededStmt {
    MarkSucceededStmt(
        "UPDATE card_payments SET status = 'succeeded', transfer_id = $1, provider_payment_id = coalesce(provider_payment_id, $2), client_secret = NULL, next_action = NULL, failure_reason = NULL, updated_at = now() WHERE id = $3 RETURNING id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at",
        None,
    )
}
impl MarkSucceededStmt {
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
        transfer_id: &'a i64,
        provider_payment_id: &'a T1,
        id: &'a i64,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        CardPaymentQuery {
            client,
            params: [transfer_id, provider_payment_id, id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        MarkSucceededParams<T1>,
        CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3>,
        C,
    > for MarkSucceededStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a MarkSucceededParams<T1>,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        self.bind(
            client,
            &params.transfer_id,
            &params.provider_payment_id,
            &params.id,
        )
    }
}
pub struct MarkFailedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_failed() -> MarkFailedStmt {
    MarkFailedStmt(
        "UPDATE card_payments SET status = 'failed', failure_reason = $1, client_secret = NULL, provider_payment_id = coalesce(provider_payment_id, $2), next_action = NULL, updated_at = now() WHERE id = $3 AND status IN ('requires_payment_method', 'requires_action', 'processing')",
        None,
    )
}
impl MarkFailedStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        failure_reason: &'a T1,
        provider_payment_id: &'a Option<T2>,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[failure_reason, provider_payment_id, id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        MarkFailedParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for MarkFailedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a MarkFailedParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.failure_reason,
            &params.provider_payment_id,
            &params.id,
        ))
    }
}
pub struct FailOpenPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn fail_open_payments() -> FailOpenPaymentsStmt {
    FailOpenPaymentsStmt(
        "UPDATE card_payments SET status = 'failed', failure_reason = $1, client_secret = NULL, next_action = NULL, updated_at = now() WHERE booking_id = $2 AND status IN ('requires_payment_method', 'requires_action', 'processing') RETURNING provider_payment_id",
        None,
    )
}
impl FailOpenPaymentsStmt {
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
        failure_reason: &'a T1,
        booking_id: &'a i64,
    ) -> OptionStringQuery<'c, 'a, 's, C, Option<String>, 2> {
        OptionStringQuery {
            client,
            params: [failure_reason, booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.map(|v| v.into()),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FailOpenPaymentsParams<T1>,
        OptionStringQuery<'c, 'a, 's, C, Option<String>, 2>,
        C,
    > for FailOpenPaymentsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FailOpenPaymentsParams<T1>,
    ) -> OptionStringQuery<'c, 'a, 's, C, Option<String>, 2> {
        self.bind(client, &params.failure_reason, &params.booking_id)
    }
}
pub struct ExpireBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn expire_booking() -> ExpireBookingStmt {
    ExpireBookingStmt(
        "SELECT id FROM expire_bookings(ARRAY[$1::bigint]) AS id",
        None,
    )
}
impl ExpireBookingStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct RetakeSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn retake_seats() -> RetakeSeatsStmt {
    RetakeSeatsStmt(
        "WITH wanted AS ( SELECT i.screening_id, i.row_index, i.number FROM booking_items i WHERE i.booking_id = $1 AND i.released_at IS NULL ), free AS ( SELECT count(*) AS n FROM wanted w JOIN screening_seats x USING (screening_id, row_index, number) WHERE x.booking_id IS NULL AND NOT x.blocked AND x.reserved_for IS NULL ), taken AS ( UPDATE screening_seats x SET booking_id = $1, held_until = NULL FROM wanted w, free f WHERE x.screening_id = w.screening_id AND x.row_index = w.row_index AND x.number = w.number AND x.booking_id IS NULL AND x.reserved_for IS NULL AND f.n = (SELECT count(*) FROM wanted) RETURNING 1 ) SELECT count(*)::int AS taken FROM taken",
        None,
    )
}
impl RetakeSeatsStmt {
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
    ) -> I32Query<'c, 'a, 's, C, i32, 1> {
        I32Query {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct LockItemRowsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_item_rows() -> LockItemRowsStmt {
    LockItemRowsStmt(
        "SELECT r.row_index FROM screening_rows r WHERE (r.screening_id, r.row_index) IN ( SELECT i.screening_id, i.row_index FROM booking_items i WHERE i.booking_id = $1 AND i.released_at IS NULL) ORDER BY r.screening_id, r.row_index FOR UPDATE",
        None,
    )
}
impl LockItemRowsStmt {
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
    ) -> I16Query<'c, 'a, 's, C, i16, 1> {
        I16Query {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct ReconfirmBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn reconfirm_booking() -> ReconfirmBookingStmt {
    ReconfirmBookingStmt(
        "UPDATE bookings SET status = 'confirmed' WHERE id = $1 AND status = 'expired'",
        None,
    )
}
impl ReconfirmBookingStmt {
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
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id]).await
    }
}
pub struct PaidByCardStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn paid_by_card() -> PaidByCardStmt {
    PaidByCardStmt(
        "SELECT id, amount, refunded_amount, currency FROM card_payments WHERE booking_id = $1 AND status IN ('succeeded', 'partially_refunded') FOR UPDATE",
        None,
    )
}
impl PaidByCardStmt {
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
    ) -> PaidByCardQuery<'c, 'a, 's, C, PaidByCard, 1> {
        PaidByCardQuery {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaidByCardBorrowed, tokio_postgres::Error> {
                    Ok(PaidByCardBorrowed {
                        id: row.try_get(0)?,
                        amount: row.try_get(1)?,
                        refunded_amount: row.try_get(2)?,
                        currency: row.try_get(3)?,
                    })
                },
            mapper: |it| PaidByCard::from(it),
        }
    }
}
pub struct AddRefundedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn add_refunded() -> AddRefundedStmt {
    AddRefundedStmt(
        "UPDATE card_payments SET refunded_amount = refunded_amount + $1, status = CASE WHEN refunded_amount + $1 >= amount THEN 'refunded' ELSE 'partially_refunded' END::card_payment_status, updated_at = now() WHERE id = $2",
        None,
    )
}
impl AddRefundedStmt {
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
        amount: &'a i64,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[amount, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        AddRefundedParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for AddRefundedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a AddRefundedParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.amount, &params.id))
    }
}
pub struct RefundUnsoldStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn refund_unsold() -> RefundUnsoldStmt {
    RefundUnsoldStmt(
        "WITH payment AS ( UPDATE card_payments SET status = 'refunded', refunded_amount = amount, failure_reason = $1, provider_payment_id = coalesce(provider_payment_id, $2), client_secret = NULL, next_action = NULL, updated_at = now() WHERE id = $3 RETURNING id, amount ) INSERT INTO card_refunds (card_payment_id, amount, reason, provider_idempotency_key) SELECT p.id, p.amount, $1, format('boxoffice-refund-%s-unsold', p.id) FROM payment p RETURNING id",
        None,
    )
}
impl RefundUnsoldStmt {
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
        reason: &'a T1,
        provider_payment_id: &'a T2,
        id: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 3> {
        I64Query {
            client,
            params: [reason, provider_payment_id, id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        RefundUnsoldParams<T1, T2>,
        I64Query<'c, 'a, 's, C, i64, 3>,
        C,
    > for RefundUnsoldStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RefundUnsoldParams<T1, T2>,
    ) -> I64Query<'c, 'a, 's, C, i64, 3> {
        self.bind(
            client,
            &params.reason,
            &params.provider_payment_id,
            &params.id,
        )
    }
}
pub struct InsertCardRefundStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_card_refund() -> InsertCardRefundStmt {
    InsertCardRefundStmt(
        "INSERT INTO card_refunds (card_payment_id, amount, reason, provider_idempotency_key, transfer_id) SELECT $1, $2, 'cancellation', format('boxoffice-refund-%s-%s', $1::bigint, (SELECT count(*) + 1 FROM card_refunds WHERE card_payment_id = $1)), $3 RETURNING id",
        None,
    )
}
impl InsertCardRefundStmt {
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
        card_payment_id: &'a i64,
        amount: &'a i64,
        transfer_id: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 3> {
        I64Query {
            client,
            params: [card_payment_id, amount, transfer_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertCardRefundParams,
        I64Query<'c, 'a, 's, C, i64, 3>,
        C,
    > for InsertCardRefundStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertCardRefundParams,
    ) -> I64Query<'c, 'a, 's, C, i64, 3> {
        self.bind(
            client,
            &params.card_payment_id,
            &params.amount,
            &params.transfer_id,
        )
    }
}
pub struct DueRefundsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn due_refunds() -> DueRefundsStmt {
    DueRefundsStmt(
        "SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status, r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error, r.created_at FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id WHERE r.status = 'pending' ORDER BY r.created_at LIMIT $1",
        None,
    )
}
impl DueRefundsStmt {
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
        limit: &'a i64,
    ) -> CardRefundQuery<'c, 'a, 's, C, CardRefund, 1> {
        CardRefundQuery {
            client,
            params: [limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardRefundBorrowed, tokio_postgres::Error> {
                    Ok(CardRefundBorrowed {
                        id: row.try_get(0)?,
                        card_payment_id: row.try_get(1)?,
                        provider_payment_id: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        reason: row.try_get(4)?,
                        status: row.try_get(5)?,
                        provider_idempotency_key: row.try_get(6)?,
                        provider_refund_id: row.try_get(7)?,
                        attempts: row.try_get(8)?,
                        last_error: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                    })
                },
            mapper: |it| CardRefund::from(it),
        }
    }
}
pub struct DueRefundsOfStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn due_refunds_of() -> DueRefundsOfStmt {
    DueRefundsOfStmt(
        "SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status, r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error, r.created_at FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id WHERE r.card_payment_id = $1 AND r.status = 'pending' ORDER BY r.id",
        None,
    )
}
impl DueRefundsOfStmt {
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
        card_payment_id: &'a i64,
    ) -> CardRefundQuery<'c, 'a, 's, C, CardRefund, 1> {
        CardRefundQuery {
            client,
            params: [card_payment_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardRefundBorrowed, tokio_postgres::Error> {
                    Ok(CardRefundBorrowed {
                        id: row.try_get(0)?,
                        card_payment_id: row.try_get(1)?,
                        provider_payment_id: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        reason: row.try_get(4)?,
                        status: row.try_get(5)?,
                        provider_idempotency_key: row.try_get(6)?,
                        provider_refund_id: row.try_get(7)?,
                        attempts: row.try_get(8)?,
                        last_error: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                    })
                },
            mapper: |it| CardRefund::from(it),
        }
    }
}
pub struct SettleRefundStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn settle_refund() -> SettleRefundStmt {
    SettleRefundStmt(
        "UPDATE card_refunds SET status = $1, provider_refund_id = coalesce($2, provider_refund_id), attempts = attempts + 1, last_error = $3, updated_at = now() WHERE id = $4 AND status = 'pending'",
        None,
    )
}
impl SettleRefundStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a crate::types::CardRefundStatus,
        provider_refund_id: &'a Option<T1>,
        last_error: &'a Option<T2>,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[status, provider_refund_id, last_error, id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SettleRefundParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SettleRefundStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SettleRefundParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.status,
            &params.provider_refund_id,
            &params.last_error,
            &params.id,
        ))
    }
}
pub struct OpenPaymentsPastHoldStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn open_payments_past_hold() -> OpenPaymentsPastHoldStmt {
    OpenPaymentsPastHoldStmt(
        "SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE status IN ('requires_payment_method', 'requires_action', 'processing') AND hold_expires_at <= now() ORDER BY hold_expires_at LIMIT $1",
        None,
    )
}
impl OpenPaymentsPastHoldStmt {
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
        limit: &'a i64,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 1> {
        CardPaymentQuery {
            client,
            params: [limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
pub struct GetCardPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_card_payment() -> GetCardPaymentStmt {
    GetCardPaymentStmt(
        "SELECT p.id, p.booking_id, p.provider, p.provider_payment_id, p.provider_idempotency_key, p.amount, p.currency, p.status, p.client_secret, p.next_action, p.failure_reason, p.refunded_amount, p.hold_expires_at, p.transfer_id, p.created_at FROM card_payments p JOIN bookings b ON b.id = p.booking_id WHERE p.id = $1 AND (b.user_id = $2 OR $3)",
        None,
    )
}
impl GetCardPaymentStmt {
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
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        CardPaymentQuery {
            client,
            params: [id, user_id, is_admin],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetCardPaymentParams,
        CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3>,
        C,
    > for GetCardPaymentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetCardPaymentParams,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 3> {
        self.bind(client, &params.id, &params.user_id, &params.is_admin)
    }
}
pub struct RefundsOfPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn refunds_of_payments() -> RefundsOfPaymentsStmt {
    RefundsOfPaymentsStmt(
        "SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status, r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error, r.created_at FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id WHERE r.card_payment_id = ANY($1) ORDER BY r.card_payment_id, r.id",
        None,
    )
}
impl RefundsOfPaymentsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        card_payment_ids: &'a T1,
    ) -> CardRefundQuery<'c, 'a, 's, C, CardRefund, 1> {
        CardRefundQuery {
            client,
            params: [card_payment_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardRefundBorrowed, tokio_postgres::Error> {
                    Ok(CardRefundBorrowed {
                        id: row.try_get(0)?,
                        card_payment_id: row.try_get(1)?,
                        provider_payment_id: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        reason: row.try_get(4)?,
                        status: row.try_get(5)?,
                        provider_idempotency_key: row.try_get(6)?,
                        provider_refund_id: row.try_get(7)?,
                        attempts: row.try_get(8)?,
                        last_error: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                    })
                },
            mapper: |it| CardRefund::from(it),
        }
    }
}
pub struct CardPaymentsOfBookingsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn card_payments_of_bookings() -> CardPaymentsOfBookingsStmt {
    CardPaymentsOfBookingsStmt(
        "SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE booking_id = ANY($1) ORDER BY booking_id, id DESC",
        None,
    )
}
impl CardPaymentsOfBookingsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        booking_ids: &'a T1,
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 1> {
        CardPaymentQuery {
            client,
            params: [booking_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
pub struct RecordProviderEventStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn record_provider_event() -> RecordProviderEventStmt {
    RecordProviderEventStmt(
        "INSERT INTO provider_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id",
        None,
    )
}
impl RecordProviderEventStmt {
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
        provider: &'a T1,
        event_id: &'a T2,
        r#type: &'a T3,
    ) -> StringQuery<'c, 'a, 's, C, String, 3> {
        StringQuery {
            client,
            params: [provider, event_id, r#type],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.into(),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        RecordProviderEventParams<T1, T2, T3>,
        StringQuery<'c, 'a, 's, C, String, 3>,
        C,
    > for RecordProviderEventStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RecordProviderEventParams<T1, T2, T3>,
    ) -> StringQuery<'c, 'a, 's, C, String, 3> {
        self.bind(client, &params.provider, &params.event_id, &params.r#type)
    }
}
pub struct AllCardPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn all_card_payments() -> AllCardPaymentsStmt {
    AllCardPaymentsStmt(
        "SELECT id, booking_id, provider, provider_payment_id, provider_idempotency_key, amount, currency, status, client_secret, next_action, failure_reason, refunded_amount, hold_expires_at, transfer_id, created_at FROM card_payments WHERE provider_payment_id IS NOT NULL ORDER BY id",
        None,
    )
}
impl AllCardPaymentsStmt {
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
    ) -> CardPaymentQuery<'c, 'a, 's, C, CardPayment, 0> {
        CardPaymentQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardPaymentBorrowed, tokio_postgres::Error> {
                    Ok(CardPaymentBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        provider_payment_id: row.try_get(3)?,
                        provider_idempotency_key: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        client_secret: row.try_get(8)?,
                        next_action: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        refunded_amount: row.try_get(11)?,
                        hold_expires_at: row.try_get(12)?,
                        transfer_id: row.try_get(13)?,
                        created_at: row.try_get(14)?,
                    })
                },
            mapper: |it| CardPayment::from(it),
        }
    }
}
pub struct AllCardRefundsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn all_card_refunds() -> AllCardRefundsStmt {
    AllCardRefundsStmt(
        "SELECT r.id, r.card_payment_id, p.provider_payment_id, r.amount, r.reason, r.status, r.provider_idempotency_key, r.provider_refund_id, r.attempts, r.last_error, r.created_at FROM card_refunds r JOIN card_payments p ON p.id = r.card_payment_id ORDER BY r.card_payment_id, r.id",
        None,
    )
}
impl AllCardRefundsStmt {
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
    ) -> CardRefundQuery<'c, 'a, 's, C, CardRefund, 0> {
        CardRefundQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CardRefundBorrowed, tokio_postgres::Error> {
                    Ok(CardRefundBorrowed {
                        id: row.try_get(0)?,
                        card_payment_id: row.try_get(1)?,
                        provider_payment_id: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        reason: row.try_get(4)?,
                        status: row.try_get(5)?,
                        provider_idempotency_key: row.try_get(6)?,
                        provider_refund_id: row.try_get(7)?,
                        attempts: row.try_get(8)?,
                        last_error: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                    })
                },
            mapper: |it| CardRefund::from(it),
        }
    }
}
pub struct ClearingBalancesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn clearing_balances() -> ClearingBalancesStmt {
    ClearingBalancesStmt(
        "SELECT a.currency, coalesce(sum(e.amount), 0)::bigint AS balance FROM accounts a LEFT JOIN entries e ON e.account_id = a.id WHERE a.kind = 'clearing' GROUP BY a.currency ORDER BY a.currency",
        None,
    )
}
impl ClearingBalancesStmt {
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
    ) -> ClearingBalanceQuery<'c, 'a, 's, C, ClearingBalance, 0> {
        ClearingBalanceQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ClearingBalanceBorrowed, tokio_postgres::Error> {
                Ok(ClearingBalanceBorrowed {
                    currency: row.try_get(0)?,
                    balance: row.try_get(1)?,
                })
            },
            mapper: |it| ClearingBalance::from(it),
        }
    }
}
pub struct PurgeProviderEventsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_provider_events() -> PurgeProviderEventsStmt {
    PurgeProviderEventsStmt(
        "DELETE FROM provider_events WHERE (provider, event_id) IN ( SELECT provider, event_id FROM provider_events WHERE received_at < now() - make_interval(days => $1) ORDER BY received_at LIMIT $2 )",
        None,
    )
}
impl PurgeProviderEventsStmt {
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
        retention_days: &'a i32,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[retention_days, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        PurgeProviderEventsParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PurgeProviderEventsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PurgeProviderEventsParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.retention_days, &params.batch))
    }
}

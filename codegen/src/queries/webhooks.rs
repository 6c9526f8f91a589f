// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertWebhookParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::StringSql,
> {
    pub url: T1,
    pub event_types: T3,
    pub secret: T4,
}
#[derive(Clone, Copy, Debug)]
pub struct ListWebhooksParams {
    pub after: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListDeliveriesParams {
    pub webhook_id: i64,
    pub after: i64,
    pub status: Option<crate::types::WebhookDeliveryStatus>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct RetryDeadDeliveryParams {
    pub delivery_id: i64,
    pub webhook_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct DeliveryStatusParams {
    pub delivery_id: i64,
    pub webhook_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ClaimDeliveriesParams {
    pub per_webhook: i64,
    pub limit: i64,
    pub lease_seconds: f64,
}
#[derive(Debug)]
pub struct RecordAttemptParams<T1: crate::StringSql> {
    pub delivered: bool,
    pub retry_delay_seconds: f64,
    pub retry_window_seconds: f64,
    pub status_code: Option<i32>,
    pub error: Option<T1>,
    pub id: i64,
    pub attempt: i32,
    pub failures_before_pause: i32,
    pub pause_seconds: f64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub event_types: Vec<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub consecutive_failures: i32,
    pub paused_until: Option<chrono::DateTime<chrono::Utc>>,
}
pub struct WebhookBorrowed<'a> {
    pub id: i64,
    pub url: &'a str,
    pub event_types: crate::ArrayIterator<'a, &'a str>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub consecutive_failures: i32,
    pub paused_until: Option<chrono::DateTime<chrono::Utc>>,
}
impl<'a> From<WebhookBorrowed<'a>> for Webhook {
    fn from(
        WebhookBorrowed {
            id,
            url,
            event_types,
            created_at,
            consecutive_failures,
            paused_until,
        }: WebhookBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            url: url.into(),
            event_types: event_types.map(|v| v.into()).collect(),
            created_at,
            consecutive_failures,
            paused_until,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: i64,
    pub event_id: String,
    pub event_type: String,
    pub status: crate::types::WebhookDeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    pub last_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct DeliveryBorrowed<'a> {
    pub id: i64,
    pub event_id: &'a str,
    pub event_type: &'a str,
    pub status: crate::types::WebhookDeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    pub last_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<&'a str>,
    pub delivered_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<DeliveryBorrowed<'a>> for Delivery {
    fn from(
        DeliveryBorrowed {
            id,
            event_id,
            event_type,
            status,
            attempts,
            next_attempt_at,
            last_attempt_at,
            last_status_code,
            last_error,
            delivered_at,
            created_at,
        }: DeliveryBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            event_id: event_id.into(),
            event_type: event_type.into(),
            status,
            attempts,
            next_attempt_at,
            last_attempt_at,
            last_status_code,
            last_error: last_error.map(|v| v.into()),
            delivered_at,
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub webhook_id: i64,
    pub attempts: i32,
    pub url: String,
    pub secret: String,
    pub event_id: String,
    pub event_type: String,
    pub event_created_at: chrono::DateTime<chrono::Utc>,
    pub payload: serde_json::Value,
}
pub struct ClaimedDeliveryBorrowed<'a> {
    pub id: i64,
    pub webhook_id: i64,
    pub attempts: i32,
    pub url: &'a str,
    pub secret: &'a str,
    pub event_id: &'a str,
    pub event_type: &'a str,
    pub event_created_at: chrono::DateTime<chrono::Utc>,
    pub payload: postgres_types::Json<&'a serde_json::value::RawValue>,
}
impl<'a> From<ClaimedDeliveryBorrowed<'a>> for ClaimedDelivery {
    fn from(
        ClaimedDeliveryBorrowed {
            id,
            webhook_id,
            attempts,
            url,
            secret,
            event_id,
            event_type,
            event_created_at,
            payload,
        }: ClaimedDeliveryBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            webhook_id,
            attempts,
            url: url.into(),
            secret: secret.into(),
            event_id: event_id.into(),
            event_type: event_type.into(),
            event_created_at,
            payload: serde_json::from_str(payload.0.get()).unwrap(),
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct RecordedAttempt {
    pub status: crate::types::WebhookDeliveryStatus,
    pub paused: bool,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct WebhookQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<WebhookBorrowed, tokio_postgres::Error>,
    mapper: fn(WebhookBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> WebhookQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(WebhookBorrowed) -> R) -> WebhookQuery<'c, 'a, 's, C, R, N> {
        WebhookQuery {
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
pub struct DeliveryQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<DeliveryBorrowed, tokio_postgres::Error>,
    mapper: fn(DeliveryBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> DeliveryQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(DeliveryBorrowed) -> R) -> DeliveryQuery<'c, 'a, 's, C, R, N> {
        DeliveryQuery {
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
pub struct WebhookDeliveryStatusQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(
        &tokio_postgres::Row,
    ) -> Result<crate::types::WebhookDeliveryStatus, tokio_postgres::Error>,
    mapper: fn(crate::types::WebhookDeliveryStatus) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> WebhookDeliveryStatusQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(crate::types::WebhookDeliveryStatus) -> R,
    ) -> WebhookDeliveryStatusQuery<'c, 'a, 's, C, R, N> {
        WebhookDeliveryStatusQuery {
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
pub struct ClaimedDeliveryQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ClaimedDeliveryBorrowed, tokio_postgres::Error>,
    mapper: fn(ClaimedDeliveryBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ClaimedDeliveryQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ClaimedDeliveryBorrowed) -> R,
    ) -> ClaimedDeliveryQuery<'c, 'a, 's, C, R, N> {
        ClaimedDeliveryQuery {
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
pub struct RecordedAttemptQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<RecordedAttempt, tokio_postgres::Error>,
    mapper: fn(RecordedAttempt) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> RecordedAttemptQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(RecordedAttempt) -> R,
    ) -> RecordedAttemptQuery<'c, 'a, 's, C, R, N> {
        RecordedAttemptQuery {
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
pub struct F64Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<f64, tokio_postgres::Error>,
    mapper: fn(f64) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> F64Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(f64) -> R) -> F64Query<'c, 'a, 's, C, R, N> {
        F64Query {
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
pub struct InsertWebhookStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_webhook() -> InsertWebhookStmt {
    InsertWebhookStmt(
        "INSERT INTO webhooks (url, event_types, secret) VALUES ($1, $2, $3) RETURNING id, url, event_types, created_at, consecutive_failures, paused_until",
        None,
    )
}
impl InsertWebhookStmt {
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
        T3: crate::ArraySql<Item = T2>,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        url: &'a T1,
        event_types: &'a T3,
        secret: &'a T4,
    ) -> WebhookQuery<'c, 'a, 's, C, Webhook, 3> {
        WebhookQuery {
            client,
            params: [url, event_types, secret],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WebhookBorrowed, tokio_postgres::Error> {
                    Ok(WebhookBorrowed {
                        id: row.try_get(0)?,
                        url: row.try_get(1)?,
                        event_types: row.try_get(2)?,
                        created_at: row.try_get(3)?,
                        consecutive_failures: row.try_get(4)?,
                        paused_until: row.try_get(5)?,
                    })
                },
            mapper: |it| Webhook::from(it),
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
    T3: crate::ArraySql<Item = T2>,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertWebhookParams<T1, T2, T3, T4>,
        WebhookQuery<'c, 'a, 's, C, Webhook, 3>,
        C,
    > for InsertWebhookStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertWebhookParams<T1, T2, T3, T4>,
    ) -> WebhookQuery<'c, 'a, 's, C, Webhook, 3> {
        self.bind(client, &params.url, &params.event_types, &params.secret)
    }
}
pub struct ListWebhooksStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_webhooks() -> ListWebhooksStmt {
    ListWebhooksStmt(
        "SELECT id, url, event_types, created_at, consecutive_failures, paused_until FROM webhooks WHERE id > $1 ORDER BY id LIMIT $2",
        None,
    )
}
impl ListWebhooksStmt {
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
    ) -> WebhookQuery<'c, 'a, 's, C, Webhook, 2> {
        WebhookQuery {
            client,
            params: [after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WebhookBorrowed, tokio_postgres::Error> {
                    Ok(WebhookBorrowed {
                        id: row.try_get(0)?,
                        url: row.try_get(1)?,
                        event_types: row.try_get(2)?,
                        created_at: row.try_get(3)?,
                        consecutive_failures: row.try_get(4)?,
                        paused_until: row.try_get(5)?,
                    })
                },
            mapper: |it| Webhook::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListWebhooksParams,
        WebhookQuery<'c, 'a, 's, C, Webhook, 2>,
        C,
    > for ListWebhooksStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListWebhooksParams,
    ) -> WebhookQuery<'c, 'a, 's, C, Webhook, 2> {
        self.bind(client, &params.after, &params.limit)
    }
}
pub struct GetWebhookStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_webhook() -> GetWebhookStmt {
    GetWebhookStmt(
        "SELECT id, url, event_types, created_at, consecutive_failures, paused_until FROM webhooks WHERE id = $1",
        None,
    )
}
impl GetWebhookStmt {
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
    ) -> WebhookQuery<'c, 'a, 's, C, Webhook, 1> {
        WebhookQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WebhookBorrowed, tokio_postgres::Error> {
                    Ok(WebhookBorrowed {
                        id: row.try_get(0)?,
                        url: row.try_get(1)?,
                        event_types: row.try_get(2)?,
                        created_at: row.try_get(3)?,
                        consecutive_failures: row.try_get(4)?,
                        paused_until: row.try_get(5)?,
                    })
                },
            mapper: |it| Webhook::from(it),
        }
    }
}
pub struct DeleteWebhookStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_webhook() -> DeleteWebhookStmt {
    DeleteWebhookStmt("DELETE FROM webhooks WHERE id = $1", None)
}
impl DeleteWebhookStmt {
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
pub struct ListDeliveriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_deliveries() -> ListDeliveriesStmt {
    ListDeliveriesStmt(
        "SELECT d.id, e.id::text AS event_id, e.type AS event_type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at, d.created_at FROM webhook_deliveries d JOIN events e ON e.position = d.event_position WHERE d.webhook_id = $1 AND d.id > $2 AND ($3::webhook_delivery_status IS NULL OR d.status = $3) ORDER BY d.id LIMIT $4",
        None,
    )
}
impl ListDeliveriesStmt {
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
        webhook_id: &'a i64,
        after: &'a i64,
        status: &'a Option<crate::types::WebhookDeliveryStatus>,
        limit: &'a i64,
    ) -> DeliveryQuery<'c, 'a, 's, C, Delivery, 4> {
        DeliveryQuery {
            client,
            params: [webhook_id, after, status, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<DeliveryBorrowed, tokio_postgres::Error> {
                    Ok(DeliveryBorrowed {
                        id: row.try_get(0)?,
                        event_id: row.try_get(1)?,
                        event_type: row.try_get(2)?,
                        status: row.try_get(3)?,
                        attempts: row.try_get(4)?,
                        next_attempt_at: row.try_get(5)?,
                        last_attempt_at: row.try_get(6)?,
                        last_status_code: row.try_get(7)?,
                        last_error: row.try_get(8)?,
                        delivered_at: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                    })
                },
            mapper: |it| Delivery::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListDeliveriesParams,
        DeliveryQuery<'c, 'a, 's, C, Delivery, 4>,
        C,
    > for ListDeliveriesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListDeliveriesParams,
    ) -> DeliveryQuery<'c, 'a, 's, C, Delivery, 4> {
        self.bind(
            client,
            &params.webhook_id,
            &params.after,
            &params.status,
            &params.limit,
        )
    }
}
pub struct RetryDeadDeliveryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn retry_dead_delivery() -> RetryDeadDeliveryStmt {
    RetryDeadDeliveryStmt(
        "UPDATE webhook_deliveries d SET status = 'pending', next_attempt_at = now(), retry_from = now() FROM events e WHERE d.id = $1 AND d.webhook_id = $2 AND d.status = 'dead' AND e.position = d.event_position RETURNING d.id, e.id::text AS event_id, e.type AS event_type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at, d.created_at",
        None,
    )
}
impl RetryDeadDeliveryStmt {
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
        delivery_id: &'a i64,
        webhook_id: &'a i64,
    ) -> DeliveryQuery<'c, 'a, 's, C, Delivery, 2> {
        DeliveryQuery {
            client,
            params: [delivery_id, webhook_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<DeliveryBorrowed, tokio_postgres::Error> {
                    Ok(DeliveryBorrowed {
                        id: row.try_get(0)?,
                        event_id: row.try_get(1)?,
                        event_type: row.try_get(2)?,
                        status: row.try_get(3)?,
                        attempts: row.try_get(4)?,
                        next_attempt_at: row.try_get(5)?,
                        last_attempt_at: row.try_get(6)?,
                        last_status_code: row.try_get(7)?,
                        last_error: row.try_get(8)?,
                        delivered_at: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                    })
                },
            mapper: |it| Delivery::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        RetryDeadDeliveryParams,
        DeliveryQuery<'c, 'a, 's, C, Delivery, 2>,
        C,
    > for RetryDeadDeliveryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RetryDeadDeliveryParams,
    ) -> DeliveryQuery<'c, 'a, 's, C, Delivery, 2> {
        self.bind(client, &params.delivery_id, &params.webhook_id)
    }
}
pub struct DeliveryStatusStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delivery_status() -> DeliveryStatusStmt {
    DeliveryStatusStmt(
        "SELECT status FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2",
        None,
    )
}
impl DeliveryStatusStmt {
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
        delivery_id: &'a i64,
        webhook_id: &'a i64,
    ) -> WebhookDeliveryStatusQuery<'c, 'a, 's, C, crate::types::WebhookDeliveryStatus, 2> {
        WebhookDeliveryStatusQuery {
            client,
            params: [delivery_id, webhook_id],
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
        DeliveryStatusParams,
        WebhookDeliveryStatusQuery<'c, 'a, 's, C, crate::types::WebhookDeliveryStatus, 2>,
        C,
    > for DeliveryStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a DeliveryStatusParams,
    ) -> WebhookDeliveryStatusQuery<'c, 'a, 's, C, crate::types::WebhookDeliveryStatus, 2> {
        self.bind(client, &params.delivery_id, &params.webhook_id)
    }
}
pub struct ClaimDeliveriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn claim_deliveries() -> ClaimDeliveriesStmt {
    ClaimDeliveriesStmt(
        "WITH candidates AS ( SELECT d.id, d.nth, d.next_attempt_at FROM webhooks w CROSS JOIN LATERAL ( SELECT count(*) AS leased FROM webhook_deliveries x WHERE x.webhook_id = w.id AND x.status = 'pending' AND x.next_attempt_at > now() AND x.leased_until > now() ) busy CROSS JOIN LATERAL ( SELECT x.id, x.next_attempt_at, row_number() OVER (ORDER BY x.next_attempt_at, x.id) AS nth FROM webhook_deliveries x WHERE x.webhook_id = w.id AND x.status = 'pending' AND x.next_attempt_at <= now() ORDER BY x.next_attempt_at, x.id LIMIT greatest($1 - busy.leased, 0) ) d WHERE w.paused_until IS NULL OR w.paused_until <= now() ), due AS ( SELECT x.id FROM webhook_deliveries x JOIN candidates c ON c.id = x.id WHERE x.status = 'pending' AND x.next_attempt_at <= now() ORDER BY c.nth, c.next_attempt_at LIMIT $2 FOR UPDATE OF x SKIP LOCKED ) UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $3), leased_until = now() + make_interval(secs => $3) FROM due, webhooks w, events e WHERE d.id = due.id AND w.id = d.webhook_id AND e.position = d.event_position RETURNING d.id, d.webhook_id, d.attempts, w.url, w.secret, e.id::text AS event_id, e.type AS event_type, e.created_at AS event_created_at, e.payload",
        None,
    )
}
impl ClaimDeliveriesStmt {
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
        per_webhook: &'a i64,
        limit: &'a i64,
        lease_seconds: &'a f64,
    ) -> ClaimedDeliveryQuery<'c, 'a, 's, C, ClaimedDelivery, 3> {
        ClaimedDeliveryQuery {
            client,
            params: [per_webhook, limit, lease_seconds],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ClaimedDeliveryBorrowed, tokio_postgres::Error> {
                Ok(ClaimedDeliveryBorrowed {
                    id: row.try_get(0)?,
                    webhook_id: row.try_get(1)?,
                    attempts: row.try_get(2)?,
                    url: row.try_get(3)?,
                    secret: row.try_get(4)?,
                    event_id: row.try_get(5)?,
                    event_type: row.try_get(6)?,
                    event_created_at: row.try_get(7)?,
                    payload: row.try_get(8)?,
                })
            },
            mapper: |it| ClaimedDelivery::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ClaimDeliveriesParams,
        ClaimedDeliveryQuery<'c, 'a, 's, C, ClaimedDelivery, 3>,
        C,
    > for ClaimDeliveriesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ClaimDeliveriesParams,
    ) -> ClaimedDeliveryQuery<'c, 'a, 's, C, ClaimedDelivery, 3> {
        self.bind(
            client,
            &params.per_webhook,
            &params.limit,
            &params.lease_seconds,
        )
    }
}
pub struct RecordAttemptStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn record_attempt() -> RecordAttemptStmt {
    RecordAttemptStmt(
        "WITH attempt AS ( UPDATE webhook_deliveries SET status = CASE WHEN $1 THEN 'delivered' WHEN now() + make_interval(secs => $2) > retry_from + make_interval(secs => $3) THEN 'dead' ELSE 'pending' END::webhook_delivery_status, next_attempt_at = now() + make_interval(secs => $2), leased_until = NULL, delivered_at = CASE WHEN $1 THEN now() END, last_attempt_at = now(), last_status_code = $4, last_error = $5 WHERE id = $6 AND attempts = $7 AND status = 'pending' RETURNING webhook_id, status ), breaker AS ( UPDATE webhooks w SET consecutive_failures = CASE WHEN $1 THEN 0 ELSE w.consecutive_failures + 1 END, paused_until = CASE WHEN $1 THEN NULL WHEN w.consecutive_failures + 1 >= $8 THEN now() + make_interval(secs => $9) ELSE w.paused_until END FROM attempt a WHERE w.id = a.webhook_id AND (NOT $1 OR w.consecutive_failures > 0 OR w.paused_until IS NOT NULL) RETURNING NOT $1 AND w.consecutive_failures >= $8 AS paused ) SELECT a.status, coalesce((SELECT paused FROM breaker), false) AS paused FROM attempt a",
        None,
    )
}
impl RecordAttemptStmt {
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
        delivered: &'a bool,
        retry_delay_seconds: &'a f64,
        retry_window_seconds: &'a f64,
        status_code: &'a Option<i32>,
        error: &'a Option<T1>,
        id: &'a i64,
        attempt: &'a i32,
        failures_before_pause: &'a i32,
        pause_seconds: &'a f64,
    ) -> RecordedAttemptQuery<'c, 'a, 's, C, RecordedAttempt, 9> {
        RecordedAttemptQuery {
            client,
            params: [
                delivered,
                retry_delay_seconds,
                retry_window_seconds,
                status_code,
                error,
                id,
                attempt,
                failures_before_pause,
                pause_seconds,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RecordedAttempt, tokio_postgres::Error> {
                    Ok(RecordedAttempt {
                        status: row.try_get(0)?,
                        paused: row.try_get(1)?,
                    })
                },
            mapper: |it| RecordedAttempt::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        RecordAttemptParams<T1>,
        RecordedAttemptQuery<'c, 'a, 's, C, RecordedAttempt, 9>,
        C,
    > for RecordAttemptStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RecordAttemptParams<T1>,
    ) -> RecordedAttemptQuery<'c, 'a, 's, C, RecordedAttempt, 9> {
        self.bind(
            client,
            &params.delivered,
            &params.retry_delay_seconds,
            &params.retry_window_seconds,
            &params.status_code,
            &params.error,
            &params.id,
            &params.attempt,
            &params.failures_before_pause,
            &params.pause_seconds,
        )
    }
}
pub struct OldestPendingDeliveryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn oldest_pending_delivery() -> OldestPendingDeliveryStmt {
    OldestPendingDeliveryStmt(
        "SELECT COALESCE(extract(epoch FROM now() - min(e.created_at))::float8, 0) AS age FROM webhook_deliveries d JOIN events e ON e.position = d.event_position WHERE d.status = 'pending'",
        None,
    )
}
impl OldestPendingDeliveryStmt {
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
    ) -> F64Query<'c, 'a, 's, C, f64, 0> {
        F64Query {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}

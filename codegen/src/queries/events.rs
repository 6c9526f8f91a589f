// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct EventFeedParams {
    pub after_txid: i64,
    pub after_position: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct PurgeFinishedDeliveriesParams {
    pub retention_days: i32,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct PurgeEventsParams {
    pub retention_days: i32,
    pub batch: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    pub txid: i64,
    pub position: i64,
    pub id: String,
    pub aggregatetype: String,
    pub aggregateid: String,
    pub r#type: String,
    pub payload: serde_json::Value,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct FeedEventBorrowed<'a> {
    pub txid: i64,
    pub position: i64,
    pub id: &'a str,
    pub aggregatetype: &'a str,
    pub aggregateid: &'a str,
    pub r#type: &'a str,
    pub payload: postgres_types::Json<&'a serde_json::value::RawValue>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<FeedEventBorrowed<'a>> for FeedEvent {
    fn from(
        FeedEventBorrowed {
            txid,
            position,
            id,
            aggregatetype,
            aggregateid,
            r#type,
            payload,
            created_at,
        }: FeedEventBorrowed<'a>,
    ) -> Self {
        Self {
            txid,
            position,
            id: id.into(),
            aggregatetype: aggregatetype.into(),
            aggregateid: aggregateid.into(),
            r#type: r#type.into(),
            payload: serde_json::from_str(payload.0.get()).unwrap(),
            created_at,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct FeedEventQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FeedEventBorrowed, tokio_postgres::Error>,
    mapper: fn(FeedEventBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FeedEventQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(FeedEventBorrowed) -> R) -> FeedEventQuery<'c, 'a, 's, C, R, N> {
        FeedEventQuery {
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
pub struct EventFeedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn event_feed() -> EventFeedStmt {
    EventFeedStmt(
        "SELECT txid::text::bigint AS txid, position, id::text AS id, aggregatetype, aggregateid, type, payload, created_at FROM events WHERE (txid, position) > ($1::bigint::text::xid8, $2::bigint) AND txid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY txid, position LIMIT $3",
        None,
    )
}
impl EventFeedStmt {
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
        after_txid: &'a i64,
        after_position: &'a i64,
        limit: &'a i64,
    ) -> FeedEventQuery<'c, 'a, 's, C, FeedEvent, 3> {
        FeedEventQuery {
            client,
            params: [after_txid, after_position, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FeedEventBorrowed, tokio_postgres::Error> {
                    Ok(FeedEventBorrowed {
                        txid: row.try_get(0)?,
                        position: row.try_get(1)?,
                        id: row.try_get(2)?,
                        aggregatetype: row.try_get(3)?,
                        aggregateid: row.try_get(4)?,
                        r#type: row.try_get(5)?,
                        payload: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| FeedEvent::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        EventFeedParams,
        FeedEventQuery<'c, 'a, 's, C, FeedEvent, 3>,
        C,
    > for EventFeedStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a EventFeedParams,
    ) -> FeedEventQuery<'c, 'a, 's, C, FeedEvent, 3> {
        self.bind(
            client,
            &params.after_txid,
            &params.after_position,
            &params.limit,
        )
    }
}
pub struct PurgeFinishedDeliveriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_finished_deliveries() -> PurgeFinishedDeliveriesStmt {
    PurgeFinishedDeliveriesStmt(
        "DELETE FROM webhook_deliveries WHERE id = ANY (ARRAY( SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1) ORDER BY id LIMIT $2 ))",
        None,
    )
}
impl PurgeFinishedDeliveriesStmt {
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
        PurgeFinishedDeliveriesParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PurgeFinishedDeliveriesStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PurgeFinishedDeliveriesParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.retention_days, &params.batch))
    }
}
pub struct PurgeEventsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_events() -> PurgeEventsStmt {
    PurgeEventsStmt(
        "DELETE FROM events WHERE position = ANY (ARRAY( SELECT e.position FROM events e WHERE e.created_at < now() - make_interval(days => $1) AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_position = e.position) ORDER BY e.position LIMIT $2 ))",
        None,
    )
}
impl PurgeEventsStmt {
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
        PurgeEventsParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PurgeEventsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PurgeEventsParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.retention_days, &params.batch))
    }
}

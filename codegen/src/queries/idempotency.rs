// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct ClaimIdempotencyKeyParams<T1: crate::StringSql, T2: crate::BytesSql> {
    pub user_id: i64,
    pub idempotency_key: T1,
    pub request_hash: T2,
    pub daily_limit: i64,
}
#[derive(Debug)]
pub struct StoredResponseParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct StoreResponseParams<T1: crate::JsonSql, T2: crate::StringSql> {
    pub response_status: i16,
    pub response_body: T1,
    pub user_id: i64,
    pub idempotency_key: T2,
}
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResponse {
    pub request_hash: Vec<u8>,
    pub response_status: Option<i16>,
    pub response_body: Option<serde_json::Value>,
}
pub struct StoredResponseBorrowed<'a> {
    pub request_hash: &'a [u8],
    pub response_status: Option<i16>,
    pub response_body: Option<postgres_types::Json<&'a serde_json::value::RawValue>>,
}
impl<'a> From<StoredResponseBorrowed<'a>> for StoredResponse {
    fn from(
        StoredResponseBorrowed {
            request_hash,
            response_status,
            response_body,
        }: StoredResponseBorrowed<'a>,
    ) -> Self {
        Self {
            request_hash: request_hash.into(),
            response_status,
            response_body: response_body.map(|v| serde_json::from_str(v.0.get()).unwrap()),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct StoredResponseQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<StoredResponseBorrowed, tokio_postgres::Error>,
    mapper: fn(StoredResponseBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StoredResponseQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(StoredResponseBorrowed) -> R,
    ) -> StoredResponseQuery<'c, 'a, 's, C, R, N> {
        StoredResponseQuery {
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
pub struct Optioni32Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<Option<i32>, tokio_postgres::Error>,
    mapper: fn(Option<i32>) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> Optioni32Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(Option<i32>) -> R) -> Optioni32Query<'c, 'a, 's, C, R, N> {
        Optioni32Query {
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
pub struct ClaimIdempotencyKeyStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn claim_idempotency_key() -> ClaimIdempotencyKeyStmt {
    ClaimIdempotencyKeyStmt(
        "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash) SELECT $1, $2, $3 WHERE (SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND created_at > now() - interval '24 hours') < $4 ON CONFLICT (user_id, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, created_at = now() WHERE idempotency_keys.created_at < now() - interval '24 hours'",
        None,
    )
}
impl ClaimIdempotencyKeyStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::BytesSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        idempotency_key: &'a T1,
        request_hash: &'a T2,
        daily_limit: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[user_id, idempotency_key, request_hash, daily_limit],
            )
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql, T2: crate::BytesSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ClaimIdempotencyKeyParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ClaimIdempotencyKeyStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ClaimIdempotencyKeyParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.user_id,
            &params.idempotency_key,
            &params.request_hash,
            &params.daily_limit,
        ))
    }
}
pub struct StoredResponseStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn stored_response() -> StoredResponseStmt {
    StoredResponseStmt(
        "SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 AND created_at > now() - interval '24 hours'",
        None,
    )
}
impl StoredResponseStmt {
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
        user_id: &'a i64,
        idempotency_key: &'a T1,
    ) -> StoredResponseQuery<'c, 'a, 's, C, StoredResponse, 2> {
        StoredResponseQuery {
            client,
            params: [user_id, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<StoredResponseBorrowed, tokio_postgres::Error> {
                Ok(StoredResponseBorrowed {
                    request_hash: row.try_get(0)?,
                    response_status: row.try_get(1)?,
                    response_body: row.try_get(2)?,
                })
            },
            mapper: |it| StoredResponse::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        StoredResponseParams<T1>,
        StoredResponseQuery<'c, 'a, 's, C, StoredResponse, 2>,
        C,
    > for StoredResponseStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a StoredResponseParams<T1>,
    ) -> StoredResponseQuery<'c, 'a, 's, C, StoredResponse, 2> {
        self.bind(client, &params.user_id, &params.idempotency_key)
    }
}
pub struct DailyLimitReopensStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn daily_limit_reopens() -> DailyLimitReopensStmt {
    DailyLimitReopensStmt(
        "SELECT ceil(extract(epoch FROM min(created_at) + interval '24 hours' - now()))::int AS seconds FROM idempotency_keys WHERE user_id = $1 AND created_at > now() - interval '24 hours'",
        None,
    )
}
impl DailyLimitReopensStmt {
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
    ) -> Optioni32Query<'c, 'a, 's, C, Option<i32>, 1> {
        Optioni32Query {
            client,
            params: [user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct StoreResponseStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn store_response() -> StoreResponseStmt {
    StoreResponseStmt(
        "UPDATE idempotency_keys SET response_status = $1, response_body = $2 WHERE user_id = $3 AND idempotency_key = $4",
        None,
    )
}
impl StoreResponseStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::JsonSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        response_status: &'a i16,
        response_body: &'a T1,
        user_id: &'a i64,
        idempotency_key: &'a T2,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[response_status, response_body, user_id, idempotency_key],
            )
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::JsonSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        StoreResponseParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for StoreResponseStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a StoreResponseParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.response_status,
            &params.response_body,
            &params.user_id,
            &params.idempotency_key,
        ))
    }
}
pub struct PurgeIdempotencyKeysStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_idempotency_keys() -> PurgeIdempotencyKeysStmt {
    PurgeIdempotencyKeysStmt(
        "DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'",
        None,
    )
}
impl PurgeIdempotencyKeysStmt {
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
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[]).await
    }
}

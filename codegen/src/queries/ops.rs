// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug, Clone, PartialEq)]
pub struct BlockedSession {
    pub blocked_pid: i32,
    pub blocked_query: Option<String>,
    pub waited_seconds: Option<f64>,
    pub wanted_mode: Option<String>,
    pub relation: Option<String>,
    pub blocking_pid: i32,
    pub blocking_query: Option<String>,
    pub blocking_state: Option<String>,
    pub blocking_transaction_seconds: Option<f64>,
}
pub struct BlockedSessionBorrowed<'a> {
    pub blocked_pid: i32,
    pub blocked_query: Option<&'a str>,
    pub waited_seconds: Option<f64>,
    pub wanted_mode: Option<&'a str>,
    pub relation: Option<&'a str>,
    pub blocking_pid: i32,
    pub blocking_query: Option<&'a str>,
    pub blocking_state: Option<&'a str>,
    pub blocking_transaction_seconds: Option<f64>,
}
impl<'a> From<BlockedSessionBorrowed<'a>> for BlockedSession {
    fn from(
        BlockedSessionBorrowed {
            blocked_pid,
            blocked_query,
            waited_seconds,
            wanted_mode,
            relation,
            blocking_pid,
            blocking_query,
            blocking_state,
            blocking_transaction_seconds,
        }: BlockedSessionBorrowed<'a>,
    ) -> Self {
        Self {
            blocked_pid,
            blocked_query: blocked_query.map(|v| v.into()),
            waited_seconds,
            wanted_mode: wanted_mode.map(|v| v.into()),
            relation: relation.map(|v| v.into()),
            blocking_pid,
            blocking_query: blocking_query.map(|v| v.into()),
            blocking_state: blocking_state.map(|v| v.into()),
            blocking_transaction_seconds,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct LockHealth {
    pub lock_waits: i64,
    pub longest_transaction_seconds: f64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct BlockedSessionQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<BlockedSessionBorrowed, tokio_postgres::Error>,
    mapper: fn(BlockedSessionBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BlockedSessionQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(BlockedSessionBorrowed) -> R,
    ) -> BlockedSessionQuery<'c, 'a, 's, C, R, N> {
        BlockedSessionQuery {
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
pub struct LockHealthQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LockHealth, tokio_postgres::Error>,
    mapper: fn(LockHealth) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LockHealthQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(LockHealth) -> R) -> LockHealthQuery<'c, 'a, 's, C, R, N> {
        LockHealthQuery {
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
pub struct BlockedSessionsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn blocked_sessions() -> BlockedSessionsStmt {
    BlockedSessionsStmt(
        "SELECT waiting.pid AS blocked_pid, waiting.query AS blocked_query, extract(epoch FROM now() - wanted.waitstart)::float8 AS waited_seconds, wanted.mode AS wanted_mode, CASE WHEN wanted.relation IS NOT NULL THEN wanted.relation::regclass::text ELSE wanted.locktype END AS relation, blocker.pid AS blocking_pid, blocker.query AS blocking_query, blocker.state AS blocking_state, extract(epoch FROM now() - blocker.xact_start)::float8 AS blocking_transaction_seconds FROM pg_stat_activity waiting CROSS JOIN LATERAL unnest(pg_blocking_pids(waiting.pid)) AS blocking (pid) JOIN pg_stat_activity blocker ON blocker.pid = blocking.pid LEFT JOIN pg_locks wanted ON wanted.pid = waiting.pid AND NOT wanted.granted WHERE waiting.wait_event_type = 'Lock' ORDER BY waited_seconds DESC NULLS LAST, blocked_pid, blocking_pid",
        None,
    )
}
impl BlockedSessionsStmt {
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
    ) -> BlockedSessionQuery<'c, 'a, 's, C, BlockedSession, 0> {
        BlockedSessionQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<BlockedSessionBorrowed, tokio_postgres::Error> {
                Ok(BlockedSessionBorrowed {
                    blocked_pid: row.try_get(0)?,
                    blocked_query: row.try_get(1)?,
                    waited_seconds: row.try_get(2)?,
                    wanted_mode: row.try_get(3)?,
                    relation: row.try_get(4)?,
                    blocking_pid: row.try_get(5)?,
                    blocking_query: row.try_get(6)?,
                    blocking_state: row.try_get(7)?,
                    blocking_transaction_seconds: row.try_get(8)?,
                })
            },
            mapper: |it| BlockedSession::from(it),
        }
    }
}
pub struct LockHealthStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_health() -> LockHealthStmt {
    LockHealthStmt(
        "SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted) AS lock_waits, coalesce((SELECT extract(epoch FROM max(now() - xact_start)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()), 0)::float8 AS longest_transaction_seconds",
        None,
    )
}
impl LockHealthStmt {
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
    ) -> LockHealthQuery<'c, 'a, 's, C, LockHealth, 0> {
        LockHealthQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<LockHealth, tokio_postgres::Error> {
                Ok(LockHealth {
                    lock_waits: row.try_get(0)?,
                    longest_transaction_seconds: row.try_get(1)?,
                })
            },
            mapper: |it| LockHealth::from(it),
        }
    }
}

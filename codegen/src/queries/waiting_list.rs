// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct InsertWaitingListEntryParams {
    pub screening_id: i64,
    pub user_id: i64,
    pub seats: i16,
}
#[derive(Clone, Copy, Debug)]
pub struct ListWaitingListEntriesParams {
    pub user_id: i64,
    pub after: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct GetWaitingListEntryParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct EntryToCancelParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct CancelWaitingEntryParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct MarkOfferedParams {
    pub booking_id: i64,
    pub offer_expires_at: chrono::DateTime<chrono::Utc>,
    pub id: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct WaitingScreening {
    pub started: bool,
    pub price: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct WaitingListEntry {
    pub id: i64,
    pub screening_id: i64,
    pub seats: i16,
    pub position: Option<i64>,
    pub status: crate::types::WaitingListStatus,
    pub booking_id: Option<i64>,
    pub offer_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct EntryToCancel {
    pub status: crate::types::WaitingListStatus,
    pub booking_id: Option<i64>,
    pub open: bool,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct WaitingParty {
    pub id: i64,
    pub user_id: i64,
    pub seats: i16,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ScreeningAwaitingOffers {
    pub screening_id: i64,
    pub smallest: i16,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct WaitingScreeningQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<WaitingScreening, tokio_postgres::Error>,
    mapper: fn(WaitingScreening) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> WaitingScreeningQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(WaitingScreening) -> R,
    ) -> WaitingScreeningQuery<'c, 'a, 's, C, R, N> {
        WaitingScreeningQuery {
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
pub struct WaitingListEntryQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<WaitingListEntry, tokio_postgres::Error>,
    mapper: fn(WaitingListEntry) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> WaitingListEntryQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(WaitingListEntry) -> R,
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, R, N> {
        WaitingListEntryQuery {
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
pub struct EntryToCancelQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<EntryToCancel, tokio_postgres::Error>,
    mapper: fn(EntryToCancel) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> EntryToCancelQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(EntryToCancel) -> R) -> EntryToCancelQuery<'c, 'a, 's, C, R, N> {
        EntryToCancelQuery {
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
pub struct WaitingPartyQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<WaitingParty, tokio_postgres::Error>,
    mapper: fn(WaitingParty) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> WaitingPartyQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(WaitingParty) -> R) -> WaitingPartyQuery<'c, 'a, 's, C, R, N> {
        WaitingPartyQuery {
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
pub struct ScreeningAwaitingOffersQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ScreeningAwaitingOffers, tokio_postgres::Error>,
    mapper: fn(ScreeningAwaitingOffers) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ScreeningAwaitingOffersQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ScreeningAwaitingOffers) -> R,
    ) -> ScreeningAwaitingOffersQuery<'c, 'a, 's, C, R, N> {
        ScreeningAwaitingOffersQuery {
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
pub struct BoolQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<bool, tokio_postgres::Error>,
    mapper: fn(bool) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BoolQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(bool) -> R) -> BoolQuery<'c, 'a, 's, C, R, N> {
        BoolQuery {
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
pub struct WaitingScreeningStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn waiting_screening() -> WaitingScreeningStmt {
    WaitingScreeningStmt(
        "SELECT starts_at <= now() AS started, price FROM screenings WHERE id = $1",
        None,
    )
}
impl WaitingScreeningStmt {
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
        screening_id: &'a i64,
    ) -> WaitingScreeningQuery<'c, 'a, 's, C, WaitingScreening, 1> {
        WaitingScreeningQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WaitingScreening, tokio_postgres::Error> {
                    Ok(WaitingScreening {
                        started: row.try_get(0)?,
                        price: row.try_get(1)?,
                    })
                },
            mapper: |it| WaitingScreening::from(it),
        }
    }
}
pub struct InsertWaitingListEntryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_waiting_list_entry() -> InsertWaitingListEntryStmt {
    InsertWaitingListEntryStmt(
        "WITH entry AS ( INSERT INTO waiting_list_entries (screening_id, user_id, seats) VALUES ($1, $2, $3) RETURNING id, screening_id, seats, status, booking_id, offer_expires_at, created_at ) SELECT e.id, e.screening_id, e.seats, (SELECT count(*) + 1 FROM waiting_list_entries w WHERE w.screening_id = e.screening_id AND w.status = 'waiting') AS position, e.status, e.booking_id, e.offer_expires_at, e.created_at FROM entry e",
        None,
    )
}
impl InsertWaitingListEntryStmt {
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
        screening_id: &'a i64,
        user_id: &'a i64,
        seats: &'a i16,
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 3> {
        WaitingListEntryQuery {
            client,
            params: [screening_id, user_id, seats],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WaitingListEntry, tokio_postgres::Error> {
                    Ok(WaitingListEntry {
                        id: row.try_get(0)?,
                        screening_id: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        position: row.try_get(3)?,
                        status: row.try_get(4)?,
                        booking_id: row.try_get(5)?,
                        offer_expires_at: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| WaitingListEntry::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertWaitingListEntryParams,
        WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 3>,
        C,
    > for InsertWaitingListEntryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertWaitingListEntryParams,
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 3> {
        self.bind(client, &params.screening_id, &params.user_id, &params.seats)
    }
}
pub struct ListWaitingListEntriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_waiting_list_entries() -> ListWaitingListEntriesStmt {
    ListWaitingListEntriesStmt(
        "SELECT id, screening_id, seats, position, status, booking_id, offer_expires_at, created_at FROM waiting_list_entries_as_read WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl ListWaitingListEntriesStmt {
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
        limit: &'a i64,
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 3> {
        WaitingListEntryQuery {
            client,
            params: [user_id, after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WaitingListEntry, tokio_postgres::Error> {
                    Ok(WaitingListEntry {
                        id: row.try_get(0)?,
                        screening_id: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        position: row.try_get(3)?,
                        status: row.try_get(4)?,
                        booking_id: row.try_get(5)?,
                        offer_expires_at: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| WaitingListEntry::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListWaitingListEntriesParams,
        WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 3>,
        C,
    > for ListWaitingListEntriesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListWaitingListEntriesParams,
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 3> {
        self.bind(client, &params.user_id, &params.after, &params.limit)
    }
}
pub struct GetWaitingListEntryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_waiting_list_entry() -> GetWaitingListEntryStmt {
    GetWaitingListEntryStmt(
        "SELECT id, screening_id, seats, position, status, booking_id, offer_expires_at, created_at FROM waiting_list_entries_as_read WHERE id = $1 AND user_id = $2",
        None,
    )
}
impl GetWaitingListEntryStmt {
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
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 2> {
        WaitingListEntryQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<WaitingListEntry, tokio_postgres::Error> {
                    Ok(WaitingListEntry {
                        id: row.try_get(0)?,
                        screening_id: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        position: row.try_get(3)?,
                        status: row.try_get(4)?,
                        booking_id: row.try_get(5)?,
                        offer_expires_at: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| WaitingListEntry::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetWaitingListEntryParams,
        WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 2>,
        C,
    > for GetWaitingListEntryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetWaitingListEntryParams,
    ) -> WaitingListEntryQuery<'c, 'a, 's, C, WaitingListEntry, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct EntryToCancelStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn entry_to_cancel() -> EntryToCancelStmt {
    EntryToCancelStmt(
        "SELECT e.status, e.booking_id, e.status = 'waiting' OR e.status = 'offered' AND e.offer_expires_at > now() AS open FROM waiting_list_entries e WHERE e.id = $1 AND e.user_id = $2",
        None,
    )
}
impl EntryToCancelStmt {
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
    ) -> EntryToCancelQuery<'c, 'a, 's, C, EntryToCancel, 2> {
        EntryToCancelQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<EntryToCancel, tokio_postgres::Error> {
                Ok(EntryToCancel {
                    status: row.try_get(0)?,
                    booking_id: row.try_get(1)?,
                    open: row.try_get(2)?,
                })
            },
            mapper: |it| EntryToCancel::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        EntryToCancelParams,
        EntryToCancelQuery<'c, 'a, 's, C, EntryToCancel, 2>,
        C,
    > for EntryToCancelStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a EntryToCancelParams,
    ) -> EntryToCancelQuery<'c, 'a, 's, C, EntryToCancel, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct CancelWaitingEntryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn cancel_waiting_entry() -> CancelWaitingEntryStmt {
    CancelWaitingEntryStmt(
        "UPDATE waiting_list_entries SET status = 'cancelled' WHERE id = $1 AND user_id = $2 AND status = 'waiting' RETURNING id",
        None,
    )
}
impl CancelWaitingEntryStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        I64Query {
            client,
            params: [id, user_id],
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
        CancelWaitingEntryParams,
        I64Query<'c, 'a, 's, C, i64, 2>,
        C,
    > for CancelWaitingEntryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CancelWaitingEntryParams,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct LockWaitingPartiesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_waiting_parties() -> LockWaitingPartiesStmt {
    LockWaitingPartiesStmt(
        "SELECT id, user_id, seats FROM waiting_list_entries WHERE screening_id = $1 AND status = 'waiting' ORDER BY id FOR UPDATE",
        None,
    )
}
impl LockWaitingPartiesStmt {
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
        screening_id: &'a i64,
    ) -> WaitingPartyQuery<'c, 'a, 's, C, WaitingParty, 1> {
        WaitingPartyQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<WaitingParty, tokio_postgres::Error> {
                Ok(WaitingParty {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    seats: row.try_get(2)?,
                })
            },
            mapper: |it| WaitingParty::from(it),
        }
    }
}
pub struct MarkOfferedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_offered() -> MarkOfferedStmt {
    MarkOfferedStmt(
        "UPDATE waiting_list_entries SET status = 'offered', booking_id = $1, offer_expires_at = $2 WHERE id = $3 AND status = 'waiting'",
        None,
    )
}
impl MarkOfferedStmt {
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
        booking_id: &'a i64,
        offer_expires_at: &'a chrono::DateTime<chrono::Utc>,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[booking_id, offer_expires_at, id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        MarkOfferedParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for MarkOfferedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a MarkOfferedParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.booking_id,
            &params.offer_expires_at,
            &params.id,
        ))
    }
}
pub struct ScreeningsAwaitingOffersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn screenings_awaiting_offers() -> ScreeningsAwaitingOffersStmt {
    ScreeningsAwaitingOffersStmt(
        "SELECT e.screening_id, min(e.seats) AS smallest FROM waiting_list_entries e JOIN screenings s ON s.id = e.screening_id WHERE e.status = 'waiting' AND s.starts_at > now() GROUP BY e.screening_id ORDER BY e.screening_id",
        None,
    )
}
impl ScreeningsAwaitingOffersStmt {
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
    ) -> ScreeningAwaitingOffersQuery<'c, 'a, 's, C, ScreeningAwaitingOffers, 0> {
        ScreeningAwaitingOffersQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ScreeningAwaitingOffers, tokio_postgres::Error> {
                Ok(ScreeningAwaitingOffers {
                    screening_id: row.try_get(0)?,
                    smallest: row.try_get(1)?,
                })
            },
            mapper: |it| ScreeningAwaitingOffers::from(it),
        }
    }
}
pub struct HasWaitingPartiesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn has_waiting_parties() -> HasWaitingPartiesStmt {
    HasWaitingPartiesStmt(
        "SELECT EXISTS ( SELECT 1 FROM waiting_list_entries WHERE screening_id = $1 AND status = 'waiting' ) AS waiting",
        None,
    )
}
impl HasWaitingPartiesStmt {
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
        screening_id: &'a i64,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 1> {
        BoolQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}

// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct ListTheatersParams {
    pub after: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct InsertTheaterParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub name: T1,
    pub city: T2,
    pub capacity: i32,
}
#[derive(Debug)]
pub struct InsertLayoutParams<
    T1: crate::ArraySql<Item = i16>,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::ArraySql<Item = i16>,
    T5: crate::ArraySql<Item = i16>,
    T6: crate::ArraySql<Item = i16>,
    T7: crate::ArraySql<Item = crate::types::SeatCategory>,
    T8: crate::ArraySql<Item = bool>,
> {
    pub theater_id: i64,
    pub row_indexes: T1,
    pub labels: T3,
    pub row_seats: T4,
    pub seat_rows: T5,
    pub numbers: T6,
    pub categories: T7,
    pub blocked: T8,
}
#[derive(Clone, Copy, Debug)]
pub struct SetCapacityParams {
    pub capacity: i32,
    pub id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Theater {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub capacity: i32,
    pub version: i64,
}
pub struct TheaterBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub city: &'a str,
    pub capacity: i32,
    pub version: i64,
}
impl<'a> From<TheaterBorrowed<'a>> for Theater {
    fn from(
        TheaterBorrowed {
            id,
            name,
            city,
            capacity,
            version,
        }: TheaterBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            city: city.into(),
            capacity,
            version,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutSeat {
    pub row_index: i16,
    pub label: String,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub blocked: bool,
    pub version: i64,
}
pub struct LayoutSeatBorrowed<'a> {
    pub row_index: i16,
    pub label: &'a str,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub blocked: bool,
    pub version: i64,
}
impl<'a> From<LayoutSeatBorrowed<'a>> for LayoutSeat {
    fn from(
        LayoutSeatBorrowed {
            row_index,
            label,
            number,
            category,
            blocked,
            version,
        }: LayoutSeatBorrowed<'a>,
    ) -> Self {
        Self {
            row_index,
            label: label.into(),
            number,
            category,
            blocked,
            version,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct LayoutLock {
    pub id: i64,
    pub has_screenings: bool,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct TheaterQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TheaterBorrowed, tokio_postgres::Error>,
    mapper: fn(TheaterBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TheaterQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TheaterBorrowed) -> R) -> TheaterQuery<'c, 'a, 's, C, R, N> {
        TheaterQuery {
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
pub struct LayoutSeatQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LayoutSeatBorrowed, tokio_postgres::Error>,
    mapper: fn(LayoutSeatBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LayoutSeatQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LayoutSeatBorrowed) -> R,
    ) -> LayoutSeatQuery<'c, 'a, 's, C, R, N> {
        LayoutSeatQuery {
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
pub struct LayoutLockQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LayoutLock, tokio_postgres::Error>,
    mapper: fn(LayoutLock) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LayoutLockQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(LayoutLock) -> R) -> LayoutLockQuery<'c, 'a, 's, C, R, N> {
        LayoutLockQuery {
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
pub struct ListTheatersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_theaters() -> ListTheatersStmt {
    ListTheatersStmt(
        "SELECT id, name, city, capacity, version FROM theaters WHERE id > $1 ORDER BY id LIMIT $2",
        None,
    )
}
impl ListTheatersStmt {
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
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 2> {
        TheaterQuery {
            client,
            params: [after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TheaterBorrowed, tokio_postgres::Error> {
                    Ok(TheaterBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        city: row.try_get(2)?,
                        capacity: row.try_get(3)?,
                        version: row.try_get(4)?,
                    })
                },
            mapper: |it| Theater::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListTheatersParams,
        TheaterQuery<'c, 'a, 's, C, Theater, 2>,
        C,
    > for ListTheatersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListTheatersParams,
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 2> {
        self.bind(client, &params.after, &params.limit)
    }
}
pub struct GetTheaterStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_theater() -> GetTheaterStmt {
    GetTheaterStmt(
        "SELECT id, name, city, capacity, version FROM theaters WHERE id = $1",
        None,
    )
}
impl GetTheaterStmt {
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
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 1> {
        TheaterQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TheaterBorrowed, tokio_postgres::Error> {
                    Ok(TheaterBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        city: row.try_get(2)?,
                        capacity: row.try_get(3)?,
                        version: row.try_get(4)?,
                    })
                },
            mapper: |it| Theater::from(it),
        }
    }
}
pub struct InsertTheaterStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_theater() -> InsertTheaterStmt {
    InsertTheaterStmt(
        "INSERT INTO theaters (name, city, capacity) VALUES ($1, $2, $3) RETURNING id, name, city, capacity, version",
        None,
    )
}
impl InsertTheaterStmt {
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
        name: &'a T1,
        city: &'a T2,
        capacity: &'a i32,
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 3> {
        TheaterQuery {
            client,
            params: [name, city, capacity],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TheaterBorrowed, tokio_postgres::Error> {
                    Ok(TheaterBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        city: row.try_get(2)?,
                        capacity: row.try_get(3)?,
                        version: row.try_get(4)?,
                    })
                },
            mapper: |it| Theater::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertTheaterParams<T1, T2>,
        TheaterQuery<'c, 'a, 's, C, Theater, 3>,
        C,
    > for InsertTheaterStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertTheaterParams<T1, T2>,
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 3> {
        self.bind(client, &params.name, &params.city, &params.capacity)
    }
}
pub struct InsertLayoutStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_layout() -> InsertLayoutStmt {
    InsertLayoutStmt(
        "WITH inserted_rows AS ( INSERT INTO theater_rows (theater_id, row_index, label, seats) SELECT $1, r.row_index, r.label, r.seats FROM unnest($2::smallint[], $3::text[], $4::smallint[]) AS r (row_index, label, seats) ) INSERT INTO theater_seats (theater_id, row_index, number, category, blocked) SELECT $1, s.row_index, s.number, s.category, s.blocked FROM unnest($5::smallint[], $6::smallint[], $7::seat_category[], $8::boolean[]) AS s (row_index, number, category, blocked)",
        None,
    )
}
impl InsertLayoutStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::ArraySql<Item = i16>,
        T2: crate::StringSql,
        T3: crate::ArraySql<Item = T2>,
        T4: crate::ArraySql<Item = i16>,
        T5: crate::ArraySql<Item = i16>,
        T6: crate::ArraySql<Item = i16>,
        T7: crate::ArraySql<Item = crate::types::SeatCategory>,
        T8: crate::ArraySql<Item = bool>,
    >(
        &'s self,
        client: &'c C,
        theater_id: &'a i64,
        row_indexes: &'a T1,
        labels: &'a T3,
        row_seats: &'a T4,
        seat_rows: &'a T5,
        numbers: &'a T6,
        categories: &'a T7,
        blocked: &'a T8,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[
                    theater_id,
                    row_indexes,
                    labels,
                    row_seats,
                    seat_rows,
                    numbers,
                    categories,
                    blocked,
                ],
            )
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::ArraySql<Item = i16>,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::ArraySql<Item = i16>,
    T5: crate::ArraySql<Item = i16>,
    T6: crate::ArraySql<Item = i16>,
    T7: crate::ArraySql<Item = crate::types::SeatCategory>,
    T8: crate::ArraySql<Item = bool>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertLayoutParams<T1, T2, T3, T4, T5, T6, T7, T8>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertLayoutStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertLayoutParams<T1, T2, T3, T4, T5, T6, T7, T8>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.theater_id,
            &params.row_indexes,
            &params.labels,
            &params.row_seats,
            &params.seat_rows,
            &params.numbers,
            &params.categories,
            &params.blocked,
        ))
    }
}
pub struct GetLayoutStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_layout() -> GetLayoutStmt {
    GetLayoutStmt(
        "SELECT r.row_index, r.label, s.number, s.category, s.blocked, t.version FROM theater_rows r JOIN theater_seats s ON s.theater_id = r.theater_id AND s.row_index = r.row_index JOIN theaters t ON t.id = r.theater_id WHERE r.theater_id = $1 ORDER BY r.row_index, s.number",
        None,
    )
}
impl GetLayoutStmt {
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
        theater_id: &'a i64,
    ) -> LayoutSeatQuery<'c, 'a, 's, C, LayoutSeat, 1> {
        LayoutSeatQuery {
            client,
            params: [theater_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LayoutSeatBorrowed, tokio_postgres::Error> {
                    Ok(LayoutSeatBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        number: row.try_get(2)?,
                        category: row.try_get(3)?,
                        blocked: row.try_get(4)?,
                        version: row.try_get(5)?,
                    })
                },
            mapper: |it| LayoutSeat::from(it),
        }
    }
}
pub struct LockTheaterForLayoutStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_theater_for_layout() -> LockTheaterForLayoutStmt {
    LockTheaterForLayoutStmt(
        "SELECT t.id, EXISTS (SELECT 1 FROM screenings s WHERE s.theater_id = t.id) AS has_screenings FROM theaters t WHERE t.id = $1 FOR UPDATE",
        None,
    )
}
impl LockTheaterForLayoutStmt {
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
    ) -> LayoutLockQuery<'c, 'a, 's, C, LayoutLock, 1> {
        LayoutLockQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<LayoutLock, tokio_postgres::Error> {
                Ok(LayoutLock {
                    id: row.try_get(0)?,
                    has_screenings: row.try_get(1)?,
                })
            },
            mapper: |it| LayoutLock::from(it),
        }
    }
}
pub struct DeleteLayoutStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_layout() -> DeleteLayoutStmt {
    DeleteLayoutStmt("DELETE FROM theater_rows WHERE theater_id = $1", None)
}
impl DeleteLayoutStmt {
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
        theater_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[theater_id]).await
    }
}
pub struct SetCapacityStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn set_capacity() -> SetCapacityStmt {
    SetCapacityStmt(
        "UPDATE theaters SET capacity = $1 WHERE id = $2 RETURNING id, name, city, capacity, version",
        None,
    )
}
impl SetCapacityStmt {
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
        capacity: &'a i32,
        id: &'a i64,
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 2> {
        TheaterQuery {
            client,
            params: [capacity, id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TheaterBorrowed, tokio_postgres::Error> {
                    Ok(TheaterBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        city: row.try_get(2)?,
                        capacity: row.try_get(3)?,
                        version: row.try_get(4)?,
                    })
                },
            mapper: |it| Theater::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        SetCapacityParams,
        TheaterQuery<'c, 'a, 's, C, Theater, 2>,
        C,
    > for SetCapacityStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a SetCapacityParams,
    ) -> TheaterQuery<'c, 'a, 's, C, Theater, 2> {
        self.bind(client, &params.capacity, &params.id)
    }
}

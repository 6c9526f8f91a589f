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
#[derive(Debug, Clone, PartialEq)]
pub struct Theater {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub capacity: i32,
}
pub struct TheaterBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub city: &'a str,
    pub capacity: i32,
}
impl<'a> From<TheaterBorrowed<'a>> for Theater {
    fn from(
        TheaterBorrowed {
            id,
            name,
            city,
            capacity,
        }: TheaterBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            city: city.into(),
            capacity,
        }
    }
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
pub struct ListTheatersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_theaters() -> ListTheatersStmt {
    ListTheatersStmt(
        "SELECT id, name, city, capacity FROM theaters WHERE id > $1 ORDER BY id LIMIT $2",
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
        "SELECT id, name, city, capacity FROM theaters WHERE id = $1",
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
                    })
                },
            mapper: |it| Theater::from(it),
        }
    }
}
pub struct InsertTheaterStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_theater() -> InsertTheaterStmt {
    InsertTheaterStmt(
        "INSERT INTO theaters (name, city, capacity) VALUES ($1, $2, $3) RETURNING id, name, city, capacity",
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

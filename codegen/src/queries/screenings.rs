// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct ListScreeningsOfMovieParams {
    pub movie_id: i64,
    pub after: i64,
    pub theater_id: Option<i64>,
    pub starts_from: Option<chrono::DateTime<chrono::Utc>>,
    pub starts_before: Option<chrono::DateTime<chrono::Utc>>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListScreeningsInTheaterParams {
    pub theater_id: i64,
    pub after: i64,
    pub starts_from: Option<chrono::DateTime<chrono::Utc>>,
    pub starts_before: Option<chrono::DateTime<chrono::Utc>>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListScreeningsParams {
    pub after: i64,
    pub starts_from: Option<chrono::DateTime<chrono::Utc>>,
    pub starts_before: Option<chrono::DateTime<chrono::Utc>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct InsertScreeningParams<T1: crate::StringSql> {
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub price: i64,
    pub child_price: Option<i64>,
    pub senior_price: Option<i64>,
    pub student_price: Option<i64>,
    pub premium_surcharge: i64,
    pub currency: T1,
    pub movie_id: i64,
    pub theater_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    pub id: i64,
    pub movie_id: i64,
    pub theater_id: i64,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub price: i64,
    pub child_price: Option<i64>,
    pub senior_price: Option<i64>,
    pub student_price: Option<i64>,
    pub premium_surcharge: i64,
    pub currency: String,
    pub total_seats: i32,
    pub available_seats: i32,
    pub version: i64,
}
pub struct ScreeningBorrowed<'a> {
    pub id: i64,
    pub movie_id: i64,
    pub theater_id: i64,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub price: i64,
    pub child_price: Option<i64>,
    pub senior_price: Option<i64>,
    pub student_price: Option<i64>,
    pub premium_surcharge: i64,
    pub currency: &'a str,
    pub total_seats: i32,
    pub available_seats: i32,
    pub version: i64,
}
impl<'a> From<ScreeningBorrowed<'a>> for Screening {
    fn from(
        ScreeningBorrowed {
            id,
            movie_id,
            theater_id,
            starts_at,
            ends_at,
            price,
            child_price,
            senior_price,
            student_price,
            premium_surcharge,
            currency,
            total_seats,
            available_seats,
            version,
        }: ScreeningBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            movie_id,
            theater_id,
            starts_at,
            ends_at,
            price,
            child_price,
            senior_price,
            student_price,
            premium_surcharge,
            currency: currency.into(),
            total_seats,
            available_seats,
            version,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ScreeningQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ScreeningBorrowed, tokio_postgres::Error>,
    mapper: fn(ScreeningBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ScreeningQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ScreeningBorrowed) -> R) -> ScreeningQuery<'c, 'a, 's, C, R, N> {
        ScreeningQuery {
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
pub struct ListScreeningsOfMovieStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_screenings_of_movie() -> ListScreeningsOfMovieStmt {
    ListScreeningsOfMovieStmt(
        "SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats, available_seats, version FROM screenings_with_availability WHERE movie_id = $1 AND id > $2 AND ($3::bigint IS NULL OR theater_id = $3) AND ($4::timestamptz IS NULL OR starts_at >= $4) AND ($5::timestamptz IS NULL OR starts_at < $5) ORDER BY id LIMIT $6",
        None,
    )
}
impl ListScreeningsOfMovieStmt {
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
        movie_id: &'a i64,
        after: &'a i64,
        theater_id: &'a Option<i64>,
        starts_from: &'a Option<chrono::DateTime<chrono::Utc>>,
        starts_before: &'a Option<chrono::DateTime<chrono::Utc>>,
        limit: &'a i64,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 6> {
        ScreeningQuery {
            client,
            params: [
                movie_id,
                after,
                theater_id,
                starts_from,
                starts_before,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningBorrowed, tokio_postgres::Error> {
                    Ok(ScreeningBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        theater_id: row.try_get(2)?,
                        starts_at: row.try_get(3)?,
                        ends_at: row.try_get(4)?,
                        price: row.try_get(5)?,
                        child_price: row.try_get(6)?,
                        senior_price: row.try_get(7)?,
                        student_price: row.try_get(8)?,
                        premium_surcharge: row.try_get(9)?,
                        currency: row.try_get(10)?,
                        total_seats: row.try_get(11)?,
                        available_seats: row.try_get(12)?,
                        version: row.try_get(13)?,
                    })
                },
            mapper: |it| Screening::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListScreeningsOfMovieParams,
        ScreeningQuery<'c, 'a, 's, C, Screening, 6>,
        C,
    > for ListScreeningsOfMovieStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListScreeningsOfMovieParams,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 6> {
        self.bind(
            client,
            &params.movie_id,
            &params.after,
            &params.theater_id,
            &params.starts_from,
            &params.starts_before,
            &params.limit,
        )
    }
}
pub struct ListScreeningsInTheaterStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_screenings_in_theater() -> ListScreeningsInTheaterStmt {
    ListScreeningsInTheaterStmt(
        "SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats, available_seats, version FROM screenings_with_availability WHERE theater_id = $1 AND id > $2 AND ($3::timestamptz IS NULL OR starts_at >= $3) AND ($4::timestamptz IS NULL OR starts_at < $4) ORDER BY id LIMIT $5",
        None,
    )
}
impl ListScreeningsInTheaterStmt {
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
        after: &'a i64,
        starts_from: &'a Option<chrono::DateTime<chrono::Utc>>,
        starts_before: &'a Option<chrono::DateTime<chrono::Utc>>,
        limit: &'a i64,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 5> {
        ScreeningQuery {
            client,
            params: [theater_id, after, starts_from, starts_before, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningBorrowed, tokio_postgres::Error> {
                    Ok(ScreeningBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        theater_id: row.try_get(2)?,
                        starts_at: row.try_get(3)?,
                        ends_at: row.try_get(4)?,
                        price: row.try_get(5)?,
                        child_price: row.try_get(6)?,
                        senior_price: row.try_get(7)?,
                        student_price: row.try_get(8)?,
                        premium_surcharge: row.try_get(9)?,
                        currency: row.try_get(10)?,
                        total_seats: row.try_get(11)?,
                        available_seats: row.try_get(12)?,
                        version: row.try_get(13)?,
                    })
                },
            mapper: |it| Screening::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListScreeningsInTheaterParams,
        ScreeningQuery<'c, 'a, 's, C, Screening, 5>,
        C,
    > for ListScreeningsInTheaterStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListScreeningsInTheaterParams,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 5> {
        self.bind(
            client,
            &params.theater_id,
            &params.after,
            &params.starts_from,
            &params.starts_before,
            &params.limit,
        )
    }
}
pub struct ListScreeningsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_screenings() -> ListScreeningsStmt {
    ListScreeningsStmt(
        "SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats, available_seats, version FROM screenings_with_availability WHERE id > $1 AND ($2::timestamptz IS NULL OR starts_at >= $2) AND ($3::timestamptz IS NULL OR starts_at < $3) ORDER BY id LIMIT $4",
        None,
    )
}
impl ListScreeningsStmt {
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
        starts_from: &'a Option<chrono::DateTime<chrono::Utc>>,
        starts_before: &'a Option<chrono::DateTime<chrono::Utc>>,
        limit: &'a i64,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 4> {
        ScreeningQuery {
            client,
            params: [after, starts_from, starts_before, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningBorrowed, tokio_postgres::Error> {
                    Ok(ScreeningBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        theater_id: row.try_get(2)?,
                        starts_at: row.try_get(3)?,
                        ends_at: row.try_get(4)?,
                        price: row.try_get(5)?,
                        child_price: row.try_get(6)?,
                        senior_price: row.try_get(7)?,
                        student_price: row.try_get(8)?,
                        premium_surcharge: row.try_get(9)?,
                        currency: row.try_get(10)?,
                        total_seats: row.try_get(11)?,
                        available_seats: row.try_get(12)?,
                        version: row.try_get(13)?,
                    })
                },
            mapper: |it| Screening::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListScreeningsParams,
        ScreeningQuery<'c, 'a, 's, C, Screening, 4>,
        C,
    > for ListScreeningsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListScreeningsParams,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 4> {
        self.bind(
            client,
            &params.after,
            &params.starts_from,
            &params.starts_before,
            &params.limit,
        )
    }
}
pub struct GetScreeningStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_screening() -> GetScreeningStmt {
    GetScreeningStmt(
        "SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats, available_seats, version FROM screenings_with_availability WHERE id = $1",
        None,
    )
}
impl GetScreeningStmt {
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
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 1> {
        ScreeningQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningBorrowed, tokio_postgres::Error> {
                    Ok(ScreeningBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        theater_id: row.try_get(2)?,
                        starts_at: row.try_get(3)?,
                        ends_at: row.try_get(4)?,
                        price: row.try_get(5)?,
                        child_price: row.try_get(6)?,
                        senior_price: row.try_get(7)?,
                        student_price: row.try_get(8)?,
                        premium_surcharge: row.try_get(9)?,
                        currency: row.try_get(10)?,
                        total_seats: row.try_get(11)?,
                        available_seats: row.try_get(12)?,
                        version: row.try_get(13)?,
                    })
                },
            mapper: |it| Screening::from(it),
        }
    }
}
pub struct InsertScreeningStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_screening() -> InsertScreeningStmt {
    InsertScreeningStmt(
        "WITH screening AS ( INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats) SELECT m.id, t.id, $1::timestamptz, $1::timestamptz + make_interval(mins => m.duration_minutes), $2, $3, $4, $5, $6, $7, t.capacity FROM movies m, theaters t WHERE m.id = $8 AND t.id = $9 RETURNING id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats, version ), seats AS ( INSERT INTO screening_seats (screening_id, row_index, number, category, blocked) SELECT s.id, ts.row_index, ts.number, ts.category, ts.blocked FROM screening s JOIN theater_seats ts ON ts.theater_id = s.theater_id ) SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price, student_price, premium_surcharge, currency, total_seats, total_seats AS available_seats, version FROM screening",
        None,
    )
}
impl InsertScreeningStmt {
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
        starts_at: &'a chrono::DateTime<chrono::Utc>,
        price: &'a i64,
        child_price: &'a Option<i64>,
        senior_price: &'a Option<i64>,
        student_price: &'a Option<i64>,
        premium_surcharge: &'a i64,
        currency: &'a T1,
        movie_id: &'a i64,
        theater_id: &'a i64,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 9> {
        ScreeningQuery {
            client,
            params: [
                starts_at,
                price,
                child_price,
                senior_price,
                student_price,
                premium_surcharge,
                currency,
                movie_id,
                theater_id,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningBorrowed, tokio_postgres::Error> {
                    Ok(ScreeningBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        theater_id: row.try_get(2)?,
                        starts_at: row.try_get(3)?,
                        ends_at: row.try_get(4)?,
                        price: row.try_get(5)?,
                        child_price: row.try_get(6)?,
                        senior_price: row.try_get(7)?,
                        student_price: row.try_get(8)?,
                        premium_surcharge: row.try_get(9)?,
                        currency: row.try_get(10)?,
                        total_seats: row.try_get(11)?,
                        available_seats: row.try_get(12)?,
                        version: row.try_get(13)?,
                    })
                },
            mapper: |it| Screening::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertScreeningParams<T1>,
        ScreeningQuery<'c, 'a, 's, C, Screening, 9>,
        C,
    > for InsertScreeningStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertScreeningParams<T1>,
    ) -> ScreeningQuery<'c, 'a, 's, C, Screening, 9> {
        self.bind(
            client,
            &params.starts_at,
            &params.price,
            &params.child_price,
            &params.senior_price,
            &params.student_price,
            &params.premium_surcharge,
            &params.currency,
            &params.movie_id,
            &params.theater_id,
        )
    }
}

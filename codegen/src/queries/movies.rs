// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct ListMoviesParams {
    pub after: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct SearchMoviesParams<T1: crate::StringSql> {
    pub q: T1,
    pub after: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct InsertMovieParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub title: T1,
    pub description: T2,
    pub duration_minutes: i32,
    pub rating: T3,
    pub release_date: Option<chrono::NaiveDate>,
}
#[derive(Debug)]
pub struct UpdateMovieParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub title: Option<T1>,
    pub description: Option<T2>,
    pub duration_minutes: Option<i32>,
    pub rating: Option<T3>,
    pub set_release_date: bool,
    pub release_date: Option<chrono::NaiveDate>,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct SetFilmHireParams {
    pub movie_id: i64,
    pub percent_hundredths: i32,
    pub minimum_per_screening: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Movie {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub duration_minutes: i32,
    pub rating: String,
    pub release_date: Option<chrono::NaiveDate>,
    pub review_count: i64,
    pub average_rating: Option<f64>,
    pub version: i64,
}
pub struct MovieBorrowed<'a> {
    pub id: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub duration_minutes: i32,
    pub rating: &'a str,
    pub release_date: Option<chrono::NaiveDate>,
    pub review_count: i64,
    pub average_rating: Option<f64>,
    pub version: i64,
}
impl<'a> From<MovieBorrowed<'a>> for Movie {
    fn from(
        MovieBorrowed {
            id,
            title,
            description,
            duration_minutes,
            rating,
            release_date,
            review_count,
            average_rating,
            version,
        }: MovieBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            title: title.into(),
            description: description.into(),
            duration_minutes,
            rating: rating.into(),
            release_date,
            review_count,
            average_rating,
            version,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct MovieQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<MovieBorrowed, tokio_postgres::Error>,
    mapper: fn(MovieBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> MovieQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(MovieBorrowed) -> R) -> MovieQuery<'c, 'a, 's, C, R, N> {
        MovieQuery {
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
pub struct ListMoviesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_movies() -> ListMoviesStmt {
    ListMoviesStmt(
        "SELECT id, title, description, duration_minutes, rating, release_date, review_count, average_rating, version FROM movies_rated WHERE id > $1 ORDER BY id LIMIT $2",
        None,
    )
}
impl ListMoviesStmt {
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
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 2> {
        MovieQuery {
            client,
            params: [after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MovieBorrowed, tokio_postgres::Error> {
                Ok(MovieBorrowed {
                    id: row.try_get(0)?,
                    title: row.try_get(1)?,
                    description: row.try_get(2)?,
                    duration_minutes: row.try_get(3)?,
                    rating: row.try_get(4)?,
                    release_date: row.try_get(5)?,
                    review_count: row.try_get(6)?,
                    average_rating: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Movie::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListMoviesParams,
        MovieQuery<'c, 'a, 's, C, Movie, 2>,
        C,
    > for ListMoviesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListMoviesParams,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 2> {
        self.bind(client, &params.after, &params.limit)
    }
}
pub struct SearchMoviesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn search_movies() -> SearchMoviesStmt {
    SearchMoviesStmt(
        "SELECT id, title, description, duration_minutes, rating, release_date, review_count, average_rating, version FROM movies_rated WHERE title ILIKE '%' || replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl SearchMoviesStmt {
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
        q: &'a T1,
        after: &'a i64,
        limit: &'a i64,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 3> {
        MovieQuery {
            client,
            params: [q, after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MovieBorrowed, tokio_postgres::Error> {
                Ok(MovieBorrowed {
                    id: row.try_get(0)?,
                    title: row.try_get(1)?,
                    description: row.try_get(2)?,
                    duration_minutes: row.try_get(3)?,
                    rating: row.try_get(4)?,
                    release_date: row.try_get(5)?,
                    review_count: row.try_get(6)?,
                    average_rating: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Movie::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        SearchMoviesParams<T1>,
        MovieQuery<'c, 'a, 's, C, Movie, 3>,
        C,
    > for SearchMoviesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a SearchMoviesParams<T1>,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 3> {
        self.bind(client, &params.q, &params.after, &params.limit)
    }
}
pub struct GetMovieStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_movie() -> GetMovieStmt {
    GetMovieStmt(
        "SELECT id, title, description, duration_minutes, rating, release_date, review_count, average_rating, version FROM movies_rated WHERE id = $1",
        None,
    )
}
impl GetMovieStmt {
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
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 1> {
        MovieQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MovieBorrowed, tokio_postgres::Error> {
                Ok(MovieBorrowed {
                    id: row.try_get(0)?,
                    title: row.try_get(1)?,
                    description: row.try_get(2)?,
                    duration_minutes: row.try_get(3)?,
                    rating: row.try_get(4)?,
                    release_date: row.try_get(5)?,
                    review_count: row.try_get(6)?,
                    average_rating: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Movie::from(it),
        }
    }
}
pub struct InsertMovieStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_movie() -> InsertMovieStmt {
    InsertMovieStmt(
        "INSERT INTO movies (title, description, duration_minutes, rating, release_date) VALUES ($1, $2, $3, $4, $5) RETURNING id, title, description, duration_minutes, rating, release_date, 0::bigint AS review_count, NULL::float8 AS average_rating, version",
        None,
    )
}
impl InsertMovieStmt {
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
        title: &'a T1,
        description: &'a T2,
        duration_minutes: &'a i32,
        rating: &'a T3,
        release_date: &'a Option<chrono::NaiveDate>,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 5> {
        MovieQuery {
            client,
            params: [title, description, duration_minutes, rating, release_date],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MovieBorrowed, tokio_postgres::Error> {
                Ok(MovieBorrowed {
                    id: row.try_get(0)?,
                    title: row.try_get(1)?,
                    description: row.try_get(2)?,
                    duration_minutes: row.try_get(3)?,
                    rating: row.try_get(4)?,
                    release_date: row.try_get(5)?,
                    review_count: row.try_get(6)?,
                    average_rating: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Movie::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertMovieParams<T1, T2, T3>,
        MovieQuery<'c, 'a, 's, C, Movie, 5>,
        C,
    > for InsertMovieStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertMovieParams<T1, T2, T3>,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 5> {
        self.bind(
            client,
            &params.title,
            &params.description,
            &params.duration_minutes,
            &params.rating,
            &params.release_date,
        )
    }
}
pub struct UpdateMovieStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_movie() -> UpdateMovieStmt {
    UpdateMovieStmt(
        "WITH updated AS ( UPDATE movies SET title            = coalesce($1, title), description      = coalesce($2, description), duration_minutes = coalesce($3, duration_minutes), rating           = coalesce($4, rating), release_date     = CASE WHEN $5 THEN $6 ELSE release_date END WHERE id = $7 RETURNING id, title, description, duration_minutes, rating, release_date, version ) SELECT u.id, u.title, u.description, u.duration_minutes, u.rating, u.release_date, stats.review_count, stats.average_rating, u.version FROM updated u CROSS JOIN LATERAL ( SELECT count(*) AS review_count, avg(r.rating)::float8 AS average_rating FROM reviews r WHERE r.movie_id = u.id ) stats",
        None,
    )
}
impl UpdateMovieStmt {
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
        title: &'a Option<T1>,
        description: &'a Option<T2>,
        duration_minutes: &'a Option<i32>,
        rating: &'a Option<T3>,
        set_release_date: &'a bool,
        release_date: &'a Option<chrono::NaiveDate>,
        id: &'a i64,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 7> {
        MovieQuery {
            client,
            params: [
                title,
                description,
                duration_minutes,
                rating,
                set_release_date,
                release_date,
                id,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<MovieBorrowed, tokio_postgres::Error> {
                Ok(MovieBorrowed {
                    id: row.try_get(0)?,
                    title: row.try_get(1)?,
                    description: row.try_get(2)?,
                    duration_minutes: row.try_get(3)?,
                    rating: row.try_get(4)?,
                    release_date: row.try_get(5)?,
                    review_count: row.try_get(6)?,
                    average_rating: row.try_get(7)?,
                    version: row.try_get(8)?,
                })
            },
            mapper: |it| Movie::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpdateMovieParams<T1, T2, T3>,
        MovieQuery<'c, 'a, 's, C, Movie, 7>,
        C,
    > for UpdateMovieStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateMovieParams<T1, T2, T3>,
    ) -> MovieQuery<'c, 'a, 's, C, Movie, 7> {
        self.bind(
            client,
            &params.title,
            &params.description,
            &params.duration_minutes,
            &params.rating,
            &params.set_release_date,
            &params.release_date,
            &params.id,
        )
    }
}
pub struct MovieVersionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn movie_version() -> MovieVersionStmt {
    MovieVersionStmt("SELECT version FROM movies WHERE id = $1", None)
}
impl MovieVersionStmt {
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
pub struct DeleteMovieStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_movie() -> DeleteMovieStmt {
    DeleteMovieStmt("DELETE FROM movies WHERE id = $1", None)
}
impl DeleteMovieStmt {
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
pub struct SetFilmHireStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn set_film_hire() -> SetFilmHireStmt {
    SetFilmHireStmt(
        "INSERT INTO film_hire_terms (movie_id, percent_hundredths, minimum_per_screening) VALUES ($1, $2, $3) ON CONFLICT (movie_id) DO UPDATE SET percent_hundredths = EXCLUDED.percent_hundredths, minimum_per_screening = EXCLUDED.minimum_per_screening",
        None,
    )
}
impl SetFilmHireStmt {
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
        movie_id: &'a i64,
        percent_hundredths: &'a i32,
        minimum_per_screening: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[movie_id, percent_hundredths, minimum_per_screening],
            )
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SetFilmHireParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SetFilmHireStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SetFilmHireParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.movie_id,
            &params.percent_hundredths,
            &params.minimum_per_screening,
        ))
    }
}
pub struct ClearFilmHireStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn clear_film_hire() -> ClearFilmHireStmt {
    ClearFilmHireStmt("DELETE FROM film_hire_terms WHERE movie_id = $1", None)
}
impl ClearFilmHireStmt {
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
        movie_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[movie_id]).await
    }
}

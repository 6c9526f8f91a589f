// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertReviewParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub rating: i16,
    pub body: T1,
    pub movie_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListReviewsParams {
    pub movie_id: i64,
    pub before: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct DeleteReviewParams {
    pub id: i64,
    pub user_id: i64,
    pub is_admin: bool,
}
#[derive(Debug)]
pub struct InsertMessageParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub body: T1,
    pub review_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListMessagesParams {
    pub review_id: i64,
    pub after: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct DeleteMessageParams {
    pub id: i64,
    pub user_id: i64,
    pub is_admin: bool,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: i64,
    pub movie_id: i64,
    pub user_id: i64,
    pub username: String,
    pub rating: i16,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct ReviewBorrowed<'a> {
    pub id: i64,
    pub movie_id: i64,
    pub user_id: i64,
    pub username: &'a str,
    pub rating: i16,
    pub body: &'a str,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<ReviewBorrowed<'a>> for Review {
    fn from(
        ReviewBorrowed {
            id,
            movie_id,
            user_id,
            username,
            rating,
            body,
            created_at,
        }: ReviewBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            movie_id,
            user_id,
            username: username.into(),
            rating,
            body: body.into(),
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: i64,
    pub review_id: i64,
    pub user_id: i64,
    pub username: String,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct MessageBorrowed<'a> {
    pub id: i64,
    pub review_id: i64,
    pub user_id: i64,
    pub username: &'a str,
    pub body: &'a str,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<MessageBorrowed<'a>> for Message {
    fn from(
        MessageBorrowed {
            id,
            review_id,
            user_id,
            username,
            body,
            created_at,
        }: MessageBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            review_id,
            user_id,
            username: username.into(),
            body: body.into(),
            created_at,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ReviewQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ReviewBorrowed, tokio_postgres::Error>,
    mapper: fn(ReviewBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ReviewQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ReviewBorrowed) -> R) -> ReviewQuery<'c, 'a, 's, C, R, N> {
        ReviewQuery {
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
pub struct MessageQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<MessageBorrowed, tokio_postgres::Error>,
    mapper: fn(MessageBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> MessageQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(MessageBorrowed) -> R) -> MessageQuery<'c, 'a, 's, C, R, N> {
        MessageQuery {
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
pub struct InsertReviewStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_review() -> InsertReviewStmt {
    InsertReviewStmt(
        "WITH inserted AS ( INSERT INTO reviews (movie_id, user_id, rating, body) SELECT m.id, $1, $2, $3 FROM movies m WHERE m.id = $4 RETURNING id, movie_id, user_id, rating, body, created_at ) SELECT i.id, i.movie_id, i.user_id, u.username, i.rating, i.body, i.created_at FROM inserted i JOIN users u ON u.id = i.user_id",
        None,
    )
}
impl InsertReviewStmt {
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
        rating: &'a i16,
        body: &'a T1,
        movie_id: &'a i64,
    ) -> ReviewQuery<'c, 'a, 's, C, Review, 4> {
        ReviewQuery {
            client,
            params: [user_id, rating, body, movie_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ReviewBorrowed, tokio_postgres::Error> {
                    Ok(ReviewBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        username: row.try_get(3)?,
                        rating: row.try_get(4)?,
                        body: row.try_get(5)?,
                        created_at: row.try_get(6)?,
                    })
                },
            mapper: |it| Review::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertReviewParams<T1>,
        ReviewQuery<'c, 'a, 's, C, Review, 4>,
        C,
    > for InsertReviewStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertReviewParams<T1>,
    ) -> ReviewQuery<'c, 'a, 's, C, Review, 4> {
        self.bind(
            client,
            &params.user_id,
            &params.rating,
            &params.body,
            &params.movie_id,
        )
    }
}
pub struct ListReviewsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_reviews() -> ListReviewsStmt {
    ListReviewsStmt(
        "SELECT r.id, r.movie_id, r.user_id, u.username, r.rating, r.body, r.created_at FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.movie_id = $1 AND r.id < $2 ORDER BY r.id DESC LIMIT $3",
        None,
    )
}
impl ListReviewsStmt {
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
        before: &'a i64,
        limit: &'a i64,
    ) -> ReviewQuery<'c, 'a, 's, C, Review, 3> {
        ReviewQuery {
            client,
            params: [movie_id, before, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ReviewBorrowed, tokio_postgres::Error> {
                    Ok(ReviewBorrowed {
                        id: row.try_get(0)?,
                        movie_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        username: row.try_get(3)?,
                        rating: row.try_get(4)?,
                        body: row.try_get(5)?,
                        created_at: row.try_get(6)?,
                    })
                },
            mapper: |it| Review::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListReviewsParams,
        ReviewQuery<'c, 'a, 's, C, Review, 3>,
        C,
    > for ListReviewsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListReviewsParams,
    ) -> ReviewQuery<'c, 'a, 's, C, Review, 3> {
        self.bind(client, &params.movie_id, &params.before, &params.limit)
    }
}
pub struct MovieExistsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn movie_exists() -> MovieExistsStmt {
    MovieExistsStmt("SELECT EXISTS (SELECT 1 FROM movies WHERE id = $1)", None)
}
impl MovieExistsStmt {
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
    ) -> BoolQuery<'c, 'a, 's, C, bool, 1> {
        BoolQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct DeleteReviewStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_review() -> DeleteReviewStmt {
    DeleteReviewStmt(
        "DELETE FROM reviews WHERE id = $1 AND (user_id = $2 OR $3)",
        None,
    )
}
impl DeleteReviewStmt {
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
        user_id: &'a i64,
        is_admin: &'a bool,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id, user_id, is_admin]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        DeleteReviewParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for DeleteReviewStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a DeleteReviewParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.id, &params.user_id, &params.is_admin))
    }
}
pub struct InsertMessageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_message() -> InsertMessageStmt {
    InsertMessageStmt(
        "WITH inserted AS ( INSERT INTO messages (review_id, user_id, body) SELECT r.id, $1, $2 FROM reviews r WHERE r.id = $3 RETURNING id, review_id, user_id, body, created_at ) SELECT i.id, i.review_id, i.user_id, u.username, i.body, i.created_at FROM inserted i JOIN users u ON u.id = i.user_id",
        None,
    )
}
impl InsertMessageStmt {
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
        body: &'a T1,
        review_id: &'a i64,
    ) -> MessageQuery<'c, 'a, 's, C, Message, 3> {
        MessageQuery {
            client,
            params: [user_id, body, review_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<MessageBorrowed, tokio_postgres::Error> {
                    Ok(MessageBorrowed {
                        id: row.try_get(0)?,
                        review_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        username: row.try_get(3)?,
                        body: row.try_get(4)?,
                        created_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Message::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertMessageParams<T1>,
        MessageQuery<'c, 'a, 's, C, Message, 3>,
        C,
    > for InsertMessageStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertMessageParams<T1>,
    ) -> MessageQuery<'c, 'a, 's, C, Message, 3> {
        self.bind(client, &params.user_id, &params.body, &params.review_id)
    }
}
pub struct ListMessagesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_messages() -> ListMessagesStmt {
    ListMessagesStmt(
        "SELECT m.id, m.review_id, m.user_id, u.username, m.body, m.created_at FROM messages m JOIN users u ON u.id = m.user_id WHERE m.review_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3",
        None,
    )
}
impl ListMessagesStmt {
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
        review_id: &'a i64,
        after: &'a i64,
        limit: &'a i64,
    ) -> MessageQuery<'c, 'a, 's, C, Message, 3> {
        MessageQuery {
            client,
            params: [review_id, after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<MessageBorrowed, tokio_postgres::Error> {
                    Ok(MessageBorrowed {
                        id: row.try_get(0)?,
                        review_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        username: row.try_get(3)?,
                        body: row.try_get(4)?,
                        created_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Message::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListMessagesParams,
        MessageQuery<'c, 'a, 's, C, Message, 3>,
        C,
    > for ListMessagesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListMessagesParams,
    ) -> MessageQuery<'c, 'a, 's, C, Message, 3> {
        self.bind(client, &params.review_id, &params.after, &params.limit)
    }
}
pub struct ReviewExistsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn review_exists() -> ReviewExistsStmt {
    ReviewExistsStmt("SELECT EXISTS (SELECT 1 FROM reviews WHERE id = $1)", None)
}
impl ReviewExistsStmt {
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
    ) -> BoolQuery<'c, 'a, 's, C, bool, 1> {
        BoolQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct DeleteMessageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_message() -> DeleteMessageStmt {
    DeleteMessageStmt(
        "DELETE FROM messages WHERE id = $1 AND (user_id = $2 OR $3)",
        None,
    )
}
impl DeleteMessageStmt {
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
        user_id: &'a i64,
        is_admin: &'a bool,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id, user_id, is_admin]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        DeleteMessageParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for DeleteMessageStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a DeleteMessageParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.id, &params.user_id, &params.is_admin))
    }
}

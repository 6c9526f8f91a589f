// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertUserParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub username: T1,
    pub email: T2,
    pub full_name: T3,
    pub password_hash: T4,
    pub role: crate::types::UserRole,
}
#[derive(Debug)]
pub struct StartSessionParams<T1: crate::BytesSql> {
    pub user_id: i64,
    pub refresh_token_hash: T1,
    pub ttl_seconds: f64,
}
#[derive(Debug)]
pub struct RotateSessionParams<T1: crate::BytesSql, T2: crate::BytesSql> {
    pub old_token_hash: T1,
    pub new_token_hash: T2,
    pub ttl_seconds: f64,
}
#[derive(Clone, Copy, Debug)]
pub struct RevokeSessionParams {
    pub session_id: i64,
    pub user_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub full_name: String,
    pub role: crate::types::UserRole,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct UserBorrowed<'a> {
    pub id: i64,
    pub username: &'a str,
    pub email: &'a str,
    pub full_name: &'a str,
    pub role: crate::types::UserRole,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<UserBorrowed<'a>> for User {
    fn from(
        UserBorrowed {
            id,
            username,
            email,
            full_name,
            role,
            created_at,
        }: UserBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            username: username.into(),
            email: email.into(),
            full_name: full_name.into(),
            role,
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
}
pub struct CredentialsBorrowed<'a> {
    pub id: i64,
    pub password_hash: &'a str,
}
impl<'a> From<CredentialsBorrowed<'a>> for Credentials {
    fn from(CredentialsBorrowed { id, password_hash }: CredentialsBorrowed<'a>) -> Self {
        Self {
            id,
            password_hash: password_hash.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct UserSession {
    pub session_id: i64,
    pub session_expires_at: chrono::DateTime<chrono::Utc>,
    pub user_id: i64,
    pub username: String,
    pub email: String,
    pub full_name: String,
    pub role: crate::types::UserRole,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct UserSessionBorrowed<'a> {
    pub session_id: i64,
    pub session_expires_at: chrono::DateTime<chrono::Utc>,
    pub user_id: i64,
    pub username: &'a str,
    pub email: &'a str,
    pub full_name: &'a str,
    pub role: crate::types::UserRole,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<UserSessionBorrowed<'a>> for UserSession {
    fn from(
        UserSessionBorrowed {
            session_id,
            session_expires_at,
            user_id,
            username,
            email,
            full_name,
            role,
            created_at,
        }: UserSessionBorrowed<'a>,
    ) -> Self {
        Self {
            session_id,
            session_expires_at,
            user_id,
            username: username.into(),
            email: email.into(),
            full_name: full_name.into(),
            role,
            created_at,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct UserQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<UserBorrowed, tokio_postgres::Error>,
    mapper: fn(UserBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UserQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(UserBorrowed) -> R) -> UserQuery<'c, 'a, 's, C, R, N> {
        UserQuery {
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
pub struct CredentialsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CredentialsBorrowed, tokio_postgres::Error>,
    mapper: fn(CredentialsBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CredentialsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(CredentialsBorrowed) -> R,
    ) -> CredentialsQuery<'c, 'a, 's, C, R, N> {
        CredentialsQuery {
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
pub struct UserSessionQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<UserSessionBorrowed, tokio_postgres::Error>,
    mapper: fn(UserSessionBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UserSessionQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(UserSessionBorrowed) -> R,
    ) -> UserSessionQuery<'c, 'a, 's, C, R, N> {
        UserSessionQuery {
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
pub struct InsertUserStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_user() -> InsertUserStmt {
    InsertUserStmt(
        "INSERT INTO users (username, email, full_name, password_hash, role) VALUES ($1, $2, $3, $4, $5) RETURNING id, username, email, full_name, role, created_at",
        None,
    )
}
impl InsertUserStmt {
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
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        username: &'a T1,
        email: &'a T2,
        full_name: &'a T3,
        password_hash: &'a T4,
        role: &'a crate::types::UserRole,
    ) -> UserQuery<'c, 'a, 's, C, User, 5> {
        UserQuery {
            client,
            params: [username, email, full_name, password_hash, role],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    username: row.try_get(1)?,
                    email: row.try_get(2)?,
                    full_name: row.try_get(3)?,
                    role: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                })
            },
            mapper: |it| User::from(it),
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
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertUserParams<T1, T2, T3, T4>,
        UserQuery<'c, 'a, 's, C, User, 5>,
        C,
    > for InsertUserStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertUserParams<T1, T2, T3, T4>,
    ) -> UserQuery<'c, 'a, 's, C, User, 5> {
        self.bind(
            client,
            &params.username,
            &params.email,
            &params.full_name,
            &params.password_hash,
            &params.role,
        )
    }
}
pub struct GetUserStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_user() -> GetUserStmt {
    GetUserStmt(
        "SELECT id, username, email, full_name, role, created_at FROM users WHERE id = $1",
        None,
    )
}
impl GetUserStmt {
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
    ) -> UserQuery<'c, 'a, 's, C, User, 1> {
        UserQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    username: row.try_get(1)?,
                    email: row.try_get(2)?,
                    full_name: row.try_get(3)?,
                    role: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                })
            },
            mapper: |it| User::from(it),
        }
    }
}
pub struct FindCredentialsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_credentials() -> FindCredentialsStmt {
    FindCredentialsStmt(
        "SELECT id, password_hash FROM users WHERE lower(username) = lower($1)",
        None,
    )
}
impl FindCredentialsStmt {
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
        username: &'a T1,
    ) -> CredentialsQuery<'c, 'a, 's, C, Credentials, 1> {
        CredentialsQuery {
            client,
            params: [username],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CredentialsBorrowed, tokio_postgres::Error> {
                    Ok(CredentialsBorrowed {
                        id: row.try_get(0)?,
                        password_hash: row.try_get(1)?,
                    })
                },
            mapper: |it| Credentials::from(it),
        }
    }
}
pub struct StartSessionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn start_session() -> StartSessionStmt {
    StartSessionStmt(
        "WITH logged_in AS ( UPDATE users SET login_count = login_count + 1, last_login_at = now() WHERE id = $1 RETURNING id, username, email, full_name, role, created_at ), session AS ( INSERT INTO sessions (user_id, refresh_token_hash, expires_at) SELECT id, $2, now() + make_interval(secs => $3) FROM logged_in RETURNING id, expires_at ) SELECT session.id AS session_id, session.expires_at AS session_expires_at, u.id AS user_id, u.username, u.email, u.full_name, u.role, u.created_at FROM session, logged_in u",
        None,
    )
}
impl StartSessionStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        refresh_token_hash: &'a T1,
        ttl_seconds: &'a f64,
    ) -> UserSessionQuery<'c, 'a, 's, C, UserSession, 3> {
        UserSessionQuery {
            client,
            params: [user_id, refresh_token_hash, ttl_seconds],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<UserSessionBorrowed, tokio_postgres::Error> {
                    Ok(UserSessionBorrowed {
                        session_id: row.try_get(0)?,
                        session_expires_at: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        username: row.try_get(3)?,
                        email: row.try_get(4)?,
                        full_name: row.try_get(5)?,
                        role: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| UserSession::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        StartSessionParams<T1>,
        UserSessionQuery<'c, 'a, 's, C, UserSession, 3>,
        C,
    > for StartSessionStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a StartSessionParams<T1>,
    ) -> UserSessionQuery<'c, 'a, 's, C, UserSession, 3> {
        self.bind(
            client,
            &params.user_id,
            &params.refresh_token_hash,
            &params.ttl_seconds,
        )
    }
}
pub struct RotateSessionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn rotate_session() -> RotateSessionStmt {
    RotateSessionStmt(
        "WITH old AS ( UPDATE sessions SET revoked_at = now() WHERE refresh_token_hash = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING user_id, family_id ), session AS ( INSERT INTO sessions (user_id, refresh_token_hash, expires_at, family_id) SELECT user_id, $2, now() + make_interval(secs => $3), family_id FROM old RETURNING id, user_id, expires_at ) SELECT session.id AS session_id, session.expires_at AS session_expires_at, u.id AS user_id, u.username, u.email, u.full_name, u.role, u.created_at FROM session JOIN users u ON u.id = session.user_id",
        None,
    )
}
impl RotateSessionStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql, T2: crate::BytesSql>(
        &'s self,
        client: &'c C,
        old_token_hash: &'a T1,
        new_token_hash: &'a T2,
        ttl_seconds: &'a f64,
    ) -> UserSessionQuery<'c, 'a, 's, C, UserSession, 3> {
        UserSessionQuery {
            client,
            params: [old_token_hash, new_token_hash, ttl_seconds],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<UserSessionBorrowed, tokio_postgres::Error> {
                    Ok(UserSessionBorrowed {
                        session_id: row.try_get(0)?,
                        session_expires_at: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        username: row.try_get(3)?,
                        email: row.try_get(4)?,
                        full_name: row.try_get(5)?,
                        role: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    })
                },
            mapper: |it| UserSession::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql, T2: crate::BytesSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        RotateSessionParams<T1, T2>,
        UserSessionQuery<'c, 'a, 's, C, UserSession, 3>,
        C,
    > for RotateSessionStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a RotateSessionParams<T1, T2>,
    ) -> UserSessionQuery<'c, 'a, 's, C, UserSession, 3> {
        self.bind(
            client,
            &params.old_token_hash,
            &params.new_token_hash,
            &params.ttl_seconds,
        )
    }
}
pub struct RevokeReusedFamilyStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_reused_family() -> RevokeReusedFamilyStmt {
    RevokeReusedFamilyStmt(
        "UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND family_id = ( SELECT family_id FROM sessions WHERE refresh_token_hash = $1 AND revoked_at IS NOT NULL )",
        None,
    )
}
impl RevokeReusedFamilyStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::BytesSql>(
        &'s self,
        client: &'c C,
        token_hash: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[token_hash]).await
    }
}
pub struct RevokeSessionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_session() -> RevokeSessionStmt {
    RevokeSessionStmt(
        "UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM sessions WHERE id = $1 AND user_id = $2)",
        None,
    )
}
impl RevokeSessionStmt {
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
        session_id: &'a i64,
        user_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[session_id, user_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        RevokeSessionParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for RevokeSessionStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a RevokeSessionParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.session_id, &params.user_id))
    }
}
pub struct PurgeExpiredSessionsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_expired_sessions() -> PurgeExpiredSessionsStmt {
    PurgeExpiredSessionsStmt(
        "DELETE FROM sessions WHERE id = ANY(ARRAY( SELECT id FROM sessions WHERE expires_at < now() ORDER BY expires_at LIMIT $1))",
        None,
    )
}
impl PurgeExpiredSessionsStmt {
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
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[batch]).await
    }
}

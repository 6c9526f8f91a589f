// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct CallerRoleParams {
    pub session_id: i64,
    pub user_id: i64,
    pub grace_seconds: f64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct UserRoleQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<crate::types::UserRole, tokio_postgres::Error>,
    mapper: fn(crate::types::UserRole) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UserRoleQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(crate::types::UserRole) -> R,
    ) -> UserRoleQuery<'c, 'a, 's, C, R, N> {
        UserRoleQuery {
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
pub struct CallerRoleStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn caller_role() -> CallerRoleStmt {
    CallerRoleStmt(
        "SELECT u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.user_id = $2 AND EXISTS ( SELECT 1 FROM sessions f WHERE f.family_id = s.family_id AND f.expires_at > now() AND (f.revoked_at IS NULL OR f.revoked_at > now() - make_interval(secs => $3)) )",
        None,
    )
}
impl CallerRoleStmt {
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
        session_id: &'a i64,
        user_id: &'a i64,
        grace_seconds: &'a f64,
    ) -> UserRoleQuery<'c, 'a, 's, C, crate::types::UserRole, 3> {
        UserRoleQuery {
            client,
            params: [session_id, user_id, grace_seconds],
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
        CallerRoleParams,
        UserRoleQuery<'c, 'a, 's, C, crate::types::UserRole, 3>,
        C,
    > for CallerRoleStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CallerRoleParams,
    ) -> UserRoleQuery<'c, 'a, 's, C, crate::types::UserRole, 3> {
        self.bind(
            client,
            &params.session_id,
            &params.user_id,
            &params.grace_seconds,
        )
    }
}
